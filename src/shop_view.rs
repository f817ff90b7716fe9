use leptos::html;
use leptos::prelude::*;

use crate::cart_panel::CartPanel;
use crate::conversation::{Composer, Conversation, QuickReplies};
use crate::copy::Label;
use crate::state::{Panel, Shop};

/// One storefront: header with the cart button, the conversation, and the cart panel.
#[component]
pub fn ChatShop(shop: Shop) -> impl IntoView {
    provide_context(shop);
    let item_count = move || shop.cart.with(|c| c.item_count());
    let panel_open = move || shop.panel.get() != Panel::Closed;
    let theme = shop.config.with_value(|c| c.theme.clone());
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
    let avatar = match theme.logo {
        Some(logo) => view! { <img class="cc-header__logo" src=logo alt="" /> }.into_any(),
        None => view! {
            <div class="cc-header__avatar" aria-hidden="true">
                {move || shop.store_name().chars().next().unwrap_or('S').to_string()}
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="cc-shop" lang=shop.words.0.tag() data-theme=theme.mode.as_str() node_ref=root>
            <header class="cc-header">
                {avatar}
                <div class="cc-header__titles">
                    <h2 class="cc-header__name">{move || shop.store_name()}</h2>
                    <p class="cc-header__status">{shop.words.label(Label::RepliesInstantly)}</p>
                </div>
                <button
                    type="button"
                    class="cc-cart-button"
                    aria-label=move || shop.words.cart_button(item_count())
                    aria-expanded=move || panel_open().to_string()
                    on:click=move |_| {
                        shop.panel.update(|p| *p = if *p == Panel::Closed { Panel::Cart } else { Panel::Closed })
                    }
                >
                    <svg class="cc-icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM5.2 4l.6 3H21l-2 8H7.4L4.3 2H1v2h2.7z" />
                    </svg>
                    <Show when=move || { item_count() > 0 }>
                        <span class="cc-cart-button__count" aria-hidden="true">{item_count}</span>
                    </Show>
                </button>
            </header>
            <div class="cc-body">
                <Conversation />
                <Show when=panel_open>
                    <CartPanel />
                </Show>
            </div>
            <QuickReplies />
            <Composer />
        </div>
    }
}
