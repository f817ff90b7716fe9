//! The order after checkout: its review, its WhatsApp hand-off (link, WhatsApp Web, QR code,
//! copyable text), its progress to the shop's server, and the UPI payment.

use chatcart_core::handoff::LinkForm;
use chatcart_core::outbox::{Delivery, NotSentReason, OutboxEntry};
use chatcart_core::reference::OrderReference;
use chatcart_core::session::Panel;
use chatcart_core::words::Label;
use qrcodegen::{QrCode, QrCodeEcc};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::browser;
use crate::dom;
use crate::lazy::split_off;
use crate::shop::Shop;

split_off! {
    checkout =>
    /// The review, in the checkout's chunk.
    pub fn review_order_view(shop: Shop) -> dom::Built {
        shop.read_terms();
        let (review, kept) = review_order(shop);
        dom::Built::element(review, Box::new(kept))
    }
}

split_off! {
    checkout =>
    /// An order's hand-off message, in the checkout's chunk.
    pub fn order_ready_view(shop: Shop, entry: OutboxEntry) -> dom::Built {
        let (nodes, kept) = order_ready(shop, entry);
        dom::Built::nodes(nodes, Box::new(kept))
    }
}

split_off! {
    checkout =>
    /// An order's progress to the shop's server, in the checkout's chunk.
    pub fn order_status_view(shop: Shop, reference: OrderReference) -> dom::Built {
        let (nodes, kept) = order_status(shop, reference);
        dom::Built::nodes(nodes, Box::new(kept))
    }
}

/// Exactly what the shop will receive, with the button that sends it.
fn review_order(shop: Shop) -> (Element, dom::Kept) {
    let words = shop.words;
    let text = dom::element("pre", "cc-review__text")
        .attr("tabindex", "0")
        .attr("aria-label", words.label(Label::OrderText))
        .done();
    let review_text = move || {
        shop.watch(|s| s.checkout().review.as_ref().map(|p| p.text.clone()))
            .unwrap_or_default()
    };
    let edit = dom::button("cc-button cc-button--secondary")
        .text(words.label(Label::EditDetails))
        .on("click", Box::new(move |_| shop.show_panel(Panel::Checkout)))
        .done();
    let place = dom::button("cc-button")
        .text(words.label(Label::PlaceOrder))
        .on("click", Box::new(move |_| shop.place_order()))
        .done();
    let actions = dom::element("div", "cc-checkout__actions")
        .child(&edit)
        .child(&place);
    let review = dom::element("div", "cc-review")
        .child(&dom::paragraph("", words.label(Label::ReviewExplained)))
        .child(&text)
        .child(&actions.done());
    (
        review.done(),
        vec![dom::live_text(&text, Box::new(review_text))],
    )
}

