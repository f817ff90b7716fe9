// The widget's lazily loaded wasm (scripts/build-widget.sh): the checkout form's chunk arrives
// when the shopper opens the checkout, and the QR code's when the first code is drawn; each
// once. (The demo's whole catalog needs the feed reader's chunk at the start.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS, serverAndBrowser, ShopPage } from './shop-page.mjs';

const running = serverAndBrowser();

test('a chunk is fetched only when its code first runs', async () => {
  const requested = [];
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  const page = await context.newPage();
  const shop = new ShopPage(page);
  shop.recordErrors();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\.(wasm|js)$/.test(path)) requested.push(path);
  });
  await page.goto(running.server.url + '/');
  await page.evaluate(() => window.chatcart.ready);
  // split_<function>_<hash>.wasm holds one lazy function; chunk_<n>.wasm, code two of them
  // share (fetched with the first of them that is called).
  // The demo's catalog is a whole catalog, not a pack: its reader (read_whole) is fetched at
  // the start; the test follows the other chunks.
  const feedReader = () => requested.filter((path) => /\/split_read_whole_[^/]*\.wasm$/.test(path));
  const chunks = () => requested.filter((path) => /\/split_(?!read_whole)[^/]*\.wasm$/.test(path));
  const shared = () => requested.filter((path) => /\/chunk_[^/]*\.wasm$/.test(path));

  assert.ok(requested.includes('/chatcart-widget_bg.wasm'), 'the main module');
  assert.ok(requested.includes('/__wasm_split.js'), 'the chunk loader (imported by chatcart-widget.js)');
  await shop.page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  assert.equal(feedReader().length, 1, 'the feed reader, for the demo catalog');
  assert.deepEqual(chunks(), [], 'no other chunk before the first interaction');
  const sharedAtStart = shared().length;

  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  await shop.scope.getByRole('button', { name: 'Checkout', exact: true }).waitFor();
  assert.deepEqual(chunks(), [], 'no chunk for the chat and the cart');
  assert.equal(shared().length, sharedAtStart);

  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS }, { place: false });
  await shop.scope.getByRole('button', { name: 'Place order' }).waitFor();
  assert.equal(chunks().length, 1, `the checkout form's chunk: ${chunks()}`);
  assert.match(chunks()[0], /checkout_form/);

  await shop.scope.getByRole('button', { name: 'Place order' }).click();
  const qr = page.getByRole('img', { name: 'Send order on WhatsApp' });
  await qr.waitFor();
  assert.match(await qr.locator('path').getAttribute('d'), /^M4,4h1v1h-1z/, 'a finder pattern at the quiet zone');
  assert.equal(chunks().length, 2, `and the QR code's: ${chunks()}`);
  assert.match(chunks()[1], /qr_svg_path/);

  // The order sent, a second one (the form's view is made again): nothing is fetched again.
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS });
  await shop.whatsappLink.waitFor();
  assert.equal(chunks().length, 2, `no chunk twice: ${chunks()}`);
  assert.equal(feedReader().length, 1);
  assert.equal(new Set(shared()).size, shared().length, `no shared chunk twice: ${shared()}`);
  console.log('requested, in order:', requested.join(' '));
  assert.deepEqual(shop.errors, []);
  await context.close();
});
