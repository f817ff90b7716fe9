// Orders sent to the merchant's endpoint, with faults injected at the network: in every case
// exactly one order lands in the receiver's SQLite database and the shopper sees its state.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessibilityViolations, ADDRESS, holdMainModule, serverAndBrowser, ShopPage } from './shop-page.mjs';
import { DEMO_CATALOG, DEMO_UPI_ID as UPI_ID, endpointShopPage, startReceiver } from './receiver.mjs';

// The demo page, configured with the receiver of the test that is running.
let endpoint;
const running = serverAndBrowser(async () => ({
  routes: { '/endpoint-shop.html': endpointShopPage(() => endpoint) },
}));

let receiver;
beforeEach(async () => {
  receiver = await startReceiver({ origin: running.server.url });
  endpoint = receiver.url;
});
afterEach(() => receiver.stop());

/** A fresh shopper with one butter and one atta in the cart, at the checkout's review. */
async function shopperAtReview({ payment = 'Cash on delivery', beforeLoad } = {}) {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  const posts = [];
  page.on('request', (request) => {
    if (request.url() === endpoint && request.method() === 'POST') posts.push(Date.now());
  });
  if (beforeLoad) await beforeLoad(page);
  await page.goto(`${running.server.url}/endpoint-shop.html`);
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await shop.say('2 atta 5kg');
  await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  await shop.openCart();
  await shop.checkout(
    { name: 'Asha Rao', phone: '9820012345', address: ADDRESS, slot: '5–8 pm', payment },
    { place: false },
  );
  await page.getByRole('button', { name: 'Place order' }).waitFor();
  const reference = (await shop.reviewText()).match(/New order (CC-\w{6})/)[1];
  return { context, page, shop, posts, reference };
}

/** Only the POSTs of orders, so CORS preflights pass untouched. */
function routeOrders(page, handler) {
  return page.route(endpoint, (route) =>
    route.request().method() === 'POST' ? handler(route) : route.continue(),
  );
}

async function receivedAs(shop, reference, number) {
  await shop.conversation.getByText(`The shop received order ${reference} as #${number}.`).waitFor();
}

function assertOneOrder(reference, total = '783.00') {
  const orders = receiver.orders();
  assert.equal(orders.length, 1, JSON.stringify(orders));
  assert.equal(orders[0].reference, reference);
  assert.equal(orders[0].total, total);
  return orders[0];
}

