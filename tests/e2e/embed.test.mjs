// The widget on merchants' pages (public/examples/): one script tag under a strict
// Content-Security-Policy, two shops on a page, a hostile stylesheet, the launcher, and the
// JavaScript API with its events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, ADDRESS, serverAndBrowser, ShopPage } from './shop-page.mjs';

// What docs/ and the README tell merchants to send; no 'unsafe-inline' anywhere.
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const running = serverAndBrowser(async () => ({
  headers: (path) => (path.startsWith('/examples/') ? { 'content-security-policy': CSP } : {}),
}));

/** Opens an example page, recording page errors and every refusal by the policy. */
async function openExample(name, contextOptions = {}, initScript = null) {
  const context = await running.browser.newContext(contextOptions);
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  await page.goto(`${running.server.url}/examples/${name}`);
  return { context, page, problems };
}

test('one script tag on a plain page, under a strict CSP header: shop, order, hand-off', async () => {
  const { context, page, problems } = await openExample('plain.html');
  const response = await page.request.get(`${running.server.url}/examples/plain.html`);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the test server sends the policy');
  const shop = new ShopPage(page);
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartTotalValue(), '570.00');
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS, slot: '8–11 am' });
  const { text, number } = await shop.handoff();
  assert.equal(number, '919876543210');
  assert.match(text, /2 x Amul Butter \(500 g\): ₹570\.00\n/);
  assert.match(text, /\nSlot: 8–11 am\n/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test('the loader fetches the stylesheet and catalog while the widget downloads, once each', async () => {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const requested = [];
  let catalogAsked;
  const catalogRequested = new Promise((resolve) => (catalogAsked = resolve));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    requested.push(path);
    if (path === '/demo-catalog.json') catalogAsked(true);
  });
  // The widget's code is held back until the catalog is asked for (or 5 s pass): only the
  // loader can ask for it meanwhile.
  let heldUntilCatalog;
  await context.route('**/chatcart-widget_bg.wasm', async (route) => {
    heldUntilCatalog = await Promise.race([catalogRequested, new Promise((r) => setTimeout(() => r(false), 5000))]);
    await route.continue();
  });
  await page.goto(`${running.server.url}/examples/plain.html`);
  const shop = new ShopPage(page);
  await shop.say('amul butter');
  await shop.product('Amul Butter').waitFor();
  assert.equal(heldUntilCatalog, true, 'the catalog was asked for before the widget ran');
  const count = (path) => requested.filter((p) => p === path).length;
  assert.equal(count('/demo-catalog.json'), 1, requested.join('\n'));
  assert.equal(count('/chatcart.css'), 1, requested.join('\n'));

  // A link's ?catalog= is what both the loader and the widget load: here both shops fetch
  // it (each reads its own copy), and nothing else.
  requested.length = 0;
  await page.goto(`${running.server.url}/examples/two-shops.html?catalog=%2Fexamples%2Fbakery-catalog.json`);
  await new ShopPage(page, page.locator('#grocery')).say('pav');
  await page.locator('#grocery').getByRole('article', { name: 'Ladi Pav' }).waitFor();
  assert.ok(count('/examples/bakery-catalog.json') <= 2, requested.join('\n'));
  assert.equal(count('/demo-catalog.json'), 0, requested.join('\n'));
  await context.close();
});

test('two shops on one page keep their own carts, catalogs and numbers', async () => {
  const { context, page, problems } = await openExample('two-shops.html');
  const grocery = new ShopPage(page, page.locator('#grocery'));
  const bakery = new ShopPage(page, page.locator('#bakery'));
  await grocery.say('amul butter');
  await grocery.addToCart('Amul Butter');
  await bakery.say('pav');
  await bakery.addToCart('Ladi Pav');
  await bakery.addToCart('Ladi Pav');
  await grocery.scope.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await bakery.scope.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.equal(await bakery.conversation.getByText('Amul Butter').count(), 0, "the bakery doesn't sell butter");

  await bakery.openCart();
  assert.equal(await bakery.cartTotalValue(), '60.00');
  await bakery.checkout({ name: 'Asha Rao', phone: '9820012345', pickup: true });
  const { text, number } = await bakery.handoff();
  assert.equal(number, '919123456789');
  assert.match(text, /^New order CC-\w{6} for Lakshmi Bakery\n\n2 x Ladi Pav \(6 pcs\): ₹60\.00\n/);
  await grocery.scope.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test('a hostile stylesheet reaches neither in nor is reached from inside', async () => {
  const { context, page, problems } = await openExample('hostile.html');
  const shop = new ShopPage(page);
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  const style = (locator, property) => locator.evaluate((el, p) => getComputedStyle(el)[p], property);
  const input = shop.message;
  assert.ok(await input.isVisible(), 'the page hides every input and cc- class; not ours');
  assert.doesNotMatch(await style(input, 'fontFamily'), /Comic/);
  assert.equal(await style(shop.conversation, 'textTransform'), 'none');
  assert.equal(await style(shop.conversation, 'letterSpacing'), 'normal');
  assert.equal(await style(shop.conversation.locator('p').first(), 'backgroundColor'), 'rgba(0, 0, 0, 0)');

  // The page's own .cc-button keeps the page's look: the widget's rules stay inside.
  const own = page.getByRole('button', { name: "The page's own .cc-button" });
  assert.equal(await style(own, 'backgroundColor'), 'rgb(0, 0, 255)');
  assert.equal(await style(own, 'borderRadius'), '0px');
  const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href?.split('/').pop()));
  assert.deepEqual(sheets, ['hostile.css'], "the widget's stylesheet is not in the page's document");
  assert.deepEqual(problems, []);
  await context.close();
});

