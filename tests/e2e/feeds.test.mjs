// Product feeds load in the browser from a URL: the real DMart feed, and a feed with variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { accessibilityViolations, serverAndBrowser, ShopPage } from './shop-page.mjs';

export const DMART_FEED = new URL('../../../shared/data/feed-dmart.csv', import.meta.url);

const SHIRTS = [
  'id\ttitle\tprice\tsale_price\tavailability\titem_group_id\tsize\tcolor\tproduct_type\tdescription',
  'TS-M\tCotton T-shirt\t499.00 INR\t\tin stock\tTS\tM\tBlue\tClothing > T-shirts\tSoft combed cotton, regular fit.',
  'TS-L\tCotton T-shirt\t549.00 INR\t499.00 INR\tin stock\tTS\tL\tBlue\tClothing > T-shirts\tSoft combed cotton, regular fit.',
  'TS-XL\tCotton T-shirt\t549.00 INR\t\tout of stock\tTS\tXL\tBlue\tClothing > T-shirts\tSoft combed cotton, regular fit.',
  'CAP-1\tCanvas Cap\t299.00 INR\t\tpreorder\t\t\t\tClothing > Caps\t',
].join('\n');

const running = serverAndBrowser(async () => {
  const dmart = await readFile(DMART_FEED);
  const send = (body, type) => (req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  return {
    routes: {
      '/feeds/dmart.csv': send(dmart, 'text/csv; charset=utf-8'),
      '/feeds/shirts.tsv': send(SHIRTS, 'text/tab-separated-values; charset=utf-8'),
    },
  };
});

async function open(query) {
  const context = await running.browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(`${running.server.url}/${query}`);
  return { context, page, shop, console };
}

test('the 6,387-item DMart feed loads from a URL; search, add and total work on it', async () => {
  const { context, page, shop, console } = await open('?catalog=/feeds/dmart.csv');
  await shop.say('premia badam');
  await shop.conversation.getByText(/^Found \d+ products for "premia badam"$/).waitFor();
  const almonds = shop.product('Premia Badam (Almonds) 500 gm');
  const text = (await almonds.textContent()).replace(/\s+/g, ' ');
  assert.match(text, /₹329\.00 was ₹451\.00/);
  await almonds.getByRole('button', { name: 'Add Premia Badam (Almonds) 500 gm to cart' }).click();
  await almonds.getByRole('button', { name: 'Add Premia Badam (Almonds) 500 gm to cart' }).click();
  await shop.openCart();
  assert.equal(await shop.cartTotalValue(), '658.00');
  const report = console.find((line) => line.startsWith('chatcart: catalog /feeds/dmart.csv'));
  assert.match(report, /6387 products read in \d+ ms/);
  assert.match(report, /feed report: 6387 rows: 6387 loaded as 6387 products in 31 categories, 0 skipped, 3 warnings/);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('variants: the shopper picks a size; out-of-stock sizes say so; preorders are flagged', async () => {
  const { context, page, shop } = await open('?catalog=/feeds/shirts.tsv');
  await shop.say('shirt');
  const shirt = shop.product('Cotton T-shirt');
  const size = shirt.getByRole('combobox', { name: 'Size and colour of Cotton T-shirt' });
  await size.waitFor();
  assert.deepEqual(await size.locator('option').allTextContents(), ['M, Blue', 'L, Blue', 'XL, Blue (out of stock)']);
  await size.selectOption({ label: 'L, Blue' });
  assert.match((await shirt.textContent()).replace(/\s+/g, ' '), /₹499\.00 was ₹549\.00/);
    await shirt.getByRole('button', { name: 'Add Cotton T-shirt to cart' }).click();
  assert.deepEqual(await accessibilityViolations(page), [], 'axe-core on the variant picker');
  await size.selectOption({ label: 'XL, Blue (out of stock)' });
  await shirt.getByText('Out of stock', { exact: true }).waitFor();
  assert.equal(await shirt.getByRole('button', { name: 'Add Cotton T-shirt to cart' }).count(), 0);

  await shop.say('cap');
  const cap = shop.product('Canvas Cap');
  await cap.getByText('Pre-order: delivered when it arrives').waitFor();
  await cap.getByRole('button', { name: 'Add Canvas Cap to cart' }).click();

  await shop.openCart();
  const shirtLine = page.getByRole('listitem').filter({ hasText: 'Cotton T-shirt' });
  await shirtLine.getByText('L, Blue', { exact: true }).waitFor();
  await shirtLine.getByText('₹499.00', { exact: true }).waitFor();
  const capLine = page.getByRole('listitem').filter({ hasText: 'Canvas Cap' });
  await capLine.getByText('₹299.00', { exact: true }).waitFor();
  assert.equal(await page.getByRole('listitem').count(), 2);
  assert.equal(await shop.cartTotalValue(), '798.00');
  await context.close();
});

test('the page stays under 800 elements through a long session on the DMart feed', async () => {
  const { context, page, shop } = await open('?catalog=/feeds/dmart.csv');
  // Every element of the page, those in the shop's shadow root included.
  const elements = () =>
    page.evaluate(() => {
      const count = (root) =>
        [...root.querySelectorAll('*')].reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
      return count(document);
    });
  let most = 0;
  for (const query of ['milk', 'atta', 'biscuits', 'soap', 'oil', 'tea', 'rice', 'dal', 'chips', 'shampoo', 'juice', 'masala']) {
    await shop.say(query);
    await shop.conversation.getByText(`for "${query}"`).last().waitFor();
    most = Math.max(most, await elements());
  }
  // Paging moves through a long list without growing it.
  const pager = shop.conversation.getByRole('button', { name: 'Next products' }).last();
  for (let turn = 0; turn < 5; turn++) await pager.click();
  await shop.conversation.getByText('41–48 of').last().waitFor();
  await shop.chooseSuggestion('Browse categories');
  await shop.chooseSuggestion('Personal Care');
  most = Math.max(most, await elements());
  assert.ok(most <= 800, `the page reached ${most} elements`);

  // Folded results come back as the newest message.
  await shop.conversation.getByRole('button', { name: 'Show these again' }).first().click();
  await shop.conversation.getByText('Found').last().waitFor();
  assert.ok((await elements()) <= 800);
  console.log(`most elements on the page: ${most}`);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('browsing DMart: a category offers its subcategories, then their products', async () => {
  const { context, page, shop } = await open('?catalog=/feeds/dmart.csv');
  await shop.say('menu');
  await shop.chooseSuggestion('Grocery');
  await shop.conversation.getByText('What in Grocery? Pick one:').waitFor();
  const choices = await shop.suggestions.getByRole('button').allTextContents();
  assert.deepEqual(choices.slice(0, 4), ['All Grocery', 'Dry Fruits', 'Dals', 'Pulses']);
  await shop.chooseSuggestion('Dals');
  await shop.conversation.getByText(/^Grocery › Dals: \d+ products$/).waitFor();
  await shop.conversation.getByRole('article', { name: 'Chana Dal 500 gm' }).first().waitFor();
  await shop.say('dry fruits');
  await shop.conversation.getByText(/^Grocery › Dry Fruits: \d+ products$/).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test('a product\'s details: its options, price, description, and Add', async () => {
  const { context, page, shop } = await open('?catalog=/feeds/shirts.tsv');
  await shop.say('shirt');
  await shop.conversation.getByRole('button', { name: 'Details of Cotton T-shirt' }).click();
  const detail = shop.conversation.locator('article.cc-detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('aria-label'), 'Cotton T-shirt');
  await detail.getByText('Soft combed cotton, regular fit.').waitFor();
  await detail.getByRole('combobox', { name: 'Size and colour of Cotton T-shirt' }).selectOption({ label: 'L, Blue' });
  await detail.getByRole('button', { name: 'Add Cotton T-shirt to cart' }).click();
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});
