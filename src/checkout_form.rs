use chatcart_core::checkout::{CheckoutForm as Draft, Field, Fulfilment, Payment};
use chatcart_core::session::Panel;
use chatcart_core::terms::DeliveryCharge;
use chatcart_core::words::Label;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::deliveries;
use crate::lazy::split_off;
use crate::shop::expect_shop;

split_off! {
    checkout =>
    /// The checkout form, in the checkout's chunk (with the review and the order's messages):
    /// fetched once the cart has an item (`read_terms_ahead`), else when first shown.
    pub fn checkout_form_view() -> AnyView {
        expect_shop().read_terms();
        view! { <CheckoutForm /> }.into_any()
    }
}

/// Delivery or pickup, who and where, when, notes and how to pay; each field with its own
/// message when it needs fixing. Submitting opens the review of the exact order.
#[component]
pub fn CheckoutForm() -> impl IntoView {
    let shop = expect_shop();
    // The code that sends the order arrives while the shopper types, not after Place order.
    if shop.config(|c| c.endpoint.is_some()) {
        deliveries::fetch_ahead();
    }
    let rules = shop.config(|c| c.checkout_rules());
    let summary = move || {
        shop.charges()
            .map(|charges| {
                let total = shop.format(&charges.total);
                shop.words
                    .checkout_summary(shop.cart(|c| c.item_count()), &total)
            })
            .unwrap_or_default()
    };
    // The minimum of the way of receiving chosen (pickup's may be lower, or none).
    let short_of_minimum = move || {
        let (minimum, more) = shop.charges()?.short_of_minimum?;
        Some(
            shop.words
                .below_minimum(&shop.format(&minimum), &shop.format(&more)),
        )
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(errors) = shop.review_order() {
            let form = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let (Some(first), Some(form)) = (errors.first(), form) {
                if let Some(field) = browser::find_near(&form, &field_id(shop.uid, first.field)) {
                    let _ = field.focus();
                }
            }
        }
    };
    // Kept for the reactive parts: whether the address is asked follows the choice.
    let kept_rules = StoredValue::new(rules.clone());
    let delivering = move || {
        shop.form(|f| kept_rules.with_value(|r| r.fulfilment_of(f)) == Fulfilment::Delivery)
    };
    // With one way to receive the order there is nothing to choose; pickup alone is said.
    let how_to_receive = match rules.fulfilments.as_slice() {
        [_, _, ..] => {
            let choices = rules
                .fulfilments
                .iter()
                .map(|f| match f {
                    Fulfilment::Delivery => (*f, Signal::stored(Label::Delivery)),
                    Fulfilment::Pickup => (*f, Signal::stored(Label::Pickup)),
                })
                .collect();
            view! {
                <Choice field=None legend=Label::HowToReceive choices get=|d| d.fulfilment set=|d, v| d.fulfilment = v />
            }
            .into_any()
        }
        [Fulfilment::Pickup] => {
            view! { <p class="cc-checkout__note">{shop.words.label(Label::PickupOnly)}</p> }
                .into_any()
        }
        _ => ().into_any(),
    };
    let india = rules.india;
    let payments: Vec<(Payment, Signal<Label>)> = rules
        .payments
        .iter()
        .map(|p| {
            let label = match p {
                // Cash is paid on receipt: at the door or at the counter.
                Payment::CashOnDelivery => Signal::derive(move || {
                    if delivering() {
                        Label::CashOnDelivery
                    } else {
                        Label::CashAtPickup
                    }
                }),
                Payment::Upi => Signal::stored(Label::Upi),
                Payment::InChat => Signal::stored(Label::PayInChat),
            };
            (*p, label)
        })
        .collect();
    let slots = rules.slots;
    let blocked = move || {
        shop.watch(|s| {
            s.checkout()
                .blocked
                .as_ref()
                .map(|b| shop.words.order_blocked(b, &|m| shop.format(m)))
        })
    };
    view! {
        <form class="cc-checkout" novalidate on:submit=submit>
            <p class="cc-checkout__summary">{summary}</p>
            <p class="cc-sums__minimum" role="status">{short_of_minimum}</p>
            {how_to_receive}
            <FormField field=Field::Name label=Label::Name autocomplete="name" get=|d| d.name.clone() set=|d, v| d.name = v />
            <FormField field=Field::Phone label=Label::Phone autocomplete="tel" get=|d| d.phone.clone() set=|d, v| d.phone = v />
            <Show when=delivering>
                <FormField
                    field=Field::House
                    label=Label::House
                    autocomplete="address-line1"
                    get=|d| d.house.clone()
                    set=|d, v| d.house = v
                />
                <FormField
                    field=Field::Area
                    label=Label::Area
                    autocomplete="address-line2"
                    get=|d| d.area.clone()
                    set=|d, v| d.area = v
                />
                <FormField
                    field=Field::City
                    label=Label::City
                    autocomplete="address-level2"
                    get=|d| d.city.clone()
                    set=|d, v| d.city = v
                />
                <FormField
                    field=Field::Region
                    label=if india { Label::Region } else { Label::RegionOptional }
                    autocomplete="address-level1"
                    get=|d| d.region.clone()
                    set=|d, v| d.region = v
                />
                <FormField
                    field=Field::PostalCode
                    label=if india { Label::PinCode } else { Label::Postcode }
                    autocomplete="postal-code"
                    numeric=india
                    get=|d| d.postal_code.clone()
                    set=|d, v| d.postal_code = v
                />
            </Show>
            {(!slots.is_empty()).then(|| view! { <SlotField slots=slots.clone() /> })}
            <FormField field=Field::Notes label=Label::Notes autocomplete="off" get=|d| d.notes.clone() set=|d, v| d.notes = v />
            <Choice field=Some(Field::Payment) legend=Label::PaymentMethod choices=payments get=|d| d.payment set=|d, v| d.payment = v />
            <div class="cc-field cc-field--check">
                <input
                    type="checkbox"
                    id=format!("{}-remember", shop.uid)
                    prop:checked=move || shop.form(|f| f.remember)
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        shop.edit_form(|f| f.remember = checked);
                    }
                />
                <label for=format!("{}-remember", shop.uid)>{shop.words.label(Label::Remember)}</label>
            </div>
            <Show when=move || blocked().is_some()>
                <p class="cc-checkout__problem" role="alert">
                    {blocked}
                </p>
            </Show>
            <div class="cc-checkout__actions">
                <button type="button" class="cc-button cc-button--secondary" on:click=move |_| shop.show_panel(Panel::Cart)>
                    {shop.words.label(Label::BackToCart)}
                </button>
                <button type="submit" class="cc-button">
                    {shop.words.label(Label::ReviewOrder)}
                </button>
            </div>
        </form>
    }
}

