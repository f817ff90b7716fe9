// Walks the demo flow in Chromium and saves the README's screenshots to docs/screenshots/.
// Run after `trunk build --release`: `node scripts/screenshots.mjs`.
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium, ShopPage } from '../tests/e2e/shop-page.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 1 });
const shop = new ShopPage(page);
const snap = (name) => page.screenshot({ path: `${OUT}${name}.png` });

await page.goto(server.url);
await shop.chooseSuggestion('Hi');
await shop.chooseSuggestion('Browse categories');
await snap('1-greeting');
await shop.chooseSuggestion('Atta, Rice & Dal');
await shop.addToCart('Aashirvaad Whole Wheat Atta');
await shop.addToCart('Chana Dal');
await snap('2-products');
await shop.say('butter');
await shop.addToCart('Amul Butter');
await shop.openCart();
await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).click();
await snap('3-cart');
await page.getByRole('button', { name: 'Checkout', exact: true }).click();
await page.getByLabel('Name').fill('Priya Sharma');
await page.getByLabel('Phone').fill('98200');
await page.getByRole('button', { name: 'Place order' }).click();
await snap('4-checkout');
await page.getByLabel('Phone').fill('+91 98200 12345');
await page.getByLabel('Address').fill('Flat 4B, Lotus Towers, Andheri West, Mumbai 400053');
await page.getByRole('button', { name: 'Place order' }).click();
await shop.whatsappLink.waitFor();
await snap('5-handoff');
await page.goto(`${server.url}/?catalog=/no-such-feed.json`);
await shop.conversation.getByText("couldn't be loaded").waitFor();
await snap('6-bad-catalog');
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(server.url);
await shop.chooseSuggestion('Hi');
await shop.say('amul');
await page.waitForTimeout(300); // let the images paint
await snap('7-desktop');

await browser.close();
await server.close();
console.log(`screenshots written to ${OUT}`);
