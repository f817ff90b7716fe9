// "My orders": the orders placed from this device, and what the shop says of each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, ADDRESS, openShop, serverAndBrowser, ShopPage } from './shop-page.mjs';
import { endpointShopPage, setInboxUser, startReceiver } from './receiver.mjs';

// The shop's page, sending orders to the receiver of the test that runs.
let endpoint;
const running = serverAndBrowser(async () => ({
  routes: { '/endpoint-shop.html': endpointShopPage(() => endpoint) },
}));

test('an order sent on WhatsApp is listed as confirmed there, asked for in the chat after a reload', async () => {
  const { context, page, shop } = await openShop(running.browser, running.server.url);
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  const myOrders = page.getByRole('button', { name: 'My orders' });
  await shop.say('my orders');
  await shop.conversation.getByText('No orders from this device yet.', { exact: false }).waitFor();
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  assert.equal(await myOrders.count(), 0, 'no list before the first order');
  await shop.openCart();
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', pickup: true, payment: 'Pay in the chat (the shop sends details)' });
  const reference = (await shop.handoff()).text.match(/New order (CC-\w{6})/)[1];
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();

  await page.reload();
  await shop.say('where is my order?');
  const panel = page.getByRole('region', { name: 'My orders' });
  const order = panel.getByRole('listitem');
  await order.getByText('Sent on WhatsApp: the shop confirms there.').waitFor();
  assert.equal(await order.count(), 1);
  assert.match(await order.innerText(), new RegExp(`^${reference}\\s+₹285\\.00\\n`));
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.equal(await myOrders.getAttribute('aria-expanded'), 'true');
  await panel.getByRole('button', { name: 'Close' }).click();
  assert.equal(await myOrders.getAttribute('aria-expanded'), 'false');
  assert.ok(await myOrders.evaluate((button) => button.getRootNode().activeElement === button), 'focus is back on the button');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test("an order placed in one tab is in My orders of the shop's other open tab", async () => {
  const { context, page, shop } = await openShop(running.browser, running.server.url);
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  const otherPage = await context.newPage();
  const other = new ShopPage(otherPage);
  other.recordErrors();
  await otherPage.goto(page.url());
  await other.say('butter');
  await other.product('Amul Butter').waitFor();

  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  await shop.openCart();
  await shop.checkout({ name: 'Asha Rao', phone: '9820012345', pickup: true, payment: 'Pay in the chat (the shop sends details)' });
  const reference = (await shop.handoff()).text.match(/New order (CC-\w{6})/)[1];
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.close();

  // The other tab was never reloaded: its header gains the button, and its list the order.
  await otherPage.getByRole('button', { name: 'My orders' }).click();
  const order = otherPage.getByRole('region', { name: 'My orders' }).getByRole('listitem');
  await order.getByText('Sent on WhatsApp: the shop confirms there.').waitFor();
  assert.equal(await order.count(), 1);
  assert.match(await order.innerText(), new RegExp(`^${reference}\\s+₹285\\.00\\n`));
  assert.deepEqual([...shop.errors, ...other.errors], []);
  await context.close();
});

test('the merchant accepts in the inbox and the shopper sees it in My orders within seconds', async () => {
  const receiver = await startReceiver({ origin: running.server.url });
  endpoint = receiver.url;
  setInboxUser(receiver.db, 'asha', 'kirana rocks 2026');
  try {
    // The shopper orders on the shop's page.
    const shopper = await openShop(running.browser, `${running.server.url}/endpoint-shop.html`);
    const asks = [];
    shopper.page.on('request', (request) => {
      if (request.url().endsWith('/status') && request.method() === 'GET') asks.push(request.headers().authorization);
    });
    await shopper.shop.say('2 atta 5kg');
    await shopper.page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
    await shopper.shop.openCart();
    await shopper.shop.checkout({ name: 'Asha Rao', phone: '9820012345', address: ADDRESS, slot: '5–8 pm', payment: 'Cash on delivery' });
    const received = shopper.shop.conversation.getByText(/The shop received order (CC-\w{6}) as #1\./);
    await received.waitFor();
    const reference = (await received.textContent()).match(/CC-\w{6}/)[0];
    await shopper.page.getByRole('button', { name: 'My orders' }).click();
    const order = shopper.page.getByRole('region', { name: 'My orders' }).getByRole('listitem');
    await order.getByText('Received', { exact: true }).waitFor();

    // The merchant, on another device, accepts it with 30 minutes to delivery.
    const merchant = await running.browser.newContext({ viewport: { width: 360, height: 740 } });
    const inbox = await merchant.newPage();
    await inbox.goto(`${receiver.base}/inbox`);
    await inbox.getByLabel('Name').fill('asha');
    await inbox.getByLabel('Password').fill('kirana rocks 2026');
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await inbox.getByRole('link', { name: new RegExp(reference) }).click();
    await inbox.getByLabel('Minutes to delivery (optional)').fill('30');
    await inbox.getByRole('button', { name: 'Accept' }).click();
    await inbox.getByText(`Order ${reference} is now accepted.`).waitFor();

    // The shopper's open list asks again within seconds, with the order's own secret.
    await order.getByText('Accepted', { exact: true }).waitFor({ timeout: 15_000 });
    assert.match(await order.innerText(), /Expected by .+\./);
    assert.ok(asks.length >= 2 && asks.every((a) => /^Bearer [0-9a-f]{64}$/.test(a)), JSON.stringify(asks));
    assert.equal(receiver.orders()[0].status, 'accepted');
    assert.deepEqual(await accessibilityViolations(shopper.page), []);
    assert.deepEqual(shopper.shop.errors, []);
    await merchant.close();
    await shopper.context.close();
  } finally {
    await receiver.stop();
  }
});
