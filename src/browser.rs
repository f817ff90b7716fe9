//! The few browser services the widget uses, each behind a function that cannot throw.

use std::cell::OnceCell;

use chatcart_core::money::{Currency, Money, MoneyWriting};
use chatcart_core::session::EndpointAnswer;
use gloo_net::http::Request;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AbortSignal, CustomEvent, CustomEventInit, Event, HtmlElement, ShadowRootInit, ShadowRootMode,
    Storage,
};

/// Formats money as the shop's locale writes it: rupees and euros in the locales whose
/// [`MoneyWriting`] the widget knows, anything else with `Intl.NumberFormat`, made on first
/// use and handed the exact decimal string (never an f64). Intl's first use in a page cost
/// Chromium 31 to 39 ms here, in the task that mounts the shop, before it could greet.
pub struct MoneyFormat {
    locale: String,
    writing: Option<MoneyWriting>,
    intl: OnceCell<Option<Function>>,
}

fn number_format(locale: &str, currency: Currency) -> Result<Function, JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into())?;
    let constructor: Function = Reflect::get(&intl, &"NumberFormat".into())?.dyn_into()?;
    let options = Object::new();
    Reflect::set(&options, &"style".into(), &"currency".into())?;
    Reflect::set(&options, &"currency".into(), &currency.code().into())?;
    let formatter = Reflect::construct(&constructor, &Array::of2(&locale.into(), &options))?;
    Reflect::get(&formatter, &"format".into())?.dyn_into()
}

impl MoneyFormat {
    pub fn new(locale: &str) -> Self {
        MoneyFormat {
            locale: locale.to_owned(),
            writing: MoneyWriting::of(locale),
            intl: OnceCell::new(),
        }
    }

    /// Falls back to the default locale, then to plain text, if `Intl` refuses the locale.
    pub fn format(&self, money: &Money) -> String {
        if let Some(text) = self.writing.and_then(|writing| writing.write(money)) {
            return text;
        }
        // A shop sells in one currency: the first amount's is every amount's.
        let currency = money.currency();
        self.intl
            .get_or_init(|| {
                number_format(&self.locale, currency)
                    .or_else(|_| number_format(chatcart_core::config::DEFAULT_LOCALE, currency))
                    .ok()
            })
            .as_ref()
            .and_then(|f| f.call1(&JsValue::NULL, &money.amount_string().into()).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| money.plain())
    }
}

fn storage(local: bool) -> Option<Storage> {
    let window = web_sys::window()?;
    let storage = if local {
        window.local_storage()
    } else {
        window.session_storage()
    };
    storage.ok().flatten()
}

/// Reads a value from localStorage (`local`) or sessionStorage; `None` when absent or blocked.
pub fn stored(local: bool, key: &str) -> Option<String> {
    storage(local)?.get_item(key).ok().flatten()
}

/// Writes a value; `false` when storage is blocked or full.
pub fn store(local: bool, key: &str, value: &str) -> bool {
    storage(local).is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a value; nothing happens when storage is blocked.
pub fn forget(local: bool, key: &str) {
    if let Some(storage) = storage(local) {
        let _ = storage.remove_item(key);
    }
}

/// A listener to the window's events of one kind, removed when dropped.
#[must_use = "the listener is removed when dropped"]
pub struct WindowListener {
    event: &'static str,
    listener: JsValue,
}

/// Calls `handler` on each of the window's `event`s while the listener returned lives.
/// (Leptos's `window_event_listener` is compiled once for each type of event, and its
/// handle is kept in a wrapper that checks the thread: see `one_thread`.)
pub fn on_window(event: &'static str, handler: Box<dyn FnMut(Event)>) -> WindowListener {
    let listener = Closure::wrap(handler).into_js_value();
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback(event, listener.unchecked_ref());
    }
    WindowListener { event, listener }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let listener = self.listener.unchecked_ref();
            let _ = window.remove_event_listener_with_callback(self.event, listener);
        }
    }
}

