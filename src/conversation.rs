use chatcart_core::chat::{Intent, Reply};
use leptos::html;
use leptos::prelude::*;

use crate::copy::Label;
use crate::order_views::{OrderReadyMessage, OrderStatusMessage};
use crate::product_card::{ProductDetail, ProductList};
use crate::state::{expect_shop, CatalogState, ChatMessage, Content, Panel, QuickReply};

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
    // Follow the newest message.
    Effect::new(move |_| {
        shop.messages.with(Vec::len);
        request_animation_frame(move || {
            if let Some(log) = log.get_untracked() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    });
    view! {
                <div class="cc-log" role="log" aria-label=shop.words.label(Label::Conversation) aria-live="polite" node_ref=log>
            <Show when=move || shop.messages.with(|m| m.len() > SHOWN_MESSAGES)>
                <p class="cc-log__hidden">{shop.words.label(Label::EarlierMessagesHidden)}</p>
            </Show>
            <For
                each=move || {
                    shop.messages.with(|m| m[m.len().saturating_sub(SHOWN_MESSAGES)..].to_vec())
                }
                key=|message| message.id
                children=|message| view! { <Message message /> }
            />
        </div>
    }
}

#[component]
fn Message(message: ChatMessage) -> impl IntoView {
    let shop = expect_shop();
    let side = if message.is_from_shopper() {
        "cc-message cc-message--shopper"
    } else {
        "cc-message cc-message--store"
    };
    let body = match message.content {
        Content::Opening => {
            view! { <p>{move || shop.words.opening(&shop.store_name())}</p> }.into_any()
        }
        Content::Shopper(text) => view! { <p>{text}</p> }.into_any(),
        Content::Store(Reply::Products {
            heading,
            product_ids,
        }) => {
            let id = message.id;
            let text = shop.words.products_heading(&heading, product_ids.len());
            let reply = StoredValue::new(Reply::Products {
                heading,
                product_ids: product_ids.clone(),
            });
            let live = move || {
                shop.messages.with(|messages| {
                    messages
                        .iter()
                        .rev()
                        .filter(|m| matches!(m.content, Content::Store(Reply::Products { .. })))
                        .take(LIVE_PRODUCT_LISTS)
                        .any(|m| m.id == id)
                })
            };
            view! {
                <p>{text}</p>
                <Show
                    when=live
                    fallback=move || {
                        view! {
                            <p class="cc-message__muted">{shop.words.label(Label::OlderResultsHidden)}</p>
                            <button type="button" class="cc-more" on:click=move |_| shop.show_again(reply.get_value())>
                                {shop.words.label(Label::ShowAgain)}
                            </button>
                        }
                    }
                >
                    <ProductList product_ids=product_ids.clone() />
                </Show>
            }
            .into_any()
        }
        Content::Store(reply) => view! { <p>{move || shop.reply_text(&reply)}</p> }.into_any(),
        Content::CatalogFailed(reason) => {
            view! { <p class="cc-message__error">{shop.words.catalog_failed(&reason)}</p> }
                .into_any()
        }
        Content::Notice(text) => view! { <p>{text}</p> }.into_any(),
        Content::Detail(product_id) => {
            let product = shop
                .with_catalog(|c| c.product(&product_id).cloned())
                .flatten();
            view! { {product.map(|product| view! { <ProductDetail product /> })} }.into_any()
        }
        Content::OrderReady(entry) => view! { <OrderReadyMessage entry=*entry /> }.into_any(),
        Content::OrderStatus(entry) => view! { <OrderStatusMessage entry=*entry /> }.into_any(),
    };
    view! { <div class=side>{body}</div> }
}

/// Quick replies that fit the newest store message.
#[component]
pub fn QuickReplies() -> impl IntoView {
    let shop = expect_shop();
    let replies = move || {
        // The panel covers the conversation these replies answer.
        if shop.panel.get() != Panel::Closed {
            return Vec::new();
        }
        let categories = || -> Vec<QuickReply> {
            shop.with_catalog(|c| {
                c.categories
                    .iter()
                    .map(|c| QuickReply::Say(Intent::Category(c.id.clone())))
                    .collect()
            })
            .unwrap_or_default()
        };
        let main = || {
            vec![
                QuickReply::Say(Intent::Browse),
                QuickReply::Say(Intent::Search(String::new())),
                QuickReply::Say(Intent::Cart),
            ]
        };
        let mut replies =
            shop.messages
                .with(|messages| match messages.last().map(|m| &m.content) {
                    Some(Content::Opening) => vec![QuickReply::Say(Intent::Greet)],
                    Some(Content::Store(Reply::Categories)) => categories(),
                    Some(Content::Store(Reply::WhichOne {
                        candidates,
                        quantity,
                    })) => candidates
                        .iter()
                        .map(|id| QuickReply::Add {
                            retailer_id: id.clone(),
                            quantity: *quantity,
                        })
                        .collect(),
                    Some(Content::Store(Reply::Subcategories { category, names })) => {
                        std::iter::once(QuickReply::Say(Intent::WholeCategory(category.clone())))
                            .chain(names.iter().map(|name| {
                                QuickReply::Say(Intent::Subcategory {
                                    category: category.clone(),
                                    name: name.clone(),
                                })
                            }))
                            .collect()
                    }
                    Some(Content::Store(Reply::CartCleared)) => {
                        vec![QuickReply::UndoClear, QuickReply::Say(Intent::Browse)]
                    }
                    Some(Content::Store(Reply::WhichToRemove { candidates })) => candidates
                        .iter()
                        .map(|id| QuickReply::Remove {
                            retailer_id: id.clone(),
                        })
                        .collect(),
                    Some(Content::Store(
                        Reply::Products { .. } | Reply::Added { .. } | Reply::Removed { .. },
                    )) => vec![
                        QuickReply::Say(Intent::Browse),
                        QuickReply::Say(Intent::Cart),
                        QuickReply::Say(Intent::Checkout),
                    ],
                    Some(
                        Content::Shopper(_)
                        | Content::OrderReady(_)
                        | Content::OrderStatus(_)
                        | Content::CatalogFailed(_),
                    ) => Vec::new(),
                    _ => main(),
                });
        // Retrying is offered for as long as the catalog is missing, not only right after it failed.
        if shop.catalog.with(|c| matches!(c, CatalogState::Failed(_))) {
            replies.insert(0, QuickReply::RetryCatalog);
        }
        replies
    };
    view! {
        <div class="cc-quick-replies" role="group" aria-label=shop.words.label(Label::SuggestedReplies)>
            {move || {
                replies()
                    .into_iter()
                    .map(|quick| {
                        let label = shop.quick_reply_label(&quick);
                        view! {
                            <button type="button" class="cc-chip" on:click=move |_| shop.choose(&quick)>
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
                on:input=move |ev| draft.set(event_target_value(&ev))
            />
            <button type="submit" class="cc-composer__send">
                {shop.words.label(Label::Send)}
            </button>
        </form>
    }
}
