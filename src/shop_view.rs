use std::any::Any;
use std::cell::Cell;

use leptos::prelude::*;
use leptos::reactive::effect::RenderEffect;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use chatcart_core::session::{Panel, Session};
use chatcart_core::words::Label;

use crate::cart_panel::cart_panel;
use crate::cart_panel::read_terms_ahead;
use crate::chunk_view::from_chunk;
use crate::conversation::{composer, conversation, quick_replies};
use crate::dom;
use crate::my_orders::orders_panel_view;
use crate::shop::Shop;

const CART_ICON: &str = r#"<svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M9 17.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm8 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM1 2h4.6l.8 4H21l-2 8H7.4L4 4H1z"></path></svg>"#;
const ORDERS_ICON: &str = r#"<svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 2h12a2 2 0 0 1 2 2v18l-3-2-3 2-2-2-2 2-3-2-3 2V4a2 2 0 0 1 2-2zm2 5v2h8V7zm0 4v2h8v-2zm0 4v2h5v-2z"></path></svg>"#;
const CLOSE_ICON: &str = r#"<svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"></path></svg>"#;

const CHAT_ICON: &str = r#"<svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9zm0 4v2h6v-2z"></path></svg>"#;

/// One shop: in the page, or behind a floating "Chat to order" button.
pub fn chat_shop(shop: Shop) -> dom::Built {
    let theme = shop.config(|c| c.theme.clone());
    let root = dom::element("div", "cc-theme")
        .attr("lang", shop.words.tag())
        .attr("data-theme", theme.mode.as_str())
        .done();
    // The merchant's brand colour, set through the CSSOM (allowed under a strict CSP).
    if let (Some(brand), Some(text)) = (&theme.brand, theme.brand_contrast()) {
        let style = root.unchecked_ref::<HtmlElement>().style();
        let _ = style.set_property("--cc-brand", brand);
        let _ = style.set_property("--cc-brand-contrast", text);
    }
    let kept: Box<dyn Any> = if shop.config(|c| c.launcher) {
        Box::new(launcher(shop, &root))
    } else {
        Box::new(storefront(shop).append_to(&root))
    };
    dom::Built::element(root, kept)
}

/// The floating button and the pane it opens, drawn into `root`. Escape or the pane's close
/// button closes it, and focus goes back to the button.
fn launcher(shop: Shop, root: &Element) -> dom::Kept {
    let pane_id = format!("{}-pane", shop.uid);
    let open = move || shop.pane_open();
    let pane = dom::element("div", "")
        .attr("id", &pane_id)
        .attr("role", "dialog")
        .on(
            "keydown",
            Box::new(move |ev| {
                let escape = ev
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|key| key.key() == "Escape");
                if escape && untrack(|| shop.pane_open()) {
                    shop.close_pane();
                }
            }),
        )
        .done();
    let button = dom::button("cc-launcher")
        .attr("aria-controls", &pane_id)
        .on(
            "click",
            Box::new(move |_| {
                if untrack(|| shop.pane_open()) {
                    shop.close_pane()
                } else {
                    shop.open_pane()
                }
            }),
        )
        .html(CHAT_ICON)
        .child(
            &dom::element("span", "")
                .text(shop.words.label(Label::ChatToOrder))
                .done(),
        )
        .done();
    let storefront = storefront(shop).append_to(&pane);
    let _ = root.append_child(&pane);
    let _ = root.append_child(&button);
    let class = move || {
        Some(
            if open() {
                "cc-pane"
            } else {
                "cc-pane cc-pane--closed"
            }
            .into(),
        )
    };
    let named = move || Some(shop.display_name());
    let count = dom::element("span", "cc-cart-button__count").done();
    let badge = item_count_badge(shop, &button, count);
    let was_open = Cell::new(false);
    let closed_from = button.clone();
    let focus_back = dom::live(Box::new(move || {
        let open = open();
        if was_open.replace(open) && !open {
            let _ = closed_from.unchecked_ref::<HtmlElement>().focus();
        }
    }));
    let kept = vec![
        dom::live_attr(&pane, "class", Box::new(class)),
        dom::live_state(&button, "aria-expanded", Box::new(open)),
        dom::live_attr(&pane, "aria-label", Box::new(named)),
        focus_back,
    ];
    vec![Box::new(storefront), Box::new(kept), Box::new(badge)]
}

