// Walks the demo flow in Chromium and saves the README's screenshots to docs/screenshots/.
// Run after `trunk build --release`: `node scripts/screenshots.mjs`.
// Needs the receiver binary too (`cargo build -p chatcart-cli`).
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium, ShopPage } from '../tests/e2e/shop-page.mjs';
import { endpointShopPage, startReceiver } from '../tests/e2e/receiver.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
let endpoint;
const server = await serveDist({ routes: { '/endpoint-shop.html': endpointShopPage(() => endpoint) } });
const receiver = await startReceiver({ origin: server.url });
endpoint = receiver.url;
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
const mumbai = { house: 'Flat 4B, Lotus Towers', area: 'Andheri West', city: 'Mumbai', state: 'Maharashtra', pin: '4000' };
await shop.fillCheckout({ name: 'Priya Sharma', phone: '98200', address: mumbai });
await page.getByRole('button', { name: 'Review order' }).click();
await snap('4-checkout');
await shop.field('Phone').fill('+91 98200 12345');
await shop.field('PIN code').fill('400053');
await page.getByRole('button', { name: 'Review order' }).click();
await snap('9-review');
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

// Sent to the merchant's endpoint (the receiver), paid by UPI; then one that can't be sent.
await page.setViewportSize({ width: 390, height: 760 });
await page.goto(`${server.url}/endpoint-shop.html`);
await shop.say('2 atta 5kg');
await shop.openCart();
await shop.checkout({ name: 'Priya Sharma', phone: '+91 98200 12345', address: { ...mumbai, pin: '400053' }, payment: 'UPI' });
await page.getByRole('link', { name: /with UPI$/ }).waitFor();
await snap('10-order-received');
await page.route(endpoint, (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
await shop.say('1 amul butter');
await shop.openCart();
await shop.checkout({ name: 'Priya Sharma', phone: '+91 98200 12345', address: { ...mumbai, pin: '400053' } });
await shop.conversation.getByText('trying again in').waitFor();
await snap('11-not-sent-yet');
await receiver.stop();

// On a merchant's own page: inline on a phone, the launcher on a desktop.
await page.goto(`${server.url}/examples/plain.html`);
await shop.say('amul');
await page.waitForTimeout(300);
await page.locator('[data-chatcart]').scrollIntoViewIfNeeded();
await snap('12-merchant-phone');
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(`${server.url}/examples/launcher.html`);
await page.getByRole('button', { name: 'Chat to order' }).click();
await shop.say('atta');
await page.waitForTimeout(300);
await snap('13-merchant-desktop');

await browser.close();
await server.close();
console.log(`screenshots written to ${OUT}`);
