// "My orders": the orders placed from this device, and what the shop says of each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, openShop, serverAndBrowser } from './shop-page.mjs';

const running = serverAndBrowser();

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
