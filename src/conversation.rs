use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use chatcart_core::catalog::Product;
use chatcart_core::chat::{Heading, Reply};
use chatcart_core::outbox::OutboxEntry;
use chatcart_core::reference::OrderReference;
use chatcart_core::session::{ChatMessage, Content, QuickReply, Session};
use chatcart_core::source::ProductIndex;
use chatcart_core::words::Label;
use leptos::prelude::*;
use leptos::reactive::effect::RenderEffect;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

use crate::chunk_view::from_chunk;
use crate::dom;
use crate::order_views::{order_ready_view, order_status_view};
use crate::product_card::{product_detail_view, product_list};
use crate::shop::Shop;

/// Messages the log shows; earlier ones stay in memory but leave the page.
const SHOWN_MESSAGES: usize = 80;

/// Product lists that keep their cards; older ones fold to their heading, so the page
/// stays small however long the chat.
const LIVE_PRODUCT_LISTS: usize = 2;

/// The message log: a polite live region, so new messages are announced. Messages are
/// only ever added, so each is drawn once, when it is said, and leaves the page when it is
/// older than the last `SHOWN_MESSAGES`.
pub fn conversation(shop: Shop) -> dom::Built {
    let words = shop.words;
    let log = dom::element("div", "cc-log")
        .attr("role", "log")
        .attr("aria-label", words.label(Label::Conversation))
        .attr("aria-live", "polite")
        .done();
    let hidden = dom::element("p", "cc-log__hidden")
        .text(words.label(Label::EarlierMessagesHidden))
        .done();
    let owner = dom::current_owner();
    let mut shown: VecDeque<ShownMessage> = VecDeque::new();
    let draw = RenderEffect::new({
        let log = log.clone();
        move |_| {
            let count = shop.message_count.get();
            let first = count.saturating_sub(SHOWN_MESSAGES);
            while shown.front().is_some_and(|message| message.id < first) {
                if let Some(ShownMessage {
                    node: Some(node), ..
                }) = shown.pop_front()
                {
                    node.remove();
                }
            }
            if count > SHOWN_MESSAGES && hidden.parent_node().is_none() {
                let _ = log.insert_before(&hidden, log.first_child().as_ref());
            }
            let next = shown
                .back()
                .map_or(first, |message| message.id + 1)
                .max(first);
            for id in next..count {
                let scope = dom::Scope::under(&owner);
                let (node, kept) = scope.with(|| message(shop, id)).unzip();
                if let Some(node) = &node {
                    let _ = log.append_child(node);
                }
                shown.push_back(ShownMessage {
                    id,
                    node,
                    _kept: kept.unwrap_or_default(),
                    _scope: scope,
                });
            }
        }
    });
    // Follow the newest message, and what a chunk drew in it.
    let follow = RenderEffect::new({
        let log = log.clone();
        move |_| {
            shop.message_count.track();
            shop.chunk_views_drawn.track();
            let log = log.clone();
            request_animation_frame(move || log.set_scroll_top(log.scroll_height()));
        }
    });
    dom::Built::element(log, Box::new((draw, follow)))
}

/// A message on the page (none when it is gone from the session), with what keeps it up
/// to date and the scope of its signals, all dropped when it leaves (the scope last).
struct ShownMessage {
    id: usize,
    node: Option<Element>,
    _kept: dom::Kept,
    _scope: dom::Scope,
}

/// What a message draws, taken from the session once: a message never changes once said,
/// so what it says is worded here and only what can change stays live.
enum Drawn {
    Opening,
    /// Worded already: the shopper's text or choice, a notice, a failure.
    Said {
        text: String,
        error: bool,
    },
    Reply(Reply),
    Detail(Option<Product>),
    OrderReady(OutboxEntry),
    OrderStatus(OrderReference),
}

