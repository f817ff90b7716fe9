use chatcart_core::cart::CartAction;
use chatcart_core::catalog::{Product, Variant};
use chatcart_core::pack_size::unit_price;
use chatcart_core::source::ProductIndex;
use chatcart_core::words::Label;
use leptos::prelude::*;

use crate::lazy::split_off;
use crate::shop::expect_shop;

/// Cards on one page of a list: a long list is paged, never grown, so the page's size
/// stays bounded however large the catalog.
const PAGE: usize = chatcart_core::session::SCREEN;

/// Products of one reply, a page at a time.
#[component]
pub fn ProductList(places: Vec<ProductIndex>) -> impl IntoView {
    let shop = expect_shop();
    let page = RwSignal::new(0usize);
    let total = places.len();
    let pages = total.div_ceil(PAGE);
    let places = StoredValue::new(places);
    let shown = move || {
        let page = page.get();
        places.with_value(|all| {
            all.iter()
                .skip(page * PAGE)
                .take(PAGE)
                .copied()
                .collect::<Vec<_>>()
        })
    };
    // A catalog in pieces fetches what the page shows, again as pieces arrive (a page
    // table names the file holding the products).
    Effect::new(move |_| {
        shop.catalog_arrivals.track();
        shop.show_products(&shown());
    });
    // The products here so far, and whether some are still on their way.
    let products = move || {
        shop.catalog_arrivals.track();
        let shown = shown();
        shop.peek(|s| {
            let Some(source) = s.source() else {
                return (Vec::new(), true);
            };
            let looked: Vec<_> = shown.iter().map(|&at| source.product_at(at)).collect();
            let waiting = looked.iter().any(Result::is_err);
            // In order, up to the first still on its way: cards never jump about.
            let here: Vec<Product> = looked
                .into_iter()
                .map_while(Result::ok)
                .flatten()
                .cloned()
                .collect();
            (here, waiting)
        })
    };
    let products = Memo::new(move |_| products());
    view! {
        <div class="cc-products">
            <For each=move || products.get().0 key=|p| p.id().to_owned() children=|product| view! { <ProductCard product /> } />
        </div>
        <Show when=move || products.get().1>
            <Show
                when=move || shop.watch(|s| s.could_not_fetch(&shown()))
                fallback=move || view! { <p class="cc-message__muted" role="status">{shop.words.label(Label::ProductsOnTheirWay)}</p> }
            >
                // They could not be had (the conversation says why): fetched again on request.
                <button type="button" class="cc-more" on:click=move |_| shop.retry_products(&shown())>
                    {shop.words.label(Label::TryAgain)}
                </button>
            </Show>
        </Show>
        <Show when=move || { pages > 1 }>
            <div class="cc-pager">
                <button
                    type="button"
                    class="cc-pager__button"
                    aria-label=shop.words.label(Label::PreviousProducts)
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    {shop.words.label(Label::Previous)}
                </button>
                <span class="cc-pager__where" aria-live="polite">
                    {move || shop.words.page_position(page.get() * PAGE + 1, ((page.get() + 1) * PAGE).min(total), total)}
                </span>
                <button
                    type="button"
                    class="cc-pager__button"
                    aria-label=shop.words.label(Label::NextProducts)
                    disabled=move || { page.get() + 1 >= pages }
                    on:click=move |_| page.update(|p| *p = (*p + 1).min(pages - 1))
                >
                    {shop.words.label(Label::Next)}
                </button>
            </div>
        </Show>
    }
}

/// A product and which of its variants the shopper is looking at.
#[derive(Clone, Copy)]
struct Chosen {
    product: StoredValue<Product>,
    selected: RwSignal<usize>,
}

impl Chosen {
    /// Starts on the variant shown first (the first that can be ordered).
    fn new(product: Product) -> Self {
        let first = product
            .variants
            .iter()
            .position(|v| v.retailer_id == product.default_variant().retailer_id)
            .unwrap_or(0);
        Chosen {
            product: StoredValue::new(product),
            selected: RwSignal::new(first),
        }
    }

    fn variant(self) -> Variant {
        self.product
            .with_value(|p| p.variants[self.selected.get()].clone())
    }

    fn title(self) -> String {
        self.product.with_value(|p| p.title.clone())
    }
}

/// A product as a chat message card: picture, title, options, price, and Add. The title
/// opens the product's details.
#[component]
pub fn ProductCard(product: Product) -> impl IntoView {
    let shop = expect_shop();
    let id = product.id().to_owned();
    let chosen = Chosen::new(product);
    let title = chosen.title();
    view! {
        <article class="cc-card" aria-label=title.clone()>
            {
                let title = title.clone();
                move || view! { <ProductImage src=chosen.variant().images.first().cloned() title=title.clone() /> }
            }
            <div class="cc-card__body">
                <h3 class="cc-card__title">
                    <button
                        type="button"
                        class="cc-card__details"
                        aria-label=shop.words.details_of(&title)
                        on:click=move |_| shop.show_details(id.clone())
                    >
                        {title.clone()}
                    </button>
                </h3>
                <Options chosen />
                <Buy chosen />
            </div>
        </article>
    }
}

split_off! {
    detail =>
    /// A product's details, in a chunk of their own: no first product card needs them (1.6 KB
    /// with brotli less in the first download), and a shopper who opens some waits for them
    /// once.
    pub fn product_detail_view(product: Product) -> AnyView {
        view! { <ProductDetail product /> }.into_any()
    }
}

