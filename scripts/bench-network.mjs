// What a shopper on a slow phone waits for, in the built widget (Chromium, real HTTP): the
// reference "slow 4G" profile is shaped at the test server (so every request, a web worker's
// too, pays it) and the CPU is slowed through the DevTools protocol. For each case it prints
// the time to the greeting, the time to the first search result and the bytes on the wire by
// then; pack cases also the bytes and time of further searches and the memory after a long
// session; Pagefind cases the same figures for Pagefind on the same products.
//
// Run after `trunk build --release`:
//   node scripts/bench-network.mjs [--runs 5] [--query atta] [--use] CASE...
// where CASE is `demo` (the demo page's 40 products), `returning` (the demo again, for a
// shopper whose cart a visit before saved: what reading it costs), `raw:FEED` (the feed file
// as the catalog), `pack:FEED` (the feed made into a pack by `chatcart pack`) or
// `pagefind:FEED`.
// --use also runs the further searches and the long session on demo and raw cases.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium, PHONE, ShopPage } from '../tests/e2e/shop-page.mjs';
import { buildPagefindIndex, pagefindPageRoute } from './pagefind-peer.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHATCART = resolve(ROOT, 'target/release/chatcart');
const PROFILE = { rttMs: 150, bitsPerSecond: 1_600_000, cpuSlowdown: 4 };
/** No wait lasts longer: a feed that never loads is reported, not waited for. */
const WAIT_MS = 60_000;
/** Searches after the first, for their bytes and time. */
const FURTHER_QUERIES = ['dal', 'amul butter', 'maggi', 'tomato', 'surf excel'];
/** With the first and the further ones, the 20 searches of the long session. */
const MORE_QUERIES = ['milk', 'biscuits', 'soap', 'oil', 'tea', 'rice', 'chips', 'shampoo', 'juice', 'masala', 'sugar', 'salt', 'ghee', 'paneer'];
const CATEGORIES_BROWSED = 5;

// ---------------------------------------------------------------------------------------
// Measuring one page load.

/** Bytes the page (and its workers) received, from the DevTools protocol's Network events,
 *  so they can be counted up to a moment: finished responses whole, open ones as far as
 *  Chromium has reported them (sometimes only their headers). */
class WireLog {
  requests = new Map();
  start = null; // the document request's timestamp (s): navigation start, near enough

  /** Listens on the page's session, and on every worker's session as one attaches. */
  static async attach(cdp) {
    const log = new WireLog();
    const on = (source, method, params) => log.#record(source, method, params);
    for (const method of ['requestWillBeSent', 'responseReceived', 'dataReceived', 'loadingFinished']) {
      cdp.on(`Network.${method}`, (params) => on('page', method, params));
    }
    // Workers fetch outside the page's session; the (older, unflattened) auto-attach lets a
    // second client like this one talk to them through the page's session.
    cdp.on('Target.attachedToTarget', ({ sessionId }) => {
      const send = (id, method) =>
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => {});
      send(1, 'Network.enable').then(() => send(2, 'Runtime.runIfWaitingForDebugger'));
    });
    cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const { method, params } = JSON.parse(message);
      if (method?.startsWith('Network.')) on(sessionId, method.slice('Network.'.length), params);
    });
    await cdp.send('Network.enable');
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
    return log;
  }

  #record(source, method, params) {
    const key = `${source}:${params.requestId}`;
    if (!this.requests.has(key)) this.requests.set(key, { parts: [], total: null, finishedAt: null });
    const request = this.requests.get(key);
    if (method === 'requestWillBeSent' && params.type === 'Document' && this.start === null) this.start = params.timestamp;
    if (method === 'responseReceived') request.parts.push([params.timestamp, params.response.encodedDataLength]);
    if (method === 'dataReceived') request.parts.push([params.timestamp, params.encodedDataLength]);
    if (method === 'loadingFinished') [request.total, request.finishedAt] = [params.encodedDataLength, params.timestamp];
  }

  /** Bytes received by `ms` after navigation start. */
  bytesBy(ms) {
    const cutoff = this.start + ms / 1000;
    let bytes = 0;
    for (const { parts, total, finishedAt } of this.requests.values()) {
      if (finishedAt !== null && finishedAt <= cutoff) bytes += total;
      else bytes += parts.filter(([at]) => at <= cutoff).reduce((sum, [, n]) => sum + n, 0);
    }
    return bytes;
  }
}

