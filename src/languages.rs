//! Hindi's and Dutch's words are chunks of their own (7.3 KB with brotli that a shop in
//! English never downloads). The loader, public/chatcart.js, asks for a shop's chunk beside
//! the main module, so a shop in Hindi or Dutch waits for no extra round trip.

use chatcart_core::words::{self, Language, Spoken};

use crate::lazy::split_off;

split_off! {
    words_hi =>
    fn hindi() -> &'static dyn Language {
        &words::Hindi
    }
}

split_off! {
    words_nl =>
    fn dutch() -> &'static dyn Language {
        &words::Dutch
    }
}

/// The words of a shop in `locale`: a shop whose language's chunk cannot be fetched opens in
/// English rather than not at all.
pub async fn words_for(locale: &str) -> &'static dyn Language {
    let fetched = match words::spoken_in(locale) {
        Spoken::English => return &words::English,
        Spoken::Hindi => hindi().await,
        Spoken::Dutch => dutch().await,
    };
    fetched.unwrap_or_else(|_| {
        web_sys::console::warn_1(
            &format!(
                "chatcart: the words for {locale} could not be fetched; the shop speaks English"
            )
            .into(),
        );
        &words::English
    })
}
