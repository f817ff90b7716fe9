//! "My orders": the orders placed from this device, newest first, with what the shop's
//! server last said of each. The list is in a chunk of its own: most visits never open it.

use chatcart_core::session::{Panel, PlacedOrder};
use chatcart_core::words::Label;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::lazy::split_off;
use crate::shop::expect_shop;

split_off! {
    orders =>
    /// The panel, in the orders' chunk.
    pub fn orders_panel_view() -> AnyView {
        view! { <OrdersPanel /> }.into_any()
    }
}

/// The panel: its heading (focused when it opens, for keyboard and screen reader users),
/// a close button, and the list.
#[component]
fn OrdersPanel() -> impl IntoView {
    let shop = expect_shop();
    let heading = NodeRef::<html::H2>::new();
    let title_id = move || format!("{}-orders-title", shop.uid);
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    // Focus goes back to the button that opened the list, not to the page's body.
    let close = move |_| {
        let button = heading
            .get_untracked()
            .and_then(|heading| heading.closest(".cc-shop").ok().flatten())
            .and_then(|shop| shop.query_selector(".cc-orders-button").ok().flatten())
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
        shop.show_panel(Panel::Closed);
        if let Some(button) = button {
            let _ = button.focus();
        }
    };
    view! {
        <section class="cc-panel" aria-labelledby=title_id>
            <div class="cc-panel__header">
                <h2 class="cc-panel__title" id=title_id tabindex="-1" node_ref=heading>
                    {shop.words.label(Label::MyOrders)}
                </h2>
                <button type="button" class="cc-panel__close" on:click=close>
                    {shop.words.label(Label::Close)}
                </button>
            </div>
            <OrderList />
        </section>
    }
}

#[component]
fn OrderList() -> impl IntoView {
    let shop = expect_shop();
    let orders = move || {
        shop.placed_changes.track();
        shop.peek(|s| s.placed().orders().to_vec())
    };
    let unreachable = move || {
        shop.placed_changes.track();
        shop.peek(|s| s.placed().unreachable())
    };
    view! {
        <p class="cc-orders__note" role="status">
            {move || unreachable().then(|| shop.words.label(Label::StatusUnreachable))}
        </p>
        <ul class="cc-orders">
            {move || orders().into_iter().map(|order| view! { <OrderRow order /> }).collect_view()}
        </ul>
    }
}

/// One order: its reference and total, when it was placed, and where it stands.
#[component]
fn OrderRow(order: PlacedOrder) -> impl IntoView {
    let shop = expect_shop();
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
    view! {
        <li class="cc-orders__item" data-status=state>
            <p class="cc-orders__top">
                <span class="cc-orders__reference">{order.reference.to_string()}{number}</span>
                <span class="cc-orders__total">{order.total_text}</span>
            </p>
            <p class="cc-orders__when">{placed}</p>
            <p class="cc-orders__status">{status}</p>
            {(!details.is_empty()).then(|| view! { <p class="cc-orders__details">{details}</p> })}
        </li>
    }
}
