//! Checkout details, the order, and its hand-off as a WhatsApp click-to-chat link.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cart::PricedCart;
use crate::money::Money;

/// What the shopper typed into the checkout form, untouched (kept as a draft between visits).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    pub name: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    Address,
    Notes,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct FieldError {
    pub field: Field,
    pub message: &'static str,
}

/// Validated customer details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub name: String,
    pub phone: String,
    pub address: String,
    pub notes: Option<String>,
}

const NAME_MAX: usize = 80;
const ADDRESS_MIN: usize = 10;
const ADDRESS_MAX: usize = 300;
const NOTES_MAX: usize = 500;

/// Digits of a phone number written with optional '+', spaces, dashes, dots or brackets.
pub fn phone_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix('+').unwrap_or(text);
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    Some(digits)
}

impl CheckoutForm {
    /// Checks every field, returning all problems at once so the shopper can fix them together.
    pub fn validate(&self) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(FieldError { field, message });

        let name = self.name.trim();
        if name.is_empty() {
            fail(
                Field::Name,
                "Enter your name so the shop knows who is ordering.",
            );
        } else if name.chars().count() > NAME_MAX {
            fail(Field::Name, "Keep the name under 80 characters.");
        }

        let phone_ok = phone_digits(&self.phone).is_some_and(|d| (7..=15).contains(&d.len()));
        if self.phone.trim().is_empty() {
            fail(
                Field::Phone,
                "Enter a phone number the shop can call you on.",
            );
        } else if !phone_ok {
            fail(
                Field::Phone,
                "Enter a phone number of 7 to 15 digits, like +91 98765 43210.",
            );
        }

        let address = self.address.trim();
        if address.is_empty() {
            fail(Field::Address, "Enter the delivery address.");
        } else if address.chars().count() < ADDRESS_MIN {
            fail(
                Field::Address,
                "Add more of the address: house, street, area and city.",
            );
        } else if address.chars().count() > ADDRESS_MAX {
            fail(Field::Address, "Keep the address under 300 characters.");
        }

        let notes = self.notes.trim();
        if notes.chars().count() > NOTES_MAX {
            fail(Field::Notes, "Keep the notes under 500 characters.");
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Customer {
            name: name.to_owned(),
            phone: self.phone.trim().to_owned(),
            address: address.to_owned(),
            notes: (!notes.is_empty()).then(|| notes.to_owned()),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub product_id: String,
    pub name: String,
    pub quantity: u32,
    pub line_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub reference: String,
    pub store_name: String,
    pub lines: Vec<OrderLine>,
    pub total: Money,
    pub customer: Customer,
}

impl Order {
    pub fn new(reference: String, store_name: &str, cart: &PricedCart, customer: Customer) -> Self {
        Order {
            reference,
            store_name: store_name.to_owned(),
            lines: cart
                .lines
                .iter()
                .map(|l| OrderLine {
                    product_id: l.product.id.clone(),
                    name: l.product.display_name(),
                    quantity: l.quantity,
                    line_total: l.line_total,
                })
                .collect(),
            total: cart.subtotal,
            customer,
        }
    }

    /// The message the shopper sends to the merchant; `format` renders money.
    pub fn whatsapp_text(&self, format: &dyn Fn(&Money) -> String) -> String {
        let mut text = format!("New order {} for {}\n\n", self.reference, self.store_name);
        for line in &self.lines {
            text.push_str(&format!(
                "{} x {}: {}\n",
                line.quantity,
                line.name,
                format(&line.line_total)
            ));
        }
        text.push_str(&format!("\nTotal: {}\n\n", format(&self.total)));
        text.push_str(&format!(
            "Name: {}\nPhone: {}\nAddress: {}",
            self.customer.name, self.customer.phone, self.customer.address
        ));
        if let Some(notes) = &self.customer.notes {
            text.push_str(&format!("\nNotes: {notes}"));
        }
        text
    }
}

/// A short reference a person can read out on the phone: "CC-" and six characters
/// of Crockford's base 32 (no I, L, O or U), from 30 random bits.
pub fn order_reference(random: u32) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let code: String = (0..6)
        .map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("CC-{code}")
}

/// Characters left as they are in a URL query value: RFC 3986 unreserved.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A merchant's WhatsApp number in international form, digits only (wa.me's format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatsAppNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WhatsAppNumberError {
    #[error("no WhatsApp number is set for this shop")]
    Missing,
    #[error("the shop's WhatsApp number \"{0}\" is not a phone number in international form (country code and number, 8 to 15 digits, like 919876543210)")]
    Invalid(String),
}

