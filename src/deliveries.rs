//! Sending orders to the shop's server and asking after them: code a shopper needs only once
//! there is an order, in the chunk that reads what the device saved (`crate::saved`), with
//! "My orders" (`crate::my_orders`). A device that placed orders has saved them, so it
//! fetches that chunk anyway; one chunk, not two, is about 1.7 KB less over all chunks (each
//! chunk's code is compressed and optimised apart). It is fetched ahead while the checkout
//! of a shop with a server is filled in, by the loader when the device saved something, or
//! when My orders is first opened.

use chatcart_core::session::{Effect, Session};

use crate::browser;
use crate::lazy::{split_off, Backoff};
use crate::shop::Shop;

split_off! {
    saved_and_sent =>
    /// Carries out `effect` if it sends an order or asks after one (the others are
    /// `Shop::carry_out`'s).
    fn carry_out(shop: Shop, effect: Effect) -> (), ahead fetch_deliveries_ahead {
        match effect {
            Effect::Post(entry) => leptos::task::spawn_local(async move {
                let answer =
                    browser::post_order(&entry.endpoint, entry.idempotency_key.as_str(), &entry.body)
                        .await;
                let jitter = f64::from(browser::random_bytes::<1>()[0]) / 255.0;
                let online = browser::is_online();
                shop.act(|s| {
                    let mut effects = s.connection(online);
                    effects.extend(s.order_answered(entry.reference, answer, jitter));
                    effects
                });
            }),
            Effect::Wake {
                reference,
                after_ms,
            } => leptos::task::spawn_local(async move {
                browser::sleep(after_ms).await;
                shop.act(|s| s.retry_due(reference));
            }),
            Effect::AskStatus(query) => leptos::task::spawn_local(async move {
                let answer = browser::ask_status(&query.url, &query.secret).await;
                shop.act(|s| s.status_answered(query.reference, answer));
            }),
            Effect::WakeStatuses { after_ms } => leptos::task::spawn_local(async move {
                browser::sleep(after_ms).await;
                shop.act(Session::statuses_due);
            }),
            _ => {}
        }
    }
}

/// Carries out `effect`, one that sends an order or asks after one, once its chunk is here.
/// While the chunk cannot be fetched it is asked for again, less and less often, as long as
/// the shop is open. An order waits in the outbox meanwhile, said as tries the network
/// failed; after `TRIES` the shopper is offered "Try again" and WhatsApp, and it is never
/// posted once it has gone on WhatsApp.
pub fn deliver(shop: Shop, effect: Effect) {
    /// Asks for the chunk five times, over about 30 s (waits of 2, 4, 8 and 16 s), before an
    /// order is given up.
    const TRIES: u32 = 5;
    let order = match &effect {
        Effect::Post(entry) => Some(entry.reference),
        Effect::Wake { reference, .. } => Some(*reference),
        _ => None,
    };
    leptos::task::spawn_local(async move {
        let mut backoff = Backoff::up_to(30_000);
        let mut tries = 0;
        while carry_out(shop, effect.clone()).await.is_err() {
            tries += 1;
            let wait_ms = backoff.next();
            if let Some(reference) = order {
                let again = (tries < TRIES).then_some(wait_ms);
                shop.act(|s| s.sending_delayed(reference, again));
                if again.is_none() {
                    return;
                }
            }
            browser::sleep(wait_ms).await;
            let wanted = !shop.is_gone()
                && order.is_none_or(|reference| shop.peek(|s| s.still_to_send(reference)));
            if !wanted {
                return;
            }
        }
    });
}

/// Fetches the chunk before it is needed (the shopper is at the checkout).
pub fn fetch_ahead() {
    leptos::task::spawn_local(async {
        let _ = fetch_deliveries_ahead().await;
    });
}
