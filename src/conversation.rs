use chatcart_core::catalog::Product;
use chatcart_core::chat::Reply;
use chatcart_core::outbox::OutboxEntry;
use chatcart_core::reference::OrderReference;
use chatcart_core::session::{ChatMessage, Content, Session};
use chatcart_core::words::Label;
use leptos::html;
use leptos::prelude::*;

use crate::chunk_view::FromChunk;
use crate::order_views::{order_ready_view, order_status_view};
use crate::product_card::{product_detail_view, ProductList};
use crate::shop::{expect_shop, Shop};

/// Messages the log shows; earlier ones stay in memory but leave the page.
const SHOWN_MESSAGES: usize = 80;

/// Product lists that keep their cards; older ones fold to their heading, so the page
/// stays small however long the chat.
const LIVE_PRODUCT_LISTS: usize = 2;

/// The message log: a polite live region, so new messages are announced.
#[component]
pub fn Conversation() -> impl IntoView {
    let shop = expect_shop();
    let log = NodeRef::<html::Div>::new();
    // Follow the newest message, and what a chunk drew in it.
    Effect::new(move |_| {
        shop.message_count.track();
        shop.chunk_views_drawn.track();
        request_animation_frame(move || {
            if let Some(log) = log.get_untracked() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    });
    view! {
                <div class="cc-log" role="log" aria-label=shop.words.label(Label::Conversation) aria-live="polite" node_ref=log>
            <Show when=move || { shop.message_count.get() > SHOWN_MESSAGES }>
                <p class="cc-log__hidden">{shop.words.label(Label::EarlierMessagesHidden)}</p>
            </Show>
            <For
                each=move || {
                    let count = shop.message_count.get();
                    count.saturating_sub(SHOWN_MESSAGES)..count
                }
                key=|id| *id
                children=|id| view! { <Message id /> }
            />
        </div>
    }
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

#[component]
fn Message(id: usize) -> impl IntoView {
    let shop = expect_shop();
    let Some((from_shopper, drawn)) = shop.peek(|s| {
        let message = s.conversation().message(id)?;
        Some((message.is_from_shopper(), drawn(shop, s, message)))
    }) else {
        return ().into_any();
    };
    let side = if from_shopper {
        "cc-message cc-message--shopper"
    } else {
        "cc-message cc-message--store"
    };
    let words = shop.words;
    let body = match drawn {
        Drawn::Opening => {
            view! { <p>{move || words.opening(shop.store_name().as_deref())}</p> }.into_any()
        }
        Drawn::Said { text, error: false } => view! { <p>{text}</p> }.into_any(),
        Drawn::Said { text, error: true } => {
            view! { <p class="cc-message__error">{text}</p> }.into_any()
        }
        Drawn::Reply(Reply::Products { heading, products }) => {
            let text = words.products_heading(&heading, products.len());
            let reply = StoredValue::new(Reply::Products {
                heading,
                products: products.clone(),
            });
            let live = move || {
                shop.message_count.track();
                shop.peek(|s| {
                    s.conversation()
                        .live_product_lists(LIVE_PRODUCT_LISTS)
                        .contains(&id)
                })
            };
            view! {
                <p>{text}</p>
                <Show
                    when=live
                    fallback=move || {
                        view! {
                            <p class="cc-message__muted">{words.label(Label::OlderResultsHidden)}</p>
                            <button type="button" class="cc-more" on:click=move |_| shop.show_again(reply.get_value())>
                                {words.label(Label::ShowAgain)}
                            </button>
                        }
                    }
                >
                    <ProductList places=products.clone() />
                </Show>
            }
            .into_any()
        }
        Drawn::Reply(reply) => {
            // Names come from the catalog, which may arrive after the reply.
            let text = move || {
                shop.catalog_arrivals.track();
                shop.peek(|s| words.reply(&reply, s.store_name(), s))
            };
            view! { <p>{text}</p> }.into_any()
        }
        Drawn::Detail(Some(product)) => {
            let load = move || product_detail_view(product.clone());
            view! { <FromChunk load failed=Label::DetailsNotLoaded /> }.into_any()
        }
        Drawn::Detail(None) => ().into_any(),
        Drawn::OrderReady(entry) => {
            let load = move || order_ready_view(entry.clone());
            view! { <FromChunk load failed=Label::OrderNotShown /> }.into_any()
        }
        Drawn::OrderStatus(reference) => {
            let load = move || order_status_view(reference);
            view! { <FromChunk load failed=Label::OrderNotShown /> }.into_any()
        }
    };
    view! { <div class=side>{body}</div> }.into_any()
}

/// Quick replies that fit the newest store message.
#[component]
pub fn QuickReplies() -> impl IntoView {
    let shop = expect_shop();
    view! {
        <div class="cc-quick-replies" role="group" aria-label=shop.words.label(Label::SuggestedReplies)>
            {move || {
                shop.quick_replies()
                    .into_iter()
                    .map(|quick| {
                        let label = shop.peek(|s| shop.words.quick_reply_label(&quick, s));
                        view! {
                            <button type="button" class="cc-chip" on:click=move |_| shop.choose(quick.clone())>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The text box and Send button.
#[component]
pub fn Composer() -> impl IntoView {
    let shop = expect_shop();
    let draft = RwSignal::new(String::new());
    let input = NodeRef::<html::Input>::new();
    // The page opened the shop: the message box is where to start.
    Effect::new(move |_| {
        if shop.focus_composer.get() > 0 {
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        if !text.trim().is_empty() {
            draft.set(String::new());
            shop.say(&text);
        }
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    };
    view! {
        <form class="cc-composer" on:submit=send>
            <input
                class="cc-composer__input"
                type="text"
                aria-label=shop.words.label(Label::Message)
                placeholder=shop.words.label(Label::MessagePlaceholder)
                autocomplete="off"
                enterkeyhint="send"
                maxlength="200"
                node_ref=input
                prop:value=move || draft.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    shop.typing(&text);
                    draft.set(text);
                }
            />
            <button type="submit" class="cc-composer__send">
                {shop.words.label(Label::Send)}
            </button>
        </form>
    }
}
