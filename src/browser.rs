//! The few browser services the widget uses, each behind a function that cannot throw.

use chatcart_core::catalog::{Catalog, LoadError};
use chatcart_core::catalog_pack::{is_manifest, PackSource};
use chatcart_core::feed::FeedReport;
use chatcart_core::money::{Currency, Money};
use chatcart_core::session::{CatalogFailure, EndpointAnswer};
use chatcart_core::source::CatalogSource;
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, CustomEvent, CustomEventInit, HtmlElement,
    ReadableStreamDefaultReader, ReadableStreamReadResult, ShadowRootInit, ShadowRootMode, Storage,
};

/// How long the catalog, or a piece of it, may go without a byte arriving. However slowly
/// it comes, while it comes it goes on.
const IDLE_TIMEOUT_MS: u32 = 15_000;

/// How often a download is looked at: to tell how far it has come, and whether it stalled.
const WATCH_EVERY_MS: i32 = 500;

/// Formats money with `Intl.NumberFormat`, handing it the exact decimal string
/// (never an f64) so "123456.50" in en-IN reads "₹1,23,456.50".
pub struct MoneyFormat {
    format: Option<Function>,
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
    /// Falls back to the default locale, then to plain text, if `Intl` refuses the locale.
    pub fn new(locale: &str, currency: Currency) -> Self {
        let format = number_format(locale, currency)
            .or_else(|_| number_format(chatcart_core::config::DEFAULT_LOCALE, currency))
            .ok();
        MoneyFormat { format }
    }

    pub fn format(&self, money: &Money) -> String {
        self.format
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

/// Whether the browser believes it has a network connection.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
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
    let response = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotency_key)
        .abort_signal(Some(&signal))
        .body(body)
        .ok()?
        .send()
        .await
        .ok()?;
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

/// Tells the merchant, on the browser console, how the catalog loaded and what the feed
/// report found. The benchmark reads the timing and memory from this line too.
fn log_catalog_loaded(url: &str, parse_ms: u64, products: usize, report: Option<&FeedReport>) {
    let memory = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length()
        })
        .unwrap_or(0);
    let mut text = format!(
        "chatcart: catalog {url}: {products} products read in {parse_ms} ms; wasm memory {memory} bytes"
    );
    if let Some(report) = report {
        text.push_str(&format!("\nfeed report: {}", report.summary()));
        let issues = report.issues.iter().map(ToString::to_string);
        let notes = report.notes.iter().map(ToString::to_string);
        for line in notes.chain(issues) {
            text.push_str("\n  ");
            text.push_str(&line);
        }
    }
    if report.is_some_and(|r| r.skipped > 0 || r.warnings() > 0) {
        web_sys::console::warn_1(&text.into());
    } else {
        web_sys::console::info_1(&text.into());
    }
}

/// Reads a body held in JavaScript, as the chunks that arrived (an Array of Uint8Arrays),
/// from Rust: each read copies only what it asks for. The chunks stay, so a small body can
/// be read twice (is it a pack's manifest? else the catalog whole).
struct JsBytes {
    chunks: Array,
    next: u32,
    chunk: Uint8Array,
    position: u32,
}

impl JsBytes {
    fn new(chunks: &JsValue) -> Self {
        JsBytes {
            chunks: chunks.clone().unchecked_into(),
            next: 0,
            chunk: Uint8Array::new_with_length(0),
            position: 0,
        }
    }
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.position == self.chunk.length() {
            if self.next == self.chunks.length() {
                return Ok(0);
            }
            self.chunk = self.chunks.get(self.next).unchecked_into();
            self.next += 1;
            self.position = 0;
        }
        let left = self.chunk.length() - self.position;
        let count = left.min(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        self.chunk
            .subarray(self.position, self.position + count)
            .copy_to(&mut buf[..count as usize]);
        self.position += count;
        Ok(count as usize)
    }
}

/// What a download has come to, shared with the timer that watches it.
#[derive(Default)]
struct Counts {
    received: Cell<u64>,
    /// The body's size, when the server said it and did not compress it.
    total: Cell<Option<u64>>,
    /// When the last bytes (or the download's start) came, in ms since the epoch.
    last_arrival: Cell<f64>,
    /// What `progress` was last told.
    told: Cell<u64>,
    /// Nothing came for `IDLE_TIMEOUT_MS`: the download was aborted.
    stalled: Cell<bool>,
}

/// Looks at a download every `WATCH_EVERY_MS` until dropped: tells `progress` how much has
/// arrived when that changed, and aborts the download when nothing came for
/// `IDLE_TIMEOUT_MS`.
struct Watch {
    interval: JsValue,
    _tick: Closure<dyn FnMut()>,
}

// The timer's id as JavaScript gives it: web-sys's is an i32, and an id past that range (as a
// test's fake clock gives) would clear nothing.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setInterval)]
    fn set_interval(handler: &JsValue, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearInterval)]
    fn clear_interval(id: &JsValue);
}