/// A product's details as a chat message: every picture, brand, options, price, Add and
/// the description.
#[component]
fn ProductDetail(product: Product) -> impl IntoView {
    let shop = expect_shop();
    let chosen = Chosen::new(product);
    let title = chosen.title();
    let (brand, description, link) = chosen
        .product
        .with_value(|p| (p.brand.clone(), p.description.clone(), p.link.clone()));
    let images = move || chosen.variant().images;
    view! {
        <article class="cc-card cc-detail" aria-label=title.clone()>
            <div class="cc-detail__images">
                {
                    let title = title.clone();
                    move || {
                        let images = images();
                        if images.is_empty() {
                            view! { <ProductImage src=None title=title.clone() /> }.into_any()
                        } else {
                            images
                                .into_iter()
                                .map(|src| view! { <ProductImage src=Some(src) title=title.clone() /> })
                                .collect_view()
                                .into_any()
                        }
                    }
                }
            </div>
            <div class="cc-card__body">
                <h3 class="cc-card__title">{title.clone()}</h3>
                {brand.map(|brand| view! { <p class="cc-card__pack">{brand}</p> })}
                <Options chosen />
                <Buy chosen />
                {description.map(|text| view! { <p class="cc-detail__description">{text}</p> })}
                {link
                    .map(|href| {
                        view! {
                            <a class="cc-detail__link" href=href target="_blank" rel="noopener noreferrer">
                                {shop.words.label(Label::MoreOnShopSite)}
                            </a>
                        }
                    })}
            </div>
        </article>
    }
}

/// The variant picker when there is a choice, else the only variant's size.
#[component]
fn Options(chosen: Chosen) -> impl IntoView {
    if chosen.product.with_value(|p| p.variants.len() > 1) {
        view! { <VariantPicker product=chosen.product selected=chosen.selected /> }.into_any()
    } else {
        view! { <p class="cc-card__pack">{move || chosen.variant().label()}</p> }.into_any()
    }
}

/// Price (with the old one struck through on sale), availability, and Add.
#[component]
fn Buy(chosen: Chosen) -> impl IntoView {
    let shop = expect_shop();
    let variant = move || chosen.variant();
    let in_cart = move || {
        let id = variant().retailer_id;
        shop.cart(|c| c.quantity_of(&id))
    };
    let add = move |_| {
        shop.change_cart(CartAction::Add {
            retailer_id: variant().retailer_id,
            quantity: 1,
        })
    };
    let money = move |m| shop.format(&m);
    let add_label = shop.words.add_to_cart(&chosen.title());
    view! {
        <p class="cc-price">
            <span class="cc-price__now">{move || money(variant().unit_price())}</span>
            {move || {
                let v = variant();
                v.sale_price
                    .map(|_| {
                        view! {
                            " "
                            <s class="cc-price__was">
                                <span class="cc-visually-hidden">{shop.words.label(Label::Was)}</span>
                                {money(v.price)}
                            </s>
                        }
                    })
            }}
            {move || {
                unit_price(&variant(), shop.config(|c| c.rounding))
                    .map(|unit| {
                        view! {
                            <span class="cc-price__unit">
                                {shop.words.unit_price(&money(unit.price), unit.per)}
                            </span>
                        }
                    })
            }}
        </p>
        {move || {
            shop.words.availability_note(variant().availability).map(|note| view! { <p class="cc-card__note">{note}</p> })
        }}
        <Show
            when=move || variant().can_order()
            fallback=move || {
                view! { <p class="cc-card__unavailable">{move || shop.words.unavailable_label(variant().availability)}</p> }
            }
        >
            <p class="cc-card__in-cart">
                {move || match in_cart() {
                    0 => String::new(),
                    n => shop.words.in_cart(n),
                }}
            </p>
            <button type="button" class="cc-card__add" aria-label=add_label.clone() on:click=add>
                {shop.words.label(Label::Add)}
            </button>
        </Show>
    }
}

/// The size or colour choice of a product with variants.
#[component]
fn VariantPicker(product: StoredValue<Product>, selected: RwSignal<usize>) -> impl IntoView {
    let shop = expect_shop();
    let (kind, title, options) = product.with_value(|p| {
        let kind = shop.words.option_kind(
            p.variants.iter().any(|v| v.size.is_some()),
            p.variants.iter().any(|v| v.color.is_some()),
        );
        let options: Vec<(usize, String)> = p
            .variants
            .iter()
            .enumerate()
            .map(|(i, v): (usize, &Variant)| (i, shop.words.variant_option(v)))
            .collect();
        (kind, p.title.clone(), options)
    });
    view! {
        <label class="cc-card__option">
            <span aria-hidden="true">{kind}</span>
            <select
                aria-label=shop.words.option_of(kind, &title)
                on:change=move |ev| {
                    if let Ok(index) = event_target_value(&ev).parse() {
                        selected.set(index);
                    }
                }
            >
                {options
                    .into_iter()
                    .map(|(index, label)| {
                        view! {
                            <option value=index.to_string() selected=move || selected.get() == index>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The product photo, or the title's initial on a tinted tile when there is none or it fails.
#[component]
fn ProductImage(src: Option<String>, title: String) -> impl IntoView {
    let failed = RwSignal::new(false);
    // Capitalised by the stylesheet: Rust's Unicode case tables would cost 5 KB of download.
    let initial = title.chars().next().unwrap_or('?').to_string();
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
