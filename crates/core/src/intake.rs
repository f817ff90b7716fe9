//! A server's check of an order it receives: nothing the browser sent is trusted. Every
//! line is re-priced from the merchant's catalog, and the order is rebuilt from it.

use crate::catalog::Catalog;
use crate::checkout::{
    indian_addresses, CheckoutForm, CheckoutRules, Field, FieldError, FieldProblem, Fulfilment,
    Payment,
};
use crate::idempotency::IdempotencyKey;
use crate::limits::SLOT_MAX;
use crate::money::{Money, Rounding};
use crate::order::{Order, OrderDocument, OrderIdentity, OrderLine, ORDER_SCHEMA};
use crate::reference::OrderReference;

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

/// Re-prices `document` against `catalog` and checks it against `rules`. The error lists
/// every problem, each a sentence a merchant's developer can act on ("line 2, DM00123:
/// the price is 249.00, the shop charges 260.00").
pub fn check_order(
    document: &OrderDocument,
    catalog: &Catalog,
    rules: &IntakeRules,
) -> Result<Order, Vec<String>> {
    let mut problems = Vec::new();
    if document.schema != ORDER_SCHEMA {
        problems.push(format!(
            "schema is \"{}\"; this receiver reads \"{ORDER_SCHEMA}\"",
            document.schema
        ));
    }
    let currency = catalog.currency;
    if document.currency != currency.code() {
        problems.push(format!(
            "the order is in {}, the shop sells in {}",
            document.currency,
            currency.code()
        ));
    }
    let reference = OrderReference::parse(&document.reference)
        .map_err(|e| problems.push(format!("reference {e}")))
        .ok();
    let idempotency_key = IdempotencyKey::parse(&document.idempotency_key)
        .map_err(|e| problems.push(format!("idempotency_key: {e}")))
        .ok();
    match document.product_items.len() {
        0 => problems.push("the order has no lines".into()),
        n if n > rules.max_lines => problems.push(format!(
            "the order has {n} lines; at most {} are accepted",
            rules.max_lines
        )),
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
        let at = format!("line {}, {id}", index + 1);
        let Some((product, variant)) = catalog.variant(id) else {
            problems.push(format!("{at}: the shop does not sell this item"));
            continue;
        };
        if document.product_items[..index]
            .iter()
            .any(|earlier| earlier.product_retailer_id == *id)
        {
            problems.push(format!("{at}: the item is listed twice"));
        }
        if !variant.can_order() {
            problems.push(format!("{at}: the item cannot be ordered now"));
        }
        if !(1..=rules.max_quantity).contains(&item.quantity) {
            problems.push(format!(
                "{at}: quantity {} is outside 1 to {}",
                item.quantity, rules.max_quantity
            ));
        }
        if item.currency != currency.code() {
            problems.push(format!("{at}: the price is in {}", item.currency));
        }
        let price = variant.unit_price();
        if Money::parse(&item.item_price, currency).ok() != Some(price) {
            problems.push(format!(
                "{at}: the price is {}, the shop charges {}",
                item.item_price,
                price.amount_string()
            ));
        }
        match price.times(item.quantity, rules.rounding) {
            Ok(line_total) => {
                if Money::parse(&item.line_total, currency).ok() != Some(line_total) {
                    problems.push(format!(
                        "{at}: the line total is {}, it should be {}",
                        item.line_total,
                        line_total.amount_string()
                    ));
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
            Err(problem) => problems.push(format!("{at}: {problem}")),
        }
    }
    let total = lines.iter().try_fold(Money::zero(currency), |sum, line| {
        sum.checked_add(&line.line_total)
    });
    match &total {
        Ok(total) if Money::parse(&document.total, currency).ok() != Some(*total) => {
            problems.push(format!(
                "the total is {}, the lines add up to {}",
                document.total,
                total.amount_string()
            ))
        }
        Err(problem) => problems.push(format!("the total: {problem}")),
        Ok(_) => {}
    }

    if !rules.fulfilments.contains(&document.fulfilment) {
        let way = match document.fulfilment {
            Fulfilment::Delivery => "deliver",
            Fulfilment::Pickup => "hand orders over for pickup",
        };
        problems.push(format!("fulfilment: the shop does not {way}"));
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
        problems.push(format!(
            "delivery_slot is longer than {SLOT_MAX} characters"
        ));
    }
    if let Err(errors) = &customer {
        problems.extend(errors.iter().map(describe));
    }
    let has_address = document.address.is_some();
    if has_address != (document.fulfilment == Fulfilment::Delivery) {
        problems.push("an address is given for delivery, and only for delivery".into());
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
        check_order(document, &sample(), &rules()).unwrap_err()
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
