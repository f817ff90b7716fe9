use chatcart_core::cart::CartAction;
use chatcart_core::chat::Intent;
use chatcart_core::retailer_id::RetailerId;
use chatcart_core::session::{Panel, QuickReply};
use chatcart_core::words::Label;
use leptos::html;
use leptos::prelude::*;

use crate::checkout_form::{checkout_form_view, fetch_checkout_ahead};
use crate::chunk_view::FromChunk;
use crate::order_views::review_order_view;
use crate::shop::expect_shop;

/// The cart, or the checkout form once the shopper asks for it and the cart has items.
#[component]
pub fn CartPanel() -> impl IntoView {
    let shop = expect_shop();
    let heading = NodeRef::<html::H2>::new();
    let checking_out = move || shop.panel() == Panel::Checkout;
    let reviewing = move || shop.panel() == Panel::Review;
    // The checkout's code arrives while the shopper looks at the cart.
    leptos::task::spawn_local(async {
        let _ = fetch_checkout_ahead().await;
    });
    // Move focus to the panel when it opens or changes step, for keyboard and screen reader users.
    Effect::new(move |_| {
        checking_out();
        reviewing();
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <section class="cc-panel" aria-labelledby=move || format!("{}-panel-title", shop.uid)>
            <div class="cc-panel__header">
                <h2 class="cc-panel__title" id=move || format!("{}-panel-title", shop.uid) tabindex="-1" node_ref=heading>
                    {move || {
                        shop.words
                            .label(
                                if reviewing() {
                                    Label::ReviewTitle
                                } else if checking_out() {
                                    Label::Checkout
                                } else {
                                    Label::YourCart
                                },
                            )
                    }}
                </h2>
                <button type="button" class="cc-panel__close" on:click=move |_| shop.show_panel(Panel::Closed)>
                    {shop.words.label(Label::Close)}
                </button>
            </div>
            {move || {
                if reviewing() {
                    view! { <FromChunk load=review_order_view failed=Label::CheckoutNotLoaded /> }.into_any()
                } else if checking_out() {
                    view! { <FromChunk load=checkout_form_view failed=Label::CheckoutNotLoaded /> }.into_any()
                } else {
                    view! { <CartLines /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CartLines() -> impl IntoView {
    let shop = expect_shop();
    let subtotal = move || shop.subtotal();
    let catalog_ready = move || shop.catalog_ready();
    view! {
        <Show
            when=catalog_ready
            fallback=move || view! { <p class="cc-panel__empty">{move || shop.words.cart_waiting_for_prices(shop.cart(|c| c.item_count()))}</p> }
        >
        <Show
            when=move || !shop.cart(|c| c.is_empty())
            fallback=move || {
                view! {
                    <p class="cc-panel__empty">{shop.words.label(Label::CartIsEmpty)}</p>
                    <button
                        type="button"
                        class="cc-button cc-button--secondary"
                        on:click=move |_| {
                            shop.show_panel(Panel::Closed);
                            shop.choose(QuickReply::Say(Intent::Browse));
                        }
                    >
                        {shop.words.label(Label::BrowseCategories)}
                    </button>
                }
            }
        >
            <ul class="cc-lines">
                <For
                    each=move || shop.cart(|c| c.lines().to_vec())
                    // Keyed by text, as product lists are: one keyed list in the download.
                    key=|line| line.retailer_id.to_string()
                    children=|line| view! { <CartLineRow retailer_id=line.retailer_id /> }
                />
            </ul>
            <p class="cc-total">
                <span>{shop.words.label(Label::Subtotal)}</span>
                <strong
                    data-testid="cart-total"
                    data-value=move || subtotal().map(|m| m.amount_string()).unwrap_or_default()
                >
                    {move || subtotal().map(|m| shop.format(&m)).unwrap_or_default()}
                </strong>
            </p>
            <button type="button" class="cc-button" on:click=move |_| shop.show_panel(Panel::Checkout)>
                {shop.words.label(Label::Checkout)}
            </button>
        </Show>
        </Show>
    }
}

/// One line: its quantity and total follow the cart, so the row (and focus on its
/// buttons) stays while they change.
#[component]
fn CartLineRow(retailer_id: RetailerId) -> impl IntoView {
    let shop = expect_shop();
    let id = StoredValue::new(retailer_id);
    let quantity = move || shop.cart(|c| c.quantity_of(&id.read_value()));
    let found = shop.peek(|s| {
        let (product, variant) = s.source()?.variant(&id.read_value()).ok()??;
        Some((product.title.clone(), variant.clone()))
    });
    let Some((title, variant)) = found else {
        return ().into_any();
    };
    let orderable = variant.can_order();
    let line_total = {
        let unit = variant.unit_price();
        move || {
            unit.times(quantity(), shop.config(|c| c.rounding))
                .map(|m| shop.format(&m))
                .unwrap_or_default()
        }
    };
    let set = move |quantity: u32| {
        shop.change_cart(CartAction::SetQuantity {
            retailer_id: id.get_value(),
            quantity,
        })
    };
    let max = shop.config(|c| c.max_quantity);
    view! {
        <li class="cc-line">
            <div class="cc-line__what">
                <span class="cc-line__title">{title.clone()}</span>
                {variant.label().map(|label| view! { <span class="cc-line__pack">{label}</span> })}
            </div>
            {if orderable {
                view! {
                    <div class="cc-stepper" role="group" aria-label=shop.words.quantity_of(&title)>
                        <button
                            type="button"
                            aria-label=shop.words.decrease(&title)
                            disabled=move || { quantity() <= 1 }
                            on:click=move |_| set(quantity().saturating_sub(1).max(1))
                        >
                            "−"
                        </button>
                        <output aria-live="polite">{quantity}</output>
                        <button
                            type="button"
                            aria-label=shop.words.increase(&title)
                            disabled=move || { quantity() >= max }
                            on:click=move |_| set(quantity() + 1)
                        >
                            "+"
                        </button>
                    </div>
                    <span class="cc-line__total">{line_total}</span>
                }
                    .into_any()
            } else {
                view! {
                    <p class="cc-line__unavailable">
                        {shop.words.not_in_order(variant.availability)}
                    </p>
                }
                    .into_any()
            }}
            <button
                type="button"
                class="cc-line__remove"
                aria-label=shop.words.remove(&title)
                on:click=move |_| shop.change_cart(CartAction::Remove { retailer_id: id.get_value() })
            >
                {shop.words.label(Label::Remove)}
            </button>
        </li>
    }
    .into_any()
}
