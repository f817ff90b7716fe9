//! The order: what was bought, by whom, priced against which catalog; and its JSON.

use serde::Deserialize;

use crate::cart::PricedCart;
use crate::checkout::{Address, Customer, Fulfilment, Payment};
use crate::idempotency::IdempotencyKey;
use crate::json::{self, ToJson};
use crate::limits::STORE_NAME_MAX;
use crate::money::{Currency, Money};
use crate::reference::OrderReference;
use crate::retailer_id::RetailerId;
use crate::source::CatalogSource;
use crate::terms::{Charges, Discount};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub retailer_id: RetailerId,
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
    /// Short, for people: `OrderReference::from_random`.
    pub reference: OrderReference,
    /// Long and random, for servers to recognise a retry: `IdempotencyKey::from_random`.
    pub idempotency_key: IdempotencyKey,
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
    /// Exactly the sum of the line totals.
    pub subtotal: Money,
    /// What delivery costs (zero for pickup or free delivery).
    pub delivery: Money,
    pub discount: Option<Discount>,
    /// subtotal + delivery − discount, never below zero.
    pub total: Money,
    pub customer: Customer,
}

/// Version of the order JSON (see schemas/order.schema.json).
pub const ORDER_SCHEMA: &str = "chatcart-order/3";

/// The version before delivery charges and offers: orders saved in a shopper's outbox
/// before the upgrade still arrive in it, without `subtotal`, `shipping` or `discount`.
pub const ORDER_SCHEMA_WITHOUT_CHARGES: &str = "chatcart-order/2";

/// The shop's name as an order carries it, so a receiver takes it: one line (a control
/// character becomes a space) of at most `STORE_NAME_MAX` characters. A settings file's
/// name fits already; a page's `data-store-name` or a catalog's `store_name` may not.
pub fn order_store_name(name: &str) -> String {
    let one_line: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut: String = one_line.trim().chars().take(STORE_NAME_MAX).collect();
    cut.trim_end().to_owned()
}

impl Order {
    /// An order of `cart` at `charges`, from the shop `store_name` (as
    /// `order_store_name` fits it).
    pub fn new(
        identity: OrderIdentity,
        store_name: &str,
        catalog: &dyn CatalogSource,
        cart: &PricedCart,
        charges: &Charges,
        customer: Customer,
    ) -> Self {
        Order {
            identity,
            store_name: order_store_name(store_name),
            catalog_version: catalog.version().to_owned(),
            currency: catalog.currency(),
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
            subtotal: cart.subtotal,
            delivery: charges.delivery_amount(),
            discount: charges.discount.clone(),
            total: charges.total,
            customer,
        }
    }

    /// Whether the total is more than the lines: delivery or a discount to show.
    pub fn has_charges(&self) -> bool {
        !self.delivery.is_zero() || self.discount.is_some()
    }

    pub fn payment_label(&self) -> &'static str {
        match self.customer.payment {
            Payment::CashOnDelivery if self.customer.address.is_none() => "Cash at pickup",
            Payment::CashOnDelivery => "Cash on delivery",
            Payment::Upi => "UPI",
            Payment::InChat => "Pay in the chat",
        }
    }

    /// The order as its JSON document.
    pub fn to_document(&self) -> OrderDocument {
        let currency = self.currency.code().to_owned();
        let customer = &self.customer;
        OrderDocument {
            schema: ORDER_SCHEMA.to_owned(),
            reference: self.identity.reference.to_string(),
            idempotency_key: self.identity.idempotency_key.to_string(),
            created_at: self.identity.created_at.clone(),
            store_name: self.store_name.clone(),
            catalog_version: self.catalog_version.clone(),
            currency: currency.clone(),
            product_items: self
                .lines
                .iter()
                .map(|l| ProductItem {
                    product_retailer_id: l.retailer_id.clone(),
                    title: l.title.clone(),
                    options: l.options.clone(),
                    quantity: l.quantity,
                    item_price: l.unit_price.amount_string(),
                    line_total: l.line_total.amount_string(),
                    currency: currency.clone(),
                })
                .collect(),
            subtotal: self.subtotal.amount_string(),
            shipping: self.delivery.amount_string(),
            discount: self.discount.as_ref().map(|d| DiscountDocument {
                amount: d.amount.amount_string(),
                code: d.code.clone(),
            }),
            total: self.total.amount_string(),
            fulfilment: if customer.address.is_some() {
                Fulfilment::Delivery
            } else {
                Fulfilment::Pickup
            },
            address: customer.address.clone(),
            delivery_slot: customer.slot.clone(),
            payment: customer.payment,
            customer: CustomerDocument {
                name: customer.name.clone(),
                phone: customer.phone.clone(),
                notes: customer.notes.clone(),
            },
        }
    }

    /// The order as JSON, named as WhatsApp Cloud API order messages name things where they
    /// can (`product_items[].product_retailer_id`, `quantity`, `item_price`, `currency`;
    /// `subtotal`, `shipping` and `discount` as in `order_details`); amounts are exact
    /// decimal strings.
    pub fn to_json(&self) -> String {
        json::to_json(&self.to_document())
    }
}

