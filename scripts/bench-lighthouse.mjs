// Lighthouse (mobile: its default emulated phone and slow 4G) on the built demo store,
// served by the test server with brotli, as a CDN or any host with compression on serves it. Prints what
// it ran on, then the performance and accessibility scores and the main timings over several runs.
// Run after `trunk build --release` (`make demo` leaves a debug build in dist/, several times larger
// and slower): `node scripts/bench-lighthouse.mjs`.
//
// Simulated throttling multiplies the main-thread time it observes by 4, so the scores follow the
// speed this machine's CPU gives Chromium at that moment. Lighthouse's benchmarkIndex of each run shows
// that speed; the load average alone can mislead, as the kernel's autogroup scheduling largely shields Chromium
// (in a session of its own) from builds in other sessions, but not from work in its own.
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { cpus, loadavg } from 'node:os';
import { serveDist } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/shop-page.mjs';

const RUNS = 5;
const SLOW_HOST = 1000; // Lighthouse's own threshold for its slow-CPU warning (core/gather/driver/environment.js)

const load = loadavg();
const server = await serveDist({ brotli: true });
const runs = [];
let browser;
try {
  for (let i = 0; i < RUNS; i++) {
    // A fresh browser each run, so that no run inherits another's caches.
    const chrome = await launch({
      chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });
    try {
      browser ??= (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()).Browser;
      const { lhr } = await lighthouse(server.url, {
        port: chrome.port,
        onlyCategories: ['performance', 'accessibility'],
        logLevel: 'error',
      });
      runs.push(lhr);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await server.close();
}

const first = runs[0];
const { throttlingMethod, throttling } = first.configSettings;
const cpu = cpus();
console.log('Ran on:');
console.log(`  ${cpu.length} × ${cpu[0].model}, load average ${load.map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) at the start`);
console.log(`  browser ${browser}, Lighthouse ${first.lighthouseVersion}, Node ${process.version}`);
console.log(
  `  ${first.configSettings.formFactor}, ${throttlingMethod} throttling: RTT ${throttling.rttMs} ms, ` +
    `${Math.round(throttling.throughputKbps)} kbit/s, CPU slowdown ${throttling.cpuSlowdownMultiplier}x`,
);
// What the page fetched, as sent and as decoded: a debug build or a server without compression shows here.
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log('  served (on the wire / decoded):');
for (const request of first.audits['network-requests'].details.items) {
  const name = new URL(request.url).pathname.slice(1) || 'index.html';
  console.log(`    ${name} ${kB(request.transferSize)} / ${kB(request.resourceSize)}`);
}
const indexes = runs.map((lhr) => Math.round(lhr.environment.benchmarkIndex));
const slow = indexes.some((index) => index < SLOW_HOST) ? `; below ${SLOW_HOST}, Lighthouse's threshold for a host too slow` : '';
console.log(`  Lighthouse benchmarkIndex of each run: ${indexes.join(', ')}${slow}`);

const median = (values, format) => format([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
const spread = (values, format) =>
  `${median(values, format)} (min ${format(Math.min(...values))}, max ${format(Math.max(...values))})`;
const score = (id) => runs.map((lhr) => Math.round(lhr.categories[id].score * 100));
const metric = (id) => runs.map((lhr) => lhr.audits[id].numericValue);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms) => `${Math.round(ms)} ms`;
console.log(`Lighthouse mobile, median of ${RUNS} runs:`);
console.log(`  performance ${spread(score('performance'), String)}, accessibility ${median(score('accessibility'), String)}`);
console.log(
  `  largest contentful paint ${spread(metric('largest-contentful-paint'), seconds)}, ` +
    `total blocking time ${spread(metric('total-blocking-time'), millis)}`,
);
console.log(
  `  first contentful paint ${median(metric('first-contentful-paint'), seconds)}, ` +
    `cumulative layout shift ${median(metric('cumulative-layout-shift'), (v) => v.toFixed(3))}`,
);
const accessibility = new Set(first.categories.accessibility.auditRefs.map((ref) => ref.id));
const failed = Object.values(first.audits).filter((a) => a.score !== null && a.score < 1 && accessibility.has(a.id));
for (const audit of failed) console.log(`  accessibility: ${audit.title}`);
