//! The details of the DOM events the host page hears, as JSON.

use crate::cart::Cart;
use crate::json::{self, ToJson};
use crate::money::Money;
use crate::outbox::OutboxEntry;

/// One line of `chatcart:cart-change`'s detail.
struct CartLine<'a> {
    retailer_id: &'a str,
    quantity: u32,
}

impl ToJson for CartLine<'_> {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("retailer_id", &self.retailer_id),
                ("quantity", &self.quantity),
            ],
        );
    }
}

/// `{ items, lines: [{ retailer_id, quantity }], subtotal, currency }`; the subtotal is
/// `null` until the catalog has priced the cart.
pub fn cart_detail(cart: &Cart, subtotal: Option<&Money>, currency: &str) -> String {
    let lines: Vec<CartLine> = cart
        .lines()
        .iter()
        .map(|line| CartLine {
            retailer_id: &line.retailer_id,
            quantity: line.quantity,
        })
        .collect();
    json::object_text(&[
        ("items", &cart.item_count()),
        ("lines", &lines),
        ("subtotal", &subtotal.map(Money::amount_string)),
        ("currency", &currency),
    ])
}

/// `{ reference, channel, order_number, total, currency, order }`, the order as sent.
pub fn order_detail(entry: &OutboxEntry, channel: &str, order_number: Option<&str>) -> String {
    json::object_text(&[
        ("reference", &entry.reference.as_str()),
        ("channel", &channel),
        ("order_number", &order_number),
        ("total", &entry.total),
        ("currency", &entry.currency),
        ("order", &json::Written(&entry.body)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::outbox::tests::numbered;

    #[test]
    fn the_page_is_told_byte_for_byte_what_serde_told_it() {
        let cart = Cart::from_storage(
            r#"{"version":1,"lines":[{"retailer_id":"atta-5kg","quantity":2,"title":"Atta","unit_price":"249.00"},{"retailer_id":"amul-butter-500","quantity":1,"title":"Amul Butter","unit_price":"285.00"}]}"#,
            20,
        )
        .unwrap();
        let subtotal = Money::parse("783", Currency::from_code("INR").unwrap()).unwrap();
        assert_eq!(
            cart_detail(&cart, Some(&subtotal), "INR"),
            r#"{"items":3,"lines":[{"retailer_id":"atta-5kg","quantity":2},{"retailer_id":"amul-butter-500","quantity":1}],"subtotal":"783.00","currency":"INR"}"#
        );
        assert_eq!(
            cart_detail(&cart, None, "INR"),
            r#"{"items":3,"lines":[{"retailer_id":"atta-5kg","quantity":2},{"retailer_id":"amul-butter-500","quantity":1}],"subtotal":null,"currency":"INR"}"#
        );
        assert_eq!(
            order_detail(&numbered(5, true), "endpoint", Some("10\"42")),
            r#"{"reference":"CC-500000","channel":"endpoint","order_number":"10\"42","total":"783.00","currency":"INR","order":{"note":"5\n"}}"#
        );
        assert_eq!(
            order_detail(&numbered(6, false), "whatsapp", None),
            r#"{"reference":"CC-600000","channel":"whatsapp","order_number":null,"total":"783.00","currency":"INR","order":{"note":"6\n"}}"#
        );
    }
}