/// An order as JSON (schemas/order.schema.json): what the widget sends and a server reads.
///
/// `reference` and `idempotency_key` are kept as sent, not as `OrderReference` and
/// `IdempotencyKey`: `intake::check_order` reads them, so that a bad one is reported
/// with every other problem of the order instead of as unreadable JSON.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderDocument {
    pub schema: String,
    pub reference: String,
    pub idempotency_key: String,
    pub created_at: String,
    pub store_name: String,
    pub catalog_version: String,
    pub currency: String,
    pub product_items: Vec<ProductItem>,
    /// Absent (empty) only in `ORDER_SCHEMA_WITHOUT_CHARGES` orders.
    #[serde(default)]
    pub subtotal: String,
    /// What delivery costs; "0.00" for pickup. Absent (empty) only in
    /// `ORDER_SCHEMA_WITHOUT_CHARGES` orders.
    #[serde(default)]
    pub shipping: String,
    pub discount: Option<DiscountDocument>,
    pub total: String,
    pub fulfilment: Fulfilment,
    pub address: Option<Address>,
    pub delivery_slot: Option<String>,
    pub payment: Payment,
    pub customer: CustomerDocument,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductItem {
    pub product_retailer_id: RetailerId,
    pub title: String,
    pub options: Option<String>,
    pub quantity: u32,
    pub item_price: String,
    pub line_total: String,
    pub currency: String,
}

/// The discount an order was given: how much, and the offer code (none for an offer that
/// applies by itself).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountDocument {
    pub amount: String,
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerDocument {
    pub name: String,
    pub phone: String,
    pub notes: Option<String>,
}

impl ToJson for OrderDocument {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("schema", &self.schema),
                ("reference", &self.reference),
                ("idempotency_key", &self.idempotency_key),
                ("created_at", &self.created_at),
                ("store_name", &self.store_name),
                ("catalog_version", &self.catalog_version),
                ("currency", &self.currency),
                ("product_items", &self.product_items),
                ("subtotal", &self.subtotal),
                ("shipping", &self.shipping),
                ("discount", &self.discount),
                ("total", &self.total),
                ("fulfilment", &self.fulfilment.name()),
                ("address", &self.address),
                ("delivery_slot", &self.delivery_slot),
                ("payment", &self.payment.name()),
                ("customer", &self.customer),
            ],
        );
    }
}

impl ToJson for ProductItem {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("product_retailer_id", &self.product_retailer_id.as_str()),
                ("title", &self.title),
                ("options", &self.options),
                ("quantity", &self.quantity),
                ("item_price", &self.item_price),
                ("line_total", &self.line_total),
                ("currency", &self.currency),
            ],
        );
    }
}

impl ToJson for DiscountDocument {
    fn write_json(&self, out: &mut String) {
        json::write_object(out, &[("amount", &self.amount), ("code", &self.code)]);
    }
}

impl ToJson for CustomerDocument {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("name", &self.name),
                ("phone", &self.phone),
                ("notes", &self.notes),
            ],
        );
    }
}