/// The number of items in the cart in `count`, at the end of `button` while there are some.
fn item_count_badge(shop: Shop, button: &Element, count: Element) -> RenderEffect<()> {
    let button = button.clone();
    RenderEffect::new(move |_| match shop.cart(|c| c.item_count()) {
        0 => count.remove(),
        items => {
            dom::set_text(&count, &items.to_string());
            if count.parent_node().is_none() {
                let _ = button.append_child(&count);
            }
        }
    })
}

/// Under the shop's name (appended to `titles`): how far the catalog's download has come
/// while it loads, else "Replies instantly". A polite status region: its words change at
/// whole megabytes, a few seconds apart on the slow links where counting matters; the bar
/// under them moves between, for the eye only.
fn header_status(shop: Shop, titles: &Element) -> RenderEffect<()> {
    let words = shop.words;
    let status = dom::element("p", "cc-header__status")
        .attr("role", "status")
        .done();
    let _ = titles.append_child(&status);
    let bar = dom::element("progress", "cc-header__progress")
        .attr("aria-hidden", "true")
        .done();
    // Redrawn after every operation; the text is set again only when it changed.
    RenderEffect::new(move |_| {
        let loading = shop.watch(Session::catalog_loading);
        let text = match loading {
            Some(progress) => words.catalog_loading(progress),
            None => words.label(Label::RepliesInstantly).to_owned(),
        };
        dom::set_text(&status, &text);
        // Only while there is a known size of a megabyte or more to count.
        let counted = loading.and_then(|progress| {
            let total = progress.total.filter(|_| progress.megabytes().is_some())?;
            Some((total, progress.received))
        });
        match counted {
            Some((total, received)) => {
                let _ = bar.set_attribute("max", &total.to_string());
                let _ = bar.set_attribute("value", &received.to_string());
                if bar.parent_node().is_none() {
                    let _ = status.after_with_node_1(&bar);
                }
            }
            None => bar.remove(),
        }
    })
}

/// The storefront's header: the shop's logo or initial, its name and status, My orders once
/// an order was placed here, the cart, and behind a launcher Close; and what keeps it current.
fn header(shop: Shop, launcher: bool) -> (Element, dom::Kept) {
    let words = shop.words;
    let mut kept: dom::Kept = Vec::new();
    let name = dom::element("h2", "cc-header__name").done();
    let logo = shop.config(|c| c.theme.logo.clone());
    let avatar = match &logo {
        Some(logo) => dom::element("img", "cc-header__logo")
            .attr("src", logo)
            .attr("alt", "")
            .done(),
        None => dom::element("div", "cc-header__avatar")
            .attr("aria-hidden", "true")
            .done(),
    };
    kept.push(Box::new(RenderEffect::new({
        let (name, avatar) = (name.clone(), avatar.clone());
        move |_| {
            let shown = shop.display_name();
            dom::set_text(&name, &shown);
            if logo.is_none() {
                let initial = shown.chars().next().unwrap_or('S');
                dom::set_text(&avatar, initial.encode_utf8(&mut [0; 4]));
            }
        }
    })));
    let titles = dom::element("div", "cc-header__titles").child(&name).done();
    kept.push(Box::new(header_status(shop, &titles)));
    let header = dom::element("div", "cc-header")
        .child(&avatar)
        .child(&titles)
        .done();

    let cart = dom::button("cc-cart-button")
        .on("click", Box::new(move |_| shop.toggle_cart()))
        .html(CART_ICON)
        .done();
    let _ = header.append_child(&cart);
    let named = move || Some(words.cart_button(shop.cart(|c| c.item_count())));
    kept.push(dom::live_attr(&cart, "aria-label", Box::new(named)));
    let expanded = move || cart_shown(shop);
    kept.push(dom::live_state(&cart, "aria-expanded", Box::new(expanded)));
    let count = dom::element("span", "cc-cart-button__count")
        .attr("aria-hidden", "true")
        .done();
    kept.push(Box::new(item_count_badge(shop, &cart, count)));

    let (orders, draw_orders) = orders_button(shop);
    kept.push(draw_orders);
    kept.push(Box::new(RenderEffect::new({
        let (header, cart) = (header.clone(), cart.clone());
        move |_| {
            if !shop.has_placed_orders() {
                orders.remove();
            } else if orders.parent_node().is_none() {
                let _ = header.insert_before(&orders, Some(&cart));
            }
        }
    })));
    if launcher {
        let close = dom::button("cc-header__close")
            .attr("aria-label", words.label(Label::CloseChat))
            .on("click", Box::new(move |_| shop.close_pane()))
            .html(CLOSE_ICON);
        let _ = header.append_child(&close.done());
    }
    (header, kept)
}

