use chatcart_core::cart::CartAction;
use chatcart_core::chat::Intent;
use chatcart_core::checkout::Fulfilment;
use chatcart_core::money::Money;
use chatcart_core::retailer_id::RetailerId;
use chatcart_core::session::{OrderBlocked, Panel, QuickReply, Session};
use chatcart_core::terms::{offer_code, Charges, DeliveryCharge};
use chatcart_core::words::Label;

use leptos::prelude::*;
use leptos::reactive::effect::RenderEffect;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::Mountable;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use crate::checkout_form::checkout_form_view;
use crate::chunk_view::FromChunk;
use crate::dom;
use crate::lazy::split_off;
use crate::order_views::review_order_view;
use crate::shop::{expect_shop, Shop};

split_off! {
    checkout =>
    /// The lines, sums, offer code and Checkout of a cart with items, in the checkout's
    /// chunk: nothing before the first product card needs them, and the chunk comes once the
    /// cart has an item (`read_terms_ahead`).
    pub fn cart_lines_view() -> AnyView {
        expect_shop().read_terms();
        view! { <FilledCart /> }.into_any()
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
#[component]
pub fn CartPanel() -> impl IntoView {
    let shop = expect_shop();
    let words = shop.words;
    let title_id = format!("{}-panel-title", shop.uid);
    let heading = dom::element("h2", "cc-panel__title")
        .attr("id", &title_id)
        .attr("tabindex", "-1")
        .done();
    let close = dom::element("button", "cc-panel__close")
        .attr("type", "button")
        .text(words.label(Label::Close))
        .on("click", Box::new(move |_| shop.show_panel(Panel::Closed)));
    let header = dom::element("div", "cc-panel__header")
        .child(&heading)
        .child(&close.done());
    let panel = dom::element("section", "cc-panel")
        .attr("aria-labelledby", &title_id)
        .child(&header.done())
        .done();
    // Taken here, not in the effect: see `dom::Scope::under`.
    let owner = Owner::current().expect("a view is drawn under an owner");
    let mut shown: Option<StepShown> = None;
    let draw = RenderEffect::new({
        let (panel, heading) = (panel.clone(), heading.clone());
        move |was: Option<Step>| {
            let step = Step::of(shop);
            let title = match step {
                Step::Review => Label::ReviewTitle,
                Step::Checkout => Label::Checkout,
                _ => Label::YourCart,
            };
            dom::set_text(&heading, words.label(title));
            if was != Some(step) {
                if let Some(old) = shown.take() {
                    old.take_out();
                }
                shown = Some(step.draw(shop, &panel, dom::Scope::under(&owner)));
            }
            if let (Step::WaitingForPrices, Some(StepShown { nodes, .. })) = (step, &shown) {
                let items = shop.cart(|c| c.item_count());
                dom::set_text(&nodes[0], &words.cart_waiting_for_prices(items));
            }
            step
        }
    });
    // Move focus to the panel when it opens or changes step, for keyboard and screen reader users.
    Effect::new(move |_| {
        shop.panel();
        let _ = heading.unchecked_ref::<HtmlElement>().focus();
    });
    dom::Built::element(panel, Box::new(draw))
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

/// A step drawn at the end of the panel, built or a Leptos view from a chunk, in a scope of
/// its own.
struct StepShown {
    nodes: Vec<Node>,
    view: Option<AnyViewState>,
    _scope: dom::Scope,
}

impl StepShown {
    fn take_out(self) {
        for node in &self.nodes {
            dom::remove(node);
        }
        if let Some(mut view) = self.view {
            view.unmount();
        }
    }
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

    /// Draws this step at the end of `panel`, its views and signals under `scope`.
    fn draw(self, shop: Shop, panel: &Element, scope: dom::Scope) -> StepShown {
        let words = shop.words;
        let (nodes, from_chunk) = scope.with(|| match self {
            Step::Review => {
                let view =
                    view! { <FromChunk load=review_order_view failed=Label::CheckoutNotLoaded /> };
                (Vec::new(), Some(view.into_any()))
            }
            Step::Checkout => {
                let view =
                    view! { <FromChunk load=checkout_form_view failed=Label::CheckoutNotLoaded /> };
                (Vec::new(), Some(view.into_any()))
            }
            Step::Lines => {
                let view = view! { <FromChunk load=cart_lines_view failed=Label::CartNotLoaded /> };
                (Vec::new(), Some(view.into_any()))
            }
            Step::WaitingForPrices => {
                let waiting: Node = dom::element("p", "cc-panel__empty").done().into();
                (vec![waiting], None)
            }
            Step::Empty => {
                let browse = dom::element("button", "cc-button cc-button--secondary")
                    .attr("type", "button")
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
                (vec![empty.done().into(), browse.done().into()], None)
            }
        });
        for node in &nodes {
            let _ = panel.append_child(node);
        }
        let view = from_chunk.map(|view| scope.with(|| dom::mount_view(panel, view)));
        StepShown {
            nodes,
            view,
            _scope: scope,
        }
    }
}

/// A cart with items: its lines, sums, offer code and Checkout.
#[component]
fn FilledCart() -> impl IntoView {
    let shop = expect_shop();
    // Why Checkout cannot help yet: the shop's terms are unknown, or the cart is below the
    // smallest order the shop takes however it is received. (A minimum of one way only is
    // said in the checkout, where the shopper can choose another.)
    let not_yet = move || {
        if shop.config(|c| c.terms.is_err()) {
            let unknown = OrderBlocked::TermsUnknown;
            return Some(shop.words.order_blocked(&unknown, &|m| shop.format(m)));
        }
        let (minimum, more) = shop.watch(Session::below_every_minimum)?;
        Some(
            shop.words
                .below_minimum(&shop.format(&minimum), &shop.format(&more)),
        )
    };
    let not_yet_id = move || format!("{}-not-yet", shop.uid);
    view! {
        <ul class="cc-lines">
            <For
                each=move || shop.cart(|c| c.lines().to_vec())
                // Keyed by text, as product lists are: one keyed list in the download.
                key=|line| line.retailer_id.to_string()
                children=|line| view! { <CartLineRow retailer_id=line.retailer_id /> }
            />
        </ul>
        <CartSums />
        <OfferCode />
        <p class="cc-sums__minimum" id=not_yet_id role="status">{not_yet}</p>
        <button
            type="button"
            class="cc-button"
            disabled=move || not_yet().is_some()
            aria-describedby=not_yet_id
            on:click=move |_| shop.show_panel(Panel::Checkout)
        >
            {shop.words.label(Label::Checkout)}
        </button>
    }
}

/// Subtotal, delivery, discount and total, each with its exact amount in `data-value`
/// ("0.00" when there is none); the delivery row says what is missing for free delivery.
#[component]
fn CartSums() -> impl IntoView {
    let shop = expect_shop();
    let charges = Memo::new(move |_| shop.charges());
    // "" until known, so that what reads the value waits for it.
    let exact = move |amount: fn(&Charges) -> Money| {
        move || {
            charges
                .with(|c| c.as_ref().map(amount).map(|m| m.amount_string()))
                .unwrap_or_default()
        }
    };
    let shown = move |amount: fn(&Charges) -> Money| {
        move || charges.with(|c| c.as_ref().map(amount).map(|m| shop.format(&m)))
    };
    // The lines' sum shows even when the shop's terms are unknown.
    let subtotal = move || shop.subtotal();
    let delivery_label = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Pickup) => shop.words.label(Label::Pickup).to_owned(),
            Some(DeliveryCharge::Fee { zone, .. } | DeliveryCharge::Free { zone, .. }) => {
                shop.words.delivery_label(zone.as_deref())
            }
            _ => shop.words.label(Label::Delivery).to_owned(),
        })
    };
    let delivery = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Fee { fee, .. }) => shop.format(fee),
            Some(DeliveryCharge::NotDelivered(_)) => "—".to_owned(),
            Some(_) => shop.words.label(Label::Free).to_owned(),
            None => String::new(),
        })
    };
    let delivery_note = move || {
        charges.with(|c| match c.as_ref().map(|c| &c.delivery) {
            Some(DeliveryCharge::Fee {
                free_from: Some((threshold, more)),
                ..
            }) => Some(
                shop.words
                    .free_delivery_from(&shop.format(threshold), &shop.format(more)),
            ),
            Some(DeliveryCharge::NotDelivered(pin)) => {
                let pickup = shop.config(|c| c.fulfilments.contains(&Fulfilment::Pickup));
                Some(shop.words.not_delivered(pin, pickup))
            }
            _ => None,
        })
    };
    let discount_label = move || {
        charges.with(|c| {
            let code = c
                .as_ref()
                .and_then(|c| c.discount.as_ref()?.code.as_deref());
            shop.words.discount_label(code)
        })
    };
    // A shop without offers has no discount to show.
    let has_offers = shop.config(|c| c.terms.as_ref().is_ok_and(|t| !t.offers.is_empty()));
    let discount = move || {
        charges.with(|c| {
            let amount = c.as_ref()?.discount_amount();
            let shown = shop.format(&amount);
            Some(if amount.is_zero() {
                shown
            } else {
                format!("−{shown}")
            })
        })
    };
    view! {
        <dl class="cc-sums">
            <div class="cc-sums__row">
                <dt>{shop.words.label(Label::Subtotal)}</dt>
                <dd
                    data-testid="cart-subtotal"
                    data-value=move || subtotal().map(|m| m.amount_string()).unwrap_or_default()
                >
                    {move || subtotal().map(|m| shop.format(&m))}
                </dd>
            </div>
            <div class="cc-sums__row">
                <dt>{delivery_label}</dt>
                <dd data-testid="cart-delivery" data-value=exact(Charges::delivery_amount)>{delivery}</dd>
            </div>
            <div class="cc-sums__row" hidden=!has_offers>
                <dt>{discount_label}</dt>
                <dd data-testid="cart-discount" data-value=exact(Charges::discount_amount)>
                    {discount}
                </dd>
            </div>
            <div class="cc-sums__row cc-sums__row--total">
                <dt>{shop.words.label(Label::Total)}</dt>
                <dd data-testid="cart-total" data-value=exact(|c| c.total)>{shown(|c| c.total)}</dd>
            </div>
        </dl>
        <p class="cc-sums__note" role="status">{delivery_note}</p>
    }
}

