//! A server's check of an order it receives: nothing the browser sent is trusted. Every
//! line is re-priced from the merchant's catalog, delivery and discount from the shop's
//! terms, and the order is rebuilt from them.

use std::fmt;

use crate::catalog::Catalog;
use crate::checkout::{
    indian_addresses, CheckoutForm, CheckoutRules, Field, FieldError, FieldProblem, Fulfilment,
    Payment,
};
use crate::idempotency::{IdempotencyKey, IdempotencyKeyError};
use crate::limits::{SLOT_MAX, STORE_NAME_MAX};
use crate::money::{Money, MoneyError, Rounding};
use crate::order::{
    Order, OrderDocument, OrderIdentity, OrderLine, ORDER_SCHEMA, ORDER_SCHEMA_WITHOUT_CHARGES,
};
use crate::reference::{OrderReference, ReferenceError};
use crate::retailer_id::RetailerId;
use crate::terms::{unix_seconds, Charges, Day, DeliveryCharge, Destination, OfferRefusal, Terms};
use crate::text::control_character;

/// What a receiver accepts: its limits on one order, and the shop's settings that the
/// page also has (`data-max-quantity`, `data-rounding`, `data-delivery`, `data-pickup`,
/// and the settings file's delivery zones, minimum orders and offers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRules {
    pub max_lines: usize,
    pub max_quantity: u32,
    /// Line totals, fees and discounts must come out as the widget rounded them.
    pub rounding: Rounding,
    pub fulfilments: Vec<Fulfilment>,
    /// What delivery costs, the smallest order taken and the offers; `Terms::default()`
    /// is free delivery everywhere, no minimum and no offers.
    pub terms: Terms,
}

/// How long after it was placed an order may still arrive (an outbox retries for hours)
/// and be judged by the day it was placed on.
pub const PLACED_WITHIN_SECONDS: i64 = 72 * 3600;

