// The widget's code in chunks (scripts/build-widget.sh): the first download holds what the
// chat needs, a product's details among it; the checkout's chunk (the cart's lines, the form,
// the review, the order's messages and QR code) is fetched once the cart has an item, the
// reader of whole catalogs only for a shop without a pack, the reader of what the device saved
// (with the code that sends orders) on a first visit only for an order; each once. A chunk that cannot be fetched is
// said, and fetched again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ADDRESS, holdMainModule, serverAndBrowser, ShopPage } from './shop-page.mjs';

const running = serverAndBrowser();

/** Waits (up to 5 s) until `condition()` (or the promise it returns) holds: unlike waiting
 *  for an event, what already happened counts. */
async function until(condition) {
  for (let waited = 0; !(await condition()) && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A new page recording, in order, the widget's code it fetches (its .wasm and .js files). */
async function openRecording({ phone = false, path = '/', prepare = async () => {} } = {}) {
  const requested = [];
  const context = await running.browser.newContext(
    phone ? { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } },
  );
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  await prepare(context);
  const page = await context.newPage();
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname;
    if (/\.(wasm|js)$/.test(file)) requested.push(file);
  });
  const shop = new ShopPage(page);
  shop.recordErrors();
  await page.goto(running.server.url + path);
  await page.evaluate(() => window.chatcart.ready);
  // split_<chunk>.wasm holds the code of the functions split off into it; chunk_<n>.wasm,
  // code several chunks share.
  const chunks = () => requested.filter((file) => /\/split_[^/]*\.wasm$/.test(file));
  return { context, page, shop, requested, chunks };
}

test('a chunk is fetched only when its code is about to run, and once', async () => {
  const { context, page, shop, requested, chunks } = await openRecording();
  assert.ok(requested.includes('/chatcart-widget_bg.wasm'), 'the main module');
  assert.ok(requested.includes('/__wasm_split.js'), 'the chunk loader (imported by chatcart-widget.js)');
  await shop.say('amul butter');
  await shop.product('Amul Butter').waitFor();
  assert.deepEqual(chunks(), [], 'the demo (a pack) greeted, searched and drew cards with the first download alone');

  await shop.addToCart('Amul Butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await until(() => chunks().length > 0);
  assert.deepEqual(chunks(), ['/split_checkout.wasm'], "the cart's and the checkout's code, once the cart has an item");
  await shop.openCart();
  await shop.scope.getByRole('button', { name: 'Checkout', exact: true }).waitFor();

  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS }, { place: false });
  await shop.scope.getByRole('button', { name: 'Place order' }).click();
  const qr = page.getByRole('img', { name: 'Send order on WhatsApp' });
  await qr.waitFor();
  assert.match(await qr.locator('path').getAttribute('d'), /^M4,4h1v1h-1z/, 'a finder pattern at the quiet zone');
  assert.deepEqual(chunks(), ['/split_checkout.wasm'], 'the QR code drawn by the checkout\'s chunk');

  // The order sent, a second one (the form made again): nothing is fetched again.
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS });
  await shop.whatsappLink.waitFor();
  assert.equal(chunks().length, 1, `no chunk twice: ${chunks()}`);
  const files = requested.filter((file) => file.endsWith('.wasm'));
  assert.equal(new Set(files).size, files.length, `nothing twice: ${files}`);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("a shop in Hindi fetches its words beside the main module, once; one in English none", async () => {
  // The main module is held back: only the loader can ask for the words before it arrives.
  let mainArrived;
  let wordsAskedEarly = false;
  const hindi = await openRecording({
    path: '/?locale=hi-IN',
    prepare: async (context) => {
      mainArrived = await holdMainModule(context);
      await context.route('**/split_words_hi.wasm', (route) => {
        wordsAskedEarly = !mainArrived();
        return route.continue();
      });
    },
  });
  await hindi.page.getByRole('group').getByRole('button', { name: 'नमस्ते', exact: true }).click();
  await hindi.page.getByRole('log').getByText('नमस्ते! यह Sharma General Store है।').waitFor();
  const words = hindi.requested.filter((file) => file.includes('split_words'));
  assert.deepEqual(words, ['/split_words_hi.wasm'], "asked for by the loader, and its preload is what the widget read");
  assert.ok(wordsAskedEarly, 'asked for while the main module was still on its way');
  assert.deepEqual(hindi.shop.errors, []);
  await hindi.context.close();

  const english = await openRecording();
  await english.shop.chooseSuggestion('Hi');
  await english.shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  assert.deepEqual(english.requested.filter((file) => file.includes('split_words')), []);
  await english.context.close();
});

