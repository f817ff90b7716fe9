// The shop's own terms from its settings file: delivery fees and free delivery, a minimum
// order, offer codes, where it delivers; shown as the shopper shops and carried by the order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { accessibilityViolations, ADDRESS, openShop, serverAndBrowser } from './shop-page.mjs';
import { endpointShopPage, startReceiver } from './receiver.mjs';

/** A page with the demo shop whose settings file is at `settings`. */
function pageWithSettings(settings) {
  return async (req, res) => {
    const html = (await readFile(new URL('../../dist/index.html', import.meta.url), 'utf8')).replace(
      'data-settings="demo-shop.json"',
      `data-settings="${settings}"`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  };
}

// Mumbai's PIN codes only, ₹40 there; pickup from ₹0.
const ZONES = JSON.stringify({
  schema: 'chatcart-shop/1',
  delivery: { zones: [{ name: 'Mumbai', pin_codes: ['400'], fee: '40' }] },
});

let endpoint;
// Delivery from ₹300; pickup takes any order.
const MINIMUMS = JSON.stringify({
  schema: 'chatcart-shop/1',
  delivery: { zones: [{ fee: '40', minimum_order: '300' }] },
});

// Right but for an offer that takes nothing off.
const BAD_OFFER = JSON.stringify({
  schema: 'chatcart-shop/1',
  name: 'Sharma Kirana',
  offers: [{ code: 'NOTHING', amount_off: '0' }],
});

const running = serverAndBrowser(async () => ({
  routes: {
    '/minimums.html': pageWithSettings('/minimums.json'),
    '/minimums.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(MINIMUMS),
    '/endpoint-shop.html': endpointShopPage(() => endpoint),
    '/zones.html': pageWithSettings('/zones.json'),
    '/zones.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(ZONES),
    '/lost-settings.html': pageWithSettings('/no-such-shop.json'),
    '/bad-offer.html': pageWithSettings('/bad-offer.json'),
    '/bad-offer.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(BAD_OFFER),
  },
}));

const open = (path = '/') => openShop(running.browser, running.server.url + path);

/** The cart's four figures, exact. */
async function figures(shop) {
  return {
    subtotal: await shop.cartFigure('subtotal'),
    delivery: await shop.cartFigure('delivery'),
    discount: await shop.cartFigure('discount'),
    total: await shop.cartFigure('total'),
  };
}

test('the demo shop: minimum order, delivery until free, and WELCOME10 from ₹500', async () => {
  const { context, page, shop } = await open();
  await shop.say('bisleri');
  await shop.addToCart('Bisleri Mineral Water');
  await shop.openCart();
  assert.deepEqual(await figures(shop), { subtotal: '20.00', delivery: '30.00', discount: '0.00', total: '50.00' });
  const checkout = page.getByRole('button', { name: 'Checkout', exact: true });
  await page.getByText('The minimum order is ₹100.00: add ₹80.00 more to check out.').waitFor();
  assert.equal(await checkout.isDisabled(), true);

  // The cart stays open while the shopper types.
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.equal(await shop.cartFigure('total'), '335.00');
  await page.getByText('Free delivery from ₹499.00: add ₹194.00 more.').waitFor();
  assert.equal(await checkout.isDisabled(), false);

  await shop.field('Offer code').fill('welcome10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('WELCOME10 is for carts of ₹500.00 or more: add ₹195.00 more.').waitFor();
  assert.equal(await shop.cartFigure('discount'), '0.00');
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).click();
  // 20 + 2 x 285 = 590: free delivery, 10 % off is 59.00.
  await page.getByText('WELCOME10 applied.').waitFor();
  assert.deepEqual(await figures(shop), { subtotal: '590.00', delivery: '0.00', discount: '59.00', total: '531.00' });
  assert.equal(await page.getByTestId('cart-delivery').innerText(), 'Free');
  assert.equal(await page.getByText('Discount (WELCOME10)').count(), 1);

  await shop.field('Offer code').fill('FREE50');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('FREE50 is not an offer of this shop.').waitFor();
  assert.equal(await shop.cartFigure('total'), '590.00');
  await shop.field('Offer code').fill('WELCOME10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('WELCOME10 applied.').waitFor();

  await shop.checkout({ name: 'Asha', phone: '9820012345', address: ADDRESS });
  const { text } = await shop.handoff();
  assert.match(text, /Discount \(WELCOME10\): −₹59\.00\nTotal: ₹531\.00\n/);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a PIN code the shop does not deliver to is said as it is typed, and pickup is offered', async () => {
  const { context, page, shop } = await open('/zones.html');
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('delivery'), '40.00');
  assert.equal(await page.getByText('Delivery (Mumbai)').count(), 1);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  await shop.field('PIN code').fill('110001');
  await page.getByText("We don't deliver to 110001 yet; you can pick up at the shop.").waitFor();
  assert.equal(await shop.field('PIN code').getAttribute('aria-invalid'), 'true');
  await shop.field('PIN code').fill('400053');
  await page.getByText("We don't deliver to 110001 yet").waitFor({ state: 'detached' });
  assert.equal(await shop.field('PIN code').getAttribute('aria-invalid'), 'false');
  await shop.field('PIN code').fill('110001');
  await page.getByRole('radio', { name: 'Pick up at the shop' }).check();
  await shop.fillCheckout({ name: 'Asha', phone: '9820012345', pickup: true });
  await page.getByRole('button', { name: 'Review order' }).click();
  assert.match(await shop.reviewText(), /Total: ₹285\.00/);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a settings file that cannot be had: the shopper can shop, the order waits, the merchant is told', async () => {
  const { context, page, shop } = await open('/lost-settings.html');
  await shop.conversation.getByText(/Set-up problem: data-settings "\/no-such-shop\.json"/).waitFor();
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '570.00');
  await page.getByText(/The order can't be sent yet: the shop's delivery charges and offers could not be loaded/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Checkout', exact: true }).isDisabled(), true);
  await page.reload();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('terms the merchant got wrong: the shop opens with the name in the file, the problem is told once the cart has an item, the order waits', async () => {
  const { context, page, shop } = await open('/bad-offer.html');
  await page.getByRole('heading', { name: 'Sharma Kirana' }).waitFor();
  // The terms are read with the checkout's code, which comes once the cart has an item.
  assert.equal(await shop.conversation.getByText(/Set-up problem/).count(), 0);
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.conversation
    .getByText('Set-up problem: data-settings "/bad-offer.json": line 1, column 93: amount_off: "0" takes nothing off; give more than 0; orders cannot be placed until the file is fixed (chatcart check shows what is wrong)')
    .waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '570.00');
  await page.getByText(/The order can't be sent yet: the shop's delivery charges and offers could not be loaded/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Checkout', exact: true }).isDisabled(), true);
  assert.equal(await shop.conversation.getByText(/Set-up problem/).count(), 1, 'told once');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('an order with a code goes to the receiver, which prices delivery and discount as the page did', async () => {
  const receiver = await startReceiver({ origin: running.server.url });
  endpoint = receiver.url;
  try {
    const { context, page, shop } = await open('/endpoint-shop.html');
    await shop.say('2 atta 5kg');
    await shop.say('1 amul butter');
    await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
    await shop.openCart();
    await shop.field('Offer code').fill('WELCOME10');
    await page.getByRole('button', { name: 'Apply' }).click();
    // 2 x 249 + 285 = 783: free delivery; 10 % is 78.30, at most 70.
    await page.getByText('WELCOME10 applied.').waitFor();
    assert.deepEqual(await figures(shop), { subtotal: '783.00', delivery: '0.00', discount: '70.00', total: '713.00' });
    await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS, slot: '5–8 pm' });
    await shop.conversation.getByText(/The shop received order CC-\w{6} as #1\./).waitFor();
    const [order] = receiver.orders();
    assert.equal(order.total, '713.00');
    assert.equal(order.order.subtotal, '783.00');
    assert.equal(order.order.shipping, '0.00');
    assert.deepEqual(order.order.discount, { amount: '70.00', code: 'WELCOME10' });
    assert.deepEqual(shop.errors, []);
    await context.close();
  } finally {
    await receiver.stop();
  }
});

test('a minimum for delivery only: checkout opens, says it, and pickup takes the order', async () => {
  const { context, page, shop } = await open('/minimums.html');
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('total'), '325.00');
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  await page.getByText('The minimum order is ₹300.00: add ₹15.00 more to check out.').waitFor();
  await page.getByRole('radio', { name: 'Pick up at the shop' }).check();
  await page.getByText('The minimum order is ₹300.00').waitFor({ state: 'detached' });
  await shop.fillCheckout({ name: 'Asha', phone: '9820012345', pickup: true });
  await page.getByRole('button', { name: 'Review order' }).click();
  assert.match(await shop.reviewText(), /Total: ₹285\.00/);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(shop.errors, []);
  await context.close();
});