fn drawn(shop: Shop, session: &Session, message: &ChatMessage) -> Drawn {
    let words = shop.words;
    let said = |text: String| Drawn::Said { text, error: false };
    match &message.content {
        Content::Opening => Drawn::Opening,
        Content::Shopper(text) => said(text.clone()),
        Content::Chose(quick) => said(words.quick_reply_label(quick, session)),
        Content::Notice(notice) => said(words.notice(notice, &|m| shop.format(m))),
        Content::PieceFailed(failure) => Drawn::Said {
            text: words.piece_failed(failure),
            error: true,
        },
        Content::CatalogFailed(failure) => Drawn::Said {
            text: words.catalog_failed(failure),
            error: true,
        },
        Content::Store(reply) => Drawn::Reply(reply.clone()),
        Content::Detail(product_id) => Drawn::Detail(
            session
                .source()
                .and_then(|source| source.product(product_id).ok().flatten().cloned()),
        ),
        Content::OrderReady(entry) => Drawn::OrderReady((**entry).clone()),
        Content::OrderStatus(reference) => Drawn::OrderStatus(*reference),
    }
}

/// Message `id`, unless it is gone from the session.
fn message(shop: Shop, id: usize) -> Option<(Element, dom::Kept)> {
    let (from_shopper, drawn) = shop.peek(|s| {
        let message = s.conversation().message(id)?;
        Some((message.is_from_shopper(), drawn(shop, s, message)))
    })?;
    let side = if from_shopper {
        "cc-message cc-message--shopper"
    } else {
        "cc-message cc-message--store"
    };
    let words = shop.words;
    let body = dom::element("div", side).done();
    let mut kept = dom::Kept::new();
    let paragraph = |text: &str, class: &str| {
        let paragraph = dom::paragraph(class, text);
        let _ = body.append_child(&paragraph);
        paragraph
    };
    // A view under the message's text: a product's details, or one from a chunk (its
    // loader, and what to say when it cannot be fetched).
    let view = match drawn {
        Drawn::Opening => {
            let opening = move || words.opening(shop.store_name().as_deref());
            kept.push(dom::live_text(&paragraph("", ""), Box::new(opening)));
            None
        }
        Drawn::Said { text, error } => {
            paragraph(&text, if error { "cc-message__error" } else { "" });
            None
        }
        Drawn::Reply(Reply::Products { heading, products }) => {
            paragraph(&words.products_heading(&heading, products.len()), "");
            let list = products_or_folded(shop, id, heading, products, &body);
            kept.push(list);
            None
        }
        Drawn::Reply(reply) => {
            // Names come from the catalog, which may arrive after the reply.
            let text = move || {
                shop.catalog_arrivals.track();
                shop.peek(|s| words.reply(&reply, s.store_name(), s))
            };
            kept.push(dom::live_text(&paragraph("", ""), Box::new(text)));
            None
        }
        Drawn::Detail(Some(product)) => Some(product_detail_view(shop, product)),
        Drawn::Detail(None) => None,
        Drawn::OrderReady(entry) => {
            let load = move |shop| order_ready_view(shop, entry.clone());
            Some(from_chunk(shop, load, Label::OrderNotShown))
        }
        Drawn::OrderStatus(reference) => {
            let load = move |shop| order_status_view(shop, reference);
            Some(from_chunk(shop, load, Label::OrderNotShown))
        }
    };
    if let Some(view) = view {
        kept.push(Box::new(view.append_to(&body)));
    }
    Some((body, kept))
}

