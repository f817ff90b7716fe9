// The saved cart: shared by a shop's tabs, checked against the catalog on return, and
// never a crash when what was saved is damaged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ADDRESS, serverAndBrowser, ShopPage } from './shop-page.mjs';

const CART_KEY = 'chatcart:v1:cart:demo-catalog.json';

const running = serverAndBrowser();

async function newTab(context) {
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  // The demo shop with its catalog as JSON, which these tests rewrite.
  await page.goto(`${running.server.url}/?catalog=demo-catalog.json`);
  return { page, shop };
}

test('two tabs of the same shop stay in step', async () => {
  const context = await running.browser.newContext();
  const first = await newTab(context);
  const second = await newTab(context);
  await first.shop.say('butter');
  await first.shop.addToCart('Amul Butter');
  await second.page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await second.shop.openCart();
  await second.page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).click();
  await first.page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.deepEqual([...first.shop.errors, ...second.shop.errors], []);
  await context.close();
});

test('a damaged saved cart is set aside with a notice, and the shop works', async () => {
  const context = await running.browser.newContext();
  await context.addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, '{"lines": [oops');
      sessionStorage.setItem('seeded', '1');
    }
  }, CART_KEY);
  const { page, shop } = await newTab(context);
  await shop.conversation.getByText("Your saved cart couldn't be read").waitFor();
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  assert.equal(
    await page.evaluate(() => localStorage.getItem('chatcart:v1:cart-set-aside:demo-catalog.json')),
    '{"lines": [oops',
    'the damaged text is kept, not lost',
  );
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('on return, changed prices and items no longer sold are told to the shopper', async () => {
  const context = await running.browser.newContext();
  const { page, shop } = await newTab(context);
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await shop.say('maggi');
  await shop.addToCart('Maggi 2-Minute Masala Noodles');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();

  // The merchant raises the butter price and stops selling Maggi.
  const catalog = JSON.parse(await readFile(new URL('../../public/demo-catalog.json', import.meta.url), 'utf8'));
  catalog.products.find((p) => p.id === 'amul-butter-500g').price = '290.00';
  catalog.products = catalog.products.filter((p) => p.id !== 'maggi-noodles-4');
  await page.route('**/demo-catalog.json', (route) => route.fulfill({ json: catalog }));
  await page.reload();

  await shop.conversation
    .getByText(
      'Since your last visit: Amul Butter (500 g) now costs ₹290.00 (it was ₹285.00). ' +
        'Maggi 2-Minute Masala Noodles (4 x 70 g) is no longer sold here and was removed.',
    )
    .waitFor();
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '290.00');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('storage full: the cart lives in memory, the shopper is told, and checkout still works', async () => {
  const context = await running.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const { page, shop } = await newTab(context);
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  // Said when there is a cart to save (an empty one is not kept).
  await shop.conversation.getByText("This browser won't let me save your cart").waitFor();
  await shop.openCart();
  await shop.checkout({ name: 'Asha', phone: '9820012345', address: ADDRESS });
  const { text } = await shop.handoff();
  assert.match(text, /1 x Amul Butter \(500 g\): ₹285\.00\n\nSubtotal: ₹285\.00\nDelivery: ₹30\.00\nTotal: ₹315\.00/);
  assert.equal((await shop.conversation.getByText("This browser won't let me save your cart").count()), 1, 'said once');
  assert.deepEqual(shop.errors, []);
  await context.close();
});
