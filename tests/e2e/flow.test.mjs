// The shopping flow end to end: the release build, served over real HTTP, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, ADDRESS, openShop, serverAndBrowser, ShopPage } from './shop-page.mjs';

/** No WCAG 2.1 A/AA violation at this step of the flow. */
async function assertAccessible(page, step) {
  assert.deepEqual(await accessibilityViolations(page), [], `axe-core at "${step}"`);
}

const running = serverAndBrowser();

const open = (path = '/') => openShop(running.browser, running.server.url + path);

test('hi, browse, add two products, change a quantity, check out, hand off on WhatsApp', async () => {
  const { context, page, shop } = await open();

    await assertAccessible(page, 'opened');
  await shop.chooseSuggestion('Hi');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  await assertAccessible(page, 'greeted');


  await shop.chooseSuggestion('Browse categories');
  await shop.chooseSuggestion('Dairy & Eggs');
  await shop.conversation.getByText('Dairy & Eggs: 7 products').waitFor();
  // The demo is a pack: the heading comes first, the cards once their piece arrives.
  const ghee = shop.product('Amul Pure Ghee');
  await ghee.getByText('Out of stock').waitFor();
  assert.equal(await ghee.getByRole('button', { name: 'Add Amul Pure Ghee to cart' }).count(), 0, 'out of stock: nothing to add');
    await shop.addToCart('Amul Butter');
  await assertAccessible(page, 'category with cards');

  await shop.say('atta');
  await shop.conversation.getByText('Found').last().waitFor();
  const atta = shop.conversation.getByRole('article', { name: 'Aashirvaad Whole Wheat Atta' }).first();
  const attaText = (await atta.textContent()).replace(/\s+/g, ' ');
  assert.match(attaText, /₹249\.00 was ₹284\.00/, 'sale price, then the old price struck through');
  assert.equal((await atta.locator('s').textContent()).replace(/\s+/g, ' ').trim(), 'was ₹284.00');
  await atta.getByRole('button', { name: 'Add Aashirvaad Whole Wheat Atta to cart' }).click();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();

  await shop.openCart();
  await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).click();
  await page.getByRole('button', { name: 'Increase quantity of Amul Butter' }).click();
  await page.getByRole('button', { name: 'Decrease quantity of Amul Butter' }).click();
  assert.equal(await shop.cartTotalValue(), '819.00'); // 2 x 285.00 + 249.00
  assert.equal(await shop.cartTotal.innerText(), '₹819.00');
    await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  await assertAccessible(page, 'cart');

  await shop.checkout(
    {
      name: 'Priya Sharma',
      phone: '+91 98200 12345',
      address: { house: 'Flat 4B, Lotus Towers', area: 'Andheri West', city: 'Mumbai', state: 'Maharashtra', pin: '400053' },
      notes: 'Ring twice & leave at door #4',
    },
    { place: false },
  );
  const reviewed = await shop.reviewText();
  await assertAccessible(page, 'review');
  await page.getByRole('button', { name: 'Place order' }).click();

  const handoff = await shop.handoff();
  assert.equal(handoff.text, reviewed, 'the message is exactly what was reviewed');
  assert.equal(handoff.host, 'wa.me');
  assert.equal(handoff.number, '919876543210');
  const reference = handoff.text.match(/^New order (CC-[0-9A-HJKMNP-TV-Z]{6}) for Sharma General Store\n/)?.[1];
  assert.ok(reference, `order reference in: ${handoff.text}`);
  await shop.conversation
    .getByText(`Order ${reference} is ready. Send it to the shop on WhatsApp (+919876543210) to confirm.`)
    .waitFor();
  assert.equal(
    handoff.text,
    `New order ${reference} for Sharma General Store\n\n` +
      '2 x Amul Butter (500 g): ₹570.00\n' +
      '1 x Aashirvaad Whole Wheat Atta (5 kg): ₹249.00\n\n' +
      'Total: ₹819.00\nPayment: Cash on delivery\n\n' +
      'Deliver to: Flat 4B, Lotus Towers, Andheri West, Mumbai, Maharashtra 400053\n' +
      'Name: Priya Sharma\nPhone: +91 98200 12345\n' +
      'Notes: Ring twice & leave at door #4\n\n' +
      `Check: ${handoff.text.match(/Check: (\S+)$/)?.[1]}`,
  );
    assert.ok(handoff.href.includes('%26%20leave'), '& is percent-encoded, not a query separator');
  await assertAccessible(page, 'order ready');


  // Following the link hands the order over: WhatsApp opens in a new tab, the cart empties.
  await context.route('https://wa.me/**', (route) => route.fulfill({ body: 'WhatsApp stand-in' }));
  const [whatsapp] = await Promise.all([context.waitForEvent('page'), shop.whatsappLink.click()]);
  await whatsapp.waitForLoadState();
  assert.equal(whatsapp.url(), handoff.href);
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  await shop.conversation.getByText('Thanks! Your order went to WhatsApp.').waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('asking for the menu on a slow network: answered as soon as the catalog arrives', async () => {
  const { context, page, shop } = await open();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/demo-pack/manifest.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await shop.say('menu');
  await shop.conversation.getByText('One moment, the product list is still on its way.').waitFor();
  release();
  await shop.conversation.getByText('Here is what we sell. Pick a category:').waitFor();
  await shop.suggestions.getByRole('button', { name: 'Dairy & Eggs' }).waitFor();
  await context.close();
});

test('the cart survives a reload', async () => {
  const { context, page, shop } = await open();
  await shop.say('maggi');
  await shop.addToCart('Maggi 2-Minute Masala Noodles');
  await shop.addToCart('Maggi 2-Minute Masala Noodles');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();

  await page.reload();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartFigure('subtotal'), '112.00');
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('checkout explains every field that needs fixing and keeps what was typed', async () => {
  const { context, page, shop } = await open();
  // Five bottles: the demo shop's minimum order is ₹100.
  await shop.say('5 bisleri');
  await page.getByRole('button', { name: 'Cart, 5 items' }).waitFor();
  await shop.openCart();
  await shop.checkout(
    { name: 'Ravi', phone: '12ab', address: { house: '4 FC Road', city: 'Pune', state: 'Maharashtra', pin: '41100' } },
    { place: false },
  );

  assert.equal(await shop.whatsappLink.count(), 0);
  await page.getByText('Enter a phone number of 7 to 15 digits, like +91 98765 43210.').waitFor();
  await page.getByText('A PIN code has 6 digits, like 400053.').waitFor();
  assert.equal(await shop.field('Phone').getAttribute('aria-invalid'), 'true');
  assert.equal(await shop.field('PIN code').getAttribute('aria-invalid'), 'true');
  assert.equal(await shop.field('Name').getAttribute('aria-invalid'), 'false');
  assert.equal(await shop.field('Name').inputValue(), 'Ravi');
  assert.ok(await shop.field('Phone').evaluate((el) => el === el.getRootNode().activeElement), 'focus on the first bad field');
  await assertAccessible(page, 'checkout with errors');
  await context.close();
});

test('typed one-line orders: added when clear, asked when not, removed by name', async () => {
  const { context, page, shop } = await open();
  await shop.say('2 amul butter');
  await shop.conversation.getByText('Added 2 x Amul Butter (500 g) to your cart.').waitFor();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();

  await shop.say('aashirvad atta x3');
  await shop.conversation.getByText('Which one do you mean? Pick one below, or type more of its name.').waitFor();
  assert.deepEqual(await shop.suggestions.getByRole('button').allTextContents(), [
    'Aashirvaad Whole Wheat Atta (5 kg)',
    'Aashirvaad Whole Wheat Atta (10 kg)',
  ]);
  await shop.chooseSuggestion('Aashirvaad Whole Wheat Atta (10 kg)');
  await shop.conversation.getByText('Added 3 x Aashirvaad Whole Wheat Atta (10 kg) to your cart.').waitFor();

  await shop.say('remove butter');
  await shop.conversation.getByText('Removed Amul Butter (500 g) from your cart.').waitFor();
    await shop.say('2 amul icecream');
  await shop.conversation.getByText('Nothing matches "amul icecream" exactly. Maybe one of these?').waitFor();
  await shop.product('Amul Butter').waitFor();
  await shop.say('remove ghee');
  await shop.conversation.getByText('There\'s no "ghee" in your cart.').waitFor();
  await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
  await shop.openCart();
  assert.equal(await shop.cartTotalValue(), '1437.00'); // 3 x 479.00
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('commands in Dutch and Hindi; clearing the cart can be undone', async () => {
  const { context, page, shop } = await open();
  await shop.say('Goedemorgen');
  await shop.conversation.getByText('Namaste! This is Sharma General Store.').waitFor();
  await shop.say('मेनू');
  await shop.conversation.getByText('Here is what we sell. Pick a category:').waitFor();
  await shop.say('2 amul butter');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await shop.say('mandje leegmaken');
  await shop.conversation.getByText('Your cart is empty now.').waitFor();
  await page.getByRole('button', { name: 'Cart, empty' }).waitFor();
  await shop.chooseSuggestion('Undo');
  await shop.conversation.getByText('Your cart is back as it was.').waitFor();
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  assert.deepEqual(shop.errors, []);
  await context.close();
});

test('dark and branded: follows the device, takes a brand colour, stays readable', async () => {
  for (const [query, colorScheme] of [['', 'dark'], ['?theme=dark&brand=%23ffd600', 'light']]) {
    const context = await running.browser.newContext({ colorScheme, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const shop = new ShopPage(page);
    await page.goto(running.server.url + '/' + query);
    await shop.chooseSuggestion('Hi');
    await shop.say('butter');
    await shop.addToCart('Amul Butter');
    const style = (selector, property) =>
      page.locator(selector).evaluate((el, property) => getComputedStyle(el)[property], property);
    const look = {
      background: await style('.cc-shop', 'backgroundColor'),
      header: await style('.cc-header', 'backgroundColor'),
      headerText: await style('.cc-header', 'color'),
    };
    assert.equal(look.background, 'rgb(11, 20, 26)', `dark background for ${query || 'the device setting'}`);
    if (query) {
      assert.equal(look.header, 'rgb(255, 214, 0)', 'the brand colour');
      assert.equal(look.headerText, 'rgb(17, 27, 33)', 'dark text on a yellow brand');
    }
    await assertAccessible(page, `dark ${query}`);
    await shop.openCart();
    await assertAccessible(page, `dark cart ${query}`);
    await page.screenshot({ path: `test-results/dark${query ? '-branded' : ''}.png` });
    await context.close();
  }
});

test('the whole flow with the keyboard alone', async () => {
  const { context, page, shop } = await open();
  const focused = () => page.evaluate(() => {
    // The focused element, looking inside the shop's shadow root.
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('aria-label') || el?.labels?.[0]?.textContent.trim() || el?.textContent?.trim() || el?.tagName;
  });
  /** Presses Tab (or Shift+Tab) until the focused control's name is `name`. */
  async function tabTo(name, { back = false, limit = 60 } = {}) {
    for (let presses = 0; presses < limit; presses++) {
      if ((await focused()) === name) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached "${name}" (last: "${await focused()}")`);
  }
  await shop.message.waitFor();
  await tabTo('Message');
  await page.keyboard.type('butter');
  await page.keyboard.press('Enter');
  await shop.conversation.getByText('Found 1 product for "butter"').waitFor();
  assert.equal(await focused(), 'Message', 'focus stays in the composer after sending');
  await tabTo('Add Amul Butter to cart', { back: true });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
  await tabTo('Cart, 2 items', { back: true });
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'Your cart', 'focus moves to the opened cart');
  await tabTo('Checkout');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'Checkout', 'focus moves to the checkout heading');
    await tabTo('Name');
  await page.keyboard.type('Priya Sharma');
  await tabTo('Phone');
  await page.keyboard.type('+91 98200 12345');
  await tabTo('House or flat, building');
  await page.keyboard.type('Flat 4B, Lotus Towers');
  await tabTo('City');
  await page.keyboard.type('Mumbai');
  await tabTo('State');
  await page.keyboard.type('Maharashtra');
  await tabTo('PIN code');
  await page.keyboard.type('400053');
  await tabTo('Review order');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'Review your order', 'focus moves to the review heading');
  await tabTo('Place order');
  await page.keyboard.press('Enter');
  await shop.whatsappLink.waitFor();
  assert.equal(await focused(), 'Send order on WhatsApp', 'focus lands on the hand-off link');
  const { text } = await shop.handoff();
  assert.match(text, /2 x Amul Butter \(500 g\): ₹570\.00/);
  await context.close();
});

test('in Hindi and in Dutch, chosen by the link', async () => {
  const cases = [
    { locale: 'hi-IN', message: 'संदेश', send: 'भेजें', hi: 'नमस्ते', welcome: 'नमस्ते! यह Sharma General Store है।',
      add: 'Amul Butter कार्ट में जोड़ें', cart: 'कार्ट, 1 सामान', lang: 'hi', price: '₹285.00' },
    { locale: 'nl', message: 'Bericht', send: 'Verstuur', hi: 'Hallo', welcome: 'Hallo! Dit is Sharma General Store.',
      add: 'Amul Butter aan mandje toevoegen', cart: 'Mandje, 1 artikel', lang: 'nl', price: '₹\u00a0285,00' },
  ];
  for (const c of cases) {
    const { context, page } = await open(`/?locale=${c.locale}`);
    const log = page.getByRole('log');
    await page.getByRole('group').getByRole('button', { name: c.hi, exact: true }).click();
    await log.getByText(c.welcome).waitFor();
    await page.getByRole('textbox', { name: c.message }).fill('butter');
    await page.getByRole('button', { name: c.send }).click();
    await log.getByRole('button', { name: c.add }).click();
    await page.getByRole('button', { name: c.cart }).waitFor();
    assert.equal(await page.locator('.cc-theme').getAttribute('lang'), c.lang);
    const price = (await log.getByRole('article', { name: 'Amul Butter' }).locator('.cc-price__now').textContent()).trim();
    assert.equal(price, c.price, `in ${c.locale}`);
    await assertAccessible(page, `in ${c.locale}`);
    await context.close();
  }
});

test('money in a locale the widget does not write itself is written by the browser', async () => {
  // German words are not among the shop's languages; its prices follow the locale.
  const { context, page } = await open('/?locale=de-DE');
  await page.getByRole('textbox', { name: 'Message' }).fill('butter');
  await page.getByRole('button', { name: 'Send' }).click();
  const card = page.getByRole('log').getByRole('article', { name: 'Amul Butter' });
  assert.equal((await card.locator('.cc-price__now').textContent()).trim(), '285,00\u00a0₹');
  await context.close();
});