test('the launcher opens the pane and gives focus back when it closes', async () => {
  const { context, page, problems } = await openExample('launcher.html', { viewport: { width: 1280, height: 800 } });
  const launcher = page.getByRole('button', { name: 'Chat to order' });
  const pane = page.getByRole('dialog', { name: 'Sharma General Store' });
  await launcher.waitFor();
  assert.equal(await pane.isVisible(), false);
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  await launcher.focus();
  await page.keyboard.press('Enter');
  await pane.waitFor();
  assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
  assert.ok(await new ShopPage(page).message.evaluate((el) => el === el.getRootNode().activeElement), 'focus in the message box');
  assert.deepEqual(problems, []);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'hidden' });
  assert.ok(await launcher.evaluate((el) => el === el.getRootNode().activeElement), 'focus back on the launcher');
  await launcher.click();
  await pane.getByRole('button', { name: 'Close chat' }).click();
  await pane.waitFor({ state: 'hidden' });
  await context.close();
});

test('the JavaScript API: open, addToCart, close, and the cart and order events', async () => {
  // The shop's view is built a task after the shop opens: what the element holds the moment
  // the shop says it is mounted.
  const watchMounted = () =>
    document.addEventListener('chatcart:mounted', (event) => {
      window.drawnWhenMounted = event.target.shadowRoot?.querySelector('button') !== null;
    });
  const { context, page, problems } = await openExample('launcher.html', { viewport: { width: 1280, height: 800 } }, watchMounted);
  await page.evaluate(async () => {
    await window.chatcart.ready;
    window.heard = [];
    const element = document.querySelector('[data-chatcart]');
    element.addEventListener('chatcart:cart-change', (event) => window.heard.push(['cart', event.detail]));
    document.addEventListener('chatcart:order', (event) => window.heard.push(['order', event.detail]));
    element.chatcart.open();
  });
  assert.equal(await page.evaluate(() => window.drawnWhenMounted), true, 'the launcher is there when the shop is mounted');
  const pane = page.getByRole('dialog', { name: 'Sharma General Store' });
  await pane.waitFor();
  const shop = new ShopPage(page);
  await shop.conversation.getByText('Welcome to Sharma General Store!').waitFor();
  await page.waitForFunction(() => window.heard.some(([, d]) => d.subtotal !== null), null, { timeout: 10_000 });

  const added = await page.evaluate(() => {
    const api = document.querySelector('[data-chatcart]').chatcart;
    return [api.addToCart('amul-butter-500g', 2), api.addToCart('no-such-thing'), api.addToCart('amul-ghee-1l')];
  });
  assert.deepEqual(added, [true, false, false], 'added; unknown; out of stock');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  const cart = await page.evaluate(() => window.heard.filter(([kind]) => kind === 'cart').at(-1)[1]);
  assert.deepEqual(cart, {
    items: 2,
    lines: [{ retailer_id: 'amul-butter-500g', quantity: 2 }],
    subtotal: '570.00',
    currency: 'INR',
  });

  await shop.openCart();
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS });
  const { text } = await shop.handoff();
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();
  const order = await page.evaluate(() => window.heard.find(([kind]) => kind === 'order')?.[1]);
  assert.equal(order.reference, text.match(/New order (CC-\w{6})/)[1]);
  assert.equal(order.channel, 'whatsapp');
  assert.equal(order.total, '570.00');
  assert.equal(order.currency, 'INR');
  assert.equal(order.order.product_items[0].product_retailer_id, 'amul-butter-500g');

  await page.evaluate(() => document.querySelector('[data-chatcart]').chatcart.close());
  await pane.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await context.close();
});
