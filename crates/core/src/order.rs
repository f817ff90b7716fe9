//! Checkout details, the order, and its hand-off as a WhatsApp click-to-chat link.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cart::PricedCart;
use crate::catalog::Catalog;
use crate::money::{Currency, Money};

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

/// What is wrong with a checkout field; the widget words it in the shopper's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    TooLong {
        max: usize,
    },
    /// An address too short to deliver to.
    TooShort,
    /// Not 7 to 15 digits.
    NotAPhone,
}

/// A checkout field with a problem; the widget words it in the shopper's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
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
        let mut fail = |field, problem| errors.push(FieldError { field, problem });

        let name = self.name.trim();
        if name.is_empty() {
            fail(Field::Name, FieldProblem::Missing);
        } else if name.chars().count() > NAME_MAX {
            fail(Field::Name, FieldProblem::TooLong { max: NAME_MAX });
        }

        let phone_ok = phone_digits(&self.phone).is_some_and(|d| (7..=15).contains(&d.len()));
        if self.phone.trim().is_empty() {
            fail(Field::Phone, FieldProblem::Missing);
        } else if !phone_ok {
            fail(Field::Phone, FieldProblem::NotAPhone);
        }

        let address = self.address.trim();
        if address.is_empty() {
            fail(Field::Address, FieldProblem::Missing);
        } else if address.chars().count() < ADDRESS_MIN {
            fail(Field::Address, FieldProblem::TooShort);
        } else if address.chars().count() > ADDRESS_MAX {
            fail(Field::Address, FieldProblem::TooLong { max: ADDRESS_MAX });
        }

        let notes = self.notes.trim();
        if notes.chars().count() > NOTES_MAX {
            fail(Field::Notes, FieldProblem::TooLong { max: NOTES_MAX });
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
    pub retailer_id: String,
    pub title: String,
    /// The variant's options: "5 kg", "M, Blue".
    pub options: Option<String>,
    pub quantity: u32,
    pub unit_price: Money,
    pub line_total: Money,
}

impl OrderLine {
    /// "Aashirvaad Atta (5 kg)"
    pub fn name(&self) -> String {
        match &self.options {
            Some(options) => format!("{} ({options})", self.title),
            None => self.title.clone(),
        }
    }
}

/// What makes an order unique, supplied by the caller (randomness and the clock belong to
/// the platform).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderIdentity {
    /// Short, for people: `order_reference`.
    pub reference: String,
    /// Long and random, for servers to recognise a retry: `idempotency_key`.
    pub idempotency_key: String,
    /// RFC 3339 UTC time the order was placed.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub identity: OrderIdentity,
    pub store_name: String,
    /// `Catalog::version` of the catalog the lines were priced against.
    pub catalog_version: String,
    pub currency: Currency,
    pub lines: Vec<OrderLine>,
    pub total: Money,
    pub customer: Customer,
}

/// Version of the order JSON (see schemas/order.schema.json).
pub const ORDER_SCHEMA: &str = "chatcart-order/1";

impl Order {
    pub fn new(
        identity: OrderIdentity,
        store_name: &str,
        catalog: &Catalog,
        cart: &PricedCart,
        customer: Customer,
    ) -> Self {
        Order {
            identity,
            store_name: store_name.to_owned(),
            catalog_version: catalog.version.clone(),
            currency: catalog.currency,
            lines: cart
                .lines
                .iter()
                .map(|l| OrderLine {
                    retailer_id: l.variant.retailer_id.clone(),
                    title: l.product.title.clone(),
                    options: l.variant.label(),
                    quantity: l.quantity,
                    unit_price: l.variant.unit_price(),
                    line_total: l.line_total,
                })
                .collect(),
            total: cart.subtotal,
            customer,
        }
    }

