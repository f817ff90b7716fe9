// The merchant's inbox in real Chromium on a 360 px phone, against the real receiver: sign
// in, see an order arrive without a reload, accept it with a time to delivery and get the
// customer's WhatsApp message, reject another with a reason, search by phone, print the
// packing slip, do it all by keyboard, and let axe look at every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { accessibilityViolations, launchChromium } from './shop-page.mjs';
import { setInboxUser, startReceiver } from './receiver.mjs';

const SHOP = 'https://shop.example';
const PASSWORD = 'kirana rocks 2026';
const PHONE_360 = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const SHOTS = '/tmp/inbox-shots';

let receiver;
let browser;
before(async () => {
  // The test makes more requests a minute from 127.0.0.1 than one shopper may.
  receiver = await startReceiver({ origin: SHOP, extra: ['--per-minute', '1000'] });
  setInboxUser(receiver.db, 'asha', PASSWORD);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await receiver?.stop();
});

/** An order of 2 atta 5 kg and 1 toor dal (693.00, delivered free under the demo shop's
 *  settings), as the widget sends it. */
function orderJson({ key, reference, name, phone, house = 'Flat 4B, Lotus Towers', notes = 'Ring twice.\nLeave with the guard if out.' }) {
  return JSON.stringify({
    schema: 'chatcart-order/3',
    reference,
    idempotency_key: key,
    created_at: new Date().toISOString(),
    store_name: 'Demo Kirana',
    catalog_version: 'fnv1a64:6ac3375d41e54788',
    currency: 'INR',
    product_items: [
      { product_retailer_id: 'aashirvaad-atta-5kg', title: 'Aashirvaad Whole Wheat Atta', options: '5 kg', quantity: 2, item_price: '249.00', line_total: '498.00', currency: 'INR' },
      { product_retailer_id: 'tata-toor-dal-1kg', title: 'Tata Sampann Toor Dal', options: '1 kg', quantity: 1, item_price: '195.00', line_total: '195.00', currency: 'INR' },
    ],
    subtotal: '693.00',
    shipping: '0.00',
    discount: null,
    total: '693.00',
    fulfilment: 'delivery',
    address: { house, area: 'Andheri West', city: 'Mumbai', region: 'Maharashtra', postal_code: '400053' },
    delivery_slot: null,
    payment: 'cash_on_delivery',
    customer: { name, phone, notes },
  });
}

/** Sends an order to the receiver as a shopper's widget does; resolves to its 201 answer. */
async function placeOrder(fields) {
  const answer = await fetch(receiver.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': fields.key },
    body: orderJson(fields),
  });
  assert.equal(answer.status, 201, await answer.clone().text());
  return answer.json();
}

/** What the shopper's device hears about its order. */
async function shoppersStatus(reference, secret) {
  const answer = await fetch(`${receiver.base}/orders/${reference}/status`, {
    headers: { Authorization: `Bearer ${secret}` },
  });
  assert.equal(answer.status, 200);
  return answer.json();
}