/// Whether the browser believes it has a network connection.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// An empty polite status in `host`, in place of what it held: for words before a shop is
/// mounted there (its shadow root then hides them).
pub fn show_status(host: &web_sys::HtmlElement) -> web_sys::Element {
    host.set_text_content(None);
    let status = host
        .owner_document()
        .and_then(|d| d.create_element("p").ok())
        .unwrap_or_else(|| host.clone().into());
    let _ = status.set_attribute("role", "status");
    if &status != host.as_ref() {
        let _ = host.append_child(&status);
    }
    status
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Puts `text` on the clipboard; `false` when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// How long one try at sending an order may take.
const ORDER_TIMEOUT_MS: u32 = 10_000;

/// POSTs an order; `None` when no answer came (network down, refused, timed out).
pub async fn post_order(
    endpoint: &str,
    idempotency_key: &str,
    body: &str,
) -> Option<EndpointAnswer> {
    let signal = AbortSignal::timeout_with_u32(ORDER_TIMEOUT_MS);
    let request = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotency_key)
        .abort_signal(Some(&signal))
        .body(body)
        .ok()?;
    answer(request).await
}

/// Asks the shop's server how an order stands, by the secret it gave; `None` when no
/// answer came.
pub async fn ask_status(url: &str, secret: &str) -> Option<EndpointAnswer> {
    let signal = AbortSignal::timeout_with_u32(ORDER_TIMEOUT_MS);
    let request = Request::get(url)
        .header("Authorization", &format!("Bearer {secret}"))
        .abort_signal(Some(&signal))
        .build()
        .ok()?;
    answer(request).await
}

/// Sends `request` and reads what came back.
async fn answer(request: gloo_net::http::Request) -> Option<EndpointAnswer> {
    let response = request.send().await.ok()?;
    let retry_after_ms = response.headers().get("Retry-After").and_then(|value| {
        chatcart_core::outbox::retry_after_ms(&value).or_else(|| {
            // The HTTP-date form: wait until then.
            let until = js_sys::Date::parse(&value);
            (until.is_finite()).then(|| (until - js_sys::Date::now()).max(0.0) as u32)
        })
    });
    Some(EndpointAnswer {
        status: response.status(),
        body: response.text().await.unwrap_or_default(),
        retry_after_ms,
    })
}

/// Where the widget's files are: `window.chatcart.assets`, set by the loader (chatcart.js)
/// to its own folder; else the page's folder.
pub fn assets_base() -> String {
    Reflect::get(&js_sys::global(), &"chatcart".into())
        .and_then(|api| Reflect::get(&api, &"assets".into()))
        .ok()
        .and_then(|assets| assets.as_string())
        .unwrap_or_default()
}

/// Attaches an open shadow root to `host` holding the widget's stylesheet and an empty
/// container for the shop, which stays hidden until the stylesheet has arrived. `None`
/// when the element cannot have a shadow root.
pub fn shadow_container(host: &HtmlElement, stylesheet: &str) -> Option<HtmlElement> {
    let document = host.owner_document()?;
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .ok()?;
    let link = document.create_element("link").ok()?;
    link.set_attribute("rel", "stylesheet").ok()?;
    link.set_attribute("href", stylesheet).ok()?;
    let container: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    container.set_class_name("cc-root");
    let _ = HtmlElement::style(&container).set_property("visibility", "hidden");
    let reveal = {
        let container = container.clone();
        let stylesheet = stylesheet.to_owned();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if event.type_() == "error" {
                web_sys::console::error_1(
                    &format!("chatcart: the stylesheet {stylesheet} could not be loaded").into(),
                );
            }
            let _ = HtmlElement::style(&container).remove_property("visibility");
        })
    };
    for event in ["load", "error"] {
        let _ = link.add_event_listener_with_callback(event, reveal.as_ref().unchecked_ref());
    }
    reveal.forget();
    shadow.append_child(&link).ok()?;
    shadow.append_child(&container).ok()?;
    Some(container)
}

/// Dispatches `name` on `host` with `detail` (JSON), bubbling out of the shadow root.
pub fn dispatch(host: &HtmlElement, name: &str, detail: &str) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(detail).unwrap_or(JsValue::NULL));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The element with `id` in the same document or shadow root as `near`.
pub fn find_near(near: &web_sys::Element, id: &str) -> Option<HtmlElement> {
    let root = near.get_root_node();
    let found = match root.dyn_ref::<web_sys::DocumentFragment>() {
        Some(fragment) => fragment.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::Document>()?.get_element_by_id(id),
    };
    found?.dyn_into().ok()
}

