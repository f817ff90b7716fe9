use chatcart_core::cart::CartAction;
use chatcart_core::chat::Intent;
use chatcart_core::checkout::Fulfilment;
use chatcart_core::money::Money;
use chatcart_core::retailer_id::RetailerId;
use chatcart_core::session::{OrderBlocked, Panel, QuickReply, Session};
use chatcart_core::terms::{offer_code, Charges, DeliveryCharge};
use chatcart_core::words::Label;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Node;

use crate::checkout_form::checkout_form_view;
use crate::chunk_view::from_chunk;
use crate::dom;
use crate::lazy::split_off;
use crate::order_views::review_order_view;
use crate::shop::Shop;

split_off! {
    checkout =>
    /// The lines, sums, offer code and Checkout of a cart with items, in the checkout's
    /// chunk: nothing before the first product card needs them, and the chunk comes once the
    /// cart has an item (`read_terms_ahead`).
    pub fn cart_lines_view(shop: Shop) -> dom::Built {
        shop.read_terms();
        let (nodes, kept) = filled_cart(shop);
        dom::Built::nodes(nodes, Box::new(kept))
    }
}

split_off! {
    checkout =>
    /// Brings the checkout's chunk while the shopper fills the cart, and reads the settings
    /// file's terms with it, so a problem with them is told before Checkout.
    pub fn read_terms_ahead(shop: Shop) -> () {
        shop.read_terms();
    }
}

/// The cart, or the checkout form once the shopper asks for it and the cart has items.
pub fn cart_panel(shop: Shop) -> dom::Built {
    let words = shop.words;
    let title_id = format!("{}-panel-title", shop.uid);
    let heading = dom::element("h2", "cc-panel__title")
        .attr("id", &title_id)
        .attr("tabindex", "-1")
        .done();
    let close = dom::button("cc-panel__close")
        .text(words.label(Label::Close))
        .on("click", Box::new(move |_| shop.show_panel(Panel::Closed)));
    let header = dom::element("div", "cc-panel__header")
        .child(&heading)
        .child(&close.done());
    let panel = dom::element("section", "cc-panel")
        .attr("aria-labelledby", &title_id)
        .child(&header.done())
        .done();
    let title = move || {
        let title = match Step::of(shop) {
            Step::Review => Label::ReviewTitle,
            Step::Checkout => Label::Checkout,
            _ => Label::YourCart,
        };
        words.label(title).to_owned()
    };
    // Move focus to the panel when it opens or changes step, for keyboard and screen reader users.
    let focus = {
        let heading = heading.clone();
        dom::live(Box::new(move || {
            shop.panel();
            dom::focus_when_drawn(&heading);
        }))
    };
    let kept = vec![
        dom::live_text(&heading, Box::new(title)),
        dom::live_part(
            &panel,
            Box::new(move || Step::of(shop)),
            Box::new(move |step| step.draw(shop)),
        ),
        focus,
    ];
    dom::Built::element(panel, Box::new(kept))
}

/// What the cart's panel shows under its title.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Review,
    Checkout,
    /// Items saved, the catalog with their prices not here yet.
    WaitingForPrices,
    /// With Browse. An empty cart needs no chunk, and says so even offline.
    Empty,
    /// The lines, sums and Checkout, from the checkout's chunk.
    Lines,
}

impl Step {
    fn of(shop: Shop) -> Step {
        match shop.panel() {
            Panel::Review => Step::Review,
            Panel::Checkout => Step::Checkout,
            _ if !shop.catalog_ready() => Step::WaitingForPrices,
            _ if shop.cart(|c| c.is_empty()) => Step::Empty,
            _ => Step::Lines,
        }
    }

    /// What the panel shows in this step.
    fn draw(self, shop: Shop) -> dom::Built {
        let words = shop.words;
        match self {
            Step::Review => from_chunk(shop, review_order_view, Label::CheckoutNotLoaded),
            Step::Checkout => from_chunk(shop, checkout_form_view, Label::CheckoutNotLoaded),
            Step::Lines => from_chunk(shop, cart_lines_view, Label::CartNotLoaded),
            Step::WaitingForPrices => {
                let waiting = dom::element("p", "cc-panel__empty").done();
                let items = move || words.cart_waiting_for_prices(shop.cart(|c| c.item_count()));
                let said = dom::live_text(&waiting, Box::new(items));
                dom::Built::element(waiting, said)
            }
            Step::Empty => {
                let browse = dom::button("cc-button cc-button--secondary")
                    .text(words.label(Label::BrowseCategories))
                    .on(
                        "click",
                        Box::new(move |_| {
                            shop.show_panel(Panel::Closed);
                            shop.choose(QuickReply::Say(Intent::Browse));
                        }),
                    );
                let empty =
                    dom::element("p", "cc-panel__empty").text(words.label(Label::CartIsEmpty));
                dom::Built::nodes(
                    vec![empty.done().into(), browse.done().into()],
                    Box::new(()),
                )
            }
        }
    }
}

