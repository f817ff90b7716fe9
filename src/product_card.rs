use chatcart_core::cart::CartAction;
use chatcart_core::catalog::Product;
use leptos::prelude::*;

use crate::state::expect_shop;

/// Cards shown at first, and added by each "Show more".
const PAGE: usize = 8;

/// Products of one reply, a page at a time.
#[component]
pub fn ProductList(product_ids: Vec<String>) -> impl IntoView {
    let shop = expect_shop();
    let shown = RwSignal::new(PAGE);
    let total = product_ids.len();
    let ids = StoredValue::new(product_ids);
    let products = move || {
        shop.with_catalog(|catalog| {
            ids.with_value(|ids| {
                ids.iter()
                    .take(shown.get())
                    .filter_map(|id| catalog.product(id).cloned())
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    view! {
        <div class="cc-products">
            <For each=products key=|p| p.id.clone() children=|product| view! { <ProductCard product /> } />
        </div>
        <Show when=move || { shown.get() < total }>
            <button type="button" class="cc-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {move || format!("Show more ({} left)", total - shown.get())}
            </button>
        </Show>
    }
}

#[component]
pub fn ProductCard(product: Product) -> impl IntoView {
    let shop = expect_shop();
    let id = StoredValue::new(product.id.clone());
    let in_cart = move || shop.cart.with(|c| c.quantity_of(&id.read_value()));
    let add = move |_| {
        shop.dispatch(CartAction::Add {
            product_id: id.get_value(),
            quantity: 1,
        })
    };
    let price = shop.money.with_value(|m| m.format(&product.unit_price()));
    let was = product
        .sale_price
        .map(|_| shop.money.with_value(|m| m.format(&product.price)));
    let add_label = format!("Add {} to cart", product.title);
    view! {
        <article class="cc-card" aria-label=product.title.clone()>
            <ProductImage src=product.image.clone() title=product.title.clone() />
            <div class="cc-card__body">
                <h3 class="cc-card__title">{product.title.clone()}</h3>
                {product.pack.clone().map(|pack| view! { <p class="cc-card__pack">{pack}</p> })}
                <p class="cc-price">
                    <span class="cc-price__now">{price}</span>
                    {was
                        .map(|was| {
                            view! {
                                " "
                                <s class="cc-price__was">
                                    <span class="cc-visually-hidden">"was "</span>
                                    {was}
                                </s>
                            }
                        })}
                </p>
                {if product.can_be_added() {
                    view! {
                        <p class="cc-card__in-cart">
                            {move || match in_cart() {
                                0 => String::new(),
                                n => format!("{n} in cart"),
                            }}
                        </p>
                        <button type="button" class="cc-card__add" aria-label=add_label on:click=add>
                            "Add"
                        </button>
                    }
                        .into_any()
                } else {
                    view! { <p class="cc-card__unavailable">"Out of stock"</p> }.into_any()
                }}
            </div>
        </article>
    }
}

/// The product photo, or the title's initial on a tinted tile when there is none or it fails.
#[component]
fn ProductImage(src: Option<String>, title: String) -> impl IntoView {
    let failed = RwSignal::new(false);
    let initial = title
        .chars()
        .next()
        .unwrap_or('?')
        .to_uppercase()
        .to_string();
    move || {
        match (&src, failed.get()) {
        (Some(src), false) => view! {
            <img class="cc-card__image" src=src.clone() alt="" loading="lazy" on:error=move |_| failed.set(true) />
        }
            .into_any(),
        _ => view! { <div class="cc-card__image cc-card__image--placeholder" aria-hidden="true">{initial.clone()}</div> }
            .into_any(),
    }
    }
}