impl ToJson for Address {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("house", &self.house),
                ("area", &self.area),
                ("city", &self.city),
                ("region", &self.region),
                ("postal_code", &self.postal_code),
            ],
        );
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cart::{Cart, CartAction};
    use crate::catalog::tests::{inr, sample};
    use crate::checkout::tests::{form, rules};
    use crate::checkout::CheckoutForm;
    use crate::limits::DEFAULT_MAX_QUANTITY;
    use crate::money::Rounding;
    use crate::terms::{Day, Destination, Terms};

    fn identity() -> OrderIdentity {
        OrderIdentity {
            reference: OrderReference::parse("CC-7K3P9Q").unwrap(),
            idempotency_key: IdempotencyKey::from_random([7; 16]),
            created_at: "2026-11-21T08:50:00.000Z".into(),
        }
    }

    fn customer() -> Customer {
        CheckoutForm {
            area: "Andheri West".into(),
            slot: "5–8 pm".into(),
            notes: "Ring twice".into(),
            ..form()
        }
        .validate(&rules())
        .unwrap()
    }

    /// Two atta and one butter for Priya, delivered in the evening, with notes.
    pub(crate) fn sample_order() -> Order {
        let catalog = sample();
        let add = |id: &str, quantity| CartAction::Add {
            retailer_id: id.into(),
            quantity,
        };
        let cart = Cart::default()
            .apply(add("atta-5kg", 2), &catalog, DEFAULT_MAX_QUANTITY)
            .unwrap()
            .apply(add("butter-500", 1), &catalog, DEFAULT_MAX_QUANTITY)
            .unwrap();
        let priced = cart.price(&catalog).unwrap().unwrap();
        let charges = Terms::default()
            .charges(
                priced.subtotal,
                Destination {
                    fulfilment: Fulfilment::Delivery,
                    postal_code: Some("400053"),
                },
                None,
                Day::parse("2026-11-21").unwrap(),
                Rounding::default(),
            )
            .unwrap();
        Order::new(
            identity(),
            "Test Kirana",
            &catalog,
            &priced,
            &charges,
            customer(),
        )
    }

    /// `count` lines of 3 x INR 10.50, titles `title_length` characters long.
    pub(crate) fn order_with_lines(count: usize, title_length: usize) -> Order {
        let unit = Money::parse("10.50", inr()).unwrap();
        let lines: Vec<OrderLine> = (0..count)
            .map(|i| {
                let title = format!("Item number {i} ");
                OrderLine {
                    retailer_id: format!("item-{i}").into(),
                    title: title.repeat(title_length / title.len() + 1)[..title_length].into(),
                    options: None,
                    quantity: 3,
                    unit_price: unit,
                    line_total: unit.times(3).unwrap(),
                }
            })
            .collect();
        let total = lines
            .iter()
            .try_fold(Money::zero(inr()), |sum, l| sum.checked_add(&l.line_total))
            .unwrap();
        Order {
            identity: identity(),
            store_name: "Test Kirana".into(),
            catalog_version: sample().version,
            currency: inr(),
            lines,
            subtotal: total,
            delivery: Money::zero(inr()),
            discount: None,
            total,
            customer: customer(),
        }
    }

    #[test]
    fn cash_is_paid_at_the_door_or_at_the_counter() {
        let mut order = sample_order();
        order.customer.payment = Payment::CashOnDelivery;
        assert_eq!(order.payment_label(), "Cash on delivery");
        order.customer.address = None;
        assert_eq!(order.payment_label(), "Cash at pickup");
    }

    #[test]
    fn references_are_short_and_unambiguous() {
        assert_eq!(OrderReference::from_random(0), "CC-000000");
        assert_eq!(OrderReference::from_random(u32::MAX), "CC-ZZZZZZ");
        let reference = OrderReference::from_random(0x1234_5678);
        assert_eq!(reference.as_str().len(), 9);
        assert!(!reference.as_str()[3..].contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn json_uses_whatsapp_names_and_exact_amounts() {
        let order = sample_order();
        let json: serde_json::Value = serde_json::from_str(&order.to_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "schema": "chatcart-order/3",
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
                "subtotal": "783.00",
                "shipping": "0.00",
                "discount": null,
                "total": "783.00",
                "fulfilment": "delivery",
                "address": {"house": "Flat 4B, Lotus Towers", "area": "Andheri West",
                            "city": "Mumbai", "region": "Maharashtra", "postal_code": "400053"},
                "delivery_slot": "5–8 pm",
                "payment": "cash_on_delivery",
                "customer": {"name": "Priya Sharma", "phone": "+91 98765-43210",
                             "notes": "Ring twice"}
            })
        );
        let read_back: OrderDocument = serde_json::from_str(&order.to_json()).unwrap();
        assert_eq!(read_back, order.to_document());
    }

    #[test]
    fn json_is_written_byte_for_byte_as_serde_wrote_it() {
        let mut order = sample_order();
        assert_eq!(
            order.to_json(),
            r#"{"schema":"chatcart-order/3","reference":"CC-7K3P9Q","idempotency_key":"07070707-0707-4707-8707-070707070707","created_at":"2026-11-21T08:50:00.000Z","store_name":"Test Kirana","catalog_version":"fnv1a64:63cf18c5db5958c8","currency":"INR","product_items":[{"product_retailer_id":"atta-5kg","title":"Aashirvaad Whole Wheat Atta","options":"5 kg","quantity":2,"item_price":"249.00","line_total":"498.00","currency":"INR"},{"product_retailer_id":"butter-500","title":"Amul Butter","options":"500 g","quantity":1,"item_price":"285.00","line_total":"285.00","currency":"INR"}],"subtotal":"783.00","shipping":"0.00","discount":null,"total":"783.00","fulfilment":"delivery","address":{"house":"Flat 4B, Lotus Towers","area":"Andheri West","city":"Mumbai","region":"Maharashtra","postal_code":"400053"},"delivery_slot":"5–8 pm","payment":"cash_on_delivery","customer":{"name":"Priya Sharma","phone":"+91 98765-43210","notes":"Ring twice"}}"#
        );
        order.discount = Some(Discount {
            amount: order.subtotal,
            code: Some("WELCOME10".into()),
        });
        order.lines[0].options = Some("Size: 5 kg".into());
        order.customer.notes = None;
        assert_eq!(
            order.to_json(),
            r#"{"schema":"chatcart-order/3","reference":"CC-7K3P9Q","idempotency_key":"07070707-0707-4707-8707-070707070707","created_at":"2026-11-21T08:50:00.000Z","store_name":"Test Kirana","catalog_version":"fnv1a64:63cf18c5db5958c8","currency":"INR","product_items":[{"product_retailer_id":"atta-5kg","title":"Aashirvaad Whole Wheat Atta","options":"Size: 5 kg","quantity":2,"item_price":"249.00","line_total":"498.00","currency":"INR"},{"product_retailer_id":"butter-500","title":"Amul Butter","options":"500 g","quantity":1,"item_price":"285.00","line_total":"285.00","currency":"INR"}],"subtotal":"783.00","shipping":"0.00","discount":{"amount":"783.00","code":"WELCOME10"},"total":"783.00","fulfilment":"delivery","address":{"house":"Flat 4B, Lotus Towers","area":"Andheri West","city":"Mumbai","region":"Maharashtra","postal_code":"400053"},"delivery_slot":"5–8 pm","payment":"cash_on_delivery","customer":{"name":"Priya Sharma","phone":"+91 98765-43210","notes":null}}"#
        );
        let read_back: OrderDocument = serde_json::from_str(&order.to_json()).unwrap();
        assert_eq!(read_back, order.to_document());
    }

    #[test]
    fn json_matches_the_published_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../schemas/order.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let mut pickup = sample_order();
        pickup.customer.address = None;
        pickup.customer.slot = None;
        for order in [sample_order(), pickup] {
            let json: serde_json::Value = serde_json::from_str(&order.to_json()).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}");
        }

        // The schema is not a rubber stamp: a float price, a missing key or a delivery
        // without an address is refused.
        let order: serde_json::Value = serde_json::from_str(&sample_order().to_json()).unwrap();
        let mut float_price = order.clone();
        float_price["product_items"][0]["item_price"] = serde_json::json!(249.0);
        assert!(!validator.is_valid(&float_price));
        let mut no_key = order.clone();
        no_key.as_object_mut().unwrap().remove("idempotency_key");
        assert!(!validator.is_valid(&no_key));
        let mut nowhere = order.clone();
        nowhere["address"] = serde_json::Value::Null;
        assert!(!validator.is_valid(&nowhere));

        // Shoppers' text is one line (the notes may break lines) and bounded: what the
        // receiver refuses, the schema refuses.
        let with = |path: &[&str], value: &str| {
            let mut changed = order.clone();
            let mut field = &mut changed;
            for key in path {
                field = &mut field[*key];
            }
            *field = value.into();
            validator.is_valid(&changed)
        };
        assert!(!with(
            &["customer", "name"],
            "Priya\r\n#999 CC-FAKE00 INR 1.00"
        ));
        assert!(!with(&["customer", "name"], "\u{1b}[2J"));
        assert!(!with(&["address", "city"], "Mumbai\u{9b}"));
        assert!(!with(&["delivery_slot"], "5–8 pm\n"));
        assert!(!with(&["delivery_slot"], &"x".repeat(61)));
        assert!(!with(&["store_name"], &"S".repeat(81)));
        assert!(!with(&["store_name"], "Kirana\u{7}"));
        assert!(with(&["store_name"], &"S".repeat(80)));
        assert!(with(&["customer", "notes"], "Ring twice\nThird floor"));
        // Times as the receiver reads them: any offset, never free text or a long tail.
        assert!(with(&["created_at"], "2026-11-21T14:20:00+05:30"));
        assert!(with(&["created_at"], "2026-11-21t08:50:00.123z"));
        assert!(!with(&["created_at"], "not a date <script>"));
        assert!(!with(
            &["created_at"],
            "2026-11-21T08:50:00.000000000000000000000Z"
        ));
        assert!(!with(&["customer", "notes"], "Ring\ttwice"));
    }

    #[test]
    fn the_shops_name_is_fitted_to_what_a_receiver_takes() {
        assert_eq!(order_store_name(" Sharma Kirana "), "Sharma Kirana");
        assert_eq!(order_store_name("Sharma\r\nKirana\t"), "Sharma  Kirana");
        let long = "Sharma General Store ".repeat(5);
        let fitted = order_store_name(&long);
        assert_eq!(fitted.chars().count(), 80);
        assert!(long.starts_with(&fitted));
        assert_eq!(order_store_name(&"श".repeat(81)).chars().count(), 80);
    }

    #[test]
    fn idempotency_keys_are_version_4_uuids() {
        let key = IdempotencyKey::from_random([0xff; 16]);
        assert_eq!(key, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_ne!(
            IdempotencyKey::from_random([1; 16]),
            IdempotencyKey::from_random([2; 16])
        );
    }
}