test('an order reaches the receiver, re-priced, with delivery, slot and UPI; the shopper can pay', async () => {
  const { context, page, shop, reference } = await shopperAtReview({ payment: 'UPI' });
  await page.getByRole('button', { name: 'Place order' }).click();
  await receivedAs(shop, reference, 1);
  const order = assertOneOrder(reference).order;
  assert.deepEqual(
    order.product_items.map((i) => [i.product_retailer_id, i.quantity, i.item_price]),
    [['amul-butter-500g', 1, '285.00'], ['aashirvaad-atta-5kg', 2, '249.00']],
  );
  assert.equal(order.payment, 'upi');
  assert.equal(order.delivery_slot, '5–8 pm');
  assert.equal(order.address.postal_code, '560038');

  const pay = page.getByRole('link', { name: 'Pay ₹783.00 with UPI' });
  const upi = new URL(await pay.getAttribute('href'));
  assert.equal(upi.protocol, 'upi:');
  assert.equal(upi.searchParams.get('pa'), UPI_ID);
  assert.equal(upi.searchParams.get('am'), '783.00');
  assert.equal(upi.searchParams.get('cu'), 'INR');
  assert.equal(upi.searchParams.get('tr'), reference);
  await page.getByRole('img', { name: 'Pay ₹783.00 with UPI' }).waitFor(); // its QR code, on a desktop
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('server down, then up: kept on the device, retried with backoff, stored once', async () => {
  const { context, page, shop, posts, reference } = await shopperAtReview();
  let refused = 0;
  await routeOrders(page, (route) => (refused++ < 2 ? route.abort('connectionrefused') : route.continue()));
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation.getByText(`Not sent yet: the shop's server didn't answer. Order ${reference} is kept on this device`).waitFor();
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.equal(posts.length, 3);
  assert.ok(posts[2] - posts[1] >= posts[1] - posts[0] - 50, `waits grow: ${posts}`);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a 503 storm with Retry-After: each wait is what the server asked, then one order', async () => {
  const { context, page, shop, posts, reference } = await shopperAtReview();
  let busy = 0;
  await routeOrders(page, (route) =>
    busy++ < 3
      ? route.fulfill({
          status: 503,
          headers: {
            'Retry-After': '2',
            'Access-Control-Allow-Origin': running.server.url,
            'Access-Control-Expose-Headers': 'Retry-After',
          },
          body: '{"error":"busy"}',
        })
      : route.continue(),
  );
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation.getByText('trying again in 2 s').waitFor();
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.equal(posts.length, 4);
  for (let i = 1; i < posts.length; i++) assert.ok(posts[i] - posts[i - 1] >= 1900, `Retry-After honoured: ${posts}`);
  await context.close();
});

test('the response is lost after the server stored the order: the retry gets the same order back', async () => {
  const { context, page, shop, posts, reference } = await shopperAtReview();
  let lost = false;
  await routeOrders(page, async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch(); // reaches the receiver, which commits
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Place order' }).click();
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.equal(posts.length, 2, 'sent twice, stored once');
  await context.close();
});

test('offline, then online: waits for the connection and sends once', async () => {
  const { context, page, shop, reference } = await shopperAtReview();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation
    .getByText(`Not sent yet: you're offline. Order ${reference} is kept on this device and will be sent as soon as you're back online.`)
    .waitFor();
  assert.equal(receiver.orders().length, 0);
  await context.setOffline(false);
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  await context.close();
});

test('reloaded while the order was queued: sent after the reload, once', async () => {
  const { context, page, shop, reference } = await shopperAtReview();
  await routeOrders(page, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation.getByText(`Order ${reference} is kept on this device`).waitFor();
  await page.unroute(endpoint);
  // The main module held back: only the loader can ask for the sending code before it.
  const mainArrived = await holdMainModule(page);
  const asked = [];
  await page.route('**/split_saved_and_sent.wasm', (route) => {
    asked.push(mainArrived() ? 'after the main module' : 'beside the main module');
    return route.continue();
  });
  await page.reload();
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.deepEqual(asked, ['beside the main module'], 'asked for by the loader, and its preload is what the widget used');
  await page.reload();
  await shop.conversation.getByText('Welcome to Sharma General Store!').waitFor();
  assert.equal(await shop.conversation.getByText(reference).count(), 0, 'nothing left to send');
  assertOneOrder(reference);
  await context.close();
});

test("reloaded while queued, the order's message code failing to arrive: said, sent anyway, shown on Try again", async () => {
  const { context, page, shop, reference } = await shopperAtReview();
  await routeOrders(page, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation.getByText(`Order ${reference} is kept on this device`).waitFor();
  await page.unroute(endpoint);
  // After the reload the order's message needs the checkout's chunk, which does not come.
  await page.route('**/split_checkout.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.reload();
  await shop.conversation
    .getByRole('alert')
    .getByText("Your order is saved, but its message couldn't load. Check your connection and try again.")
    .waitFor();
  // Sending is not the checkout chunk's work: the order goes through without it.
  for (let waited = 0; receiver.orders().length === 0 && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assertOneOrder(reference);
  await page.unroute('**/split_checkout.wasm');
  await shop.conversation.getByRole('button', { name: 'Try again' }).click();
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("the code that sends orders comes while the checkout is filled in; while it cannot, the order waits, then goes once", async () => {
  let reachable = false;
  let refused = 0;
  const { context, page, shop, reference } = await shopperAtReview({
    beforeLoad: (page) =>
      page.route('**/split_saved_and_sent.wasm', (route) => {
        if (reachable) return route.continue();
        refused += 1;
        return route.fulfill({ status: 503, body: 'busy' });
      }),
  });
  assert.equal(refused, 1, 'asked for ahead, at the checkout, before Place order');
  await page.getByRole('button', { name: 'Place order' }).click();
  // Said as a try the network failed, and tried again.
  await shop.conversation
    .getByText(`Not sent yet: the shop's server didn't answer. Order ${reference} is kept on this device; trying again in 2 s.`)
    .waitFor();
  assert.equal(refused, 2, 'asked for again by Place order');
  assert.equal(receiver.orders().length, 0);
  reachable = true;
  // Tried again within a few seconds (2 s, then 4 s, ...): the order goes, once.
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a double click on Place order sends one order', async () => {
  const { context, page, shop, posts, reference } = await shopperAtReview();
  // Two presses before the page has changed at all (a real double click lets the panel close
  // in between, which alone would hide the second).
  await page.getByRole('button', { name: 'Place order' }).evaluate((button) => {
    button.click();
    button.click();
  });
  await receivedAs(shop, reference, 1);
  assertOneOrder(reference);
  assert.equal(posts.length, 1);
  await context.close();
});

test('after the last try fails, the same order goes on WhatsApp and never also to the server', async () => {
  const { context, page, shop, posts, reference } = await shopperAtReview({
    beforeLoad: (page) => page.clock.install(),
  });
  await routeOrders(page, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Place order' }).click();
  const notSent = shop.conversation.getByText(`Not sent: the shop's server can't be reached right now. Order ${reference}`);
  while (!(await notSent.isVisible())) await page.clock.runFor(5_000);
  assert.equal(posts.length, 7);
  await page.getByRole('button', { name: 'Send on WhatsApp instead' }).click();
  const { text } = await shop.handoff();
  assert.match(text, new RegExp(`^New order ${reference} for Sharma General Store\n`));
  assert.match(text, /Total: ₹783\.00\nPayment: Cash on delivery\n/);
  await shop.conversation.getByText(`${reference}: This order goes through WhatsApp instead`).waitFor();

  await page.unroute(endpoint);
  await page.reload();
  await shop.conversation.getByText('Welcome to Sharma General Store!').waitFor();
  await page.clock.runFor(60_000);
  assert.equal(receiver.orders().length, 0, 'the outbox let go of it');
  await context.close();
});

test('prices changed on the server: refused with its reason, and WhatsApp offered', async () => {
  await receiver.stop();
  const catalog = JSON.parse(await readFile(DEMO_CATALOG, 'utf8'));
  catalog.products.find((p) => p.id === 'amul-butter-500g').price = '295.00';
  const changed = join(await mkdtemp(join(tmpdir(), 'chatcart-catalog-')), 'catalog.json');
  await writeFile(changed, JSON.stringify(catalog));
  receiver = await startReceiver({ origin: running.server.url, catalog: changed });
  endpoint = receiver.url;

  const { context, page, shop, reference } = await shopperAtReview();
  await page.getByRole('button', { name: 'Place order' }).click();
  await shop.conversation
    .getByText(
      `The shop's server didn't accept order ${reference} (order refused: line 1, amul-butter-500g: the price is 285.00, the shop charges 295.00;`,
    )
    .waitFor();
  assert.equal(receiver.orders().length, 0);
  await page.getByRole('button', { name: 'Send on WhatsApp instead' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0, 'trying again cannot help');
  await context.close();
});