/// "Offer code" and "Apply", for shops with codes: applying an empty field removes the code.
/// What became of the code is said below it.
#[component]
fn OfferCode() -> impl IntoView {
    let shop = expect_shop();
    let has_codes = shop.config(|c| {
        c.terms
            .as_ref()
            .is_ok_and(|t| t.offers.iter().any(|o| o.code.is_some()))
    });
    if !has_codes {
        return ().into_any();
    }
    let typed = RwSignal::new(shop.peek(|s| s.checkout().form.offer_code.clone()));
    let id = format!("{}-offer-code", shop.uid);
    let result = move || {
        let code = shop.form(|f| f.offer_code.clone());
        if code.is_empty() {
            return None;
        }
        let refusal = shop.charges()?.code_refused.map(|(_, refusal)| refusal);
        Some(
            shop.words
                .offer_code_result(&code, refusal.as_ref(), &|m| shop.format(m)),
        )
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = offer_code(&typed.get_untracked());
        typed.set(code.clone());
        shop.edit_form(|f| f.offer_code = code);
    };
    view! {
        <form class="cc-offer" on:submit=apply>
            <label for=id.clone()>{shop.words.label(Label::OfferCode)}</label>
            <div class="cc-offer__row">
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <button type="submit" class="cc-button cc-button--secondary">
                    {shop.words.label(Label::Apply)}
                </button>
            </div>
            <p class="cc-offer__result" role="status">{result}</p>
        </form>
    }
    .into_any()
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
            unit.times(quantity())
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