async function noViolations(page, what) {
  assert.deepEqual(await accessibilityViolations(page), [], what);
}

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${what} is ${width} px wide`);
}

async function signIn(page) {
  await page.goto(`${receiver.base}/inbox`);
  await page.getByLabel('Name').fill('asha');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
}

/** The text a wa.me link sends, and the number it goes to. */
async function whatsApp(link) {
  const url = new URL(await link.getAttribute('href'));
  assert.equal(url.host, 'wa.me');
  return { number: url.pathname.slice(1), text: url.searchParams.get('text') };
}

test('an order arrives live, is accepted with 30 minutes, and the customer can be told on WhatsApp', async () => {
  const context = await browser.newContext(PHONE_360);
  await context.grantPermissions(['notifications'], { origin: receiver.base });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(`${receiver.base}/inbox`);
  assert.match(page.url(), /\/inbox\/sign-in\?next=%2Finbox$/);
  await noViolations(page, 'sign-in page');
  await fitsThePhone(page, 'the sign-in page');
  await page.screenshot({ path: `${SHOTS}/sign-in-360.png` });
  await page.getByLabel('Name').fill('asha');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'The name or the password is wrong.' }).waitFor();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();

  // Chromium keeps a Secure cookie over http://127.0.0.1 (loopback counts as secure), and
  // sends it back: the list page came with it.
  const [cookie] = (await context.cookies()).filter((c) => c.name === 'chatcart_inbox');
  assert.deepEqual([cookie.secure, cookie.httpOnly, cookie.sameSite, cookie.path], [true, true, 'Strict', '/inbox']);
  await noViolations(page, 'empty list');

  await page.getByRole('button', { name: 'Turn on sound and notifications' }).click();
  await page.getByRole('button', { name: 'Sound and notifications are on' }).waitFor();

  // The order arrives while the page stays as it is.
  await page.evaluate(() => {
    window.stillTheSamePage = true;
  });
  const sentAt = Date.now();
  const placed = await placeOrder({ key: 'e2e-1', reference: 'CC-A5HA01', name: 'Asha Rao', phone: '+91 98200 12345' });
  await page.getByRole('status').filter({ hasText: 'New order CC-A5HA01 from Asha Rao' }).waitFor({ timeout: 8000 });
  const order = page.getByRole('link', { name: /CC-A5HA01/ });
  await order.waitFor();
  const waited = Date.now() - sentAt;
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'no reload');
  assert.match(await order.textContent(), /Asha Rao/);
  assert.match(await order.textContent(), /₹693\.00/);
  await noViolations(page, 'list with an order');
  await fitsThePhone(page, 'the list');
  await page.screenshot({ path: `${SHOTS}/list-360.png` });
  console.log(`new order shown ${waited} ms after it was sent`);

  await order.click();
  await page.getByRole('heading', { name: /Order CC-A5HA01/ }).waitFor();
  await noViolations(page, 'order page');
  await fitsThePhone(page, 'the order page');
  await page.screenshot({ path: `${SHOTS}/order-360.png`, fullPage: true });

  await page.getByLabel('Minutes to delivery (optional)').fill('30');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.getByText('Order CC-A5HA01 is now accepted.').waitFor();
  const tell = page.getByRole('link', { name: 'Tell the customer on WhatsApp' });
  assert.deepEqual(await whatsApp(tell), {
    number: '919820012345',
    text: 'Sharma General Store: order CC-A5HA01 — Accepted. Expected in about 30 minutes.',
  });
  // Focus is on the link, so the next tap or Enter sends it.
  assert.equal(await tell.evaluate((link) => link === document.activeElement), true);
  await noViolations(page, 'order page after accepting');
  await fitsThePhone(page, 'the accepted order');
  await page.screenshot({ path: `${SHOTS}/accepted-360.png` });

  // The shopper's device sees it.
  const status = await shoppersStatus('CC-A5HA01', placed.status_secret);
  assert.deepEqual(
    [status.status, status.order_status, status.ready_in_minutes],
    ['accepted', 'processing', 30],
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('an order is rejected with a reason, found by phone, and its packing slip printed', async () => {
  const context = await browser.newContext(PHONE_360);
  const page = await context.newPage();
  await signIn(page);
  // A house and notes typed without a space: the slip still fits the phone.
  const placed = await placeOrder({
    key: 'e2e-2',
    reference: 'CC-R4VK22',
    name: 'Ravi Kumar',
    phone: '9876501234',
    house: `Flat4B${'LotusTowers'.repeat(9)}`,
    notes: `Ring${'twice'.repeat(40)}`,
  });

  // Search by the phone's digits, written as the merchant would.
  await page.getByLabel('Search by reference, phone or name').fill('98765 01234');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText(/1 of \d+ orders match/).waitFor();
  const found = page.getByRole('list', { name: /match/ }).getByRole('link');
  assert.equal(await found.count(), 1);
  assert.match(await found.first().textContent(), /CC-R4VK22/);
  await noViolations(page, 'search results');

  await found.first().click();
  await page.getByRole('heading', { name: /Order CC-R4VK22/ }).waitFor();
  // The reason is required: the browser says so before anything is sent.
  await page.getByRole('button', { name: 'Reject' }).click();
  assert.equal(await page.getByLabel('Reason for rejecting').evaluate((input) => input.validity.valueMissing), true);
  await page.getByLabel('Reason for rejecting').fill('Out of toor dal today');
  await page.getByRole('button', { name: 'Reject' }).click();
  await page.getByText('Order CC-R4VK22 is now rejected.').waitFor();
  assert.deepEqual(await whatsApp(page.getByRole('link', { name: 'Tell the customer on WhatsApp' })), {
    number: '919876501234',
    text: 'Sharma General Store: order CC-R4VK22 — Rejected. Reason: Out of toor dal today',
  });
  const status = await shoppersStatus('CC-R4VK22', placed.status_secret);
  assert.deepEqual([status.status, status.order_status, status.reason], ['rejected', 'canceled', 'Out of toor dal today']);
  assert.equal(await page.getByRole('button', { name: 'Accept' }).count(), 0, 'nothing follows a rejection');

  await page.getByRole('link', { name: 'Packing slip' }).click();
  await page.getByRole('heading', { name: 'Sharma General Store: packing slip' }).waitFor();
  await page.getByRole('button', { name: 'Print' }).waitFor();
  const items = page.getByRole('table');
  assert.match(await items.textContent(), /Aashirvaad Whole Wheat Atta \(5 kg\)/);
  await page.getByText('Cash on delivery: collect ₹693.00').waitFor();
  await page.getByText('This order was rejected: do not pack it.').waitFor();
  await noViolations(page, 'packing slip');
  await fitsThePhone(page, 'the packing slip');
  await page.screenshot({ path: `${SHOTS}/slip-360.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false, 'no buttons on paper');
  await page.screenshot({ path: `${SHOTS}/slip-print.png`, fullPage: true });
  await context.close();
});