test("a shop whose words cannot be fetched opens in English and says why in the console", async () => {
  const context = await running.browser.newContext();
  await context.route('**/split_words_nl.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const shop = new ShopPage(page);
  await page.goto(`${running.server.url}/?locale=nl`);
  await page.evaluate(() => window.chatcart.ready);
  await shop.chooseSuggestion('Hi');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  assert.ok(
    warnings.includes('chatcart: the words for nl could not be fetched; the shop speaks English'),
    warnings.join('\n'),
  );
  await context.close();
});

test("ready resolves though an element cannot hold a shop, and the page's other shop opens", async () => {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await context.route('**/two-shops.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two shops</title>
        <script type="module" src="/chatcart.js"></script></head><body>
        <ul data-chatcart data-catalog="/demo-catalog.json"></ul>
        <div id="own" data-chatcart data-catalog="/demo-catalog.json"></div>
        <div id="shop" data-chatcart data-whatsapp="+91 98765 43210" data-catalog="/demo-catalog.json"></div>
        <script>document.getElementById('own').attachShadow({ mode: 'open' });</script>
        </body></html>`,
    }),
  );
  await page.goto(`${running.server.url}/two-shops.html`);
  const ready = await page.evaluate(() =>
    Promise.race([window.chatcart.ready.then(() => 'ready'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000))]),
  );
  assert.equal(ready, 'ready');
  assert.ok(errors.some((text) => text.includes('this element cannot hold the shop')), errors.join('\n'));
  assert.equal(await page.evaluate(() => typeof document.getElementById('shop').chatcart), 'object');
  assert.equal(await page.evaluate(() => document.getElementById('own').chatcart), undefined, "the page's own shadow root is left alone");
  const shop = new ShopPage(page);
  await shop.chooseSuggestion('Hi');
  await shop.conversation.getByText(/^Namaste!/).waitFor();
  await context.close();
});

test('an empty cart says so without the chunk, even when the chunk cannot be had', async () => {
  const { context, page, shop, chunks } = await openRecording();
  await context.route('**/split_checkout.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await shop.say('hi');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  await shop.openCart();
  await shop.scope.getByText('Your cart is empty.').waitFor();
  await shop.scope.getByRole('button', { name: 'Browse categories' }).waitFor();
  assert.deepEqual(chunks(), [], 'no chunk for an empty cart');
  assert.equal(await shop.scope.getByRole('alert').count(), 0);
  await context.close();
});

test("a product's details are drawn at once, with no chunk, and followed into view", async () => {
  const { context, page, shop, chunks } = await openRecording({ phone: true });
  await shop.say('amul');
  await shop.product('Amul Butter').waitFor();
  assert.deepEqual(chunks(), []);
  await shop.conversation.getByRole('button', { name: 'Details of Amul Butter' }).click();
  const detail = shop.conversation.locator('article.cc-detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('aria-label'), 'Amul Butter');
  assert.deepEqual(chunks(), [], 'details need no chunk');
  // The chat scrolled on to the card's foot.
  const atFoot = () => shop.conversation.evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight < 2);
  await until(atFoot);
  assert.ok(await atFoot(), 'the chat follows the details to their foot');
  await detail.getByRole('button', { name: 'Add Amul Butter to cart' }).click();
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.conversation.getByRole('button', { name: 'Details of Amul Taaza Toned Milk' }).click();
  await shop.conversation.getByRole('article', { name: 'Amul Taaza Toned Milk' }).nth(1).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("behind a launcher, a cart filled from the page fetches the cart's code only once the pane opens", async () => {
  const { context, page, chunks } = await openRecording({ path: '/examples/launcher.html' });
  const added = await page.evaluate(async () => {
    const element = document.querySelector('[data-chatcart]');
    return element.chatcart.addToCart('amul-butter-500g');
  });
  assert.ok(added !== false, `added, or to be once the catalog is here: ${added}`);
  const launcher = page.getByRole('button', { name: 'Chat to order' });
  await launcher.getByText('1').waitFor();
  await until(() => chunks().includes('/split_read_whole.wasm'));
  // The catalog is here and the cart has an item: only the closed pane holds the chunk back.
  await page.waitForTimeout(500);
  assert.deepEqual(chunks(), ['/split_read_whole.wasm'], 'no cart code while the pane is closed');
  await launcher.click();
  await until(() => chunks().includes('/split_checkout.wasm'));
  assert.deepEqual(chunks(), ['/split_read_whole.wasm', '/split_checkout.wasm']);
  await context.close();
});

test('a whole catalog (not a pack) fetches its reader', async () => {
  const { context, shop, chunks } = await openRecording({ path: '/?catalog=demo-catalog.json' });
  await shop.say('amul butter');
  await shop.product('Amul Butter').waitFor();
  assert.deepEqual(chunks(), ['/split_read_whole.wasm']);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("the cart's code failing to arrive is said, its items kept, and Try again fetches it", async () => {
  const { context, page, shop } = await openRecording();
  let refused = 0;
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route('**/split_checkout.wasm', async (route) => {
    if (refused >= 2) return route.continue();
    // The cart's own request is held until "Loading…" has been seen.
    if (++refused === 2) await held;
    return route.fulfill({ status: 503, body: 'busy' });
  });
  // The chunk loader says why an attempt failed; until then the cart would share it.
  const aheadFailed = page.waitForEvent('console', (message) => /WebAssembly/.test(message.text()));
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await aheadFailed;
  assert.equal(refused, 1, 'fetched ahead once the cart has an item');
  await shop.openCart();
  await shop.scope.getByRole('status').getByText('Loading…').waitFor();
  release();
  const alert = shop.scope.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), "The cart couldn't load. Check your connection and try again; its items are kept.");
  assert.equal(refused, 2, 'asked for again by the cart');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.scope.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).waitFor();
  // The keyboard's place is kept: focus is on what came instead of the button.
  const focused = () => page.evaluate(() => document.querySelector('[data-chatcart]').shadowRoot.activeElement?.className);
  await until(async () => (await focused()) === 'cc-chunk');
  assert.equal(await focused(), 'cc-chunk');
  await shop.scope.getByRole('button', { name: 'Checkout', exact: true }).click();
  await shop.field('Name').fill('Asha Rao');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("a returning shopper's saved cart is read by a chunk the loader asks for beside the main module", async () => {
  const { context, page, shop, requested } = await openRecording();
  // A visit that changed nothing keeps nothing: the next one has nothing to read either.
  await shop.say('hi');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  await page.reload();
  await page.evaluate(() => window.chatcart.ready);
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.ok(!requested.includes('/split_saved_and_sent.wasm'), 'a first visit has nothing saved to read');

  // Back in the same browser, the main module held back: only the loader can ask for the
  // reader before it arrives.
  const mainArrived = await holdMainModule(context);
  let readerAskedEarly = false;
  const sharedAskedLate = [];
  await context.route('**/split_saved_and_sent.wasm', (route) => {
    readerAskedEarly = !mainArrived();
    return route.continue();
  });
  // The code the reader shares with other chunks is asked for with it.
  await context.route(/\/chunk_\d+\.wasm$/, (route) => {
    if (mainArrived()) sharedAskedLate.push(new URL(route.request().url()).pathname);
    return route.continue();
  });
  const before = requested.length;
  await page.reload();
  await page.evaluate(() => window.chatcart.ready);
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  const readers = requested.slice(before).filter((file) => file === '/split_saved_and_sent.wasm');
  assert.deepEqual(readers, ['/split_saved_and_sent.wasm'], "asked for by the loader, and its preload is what the widget read");
  assert.ok(readerAskedEarly, 'asked for while the main module was still on its way');
  // Which shared code is the reader's, as the build wrote it into the loader.
  const loader = await readFile(new URL('../../dist/chatcart.js', import.meta.url), 'utf8');
  const shared = loader
    .match(/\bsaved_and_sent"?:\[([\d,]*)\]/)[1]
    .split(',')
    .filter(Boolean)
    .map((n) => `/chunk_${n}.wasm`);
  assert.ok(shared.length > 0, 'the reader shares code with other chunks');
  for (const file of shared) assert.ok(requested.slice(before).includes(file), `${file} fetched`);
  assert.deepEqual(sharedAskedLate.filter((file) => shared.includes(file)), [], 'none of it waited for the main module');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('saved data whose reader cannot be fetched is said, tried again, and kept meanwhile', async () => {
  const { context, page, shop } = await openRecording();
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  const savedCart = () =>
    page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('chatcart:v1:cart:'))?.[1]);
  const cart = await savedCart();
  assert.match(cart, /amul-butter/);

  let refused = 0;
  let reachable = false;
  await context.route('**/split_saved_and_sent.wasm', (route) => {
    if (reachable) return route.continue();
    refused += 1;
    return route.fulfill({ status: 503, body: 'busy' });
  });
  await page.reload();
  await page
    .locator('[data-chatcart]')
    .getByText(
      "What you saved on this device (your cart, orders and details) couldn't load yet. Check your connection; the shop tries again by itself.",
    )
    .waitFor();
  assert.ok(refused >= 1);
  reachable = true;
  // Tried again within a few seconds (2 s, then 4 s, ...), the shop opens with the cart.
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor({ timeout: 20_000 });
  await shop.openCart();
  await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).waitFor();
  await context.close();
});

test("another tab's cart, read while this tab changed its own, gives way to the newer save in both", async () => {
  const context = await running.browser.newContext();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const asked = [];
  await context.route('**/split_saved_and_sent.wasm', async (route) => {
    asked.push(route.request().frame().page());
    await held;
    return route.continue();
  });
  const tab = async () => {
    const page = await context.newPage();
    const shop = new ShopPage(page);
    shop.recordErrors();
    await page.goto(running.server.url);
    await page.evaluate(() => window.chatcart.ready);
    return { page, shop };
  };
  const first = await tab();
  const second = await tab();
  await second.shop.say('1 amul butter');
  await second.page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  // The first tab reads that save with a chunk it has not fetched yet, held here; meanwhile
  // its shopper fills its own cart, and that save is the newest.
  await until(() => asked.includes(first.page));
  await first.shop.say('2 atta 5kg');
  await first.page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  const answered = first.page.waitForEvent('requestfinished', (request) => request.url().endsWith('/split_saved_and_sent.wasm'));
  release();
  await answered;
  await second.page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  // What the first tab does with the late read cannot be waited for when it does nothing:
  // half a second more for its chunk to start and the read to be taken in, or not.
  await first.page.waitForTimeout(500);
  await first.shop.openCart();
  await first.page.getByRole('button', { name: /^Increase quantity of Aashirvaad/ }).waitFor();
  assert.equal(await first.page.getByRole('button', { name: 'Cart, 2 items' }).count(), 1);
  assert.equal(
    await first.page.getByRole('button', { name: /^Increase quantity of Amul Butter/ }).count(),
    0,
    'the older save read late is not taken in',
  );
  assert.deepEqual([...first.shop.errors, ...second.shop.errors], []);
  await context.close();
});
