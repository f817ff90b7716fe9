use leptos::html;
use leptos::prelude::*;

use chatcart_core::session::{Panel, Session};
use chatcart_core::words::Label;

use crate::cart_panel::read_terms_ahead;
use crate::cart_panel::CartPanel;
use crate::chunk_view::FromChunk;
use crate::conversation::{Composer, Conversation, QuickReplies};
use crate::my_orders::orders_panel_view;
use crate::shop::{expect_shop, Shop};

/// One shop: in the page, or behind a floating "Chat to order" button.
#[component]
pub fn ChatShop(shop: Shop) -> impl IntoView {
    provide_context(shop);
    let theme = shop.config(|c| c.theme.clone());
    let root = NodeRef::<html::Div>::new();
    // The merchant's brand colour, set through the CSSOM (allowed under a strict CSP).
    Effect::new({
        let theme = theme.clone();
        move |_| {
            if let (Some(root), Some(brand), Some(text)) =
                (root.get(), &theme.brand, theme.brand_contrast())
            {
                let style = web_sys::HtmlElement::style(&root);
                let _ = style.set_property("--cc-brand", brand);
                let _ = style.set_property("--cc-brand-contrast", text);
            }
        }
    });
    let body = if shop.config(|c| c.launcher) {
        view! { <Launcher /> }.into_any()
    } else {
        view! { <Storefront /> }.into_any()
    };
    view! {
        <div class="cc-theme" lang=shop.words.tag() data-theme=theme.mode.as_str() node_ref=root>
            {body}
        </div>
    }
}

/// The floating button and the pane it opens. Escape or the pane's close button closes it,
/// and focus goes back to the button.
#[component]
fn Launcher() -> impl IntoView {
    let shop = expect_shop();
    let button = NodeRef::<html::Button>::new();
    let pane_id = format!("{}-pane", shop.uid);
    let open = move || shop.pane_open.get();
    Effect::new(move |was_open: Option<bool>| {
        let open = open();
        if was_open == Some(true) && !open {
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        }
        open
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && shop.pane_open.get_untracked() {
            shop.close_pane();
        }
    };
    let item_count = move || shop.cart(|c| c.item_count());
    view! {
        <div
            class=move || if open() { "cc-pane" } else { "cc-pane cc-pane--closed" }
            id=pane_id.clone()
            role="dialog"
            aria-label=move || shop.display_name()
            on:keydown=on_keydown
        >
            <Storefront />
        </div>
        <button
            type="button"
            class="cc-launcher"
            aria-expanded=move || open().to_string()
            aria-controls=pane_id
            node_ref=button
            on:click=move |_| if open() { shop.close_pane() } else { shop.open_pane() }
        >
            <svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9zm0 4v2h6v-2z" />
            </svg>
            <span>{shop.words.label(Label::ChatToOrder)}</span>
            <Show when=move || { item_count() > 0 }>
                <span class="cc-cart-button__count">{item_count}</span>
            </Show>
        </button>
    }
}

/// Under the shop's name: how far the catalog's download has come while it loads, else
/// "Replies instantly". A polite status region: its words change at whole megabytes, a few
/// seconds apart on the slow links where counting matters; the bar under them moves
/// between, for the eye only.
#[component]
fn HeaderStatus() -> impl IntoView {
    let shop = expect_shop();
    let words = shop.words;
    let loading = move || shop.watch(Session::catalog_loading);
    // Redrawn after every operation; the text is set again only when it changed.
    let text = move || match loading() {
        Some(progress) => words.catalog_loading(progress),
        None => words.label(Label::RepliesInstantly).to_owned(),
    };
    // Only while there is a known size of a megabyte or more to count.
    let bar = move || {
        let progress = loading()?;
        let total = progress.total.filter(|_| progress.megabytes().is_some())?;
        Some(view! {
            <progress
                class="cc-header__progress"
                aria-hidden="true"
                max=total.to_string()
                value=progress.received.to_string()
            ></progress>
        })
    };
    view! {
        <p class="cc-header__status" role="status">{text}</p>
        {bar}
    }
}

/// One storefront: header with the cart button, the conversation, and the cart panel.
#[component]
fn Storefront() -> impl IntoView {
    let shop = expect_shop();
    let launcher = shop.config(|c| c.launcher);
    let item_count = move || shop.cart(|c| c.item_count());
    let panel_open = move || shop.panel() != Panel::Closed;
    // The cart's and the checkout's code (one chunk) arrives while the shopper fills the
    // cart, not when it is opened, and reads the shop's terms; after the catalog, which the
    // first answers wait for, and behind a launcher only once the pane is open (a saved cart
    // is no reason to download).
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let wanted =
            item_count() > 0 && shop.catalog_ready() && (!launcher || shop.pane_open.get());
        if wanted {
            leptos::task::spawn_local(async move {
                let _ = read_terms_ahead(shop).await;
            });
        }
        wanted
    });
    let orders_open = move || shop.panel() == Panel::Orders;
    let logo = shop.config(|c| c.theme.logo.clone());
    let avatar = match logo {
        Some(logo) => view! { <img class="cc-header__logo" src=logo alt="" /> }.into_any(),
        None => view! {
            <div class="cc-header__avatar" aria-hidden="true">
                {move || shop.display_name().chars().next().unwrap_or('S').to_string()}
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="cc-shop">
            <div class="cc-header">
                {avatar}
                <div class="cc-header__titles">
                    <h2 class="cc-header__name">{move || shop.display_name()}</h2>
                    <HeaderStatus />
                </div>
                {move || {
                    shop.has_placed_orders()
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="cc-orders-button"
                                    aria-label=shop.words.label(Label::MyOrders)
                                    aria-expanded=move || orders_open().to_string()
                                    on:click=move |_| {
                                        shop.show_panel(if orders_open() { Panel::Closed } else { Panel::Orders })
                                    }
                                >
                                    <svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true">
                                        <path d="M6 2h12a2 2 0 0 1 2 2v18l-3-2-3 2-2-2-2 2-3-2-3 2V4a2 2 0 0 1 2-2zm2 5v2h8V7zm0 4v2h8v-2zm0 4v2h5v-2z" />
                                    </svg>
                                </button>
                            }
                        })
                }}
                <button
                    type="button"
                    class="cc-cart-button"
                    aria-label=move || shop.words.cart_button(item_count())
                    aria-expanded=move || panel_open().to_string()
                    on:click=move |_| shop.toggle_cart()
                >
                    <svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M9 17.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm8 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM1 2h4.6l.8 4H21l-2 8H7.4L4 4H1z" />
                    </svg>
                    <Show when=move || { item_count() > 0 }>
                        <span class="cc-cart-button__count" aria-hidden="true">{item_count}</span>
                    </Show>
                </button>
                {launcher
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="cc-header__close"
                                aria-label=shop.words.label(Label::CloseChat)
                                on:click=move |_| shop.close_pane()
                            >
                                <svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true">
                                    <path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />
                                </svg>
                            </button>
                        }
                    })}
            </div>
            <div class="cc-body">
                <Conversation />
                <Show when=move || panel_open() && !orders_open()>
                    <CartPanel />
                </Show>
                <Show when=orders_open>
                    <FromChunk load=orders_panel_view failed=Label::OrdersNotLoaded />
                </Show>
            </div>
            <QuickReplies />
            <Composer />
        </div>
    }
}