/// How far ahead of the receiver's clock a browser's clock may be.
pub const CLOCK_SKEW_SECONDS: i64 = 10 * 60;

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
    /// `created_at` is not an RFC 3339 time.
    CreatedAt,
    /// `store_name` is blank, longer than `limits::STORE_NAME_MAX` or holds a control
    /// character.
    StoreName(FieldProblem),
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
    /// The order's subtotal is not what its lines add up to.
    Subtotal {
        given: String,
        sum: String,
    },
    /// The order's `shipping` is not what the shop charges for delivery to `postal_code`
    /// (or for pickup); `reached_free` when delivery is free because the lines reach the
    /// zone's `free_from`.
    Shipping {
        given: String,
        charged: String,
        fulfilment: Fulfilment,
        postal_code: String,
        reached_free: bool,
    },
    /// The shop does not deliver to this PIN code or postcode.
    NotDelivered(String),
    /// The lines come to `subtotal`, less than the shop's `minimum` order for this way of
    /// receiving it.
    BelowMinimum {
        subtotal: String,
        minimum: String,
        fulfilment: Fulfilment,
        postal_code: String,
    },
    /// A discount is claimed with offer `code`, which the shop's terms do not give this
    /// order; `instead` is the automatic offer's amount when one takes more off.
    OfferRefused {
        code: String,
        refusal: OfferRefusal,
        instead: Option<String>,
    },
    /// A discount without a code is claimed, and no automatic offer applies.
    NoOffer {
        given: String,
    },
    /// The discount claimed is not the amount the offer (`code`, or the automatic one)
    /// gives; `given` is "none" when no discount was claimed.
    Discount {
        given: String,
        expected: String,
        code: Option<String>,
    },
    /// The order's total is not what the shop makes of it: `subtotal` + `shipping` −
    /// `discount` (those two `None` when nothing).
    Total {
        given: String,
        expected: String,
        subtotal: String,
        shipping: Option<String>,
        discount: Option<String>,
    },
    /// The lines' total, fee or discount cannot be worked out.
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
            IntakeProblem::CreatedAt => {
                f.write_str("created_at is not an RFC 3339 time like 2026-11-21T08:50:00.000Z")
            }
            IntakeProblem::StoreName(problem) => {
                write!(f, "store_name {}", field_problem(*problem, false))
            }
            IntakeProblem::NoLines => f.write_str("the order has no lines"),
            IntakeProblem::TooManyLines { count, max } => {
                write!(f, "the order has {count} lines; at most {max} are accepted")
            }
            IntakeProblem::Line {
                number,
                retailer_id,
                problem,
            } => write!(f, "line {number}, {retailer_id}: {problem}"),
            IntakeProblem::Subtotal { given, sum } => {
                write!(f, "the subtotal is {given}, the lines add up to {sum}")
            }
            IntakeProblem::Shipping {
                given,
                charged,
                fulfilment,
                postal_code,
                reached_free,
            } => {
                write!(f, "shipping is {given}, the shop charges {charged} for ")?;
                way(f, *fulfilment, postal_code)?;
                if *reached_free {
                    f.write_str(": the lines reach free delivery")?;
                }
                Ok(())
            }
            IntakeProblem::NotDelivered(pin) => {
                write!(f, "address.postal_code: the shop does not deliver to {pin}")
            }
            IntakeProblem::BelowMinimum {
                subtotal,
                minimum,
                fulfilment,
                postal_code,
            } => {
                write!(
                    f,
                    "the subtotal is {subtotal}, the shop's minimum order for "
                )?;
                way(f, *fulfilment, postal_code)?;
                write!(f, " is {minimum}")
            }
            IntakeProblem::OfferRefused {
                code,
                refusal,
                instead,
            } => {
                write!(f, "discount: the offer code {code} ")?;
                match refusal {
                    OfferRefusal::Unknown => f.write_str("is not one of the shop's"),
                    OfferRefusal::NotYet(day) => write!(f, "starts on {day}"),
                    OfferRefusal::Ended(day) => write!(f, "ended on {day}"),
                    OfferRefusal::NeedsMore { minimum, more } => write!(
                        f,
                        "needs a cart of {}; this one is {} short",
                        minimum.amount_string(),
                        more.amount_string()
                    ),
                    OfferRefusal::Outdone => match instead {
                        Some(amount) => write!(
                            f,
                            "does not apply: a larger automatic offer takes {amount} off"
                        ),
                        None => f.write_str("does not apply: a larger automatic offer does"),
                    },
                }
            }
            IntakeProblem::NoOffer { given } => write!(
                f,
                "discount: {given} is claimed without a code, and no offer of the shop applies"
            ),
            IntakeProblem::Discount {
                given,
                expected,
                code,
            } => match code {
                Some(code) => write!(
                    f,
                    "discount is {given}, the offer code {code} takes {expected} off"
                ),
                None => write!(
                    f,
                    "discount is {given}, the shop's automatic offer takes {expected} off"
                ),
            },
            IntakeProblem::Total {
                given,
                expected,
                subtotal,
                shipping,
                discount,
            } => {
                if shipping.is_none() && discount.is_none() {
                    return write!(f, "the total is {given}, the lines add up to {expected}");
                }
                write!(
                    f,
                    "the total is {given}, the shop's total is {expected} (subtotal {subtotal}"
                )?;
                if let Some(shipping) = shipping {
                    write!(f, " + shipping {shipping}")?;
                }
                if let Some(discount) = discount {
                    write!(f, " − discount {discount}")?;
                }
                f.write_str(")")
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

/// "pickup", "delivery" or "delivery to 400053".
fn way(f: &mut fmt::Formatter<'_>, fulfilment: Fulfilment, postal_code: &str) -> fmt::Result {
    match (fulfilment, postal_code) {
        (Fulfilment::Pickup, _) => f.write_str("pickup"),
        (Fulfilment::Delivery, "") => f.write_str("delivery"),
        (Fulfilment::Delivery, pin) => write!(f, "delivery to {pin}"),
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

/// Re-prices `document` against `catalog` and the shop's terms and checks it against
/// `rules`, at `now` (the receiver's clock, seconds since 1970). The error lists every
/// problem, each a sentence a merchant's developer can act on ("line 2, DM00123: the
/// price is 249.00, the shop charges 260.00"; "shipping is 0.00, the shop charges 30.00
/// for delivery to 400053").
///
/// Offers are judged on the day the order was placed (`created_at`, in the shop's time
/// zone) when that lies between `PLACED_WITHIN_SECONDS` before `now` and
/// `CLOCK_SKEW_SECONDS` after it, so a retry that arrives hours later keeps its offer;
/// else on the day of `now`, so a back-dated order does not revive an ended offer.
pub fn check_order(
    document: &OrderDocument,
    catalog: &Catalog,
    rules: &IntakeRules,
    now: i64,
) -> Result<Order, Vec<IntakeProblem>> {
    let mut problems = Vec::new();
    let currency = catalog.currency;
    let upgraded;
    let document = if document.schema == ORDER_SCHEMA_WITHOUT_CHARGES {
        // Written before charges existed: its total was its lines, with nothing for
        // delivery. Re-priced as such, it is refused only if the shop charges now.
        upgraded = OrderDocument {
            schema: ORDER_SCHEMA.to_owned(),
            subtotal: document.total.clone(),
            shipping: Money::zero(currency).amount_string(),
            discount: None,
            ..document.clone()
        };
        &upgraded
    } else {
        document
    };
    if document.schema != ORDER_SCHEMA {
        problems.push(IntakeProblem::Schema(document.schema.clone()));
    }
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
    // The longest RFC 3339 time worth keeping: nanoseconds and an offset.
    const CREATED_AT_MAX: usize = 35;
    if document.created_at.len() > CREATED_AT_MAX || unix_seconds(&document.created_at).is_none() {
        problems.push(IntakeProblem::CreatedAt);
    }
    let store_name = document.store_name.trim();
    if let Some(problem) = store_name_problem(store_name) {
        problems.push(IntakeProblem::StoreName(problem));
    }
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
        match price.times(item.quantity) {
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
    let charges = lines
        .iter()
        .try_fold(Money::zero(currency), |sum, line| {
            sum.checked_add(&line.line_total)
        })
        .and_then(|subtotal| {
            let postal_code = document.address.as_ref().map(|a| a.postal_code.trim());
            rules.terms.charges(
                subtotal,
                Destination {
                    fulfilment: document.fulfilment,
                    postal_code,
                },
                document.discount.as_ref().and_then(|d| d.code.as_deref()),
                order_day(&document.created_at, now, rules.terms.utc_offset_minutes),
                rules.rounding,
            )
        });
    match &charges {
        Ok(charges) => problems.extend(charge_problems(document, charges)),
        Err(problem) => problems.push(IntakeProblem::TotalAmount(problem.clone())),
    }

    if !rules.fulfilments.contains(&document.fulfilment) {
        problems.push(IntakeProblem::NotOffered(document.fulfilment));
    }
    let customer = customer_form(document).validate(&CheckoutRules {
        fulfilments: vec![document.fulfilment],
        india: indian_addresses(currency),
        postal_code_required: rules.terms.needs_postal_code(),
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
        charges,
        reference,
        idempotency_key,
    ) {
        (true, Ok(customer), Ok(charges), Some(reference), Some(idempotency_key)) => Ok(Order {
            identity: OrderIdentity {
                reference,
                idempotency_key,
                created_at: document.created_at.clone(),
            },
            store_name: store_name.to_owned(),
            catalog_version: catalog.version.clone(),
            currency,
            lines,
            subtotal: charges.subtotal,
            delivery: charges.delivery_amount(),
            discount: charges.discount,
            total: charges.total,
            customer,
        }),
        _ => Err(problems),
    }
}

/// What is wrong with the order's (trimmed) `store_name`: it is one line, as long as the
/// settings file's `name` may be.
fn store_name_problem(store_name: &str) -> Option<FieldProblem> {
    if store_name.is_empty() {
        Some(FieldProblem::Missing)
    } else if let Some(control) = control_character(store_name, false) {
        Some(FieldProblem::ControlCharacter(control))
    } else if store_name.chars().count() > STORE_NAME_MAX {
        Some(FieldProblem::TooLong {
            max: STORE_NAME_MAX,
        })
    } else {
        None
    }
}

/// The day offers are judged by: the one the order was placed on, when `created_at` is
/// recent and not ahead of `now`; else today.
fn order_day(created_at: &str, now: i64, utc_offset_minutes: i32) -> Day {
    let placed = unix_seconds(created_at)
        .filter(|placed| (now - PLACED_WITHIN_SECONDS..=now + CLOCK_SKEW_SECONDS).contains(placed));
    Day::at(placed.unwrap_or(now), utc_offset_minutes)
}

/// What the document's subtotal, shipping, discount and total get wrong against what the
/// shop `charges`, and a destination or subtotal the shop does not take.
fn charge_problems(document: &OrderDocument, charges: &Charges) -> Vec<IntakeProblem> {
    let mut problems = Vec::new();
    let currency = charges.subtotal.currency();
    let is = |text: &str, amount: &Money| Money::parse(text, currency).ok() == Some(*amount);
    if !is(&document.subtotal, &charges.subtotal) {
        problems.push(IntakeProblem::Subtotal {
            given: document.subtotal.clone(),
            sum: charges.subtotal.amount_string(),
        });
    }
    let postal_code = match document.fulfilment {
        Fulfilment::Delivery => document
            .address
            .as_ref()
            .map_or(String::new(), |a| a.postal_code.trim().to_owned()),
        Fulfilment::Pickup => String::new(),
    };
    if let DeliveryCharge::NotDelivered(pin) = &charges.delivery {
        // Nothing else about the charges means much when the order cannot be delivered.
        problems.push(IntakeProblem::NotDelivered(pin.clone()));
        return problems;
    }
    let shipping = charges.delivery_amount();
    if !is(&document.shipping, &shipping) {
        problems.push(IntakeProblem::Shipping {
            given: document.shipping.clone(),
            charged: shipping.amount_string(),
            fulfilment: document.fulfilment,
            postal_code: postal_code.clone(),
            reached_free: matches!(charges.delivery, DeliveryCharge::Free { reached: true, .. }),
        });
    }
    if let Some((minimum, _)) = &charges.short_of_minimum {
        problems.push(IntakeProblem::BelowMinimum {
            subtotal: charges.subtotal.amount_string(),
            minimum: minimum.amount_string(),
            fulfilment: document.fulfilment,
            postal_code,
        });
    }

    // The shopper's claim must be what the shop gives, either way: a discount the terms
    // do not give is refused, and so is one left out that an automatic offer gives.
    let given = &charges.discount;
    match (&document.discount, given, &charges.code_refused) {
        (None, None, _) => {}
        (Some(_), _, Some((code, refusal))) => problems.push(IntakeProblem::OfferRefused {
            code: code.clone(),
            refusal: refusal.clone(),
            instead: given.as_ref().map(|d| d.amount.amount_string()),
        }),
        (Some(claim), None, None) => problems.push(IntakeProblem::NoOffer {
            given: claim.amount.clone(),
        }),
        (None, Some(discount), _) => problems.push(IntakeProblem::Discount {
            given: "none".into(),
            expected: discount.amount.amount_string(),
            code: discount.code.clone(),
        }),
        (Some(claim), Some(discount), None) => {
            if !is(&claim.amount, &discount.amount) {
                problems.push(IntakeProblem::Discount {
                    given: claim.amount.clone(),
                    expected: discount.amount.amount_string(),
                    code: discount.code.clone(),
                });
            }
        }
    }

    if !is(&document.total, &charges.total) {
        let zero = |m: Money| (!m.is_zero()).then(|| m.amount_string());
        problems.push(IntakeProblem::Total {
            given: document.total.clone(),
            expected: charges.total.amount_string(),
            subtotal: charges.subtotal.amount_string(),
            shipping: zero(shipping),
            discount: given.as_ref().map(|d| d.amount.amount_string()),
        });
    }
    problems
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
    format!(
        "{field} {}",
        field_problem(error.problem, error.field == Field::Notes)
    )
}

/// What is wrong with a text field, after its name; `notes` when it is the one field
/// that may break lines.
fn field_problem(problem: FieldProblem, notes: bool) -> String {
    match problem {
        FieldProblem::Missing => "is missing".to_owned(),
        FieldProblem::TooLong { max } => format!("is longer than {max} characters"),
        FieldProblem::NotAPhone => "is not a phone number of 7 to 15 digits".to_owned(),
        FieldProblem::NotAPin => "is not a 6-digit PIN code".to_owned(),
        FieldProblem::NotAPostcode => "is not a postcode".to_owned(),
        FieldProblem::NotOffered => "is not offered by the shop".to_owned(),
        FieldProblem::ControlCharacter(c) if notes => format!(
            "contains the control character U+{:04X}; notes may break lines with \\n, nothing else",
            u32::from(c)
        ),
        FieldProblem::ControlCharacter(c) => format!(
            "contains the control character U+{:04X}; only customer.notes may break lines",
            u32::from(c)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::sample;
    use crate::limits::{DEFAULT_MAX_LINES, DEFAULT_MAX_QUANTITY};
    use crate::order::tests::sample_order;
    use crate::terms::tests::demo_terms;

    fn rules() -> IntakeRules {
        IntakeRules {
            max_lines: DEFAULT_MAX_LINES,
            max_quantity: DEFAULT_MAX_QUANTITY,
            rounding: Rounding::HalfEven,
            fulfilments: vec![Fulfilment::Delivery, Fulfilment::Pickup],
            terms: Terms::default(),
        }
    }

    /// Ten minutes after the sample order was placed (2026-11-21T08:50:00Z).
    fn now() -> i64 {
        unix_seconds("2026-11-21T09:00:00Z").unwrap()
    }

    fn document() -> OrderDocument {
        sample_order().to_document()
    }

    fn problems(document: &OrderDocument) -> Vec<String> {
        check_order(document, &sample(), &rules(), now())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn an_honest_order_is_accepted_as_priced() {
        let order = check_order(&document(), &sample(), &rules(), now()).unwrap();
        assert_eq!(order, sample_order());
    }

    /// An order saved in an outbox before charges existed, as that page wrote it.
    fn without_charges(document: &OrderDocument) -> OrderDocument {
        let mut json: serde_json::Value =
            serde_json::from_str(&crate::json::to_json(document)).unwrap();
        let fields = json.as_object_mut().unwrap();
        for field in ["subtotal", "shipping", "discount"] {
            fields.remove(field);
        }
        fields.insert("schema".into(), ORDER_SCHEMA_WITHOUT_CHARGES.into());
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn an_order_written_before_charges_is_taken_while_the_shop_charges_nothing() {
        let old = without_charges(&document());
        assert_eq!(old.subtotal, "");
        let order = check_order(&old, &sample(), &rules(), now()).unwrap();
        assert_eq!(order, sample_order());
        // Under ₹499 the demo shop charges ₹30 for delivery, which that page did not know.
        let mut lines_only = demo_document(1, 0, false, None);
        lines_only.total = lines_only.subtotal.clone();
        let demo = without_charges(&lines_only);
        assert_eq!(
            check_order(&demo, &sample(), &demo_rules(), now()).unwrap_err(),
            [
                "shipping is 0.00, the shop charges 30.00 for delivery to 400053",
                "the total is 249.00, the shop's total is 279.00 (subtotal 249.00 + shipping 30.00)",
            ]
        );
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
        bad.subtotal = "0.00".into();
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
        twice.subtotal = "996.00".into();
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
    fn text_with_control_characters_is_refused_in_every_field() {
        let mut forged = document();
        forged.customer.name = "Priya\r\n#999 CC-FAKE00 INR 1.00".into();
        forged.customer.notes = Some("\u{1b}[2J".into());
        forged.address.as_mut().unwrap().city = "Mumbai\u{9b}".into();
        forged.delivery_slot = Some("5–8 pm\n#1000".into());
        forged.store_name = "Test Kirana\u{1b}]0;pwned\u{7}".into();
        assert_eq!(
            problems(&forged),
            [
                "store_name contains the control character U+001B; only customer.notes may break lines",
                "customer.name contains the control character U+000D; only customer.notes may break lines",
                "address.city contains the control character U+009B; only customer.notes may break lines",
                "delivery_slot contains the control character U+000A; only customer.notes may break lines",
                "customer.notes contains the control character U+001B; notes may break lines with \\n, nothing else",
            ]
        );
        // Notes may break lines; \r\n is kept as \n.
        let mut notes = document();
        notes.customer.notes = Some("Ring twice\r\nThird floor".into());
        let order = check_order(&notes, &sample(), &rules(), now()).unwrap();
        assert_eq!(
            order.customer.notes.as_deref(),
            Some("Ring twice\nThird floor")
        );
    }

    #[test]
    fn the_store_name_is_bounded_as_the_schema_says() {
        let mut long = document();
        long.store_name = "S".repeat(60 * 1024);
        assert_eq!(problems(&long), ["store_name is longer than 80 characters"]);
        long.store_name = "S".repeat(80);
        assert!(check_order(&long, &sample(), &rules(), now()).is_ok());
        let mut blank = document();
        blank.store_name = " ".into();
        assert_eq!(problems(&blank), ["store_name is missing"]);
    }

    #[test]
    fn created_at_must_be_an_rfc_3339_time() {
        for bad in [
            "not a date <script>",
            "",
            "2026-11-21",
            "2026-11-21 08:50:00Z",
            &format!("2026-11-21T08:50:00.{}Z", "0".repeat(60_000)),
        ] {
            let mut odd = document();
            odd.created_at = bad.into();
            assert_eq!(
                problems(&odd),
                ["created_at is not an RFC 3339 time like 2026-11-21T08:50:00.000Z"],
                "{bad:?}"
            );
        }
        let mut offset = document();
        offset.created_at = "2026-11-21T14:20:00+05:30".into();
        assert!(check_order(&offset, &sample(), &rules(), now()).is_ok());
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
        bad.subtotal = "0.00".into();
        bad.total = "0.00".into();
        bad.delivery_slot = Some("x".repeat(61));
        let problems = check_order(&bad, &sample(), &rules(), now()).unwrap_err();
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
            check_order(&cheap, &sample(), &rules(), now()).unwrap_err(),
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
        assert!(check_order(&pickup, &sample(), &rules(), now()).is_ok());
        assert_eq!(
            check_order(&pickup, &sample(), &delivery_only, now()).unwrap_err(),
            ["fulfilment: the shop does not hand orders over for pickup"]
        );
    }

    fn demo_rules() -> IntakeRules {
        IntakeRules {
            terms: demo_terms(),
            ..rules()
        }
    }

    /// What an honest page sends under the demo terms: `atta` 5 kg packs (249.00) and
    /// `butter` (285.00), delivered to 400053 (or picked up), with the offer `code`, placed
    /// at the sample order's time.
    fn demo_document(atta: u32, butter: u32, pickup: bool, code: Option<&str>) -> OrderDocument {
        use crate::cart::{Cart, CartAction};
        let catalog = sample();
        let mut cart = Cart::default();
        for (id, quantity) in [("atta-5kg", atta), ("butter-500", butter)] {
            if quantity > 0 {
                let add = CartAction::Add {
                    retailer_id: id.into(),
                    quantity,
                };
                cart = cart.apply(add, &catalog, DEFAULT_MAX_QUANTITY).unwrap();
            }
        }
        let priced = cart.price(&catalog).unwrap().unwrap();
        let mut customer = sample_order().customer;
        let fulfilment = if pickup {
            customer.address = None;
            customer.slot = None;
            Fulfilment::Pickup
        } else {
            Fulfilment::Delivery
        };
        let sample = sample_order();
        let charges = demo_terms()
            .charges(
                priced.subtotal,
                Destination {
                    fulfilment,
                    postal_code: Some("400053"),
                },
                code,
                order_day(
                    &sample.identity.created_at,
                    now(),
                    crate::terms::IST_MINUTES,
                ),
                Rounding::HalfEven,
            )
            .unwrap();
        Order::new(
            sample.identity,
            &sample.store_name,
            &catalog,
            &priced,
            &charges,
            customer,
        )
        .to_document()
    }

    fn demo_problems(document: &OrderDocument, rules: &IntakeRules, now: i64) -> Vec<String> {
        check_order(document, &sample(), rules, now)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn honest_orders_are_accepted_with_the_shops_fee_free_delivery_and_offer() {
        let inr = |text| Money::parse(text, sample().currency).unwrap();
        // 285.00 is under 499.00: delivery costs 30.00.
        let small = demo_document(0, 1, false, None);
        assert_eq!(
            (small.shipping.as_str(), small.total.as_str()),
            ("30.00", "315.00")
        );
        let order = check_order(&small, &sample(), &demo_rules(), now()).unwrap();
        assert_eq!(order.subtotal, inr("285.00"));
        assert_eq!(order.delivery, inr("30.00"));
        assert_eq!(order.discount, None);
        assert_eq!(order.total, inr("315.00"));
        assert_eq!(order.to_document(), small);

        // 783.00 is delivered free, and WELCOME10 takes 10 %, at most 70.00, off.
        let large = demo_document(2, 1, false, Some("WELCOME10"));
        assert_eq!(large.shipping, "0.00");
        assert_eq!(large.total, "713.00");
        let order = check_order(&large, &sample(), &demo_rules(), now()).unwrap();
        assert_eq!(order.delivery, inr("0.00"));
        assert_eq!(
            order.discount,
            Some(crate::terms::Discount {
                amount: inr("70.00"),
                code: Some("WELCOME10".into())
            })
        );
        assert_eq!(order.total, inr("713.00"));
        assert_eq!(order.to_document(), large);

        // 534.00: 53.40 off; picked up, nothing for delivery.
        let pickup = demo_document(1, 1, true, Some("WELCOME10"));
        assert_eq!(pickup.total, "480.60");
        let order = check_order(&pickup, &sample(), &demo_rules(), now()).unwrap();
        assert_eq!(order.total, inr("480.60"));
    }

    #[test]
    fn a_tampered_fee_subtotal_or_total_is_refused_with_both_figures() {
        let mut free_ride = demo_document(0, 1, false, None);
        free_ride.shipping = "0.00".into();
        free_ride.total = "285.00".into();
        assert_eq!(
            demo_problems(&free_ride, &demo_rules(), now()),
            [
                "shipping is 0.00, the shop charges 30.00 for delivery to 400053",
                "the total is 285.00, the shop's total is 315.00 (subtotal 285.00 + shipping 30.00)",
            ]
        );
        let mut overcharged = demo_document(2, 1, false, None);
        overcharged.shipping = "30.00".into();
        overcharged.total = "813.00".into();
        assert_eq!(
            demo_problems(&overcharged, &demo_rules(), now()),
            [
                "shipping is 30.00, the shop charges 0.00 for delivery to 400053: the lines reach free delivery",
                "the total is 813.00, the lines add up to 783.00",
            ]
        );
        let mut pickup = demo_document(0, 1, true, None);
        pickup.shipping = "30.00".into();
        pickup.subtotal = "255.00".into();
        assert_eq!(
            demo_problems(&pickup, &demo_rules(), now()),
            [
                "the subtotal is 255.00, the lines add up to 285.00",
                "shipping is 30.00, the shop charges 0.00 for pickup",
            ]
        );
    }

    #[test]
    fn a_forged_or_tampered_discount_is_refused_with_the_reason() {
        // No offer applies without a code.
        let mut forged = demo_document(2, 1, false, None);
        forged.discount = Some(crate::order::DiscountDocument {
            amount: "100.00".into(),
            code: None,
        });
        forged.total = "683.00".into();
        assert_eq!(
            demo_problems(&forged, &demo_rules(), now()),
            [
                "discount: 100.00 is claimed without a code, and no offer of the shop applies",
                "the total is 683.00, the lines add up to 783.00",
            ]
        );
        // WELCOME10 is capped at 70.00.
        let mut inflated = demo_document(2, 1, false, Some("WELCOME10"));
        inflated.discount.as_mut().unwrap().amount = "78.30".into();
        inflated.total = "704.70".into();
        assert_eq!(
            demo_problems(&inflated, &demo_rules(), now()),
            [
                "discount is 78.30, the offer code WELCOME10 takes 70.00 off",
                "the total is 704.70, the shop's total is 713.00 (subtotal 783.00 − discount 70.00)",
            ]
        );
        // 498.00 is 2.00 short of WELCOME10's 500.00, and pays for delivery.
        let mut short = demo_document(2, 0, false, None);
        short.discount = Some(crate::order::DiscountDocument {
            amount: "49.80".into(),
            code: Some("WELCOME10".into()),
        });
        short.total = "478.20".into();
        assert_eq!(
            demo_problems(&short, &demo_rules(), now()),
            [
                "discount: the offer code WELCOME10 needs a cart of 500.00; this one is 2.00 short",
                "the total is 478.20, the shop's total is 528.00 (subtotal 498.00 + shipping 30.00)",
            ]
        );
        let mut unknown = demo_document(2, 1, false, None);
        unknown.discount = Some(crate::order::DiscountDocument {
            amount: "100.00".into(),
            code: Some("FREE100".into()),
        });
        unknown.total = "683.00".into();
        assert_eq!(
            demo_problems(&unknown, &demo_rules(), now())[0],
            "discount: the offer code FREE100 is not one of the shop's"
        );

        // An automatic offer the page left out, and one that outdoes the shopper's code.
        let mut rules = demo_rules();
        rules.terms.offers.push(crate::terms::Offer {
            code: None,
            reduction: crate::terms::Reduction::Amount(
                Money::parse("75", sample().currency).unwrap(),
            ),
            minimum_cart: Some(Money::parse("700", sample().currency).unwrap()),
            from: None,
            until: None,
        });
        let left_out = demo_document(2, 1, false, None);
        assert_eq!(
            demo_problems(&left_out, &rules, now()),
            [
                "discount is none, the shop's automatic offer takes 75.00 off",
                "the total is 783.00, the shop's total is 708.00 (subtotal 783.00 − discount 75.00)",
            ]
        );
        let outdone = demo_document(2, 1, false, Some("WELCOME10"));
        assert_eq!(
            demo_problems(&outdone, &rules, now()),
            [
                "discount: the offer code WELCOME10 does not apply: a larger automatic offer takes 75.00 off",
                "the total is 713.00, the shop's total is 708.00 (subtotal 783.00 − discount 75.00)",
            ]
        );
    }

    #[test]
    fn an_ended_offer_is_judged_by_the_day_the_order_was_placed_unless_back_dated() {
        let mut rules = demo_rules();
        let last_day = Day::parse("2026-11-21").unwrap();
        rules.terms.offers[0].until = Some((last_day, "2026-11-21".into()));
        // Placed on the offer's last day (14:20 in India), retried by the outbox until
        // 72 hours later: still the day it was placed.
        let order = demo_document(2, 1, false, Some("WELCOME10"));
        let placed = unix_seconds(&order.created_at).unwrap();
        for later in [0, 3600, 24 * 3600, PLACED_WITHIN_SECONDS] {
            assert!(
                check_order(&order, &sample(), &rules, placed + later).is_ok(),
                "{later}"
            );
        }
        // A created_at older than that is not believed, a back-dated one included: the
        // offer is judged on the receiver's day, and it has ended.
        let ended = [
            "discount: the offer code WELCOME10 ended on 2026-11-21",
            "the total is 713.00, the lines add up to 783.00",
        ];
        assert_eq!(
            demo_problems(&order, &rules, placed + PLACED_WITHIN_SECONDS + 1),
            ended
        );
        let mut back_dated = order.clone();
        back_dated.created_at = "2026-11-20T12:00:00.000Z".into();
        assert_eq!(
            demo_problems(
                &back_dated,
                &rules,
                unix_seconds("2026-11-25T10:00:00Z").unwrap()
            ),
            ended
        );
        // A browser's clock a few minutes ahead is believed; one further ahead is not.
        // 18:35 UTC is 00:05 on 22 November in India, the offer's first day.
        rules.terms.offers[0].until = None;
        rules.terms.offers[0].from = Some((Day::parse("2026-11-22").unwrap(), "2026-11-22".into()));
        let mut ahead = order;
        ahead.created_at = "2026-11-21T18:35:00Z".into();
        let placed = unix_seconds(&ahead.created_at).unwrap();
        assert!(check_order(&ahead, &sample(), &rules, placed - CLOCK_SKEW_SECONDS).is_ok());
        assert_eq!(
            demo_problems(&ahead, &rules, placed - CLOCK_SKEW_SECONDS - 1),
            [
                "discount: the offer code WELCOME10 starts on 2026-11-22",
                "the total is 713.00, the lines add up to 783.00"
            ]
        );
    }

    #[test]
    fn orders_under_the_minimum_or_outside_the_zones_are_refused() {
        let mut rules = demo_rules();
        let inr = |text| Money::parse(text, sample().currency).unwrap();
        rules.terms.zones[0].minimum_order = Some(inr("300"));
        rules.terms.pickup_minimum = Some(inr("300"));
        assert_eq!(
            demo_problems(&demo_document(0, 1, false, None), &rules, now()),
            ["the subtotal is 285.00, the shop's minimum order for delivery to 400053 is 300.00"]
        );
        assert_eq!(
            demo_problems(&demo_document(0, 1, true, None), &rules, now()),
            ["the subtotal is 285.00, the shop's minimum order for pickup is 300.00"]
        );

        rules.terms.zones[0].pin_codes = vec!["110".into()];
        let document = demo_document(2, 1, false, None);
        assert_eq!(
            demo_problems(&document, &rules, now()),
            ["address.postal_code: the shop does not deliver to 400053"]
        );
        let mut pickup = document;
        pickup.fulfilment = Fulfilment::Pickup;
        pickup.address = None;
        assert!(check_order(&pickup, &sample(), &rules, now()).is_ok());
    }
}
