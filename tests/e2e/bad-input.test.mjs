// Bad catalogs and bad set-up: the shopper gets a clear message and a usable pane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ADDRESS, openShop, serverAndBrowser } from './shop-page.mjs';

const DMART_FEED = new URL('../../../shared/data/feed-dmart.csv', import.meta.url);

const running = serverAndBrowser(async () => {
  const dmart = await readFile(DMART_FEED);
  return {
    routes: {
      '/broken.json': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{\n  "format": "chatcart-catalog",\n  "version": 1,\n  "products": [ oops ]\n}');
      },
      // Answers nothing, ever: the widget gives up after 15 seconds without a byte.
      '/silent.json': () => {},
      // Sends its headers and 1.5 MB of 4.2, then nothing more.
      '/stalls.csv': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': dmart.length });
        res.write(dmart.subarray(0, 1_500_000));
      },
      '/bad-price.json': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          format: 'chatcart-catalog', version: 1, currency: 'INR',
          categories: [{ id: 'staples', name: 'Staples' }],
          products: [{ id: 'rice-1', title: 'Rice', category: 'staples', price: '12,50' }],
        }));
      },
    },
  };
});

const open = (query) => openShop(running.browser, `${running.server.url}/${query}`, {});

test('a catalog that is not there: says which URL and what the server answered', async () => {
  const { context, shop } = await open('?catalog=/no-such-feed.json');
  await shop.conversation
    .getByText("Sorry, the product list couldn't be loaded: the catalog at /no-such-feed.json answered 404 Not Found.")
    .waitFor();
  // Still a working chat: greeting answers, browsing explains, retry is offered.
  await shop.chooseSuggestion('Try again');
  await shop.say('hi');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  await shop.say('menu');
  await shop.conversation.getByText("The product list isn't available right now").waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('malformed JSON: says where', async () => {
  const { context, shop } = await open('?catalog=/broken.json');
  const message = shop.conversation.getByText('the catalog at /broken.json can\'t be used');
  await message.waitFor();
  assert.match(await message.innerText(), /it is not valid catalog JSON \(line 4, column 17: expected a value: text in double quotes/);
  assert.deepEqual(shop.errors, []);
  await context.close();
});

// Both wait out the same 15 seconds, side by side.
test('a catalog that never answers, or stops arriving: each is a timeout that says so, not a spinner forever', async () => {
  const silent = async () => {
    const { context, page, shop } = await open('?catalog=/silent.json');
    await page.getByRole('status').filter({ hasText: /^Loading the product list…$/ }).waitFor();
    await shop.say('menu');
    await shop.conversation.getByText('One moment, the product list is still on its way.').waitFor();
    await shop.conversation
      .getByText("Sorry, the product list couldn't be loaded: the catalog at /silent.json did not answer within 15 seconds.")
      .waitFor({ timeout: 25_000 });
    await shop.suggestions.getByRole('button', { name: 'Try again' }).waitFor();
    assert.deepEqual(shop.errors, []);
    await context.close();
  };
  const stalled = async () => {
    const { context, page, shop } = await open('?catalog=/stalls.csv');
    const status = page.getByRole('status');
    await status.filter({ hasText: /^Loading the product list: 1 of 4 MB$/ }).waitFor();
    await shop.conversation
      .getByText(
        "Sorry, the product list couldn't be loaded: the catalog at /stalls.csv stopped arriving after 1.5 MB: " +
          'nothing more came for 15 seconds. You can still chat, and try again.',
      )
      .waitFor({ timeout: 25_000 });
    await status.filter({ hasText: /^Replies instantly$/ }).waitFor();
    await shop.suggestions.getByRole('button', { name: 'Try again' }).waitFor();
    assert.deepEqual(shop.errors, []);
    await context.close();
  };
  await Promise.all([silent(), stalled()]);
});

test('a price the catalog format does not allow: names the product and field', async () => {
  const { context, shop } = await open('?catalog=/bad-price.json');
  await shop.conversation
    .getByText('product 1 ("rice-1"), field "price": "12,50" is not a price: write digits with an optional decimal point, like 249.50')
    .waitFor();
  await context.close();
});

test('an invalid merchant number is reported instead of producing a broken link', async () => {
  const { context, page, shop } = await open('?whatsapp=12-34');
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await shop.openCart();
  await shop.checkout({ name: 'Asha', phone: '9820012345', address: ADDRESS }, { place: false });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(
    await alert.innerText(),
    /^The order can't be sent yet: the shop's WhatsApp number "12-34" is not a phone number in international form/,
  );
  assert.equal(await shop.whatsappLink.count(), 0);
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('a saved cart whose catalog then fails: kept, explained, and no order without prices', async () => {
  const { context, page, shop } = await open('');
  await shop.say('butter');
  await shop.addToCart('Amul Butter');
  await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();

  await page.route('**/demo-pack/manifest.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.reload();
  await shop.conversation.getByText('answered 503 Service Unavailable').waitFor();
  await shop.openCart();
  await page.getByText('Your cart has 1 item. Prices and totals will show once the product list loads.').waitFor();

  await shop.say('checkout');
  await shop.fillCheckout({ name: 'Asha', phone: '9820012345', address: ADDRESS });
  await page.getByRole('button', { name: 'Review order' }).click();
  assert.equal(
    await page.getByRole('alert').innerText(),
    "The order can't be sent yet: the product list hasn't loaded, so the prices can't be checked. " +
      'Your cart and details are kept; please tell the shop.',
  );
  assert.equal(await shop.whatsappLink.count(), 0);

  // Once the catalog is back, the same cart prices and the order goes through.
  await page.unroute('**/demo-pack/manifest.json');
  await page.getByRole('button', { name: 'Close' }).click();
  await shop.chooseSuggestion('Try again');
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '285.00');
  assert.deepEqual(shop.errors, []);
  await context.close();
});