    /// The message the shopper sends to the merchant; `format` renders money.
    pub fn whatsapp_text(&self, format: &dyn Fn(&Money) -> String) -> String {
        let mut text = format!(
            "New order {} for {}\n\n",
            self.identity.reference, self.store_name
        );
        for line in &self.lines {
            text.push_str(&format!(
                "{} x {}: {}\n",
                line.quantity,
                line.name(),
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

    /// The order as JSON, named as WhatsApp Cloud API order messages name things where they
    /// can (`product_items[].product_retailer_id`, `quantity`, `item_price`, `currency`);
    /// amounts are exact decimal strings.
    pub fn to_json(&self) -> String {
        let currency = self.currency.code();
        let document = OrderDocument {
            schema: ORDER_SCHEMA,
            reference: &self.identity.reference,
            idempotency_key: &self.identity.idempotency_key,
            created_at: &self.identity.created_at,
            store_name: &self.store_name,
            catalog_version: &self.catalog_version,
            currency,
            product_items: self
                .lines
                .iter()
                .map(|l| ProductItemDocument {
                    product_retailer_id: &l.retailer_id,
                    title: &l.title,
                    options: l.options.as_deref(),
                    quantity: l.quantity,
                    item_price: l.unit_price.amount_string(),
                    line_total: l.line_total.amount_string(),
                    currency,
                })
                .collect(),
            total: self.total.amount_string(),
            customer: CustomerDocument {
                name: &self.customer.name,
                phone: &self.customer.phone,
                address: &self.customer.address,
                notes: self.customer.notes.as_deref(),
            },
        };
        serde_json::to_string(&document).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct OrderDocument<'a> {
    schema: &'static str,
    reference: &'a str,
    idempotency_key: &'a str,
    created_at: &'a str,
    store_name: &'a str,
    catalog_version: &'a str,
    currency: &'static str,
    product_items: Vec<ProductItemDocument<'a>>,
    total: String,
    customer: CustomerDocument<'a>,
}

#[derive(Serialize)]
struct ProductItemDocument<'a> {
    product_retailer_id: &'a str,
    title: &'a str,
    options: Option<&'a str>,
    quantity: u32,
    item_price: String,
    line_total: String,
    currency: &'static str,
}

#[derive(Serialize)]
struct CustomerDocument<'a> {
    name: &'a str,
    phone: &'a str,
    address: &'a str,
    notes: Option<&'a str>,
}

/// 128 random bits written as a version 4 UUID, the usual shape of an `Idempotency-Key`.
pub fn idempotency_key(mut random: [u8; 16]) -> String {
    random[6] = (random[6] & 0x0f) | 0x40;
    random[8] = (random[8] & 0x3f) | 0x80;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
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
    use crate::cart::{Cart, CartAction, DEFAULT_MAX_QUANTITY};
    use crate::catalog::tests::sample;

    fn identity() -> OrderIdentity {
        OrderIdentity {
            reference: "CC-7K3P9Q".into(),
            idempotency_key: idempotency_key([7; 16]),
            created_at: "2026-11-21T08:50:00.000Z".into(),
        }
    }

    /// Two atta and one butter for Priya, with notes.
    pub(crate) fn sample_order() -> Order {
        let catalog = sample();
        let add = |id: &str, quantity| CartAction::Add {
            retailer_id: id.into(),
            quantity,
        };
        let cart = Cart::default()
            .apply(add("atta-5kg", 2), &catalog, DEFAULT_MAX_QUANTITY)
            .apply(add("butter-500", 1), &catalog, DEFAULT_MAX_QUANTITY);
        let customer = CheckoutForm {
            notes: "Ring twice".into(),
            ..form()
        }
        .validate()
        .unwrap();
        Order::new(
            identity(),
            "Test Kirana",
            &catalog,
            &cart.price(&catalog).unwrap(),
            customer,
        )
    }

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
            short_phone.validate().unwrap_err(),
            [FieldError {
                field: Field::Phone,
                problem: FieldProblem::NotAPhone
            }]
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
        let order = sample_order();
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
    fn json_uses_whatsapp_names_and_exact_amounts() {
        let order = sample_order();
        let json: serde_json::Value = serde_json::from_str(&order.to_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "schema": "chatcart-order/1",
                "reference": "CC-7K3P9Q",
                "idempotency_key": "07070707-0707-4707-8707-070707070707",
                "created_at": "2026-11-21T08:50:00.000Z",
                "store_name": "Test Kirana",
                "catalog_version": sample().version,
                "currency": "INR",
                "product_items": [
                    {"product_retailer_id": "atta-5kg", "title": "Aashirvaad Whole Wheat Atta",
                     "options": "5 kg", "quantity": 2, "item_price": "249.00",
                     "line_total": "498.00", "currency": "INR"},
                    {"product_retailer_id": "butter-500", "title": "Amul Butter",
                     "options": "500 g", "quantity": 1, "item_price": "285.00",
                     "line_total": "285.00", "currency": "INR"}
                ],
                "total": "783.00",
                "customer": {"name": "Priya Sharma", "phone": "+91 98765-43210",
                             "address": "Flat 4B, Lotus Towers, Andheri West, Mumbai 400053",
                             "notes": "Ring twice"}
            })
        );
    }

    #[test]
    fn json_matches_the_published_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../schemas/order.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let order: serde_json::Value = serde_json::from_str(&sample_order().to_json()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&order)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");

        // The schema is not a rubber stamp: a float price or a missing key is refused.
        let mut float_price = order.clone();
        float_price["product_items"][0]["item_price"] = serde_json::json!(249.0);
        assert!(!validator.is_valid(&float_price));
        let mut no_key = order;
        no_key.as_object_mut().unwrap().remove("idempotency_key");
        assert!(!validator.is_valid(&no_key));
    }

    #[test]
    fn idempotency_keys_are_version_4_uuids() {
        let key = idempotency_key([0xff; 16]);
        assert_eq!(key, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_ne!(idempotency_key([1; 16]), idempotency_key([2; 16]));
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
