// A catalog pack of the real DMart feed, made by `chatcart pack`, opened in the browser: the
// shop fetches only the pieces each step shows, and an order is priced from the pack by the
// receiver.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDRESS, accessibilityViolations, serverAndBrowser, ShopPage } from './shop-page.mjs';
import { CHATCART, endpointShopPage, startReceiver } from './receiver.mjs';

const DMART_FEED = new URL('../../../shared/data/feed-dmart.csv', import.meta.url);
const PACK = mkdtempSync(join(tmpdir(), 'chatcart-pack-'));
/** Paths the browser asked for, and paths made to fail once. */
const requested = [];
const failOnce = new Set();
let endpoint;

const running = serverAndBrowser(async () => {
  const printed = execFileSync(CHATCART, ['pack', fileURLToPath(DMART_FEED), '--out', PACK], { encoding: 'utf8' });
  assert.equal(printed.trim().split('\n').at(-1), join(PACK, 'manifest.json'), 'the manifest is the last line');
  const routes = { '/endpoint-shop.html': endpointShopPage(() => endpoint) };
  for (const entry of await readdir(PACK, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = `/pack/${relative(PACK, file)}`;
    routes[path] = async (req, res) => {
      requested.push(path);
      if (failOnce.delete(path)) return res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'text/plain' });
      res.end(await readFile(file));
    };
  }
  return { routes };
});

// The receiver prices orders from the pack; started with the first test, once the
// server's origin is known.
let receiver;
after(() => receiver?.stop());

async function openPack() {
  receiver ??= await startReceiver({ origin: running.server.url, catalog: PACK });
  endpoint = receiver.url;
  requested.length = 0;
  const context = await running.browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  await page.goto(`${running.server.url}/endpoint-shop.html?catalog=/pack/manifest.json`);
  return { context, page, shop };
}

test('a pack opens and searches fetching a few of its pieces; an order is priced from it', async () => {
  const { context, page, shop } = await openPack();
  await shop.say('premia badam');
  await shop.conversation.getByText(/^Found \d+ products for "premia badam"$/).waitFor();
  const almonds = shop.product('Premia Badam (Almonds) 500 gm');
  assert.match((await almonds.textContent()).replace(/\s+/g, ' '), /₹329\.00 was ₹451\.00/);
  const files = (await readdir(PACK, { recursive: true })).length;
  assert.ok(requested.length < 20, `${requested.length} of ${files} files: ${requested.join(' ')}`);
  assert.ok(!requested.some((path) => path.endsWith('.csv')), 'never the feed');

  // Details: the description comes from the product's page.
  await almonds.getByRole('button', { name: 'Details of Premia Badam (Almonds) 500 gm' }).click();
  await shop.conversation.getByText('India', { exact: true }).last().waitFor();

  await shop.addToCart('Premia Badam (Almonds) 500 gm');
  await shop.say('2 tata salt');
  await shop.chooseSuggestion('Tata Salt 1 kg');
  await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  // A return visit: the saved cart is checked against the pack, its pages fetched by id.
  await page.reload();
  await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '379.00');
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS, slot: '5–8 pm' });
  await shop.conversation.getByText(/The shop received order CC-\w{6} as #1\./).waitFor();
  const [order] = receiver.orders();
  // The demo shop's ₹30 delivery under ₹499, charged by the page and re-priced by the receiver.
  assert.equal(order.total, '409.00');
  assert.equal(order.order.shipping, '30.00');
  const manifest = JSON.parse(await readFile(join(PACK, 'manifest.json'), 'utf8'));
  assert.equal(order.order.catalog_version, manifest.catalog_version);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('categories and their pages come from the pack; a page that fails is said and fetched again', async () => {
  const { context, page, shop } = await openPack();
  await shop.say('menu');
  await shop.chooseSuggestion('Grocery');
  await shop.chooseSuggestion('Dry Fruits');
  await shop.conversation.getByText(/^Grocery › Dry Fruits: \d+ products$/).waitFor();
  await shop.conversation.getByRole('article').first().waitFor();
  const firstCards = await shop.conversation.getByRole('article').count();
  assert.equal(firstCards, 8);
  // A page of the next screen (none of this one's) fails once: the shopper is told, and
  // Try again fetches it.
  const manifest = JSON.parse(await readFile(join(PACK, 'manifest.json'), 'utf8'));
  const dryFruits = manifest.categories.find((c) => c.name === 'Grocery').subcategories.find((s) => s.name === 'Dry Fruits');
  const page3 = Math.floor((dryFruits.start + 15) / manifest.page_size);
  const table = (await readFile(join(PACK, manifest.page_tables[Math.floor(page3 / manifest.table_size)]), 'utf8')).split('\n');
  failOnce.add(`/pack/pages/${table[page3 % manifest.table_size]}.txt`);
  await shop.conversation.getByRole('button', { name: 'Next products' }).last().click();
  await shop.conversation.getByText(/answered 503/).waitFor();
  await shop.conversation.getByRole('button', { name: 'Try again' }).click();
  await shop.conversation.getByText(/^9–16 of \d+$/).last().waitFor();
  await shop.conversation.getByRole('article').nth(7).waitFor();
  assert.equal(failOnce.size, 0);
  assert.deepEqual(shop.errors, []);
  await context.close();
});
