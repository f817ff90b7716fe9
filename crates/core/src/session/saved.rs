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
    /// The details kept on the device could not be read (they are forgotten).
    pub(super) details_unreadable: bool,
    /// This tab's draft as saved ("" for none).
    pub(super) draft: String,
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
        let read = |text: &Option<String>| text.as_deref().map(CheckoutForm::from_storage);
        let (draft, details) = (read(&self.draft), read(&self.details));
        let details_unreadable = matches!(details, Some(None));
        let saved_any = draft.is_some() || details.is_some();
        let form = draft.flatten().or(details.flatten());
        Restored {
            details_lost: form.is_none() && saved_any,
            form,
            details_unreadable,
            draft: self.draft.unwrap_or_default(),
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
pub fn read_others_cart(text: Option<&str>, max_quantity: u32) -> Cart {
    text.and_then(|json| Cart::from_storage(json, max_quantity).ok())
        .unwrap_or_default()
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
    fn another_tabs_cart_that_cannot_be_read_is_an_empty_one() {
        assert!(read_others_cart(Some("{not json"), 99).is_empty());
        assert!(read_others_cart(None, 99).is_empty());
        let cart = r#"{"version":1,"lines":[{"retailer_id":"butter-500","quantity":3,"title":"Amul Butter (500 g)","unit_price":"285.00"}]}"#;
        assert_eq!(
            read_others_cart(Some(cart), 99).quantity_of("butter-500"),
            3
        );
    }
}
