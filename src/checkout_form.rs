use std::sync::atomic::{AtomicUsize, Ordering};

use chatcart_core::checkout::{CheckoutForm as Draft, Field, Fulfilment, Payment};
use chatcart_core::session::Panel;
use chatcart_core::terms::DeliveryCharge;
use chatcart_core::words::Label;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Node};

use crate::browser;
use crate::deliveries;
use crate::dom;
use crate::lazy::split_off;
use crate::shop::Shop;

split_off! {
    checkout =>
    /// The checkout form, in the checkout's chunk (with the review and the order's messages):
    /// fetched once the cart has an item (`read_terms_ahead`), else when first shown.
    pub fn checkout_form_view(shop: Shop) -> dom::Built {
        shop.read_terms();
        let (form, kept) = checkout_form(shop);
        dom::Built::element(form, Box::new(kept))
    }
}

/// Delivery or pickup, who and where, when, notes and how to pay; each field with its own
/// message when it needs fixing. Submitting opens the review of the exact order.
fn checkout_form(shop: Shop) -> (Element, dom::Kept) {
    let words = shop.words;
    // The code that sends the order arrives while the shopper types, not after Place order.
    if shop.config(|c| c.endpoint.is_some()) {
        deliveries::fetch_ahead();
    }
    let rules = shop.config(|c| c.checkout_rules());
    let mut kept = dom::Kept::new();
    let summary = dom::element("p", "cc-checkout__summary").done();
    kept.push(dom::live_text(
        &summary,
        Box::new(move || {
            shop.charges()
                .map(|charges| {
                    let total = shop.format(&charges.total);
                    words.checkout_summary(shop.cart(|c| c.item_count()), &total)
                })
                .unwrap_or_default()
        }),
    ));
    // The minimum of the way of receiving chosen (pickup's may be lower, or none).
    let minimum = dom::element("p", "cc-sums__minimum")
        .attr("role", "status")
        .done();
    kept.push(dom::live_text(
        &minimum,
        Box::new(move || {
            shop.charges()
                .and_then(|charges| charges.short_of_minimum)
                .map(|(minimum, more)| {
                    words.below_minimum(&shop.format(&minimum), &shop.format(&more))
                })
                .unwrap_or_default()
        }),
    ));
    let mut nodes: Vec<Node> = vec![summary.into(), minimum.into()];
    let delivering = {
        let rules = rules.clone();
        move || shop.form(|f| rules.fulfilment_of(f)) == Fulfilment::Delivery
    };
    // With one way to receive the order there is nothing to choose; pickup alone is said.
    match rules.fulfilments.as_slice() {
        [_, _, ..] => {
            let choices = rules
                .fulfilments
                .iter()
                .map(|f| {
                    let label = match f {
                        Fulfilment::Delivery => Label::Delivery,
                        Fulfilment::Pickup => Label::Pickup,
                    };
                    (*f, Box::new(move || label) as Box<dyn Fn() -> Label>)
                })
                .collect();
            let how = Choice {
                field: None,
                legend: Label::HowToReceive,
                choices,
                get: |d| d.fulfilment,
                set: |d, v| d.fulfilment = v,
            };
            nodes.push(how.draw(shop, &mut kept));
        }
        [Fulfilment::Pickup] => {
            let note = dom::element("p", "cc-checkout__note").text(words.label(Label::PickupOnly));
            nodes.push(note.done().into());
        }
        _ => {}
    }
    let text_field = |field, label, autocomplete, get, set| TextField {
        field,
        label,
        autocomplete,
        get,
        set,
        numeric: false,
    };
    let kept = &mut kept;
    nodes.push(
        text_field(
            Field::Name,
            Label::Name,
            "name",
            |d| d.name.clone(),
            |d, v| d.name = v,
        )
        .draw(shop, kept),
    );
    nodes.push(
        text_field(
            Field::Phone,
            Label::Phone,
            "tel",
            |d| d.phone.clone(),
            |d, v| d.phone = v,
        )
        .draw(shop, kept),
    );
    let india = rules.india;
    let address = vec![
        text_field(
            Field::House,
            Label::House,
            "address-line1",
            |d| d.house.clone(),
            |d, v| d.house = v,
        ),
        text_field(
            Field::Area,
            Label::Area,
            "address-line2",
            |d| d.area.clone(),
            |d, v| d.area = v,
        ),
        text_field(
            Field::City,
            Label::City,
            "address-level2",
            |d| d.city.clone(),
            |d, v| d.city = v,
        ),
        text_field(
            Field::Region,
            if india {
                Label::Region
            } else {
                Label::RegionOptional
            },
            "address-level1",
            |d| d.region.clone(),
            |d, v| d.region = v,
        ),
        TextField {
            numeric: india,
            ..text_field(
                Field::PostalCode,
                if india {
                    Label::PinCode
                } else {
                    Label::Postcode
                },
                "postal-code",
                |d| d.postal_code.clone(),
                |d, v| d.postal_code = v,
            )
        },
    ];
    let address: Vec<Node> = address
        .into_iter()
        .map(|field| field.draw(shop, kept))
        .collect();
    // The address is asked only for delivery: its fields come and go before this marker.
    let address_place = dom::marker();
    nodes.push(address_place.clone());
    if !rules.slots.is_empty() {
        nodes.push(slot_field(shop, rules.slots.clone(), kept));
    }
    nodes.push(
        text_field(
            Field::Notes,
            Label::Notes,
            "off",
            |d| d.notes.clone(),
            |d, v| d.notes = v,
        )
        .draw(shop, kept),
    );
    let payments = rules
        .payments
        .iter()
        .map(|p| {
            let label: Box<dyn Fn() -> Label> = match p {
                // Cash is paid on receipt: at the door or at the counter.
                Payment::CashOnDelivery => {
                    let delivering = delivering.clone();
                    Box::new(move || {
                        if delivering() {
                            Label::CashOnDelivery
                        } else {
                            Label::CashAtPickup
                        }
                    })
                }
                Payment::Upi => Box::new(|| Label::Upi),
                Payment::InChat => Box::new(|| Label::PayInChat),
            };
            (*p, label)
        })
        .collect();
    let payment = Choice {
        field: Some(Field::Payment),
        legend: Label::PaymentMethod,
        choices: payments,
        get: |d| d.payment,
        set: |d, v| d.payment = v,
    };
    nodes.push(payment.draw(shop, kept));
    nodes.push(remember(shop, kept));
    let problem = dom::element("p", "cc-checkout__problem")
        .attr("role", "alert")
        .done();
    let blocked = move || {
        shop.watch(|s| {
            s.checkout()
                .blocked
                .as_ref()
                .map(|b| words.order_blocked(b, &|m| shop.format(m)))
        })
    };
    let problem_place = dom::marker();
    nodes.push(problem_place.clone());
    let back = dom::button("cc-button cc-button--secondary")
        .text(words.label(Label::BackToCart))
        .on("click", Box::new(move |_| shop.show_panel(Panel::Cart)));
    let review = dom::element("button", "cc-button")
        .attr("type", "submit")
        .text(words.label(Label::ReviewOrder));
    let actions = dom::element("div", "cc-checkout__actions")
        .child(&back.done())
        .child(&review.done());
    nodes.push(actions.done().into());
    let submit = move |event: Event| {
        event.prevent_default();
        if let Err(errors) = shop.review_order() {
            let form = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let (Some(first), Some(form)) = (errors.first(), form) {
                if let Some(field) = browser::find_near(&form, &field_id(shop.uid, first.field)) {
                    let _ = field.focus();
                }
            }
        }
    };
    let form = dom::element("form", "cc-checkout")
        .attr("novalidate", "")
        .children(&nodes)
        .on("submit", Box::new(submit))
        .done();
    kept.push(dom::live_shown(
        &address_place,
        address,
        Box::new(delivering),
    ));
    kept.push(dom::live_text(
        &problem,
        Box::new(move || blocked().unwrap_or_default()),
    ));
    kept.push(dom::live_shown(
        &problem_place,
        vec![problem.into()],
        Box::new(move || blocked().is_some()),
    ));
    (form, std::mem::take(kept))
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
fn field_error(shop: Shop, field: Field) -> Option<String> {
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

/// The paragraph under a field that says what is wrong with it, and `control`'s
/// `aria-invalid` and `aria-describedby` pointing at it.
fn error_under(shop: Shop, field: Field, control: &Element, kept: &mut dom::Kept) -> Element {
    let id = format!("{}-error", field_id(shop.uid, field));
    let _ = control.set_attribute("aria-describedby", &id);
    kept.push(dom::live_state(
        control,
        "aria-invalid",
        Box::new(move || field_error(shop, field).is_some()),
    ));
    let error = dom::element("p", "cc-field__error").attr("id", &id).done();
    kept.push(dom::live_text(
        &error,
        Box::new(move || field_error(shop, field).unwrap_or_default()),
    ));
    error
}

/// A field of the form: its label, its control (whose id is `id`) and the message under it.
fn labelled(id: &str, label: &str, control: &Element, error: &Element) -> Node {
    let label = dom::element("label", "").attr("for", id).text(label);
    let field = dom::element("div", "cc-field")
        .child(&label.done())
        .child(control)
        .child(error);
    field.done().into()
}

/// A labelled text field of the form, with the message under it.
struct TextField {
    field: Field,
    label: Label,
    autocomplete: &'static str,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
    /// Digits only (an Indian PIN code): phones show a number pad.
    numeric: bool,
}

impl TextField {
    fn draw(self, shop: Shop, kept: &mut dom::Kept) -> Node {
        let TextField {
            field,
            label,
            autocomplete,
            get,
            set,
            numeric,
        } = self;
        let id = field_id(shop.uid, field);
        let control = match field {
            Field::Notes => dom::element("textarea", "").attr("rows", "2"),
            Field::Phone => dom::element("input", "").attr("type", "tel"),
            _ => dom::element("input", "").attr("type", "text"),
        };
        let control = if numeric {
            control.attr("inputmode", "numeric")
        } else {
            control
        };
        let on_input = move |event: Event| {
            let text = dom::value_of(&event);
            shop.edit_form(|draft| set(draft, text));
        };
        let control = control
            .attr("id", &id)
            .attr("autocomplete", autocomplete)
            .on("input", Box::new(on_input))
            .done();
        kept.push(dom::live_value(&control, Box::new(move || shop.form(get))));
        let error = error_under(shop, field, &control, kept);
        if field == Field::PostalCode {
            let _ = error.set_attribute("aria-live", "polite");
        }
        labelled(&id, shop.words.label(label), &control, &error)
    }
}

/// One of a few options as radio buttons in a labelled group.
struct Choice<T> {
    /// The field whose problems show under the group, if it can have any.
    field: Option<Field>,
    legend: Label,
    choices: Vec<(T, Box<dyn Fn() -> Label>)>,
    get: fn(&Draft) -> T,
    set: fn(&mut Draft, T),
}

impl<T: Copy + PartialEq + 'static> Choice<T> {
    fn draw(self, shop: Shop, kept: &mut dom::Kept) -> Node {
        static GROUPS: AtomicUsize = AtomicUsize::new(0);
        let group = format!(
            "{}-choice{}",
            shop.uid,
            GROUPS.fetch_add(1, Ordering::Relaxed)
        );
        let Choice {
            field,
            legend,
            choices,
            get,
            set,
        } = self;
        let mut fieldset = dom::element("fieldset", "cc-fieldset").child(
            &dom::element("legend", "")
                .text(shop.words.label(legend))
                .done(),
        );
        for (index, (value, label)) in choices.into_iter().enumerate() {
            // The group's first option carries the field's id, so focus can find the group.
            let id = match (index, field) {
                (0, Some(field)) => field_id(shop.uid, field),
                _ => format!("{group}-{index}"),
            };
            let radio = dom::element("input", "")
                .attr("type", "radio")
                .attr("id", &id)
                .attr("name", &group)
                .on(
                    "change",
                    Box::new(move |_| shop.edit_form(|d| set(d, value))),
                )
                .done();
            kept.push(dom::live_checked(
                &radio,
                Box::new(move || shop.form(get) == value),
            ));
            let text = dom::element("span", "").done();
            kept.push(dom::live_text(
                &text,
                Box::new(move || shop.words.label(label()).to_owned()),
            ));
            let option = dom::element("label", "cc-choice")
                .attr("for", &id)
                .child(&radio)
                .child(&text);
            fieldset = fieldset.child(&option.done());
        }
        let error_id = format!("{group}-error");
        let error = dom::element("p", "cc-field__error")
            .attr("id", &error_id)
            .done();
        if let Some(field) = field {
            kept.push(dom::live_text(
                &error,
                Box::new(move || field_error(shop, field).unwrap_or_default()),
            ));
        }
        let fieldset = fieldset.attr("aria-describedby", &error_id).child(&error);
        fieldset.done().into()
    }
}

/// The delivery time: any, or one of the shop's slots.
fn slot_field(shop: Shop, slots: Vec<String>, kept: &mut dom::Kept) -> Node {
    let id = field_id(shop.uid, Field::Slot);
    let choose = move |event: Event| {
        let slot = dom::value_of(&event);
        shop.edit_form(|f| f.slot = slot);
    };
    let mut select = dom::element("select", "")
        .attr("id", &id)
        .on("change", Box::new(choose));
    let any_time = std::iter::once((String::new(), shop.words.label(Label::AnyTime).to_owned()));
    for (value, text) in any_time.chain(slots.into_iter().map(|slot| (slot.clone(), slot))) {
        let option = dom::element("option", "")
            .attr("value", &value)
            .text(&text)
            .done();
        kept.push(dom::live_flag(
            &option,
            "selected",
            Box::new(move || shop.form(|f| f.slot == value)),
        ));
        select = select.child(&option);
    }
    let select = select.done();
    let error = error_under(shop, Field::Slot, &select, kept);
    labelled(&id, shop.words.label(Label::DeliveryTime), &select, &error)
}

/// "Remember my details on this device".
fn remember(shop: Shop, kept: &mut dom::Kept) -> Node {
    let id = format!("{}-remember", shop.uid);
    let changed = move |event: Event| {
        let checked = dom::checked_of(&event);
        shop.edit_form(|f| f.remember = checked);
    };
    let checkbox = dom::element("input", "")
        .attr("type", "checkbox")
        .attr("id", &id)
        .on("change", Box::new(changed))
        .done();
    kept.push(dom::live_checked(
        &checkbox,
        Box::new(move || shop.form(|f| f.remember)),
    ));
    let label = dom::element("label", "")
        .attr("for", &id)
        .text(shop.words.label(Label::Remember));
    let field = dom::element("div", "cc-field cc-field--check")
        .child(&checkbox)
        .child(&label.done());
    field.done().into()
}