/// An order to send on WhatsApp: the link first (focused, as the next thing to do), then
/// for desktops WhatsApp Web and a QR code for the phone, and the text to copy. Once a
/// newer order is placed, a note says so instead.
fn order_ready(shop: Shop, entry: OutboxEntry) -> (Vec<Node>, dom::Kept) {
    let words = shop.words;
    let Some(handoff) = entry.whatsapp.clone() else {
        return (Vec::new(), Vec::new());
    };
    let reference = entry.reference;
    let current = move || shop.watch(|s| s.checkout().current_order == Some(reference));
    let mut while_current = Vec::new();
    let note = match handoff.form {
        LinkForm::Full => None,
        LinkForm::Compact => Some(Label::LinkCompacted),
        LinkForm::Summary => Some(Label::LinkSummarised),
    };
    if let Some(note) = note {
        while_current.push(dom::paragraph("", words.label(note)));
    }
    let (upi_link, total_text) = (entry.upi_link.clone(), entry.total_text.clone());
    let followed = move |_| shop.whatsapp_followed(&entry);
    let link = dom::element("a", "cc-whatsapp")
        .attr("href", &handoff.link)
        .attr("target", "_blank")
        .attr("rel", "noopener noreferrer")
        .text(words.label(Label::SendOnWhatsApp))
        .on("click", Box::new(followed))
        .done();
    // An older order's message (drawn again after a reload, say) neither takes the focus
    // nor fetches and draws a QR code that it does not show.
    let shown_current = current();
    if shown_current {
        dom::focus_when_drawn(&link);
    }
    let web = dom::element("a", "cc-link")
        .attr("href", &handoff.web_link)
        .attr("target", "_blank")
        .attr("rel", "noopener noreferrer")
        .text(words.label(Label::OpenWhatsAppWeb));
    let desktop = dom::element("div", "cc-desktop-only")
        .child(&web.done())
        .child(&dom::paragraph("", words.label(Label::ScanToContinue)))
        .done();
    if shown_current {
        qr_code_in(&desktop, &handoff.link, words.label(Label::SendOnWhatsApp));
    }
    while_current.extend([
        link.into(),
        desktop.into(),
        copy_text(shop, &handoff.full_text),
    ]);
    let newer = dom::paragraph("cc-message__muted", words.label(Label::NewerOrder));
    let marker = dom::marker();
    let place = dom::element("div", "").child(&marker).done();
    let kept = vec![
        dom::live_shown(&marker, while_current, Box::new(current)),
        dom::live_shown(&marker, vec![newer], Box::new(move || !current())),
    ];
    let mut nodes = vec![
        dom::paragraph("", &words.order_ready(&reference, &handoff.number)),
        place.into(),
    ];
    if let Some(link) = upi_link {
        nodes.extend(upi_payment(shop, &link, &total_text));
    }
    (nodes, kept)
}

/// The order text in a disclosure, with a button that copies it.
fn copy_text(shop: Shop, text: &str) -> Node {
    let words = shop.words;
    let to_copy = text.to_owned();
    // Said in the paragraph after the button, found from it: the listener holds no element.
    let copy = move |event: web_sys::Event| {
        let said = event
            .target()
            .and_then(|button| button.unchecked_into::<Element>().next_element_sibling());
        let to_copy = to_copy.clone();
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&to_copy).await;
            if let Some(said) = said {
                let label = if ok { Label::Copied } else { Label::CopyFailed };
                dom::set_text(&said, words.label(label));
            }
        });
    };
    let summary = dom::element("summary", "").text(words.label(Label::OrderText));
    let details = dom::element("details", "cc-order-text")
        .child(&summary.done())
        .child(
            &dom::element("pre", "")
                .attr("tabindex", "0")
                .text(text)
                .done(),
        )
        .child(
            &dom::button("cc-button cc-button--secondary")
                .text(words.label(Label::CopyOrderText))
                .on("click", Box::new(copy))
                .done(),
        )
        .child(&dom::element("p", "").attr("role", "status").done());
    details.done().into()
}

/// "Pay ₹783.00 with UPI": the upi:// link for phones, its QR code for desktops.
fn upi_payment(shop: Shop, link: &str, total_text: &str) -> [Node; 2] {
    let label = shop.words.pay_with_upi(total_text);
    let pay = dom::element("a", "cc-button cc-upi")
        .attr("href", link)
        .text(&label);
    let desktop = dom::element("div", "cc-desktop-only")
        .child(&dom::paragraph("", shop.words.label(Label::ScanToPay)))
        .done();
    qr_code_in(&desktop, link, &label);
    [pay.done().into(), desktop.into()]
}