/** A fresh context (empty cache) with a page whose CPU is slowed, and its wire log. */
async function openThrottled(browser) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
  const wire = await WireLog.attach(cdp);
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  return { context, page, cdp, wire, consoleLines };
}

/** Polls `predicate` in the page until it returns something truthy or WAIT_MS pass; resolves
 *  to that value, or to { never: reason }. Polling in the page (every 25 ms) timestamps
 *  the moment with the page's own clock, however long the answer takes to reach us. */
async function waitInPage(page, predicate, argument) {
  try {
    const handle = await page.waitForFunction(predicate, argument, { polling: 25, timeout: WAIT_MS });
    return await handle.jsonValue();
  } catch (error) {
    if (error.name === 'TimeoutError') return { never: `nothing within ${WAIT_MS / 1000} s` };
    throw error;
  }
}

// These run in the page. The shop lives in a shadow root; they read it as a person does,
// by role, label and text, and time what they find with performance.now(), which counts
// from navigation start.

/** The greeting is shown and the message box takes input. */
function greetingShown() {
  const root = document.querySelector('[data-chatcart]')?.shadowRoot;
  const log = root?.querySelector('[role="log"][aria-label="Conversation"]');
  const input = root?.querySelector('input[aria-label="Message"]');
  const greeting = [...(log?.querySelectorAll('p') ?? [])].find((p) => p.textContent.startsWith('Welcome to'));
  return greeting?.checkVisibility() && input?.checkVisibility() && !input.disabled && { ms: performance.now() };
}

/** Remembers the messages shown so far, so that an answer is looked for only among new
 *  ones (the shopper may say "menu" twice). */
function rememberShown() {
  const log = document.querySelector('[data-chatcart]')?.shadowRoot?.querySelector('[role="log"]');
  window.benchShown = new WeakSet(log?.children ?? []);
}

/** The shop's answer to what the shopper just said (`said`): { ms, cards } once it shows
 *  products, or once it has answered in words only (not "one moment"); { never } if the
 *  catalog failed. With `cardsOnly`, only products count as an answer. */
function answerTo({ said, cardsOnly }) {
  const log = document.querySelector('[data-chatcart]')?.shadowRoot?.querySelector('[role="log"]');
  const failure = log?.querySelector('.cc-message__error');
  if (failure) return { never: failure.textContent, ms: performance.now() };
  const messages = [...(log?.children ?? [])].filter((m) => !window.benchShown?.has(m));
  const asked = messages.findLastIndex((m) => m.matches('.cc-message--shopper') && m.textContent.trim() === said);
  if (asked < 0) return false;
  for (const message of messages.slice(asked + 1)) {
    const card = message.querySelector('article');
    if (card?.checkVisibility()) return { ms: performance.now(), cards: true, title: card.getAttribute('aria-label') };
    // A list of products counts once its first card shows (a pack fetches them after the heading).
    if (message.querySelector('.cc-products')) continue;
    if (!cardsOnly && message.textContent.trim() && !message.textContent.startsWith('One moment')) {
      return { ms: performance.now(), cards: false };
    }
  }
  return false;
}

/** Counts the bytes the server's link sent `ms` after the page's navigation start. The
 *  server sees every response, a web worker's own script included, which the DevTools
 *  protocol leaves out. */
async function serverCount(server, page, sentBefore) {
  const origin = await page.evaluate(() => performance.timeOrigin);
  return (ms) => server.bytesSent(origin + ms) - sentBefore;
}

