//! A server's check of an order it receives: nothing the browser sent is trusted. Every
//! line is re-priced from the merchant's catalog, and the order is rebuilt from it.

use std::fmt;

use crate::catalog::Catalog;
use crate::checkout::{
    indian_addresses, CheckoutForm, CheckoutRules, Field, FieldError, FieldProblem, Fulfilment,
    Payment,
};
use crate::idempotency::{IdempotencyKey, IdempotencyKeyError};
use crate::limits::SLOT_MAX;
use crate::money::{Money, MoneyError, Rounding};
use crate::order::{Order, OrderDocument, OrderIdentity, OrderLine, ORDER_SCHEMA};
use crate::reference::{OrderReference, ReferenceError};
use crate::retailer_id::RetailerId;

/// What a receiver accepts: its limits on one order, and the shop's settings that the
/// page also has (`data-max-quantity`, `data-rounding`, `data-delivery`, `data-pickup`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRules {
    pub max_lines: usize,
    pub max_quantity: u32,
    /// Line totals must come out as the widget rounded them.
    pub rounding: Rounding,
    pub fulfilments: Vec<Fulfilment>,
}

/// What is wrong with an order a receiver was sent. `Display` words it as a sentence a
/// merchant's developer can act on; a receiver answers with those sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeProblem {
    /// The document's `schema` is not `ORDER_SCHEMA`.
    Schema(String),
    /// The order's currency (`order`) is not the shop's (`shop`).
    Currency {
        order: String,
        shop: String,
    },
    Reference(ReferenceError),
    IdempotencyKey(IdempotencyKeyError),
    NoLines,
    TooManyLines {
        count: usize,
        max: usize,
    },
    /// A problem with line `number` (from 1), which names `retailer_id`.
    Line {
        number: usize,
        retailer_id: RetailerId,
        problem: LineProblem,
    },
    /// The order's total is not what its lines add up to.
    Total {
        given: String,
        sum: String,
    },
    /// The lines' total cannot be worked out.
    TotalAmount(MoneyError),
    /// The shop does not deliver, or does not hand orders over for pickup.
    NotOffered(Fulfilment),
    /// `delivery_slot` is longer than `limits::SLOT_MAX`.
    SlotTooLong,
    /// A customer or address field, as the checkout form checks it.
    Field(FieldError),
    /// An address with a pickup, or a delivery without one.
    AddressOnlyForDelivery,
}

/// What is wrong with one line of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    NotSold,
    ListedTwice,
    CannotOrder,
    Quantity {
        quantity: u32,
        max: u32,
    },
    /// The line's price is in another currency than the shop's.
    PriceCurrency(String),
    Price {
        given: String,
        charged: String,
    },
    LineTotal {
        given: String,
        expected: String,
    },
    /// The line's total cannot be worked out.
    Amount(MoneyError),
}

