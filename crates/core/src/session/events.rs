//! The details of the DOM events the host page hears, as JSON.

use serde::Serialize;

use crate::cart::Cart;
use crate::money::Money;
use crate::outbox::OutboxEntry;

/// `chatcart:cart-change`'s detail.
#[derive(Serialize)]
struct CartChange<'a> {
    items: u32,
    lines: Vec<CartLine<'a>>,
    subtotal: Option<String>,
    currency: &'a str,
}

#[derive(Serialize)]
struct CartLine<'a> {
    retailer_id: &'a str,
    quantity: u32,
}

/// `chatcart:order`'s detail, without the order itself.
#[derive(Serialize)]
struct OrderEvent<'a> {
    reference: &'a str,
    channel: &'a str,
    order_number: Option<&'a str>,
    total: &'a str,
    currency: &'a str,
}

/// `{ items, lines: [{ retailer_id, quantity }], subtotal, currency }`; the subtotal is
/// `null` until the catalog has priced the cart.
pub fn cart_detail(cart: &Cart, subtotal: Option<&Money>, currency: &str) -> String {
    serde_json::to_string(&CartChange {
        items: cart.item_count(),
        lines: cart
            .lines()
            .iter()
            .map(|line| CartLine {
                retailer_id: &line.retailer_id,
                quantity: line.quantity,
            })
            .collect(),
        subtotal: subtotal.map(Money::amount_string),
        currency,
    })
    .unwrap_or_default()
}

/// `{ reference, channel, order_number, total, currency, order }`, the order as sent.
pub fn order_detail(entry: &OutboxEntry, channel: &str, order_number: Option<&str>) -> String {
    let head = serde_json::to_string(&OrderEvent {
        reference: entry.reference.as_str(),
        channel,
        order_number,
        total: &entry.total,
        currency: &entry.currency,
    })
    .unwrap_or_default();
    // The order as sent, set in as it is.
    match head.strip_suffix('}') {
        Some(fields) => format!("{fields},\"order\":{}}}", entry.body),
        None => head,
    }
}