/** Says `text` as the shopper, once the messages shown so far are remembered. */
async function say(page, shop, text) {
  await page.evaluate(rememberShown);
  await shop.say(text);
}

/** Sends `query` as the shopper and waits for the answer; { ms, bytes } it took, bytes as
 *  the server counts them. */
async function searchOnce(page, shop, sentBy, query) {
  const sentAt = await page.evaluate(() => performance.now());
  await say(page, shop, query);
  const answer = await waitInPage(page, answerTo, { said: query, cardsOnly: false });
  if (answer.never) return answer;
  return { ms: answer.ms - sentAt, bytes: sentBy(answer.ms) - sentBy(sentAt), cards: answer.cards };
}

/** Opens the categories and, for each of the first few, its first choice ("All …"). */
async function browseCategories(page, shop) {
  for (let i = 0; i < CATEGORIES_BROWSED; i++) {
    await say(page, shop, 'menu');
    await waitInPage(page, answerTo, { said: 'menu', cardsOnly: false });
    const category = shop.suggestions.getByRole('button').nth(i);
    const name = (await category.textContent()).trim();
    await page.evaluate(rememberShown);
    await category.click();
    await waitInPage(page, answerTo, { said: name, cardsOnly: false });
    const all = shop.suggestions.getByRole('button', { name: `All ${name}`, exact: true });
    if (await all.count()) {
      await page.evaluate(rememberShown);
      await all.click();
      await waitInPage(page, answerTo, { said: `All ${name}`, cardsOnly: true });
    }
  }
}

/** Bytes of the widget's WebAssembly memory (its chunks share it) and the JS heap after
 *  garbage collection. The glue's initSync hands back the running instance's exports, so
 *  the widget needs no hook. (DevTools' Runtime.queryObjects never answers on a page whose
 *  wasm is split into chunks.) */
async function memoryNow(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const wasm = await page.evaluate(async () => {
    const { initSync } = await import(new URL('chatcart-widget.js', window.chatcart.assets).href);
    return initSync().memory.buffer.byteLength;
  });
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name).value;
  return { wasm, jsHeapUsed: metric('JSHeapUsedSize'), jsHeapTotal: metric('JSHeapTotalSize') };
}

/** A visit before, in the same browser context, leaves two Amul Butter in the saved cart;
 *  the HTTP cache is cleared after it, so only what was saved is left of it. */
async function visitBefore(context, cdp, server, path) {
  const page = await context.newPage();
  const shop = new ShopPage(page);
  await page.goto(`${server.url}${path}`);
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor({ timeout: WAIT_MS });
  await page.close();
  await cdp.send('Network.clearBrowserCache');
}

/** One load of the shop at `url`: greeting, first result, and with `use` the further
 *  searches, the long session and the memory after it; with `returning`, after a visit
 *  that saved a cart. */
async function runShop(browser, server, path, { query, use, returning }) {
  const { context, page, cdp, wire, consoleLines } = await openThrottled(browser);
  if (returning) await visitBefore(context, cdp, server, path);
  const sentBefore = server.bytesSent();
  try {
    await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
    const shop = new ShopPage(page);
    const greeting = await waitInPage(page, greetingShown);
    if (greeting.never) return { greeting, first: greeting };
    await say(page, shop, query);
    const first = await waitInPage(page, answerTo, { said: query, cardsOnly: true });
    const run = { greeting, first, title: first.title };
    if (first.never) return run;
    const sentBy = await serverCount(server, page, sentBefore);
    [run.bytes, run.serverBytes] = [wire.bytesBy(first.ms), sentBy(first.ms)];
    if (!use) return run;
    run.further = [];
    for (const further of FURTHER_QUERIES) run.further.push(await searchOnce(page, shop, sentBy, further));
    for (const more of MORE_QUERIES) await searchOnce(page, shop, sentBy, more);
    await browseCategories(page, shop);
    run.memory = await memoryNow(page, cdp);
    const loaded = consoleLines.map((line) => line.match(/wasm memory (\d+) bytes/)).find(Boolean);
    run.memory.wasmOnLoad = loaded ? Number(loaded[1]) : null;
    return run;
  } finally {
    await context.close();
  }
}