/// The browser's language, "hi-IN" or "nl".
pub fn device_locale() -> Option<String> {
    web_sys::window()?.navigator().language()
}

pub fn page_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// `relative` resolved against `base` (itself resolved against the page).
pub fn absolute_url(relative: &str, base: &str) -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(base, &page)
        .and_then(|b| web_sys::Url::new_with_base(relative, &b.href()))
        .map(|u| u.href())
        .unwrap_or_else(|_| relative.to_owned())
}

/// Random bytes from the browser's cryptographic generator (Math.random if that is missing).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The current time as RFC 3339 UTC: "2026-11-21T08:50:00.000Z".
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// An RFC 3339 time as the shopper reads a date and time in `locale`: "30 Nov, 1:30 pm";
/// empty when it cannot be read.
pub fn local_time(rfc3339: &str, locale: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return String::new();
    }
    let options = Object::new();
    for (name, value) in [
        ("day", "numeric"),
        ("month", "short"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ] {
        let _ = Reflect::set(&options, &name.into(), &value.into());
    }
    date.to_locale_string(locale, &options).into()
}

/// Whether the page is on a desktop (a fine pointer that hovers), by the media query the
/// stylesheet's `.cc-desktop-only` uses.
pub fn is_desktop() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(hover: hover) and (pointer: fine)")
                .ok()
        })
        .flatten()
        .is_some_and(|query| query.matches())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use chatcart_core::money::WRITTEN_LOCALES;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn intl(locale: &str, money: &Money) -> String {
        let format = number_format(locale, money.currency()).unwrap();
        let text = format.call1(&JsValue::NULL, &money.amount_string().into());
        text.unwrap().as_string().unwrap()
    }

    #[wasm_bindgen_test]
    fn money_written_without_intl_reads_as_intl_writes_it() {
        let amounts = [
            "0",
            "0.05",
            "1",
            "9.99",
            "100",
            "999.99",
            "1000",
            "1234.5",
            "99999",
            "100000",
            "123456.75",
            "9999999.99",
            "12345678",
            "1000000000.01",
            "12345678901234567.89",
        ];
        for code in ["INR", "EUR"] {
            let currency = Currency::from_code(code).unwrap();
            let tags = WRITTEN_LOCALES.iter().map(|(tag, _)| *tag);
            for locale in tags.chain(["EN-in"]) {
                for amount in amounts {
                    let money = Money::parse(amount, currency).unwrap();
                    let written = MoneyWriting::of(locale).and_then(|w| w.write(&money));
                    let expected = intl(locale, &money);
                    assert_eq!(written, Some(expected), "{code} {amount} in {locale}");
                }
            }
        }
    }

    #[wasm_bindgen_test]
    fn money_the_widget_writes_needs_no_intl() {
        let global = js_sys::global();
        let intl = Reflect::get(&global, &"Intl".into()).unwrap();
        Reflect::set(&global, &"Intl".into(), &JsValue::UNDEFINED).unwrap();
        let rupees = Money::parse("123456.5", Currency::from_code("INR").unwrap()).unwrap();
        let written = MoneyFormat::new("en-IN").format(&rupees);
        let dollars = Money::parse("5", Currency::from_code("USD").unwrap()).unwrap();
        let plain = MoneyFormat::new("en-IN").format(&dollars);
        Reflect::set(&global, &"Intl".into(), &intl).unwrap();
        assert_eq!(written, "₹1,23,456.50");
        // Without Intl, what the widget does not write is plain.
        assert_eq!(plain, "USD 5.00");
    }

    #[wasm_bindgen_test]
    fn other_locales_and_currencies_are_written_by_intl() {
        let euros = Money::parse("1234.5", Currency::from_code("EUR").unwrap()).unwrap();
        assert_eq!(MoneyFormat::new("de-DE").format(&euros), "1.234,50\u{a0}€");
        let dollars = Money::parse("1234.5", Currency::from_code("USD").unwrap()).unwrap();
        assert_eq!(MoneyFormat::new("en-GB").format(&dollars), "US$1,234.50");
        // A tag Intl refuses is written as the default locale writes it.
        assert_eq!(MoneyFormat::new("x-").format(&dollars), "$1,234.50");
    }
}
