// Search at the scale of a real store: the DMart feed scaled to 50,000 products
// (crates/core/examples/scale_feed.rs), read and indexed by the real core compiled to wasm
// (crates/search-bench), then searched once per keystroke of real shopper queries, in
// Chromium, unthrottled and at 4x CPU throttling. Prints index build time, per-keystroke
// latency (median, p95, max). The memory the widget takes for such a feed is measured on the
// widget itself, by bench-feed.mjs.
//
// Run: scripts/bench.sh (which builds what this needs), or after building it:
//   node scripts/bench-search.mjs target/bench/feed-50k.csv target/search-bench
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/shop-page.mjs';

const [feedPath, pkgDir] = process.argv.slice(2);
const QUERIES = [
  'aashirvaad atta', 'amul butter', 'colgate toothpaste', 'maggi noodles', 'tata salt',
  'surf excel', 'parle g', 'toor dal', 'basmati rice', 'nescafe classic', 'dettol',
  'good day cookies', 'red label tea', 'fresh tomato', 'brown bread', 'kurkure masala munch',
  'haldiram bhujia', 'saffola gold oil', 'sensodyne', 'dairy milk silk', 'colgat', 'magi',
  'tomatos', 'aashirwad atta', 'brittania', 'horlics',
];
// Hindi and Hinglish as shoppers type them, in Latin letters and Devanagari (the grocery
// lexicon widens these), timed apart.
const HINDI = [
  'aloo', 'pyaz', 'tamatar', 'doodh', 'dahi', 'chini', 'namak', 'aata', 'chawal', 'toor daal',
  'sarson ka tel', 'chai patti', 'haldi', 'jeera', 'adrak', 'lehsun', 'ande', 'makhan', 'sabun',
  'amul makhan', 'मैगी', 'आलू', 'दूध', 'चीनी', 'सरसों का तेल',
];
const typed = (queries) => queries.flatMap((q) => [...q].map((_, i) => [...q].slice(0, i + 1).join('')));
const keystrokes = typed(QUERIES);
const hindiKeystrokes = typed(HINDI);

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import init, { SearchBench } from '/pkg/chatcart_search_bench.js';
window.run = async (keystrokes) => {
  await init();
  const bytes = new Uint8Array(await (await fetch('/feed.csv')).arrayBuffer());
  const start = performance.now();
    const bench = new SearchBench(bytes);
  const load = performance.now() - start;
  const indexStart = performance.now();
  const vocabulary = bench.rebuild_index();
  const index = performance.now() - indexStart;
  const times = [];
  for (const query of keystrokes) {
    const t = performance.now();
    bench.search(query);
    times.push(performance.now() - t);
  }
    return { load, index, vocabulary, times, products: bench.products(), isolated: crossOriginIsolated };
};
window.ready = true;
</script>`;

const feed = await readFile(feedPath);
const server = createServer(async (req, res) => {
  // Cross-origin isolation gives performance.now() its fine resolution.
  const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') return res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(PAGE);
  if (path === '/feed.csv') return res.writeHead(200, { ...headers, 'content-type': 'text/csv' }).end(feed);
  if (path.startsWith('/pkg/')) {
    const file = join(pkgDir, path.slice(5).replace(/\.\./g, ''));
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return res.writeHead(200, { ...headers, 'content-type': type }).end(await readFile(file));
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await launchChromium();
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(
  `search: ${(feed.length / 2 ** 20).toFixed(1)} MB feed, ${keystrokes.length} keystrokes of ${QUERIES.length} shopper queries`,
);
for (const throttle of [1, 4]) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(url);
  await page.waitForFunction(() => window.ready);
  const result = await page.evaluate((k) => window.run(k), [...keystrokes, ...hindiKeystrokes]);
  const english = result.times.slice(0, keystrokes.length).sort((a, b) => a - b);
  const hindi = result.times.slice(keystrokes.length).sort((a, b) => a - b);
  const spread = (sorted) =>
    `median ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted[sorted.length - 1])}`;
  console.log(
    `  ${result.products} products, CPU ${throttle}x${result.isolated ? '' : ' (clock coarse: not isolated)'}: ` +
            `feed read and indexed in ${ms(result.load)} (index alone ${ms(result.index)}, ${result.vocabulary} words); ` +
      `per keystroke ${spread(english)}; ${hindiKeystrokes.length} Hindi keystrokes ${spread(hindi)}`,
  );
  await page.close();
}
await browser.close();
server.close();