/// In product list message `id`, its products (at `places`) while it is one of the newest
/// `LIVE_PRODUCT_LISTS`, else a note that they are hidden and a button that shows them
/// again; appended to `body`.
fn products_or_folded(
    shop: Shop,
    id: usize,
    heading: Heading,
    places: Vec<ProductIndex>,
    body: &Element,
) -> Box<dyn Any> {
    let words = shop.words;
    let reply = Reply::Products {
        heading,
        products: places.clone(),
    };
    let live = move || {
        shop.message_count.track();
        shop.peek(|s| {
            s.conversation()
                .live_product_lists(LIVE_PRODUCT_LISTS)
                .contains(&id)
        })
    };
    let draw = move |live: &bool| {
        if *live {
            let (nodes, kept) = product_list(shop, places.clone());
            return dom::Built::new(nodes, kept);
        }
        let reply = reply.clone();
        let again = dom::button("cc-more")
            .text(words.label(Label::ShowAgain))
            .on("click", Box::new(move |_| shop.show_again(reply.clone())));
        let note = dom::paragraph("cc-message__muted", words.label(Label::OlderResultsHidden));
        dom::Built::nodes(vec![note, again.done().into()], Box::new(()))
    };
    dom::live_part(body, Box::new(live), Box::new(draw))
}

/// Quick replies that fit the newest store message. Their buttons are reused as they
/// change, as Leptos did: the one with the focus keeps it.
pub fn quick_replies(shop: Shop) -> dom::Built {
    let words = shop.words;
    let group = dom::element("div", "cc-quick-replies")
        .attr("role", "group")
        .attr("aria-label", words.label(Label::SuggestedReplies))
        .done();
    // Each button and the reply it chooses.
    let mut buttons: Vec<(Element, Rc<RefCell<QuickReply>>)> = Vec::new();
    let draw = RenderEffect::new({
        let group = group.clone();
        move |_| {
            let replies = shop.quick_replies();
            for gone in buttons.drain(replies.len().min(buttons.len())..) {
                gone.0.remove();
            }
            for (at, quick) in replies.into_iter().enumerate() {
                let label = shop.peek(|s| words.quick_reply_label(&quick, s));
                if let Some((button, chooses)) = buttons.get(at) {
                    dom::set_text(button, &label);
                    *chooses.borrow_mut() = quick;
                    continue;
                }
                let chooses = Rc::new(RefCell::new(quick));
                let choice = Rc::clone(&chooses);
                let button = dom::button("cc-chip")
                    .text(&label)
                    .on(
                        "click",
                        Box::new(move |_| {
                            let quick = choice.borrow().clone();
                            shop.choose(quick);
                        }),
                    )
                    .done();
                let _ = group.append_child(&button);
                buttons.push((button, chooses));
            }
        }
    });
    dom::Built::element(group, Box::new(draw))
}

/// The text box and Send button. What is typed stays in the box until it is sent.
pub fn composer(shop: Shop) -> dom::Built {
    let words = shop.words;
    let input = dom::element("input", "cc-composer__input")
        .attr("type", "text")
        .attr("aria-label", words.label(Label::Message))
        .attr("placeholder", words.label(Label::MessagePlaceholder))
        .attr("autocomplete", "off")
        .attr("enterkeyhint", "send")
        .attr("maxlength", "200")
        .on(
            "input",
            Box::new(move |ev| shop.typing(&dom::value_of(&ev))),
        )
        .done()
        .unchecked_into::<HtmlInputElement>();
    // The page opened the shop: the message box is where to start.
    let focus = dom::live(Box::new({
        let input = input.clone();
        move || {
            if shop.focus_composer.get() > 0 {
                dom::focus_when_drawn(&input);
            }
        }
    }));
    // The box is found from the form, not held: a listener holding its element's node
    // would never be freed.
    let send = move |ev: Event| {
        ev.prevent_default();
        let form = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok());
        let Some(input) = form
            .and_then(|form| form.first_element_child())
            .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let text = input.value();
        if !text.trim().is_empty() {
            input.set_value("");
            shop.say(&text);
        }
        let _ = input.focus();
    };
    let send_button = dom::element("button", "cc-composer__send")
        .attr("type", "submit")
        .text(words.label(Label::Send));
    let form = dom::element("form", "cc-composer")
        .on("submit", Box::new(send))
        .child(&input)
        .child(&send_button.done());
    dom::Built::element(form.done(), Box::new(focus))
}