impl Watch {
    fn start(
        counts: Rc<Counts>,
        controller: AbortController,
        mut progress: Box<dyn FnMut(u64, Option<u64>)>,
    ) -> Watch {
        let tick = Closure::<dyn FnMut()>::new(move || {
            let received = counts.received.get();
            if received != counts.told.get() {
                counts.told.set(received);
                progress(received, counts.total.get());
            }
            let idle = js_sys::Date::now() - counts.last_arrival.get();
            if idle >= f64::from(IDLE_TIMEOUT_MS) && !counts.stalled.get() {
                counts.stalled.set(true);
                controller.abort();
            }
        });
        let interval = set_interval(tick.as_ref(), WATCH_EVERY_MS);
        Watch {
            interval,
            _tick: tick,
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        clear_interval(&self.interval);
    }
}

/// GETs `url` for as long as its body keeps coming, however slowly: it fails only when
/// nothing arrived for `IDLE_TIMEOUT_MS`. `progress` hears how many bytes have arrived, of
/// how many, a few times a second. The body stays in JavaScript's memory as the chunks that
/// arrived; its size comes with it. The failure says which URL failed and why.
async fn fetch_body(
    url: &str,
    progress: Box<dyn FnMut(u64, Option<u64>)>,
) -> Result<(Array, u64), CatalogFailure> {
    let counts = Rc::new(Counts::default());
    counts.last_arrival.set(js_sys::Date::now());
    let failed = |counts: &Counts| {
        if counts.stalled.get() {
            CatalogFailure::TimedOut {
                url: url.to_owned(),
                seconds: IDLE_TIMEOUT_MS / 1000,
                received: counts.received.get(),
            }
        } else {
            CatalogFailure::Unreachable {
                url: url.to_owned(),
            }
        }
    };
    let controller = AbortController::new().map_err(|_| failed(&counts))?;
    let _watch = Watch::start(counts.clone(), controller.clone(), progress);
    let response = Request::get(url)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
        .map_err(|_| failed(&counts))?;
    if !response.ok() {
        return Err(CatalogFailure::Http {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    // A compressed body's Content-Length counts the compressed bytes, fewer than arrive.
    let headers = response.headers();
    let compressed = headers
        .get("content-encoding")
        .is_some_and(|encoding| !encoding.trim().eq_ignore_ascii_case("identity"));
    let length = headers.get("content-length").filter(|_| !compressed);
    counts
        .total
        .set(length.and_then(|length| length.trim().parse().ok()));
    let chunks = Array::new();
    let Some(body) = web_sys::Response::from(response).body() else {
        return Ok((chunks, 0));
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    loop {
        let read: ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|_| failed(&counts))?
            .unchecked_into();
        if read.get_done().unwrap_or(true) {
            break;
        }
        let chunk: Uint8Array = read.get_value().unchecked_into();
        counts
            .received
            .set(counts.received.get() + u64::from(chunk.length()));
        counts.last_arrival.set(js_sys::Date::now());
        chunks.push(&chunk);
    }
    Ok((chunks, counts.received.get()))
}

/// A small body of `size` bytes, copied into wasm memory whole.
fn small_body(body: &JsValue, size: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Reading from JavaScript's memory cannot fail.
    let _ = std::io::Read::read_to_end(&mut JsBytes::new(body), &mut bytes);
    bytes
}

/// Fetches a piece of a catalog, `path` relative to the catalog's URL.
pub async fn fetch_piece(path: &str, catalog_url: &str) -> Result<Vec<u8>, CatalogFailure> {
    let (body, size) = fetch_body(&absolute_url(path, catalog_url), Box::new(|_, _| {})).await?;
    Ok(small_body(&body, size))
}

/// Tells the merchant, on the console, to pack a feed read whole that is large enough to
/// make shoppers wait: its size, how long after the page began to load it was ready (what
/// a shopper waited: the loader starts the download before the widget asks), and the command.
fn advise_packing(url: &str, bytes: u64, products: usize) {
    let since_page_began = web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now());
    let ms = since_page_began.round() as u64;
    if let Some(advice) = chatcart_core::download::pack_advice(url, bytes, products, ms) {
        web_sys::console::warn_1(&advice.into());
    }
}

/// The largest manifest a pack writes is a few tens of kilobytes.
const MOST_MANIFEST_BYTES: u64 = 1 << 20;

/// Fetches and validates the catalog: a pack's manifest, or a whole catalog or feed. The
/// failure says which URL failed and why. `progress` hears how far the download has come,
/// as `fetch_body` tells it.
pub async fn fetch_catalog(
    url: &str,
    currency: Currency,
    progress: impl FnMut(u64, Option<u64>) + 'static,
) -> Result<Source, CatalogFailure> {
    let (body, size) = fetch_body(url, Box::new(progress)).await?;
    let unusable = |error| CatalogFailure::Unusable {
        url: url.to_owned(),
        error,
    };
    if size <= MOST_MANIFEST_BYTES {
        let bytes = small_body(&body, size);
        if is_manifest(&bytes) {
            let base = url.to_owned();
            let pack = PackSource::open(&bytes, currency)
                .map_err(unusable)?
                .with_links(Box::new(move |link| absolute_url(link, &base)));
            web_sys::console::info_1(&format!("chatcart: catalog {url}: a pack").into());
            return Ok(Box::new(pack));
        }
    }
    Ok(Box::new(
        read_whole(url, &body, size, currency).map_err(unusable)?,
    ))
}

/// A catalog the shop asks, as the session holds it.
pub type Source = Box<dyn CatalogSource + Send + Sync>;

/// Reads a whole catalog or feed of `size` bytes from its fetched body.
fn read_whole(
    url: &str,
    body: &JsValue,
    size: u64,
    currency: Currency,
) -> Result<Catalog, LoadError> {
    // The body is read into the catalog a piece at a time: wasm memory never shrinks, so
    // it must never hold the whole feed.
    let started = js_sys::Date::now();
    let (mut catalog, report) = Catalog::load_from(JsBytes::new(body), currency)?;
    log_catalog_loaded(
        url,
        // Whole milliseconds: formatting a float would bring 10 KB of code into the bundle.
        (js_sys::Date::now() - started).round() as u64,
        catalog.products.len(),
        report.as_ref(),
    );
    if report.is_some() {
        advise_packing(url, size, catalog.products.len());
    }
    for variant in catalog.products.iter_mut().flat_map(|p| &mut p.variants) {
        for image in &mut variant.images {
            *image = absolute_url(image, url);
        }
    }
    Ok(catalog)
}