test('live updates refused by the server are said to have stopped, come back by themselves and miss nothing', async () => {
  const context = await browser.newContext(PHONE_360);
  const page = await context.newPage();
  // A busy proxy or receiver answers the stream with an error page: the browser gives up
  // on it for good.
  let refused = 0;
  await page.route('**/inbox/events?*', (route) => {
    refused += 1;
    return route.fulfill({ status: 503, contentType: 'text/html', body: '<p>Busy</p>' });
  });
  await signIn(page);
  await page.getByRole('status').filter({ hasText: 'Live updates stopped' }).waitFor();
  // What the live region says from now on, each text as it is set.
  await page.evaluate(() => {
    const live = document.getElementById('cc-live');
    window.said = [];
    new MutationObserver(() => window.said.push(live.textContent)).observe(live, { childList: true });
  });
  const placed = Date.now();
  await placeOrder({ key: 'e2e-4', reference: 'CC-BACK05', name: 'Meena Iyer', phone: '+91 98111 22233' });
  await page.unroute('**/inbox/events?*');
  // The order sent while they were away arrives as if they had never stopped.
  await page.getByRole('link', { name: /CC-BACK05/ }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await page.evaluate(() => window.said), [
    'Live updates are back.',
    'New order CC-BACK05 from Meena Iyer',
  ]);
  assert.ok(refused >= 1);
  console.log(`live updates back and the missed order shown ${Date.now() - placed} ms after it was sent`);
  await context.close();
});

test('a burst of orders redraws the list once, not once per order', async () => {
  const context = await browser.newContext(PHONE_360);
  const page = await context.newPage();
  await signIn(page);
  let redraws = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'fetch' && new URL(request.url()).pathname === '/inbox') redraws += 1;
  });
  const burst = [1, 2, 3, 4, 5].map((n) => ({ key: `e2e-burst-${n}`, reference: `CC-BRST0${n}`, name: `Shopper ${n}`, phone: '+91 98111 00000' }));
  await Promise.all(burst.map(placeOrder));
  for (const { reference } of burst) {
    await page.getByRole('link', { name: new RegExp(reference) }).waitFor({ timeout: 10_000 });
  }
  // One poll of the database finds them all, or two if the burst straddles one.
  assert.ok(redraws <= 2, `${redraws} redraws for ${burst.length} orders`);
  await context.close();
});

test('with the keyboard alone, the merchant signs in and accepts an order', async () => {
  await placeOrder({ key: 'e2e-3', reference: 'CC-KEYB04', name: 'Kiran Desai', phone: '+91 99000 11122' });
  const context = await browser.newContext(PHONE_360);
  const page = await context.newPage();
  await page.goto(`${receiver.base}/inbox`);
  /** Presses Tab until `wanted` has focus, and says how many presses it took. */
  async function tabTo(wanted, most = 40) {
    for (let presses = 1; presses <= most; presses += 1) {
      await page.keyboard.press('Tab');
      if (await wanted.evaluate((node) => node === document.activeElement)) {
        const outline = await wanted.evaluate((node) => getComputedStyle(node).outlineStyle);
        assert.notEqual(outline, 'none', 'focus is visible');
        return presses;
      }
    }
    assert.fail(`never reached ${wanted}`);
  }
  await tabTo(page.getByLabel('Name'));
  await page.keyboard.type('asha');
  await tabTo(page.getByLabel('Password'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  const presses = await tabTo(page.getByRole('link', { name: /CC-KEYB04/ }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /Order CC-KEYB04/ }).waitFor();
  const toAccept = await tabTo(page.getByRole('button', { name: 'Accept' }));
  await page.keyboard.press('Enter');
  await page.getByText('Order CC-KEYB04 is now accepted.').waitFor();
  assert.equal(
    await page.getByRole('link', { name: 'Tell the customer on WhatsApp' }).evaluate((link) => link === document.activeElement),
    true,
  );
  console.log(`keyboard: ${presses} Tab presses to the order, ${toAccept} to Accept`);
  await context.close();
});
