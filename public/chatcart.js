// chatcart: the one script a merchant's page needs.
//
//   <script type="module" src="https://your-host/chatcart/chatcart.js"></script>
//   <div data-chatcart data-catalog="https://your-host/feed.csv" data-whatsapp="+91 98765 43210"></div>
//
// It loads the widget from its own folder and mounts a shop into every element with
// `data-chatcart` that is in the page. `window.chatcart.ready` resolves once they are
// mounted; each such element then has `element.chatcart` with open(), close() and
// addToCart(retailerId, quantity), and dispatches `chatcart:cart-change` and `chatcart:order`.
const assets = new URL('./', import.meta.url).href;
const chatcart = (window.chatcart = { assets });

// Everything the widget needs first is asked for at once, side by side: its modules and wasm
// (the widget is imported below only after these requests have started), its stylesheet and
// each shop's catalog (a feed can be megabytes). The catalog is chosen as the widget chooses
// it: the page's last non-empty ?catalog=, else data-catalog, else the demo catalog.
const link = (attributes) => document.head.append(Object.assign(document.createElement('link'), attributes));
const preload = (href, as) => link({ rel: 'preload', as, href, ...(as === 'fetch' && { crossOrigin: 'anonymous' }) });
link({ rel: 'modulepreload', href: `${assets}chatcart-widget.js` });
link({ rel: 'modulepreload', href: `${assets}__wasm_split.js` });
preload(`${assets}chatcart-widget_bg.wasm`, 'fetch');
preload(`${assets}chatcart.css`, 'style');
const shops = [...document.querySelectorAll('[data-chatcart]')];
const query = new URLSearchParams(location.search);
const linked = query.getAll('catalog').at(-1)?.trim();
const catalogs = shops.map(
  (element) => linked || element.dataset.catalog?.trim() || 'demo-catalog.json',
);
new Set(catalogs).forEach((catalog) => preload(catalog, 'fetch'));
// A chunk of the widget's code that a shop will need at once: its own file and those of the
// code it shares with other chunks, chunk_<n>.wasm, whose n scripts/build-widget.sh writes in
// for each chunk (the line below, exactly); left empty, a chunk's own file alone.
const chunkFiles = {};
const preloadChunk = (name) =>
  [`split_${name}.wasm`, ...(chunkFiles[name] ?? []).map((n) => `chunk_${n}.wasm`)].forEach((file) =>
    preload(`${assets}${file}`, 'fetch'),
  );
// A shop in Hindi or Dutch: its words are a chunk of the widget, read before it opens. Its
// language is chosen as the widget chooses it: the page's last non-empty ?locale=, else
// data-locale, else the device's language.
const linkedLocale = query.getAll('locale').filter((tag) => tag.trim()).at(-1);
const spoken = (element) =>
  (linkedLocale ?? element.dataset.locale ?? navigator.language ?? '').trim().split(/[-_]/)[0].toLowerCase();
new Set(shops.map(spoken)).forEach((language) => {
  if (language === 'hi' || language === 'nl') preloadChunk(`words_${language}`);
});
// A shop this device saved something for (a cart, orders, details): the widget reads it
// before it opens with the chunk that also sends orders still waiting in the outbox and asks
// after those placed. A first visit saved nothing and needs it only once an order is sent.
const savedKeys = () => {
  try {
    return [localStorage, sessionStorage].flatMap((storage) => Object.keys(storage));
  } catch {
    return []; // storage blocked: nothing can have been saved
  }
};
const saved = shops.length ? savedKeys() : [];
if (saved.some((key) => /^chatcart:v1:(cart|outbox|orders|checkout|details):/.test(key))) {
  preloadChunk('saved_and_sent');
}
// A shop's settings file: the widget reads it before it opens.
shops.forEach((element) => {
  const settings = element.dataset.settings?.trim();
  if (settings) preload(settings, 'fetch');
});
// A shop opens once its settings file, words and saved data are here: `ready` waits for each
// to start (or to fail to, in an element that cannot hold it). The listeners come first: an
// element can fail while the widget starts, before its module's promise settles.
const failed = new Set();
const mounted = (element) =>
  element.chatcart ||
  new Promise((resolve) => {
    element.addEventListener('chatcart:mounted', resolve, { once: true });
    element.addEventListener(
      'chatcart:failed',
      () => {
        failed.add(element);
        resolve();
      },
      { once: true },
    );
  });
const opened = Promise.all(shops.map(mounted));
// The glue calls this when the code stopped midway (a trap: a bug, never expected). What the
// code held can no longer be trusted, so each shop says so, with a way to carry on, instead
// of a pane that would not answer; `ready` rejects, and stops waiting for a shop still
// opening. Elements the widget failed in (a page's own shadow root, say) are left alone.
let stopped = false;
chatcart.stopped = () => {
  if (stopped) return;
  stopped = true;
  for (const element of shops.filter((element) => !failed.has(element))) {
    const notice = document.createElement('p');
    notice.setAttribute('role', 'alert');
    notice.style.cssText = 'margin:0;padding:16px;font:16px/1.5 system-ui,sans-serif;background:#fff;color:#111';
    // A launcher's pane covered the screen, and goes with the widget's stylesheet: the
    // notice takes the foot of the screen instead of the host's place in the page. A
    // launcher as the widget reads data-launcher: bare, yes, true or on ("no" is none).
    if (['', 'yes', 'true', 'on'].includes(element.dataset.launcher?.trim().toLowerCase())) {
      notice.style.cssText += ';position:fixed;left:0;right:0;bottom:0;z-index:2147483647';
    }
    notice.textContent = 'Sorry, the shop stopped working. ';
    const reload = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Reload' });
    reload.style.font = 'inherit';
    reload.onclick = () => location.reload();
    notice.append(reload);
    const focused = document.activeElement === element;
    (element.shadowRoot ?? element).replaceChildren(notice);
    if (focused) reload.focus();
    if (!element.chatcart) element.dispatchEvent(new CustomEvent('chatcart:failed', { bubbles: true }));
  }
};
chatcart.ready = import('./chatcart-widget.js')
  .then(({ default: init }) => init({ module_or_path: new URL('chatcart-widget_bg.wasm', assets) }))
  .then(() => opened)
  .then(
    () => {
      if (stopped) throw new Error('chatcart: the shop stopped working');
    },
    (error) => {
      if (stopped) throw error; // each shop says so already
      for (const element of document.querySelectorAll('[data-chatcart]')) {
        element.textContent = 'Sorry, the shop could not start here. Please try again later.';
      }
      console.error(
        'chatcart: the widget could not start. Under a Content-Security-Policy, script-src needs ' +
          "'wasm-unsafe-eval' and the widget's origin (see the merchant's guide).",
        error,
      );
      throw error;
    },
  );
