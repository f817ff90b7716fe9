//! What this browser kept of the shop from earlier visits: saved as text, and read apart
//! from the session, so that the widget can fetch the readers only when there is something
//! to read (a first visit has nothing).

use crate::cart::{Cart, StoredCartError};
use crate::checkout::CheckoutForm;
use crate::outbox::Outbox;

use super::PlacedOrders;

/// What this browser kept of the shop from earlier visits, as saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    pub cart: Option<String>,
    pub outbox: Option<String>,
    pub placed: Option<String>,
    pub draft: Option<String>,
    pub details: Option<String>,
}

/// What was saved, read: each slot's contents, or its text when it could not be read, to be
/// set aside rather than lost.
#[derive(Debug, Default)]
pub struct Restored {
    /// This tab's draft, else the details kept on the device.
    pub(super) form: Option<CheckoutForm>,
    /// A draft or details were saved, and none could be read.
    pub(super) details_lost: bool,
    pub(super) outbox: Option<Result<Outbox, String>>,
    pub(super) placed: Option<Result<PlacedOrders, String>>,
    pub(super) cart: Option<Result<Cart, (String, StoredCartError)>>,
}

impl Saved {
    /// Nothing saved, so nothing to read: a first visit.
    pub fn is_empty(&self) -> bool {
        self == &Saved::default()
    }

    /// Reads every slot, a cart up to `max_quantity` of a product.
    pub fn read(self, max_quantity: u32) -> Restored {
        let forms = [self.draft, self.details];
        let form = forms
            .iter()
            .flatten()
            .find_map(|json| serde_json::from_str::<CheckoutForm>(json).ok());
        let details_lost = form.is_none() && forms.iter().any(Option::is_some);
        Restored {
            form,
            details_lost,
            outbox: self
                .outbox
                .map(|text| Outbox::from_storage(&text).ok_or(text)),
            placed: self
                .placed
                .map(|text| PlacedOrders::from_storage(&text).ok_or(text)),
            cart: self.cart.map(|text| {
                Cart::from_storage(&text, max_quantity).map_err(|problem| (text, problem))
            }),
        }
    }
}

/// The cart another tab of the shop saved (`None`: it removed it), as this tab follows it:
/// one that cannot be read is an empty cart, as that tab's shopper sees none either.
pub fn cart_saved_elsewhere(text: Option<&str>, max_quantity: u32) -> Cart {
    text.and_then(|json| Cart::from_storage(json, max_quantity).ok())
        .unwrap_or_default()
}

/// The list of orders placed another tab of the shop saved; `None` when it cannot be read.
pub fn placed_saved_elsewhere(text: &str) -> Option<PlacedOrders> {
    PlacedOrders::from_storage(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_saved_is_empty_and_anything_saved_is_not() {
        assert!(Saved::default().is_empty());
        let draft = Saved {
            draft: Some(String::new()),
            ..Saved::default()
        };
        assert!(!draft.is_empty());
    }

    #[test]
    fn what_cannot_be_read_is_kept_as_its_text() {
        let restored = Saved {
            cart: Some("{not json".to_owned()),
            outbox: Some("[]".to_owned()),
            placed: Some(r#"{"version":9,"orders":[]}"#.to_owned()),
            draft: Some("?".to_owned()),
            details: None,
        }
        .read(99);
        assert!(matches!(restored.cart, Some(Err((ref text, _))) if text == "{not json"));
        assert_eq!(restored.outbox, Some(Err("[]".to_owned())));
        assert!(matches!(restored.placed, Some(Err(ref text)) if text.contains("\"version\":9")));
        assert!(restored.details_lost);
        assert!(restored.form.is_none());
    }

    #[test]
    fn a_readable_draft_wins_over_the_details_kept() {
        let form =
            |name: &str| format!(r#"{{"name":"{name}","phone":"","address":"","notes":""}}"#);
        let restored = Saved {
            draft: Some(form("Priya")),
            details: Some(form("Asha")),
            ..Saved::default()
        }
        .read(99);
        assert_eq!(restored.form.unwrap().name, "Priya");
        assert!(!restored.details_lost);
    }

    #[test]
    fn another_tabs_saves_are_read_or_refused() {
        assert!(cart_saved_elsewhere(Some("{not json"), 99).is_empty());
        assert!(cart_saved_elsewhere(None, 99).is_empty());
        assert!(placed_saved_elsewhere("{not json").is_none());
        let empty = placed_saved_elsewhere(r#"{"version":1,"orders":[]}"#).unwrap();
        assert!(empty.orders().is_empty());
    }
}
