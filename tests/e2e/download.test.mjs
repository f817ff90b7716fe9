// A large feed on a slow link: the shop says how far its download has come, keeps going
// while bytes keep coming, and tells the merchant on the console to pack it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { openShop, serverAndBrowser } from './shop-page.mjs';

const DMART_FEED = new URL('../../../shared/data/feed-dmart.csv', import.meta.url);
const PAUSE_MS = 1500;

/** A route sending `body` in two halves, `PAUSE_MS` apart, with `headers`. */
const inTwoHalves = (body, headers) => async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': body.length, ...headers });
  const half = Math.floor(body.length / 2);
  res.write(body.subarray(0, half));
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  res.end(body.subarray(half));
};

let feed;
const running = serverAndBrowser(async () => {
  feed = await readFile(DMART_FEED);
  const zipped = await promisify(gzip)(feed);
  return {
    routes: {
      '/feeds/slow-dmart.csv': inTwoHalves(feed),
      '/feeds/zipped-dmart.csv': inTwoHalves(zipped, { 'content-encoding': 'gzip' }),
    },
  };
});

async function open(query) {
  const { context, page, shop } = await openShop(running.browser, `${running.server.url}/${query}`);
  const console = [];
  page.on('console', (message) => console.push({ type: message.type(), text: message.text() }));
  return { context, page, shop, console };
}

/** Resolves once `read()` gives `wanted`; fails with the last value after `ms`. */
async function until(read, wanted, ms = 5000) {
  const end = Date.now() + ms;
  let value;
  while (Date.now() < end) {
    value = await read();
    if (value === wanted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(value, wanted);
}

test('a 4 MB feed arriving in two halves: the shop counts its megabytes, then sells from it', async () => {
  const { context, page, shop, console } = await open('?catalog=/feeds/slow-dmart.csv');
  const status = page.getByRole('status');
  // Half of 4,237,231 bytes is here; the rest comes after the pause.
  await status.filter({ hasText: /^Loading the product list: 2 of 4 MB$/ }).waitFor();
  const bar = page.getByRole('progressbar', { includeHidden: true });
  assert.equal(await bar.getAttribute('max'), String(feed.length));
  await until(() => bar.getAttribute('value'), String(Math.floor(feed.length / 2)));

  await status.filter({ hasText: /^Replies instantly$/ }).waitFor();
  assert.equal(await bar.count(), 0, 'the bar goes once the catalog is here');
  await shop.say('premia badam');
  await shop.conversation.getByText(/^Found \d+ products for "premia badam"$/).waitFor();
  await shop.product('Premia Badam (Almonds) 500 gm').waitFor();

  const advice = console.find((line) => line.text.startsWith('chatcart: the feed /feeds/slow-dmart.csv'));
  assert.equal(advice?.type, 'warning');
  const took = advice.text.match(
    /^chatcart: the feed \/feeds\/slow-dmart\.csv is large \(4\.2 MB, 6387 products\): it was ready (\d+) ms after the page began to load here, .* Pack it with `chatcart pack slow-dmart\.csv --out catalog` and point data-catalog at catalog\/manifest\.json/,
  );
  assert.ok(took, advice.text);
  assert.ok(Number(took[1]) >= PAUSE_MS, `ready ${took[1]} ms after the page began, the pause included`);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a gzipped feed: its Content-Length counts compressed bytes, so only what arrived is said', async () => {
  const { context, page, shop } = await open('?catalog=/feeds/zipped-dmart.csv');
  const status = page.getByRole('status');
  await status.filter({ hasText: /^Loading the product list: \d MB so far$/ }).waitFor();
  assert.equal(await page.getByRole('progressbar', { includeHidden: true }).count(), 0, 'no bar without a size');
  await status.filter({ hasText: /^Replies instantly$/ }).waitFor();
  await shop.say('premia badam');
  await shop.conversation.getByText(/^Found \d+ products for "premia badam"$/).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});