/// A cart with items: its lines, sums, offer code and Checkout.
fn filled_cart(shop: Shop) -> (Vec<Node>, dom::Kept) {
    let words = shop.words;
    let mut kept = dom::Kept::new();
    let mut nodes = vec![cart_lines(shop, &mut kept)];
    nodes.extend(cart_sums(shop, &mut kept));
    if let Some(offer) = offer_code_form(shop, &mut kept) {
        nodes.push(offer);
    }
    // Why Checkout cannot help yet: the shop's terms are unknown, or the cart is below the
    // smallest order the shop takes however it is received. (A minimum of one way only is
    // said in the checkout, where the shopper can choose another.)
    let not_yet = move || {
        if shop.config(|c| c.terms.is_err()) {
            let unknown = OrderBlocked::TermsUnknown;
            return Some(words.order_blocked(&unknown, &|m| shop.format(m)));
        }
        let (minimum, more) = shop.watch(Session::below_every_minimum)?;
        Some(words.below_minimum(&shop.format(&minimum), &shop.format(&more)))
    };
    let not_yet_id = format!("{}-not-yet", shop.uid);
    let why = dom::element("p", "cc-sums__minimum")
        .attr("id", &not_yet_id)
        .attr("role", "status")
        .done();
    kept.push(dom::live_text(
        &why,
        Box::new(move || not_yet().unwrap_or_default()),
    ));
    let checkout = dom::button("cc-button")
        .attr("aria-describedby", &not_yet_id)
        .text(words.label(Label::Checkout))
        .on("click", Box::new(move |_| shop.show_panel(Panel::Checkout)))
        .done();
    kept.push(dom::live_flag(
        &checkout,
        "disabled",
        Box::new(move || not_yet().is_some()),
    ));
    nodes.extend([why.into(), checkout.into()]);
    (nodes, kept)
}

/// The cart's lines, in its order. A line's row stays while its quantity and total change,
/// and so does focus on its buttons; only a row out of place moves.
fn cart_lines(shop: Shop, kept: &mut dom::Kept) -> Node {
    let list = dom::element("ul", "cc-lines").done();
    let owner = dom::current_owner();
    let mut rows: Vec<LineRow> = Vec::new();
    let draw = {
        let list = list.clone();
        move || {
            let lines = shop.cart(|c| c.lines().to_vec());
            let mut old = std::mem::take(&mut rows);
            for line in lines {
                let row = match old.iter().position(|row| row.id == line.retailer_id) {
                    Some(at) => old.swap_remove(at),
                    None => LineRow::new(shop, &owner, line.retailer_id),
                };
                rows.push(row);
            }
            for gone in old {
                dom::remove(&gone.node);
            }
            let in_order: Vec<Node> = rows.iter().map(|row| row.node.clone()).collect();
            dom::arrange(&list, &in_order);
        }
    };
    kept.push(dom::live(Box::new(draw)));
    list.into()
}

/// One line of the cart, drawn with its own scope.
struct LineRow {
    id: RetailerId,
    node: Node,
    _kept: dom::Kept,
    _scope: dom::Scope,
}

impl LineRow {
    fn new(shop: Shop, owner: &Owner, id: RetailerId) -> LineRow {
        let scope = dom::Scope::under(owner);
        let (node, kept) = scope.with(|| cart_line(shop, id.clone()));
        LineRow {
            id,
            node,
            _kept: kept,
            _scope: scope,
        }
    }
}

