// chatcart: the one script a merchant's page needs.
//
//   <script type="module" src="https://your-host/chatcart/chatcart.js"></script>
//   <div data-chatcart data-catalog="https://your-host/feed.csv" data-whatsapp="+91 98765 43210"></div>
//
// It loads the widget from its own folder and mounts a shop into every element with
// `data-chatcart` that is in the page. `window.chatcart.ready` resolves once they are
// mounted; each such element then has `element.chatcart` with open(), close() and
// addToCart(retailerId, quantity), and dispatches `chatcart:cart-change` and `chatcart:order`.
import init from './chatcart-widget.js';

const assets = new URL('./', import.meta.url).href;
const chatcart = (window.chatcart = { assets });
chatcart.ready = init({ module_or_path: new URL('chatcart-widget_bg.wasm', assets) }).then(
  () => undefined,
  (error) => {
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
