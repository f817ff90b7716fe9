//! The order after checkout: its review, its WhatsApp hand-off (link, WhatsApp Web, QR code,
//! copyable text), its progress to the shop's server, and the UPI payment.

use chatcart_core::handoff::LinkForm;
use chatcart_core::outbox::{Delivery, NotSentReason, OutboxEntry};
use chatcart_core::reference::OrderReference;
use chatcart_core::session::Panel;
use chatcart_core::words::Label;
use leptos::html;
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

use crate::browser;
use crate::lazy::split_off;
use crate::shop::expect_shop;

split_off! {
    checkout =>
    /// The review, in the checkout's chunk.
    pub fn review_order_view() -> AnyView {
        expect_shop().read_terms();
        view! { <ReviewOrder /> }.into_any()
    }
}

split_off! {
    checkout =>
    /// An order's hand-off message, in the checkout's chunk.
    pub fn order_ready_view(entry: OutboxEntry) -> AnyView {
        view! { <OrderReadyMessage entry /> }.into_any()
    }
}

split_off! {
    checkout =>
    /// An order's progress to the shop's server, in the checkout's chunk.
    pub fn order_status_view(reference: OrderReference) -> AnyView {
        view! { <OrderStatusMessage reference /> }.into_any()
    }
}

/// Exactly what the shop will receive, with the button that sends it.
#[component]
fn ReviewOrder() -> impl IntoView {
    let shop = expect_shop();
    let text = move || {
        shop.watch(|s| s.checkout().review.as_ref().map(|p| p.text.clone()))
            .unwrap_or_default()
    };
    view! {
        <div class="cc-review">
            <p>{shop.words.label(Label::ReviewExplained)}</p>
            <pre class="cc-review__text" tabindex="0" aria-label=shop.words.label(Label::OrderText)>
                {text}
            </pre>
            <div class="cc-checkout__actions">
                <button type="button" class="cc-button cc-button--secondary" on:click=move |_| shop.show_panel(Panel::Checkout)>
                    {shop.words.label(Label::EditDetails)}
                </button>
                <button type="button" class="cc-button" on:click=move |_| shop.place_order()>
                    {shop.words.label(Label::PlaceOrder)}
                </button>
            </div>
        </div>
    }
}

/// An order to send on WhatsApp: the link first (focused, as the next thing to do), then
/// for desktops WhatsApp Web and a QR code for the phone, and the text to copy.
#[component]
fn OrderReadyMessage(entry: OutboxEntry) -> impl IntoView {
    let shop = expect_shop();
    let Some(handoff) = entry.whatsapp.clone() else {
        return ().into_any();
    };
    let reference = entry.reference;
    let total_text = entry.total_text.clone();
    let upi_link = entry.upi_link.clone();
    let entry = StoredValue::new(entry);
    let current = move || shop.watch(|s| s.checkout().current_order == Some(reference));
    let link_ref = NodeRef::<html::A>::new();
    Effect::new(move |_| {
        if let Some(link) = link_ref.get() {
            let _ = link.focus();
        }
    });
    let note = match handoff.form {
        LinkForm::Full => None,
        LinkForm::Compact => Some(Label::LinkCompacted),
        LinkForm::Summary => Some(Label::LinkSummarised),
    };
    let link = handoff.link.clone();
    let full_text = handoff.full_text.clone();
    view! {
        <p>{shop.words.order_ready(&reference, &handoff.number)}</p>
        <Show
            when=current
            fallback=move || view! { <p class="cc-message__muted">{shop.words.label(Label::NewerOrder)}</p> }
        >
            {note.map(|note| view! { <p>{shop.words.label(note)}</p> })}
            <a
                class="cc-whatsapp"
                href=link.clone()
                target="_blank"
                rel="noopener noreferrer"
                node_ref=link_ref
                on:click=move |_| entry.with_value(|e| shop.whatsapp_followed(e))
            >
                {shop.words.label(Label::SendOnWhatsApp)}
            </a>
            <div class="cc-desktop-only">
                <a class="cc-link" href=handoff.web_link.clone() target="_blank" rel="noopener noreferrer">
                    {shop.words.label(Label::OpenWhatsAppWeb)}
                </a>
                <p>{shop.words.label(Label::ScanToContinue)}</p>
                <Qr text=link.clone() label=shop.words.label(Label::SendOnWhatsApp).to_owned() />
            </div>
            <CopyText text=full_text.clone() />
        </Show>
        {upi_link.map(|link| view! { <UpiPayment link total_text=total_text.clone() /> })}
    }
    .into_any()
}

