// Loads product feeds in the built widget (Chromium, real HTTP) and prints how long the widget
// took to read each and what the tab then holds: wasm memory (which never shrinks, so it is
// the peak) and the JS heap after garbage collection.
// Run after `trunk build --release`: `node scripts/bench-feed.mjs FEED:RUNS...`, e.g.
//   node scripts/bench-feed.mjs ../shared/data/feed-dmart.csv:5 target/bench/feed-50k.csv:2
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/shop-page.mjs';

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const browser = await launchChromium();
for (const argument of process.argv.slice(2)) {
  const [path, runs = '3'] = argument.split(':');
  const feed = await readFile(path);
  const server = await serveDist({
    routes: { '/feeds/feed.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(feed) },
  });
  const parseTimes = [];
  let products = 0;
  let wasmBytes = 0;
  let heapBytes = 0;
  for (let run = 0; run < Number(runs); run++) {
    const page = await browser.newPage();
    const loaded = new Promise((resolve) =>
      page.on('console', (message) => {
        const match = message.text().match(/^chatcart: catalog \S+: (\d+) products read in (\d+) ms; wasm memory (\d+) bytes/);
        if (match) resolve(match);
      }),
    );
    await page.goto(`${server.url}/?catalog=/feeds/feed.csv`);
    const [, count, ms, wasm] = await loaded;
    products = Number(count);
    parseTimes.push(Number(ms));
    wasmBytes = Number(wasm);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    await page.close();
  }
  await server.close();
  parseTimes.sort((a, b) => a - b);
  console.log(`${basename(path)} (${mb(feed.length)} MB, ${products} products) in the widget in Chromium, ${runs} loads:`);
  console.log(
    `  read into the catalog: median ${parseTimes[parseTimes.length >> 1]} ms (min ${parseTimes[0]}, max ${parseTimes.at(-1)})`,
  );
  console.log(`  wasm memory after loading: ${mb(wasmBytes)} MB; JS heap used: ${mb(heapBytes)} MB`);
}
await browser.close();