/// One storefront: header with the cart button, the conversation, and the cart panel.
fn storefront(shop: Shop) -> dom::Built {
    let launcher = shop.config(|c| c.launcher);
    let item_count = move || shop.cart(|c| c.item_count());
    // The cart's and the checkout's code (one chunk) arrives while the shopper fills the
    // cart, not when it is opened, and reads the shop's terms; after the catalog, which the
    // first answers wait for, and behind a launcher only once the pane is open (a saved cart
    // is no reason to download).
    let started = Cell::new(false);
    let fetch_ahead = dom::live(Box::new(move || {
        if started.get() {
            return;
        }
        let wanted = item_count() > 0 && shop.catalog_ready() && (!launcher || shop.pane_open());
        if wanted {
            started.set(true);
            leptos::task::spawn_local(async move {
                let _ = read_terms_ahead(shop).await;
            });
        }
    }));
    let (header, mut kept) = header(shop, launcher);
    kept.push(fetch_ahead);
    let body = dom::element("div", "cc-body").done();
    kept.push(Box::new(conversation(shop).append_to(&body)));
    kept.push(panel_while(shop, &body, cart_shown, cart_panel));
    kept.push(panel_while(shop, &body, orders_shown, orders_panel));
    let store = dom::element("div", "cc-shop")
        .child(&header)
        .child(&body)
        .done();
    kept.push(Box::new(quick_replies(shop).append_to(&store)));
    kept.push(Box::new(composer(shop).append_to(&store)));
    dom::Built::element(store, Box::new(kept))
}

/// "My orders", shown once an order was placed on this device, and what keeps it current.
fn orders_button(shop: Shop) -> (Element, Box<dyn Any>) {
    let orders_open = move || shop.panel() == Panel::Orders;
    let button = dom::button("cc-orders-button")
        .attr("aria-label", shop.words.label(Label::MyOrders))
        .on(
            "click",
            Box::new(move |_| {
                shop.show_panel(if orders_open() {
                    Panel::Closed
                } else {
                    Panel::Orders
                })
            }),
        )
        .html(ORDERS_ICON)
        .done();
    let expanded = dom::live_state(&button, "aria-expanded", Box::new(orders_open));
    (button, expanded)
}

fn cart_shown(shop: Shop) -> bool {
    !matches!(shop.panel(), Panel::Closed | Panel::Orders)
}

fn orders_shown(shop: Shop) -> bool {
    shop.panel() == Panel::Orders
}

fn orders_panel(shop: Shop) -> dom::Built {
    from_chunk(shop, orders_panel_view, Label::OrdersNotLoaded)
}

/// Draws `panel` at the end of `body` while `shown`, under an owner of its own.
fn panel_while(
    shop: Shop,
    body: &Element,
    shown: fn(Shop) -> bool,
    panel: fn(Shop) -> dom::Built,
) -> Box<dyn Any> {
    let drawn = move |shown: &bool| match shown {
        true => panel(shop),
        false => dom::Built::nodes(Vec::new(), Box::new(())),
    };
    dom::live_part(body, Box::new(move || shown(shop)), Box::new(drawn))
}
