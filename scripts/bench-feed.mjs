// Loads the 6,387-item DMart feed in the built widget (Chromium, real HTTP) and prints how
// long the widget took to read it, its wasm memory, and the page's JS heap.
// Run after `trunk build --release`: `node scripts/bench-feed.mjs`.
import { readFile } from 'node:fs/promises';
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/shop-page.mjs';

const RUNS = 5;
const feed = await readFile(new URL('../../shared/data/feed-dmart.csv', import.meta.url));
const server = await serveDist({
  routes: { '/feeds/dmart.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(feed) },
});
const browser = await launchChromium();
const parseTimes = [];
let wasmBytes = 0;
let heapBytes = 0;
for (let run = 0; run < RUNS; run++) {
  const page = await browser.newPage();
  const loaded = new Promise((resolve) =>
    page.on('console', (message) => {
      const match = message.text().match(/^chatcart: catalog \S+: (\d+) products read in (\d+) ms; wasm memory (\d+) bytes/);
      if (match) resolve(match);
    }),
  );
  await page.goto(`${server.url}/?catalog=/feeds/dmart.csv`);
  const [, , ms, wasm] = await loaded;
  parseTimes.push(Number(ms));
  wasmBytes = Number(wasm);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  await page.close();
}
await browser.close();
await server.close();
parseTimes.sort((a, b) => a - b);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(`feed-dmart.csv (${(feed.length / 1024 / 1024).toFixed(1)} MB, 6,387 rows) in Chromium, ${RUNS} loads:`);
console.log(`  read into the catalog: median ${parseTimes[RUNS >> 1]} ms (min ${parseTimes[0]}, max ${parseTimes[RUNS - 1]})`);
console.log(`  wasm memory after loading: ${mb(wasmBytes)} MB; JS heap used: ${mb(heapBytes)} MB`);
