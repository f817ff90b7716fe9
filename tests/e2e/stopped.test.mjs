// When the widget's code stops (a trap: in a release, every panic), each shop on the page
// says so and how to carry on, instead of a pane that no longer answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openShop, serverAndBrowser } from './shop-page.mjs';

const running = serverAndBrowser();

const STOPPED = 'Sorry, the shop stopped working. Reload';

// Every function the page hands the widget's wasm throws a trap's error once `trapping` is
// set: the next call out of the code stops it midway as a panic would, whatever called in.
function trapWhenAsked() {
  const wrap = (imports) =>
    Object.fromEntries(
      Object.entries(imports).map(([module, fields]) => [
        module,
        Object.fromEntries(
          Object.entries(fields).map(([name, value]) => [
            name,
            typeof value !== 'function'
              ? value
              : function (...args) {
                  if (globalThis.trapping) throw new WebAssembly.RuntimeError('unreachable');
                  return value.apply(this, args);
                },
          ]),
        ),
      ]),
    );
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (source, imports) => instantiate(source, imports && wrap(imports));
  WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, imports && wrap(imports));
}

test('code that stops: the shop says so, and the cart it saved is there after a reload', async () => {
  const { context, page, shop } = await openShop(running.browser, `${running.server.url}/`);
  // Opened again with the wrapping in place from the page's first script on.
  await page.addInitScript(trapWhenAsked);
  await page.reload();
  await shop.say('2 atta 5kg');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();

  await page.evaluate(() => (globalThis.trapping = true));
  await shop.message.fill('1 amul butter');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), STOPPED);
  assert.equal(await shop.message.count(), 0, 'the pane that no longer answers is gone');
  const focused = await page.evaluate(() => document.querySelector('[data-chatcart]').shadowRoot.activeElement?.textContent);
  assert.equal(focused, 'Reload', 'focus was in the message box, which is gone');

  await alert.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await context.close();
});

test('code that stops while the shop opens: the alert, and `ready` rejects', async () => {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(trapWhenAsked);
  await page.addInitScript(() => (globalThis.trapping = true));
  await page.goto(`${running.server.url}/`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), STOPPED);
  const ready = await page.evaluate(() => window.chatcart.ready.then(() => 'resolved', (error) => error.message));
  assert.equal(ready, 'unreachable');
  assert.equal(await page.getByText('could not start').count(), 0);
  await context.close();
});

test('code that stops behind a launcher: the alert at the foot of the screen; with data-launcher="no", in the page', async () => {
  for (const [launcher, position] of [['data-launcher', 'fixed'], ['data-launcher="no"', 'static']]) {
    const context = await running.browser.newContext();
    await context.route('**/examples/launcher.html', async (route) => {
      const page = await (await route.fetch()).text();
      await route.fulfill({ body: page.replace(/\bdata-launcher\b/, launcher), contentType: 'text/html' });
    });
    const page = await context.newPage();
    await page.addInitScript(trapWhenAsked);
    await page.addInitScript(() => (globalThis.trapping = true));
    await page.goto(`${running.server.url}/examples/launcher.html`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), STOPPED);
    assert.equal(await alert.evaluate((notice) => getComputedStyle(notice).position), position, launcher);
    await context.close();
  }
});

test("an error in the page's own listener is the page's: the shop goes on", async () => {
  const { context, page, shop } = await openShop(running.browser, `${running.server.url}/`);
  await page.locator('[data-chatcart]').evaluate((element) =>
    element.addEventListener('chatcart:cart-change', () => {
      throw new Error("the page's listener failed");
    }),
  );
  await shop.say('2 atta 5kg');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.say('1 amul butter');
  await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(shop.errors, ["the page's listener failed", "the page's listener failed"]);
  await context.close();
});
