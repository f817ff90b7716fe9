//! "My orders": the orders placed from this device, newest first, with what the shop's
//! server last said of each. The list is in the chunk that sends orders and asks after them
//! (`crate::deliveries`): most visits never open it, and a device that placed orders has
//! fetched that chunk to read them.

use chatcart_core::session::{Panel, PlacedOrder};
use chatcart_core::words::Label;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use crate::browser;
use crate::dom;
use crate::lazy::split_off;
use crate::shop::Shop;

split_off! {
    saved_and_sent =>
    /// The panel, in the chunk that reads the orders placed and asks after them.
    pub fn orders_panel_view(shop: Shop) -> dom::Built {
        let (panel, kept) = orders_panel(shop);
        dom::Built::element(panel, Box::new(kept))
    }
}

/// The panel: its heading (focused when it opens, for keyboard and screen reader users),
/// a close button, whether the shop's server could be asked, and the list.
fn orders_panel(shop: Shop) -> (Element, dom::Kept) {
    let words = shop.words;
    let title_id = format!("{}-orders-title", shop.uid);
    let heading = dom::element("h2", "cc-panel__title")
        .attr("id", &title_id)
        .attr("tabindex", "-1")
        .text(words.label(Label::MyOrders))
        .done();
    dom::focus_when_drawn(&heading);
    // Focus goes back to the button that opened the list, not to the page's body.
    let close = move |event: web_sys::Event| {
        let button = event
            .target()
            .and_then(|close| close.unchecked_into::<Element>().closest(".cc-shop").ok()?)
            .and_then(|shop| shop.query_selector(".cc-orders-button").ok()?);
        shop.show_panel(Panel::Closed);
        if let Some(button) = button {
            let _ = button.unchecked_into::<HtmlElement>().focus();
        }
    };
    let close = dom::button("cc-panel__close")
        .text(words.label(Label::Close))
        .on("click", Box::new(close));
    let header = dom::element("div", "cc-panel__header")
        .child(&heading)
        .child(&close.done());
    let note = dom::element("p", "cc-orders__note")
        .attr("role", "status")
        .done();
    let list = dom::element("ul", "cc-orders").done();
    let unreachable = move || {
        shop.placed_changes.track();
        let unreachable = shop.peek(|s| s.placed().unreachable());
        let said = unreachable.then(|| words.label(Label::StatusUnreachable));
        said.unwrap_or_default().to_owned()
    };
    // An order's row is drawn again only when what is known of it changed, so that a
    // screen reader keeps its place in the list as answers come.
    let mut drawn: Vec<(PlacedOrder, Node)> = Vec::new();
    let rows = {
        let list = list.clone();
        move || {
            shop.placed_changes.track();
            let mut old = std::mem::take(&mut drawn);
            for order in shop.peek(|s| s.placed().orders().to_vec()) {
                let row = match old.iter().position(|(was, _)| *was == order) {
                    Some(at) => old.swap_remove(at).1,
                    None => order_row(shop, &order).into(),
                };
                drawn.push((order, row));
            }
            for (_, gone) in old {
                dom::remove(&gone);
            }
            let in_order: Vec<Node> = drawn.iter().map(|(_, row)| row.clone()).collect();
            dom::arrange(&list, &in_order);
        }
    };
    let kept = vec![
        dom::live_text(&note, Box::new(unreachable)),
        dom::live(Box::new(rows)),
    ];
    let panel = dom::element("section", "cc-panel")
        .attr("aria-labelledby", &title_id)
        .child(&header.done())
        .child(&note)
        .child(&list);
    (panel.done(), kept)
}

/// One order: its reference and total, when it was placed, and where it stands.
fn order_row(shop: Shop, order: &PlacedOrder) -> Element {
    let words = shop.words;
    let locale = shop.config(|c| c.locale.clone());
    let placed = browser::local_time(&order.placed_at, &locale);
    let (status, details, state) = match &order.taken {
        None => (
            words.label(Label::SentOnWhatsApp).to_owned(),
            String::new(),
            "whatsapp",
        ),
        Some(taken) => {
            let status = &taken.status;
            let expected = status
                .ready_by
                .as_deref()
                .filter(|_| !status.status.is_final())
                .map(|time| words.expected_by(&browser::local_time(time, &locale)));
            let said = if taken.secret.is_some() || status.status.is_final() {
                words.status_details(None, status.reason.as_deref())
            } else {
                words.label(Label::NoUpdatesHere).to_owned()
            };
            let details = [expected.unwrap_or_default(), said]
                .join(" ")
                .trim()
                .to_owned();
            let name = words
                .status_name(status.status, order.fulfilment)
                .to_owned();
            (name, details, status.status.as_str())
        }
    };
    let number = order
        .taken
        .as_ref()
        .and_then(|taken| taken.order_number.as_ref())
        .map(|number| format!(" · #{number}"))
        .unwrap_or_default();
    let reference =
        dom::element("span", "cc-orders__reference").text(&format!("{}{number}", order.reference));
    let total = dom::element("span", "cc-orders__total").text(&order.total_text);
    let top = dom::element("p", "cc-orders__top")
        .child(&reference.done())
        .child(&total.done());
    let mut row = dom::element("li", "cc-orders__item")
        .attr("data-status", state)
        .child(&top.done())
        .child(&dom::element("p", "cc-orders__when").text(&placed).done())
        .child(&dom::element("p", "cc-orders__status").text(&status).done());
    if !details.is_empty() {
        row = row.child(
            &dom::element("p", "cc-orders__details")
                .text(&details)
                .done(),
        );
    }
    row.done()
}
