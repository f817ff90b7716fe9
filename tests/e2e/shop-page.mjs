// A page object for the widget, addressing it as a shopper does: by role, label and text;
// and the server and browser every test file starts.
import { before, after } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serveDist } from './server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serves dist/ (with `serverOptions()`, e.g. fault routes) and starts Chromium before
 *  a file's tests, and stops both after them. Returns `{ server, browser }`, set once started. */
export function serverAndBrowser(serverOptions = async () => ({})) {
  const started = {};
  before(async () => {
    started.server = await serveDist(await serverOptions());
    started.browser = await launchChromium();
  });
  after(async () => {
    await started.browser?.close();
    await started.server?.close();
  });
  return started;
}

export const PHONE = { viewport: { width: 390, height: 800 } };

/** Opens `url` in a new context (phone-sized unless `contextOptions` say otherwise), with
 *  the page's uncaught errors recorded on `shop.errors`. */
export async function openShop(browser, url, contextOptions = PHONE) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  await page.goto(url);
  return { context, page, shop };
}

/** A route (for `serveDist`'s `routes`) answering with a page that holds the demo shop
 *  configured by `attributes`, e.g. { rounding: 'down' } for data-rounding="down". */
export function demoShopRoute(attributes) {
  const data = Object.entries(attributes)
    .map(([name, value]) => ` data-${name}="${value}"`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sharma General Store</title>
    <script type="module" src="/chatcart.js"></script>
  </head>
  <body>
    <main>
      <h1>Sharma General Store</h1>
      <div data-chatcart data-whatsapp="+91 98765 43210" data-catalog="/demo-catalog.json"${data}></div>
    </main>
  </body>
</html>`;
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  };
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA violations axe-core finds on the page now, as "rule: target" lines. */
export async function accessibilityViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated through the DevTools protocol, so a page's strict CSP does not refuse it.
    await page.evaluate(await AXE_SOURCE);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** A delivery address in Bengaluru, in the form's parts. */
/** Holds the widget's main module back half a second wherever `target` (a browser context or
 *  a page) loads it, so that what is asked for meanwhile can only be the loader's doing.
 *  Resolves to a function telling whether it has arrived. */
export async function holdMainModule(target) {
  let arrived = false;
  await target.route('**/chatcart-widget_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
    arrived = true;
  });
  return () => arrived;
}

export const ADDRESS = { house: '12 MG Road', area: 'Indiranagar', city: 'Bengaluru', state: 'Karnataka', pin: '560038' };

export class ShopPage {
  /** `scope` narrows it to one shop of a page with several (a locator of its element). */
  constructor(page, scope = page) {
    this.page = page;
    this.scope = scope;
    this.conversation = scope.getByRole('log', { name: 'Conversation' });
    this.message = scope.getByRole('textbox', { name: 'Message' });
    this.cartButton = scope.getByRole('button', { name: /^Cart/ });
    this.suggestions = scope.getByRole('group', { name: 'Suggested replies' });
    this.cartTotal = scope.getByTestId('cart-total');
    this.whatsappLink = scope.getByRole('link', { name: 'Send order on WhatsApp' });
  }

  /** Collects uncaught page errors, so a test can assert there were none. */
  recordErrors() {
    this.errors = [];
    this.page.on('pageerror', (error) => this.errors.push(error.message));
  }

  async say(text) {
    await this.message.fill(text);
    await this.scope.getByRole('button', { name: 'Send' }).click();
  }

  async chooseSuggestion(name) {
    await this.suggestions.getByRole('button', { name, exact: true }).click();
  }

  product(title) {
    return this.conversation.getByRole('article', { name: title, exact: true }).last();
  }

  async addToCart(title) {
    await this.product(title).getByRole('button', { name: `Add ${title} to cart` }).click();
  }

  async openCart() {
    await this.cartButton.click();
  }

  /** The exact amount of one of the cart's figures ('subtotal', 'delivery', 'discount' or
   *  'total') once it is known: while the cart's prices are still arriving (a saved cart
   *  checked against a pack, say) it has no value yet, and a person waits. */
  async cartFigure(name) {
    const figure = this.scope.getByTestId(`cart-${name}`);
    await figure.and(this.scope.locator(':not([data-value=""])')).waitFor();
    return figure.getAttribute('data-value');
  }

  cartTotalValue() {
    return this.cartFigure('total');
  }

  field(label) {
    return this.scope.getByLabel(label, { exact: true });
  }

  /** Fills the checkout form as a shopper does; an address is an object of its parts.
   *  `pickup`: true chooses pickup, 'only' when the shop offers nothing else. */
  async fillCheckout({ name, phone, address = {}, notes, payment, pickup = false, slot, remember = false }) {
    if (pickup === true) await this.scope.getByRole('radio', { name: 'Pick up at the shop' }).check();
    await this.field('Name').fill(name);
    await this.field('Phone').fill(phone);
    if (!pickup) {
      await this.field('House or flat, building').fill(address.house ?? '');
      await this.field('Area or landmark (optional)').fill(address.area ?? '');
      await this.field('City').fill(address.city ?? '');
      await this.field('State').fill(address.state ?? '');
      await this.field('PIN code').fill(address.pin ?? '');
    }
    if (slot) await this.field('Delivery time').selectOption(slot);
    if (notes) await this.field('Notes (optional)').fill(notes);
    if (payment) await this.scope.getByRole('radio', { name: payment }).check();
    if (remember) await this.scope.getByRole('checkbox', { name: /^Remember my name/ }).check();
  }

  /** Opens checkout, fills it, reviews, and (unless `place` is false) places the order. */
  async checkout(details, { place = true } = {}) {
    await this.scope.getByRole('button', { name: 'Checkout', exact: true }).click();
    await this.fillCheckout(details);
    await this.scope.getByRole('button', { name: 'Review order' }).click();
    if (place) await this.scope.getByRole('button', { name: 'Place order' }).click();
  }

  /** The order text shown for review. */
  reviewText() {
    return this.scope.getByRole('region', { name: 'Review your order' }).locator('pre').innerText();
  }

  /** The decoded `text` of the wa.me link and the number it goes to. */
  async handoff() {
    const href = await this.whatsappLink.getAttribute('href');
    const url = new URL(href);
    return { href, host: url.host, number: url.pathname.slice(1), text: url.searchParams.get('text') };
  }
}
