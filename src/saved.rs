//! What this browser kept of a shop from earlier visits (its cart, orders, outbox and
//! details) is read and taken into the session by a chunk that also sends orders and asks
//! after them (`crate::deliveries`, `crate::my_orders`), and resumes the orders left in the
//! outbox. The loader (public/chatcart.js) asks for it beside the main module when the
//! device holds a shop's saved data; on a first visit it comes only with an order (ahead,
//! while the checkout of a shop with a server is filled in) or another tab's save.

use std::future::Future;

use chatcart_core::session::{self, PlacedOrders, Saved, Session};
use chatcart_core::words::{Label, Language};

use crate::browser;
use crate::lazy::{split_off, Backoff, ChunkFailed};
use crate::shop::Shop;

split_off! {
    saved_and_sent =>
    /// `session` with what was `saved` read and taken in: the code that resumes saved
    /// orders and sets aside what cannot be read comes with this chunk.
    fn take_in(session: Session, saved: Saved) -> Session {
        let mut session = session;
        let max_quantity = session.config().max_quantity;
        session.take_in(saved.read(max_quantity));
        session
    }
}

split_off! {
    saved_and_sent =>
    /// Takes in the cart another tab of `shop` saved under `key` as `text` (`None`: it
    /// removed it), unless a newer save took its place meanwhile.
    pub fn take_cart_elsewhere(shop: Shop, key: String, text: Option<String>, max_quantity: u32) -> () {
        let cart = session::read_others_cart(text.as_deref(), max_quantity);
        if is_newest(shop, &key, &text) {
            shop.act(|s| s.cart_saved_elsewhere(cart));
        }
    }
}

split_off! {
    saved_and_sent =>
    /// Takes in what the list of orders placed another tab of `shop` saved as `text` adds
    /// to this tab's. Merged here rather than by the main module: 1.2 KB of the first
    /// download.
    pub fn take_placed_elsewhere(shop: Shop, text: String) -> () {
        let theirs = PlacedOrders::from_storage(&text);
        if !shop.is_gone() {
            shop.act(|s| s.placed_saved_elsewhere(text, theirs));
        }
    }
}

/// Whether `text` is still what the tabs of `shop` last saved under `key`.
pub fn is_newest(shop: Shop, key: &str, text: &Option<String>) -> bool {
    !shop.is_gone() && browser::stored(true, key) == *text
}

/// Another tab's save, taken in by `take` once its chunk is here; the chunk is asked for
/// again, less and less often, while it cannot be fetched and `wanted` says the save is still
/// wanted (no newer save took its place, and the shop is open).
pub async fn take_elsewhere<Taking>(take: impl Fn() -> Taking, wanted: impl Fn() -> bool)
where
    Taking: Future<Output = Result<(), ChunkFailed>>,
{
    let mut backoff = Backoff::up_to(16_000);
    while take().await.is_err() {
        browser::sleep(backoff.next()).await;
        if !wanted() {
            return;
        }
    }
}

/// A session from `open` with what `on_device` finds saved taken in, read again when
/// another tab saved meanwhile. A reader that cannot be fetched is tried again, less and less
/// often, with `host` saying so: nothing saved is set aside or written over while it cannot
/// be read.
pub async fn restore(
    host: &web_sys::HtmlElement,
    on_device: impl Fn() -> Saved,
    open: impl Fn() -> Session,
    words: &dyn Language,
) -> Session {
    let mut backoff = Backoff::up_to(16_000);
    let mut told = false;
    loop {
        let saved = on_device();
        if saved.is_empty() {
            return open();
        }
        match take_in(open(), saved.clone()).await {
            Ok(session) if on_device() == saved => return session,
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
