//! Measures WhatsApp hand-off links for real orders: carts of the first N products of a
//! feed (3 of each), with a full Indian address and notes, formatted as en-IN shows money.
//! Prints the link length in each form and the form chosen under the 2,000-character limit.
//!
//! `cargo run --release -p chatcart-core --example link_lengths < feed.csv`

use std::io::{self, Read};

use chatcart_core::cart::{Cart, CartAction};
use chatcart_core::catalog::Catalog;
use chatcart_core::checkout::{CheckoutForm, CheckoutRules, Fulfilment, Payment};
use chatcart_core::handoff::{whatsapp_handoff, LinkForm, WhatsAppNumber, SAFE_LINK_LENGTH};
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::limits::DEFAULT_MAX_QUANTITY;
use chatcart_core::money::{Currency, Money, Rounding};
use chatcart_core::order::{Order, OrderIdentity};
use chatcart_core::reference::OrderReference;
use chatcart_core::terms::{Day, Destination, Terms};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut feed = Vec::new();
    io::stdin().read_to_end(&mut feed)?;
    let (catalog, _) = Catalog::load(&feed, Currency::from_code("INR")?)?;
    let customer = CheckoutForm {
        name: "Priya Sharma".into(),
        phone: "+91 98200 12345".into(),
        house: "Flat 4B, Lotus Towers".into(),
        area: "Andheri West, near the station".into(),
        city: "Mumbai".into(),
        region: "Maharashtra".into(),
        postal_code: "400053".into(),
        notes: "Ring twice, leave with the guard if nobody answers".into(),
        ..CheckoutForm::default()
    }
    .validate(&CheckoutRules {
        fulfilments: vec![Fulfilment::Delivery],
        india: true,
        postal_code_required: false,
        slots: Vec::new(),
        payments: vec![Payment::CashOnDelivery],
    })
    .map_err(|e| format!("{e:?}"))?;
    let number = WhatsAppNumber::parse("+91 98765 43210")?;
    // en-IN's rupee formatting, near enough for lengths: "₹1,234.00".
    let rupees = |m: &Money| format!("₹{}", m.amount_string());
    let orderable: Vec<&str> = catalog
        .products
        .iter()
        .flat_map(|p| &p.variants)
        .filter(|v| v.can_order())
        .map(|v| v.retailer_id.as_str())
        .collect();
    println!("link length limit: {SAFE_LINK_LENGTH} characters");
    let mut fits = [(LinkForm::Full, 0), (LinkForm::Compact, 0)];
    for lines in 1..=orderable.len().min(200) {
        let cart = orderable
            .iter()
            .take(lines)
            .fold(Cart::default(), |cart, id| {
                let add = CartAction::Add {
                    retailer_id: (*id).into(),
                    quantity: 3,
                };
                cart.apply(add, &catalog, DEFAULT_MAX_QUANTITY)
                    .expect("a catalog read whole has every item")
            });
        let identity = OrderIdentity {
            reference: OrderReference::parse("CC-7K3P9Q")?,
            idempotency_key: IdempotencyKey::from_random([0; 16]),
            created_at: "2026-11-21T08:50:00.000Z".into(),
        };
        let priced = cart.price(&catalog)??;
        // Without delivery charges or offers: the text's length is the lines' own.
        let charges = Terms::default().charges(
            priced.subtotal,
            Destination {
                fulfilment: Fulfilment::Delivery,
                postal_code: Some("400053"),
            },
            None,
            Day::parse("2026-11-21").expect("a date"),
            Rounding::default(),
        )?;
        let order = Order::new(
            identity,
            "Sharma General Store",
            &catalog,
            &priced,
            &charges,
            customer.clone(),
        );
        let handoff = whatsapp_handoff(&order, &number, &rupees);
        let full = number.click_to_chat_link(&handoff.full_text).len();
        if [1, 5, 10, 20, 40, 80, 120, 200].contains(&lines) {
            println!(
                "{lines:>3} lines: full text {full:>6} characters as a link; handed off {:?}, {} characters",
                handoff.form,
                handoff.link.len()
            );
        }
        for (form, most) in &mut fits {
            if handoff.form == *form {
                *most = lines;
            }
        }
    }
    for (form, most) in fits {
        println!("largest order handed off {form:?}: {most} lines");
    }
    Ok(())
}
