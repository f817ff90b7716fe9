//! Checkout and review: which panel is open, the shopper's details, what is wrong with
//! them, and the order prepared for review, which placing hands off exactly once.

use crate::cart::Cart;
use crate::checkout::{CheckoutForm, Customer, FieldError, Fulfilment, Payment};
use crate::config::StoreConfig;
use crate::handoff::{order_text, whatsapp_handoff, WhatsAppNumberError};
use crate::money::{Money, MoneyError};
use crate::order::{Order, OrderIdentity};
use crate::outbox::OutboxEntry;
use crate::reference::OrderReference;
use crate::source::CatalogSource;
use crate::terms::{Day, DeliveryCharge, Destination};

/// What the side panel was asked to show. Whether checkout and review can be shown is
/// derived from the cart and the review (`Session::panel`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Closed,
    Cart,
    Checkout,
    Review,
    /// "My orders": the orders placed from this device.
    Orders,
}

/// Why a valid form still cannot become an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderBlocked {
    /// The catalog has not loaded, so the prices cannot be checked.
    PricesNotLoaded,
    /// Nothing in the cart can be ordered now.
    NothingToOrder,
    /// Orders go only through WhatsApp, and the shop's number is wrong.
    NoWhatsApp(WhatsAppNumberError),
    /// The total does not fit in an amount.
    Pricing(MoneyError),
    /// The shop's settings file or its terms could not be read (or are not read yet), so
    /// delivery and offers are unknown.
    TermsUnknown,
    /// The lines come to less than the shop's `minimum` here: `more` is missing.
    BelowMinimum { minimum: Money, more: Money },
    /// The shop does not deliver to this PIN code; `pickup` is offered instead or not.
    NotDelivered { pin: String, pickup: bool },
}

/// An order built from the checkout and shown for review; placing it hands off exactly this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedOrder {
    pub entry: OutboxEntry,
    /// The message shown for review: what WhatsApp carries, and the endpoint's JSON in words.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckoutFlow {
    pub panel: Panel,
    pub form: CheckoutForm,
    pub errors: Vec<FieldError>,
    pub blocked: Option<OrderBlocked>,
    /// The order being reviewed; taken (once) when the shopper places it.
    pub review: Option<PreparedOrder>,
    /// The order whose WhatsApp link is live; older ones say a newer one replaced them.
    pub current_order: Option<OrderReference>,
}

impl CheckoutFlow {
    pub fn open_checkout(&mut self) {
        self.current_order = None;
        self.panel = Panel::Checkout;
    }

    /// The reviewed order, once: a second press finds nothing to place.
    pub fn take_review(&mut self) -> Option<PreparedOrder> {
        let prepared = self.review.take()?;
        self.panel = Panel::Closed;
        Some(prepared)
    }

    /// After an order has gone, personal details go too, unless the shopper asked to be
    /// remembered; then who and where are kept.
    pub fn order_completed(&mut self) {
        self.form = if self.form.remember {
            self.form.remembered()
        } else {
            CheckoutForm::default()
        };
    }
}

/// The shop's name in an order when neither the page nor the catalog gives one; orders are
/// written in English, for the merchant.
const UNNAMED_SHOP: &str = "our shop";

/// What the order is made of besides the customer: the cart, where it goes, the offer code
/// typed and the day it is placed on.
pub struct Basket<'a> {
    pub cart: &'a Cart,
    pub offer_code: &'a str,
    pub today: Day,
}

/// Prices the cart against the catalog (once it is here) and the shop's terms, and writes
/// the order as the shop will receive it: the WhatsApp message, the endpoint's JSON and the
/// UPI link. `format` writes money for people.
pub fn prepare(
    config: &StoreConfig,
    source: Option<&dyn CatalogSource>,
    store_name: Option<&str>,
    basket: Basket,
    identity: OrderIdentity,
    customer: Customer,
    format: &dyn Fn(&Money) -> String,
) -> Result<PreparedOrder, OrderBlocked> {
    let source = source.ok_or(OrderBlocked::PricesNotLoaded)?;
    let terms = config
        .terms
        .as_ref()
        .map_err(|_| OrderBlocked::TermsUnknown)?;
    let cart = basket.cart;
    // Without an endpoint, WhatsApp is the only way: its number must be right.
    if let (None, Err(problem)) = (&config.endpoint, &config.whatsapp) {
        return Err(OrderBlocked::NoWhatsApp(problem.clone()));
    }
    let priced = cart
        .price(source)
        .map_err(|_| OrderBlocked::PricesNotLoaded)?
        .map_err(OrderBlocked::Pricing)?;
    if priced.lines.is_empty() {
        return Err(OrderBlocked::NothingToOrder);
    }
    let destination = Destination {
        fulfilment: match customer.address {
            Some(_) => Fulfilment::Delivery,
            None => Fulfilment::Pickup,
        },
        postal_code: customer.address.as_ref().map(|a| a.postal_code.as_str()),
    };
    let charges = terms
        .charges(
            priced.subtotal,
            destination,
            Some(basket.offer_code),
            basket.today,
            config.rounding,
        )
        .map_err(OrderBlocked::Pricing)?;
    if let DeliveryCharge::NotDelivered(pin) = &charges.delivery {
        return Err(OrderBlocked::NotDelivered {
            pin: pin.clone(),
            pickup: config.fulfilments.contains(&Fulfilment::Pickup),
        });
    }
    if let Some((minimum, more)) = charges.short_of_minimum {
        return Err(OrderBlocked::BelowMinimum { minimum, more });
    }
    let store_name = store_name.unwrap_or(UNNAMED_SHOP);
    let order = Order::new(identity, store_name, source, &priced, &charges, customer);
    let handoff = config
        .whatsapp
        .as_ref()
        .ok()
        .map(|number| whatsapp_handoff(&order, number, format));
    let text = handoff
        .as_ref()
        .map_or_else(|| order_text(&order, format), |h| h.full_text.clone());
    let upi_link = config
        .upi
        .as_ref()
        .filter(|_| order.customer.payment == Payment::Upi)
        .map(|upi| upi.pay_link(&order));
    Ok(PreparedOrder {
        entry: OutboxEntry {
            reference: order.identity.reference,
            idempotency_key: order.identity.idempotency_key.clone(),
            endpoint: config.endpoint.clone().unwrap_or_default(),
            body: order.to_json(),
            total: order.total.amount_string(),
            currency: order.currency.code().to_owned(),
            whatsapp: handoff,
            total_text: format(&order.total),
            upi_link,
        },
        text,
    })
}
