// Unit prices on product cards, rounded by the rule the merchant chose (data-rounding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, demoShopRoute, openShop, serverAndBrowser } from './shop-page.mjs';

const running = serverAndBrowser(async () => ({
  routes: {
    '/rounding-down.html': demoShopRoute({ rounding: 'down' }),
    '/rounding-nearest.html': demoShopRoute({ rounding: 'nearest' }),
  },
}));

const open = (path) => openShop(running.browser, running.server.url + path);

test('cards give the price per kg, litre or piece, rounded half-even by default', async () => {
  const { context, page, shop } = await open('/');
  await shop.say('lizol');
  // ₹219.00 for 975 ml: 224.615… per litre.
  const lizol = shop.product('Lizol Disinfectant Floor Cleaner Citrus');
  assert.match(await lizol.innerText(), /₹219\.00\s+was\s+₹239\.00\s+₹224\.62 per litre\n/);

  await shop.say('eggs');
  assert.match(await shop.product('Farm Fresh Brown Eggs').innerText(), /₹120\.00\s+₹10\.00 each\n/);
  await shop.say('maggi');
  // 4 x 70 g for ₹56.00.
  assert.match(await shop.product('Maggi 2-Minute Masala Noodles').innerText(), /₹56\.00\s+₹200\.00 per kg\n/);
  await shop.say('tata salt');
  const salt = await shop.product('Tata Salt').innerText();
  assert.doesNotMatch(salt, /per kg/, 'a 1 kg pack: the price already is the price per kg');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a shop that rounds down shows the lower unit price; line totals stay exact', async () => {
  const { context, shop } = await open('/rounding-down.html');
  await shop.say('lizol');
  const lizol = shop.product('Lizol Disinfectant Floor Cleaner Citrus');
  assert.match(await lizol.innerText(), /₹224\.61 per litre/);
  await shop.addToCart('Lizol Disinfectant Floor Cleaner Citrus');
  await shop.addToCart('Lizol Disinfectant Floor Cleaner Citrus');
  await shop.addToCart('Lizol Disinfectant Floor Cleaner Citrus');
  await shop.openCart();
  assert.equal(await shop.cartTotalValue(), '657.00');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('an unknown rounding rule is told to the merchant, and the shop rounds half-even', async () => {
  const { context, shop } = await open('/rounding-nearest.html');
  await shop.conversation
    .getByText(
      'Set-up problem: data-rounding: "nearest" is not a rounding rule: use half-even, half-up, half-down, up or down; using half-even',
    )
    .waitFor();
  await shop.say('lizol');
  assert.match(await shop.product('Lizol Disinfectant Floor Cleaner Citrus').innerText(), /₹224\.62 per litre/);
  assert.deepEqual(shop.errors, []);
  await context.close();
});