/// An order on its way to the shop's server: where it stands, and what the shopper can do.
fn order_status(shop: Shop, reference: OrderReference) -> (Vec<Node>, dom::Kept) {
    let Some(entry) = shop.peek(|s| s.delivery(&reference).map(|r| r.entry.clone())) else {
        return (Vec::new(), Vec::new());
    };
    let words = shop.words;
    // Only orders' progress is followed, and the buttons (and the UPI code) are drawn
    // again only when this order's state changed: focus stays put, and the log (a live
    // region) does not announce them again.
    let delivery = move || {
        shop.delivery_changes.track();
        shop.peek(|s| s.delivery(&reference).map(|r| r.state.clone()))
            .unwrap_or(Delivery::Sending)
    };
    let status = dom::element("p", "cc-order-status")
        .attr("role", "status")
        .done();
    let actions = dom::element("div", "cc-order-status__actions").done();
    let draw_actions = move |delivery: &Delivery| {
        let mut nodes: Vec<Node> = Vec::new();
        if let Delivery::NotSent {
            reason: NotSentReason::Unreachable,
        } = delivery
        {
            let again = Box::new(move |_| shop.try_again(reference));
            let again = dom::button("cc-button")
                .text(words.label(Label::TryAgain))
                .on("click", again);
            nodes.push(again.done().into());
        }
        if matches!(delivery, Delivery::NotSent { .. }) && entry.whatsapp.is_some() {
            let instead = Box::new(move |_| shop.send_on_whatsapp_instead(reference));
            let instead = dom::button("cc-button cc-button--secondary")
                .text(words.label(Label::SendOnWhatsAppInstead))
                .on("click", instead);
            nodes.push(instead.done().into());
        }
        if let (Delivery::Received { .. }, Some(link)) = (delivery, &entry.upi_link) {
            nodes.extend(upi_payment(shop, link, &entry.total_text));
        }
        dom::Built::nodes(nodes, Box::new(()))
    };
    let kept = vec![
        dom::live_text(
            &status,
            Box::new(move || words.delivery(&reference, &delivery())),
        ),
        dom::live_part(&actions, Box::new(delivery), Box::new(draw_actions)),
    ];
    (vec![status.into(), actions.into()], kept)
}

/// Draws a QR code of `text` as SVG at the end of `parent`: dark modules on a light square
/// with the standard quiet zone. Only on desktops, where a phone can scan it. Longer than a
/// QR code holds: no code (the link and the text remain).
fn qr_code_in(parent: &Element, text: &str, label: &str) {
    if !browser::is_desktop() {
        return;
    }
    let Some((side, path)) = qr_code(text) else {
        return;
    };
    let side = side.to_string();
    let square = dom::svg("rect")
        .attr("width", &side)
        .attr("height", &side)
        .attr("fill", "#fff");
    let modules = dom::svg("path").attr("d", &path).attr("fill", "#000");
    let code = dom::svg("svg")
        .attr("class", "cc-qr")
        .attr("viewBox", &format!("0 0 {side} {side}"))
        .attr("role", "img")
        .attr("aria-label", label)
        .child(&square.done())
        .child(&modules.done());
    let _ = parent.append_child(&code.done());
}

/// The side (with the quiet zone) and the SVG path of the dark modules of `text`'s QR code,
/// None when the text is longer than a QR code holds. In the checkout's chunk with the views
/// that draw it: a chunk of its own cost 698 bytes more of all features, and nearly every
/// order on a desktop fetched it.
fn qr_code(text: &str) -> Option<(i32, String)> {
    // In byte mode, as `encode_text` would choose for a link (its lower case is outside the
    // other modes), without the code that chooses (issue 13).
    let code = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Low).ok()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_links_code_is_the_one_encode_text_chooses() {
        for link in [
            "https://wa.me/919876543210?text=Hi%21%20Order%20CC-7K2M",
            "upi://pay?pa=sharmakirana@okaxis&pn=Sharma%20Kirana&am=279.00&cu=INR",
        ] {
            let (side, path) = qr_code(link).unwrap();
            let chosen = QrCode::encode_text(link, QrCodeEcc::Low).unwrap();
            let size = chosen.size();
            assert_eq!(side, size + 8, "{link}");
            let dark: Vec<(i32, i32)> = (0..size)
                .flat_map(|y| (0..size).map(move |x| (x, y)))
                .filter(|&(x, y)| chosen.get_module(x, y))
                .collect();
            // Each dark module is drawn as "M{x},{y}h1v1h-1z", 4 modules in from the edge.
            let drawn: Vec<(i32, i32)> = path
                .split('M')
                .skip(1)
                .map(|square| {
                    let (x, rest) = square.split_once(',').unwrap();
                    let (y, _) = rest.split_once('h').unwrap();
                    (x.parse::<i32>().unwrap() - 4, y.parse::<i32>().unwrap() - 4)
                })
                .collect();
            assert_eq!(drawn, dark, "{link}");
        }
    }
}