/// The order text in a disclosure, with a button that copies it.
#[component]
fn CopyText(text: String) -> impl IntoView {
    let shop = expect_shop();
    let copied = RwSignal::new(None::<bool>);
    let to_copy = StoredValue::new(text.clone());
    let copy = move |_| {
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&to_copy.get_value()).await;
            copied.set(Some(ok));
        });
    };
    view! {
        <details class="cc-order-text">
            <summary>{shop.words.label(Label::OrderText)}</summary>
            <pre tabindex="0">{text}</pre>
            <button type="button" class="cc-button cc-button--secondary" on:click=copy>
                {shop.words.label(Label::CopyOrderText)}
            </button>
            <p role="status">
                {move || {
                    copied
                        .get()
                        .map(|ok| shop.words.label(if ok { Label::Copied } else { Label::CopyFailed }))
                }}
            </p>
        </details>
    }
}

/// "Pay ₹783.00 with UPI": the upi:// link for phones, its QR code for desktops.
#[component]
fn UpiPayment(link: String, total_text: String) -> impl IntoView {
    let shop = expect_shop();
    let label = shop.words.pay_with_upi(&total_text);
    view! {
        <a class="cc-button cc-upi" href=link.clone()>{label.clone()}</a>
        <div class="cc-desktop-only">
            <p>{shop.words.label(Label::ScanToPay)}</p>
            <Qr text=link label=label />
        </div>
    }
}

/// An order on its way to the shop's server: where it stands, and what the shopper can do.
#[component]
fn OrderStatusMessage(reference: OrderReference) -> impl IntoView {
    let shop = expect_shop();
    let Some(entry) = shop.peek(|s| s.delivery(&reference).map(|r| r.entry.clone())) else {
        return ().into_any();
    };
    let entry = StoredValue::new(entry);
    // Only orders' progress redraws the buttons (and the UPI code), so focus stays put
    // while the shopper types or shops.
    let delivery = move || {
        shop.delivery_changes.track();
        shop.peek(|s| s.delivery(&reference).map(|r| r.state.clone()))
            .unwrap_or(Delivery::Sending)
    };
    let text = move || shop.words.delivery(&reference, &delivery());
    let actions = move || {
        let delivery = delivery();
        let can_retry = matches!(
            delivery,
            Delivery::NotSent {
                reason: NotSentReason::Unreachable
            }
        );
        let offer_whatsapp = matches!(delivery, Delivery::NotSent { .. })
            && entry.with_value(|e| e.whatsapp.is_some());
        let paid_by_upi = matches!(delivery, Delivery::Received { .. });
        view! {
            {can_retry
                .then(|| {
                    view! {
                        <button type="button" class="cc-button" on:click=move |_| shop.try_again(reference)>
                            {shop.words.label(Label::TryAgain)}
                        </button>
                    }
                })}
            {offer_whatsapp
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="cc-button cc-button--secondary"
                            on:click=move |_| shop.send_on_whatsapp_instead(reference)
                        >
                            {shop.words.label(Label::SendOnWhatsAppInstead)}
                        </button>
                    }
                })}
            {paid_by_upi
                .then(|| entry.with_value(|e| e.upi_link.clone().map(|link| (link, e.total_text.clone()))))
                .flatten()
                .map(|(link, total_text)| view! { <UpiPayment link total_text /> })}
        }
    };
    view! {
        <p class="cc-order-status" role="status">{text}</p>
        <div class="cc-order-status__actions">{actions}</div>
    }
    .into_any()
}

/// A QR code of `text` as SVG: dark modules on a light square with the standard quiet zone.
#[component]
fn Qr(text: String, label: String) -> impl IntoView {
    let drawn = RwSignal::new(None::<(i32, String)>);
    // Shown only on desktops: a phone neither fetches the encoder nor draws.
    if browser::is_desktop() {
        leptos::task::spawn_local(async move {
            // Longer than a QR code holds (None): the link and the text remain. The code may
            // arrive after the message has gone (a newer order): then it is dropped.
            // Code that could not be fetched: the same; the chunk is asked for again next time.
            if let Ok(Some(code)) = qr_svg_path(text).await {
                let _ = drawn.try_set(Some(code));
            }
        });
    }
    move || {
        drawn.get().map(|(side, path)| {
            view! {
                <svg class="cc-qr" viewBox=format!("0 0 {side} {side}") role="img" aria-label=label.clone()>
                    <rect width=side height=side fill="#fff"></rect>
                    <path d=path fill="#000"></path>
                </svg>
            }
        })
    }
}

split_off! {
    qr_code =>
    /// The side (with the quiet zone) and the SVG path of the dark modules of `text`'s QR
    /// code, None when the text is longer than a QR code holds; from its own wasm chunk,
    /// fetched when the first code is drawn.
    fn qr_svg_path(text: String) -> Option<(i32, String)> {
        qr_code(&text)
    }
}

fn qr_code(text: &str) -> Option<(i32, String)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    const QUIET: i32 = 4;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
            }
        }
    }
    Some((size + 2 * QUIET, path))
}