/** One load of the Pagefind page: first result's data, then the further searches. */
async function runPagefind(browser, server, { query }) {
  const { context, page, wire } = await openThrottled(browser);
  const sentBefore = server.bytesSent();
  try {
    await page.goto(`${server.url}/pagefind-bench.html?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
    const first = await waitInPage(page, () => window.benchResult);
    const run = { first, title: first.title };
    if (first.never) return run;
    const sentBy = await serverCount(server, page, sentBefore);
    [run.bytes, run.serverBytes] = [wire.bytesBy(first.ms), sentBy(first.ms)];
    run.further = [];
    for (const further of FURTHER_QUERIES) {
      const sentAt = await page.evaluate(() => performance.now());
      const answer = await page.evaluate((q) => window.benchSearch(q), further);
      run.further.push({ ms: answer.ms - sentAt, bytes: sentBy(answer.ms) - sentBy(sentAt), cards: answer.results > 0 });
    }
    return run;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// Cases: what is served, and how a run goes.

const sizeOf = (path) => statSync(path).size;
const feedName = (path) => basename(path).replace(/\.[^.]*$/, '');

/** The pack of `feed`, made by `chatcart pack` into target/bench/: { dir }, or { missing }
 *  saying why not when the feed cannot be packed (exit status 1 only says rows were skipped). */
function makePack(feed) {
  const dir = resolve(ROOT, `target/bench/pack-${feedName(feed)}`);
  rmSync(dir, { recursive: true, force: true });
  const made = spawnSync(CHATCART, ['pack', feed, '--out', dir], { encoding: 'utf8' });
  if (made.status !== 0 && made.status !== 1) return { missing: `chatcart pack failed: ${made.stderr.trim().split('\n').at(-1)}` };
  return { dir };
}

/** Serving options and page path for a case; `warm` runs once before the timed runs so a
 *  first request never waits for the server's lazy compression. */
async function prepare(kind, feed) {
  const shaped = { brotli: true, shape: { rttMs: PROFILE.rttMs, bitsPerSecond: PROFILE.bitsPerSecond } };
  if (kind === 'demo') return { serve: shaped, path: '/', title: 'demo catalog (40 products, the demo page\'s own)' };
  if (kind === 'returning') {
    return { serve: shaped, path: '/', title: 'demo catalog, a returning shopper (a cart saved by a visit before; the cache cleared)' };
  }
  const size = `${(sizeOf(feed) / 1e6).toFixed(1)} MB`;
  if (kind === 'raw') {
    return {
      serve: { ...shaped, mounts: { '/feeds/': dirname(resolve(feed)) } },
      path: `/?catalog=/feeds/${encodeURIComponent(basename(feed))}`,
      precompress: `/feeds/${basename(feed)}`,
      title: `${basename(feed)} raw (${size} CSV as the catalog)`,
    };
  }
  if (kind === 'pack') {
    const pack = makePack(feed);
    if (pack.missing) return { missing: pack.missing, title: `${basename(feed)} as a pack` };
    return {
      serve: { ...shaped, mounts: { '/pack/': pack.dir } },
      path: '/?catalog=/pack/manifest.json',
      warm: true,
      title: `${basename(feed)} as a pack (chatcart pack)`,
    };
  }
  const dir = resolve(ROOT, `target/bench/pagefind-${feedName(feed)}`);
  const records = await buildPagefindIndex(feed, dir);
  return {
    serve: { ...shaped, mounts: { '/pagefind/': dir }, routes: { '/pagefind-bench.html': pagefindPageRoute() } },
    warm: true,
    title: `Pagefind 1.6.0 on ${basename(feed)} (${records} records: title, brand, product type)`,
  };
}

async function runCase(browser, { kind, feed }, options) {
  const setup = await prepare(kind, feed);
  console.log(`\n${setup.title}:`);
  if (setup.missing) {
    console.log(`  ${kind}: ${setup.missing}`);
    return { missing: setup.missing };
  }
  const server = await serveDist(setup.serve);
  try {
    if (setup.precompress) await server.precompress(setup.precompress);
    const once = () =>
      kind === 'pagefind'
        ? runPagefind(browser, server, options)
        : runShop(browser, server, setup.path, {
            query: options.query,
            use: kind === 'pack' || options.use,
            returning: kind === 'returning',
          });
    if (setup.warm) await once();
    const runs = [];
    for (let i = 0; i < options.runs; i++) runs.push(await once());
    printRuns(runs, options);
    return { runs };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------
// Printing.

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const bytes = (n) => Math.round(n).toLocaleString('en-US');
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median X (min Y, max Z)" of the numbers, each shown by `show`. */
function spread(values, show) {
  if (values.length === 1) return show(values[0]);
  return `median ${show(median(values))} (min ${show(Math.min(...values))}, max ${show(Math.max(...values))})`;
}

/** A timing line over the runs; runs that never got there are counted and their reason told. */
function timingLine(label, moments) {
  const reached = moments.filter((m) => !m.never).map((m) => m.ms);
  const failed = moments.filter((m) => m.never);
  const never = failed.length ? `never in ${failed.length} of ${moments.length} runs (${whyNever(failed[0])})` : '';
  const figure = reached.length ? spread(reached, seconds) : '';
  console.log(`  ${label.padEnd(34)} ${[figure, never].filter(Boolean).join('; ')}`);
}

/** Why a run never got there, shortly: the shop's own words on a failed catalog. */
function whyNever({ never, ms }) {
  const failed = never.match(/^Sorry, the product list couldn't be loaded: (.*?)\. You can still chat/);
  return failed ? `after ${seconds(ms)}: ${failed[1]}` : never;
}

function printRuns(runs, { query, runs: count }) {
  console.log(`  ${count} run${count === 1 ? "" : "s"}, from navigation start:`);
  if (runs[0].greeting) timingLine('greeting shown, input enabled', runs.map((r) => r.greeting));
  timingLine(`first result for "${query}"`, runs.map((r) => r.first));
  if (runs[0].title) console.log(`  ${'  (its title)'.padEnd(34)} ${runs[0].title}`);
  const loaded = runs.filter((r) => r.bytes !== undefined);
  if (loaded.length) {
    console.log(`  ${'bytes on the wire by then'.padEnd(34)} ${spread(loaded.map((r) => r.bytes), bytes)}`);
    console.log(`  ${'  (as the server counts them)'.padEnd(34)} ${spread(loaded.map((r) => r.serverBytes), bytes)}`);
  }
  const further = loaded.flatMap((r) => r.further ?? []).filter((f) => !f.never);
  if (further.length) {
    const label = `further searches (${FURTHER_QUERIES.length} a run)`;
    console.log(`  ${label.padEnd(34)} bytes (server) ${spread(further.map((f) => f.bytes), bytes)}`);
    console.log(`  ${''.padEnd(34)} time ${spread(further.map((f) => f.ms), seconds)}`);
    const empty = [...new Set(FURTHER_QUERIES.filter((q, i) => loaded.some((r) => r.further[i] && !r.further[i].cards)))];
    if (empty.length) console.log(`  ${''.padEnd(34)} (no products shown for: ${empty.join(', ')})`);
  }
  const used = loaded.filter((r) => r.memory);
  if (used.length) {
    const onLoad = used.map((r) => r.memory.wasmOnLoad).filter((n) => n !== null);
    if (onLoad.length) console.log(`  ${'wasm memory when the catalog loaded'.padEnd(34)} ${spread(onLoad, mb)}`);
    const session = `after 20 searches, ${CATEGORIES_BROWSED} categories:`;
    console.log(`  ${session.padEnd(34)} wasm memory ${spread(used.map((r) => r.memory.wasm), mb)}`);
    const heap = (key) => mb(median(used.map((r) => r.memory[key])));
    console.log(`  ${''.padEnd(34)} JS heap used ${heap('jsHeapUsed')}, total ${heap('jsHeapTotal')} (medians)`);
  }
}

/** Pagefind's figures beside ours, for each feed both ran on. */
function printBeside(results) {
  const feeds = [...new Set(results.filter((r) => r.kind === 'pagefind').map((r) => r.feed))];
  if (feeds.length === 0) return;
  console.log('\nFirst result and bytes on the wire by then (DevTools; the server\'s count in brackets), medians:');
  const figure = ({ runs, missing }) => {
    if (missing) return missing;
    const reached = runs.filter((r) => !r.first.never);
    if (reached.length === 0) return `never (${whyNever(runs[0].first)})`;
    const server = bytes(median(reached.map((r) => r.serverBytes)));
    return `${seconds(median(reached.map((r) => r.first.ms)))}, ${bytes(median(reached.map((r) => r.bytes)))} B (server ${server} B)`;
  };
  for (const feed of feeds) {
    console.log(`  ${basename(feed)}:`);
    for (const [kind, label] of [['raw', 'chatcart, raw feed'], ['pack', 'chatcart, pack'], ['pagefind', 'Pagefind']]) {
      const result = results.find((r) => r.kind === kind && r.feed === feed);
      if (result) console.log(`    ${label.padEnd(20)} ${figure(result)}`);
    }
  }
}

function printHeader(browser, options) {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0].model;
  console.log('Network benchmark: the built widget in Chromium on the reference "slow 4G" profile');
  console.log(`  host: ${cpu}, ${cpus().length} cores; Chromium ${browser.version()}`);
  console.log(
    `  profile: every request waits a ${PROFILE.rttMs} ms round trip; all responses share one ` +
      `${PROFILE.bitsPerSecond / 1e6} Mbit/s link (shaped at the server, in turns of 2 KB); ` +
      `files brotli -q 11; CPU ${PROFILE.cpuSlowdown}x slower (the page's main thread: Chromium does not slow web workers)`,
  );
  console.log(`  ${options.runs} run${options.runs === 1 ? "" : "s"} per case, each in a fresh browser context (empty cache); first search "${options.query}"; no wait beyond ${WAIT_MS / 1000} s`);
  console.log('  Pagefind searches in a web worker, which the CPU slowdown does not reach; the widget works on the main thread.');
  console.log('  This machine is shared with other work, so figures are noisy: compare medians, and runs of the same day.');
}

// ---------------------------------------------------------------------------------------

function parseArguments(args) {
  const options = { runs: 5, query: 'atta', use: false, cases: [] };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runs') options.runs = Number(args[++i]);
    else if (args[i] === '--query') options.query = args[++i];
    else if (args[i] === '--use') options.use = true;
    else if (args[i] === 'demo' || args[i] === 'returning') options.cases.push({ kind: args[i] });
    else if (/^(raw|pack|pagefind):./.test(args[i])) {
      const [kind, ...path] = args[i].split(':');
      options.cases.push({ kind, feed: path.join(':') });
    } else throw new Error(`bench-network: unknown argument ${args[i]} (cases: demo, returning, raw:FEED, pack:FEED, pagefind:FEED)`);
  }
  if (!(options.runs >= 1)) throw new Error('bench-network: --runs wants a number of at least 1');
  return options;
}

const options = parseArguments(process.argv.slice(2));
const browser = await launchChromium();
try {
  printHeader(browser, options);
  const results = [];
  for (const benchCase of options.cases) results.push({ ...benchCase, ...(await runCase(browser, benchCase, options)) });
  printBeside(results);
} finally {
  await browser.close();
}
