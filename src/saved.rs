//! What this browser kept of a shop from earlier visits (its cart, orders, outbox and
//! details) is read by a chunk of its own, about 11 KB with brotli of JSON readers: a first
//! visit has nothing saved and never fetches it. The loader (public/chatcart.js) asks for
//! it beside the main module when the device holds a shop's saved data.

use std::future::Future;

use chatcart_core::cart::Cart;
use chatcart_core::session::{self, PlacedOrders, Restored, Saved};
use chatcart_core::words::{Label, Language};

use crate::browser;
use crate::lazy::{split_off, Backoff, ChunkFailed};

split_off! {
    saved =>
    fn read_saved(saved: Saved, max_quantity: u32) -> Restored {
        saved.read(max_quantity)
    }
}

split_off! {
    saved =>
    /// The cart another tab of the shop saved as `text` (`None`: it removed it).
    pub fn read_cart_elsewhere(text: Option<String>, max_quantity: u32) -> Cart {
        session::read_others_cart(text.as_deref(), max_quantity)
    }
}

split_off! {
    saved =>
    /// The list of orders placed another tab of the shop saved as `text`; `None` when it
    /// cannot be read.
    pub fn read_placed_elsewhere(text: String) -> Option<PlacedOrders> {
        PlacedOrders::from_storage(&text)
    }
}

/// Another tab's save, read by `read` once its chunk is here, and asked for again, less and
/// less often, while the chunk cannot be fetched; `None` once `wanted` says it is not wanted
/// any more (a newer save took its place, or the shop is gone).
pub async fn read_elsewhere<T, Reading>(
    read: impl Fn() -> Reading,
    wanted: impl Fn() -> bool,
) -> Option<T>
where
    Reading: Future<Output = Result<T, ChunkFailed>>,
{
    let mut backoff = Backoff::up_to(16_000);
    loop {
        match read().await {
            Ok(value) => return wanted().then_some(value),
            Err(ChunkFailed) => {
                browser::sleep(backoff.next()).await;
                if !wanted() {
                    return None;
                }
            }
        }
    }
}

/// Reads what `on_device` finds saved, reading again when another tab saved meanwhile. A
/// reader that cannot be fetched is tried again, less and less often, with `host` saying
/// so: nothing saved is set aside or written over while it cannot be read.
pub async fn restore(
    host: &web_sys::HtmlElement,
    on_device: impl Fn() -> Saved,
    max_quantity: u32,
    words: &dyn Language,
) -> Restored {
    let mut backoff = Backoff::up_to(16_000);
    let mut told = false;
    loop {
        let saved = on_device();
        if saved.is_empty() {
            return Restored::default();
        }
        match read_saved(saved.clone(), max_quantity).await {
            Ok(restored) if on_device() == saved => return restored,
            Ok(_) => {}
            Err(ChunkFailed) => {
                if !told {
                    // A live region first, then its words, so that they are announced.
                    let status = browser::show_status(host);
                    browser::sleep(100).await;
                    status.set_text_content(Some(words.label(Label::SavedNotLoaded)));
                    told = true;
                }
                browser::sleep(backoff.next()).await;
            }
        }
    }
}