/// One line: its title and pack, its quantity with − and +, its total, and Remove. A line
/// whose product the catalog no longer has draws nothing.
fn cart_line(shop: Shop, id: RetailerId) -> (Node, dom::Kept) {
    let words = shop.words;
    let found = shop.peek(|s| {
        let (product, variant) = s.source()?.variant(&id).ok()??;
        Some((product.title.clone(), variant.clone()))
    });
    let Some((title, variant)) = found else {
        return (dom::marker(), Vec::new());
    };
    let mut kept = dom::Kept::new();
    let quantity = {
        let id = id.clone();
        move || shop.cart(|c| c.quantity_of(&id))
    };
    let set = {
        let id = id.clone();
        move |quantity: u32| {
            shop.change_cart(CartAction::SetQuantity {
                retailer_id: id.clone(),
                quantity,
            })
        }
    };
    let mut what = dom::element("div", "cc-line__what")
        .child(&dom::element("span", "cc-line__title").text(&title).done());
    if let Some(label) = variant.label() {
        what = what.child(&dom::element("span", "cc-line__pack").text(&label).done());
    }
    let mut row = dom::element("li", "cc-line").child(&what.done());
    if variant.can_order() {
        let max = shop.config(|c| c.max_quantity);
        let less = {
            let (quantity, set) = (quantity.clone(), set.clone());
            move |_| set(quantity().saturating_sub(1).max(1))
        };
        let fewer = dom::button("")
            .attr("aria-label", &words.decrease(&title))
            .text("−")
            .on("click", Box::new(less))
            .done();
        let more = {
            let (quantity, set) = (quantity.clone(), set.clone());
            move |_| set(quantity() + 1)
        };
        let more = dom::button("")
            .attr("aria-label", &words.increase(&title))
            .text("+")
            .on("click", Box::new(more))
            .done();
        let shown = dom::element("output", "")
            .attr("aria-live", "polite")
            .done();
        let total = dom::element("span", "cc-line__total").done();
        let unit = variant.unit_price();
        let q = quantity.clone();
        kept.push(dom::live_flag(
            &fewer,
            "disabled",
            Box::new(move || q() <= 1),
        ));
        let q = quantity.clone();
        kept.push(dom::live_flag(
            &more,
            "disabled",
            Box::new(move || q() >= max),
        ));
        let q = quantity.clone();
        kept.push(dom::live_text(&shown, Box::new(move || q().to_string())));
        let line_total = move || {
            unit.times(quantity())
                .map(|m| shop.format(&m))
                .unwrap_or_default()
        };
        kept.push(dom::live_text(&total, Box::new(line_total)));
        let stepper = dom::element("div", "cc-stepper")
            .attr("role", "group")
            .attr("aria-label", &words.quantity_of(&title))
            .child(&fewer)
            .child(&shown)
            .child(&more);
        row = row.child(&stepper.done()).child(&total);
    } else {
        let unavailable = dom::element("p", "cc-line__unavailable")
            .text(&words.not_in_order(variant.availability));
        row = row.child(&unavailable.done());
    }
    let remove = move |_| {
        shop.change_cart(CartAction::Remove {
            retailer_id: id.clone(),
        })
    };
    let remove = dom::button("cc-line__remove")
        .attr("aria-label", &words.remove(&title))
        .text(words.label(Label::Remove))
        .on("click", Box::new(remove));
    (row.child(&remove.done()).done().into(), kept)
}

/// A cart's charges, worked out anew by each part that shows them: quick for a cart, and no
/// memo of their type to compile (issue 13).
#[derive(Clone, Copy)]
struct Sums(Shop);

impl Sums {
    fn with<T>(self, read: impl FnOnce(&Option<Charges>) -> T) -> T {
        read(&self.0.charges())
    }
}

/// Subtotal, delivery, discount and total, each with its exact amount in `data-value`
/// ("0.00" when there is none); the delivery row says what is missing for free delivery.
fn cart_sums(shop: Shop, kept: &mut dom::Kept) -> [Node; 2] {
    let words = shop.words;
    let charges = Sums(shop);
    // A row: its term and its amount, each following what it is given; `exact` is the
    // amount's `data-value`, "" until known, so that what reads the value waits for it.
    let mut row = |class: &str,
                   test_id: &str,
                   term: Box<dyn Fn() -> String>,
                   shown: Box<dyn Fn() -> String>,
                   exact: Box<dyn Fn() -> String>| {
        let dt = dom::element("dt", "").done();
        let dd = dom::element("dd", "").attr("data-testid", test_id).done();
        kept.push(dom::live_text(&dt, term));
        kept.push(dom::live_text(&dd, shown));
        kept.push(dom::live_attr(
            &dd,
            "data-value",
            Box::new(move || Some(exact())),
        ));
        dom::element("div", class).child(&dt).child(&dd).done()
    };
    let label = move |label: Label| Box::new(move || words.label(label).to_owned());
    let amount = move |amount: fn(&Charges) -> Money| {
        Box::new(move || {
            charges
                .with(|c| c.as_ref().map(amount).map(|m| m.amount_string()))
                .unwrap_or_default()
        })
    };
    // The lines' sum shows even when the shop's terms are unknown.
    let subtotal = row(
        "cc-sums__row",
        "cart-subtotal",
        label(Label::Subtotal),
        Box::new(move || shop.subtotal().map(|m| shop.format(&m)).unwrap_or_default()),
        Box::new(move || {
            shop.subtotal()
                .map(|m| m.amount_string())
                .unwrap_or_default()
        }),
    );
    let delivery_label = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Pickup) => words.label(Label::Pickup).to_owned(),
            Some(DeliveryCharge::Fee { zone, .. } | DeliveryCharge::Free { zone, .. }) => {
                words.delivery_label(zone.as_deref())
            }
            _ => words.label(Label::Delivery).to_owned(),
        })
    };
    let delivery = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Fee { fee, .. }) => shop.format(fee),
            Some(DeliveryCharge::NotDelivered(_)) => "—".to_owned(),
            Some(_) => words.label(Label::Free).to_owned(),
            None => String::new(),
        })
    };
    let delivery = row(
        "cc-sums__row",
        "cart-delivery",
        Box::new(delivery_label),
        Box::new(delivery),
        amount(Charges::delivery_amount),
    );
    let discount_label = move || {
        charges.with(|c| {
            let code = c
                .as_ref()
                .and_then(|c| c.discount.as_ref()?.code.as_deref());
            words.discount_label(code)
        })
    };
    let discount = move || {
        charges
            .with(|c| {
                let amount = c.as_ref()?.discount_amount();
                let shown = shop.format(&amount);
                Some(if amount.is_zero() {
                    shown
                } else {
                    format!("−{shown}")
                })
            })
            .unwrap_or_default()
    };
    let discount = row(
        "cc-sums__row",
        "cart-discount",
        Box::new(discount_label),
        Box::new(discount),
        amount(Charges::discount_amount),
    );
    // A shop without offers has no discount to show.
    if !shop.config(|c| c.terms.as_ref().is_ok_and(|t| !t.offers.is_empty())) {
        let _ = discount.set_attribute("hidden", "");
    }
    let total = row(
        "cc-sums__row cc-sums__row--total",
        "cart-total",
        label(Label::Total),
        Box::new(move || {
            charges
                .with(|c| c.as_ref().map(|c| shop.format(&c.total)))
                .unwrap_or_default()
        }),
        amount(|c| c.total),
    );
    let delivery_note = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Fee {
                free_from: Some((threshold, more)),
                ..
            }) => words.free_delivery_from(&shop.format(threshold), &shop.format(more)),
            Some(DeliveryCharge::NotDelivered(pin)) => {
                let pickup = shop.config(|c| c.fulfilments.contains(&Fulfilment::Pickup));
                words.not_delivered(pin, pickup)
            }
            _ => String::new(),
        })
    };
    let note = dom::element("p", "cc-sums__note")
        .attr("role", "status")
        .done();
    kept.push(dom::live_text(&note, Box::new(delivery_note)));
    let sums = dom::element("dl", "cc-sums").children(&[
        subtotal.into(),
        delivery.into(),
        discount.into(),
        total.into(),
    ]);
    [sums.done().into(), note.into()]
}