impl fmt::Display for IntakeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntakeProblem::Schema(schema) => write!(
                f,
                "schema is \"{schema}\"; this receiver reads \"{ORDER_SCHEMA}\""
            ),
            IntakeProblem::Currency { order, shop } => {
                write!(f, "the order is in {order}, the shop sells in {shop}")
            }
            IntakeProblem::Reference(e) => write!(f, "reference {e}"),
            IntakeProblem::IdempotencyKey(e) => write!(f, "idempotency_key: {e}"),
            IntakeProblem::NoLines => f.write_str("the order has no lines"),
            IntakeProblem::TooManyLines { count, max } => {
                write!(f, "the order has {count} lines; at most {max} are accepted")
            }
            IntakeProblem::Line {
                number,
                retailer_id,
                problem,
            } => write!(f, "line {number}, {retailer_id}: {problem}"),
            IntakeProblem::Total { given, sum } => {
                write!(f, "the total is {given}, the lines add up to {sum}")
            }
            IntakeProblem::TotalAmount(e) => write!(f, "the total: {e}"),
            IntakeProblem::NotOffered(fulfilment) => {
                let way = match fulfilment {
                    Fulfilment::Delivery => "deliver",
                    Fulfilment::Pickup => "hand orders over for pickup",
                };
                write!(f, "fulfilment: the shop does not {way}")
            }
            IntakeProblem::SlotTooLong => {
                write!(f, "delivery_slot is longer than {SLOT_MAX} characters")
            }
            IntakeProblem::Field(error) => f.write_str(&describe(error)),
            IntakeProblem::AddressOnlyForDelivery => {
                f.write_str("an address is given for delivery, and only for delivery")
            }
        }
    }
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineProblem::NotSold => f.write_str("the shop does not sell this item"),
            LineProblem::ListedTwice => f.write_str("the item is listed twice"),
            LineProblem::CannotOrder => f.write_str("the item cannot be ordered now"),
            LineProblem::Quantity { quantity, max } => {
                write!(f, "quantity {quantity} is outside 1 to {max}")
            }
            LineProblem::PriceCurrency(currency) => write!(f, "the price is in {currency}"),
            LineProblem::Price { given, charged } => {
                write!(f, "the price is {given}, the shop charges {charged}")
            }
            LineProblem::LineTotal { given, expected } => {
                write!(f, "the line total is {given}, it should be {expected}")
            }
            LineProblem::Amount(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for IntakeProblem {}

/// A problem is the sentence it is worded as.
impl PartialEq<&str> for IntakeProblem {
    fn eq(&self, other: &&str) -> bool {
        let worded = self.to_string();
        worded == *other
    }
}

/// Re-prices `document` against `catalog` and checks it against `rules`. The error lists
/// every problem, each a sentence a merchant's developer can act on ("line 2, DM00123:
/// the price is 249.00, the shop charges 260.00").
pub fn check_order(
    document: &OrderDocument,
    catalog: &Catalog,
    rules: &IntakeRules,
) -> Result<Order, Vec<IntakeProblem>> {
    let mut problems = Vec::new();
    if document.schema != ORDER_SCHEMA {
        problems.push(IntakeProblem::Schema(document.schema.clone()));
    }
    let currency = catalog.currency;
    if document.currency != currency.code() {
        problems.push(IntakeProblem::Currency {
            order: document.currency.clone(),
            shop: currency.code().to_owned(),
        });
    }
    let reference = OrderReference::parse(&document.reference)
        .map_err(|e| problems.push(IntakeProblem::Reference(e)))
        .ok();
    let idempotency_key = IdempotencyKey::parse(&document.idempotency_key)
        .map_err(|e| problems.push(IntakeProblem::IdempotencyKey(e)))
        .ok();
    match document.product_items.len() {
        0 => problems.push(IntakeProblem::NoLines),
        count if count > rules.max_lines => problems.push(IntakeProblem::TooManyLines {
            count,
            max: rules.max_lines,
        }),
        _ => {}
    }

    let mut lines = Vec::new();
    for (index, item) in document
        .product_items
        .iter()
        .take(rules.max_lines)
        .enumerate()
    {
        let id = &item.product_retailer_id;
        let mut line_problem = |problem| {
            problems.push(IntakeProblem::Line {
                number: index + 1,
                retailer_id: id.clone(),
                problem,
            })
        };
        let Some((product, variant)) = catalog.variant(id) else {
            line_problem(LineProblem::NotSold);
            continue;
        };
        if document.product_items[..index]
            .iter()
            .any(|earlier| earlier.product_retailer_id == *id)
        {
            line_problem(LineProblem::ListedTwice);
        }
        if !variant.can_order() {
            line_problem(LineProblem::CannotOrder);
        }
        if !(1..=rules.max_quantity).contains(&item.quantity) {
            line_problem(LineProblem::Quantity {
                quantity: item.quantity,
                max: rules.max_quantity,
            });
        }
        if item.currency != currency.code() {
            line_problem(LineProblem::PriceCurrency(item.currency.clone()));
        }
        let price = variant.unit_price();
        if Money::parse(&item.item_price, currency).ok() != Some(price) {
            line_problem(LineProblem::Price {
                given: item.item_price.clone(),
                charged: price.amount_string(),
            });
        }
        match price.times(item.quantity, rules.rounding) {
            Ok(line_total) => {
                if Money::parse(&item.line_total, currency).ok() != Some(line_total) {
                    line_problem(LineProblem::LineTotal {
                        given: item.line_total.clone(),
                        expected: line_total.amount_string(),
                    });
                }
                lines.push(OrderLine {
                    retailer_id: id.clone(),
                    title: product.title.clone(),
                    options: variant.label(),
                    quantity: item.quantity,
                    unit_price: price,
                    line_total,
                });
            }
            Err(problem) => line_problem(LineProblem::Amount(problem)),
        }
    }
    let total = lines.iter().try_fold(Money::zero(currency), |sum, line| {
        sum.checked_add(&line.line_total)
    });
    match &total {
        Ok(total) if Money::parse(&document.total, currency).ok() != Some(*total) => {
            problems.push(IntakeProblem::Total {
                given: document.total.clone(),
                sum: total.amount_string(),
            })
        }
        Err(problem) => problems.push(IntakeProblem::TotalAmount(problem.clone())),
        Ok(_) => {}
    }

    if !rules.fulfilments.contains(&document.fulfilment) {
        problems.push(IntakeProblem::NotOffered(document.fulfilment));
    }
    let customer = customer_form(document).validate(&CheckoutRules {
        fulfilments: vec![document.fulfilment],
        india: indian_addresses(currency),
        // The receiver does not know the page's slot list; any short slot is accepted.
        slots: document.delivery_slot.iter().cloned().collect(),
        payments: vec![Payment::CashOnDelivery, Payment::Upi, Payment::InChat],
    });
    if document
        .delivery_slot
        .as_ref()
        .is_some_and(|s| s.chars().count() > SLOT_MAX)
    {
        problems.push(IntakeProblem::SlotTooLong);
    }
    if let Err(errors) = &customer {
        problems.extend(errors.iter().cloned().map(IntakeProblem::Field));
    }
    let has_address = document.address.is_some();
    if has_address != (document.fulfilment == Fulfilment::Delivery) {
        problems.push(IntakeProblem::AddressOnlyForDelivery);
    }

    match (
        problems.is_empty(),
        customer,
        total,
        reference,
        idempotency_key,
    ) {
        (true, Ok(customer), Ok(total), Some(reference), Some(idempotency_key)) => Ok(Order {
            identity: OrderIdentity {
                reference,
                idempotency_key,
                created_at: document.created_at.clone(),
            },
            store_name: document.store_name.clone(),
            catalog_version: catalog.version.clone(),
            currency,
            lines,
            subtotal: total,
            delivery: Money::zero(currency),
            discount: None,
            total,
            customer,
        }),
        _ => Err(problems),
    }
}

/// The document's customer as the form the widget validates.
fn customer_form(document: &OrderDocument) -> CheckoutForm {
    let address = document.address.clone().unwrap_or_default();
    CheckoutForm {
        fulfilment: document.fulfilment,
        name: document.customer.name.clone(),
        phone: document.customer.phone.clone(),
        house: address.house,
        area: address.area,
        city: address.city,
        region: address.region,
        postal_code: address.postal_code,
        slot: document.delivery_slot.clone().unwrap_or_default(),
        notes: document.customer.notes.clone().unwrap_or_default(),
        payment: document.payment,
        remember: false,
        offer_code: document
            .discount
            .as_ref()
            .and_then(|d| d.code.clone())
            .unwrap_or_default(),
    }
}

/// A checkout problem in the order's JSON names, for a developer reading the response.
fn describe(error: &FieldError) -> String {
    let field = match error.field {
        Field::Name => "customer.name",
        Field::Phone => "customer.phone",
        Field::House => "address.house",
        Field::Area => "address.area",
        Field::City => "address.city",
        Field::Region => "address.region",
        Field::PostalCode => "address.postal_code",
        Field::Slot => "delivery_slot",
        Field::Notes => "customer.notes",
        Field::Payment => "payment",
    };
    let problem = match error.problem {
        FieldProblem::Missing => "is missing".to_owned(),
        FieldProblem::TooLong { max } => format!("is longer than {max} characters"),
        FieldProblem::NotAPhone => "is not a phone number of 7 to 15 digits".to_owned(),
        FieldProblem::NotAPin => "is not a 6-digit PIN code".to_owned(),
        FieldProblem::NotAPostcode => "is not a postcode".to_owned(),
        FieldProblem::NotOffered => "is not offered by the shop".to_owned(),
    };
    format!("{field} {problem}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::sample;
    use crate::limits::{DEFAULT_MAX_LINES, DEFAULT_MAX_QUANTITY};
    use crate::order::tests::sample_order;

    fn rules() -> IntakeRules {
        IntakeRules {
            max_lines: DEFAULT_MAX_LINES,
            max_quantity: DEFAULT_MAX_QUANTITY,
            rounding: Rounding::HalfEven,
            fulfilments: vec![Fulfilment::Delivery, Fulfilment::Pickup],
        }
    }

    fn document() -> OrderDocument {
        sample_order().to_document()
    }

    fn problems(document: &OrderDocument) -> Vec<String> {
        check_order(document, &sample(), &rules())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn an_honest_order_is_accepted_as_priced() {
        let order = check_order(&document(), &sample(), &rules()).unwrap();
        assert_eq!(order, sample_order());
    }

    #[test]
    fn tampered_prices_and_totals_are_rejected_with_the_right_figures() {
        let mut cheap = document();
        cheap.product_items[0].item_price = "1.00".into();
        cheap.product_items[0].line_total = "2.00".into();
        cheap.total = "287.00".into();
        assert_eq!(
            problems(&cheap),
            [
                "line 1, atta-5kg: the price is 1.00, the shop charges 249.00",
                "line 1, atta-5kg: the line total is 2.00, it should be 498.00",
                "the total is 287.00, the lines add up to 783.00",
            ]
        );
    }

    #[test]
    fn unknown_items_quantities_currencies_and_duplicates_are_rejected() {
        let mut bad = document();
        bad.currency = "USD".into();
        bad.product_items[0].product_retailer_id = "caviar".into();
        bad.product_items[1].quantity = 0;
        bad.product_items[1].line_total = "0.00".into();
        bad.total = "0.00".into();
        assert_eq!(
            problems(&bad),
            [
                "the order is in USD, the shop sells in INR",
                "line 1, caviar: the shop does not sell this item",
                "line 2, butter-500: quantity 0 is outside 1 to 99",
            ]
        );
        let mut twice = document();
        twice.product_items[1] = twice.product_items[0].clone();
        twice.total = "996.00".into();
        assert_eq!(
            problems(&twice),
            ["line 2, atta-5kg: the item is listed twice"]
        );
        let mut huge = document();
        huge.product_items[0].quantity = 100;
        assert!(problems(&huge)[0].contains("quantity 100 is outside 1 to 99"));
    }

    #[test]
    fn too_many_lines_and_bad_customers_are_rejected() {
        let mut long = document();
        long.product_items = vec![long.product_items[0].clone(); 101];
        assert!(problems(&long)
            .contains(&"the order has 101 lines; at most 100 are accepted".to_owned()));
        let mut nobody = document();
        nobody.customer.name = " ".into();
        nobody.customer.phone = "call me".into();
        nobody.address.as_mut().unwrap().postal_code = "4000".into();
        assert_eq!(
            problems(&nobody),
            [
                "customer.name is missing",
                "customer.phone is not a phone number of 7 to 15 digits",
                "address.postal_code is not a 6-digit PIN code",
            ]
        );
        let mut pickup_with_address = document();
        pickup_with_address.fulfilment = Fulfilment::Pickup;
        assert_eq!(
            problems(&pickup_with_address),
            ["an address is given for delivery, and only for delivery"]
        );
    }

    #[test]
    fn references_and_keys_are_read_as_the_widget_writes_them() {
        for reference in [
            "CC-7K3P9I",
            "CC-7K3P9L",
            "CC-7K3P9O",
            "CC-7K3P9U",
            "CC-7k3p9q",
        ] {
            let mut bad = document();
            bad.reference = reference.into();
            assert_eq!(
                problems(&bad),
                [format!("reference \"{reference}\" is not like CC-7K3P9Q")]
            );
        }
        let mut no_key = document();
        no_key.idempotency_key = String::new();
        assert_eq!(problems(&no_key), ["idempotency_key: the key is empty"]);
    }

    #[test]
    fn problems_are_values_until_they_are_worded() {
        let mut bad = document();
        bad.schema = "chatcart-order/1".into();
        bad.product_items.clear();
        bad.total = "0.00".into();
        bad.delivery_slot = Some("x".repeat(61));
        let problems = check_order(&bad, &sample(), &rules()).unwrap_err();
        assert_eq!(
            problems,
            [
                IntakeProblem::Schema("chatcart-order/1".into()),
                IntakeProblem::NoLines,
                IntakeProblem::SlotTooLong,
            ]
        );
        assert_eq!(
            problems,
            [
                "schema is \"chatcart-order/1\"; this receiver reads \"chatcart-order/3\"",
                "the order has no lines",
                "delivery_slot is longer than 60 characters",
            ]
        );
        let mut cheap = document();
        cheap.product_items[1].item_price = "1.00".into();
        assert_eq!(
            check_order(&cheap, &sample(), &rules()).unwrap_err(),
            [IntakeProblem::Line {
                number: 2,
                retailer_id: "butter-500".into(),
                problem: LineProblem::Price {
                    given: "1.00".into(),
                    charged: "285.00".into()
                }
            }]
        );
    }

    #[test]
    fn a_way_of_receiving_the_shop_does_not_offer_is_rejected() {
        let delivery_only = IntakeRules {
            fulfilments: vec![Fulfilment::Delivery],
            ..rules()
        };
        let mut pickup = document();
        pickup.fulfilment = Fulfilment::Pickup;
        pickup.address = None;
        assert!(check_order(&pickup, &sample(), &rules()).is_ok());
        assert_eq!(
            check_order(&pickup, &sample(), &delivery_only).unwrap_err(),
            ["fulfilment: the shop does not hand orders over for pickup"]
        );
    }
}
