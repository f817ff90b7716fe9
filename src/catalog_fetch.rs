//! Fetching the catalog: a pack's manifest and pieces, or a whole catalog or feed read as it
//! streams in, however slowly it comes, with how far it has come.

use std::cell::Cell;
use std::rc::Rc;

use chatcart_core::catalog::{Catalog, LoadError};
use chatcart_core::catalog_pack::{is_manifest, PackSource, MANIFEST};
use chatcart_core::feed::FeedReport;
use chatcart_core::money::Currency;
use chatcart_core::session::CatalogFailure;
use chatcart_core::source::CatalogSource;
use chatcart_core::text::whole_number;
use gloo_net::http::Request;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

use crate::browser::absolute_url;
use crate::lazy::{split_off, ChunkFailed};

/// How long the catalog, or a piece of it, may go without a byte arriving. However slowly
/// it comes, while it comes it goes on.
const IDLE_TIMEOUT_MS: u32 = 15_000;

/// How often a download is looked at: to tell how far it has come, and whether it stalled.
const WATCH_EVERY_MS: i32 = 500;

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
        .set(length.and_then(|length| whole_number(length.trim())));
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

/// A small body of `size` bytes, copied into wasm memory whole (chunk by chunk, not through
/// `io::Read`, whose error machinery the first download need not carry).
fn small_body(body: &JsValue, size: u64) -> Vec<u8> {
    let chunks: &Array = body.unchecked_ref();
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    for chunk in chunks.iter() {
        let chunk: Uint8Array = chunk.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
    bytes
}

/// Fetches a piece of a catalog, `path` relative to the catalog's URL.
pub async fn fetch_piece(path: &str, catalog_url: &str) -> Result<Vec<u8>, CatalogFailure> {
    let (body, size) = fetch_body(&absolute_url(path, catalog_url), Box::new(|_, _| {})).await?;
    Ok(small_body(&body, size))
}

/// Fetches the shop's settings file as text; the error says why it could not be had.
pub async fn fetch_settings(url: &str) -> Result<String, String> {
    let (body, size) = fetch_body(url, Box::new(|_, _| {}))
        .await
        .map_err(|failure| failure.to_string())?;
    String::from_utf8(small_body(&body, size)).map_err(|_| "the file is not UTF-8 text".to_owned())
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
    // A catalog that is not a pack's manifest (by the name `chatcart pack` gives it) is read
    // whole: its reader's chunk comes while the catalog downloads, not after.
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if !path.ends_with(MANIFEST) {
        wasm_bindgen_futures::spawn_local(async {
            let _ = fetch_read_whole_ahead().await;
        });
    }
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
    match read_whole(url.to_owned(), body.into(), size, currency).await {
        Ok(read) => read.map_err(unusable),
        Err(ChunkFailed) => {
            web_sys::console::error_1(
                &"chatcart: the widget's reader of whole catalogs and feeds could not be fetched"
                    .into(),
            );
            Err(CatalogFailure::Unreachable {
                url: url.to_owned(),
            })
        }
    }
}

/// A catalog the shop asks, as the session holds it.
pub type Source = Box<dyn CatalogSource + Send + Sync>;

split_off! {
    read_whole =>
    /// Reads a whole catalog or feed of `size` bytes from its fetched body, from its own wasm
    /// chunk: a shop whose catalog is a pack never fetches it. Boxed as a `Source` here, so
    /// that the code the session reaches it by is in the chunk too (1 KB of the first
    /// download).
    fn read_whole(url: String, body: JsValue, size: u64, currency: Currency) -> Result<Source, LoadError>,
        ahead fetch_read_whole_ahead {
        read_catalog(&url, &body, size, currency).map(|catalog| Box::new(catalog) as Source)
    }
}

fn read_catalog(
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn chunks(parts: &[Vec<u8>]) -> JsValue {
        let chunks: Array = parts
            .iter()
            .map(|part| Uint8Array::from(&part[..]))
            .collect();
        chunks.into()
    }

    #[wasm_bindgen_test]
    fn a_small_body_is_its_chunks_in_order_whatever_size_is_told() {
        assert!(small_body(&chunks(&[]), 0).is_empty());
        assert!(small_body(&chunks(&[Vec::new(), Vec::new()]), 9).is_empty());
        let parts: Vec<Vec<u8>> = (1..=60_u8).map(|n| vec![n; usize::from(n) * 7]).collect();
        let whole = parts.concat();
        for told in [0, whole.len() as u64, 3] {
            assert_eq!(small_body(&chunks(&parts), told), whole);
        }
    }
}
