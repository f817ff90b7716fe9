// Checkout on the demo page (WhatsApp hand-off): pickup, remembering details only with
// consent, and the desktop and phone ways to continue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, ADDRESS, demoShopRoute, openShop, serverAndBrowser } from './shop-page.mjs';

const running = serverAndBrowser(async () => ({
  routes: {
    '/pickup-only.html': demoShopRoute({ delivery: 'no' }),
    '/delivery-only.html': demoShopRoute({ pickup: 'no' }),
  },
}));

async function shopper(contextOptions = {}, path = '/') {
  const { context, page, shop } = await openShop(running.browser, running.server.url + path, contextOptions);
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  return { context, page, shop };
}

async function orderButter(shop) {
  await shop.say('1 amul butter');
  await shop.page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
}

async function followWhatsAppLink(context, shop) {
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();
  await shop.page.getByRole('button', { name: 'Cart, empty' }).waitFor();
}

const storedDetails = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('chatcart:v1:details:')));

test('pickup needs no address, and details are forgotten after the order without consent', async () => {
  const { context, page, shop } = await shopper();
  await orderButter(shop);
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', pickup: true, payment: 'Pay in the chat (the shop sends details)' });
  const { text } = await shop.handoff();
  assert.match(text, /\nTotal: ₹285\.00\nPayment: Pay in the chat\n\nPickup from the shop\nName: Asha Rao\n/);
  await followWhatsAppLink(context, shop);
  assert.deepEqual(await storedDetails(page), []);
  await orderButter(shop);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  assert.equal(await shop.field('Name').inputValue(), '', 'nothing kept');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a shop that only hands orders over asks no address; one that only delivers offers no pickup', async () => {
  const { context, page, shop } = await shopper({}, '/pickup-only.html');
  await orderButter(shop);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  await shop.scope.getByText('This shop does not deliver: you pick up your order at the shop.').waitFor();
  assert.equal(await shop.scope.getByRole('radio', { name: 'Delivery', exact: true }).count(), 0);
  assert.equal(await shop.field('House or flat, building').count(), 0);
  await shop.fillCheckout({ name: 'Asha Rao', phone: '9820012345', pickup: 'only', payment: 'Cash at pickup' });
  assert.equal(await shop.scope.getByRole('radio', { name: 'Cash on delivery' }).count(), 0);
  await shop.scope.getByRole('button', { name: 'Review order' }).click();
  assert.match(await shop.reviewText(), /\nPayment: Cash at pickup\n\nPickup from the shop\nName: Asha Rao\n/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();

  const delivering = await shopper({}, '/delivery-only.html');
  await orderButter(delivering.shop);
  await delivering.page.getByRole('button', { name: 'Checkout', exact: true }).click();
  await delivering.shop.field('House or flat, building').waitFor();
  assert.equal(await delivering.shop.scope.getByRole('radio', { name: 'Pick up at the shop' }).count(), 0);
  assert.equal(await delivering.shop.scope.getByRole('radio', { name: 'Delivery', exact: true }).count(), 0, 'nothing to choose');
  await delivering.shop.scope.getByRole('button', { name: 'Review order' }).click();
  await delivering.shop.scope.getByText('Enter your house or flat number and building.').waitFor();
  assert.deepEqual(delivering.shop.errors, []);
  await delivering.context.close();
});

test('remembered details come back on the next visit, and unticking deletes them at once', async () => {
  const { context, page, shop } = await shopper();
  await orderButter(shop);
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS, notes: 'Gate 2', remember: true });
  await followWhatsAppLink(context, shop);
  assert.equal((await storedDetails(page)).length, 1);

  await page.reload();
  await orderButter(shop);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  assert.equal(await shop.field('Name').inputValue(), 'Asha Rao');
  assert.equal(await shop.field('PIN code').inputValue(), '560038');
  assert.equal(await shop.field('Notes (optional)').inputValue(), '', "an order's notes are not remembered");
  const remember = page.getByRole('checkbox', { name: /^Remember my name/ });
  assert.ok(await remember.isChecked());
  await remember.uncheck();
  assert.deepEqual(await storedDetails(page), []);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('on a desktop: WhatsApp Web, a QR code of the link, and the text to copy', async () => {
  const { context, page, shop } = await shopper({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.server.url });
  await orderButter(shop);
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS });
  const { text, number } = await shop.handoff();
  const web = new URL(await page.getByRole('link', { name: 'Open in WhatsApp Web' }).getAttribute('href'));
  assert.equal(web.host, 'web.whatsapp.com');
  assert.equal(web.searchParams.get('phone'), number);
  assert.equal(web.searchParams.get('text'), text);
  await page.getByRole('img', { name: 'Send order on WhatsApp' }).waitFor();

  await page.getByText('Order text', { exact: true }).click();
  await page.getByRole('button', { name: 'Copy order text' }).click();
  await page.getByText('Copied. Paste it into the chat with the shop.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test('on a phone: the link alone, no QR code to scan with the same phone', async () => {
  const { context, page, shop } = await shopper({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await orderButter(shop);
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS });
  await shop.whatsappLink.waitFor();
  assert.equal(await page.getByRole('img', { name: 'Send order on WhatsApp' }).isVisible(), false);
  assert.equal(await page.locator('svg.cc-qr').count(), 0, 'no QR code drawn, hidden or not');
  assert.equal(await page.getByRole('link', { name: 'Open in WhatsApp Web' }).isVisible(), false);
  await context.close();
});