impl WhatsAppNumber {
    pub fn parse(text: &str) -> Result<Self, WhatsAppNumberError> {
        if text.trim().is_empty() {
            return Err(WhatsAppNumberError::Missing);
        }
        match phone_digits(text) {
            Some(d) if (8..=15).contains(&d.len()) && !d.starts_with('0') => Ok(WhatsAppNumber(d)),
            _ => Err(WhatsAppNumberError::Invalid(text.trim().to_owned())),
        }
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `https://wa.me/<number>?text=<percent-encoded text>`
    pub fn click_to_chat_link(&self, text: &str) -> String {
        format!(
            "https://wa.me/{}?text={}",
            self.0,
            utf8_percent_encode(text, QUERY_VALUE)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::{Cart, CartAction};
    use crate::catalog::tests::sample;

    fn form() -> CheckoutForm {
        CheckoutForm {
            name: "  Priya Sharma ".into(),
            phone: "+91 98765-43210".into(),
            address: "Flat 4B, Lotus Towers, Andheri West, Mumbai 400053".into(),
            notes: String::new(),
        }
    }

    fn decode(link: &str) -> String {
        let query = link.split_once("?text=").unwrap().1;
        percent_encoding::percent_decode_str(query)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    #[test]
    fn valid_form_gives_trimmed_customer() {
        let customer = form().validate().unwrap();
        assert_eq!(customer.name, "Priya Sharma");
        assert_eq!(customer.notes, None);
    }

    #[test]
    fn every_bad_field_is_reported_together() {
        let bad = CheckoutForm {
            name: " ".into(),
            phone: "98x".into(),
            address: "Mumbai".into(),
            notes: "n".repeat(501),
        };
        let fields: Vec<Field> = bad
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [Field::Name, Field::Phone, Field::Address, Field::Notes]
        );
        let short_phone = CheckoutForm {
            phone: "12345".into(),
            ..form()
        };
        assert_eq!(
            short_phone.validate().unwrap_err()[0].message,
            "Enter a phone number of 7 to 15 digits, like +91 98765 43210."
        );
    }

    #[test]
    fn merchant_numbers_are_checked() {
        assert_eq!(
            WhatsAppNumber::parse("+91 98765 43210").unwrap().digits(),
            "919876543210"
        );
        assert_eq!(WhatsAppNumber::parse(""), Err(WhatsAppNumberError::Missing));
        for bad in ["12345", "09876543210", "91-98765-abc", "1234567890123456"] {
            assert!(
                matches!(
                    WhatsAppNumber::parse(bad),
                    Err(WhatsAppNumberError::Invalid(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn references_are_short_and_unambiguous() {
        assert_eq!(order_reference(0), "CC-000000");
        assert_eq!(order_reference(u32::MAX), "CC-ZZZZZZ");
        let reference = order_reference(0x1234_5678);
        assert_eq!(reference.len(), 9);
        assert!(!reference[3..].contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn whatsapp_text_lists_lines_total_and_customer() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(
                CartAction::Add {
                    product_id: "atta-5kg".into(),
                    quantity: 2,
                },
                &catalog,
            )
            .apply(
                CartAction::Add {
                    product_id: "butter-500".into(),
                    quantity: 1,
                },
                &catalog,
            );
        let customer = CheckoutForm {
            notes: "Ring twice".into(),
            ..form()
        }
        .validate()
        .unwrap();
        let order = Order::new(
            "CC-7K3P9Q".into(),
            "Test Kirana",
            &cart.price(&catalog).unwrap(),
            customer,
        );
        assert_eq!(
            order.whatsapp_text(&Money::plain),
            "New order CC-7K3P9Q for Test Kirana\n\n\
             2 x Aashirvaad Whole Wheat Atta (5 kg): INR 498.00\n\
             1 x Amul Butter (500 g): INR 285.00\n\n\
             Total: INR 783.00\n\n\
             Name: Priya Sharma\nPhone: +91 98765-43210\n\
             Address: Flat 4B, Lotus Towers, Andheri West, Mumbai 400053\nNotes: Ring twice"
        );
    }

    #[test]
    fn link_encodes_everything_that_would_break_the_query() {
        let number = WhatsAppNumber::parse("919876543210").unwrap();
        let text = "Dal & Rice #2\nTotal: ₹1,23,456.50 🛒 नमस्ते a+b=c?";
        let link = number.click_to_chat_link(text);
        assert_eq!(
            link,
            "https://wa.me/919876543210?text=Dal%20%26%20Rice%20%232%0ATotal%3A%20\
             %E2%82%B91%2C23%2C456.50%20%F0%9F%9B%92%20\
             %E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87%20a%2Bb%3Dc%3F"
        );
        assert_eq!(decode(&link), text);
    }
}
