// Lighthouse (mobile: its default emulated phone and slow 4G) on the built demo store,
// served by the test server with brotli, as a CDN or any host with compression on serves it. Prints the performance and accessibility scores and the
// main timings. Run after `trunk build --release`: `node scripts/bench-lighthouse.mjs`.
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { serveDist } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/shop-page.mjs';

const server = await serveDist({ brotli: true });
const chrome = await launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});
try {
  const { lhr } = await lighthouse(server.url, {
    port: chrome.port,
    onlyCategories: ['performance', 'accessibility'],
    logLevel: 'error',
  });
  const score = (id) => Math.round(lhr.categories[id].score * 100);
  const timing = (id) => lhr.audits[id].displayValue;
  console.log(`Lighthouse ${lhr.lighthouseVersion}, mobile (${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod} throttling):`);
  console.log(`  performance ${score('performance')}, accessibility ${score('accessibility')}`);
  console.log(
    `  first contentful paint ${timing('first-contentful-paint')}, largest contentful paint ${timing('largest-contentful-paint')}, ` +
      `total blocking time ${timing('total-blocking-time')}, cumulative layout shift ${timing('cumulative-layout-shift')}`,
  );
  const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id));
  for (const audit of failed) console.log(`  accessibility: ${audit.title}`);
} finally {
  await chrome.kill();
  await server.close();
}