/// "Offer code" and "Apply", for shops with codes: applying an empty field removes the code.
/// What became of the code is said below it.
fn offer_code_form(shop: Shop, kept: &mut dom::Kept) -> Option<Node> {
    let words = shop.words;
    let has_codes = shop.config(|c| {
        c.terms
            .as_ref()
            .is_ok_and(|t| t.offers.iter().any(|o| o.code.is_some()))
    });
    if !has_codes {
        return None;
    }
    let id = format!("{}-offer-code", shop.uid);
    let result = move || {
        let code = shop.form(|f| f.offer_code.clone());
        if code.is_empty() {
            return String::new();
        }
        let Some(charges) = shop.charges() else {
            return String::new();
        };
        let refusal = charges.code_refused.map(|(_, refusal)| refusal);
        words.offer_code_result(&code, refusal.as_ref(), &|m| shop.format(m))
    };
    let input = dom::element("input", "")
        .attr("id", &id)
        .attr("type", "text")
        .attr("autocomplete", "off")
        .attr("autocapitalize", "characters")
        .attr("spellcheck", "false")
        .attr(
            "value",
            &shop.peek(|s| s.checkout().form.offer_code.clone()),
        )
        .done();
    // The field holds what is typed; the code applied is read from it, and shown back as it
    // is kept (upper case, no spaces). Found from the form submitted: a listener holding the
    // field would keep the form alive with it (see `dom::on`).
    let apply = move |event: web_sys::Event| {
        event.prevent_default();
        let form = event
            .target()
            .map(JsCast::unchecked_into::<web_sys::Element>);
        let Some(field) = form.and_then(|form| form.query_selector("input").ok().flatten()) else {
            return;
        };
        let field: web_sys::HtmlInputElement = field.unchecked_into();
        let code = offer_code(&field.value());
        field.set_value(&code);
        shop.edit_form(|f| f.offer_code = code);
    };
    let apply_button = dom::element("button", "cc-button cc-button--secondary")
        .attr("type", "submit")
        .text(words.label(Label::Apply));
    let said = dom::element("p", "cc-offer__result")
        .attr("role", "status")
        .done();
    kept.push(dom::live_text(&said, Box::new(result)));
    let row = dom::element("div", "cc-offer__row")
        .child(&input)
        .child(&apply_button.done());
    let label = dom::element("label", "")
        .attr("for", &id)
        .text(words.label(Label::OfferCode));
    let form = dom::element("form", "cc-offer")
        .child(&label.done())
        .child(&row.done())
        .child(&said)
        .on("submit", Box::new(apply));
    Some(form.done().into())
}
