use chatcart_core::order::{CheckoutForm as Draft, Field};
use leptos::prelude::*;

use crate::copy::Label;
use crate::state::{expect_shop, Panel};

/// Name, phone, address and notes, each with its own message when it needs fixing.
#[component]
pub fn CheckoutForm() -> impl IntoView {
    let shop = expect_shop();
    let summary = move || {
        shop.with_catalog(|catalog| {
            shop.cart.with(|cart| {
                cart.price(catalog).ok().map(|priced| {
                    let total = shop.money.with_value(|f| f.format(&priced.subtotal));
                    shop.words.checkout_summary(cart.item_count(), &total)
                })
            })
        })
        .flatten()
        .unwrap_or_default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(errors) = shop.place_order() {
            if let Some(first) = errors.first() {
                focus_field(shop.uid, first.field);
            }
        }
    };
    view! {
        <form class="cc-checkout" novalidate on:submit=submit>
            <p class="cc-checkout__summary">{summary}</p>
            <FormField field=Field::Name label=Label::Name autocomplete="name" get=|d| d.name.clone() set=|d, v| d.name = v />
            <FormField field=Field::Phone label=Label::Phone autocomplete="tel" get=|d| d.phone.clone() set=|d, v| d.phone = v />
            <FormField
                field=Field::Address
                label=Label::Address
                autocomplete="street-address"
                get=|d| d.address.clone()
                set=|d, v| d.address = v
            />
            <FormField
                field=Field::Notes
                label=Label::Notes
                autocomplete="off"
                get=|d| d.notes.clone()
                set=|d, v| d.notes = v
            />
            <Show when=move || shop.order_blocked.with(Option::is_some)>
                <p class="cc-checkout__problem" role="alert">
                    {move || shop.order_blocked.get()}
                </p>
            </Show>
            <div class="cc-checkout__actions">
                <button type="button" class="cc-button cc-button--secondary" on:click=move |_| shop.panel.set(Panel::Cart)>
                    {shop.words.label(Label::BackToCart)}
                </button>
                <button type="submit" class="cc-button">
                    {shop.words.label(Label::PlaceOrder)}
                </button>
            </div>
        </form>
    }
}

fn field_id(uid: &str, field: Field) -> String {
    let name = match field {
        Field::Name => "name",
        Field::Phone => "phone",
        Field::Address => "address",
        Field::Notes => "notes",
    };
    format!("{uid}-{name}")
}

fn focus_field(uid: &str, field: Field) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&field_id(uid, field)));
    if let Some(element) =
        element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = element.focus();
    }
}

#[component]
fn FormField(
    field: Field,
    label: Label,
    autocomplete: &'static str,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
) -> impl IntoView {
    let shop = expect_shop();
    let id = field_id(shop.uid, field);
    let error_id = format!("{id}-error");
    let error = move || {
        shop.form_errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| shop.words.field_problem(e.field, e.problem))
        })
    };
    let value = move || shop.form.with(get);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        shop.form.update(|draft| set(draft, text));
    };
    let multiline = matches!(field, Field::Address | Field::Notes);
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="2"
                autocomplete=autocomplete
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=if field == Field::Phone { "tel" } else { "text" }
                autocomplete=autocomplete
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="cc-field">
            <label for=id>{shop.words.label(label)}</label>
            {control}
            <p class="cc-field__error" id=error_id>{error}</p>
        </div>
    }
}