fn field_id(uid: &str, field: Field) -> String {
    let name = match field {
        Field::Name => "name",
        Field::Phone => "phone",
        Field::House => "house",
        Field::Area => "area",
        Field::City => "city",
        Field::Region => "region",
        Field::PostalCode => "postal-code",
        Field::Slot => "slot",
        Field::Notes => "notes",
        Field::Payment => "payment",
    };
    format!("{uid}-{name}")
}

/// The shopper's words for what is wrong with `field`, if anything (tracking the errors).
/// A PIN code the shop does not deliver to is said as soon as it is typed.
fn field_error(field: Field) -> impl Fn() -> Option<String> + Copy {
    let shop = expect_shop();
    move || {
        shop.watch(|s| {
            let error = s.checkout().errors.iter().find(|e| e.field == field);
            if let Some(error) = error {
                return Some(shop.words.field_problem(error.field, error.problem));
            }
            if field != Field::PostalCode {
                return None;
            }
            match s.charges()?.delivery {
                DeliveryCharge::NotDelivered(pin) => {
                    let pickup = s.config().fulfilments.contains(&Fulfilment::Pickup);
                    Some(shop.words.not_delivered(&pin, pickup))
                }
                _ => None,
            }
        })
    }
}

#[component]
fn FormField(
    field: Field,
    label: Label,
    autocomplete: &'static str,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
    /// Digits only (an Indian PIN code): phones show a number pad.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let shop = expect_shop();
    let id = field_id(shop.uid, field);
    let error_id = format!("{id}-error");
    let error = field_error(field);
    let value = move || shop.form(get);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        shop.edit_form(|draft| set(draft, text));
    };
    let control = if field == Field::Notes {
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
                inputmode=numeric.then_some("numeric")
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
            <p
                class="cc-field__error"
                id=error_id
                aria-live=(field == Field::PostalCode).then_some("polite")
            >
                {error}
            </p>
        </div>
    }
}

/// One of a few options as radio buttons in a labelled group.
#[component]
fn Choice<T>(
    /// The field whose problems show under the group, if it can have any.
    field: Option<Field>,
    legend: Label,
    choices: Vec<(T, Signal<Label>)>,
    get: fn(&Draft) -> T,
    set: fn(&mut Draft, T),
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let shop = expect_shop();
    static GROUPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let group = format!(
        "{}-choice{}",
        shop.uid,
        GROUPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let error = move || field.and_then(|f| field_error(f)());
    let error_id = format!("{group}-error");
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(index, (value, label))| {
            // The group's first option carries the field's id, so focus can find the group.
            let id = match (index, field) {
                (0, Some(field)) => field_id(shop.uid, field),
                _ => format!("{group}-{index}"),
            };
            let label_for = id.clone();
            view! {
                <label class="cc-choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=group.clone()
                        prop:checked=move || shop.form(get) == value
                        on:change=move |_| shop.edit_form(|d| set(d, value))
                    />
                    {move || shop.words.label(label.get())}
                </label>
            }
        })
        .collect_view();
    let described_by = error_id.clone();
    view! {
        <fieldset class="cc-fieldset" aria-describedby=described_by>
            <legend>{shop.words.label(legend)}</legend>
            {options}
            <p class="cc-field__error" id=error_id>{error}</p>
        </fieldset>
    }
}

#[component]
fn SlotField(slots: Vec<String>) -> impl IntoView {
    let shop = expect_shop();
    let id = field_id(shop.uid, Field::Slot);
    let error_id = format!("{id}-error");
    let error = field_error(Field::Slot);
    let options = slots
        .into_iter()
        .map(|slot| {
            let value = slot.clone();
            let chosen = slot.clone();
            view! {
                <option value=value selected=move || shop.form(|f| f.slot == chosen)>
                    {slot}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="cc-field">
            <label for=id.clone()>{shop.words.label(Label::DeliveryTime)}</label>
            <select
                id=id
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=error_id.clone()
                on:change=move |ev| {
                    let slot = event_target_value(&ev);
                    shop.edit_form(|f| f.slot = slot);
                }
            >
                <option value="" selected=move || shop.form(|f| f.slot.is_empty())>
                    {shop.words.label(Label::AnyTime)}
                </option>
                {options}
            </select>
            <p class="cc-field__error" id=error_id>{error}</p>
        </div>
    }
}
