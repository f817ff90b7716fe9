//! The conversation: what was said, by whom, and which quick replies fit the newest
//! message. Messages are never changed once said; what they show that can change (an
//! order's progress) is looked up by the view.

use crate::cart::{Cart, CartChange, StoredCartError};
use crate::chat::{Intent, Reply};
use crate::config::ConfigProblem;
use crate::outbox::OutboxEntry;
use crate::reference::OrderReference;
use crate::retailer_id::RetailerId;

use super::catalog_state::CatalogFailure;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub id: usize,
    pub content: Content,
}

impl ChatMessage {
    pub fn is_from_shopper(&self) -> bool {
        matches!(self.content, Content::Shopper(_) | Content::Chose(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// The welcome line the chat opens with.
    Opening,
    Shopper(String),
    /// What the shopper's message or choice got as an answer.
    Store(Reply),
    /// A quick reply the shopper chose, shown as their message.
    Chose(QuickReply),
    CatalogFailed(CatalogFailure),
    /// A piece of a catalog that arrives in pieces could not be had.
    PieceFailed(CatalogFailure),
    Notice(Notice),
    /// A product's details, by product id.
    Detail(String),
    /// An order to send on WhatsApp (its `whatsapp` is set).
    OrderReady(Box<OutboxEntry>),
    /// An order on its way to the shop's endpoint; where it stands is in the deliveries.
    OrderStatus(OrderReference),
}

/// Things the shop tells the shopper that are not answers to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The page's settings had a problem; a default is used.
    SetupProblem(ConfigProblem),
    /// The saved cart could not be read; it was set aside and the cart starts empty.
    CartSetAside(StoredCartError),
    /// Orders saved on this device could not be read: set aside, not sent.
    OrdersSetAside,
    /// The saved name and address could not be read.
    DetailsUnreadable,
    /// Storage refuses the cart: it lives while the page is open.
    CartNotSaved,
    /// The saved cart met the catalog: what changed since the last visit.
    CartChanged(Vec<CartChange>),
    /// "Undo" put back the cleared cart.
    CartRestored,
    /// The shopper asked for something before the catalog arrived; it is answered then.
    CatalogStillLoading,
    /// The shopper followed the WhatsApp link.
    OrderSent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickReply {
    Say(Intent),
    RetryCatalog,
    /// One of the products offered for an order.
    Add {
        retailer_id: RetailerId,
        quantity: u32,
    },
    /// One of the cart lines offered for a removal.
    Remove {
        retailer_id: RetailerId,
    },
    /// Puts back the cart the shopper just cleared.
    UndoClear,
}

/// The messages so far, and the cart as it was before "clear cart", for Undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// A message's id is its place in this list.
    messages: Vec<ChatMessage>,
    cleared: Option<Cart>,
}

impl Default for Conversation {
    fn default() -> Self {
        Conversation {
            messages: vec![ChatMessage {
                id: 0,
                content: Content::Opening,
            }],
            cleared: None,
        }
    }
}

impl Conversation {
    pub fn messages(&self) -> &[ChatMessage] {
        &self.messages
    }

    pub fn message(&self, id: usize) -> Option<&ChatMessage> {
        self.messages.get(id)
    }

    pub fn push(&mut self, content: Content) {
        self.messages.push(ChatMessage {
            id: self.messages.len(),
            content,
        });
    }

    pub fn notice(&mut self, notice: Notice) {
        self.push(Content::Notice(notice));
    }

    pub fn remember_cleared(&mut self, cart: Cart) {
        self.cleared = Some(cart);
    }

    pub fn take_cleared(&mut self) -> Option<Cart> {
        self.cleared.take()
    }

    /// Ids of the newest `count` messages that list products: older lists fold away.
    pub fn live_product_lists(&self, count: usize) -> Vec<usize> {
        self.messages
            .iter()
            .rev()
            .filter(|m| matches!(m.content, Content::Store(Reply::Products { .. })))
            .take(count)
            .map(|m| m.id)
            .collect()
    }

    /// The quick replies that fit the newest message but a set-up problem. `categories` are
    /// the catalog's category ids (empty until it is known); `catalog_failed` offers a retry
    /// for as long as the catalog is missing, not only right after it failed.
    pub fn quick_replies(&self, categories: &[String], catalog_failed: bool) -> Vec<QuickReply> {
        let say = QuickReply::Say;
        // A set-up problem is told for the merchant, at start or once the shop's terms are
        // read: the shopper's replies follow the conversation before it.
        let newest = self
            .messages
            .iter()
            .rev()
            .map(|m| &m.content)
            .find(|content| !matches!(content, Content::Notice(Notice::SetupProblem(_))));
        let mut replies = match newest {
            Some(Content::Opening) => vec![say(Intent::Greet)],
            Some(Content::Store(Reply::Categories)) => categories
                .iter()
                .map(|id| say(Intent::Category(id.clone())))
                .collect(),
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
                std::iter::once(say(Intent::WholeCategory(category.clone())))
                    .chain(names.iter().map(|name| {
                        say(Intent::Subcategory {
                            category: category.clone(),
                            name: name.clone(),
                        })
                    }))
                    .collect()
            }
            Some(Content::Store(Reply::CartCleared)) => {
                vec![QuickReply::UndoClear, say(Intent::Browse)]
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
                say(Intent::Browse),
                say(Intent::Cart),
                say(Intent::Checkout),
            ],
            Some(
                Content::Shopper(_)
                | Content::Chose(_)
                | Content::OrderReady(_)
                | Content::OrderStatus(_)
                | Content::CatalogFailed(_),
            ) => Vec::new(),
            _ => vec![
                say(Intent::Browse),
                say(Intent::Search(String::new())),
                say(Intent::Cart),
            ],
        };
        if catalog_failed {
            replies.insert(0, QuickReply::RetryCatalog);
        }
        replies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(content: Content) -> Conversation {
        let mut conversation = Conversation::default();
        conversation.push(content);
        conversation
    }

    #[test]
    fn the_opening_offers_a_greeting_and_a_failed_catalog_a_retry_first() {
        let conversation = Conversation::default();
        assert_eq!(
            conversation.quick_replies(&[], false),
            [QuickReply::Say(Intent::Greet)]
        );
        assert_eq!(
            conversation.quick_replies(&[], true),
            [QuickReply::RetryCatalog, QuickReply::Say(Intent::Greet)]
        );
    }

    #[test]
    fn a_set_up_problem_leaves_the_replies_of_the_message_before_it() {
        let problem = || Content::Notice(Notice::SetupProblem(ConfigProblem::NoWayToReceive));
        let mut conversation = Conversation::default();
        conversation.push(problem());
        assert_eq!(
            conversation.quick_replies(&[], false),
            [QuickReply::Say(Intent::Greet)]
        );
        let mut conversation = after(Content::Store(Reply::WhichOne {
            candidates: vec!["atta-5kg".into(), "atta-10kg".into()],
            quantity: 1,
        }));
        conversation.push(problem());
        let candidates: Vec<_> = conversation
            .quick_replies(&[], false)
            .into_iter()
            .map(|reply| match reply {
                QuickReply::Add { retailer_id, .. } => retailer_id,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(candidates, ["atta-5kg", "atta-10kg"]);
    }

    #[test]
    fn replies_offer_what_fits_them() {
        let categories = ["dairy".to_owned(), "staples".to_owned()];
        assert_eq!(
            after(Content::Store(Reply::Categories)).quick_replies(&categories, false),
            [
                QuickReply::Say(Intent::Category("dairy".into())),
                QuickReply::Say(Intent::Category("staples".into())),
            ]
        );
        let which = Reply::WhichOne {
            candidates: vec!["atta-5kg".into(), "atta-10kg".into()],
            quantity: 2,
        };
        assert_eq!(
            after(Content::Store(which)).quick_replies(&categories, false),
            [
                QuickReply::Add {
                    retailer_id: "atta-5kg".into(),
                    quantity: 2
                },
                QuickReply::Add {
                    retailer_id: "atta-10kg".into(),
                    quantity: 2
                },
            ]
        );
        let subcategories = Reply::Subcategories {
            category: "snacks".into(),
            names: vec!["Chips".into()],
        };
        assert_eq!(
            after(Content::Store(subcategories)).quick_replies(&categories, false),
            [
                QuickReply::Say(Intent::WholeCategory("snacks".into())),
                QuickReply::Say(Intent::Subcategory {
                    category: "snacks".into(),
                    name: "Chips".into()
                }),
            ]
        );
        assert_eq!(
            after(Content::Store(Reply::CartCleared)).quick_replies(&categories, false),
            [QuickReply::UndoClear, QuickReply::Say(Intent::Browse)]
        );
        assert_eq!(
            after(Content::Store(Reply::Added {
                retailer_id: "atta-5kg".into(),
                quantity: 1
            }))
            .quick_replies(&categories, false),
            [
                QuickReply::Say(Intent::Browse),
                QuickReply::Say(Intent::Cart),
                QuickReply::Say(Intent::Checkout),
            ]
        );
        assert_eq!(
            after(Content::Store(Reply::Help)).quick_replies(&categories, false),
            [
                QuickReply::Say(Intent::Browse),
                QuickReply::Say(Intent::Search(String::new())),
                QuickReply::Say(Intent::Cart),
            ]
        );
        assert!(after(Content::Shopper("hi".into()))
            .quick_replies(&categories, false)
            .is_empty());
    }

    #[test]
    fn only_the_newest_product_lists_stay_live() {
        let mut conversation = Conversation::default();
        let list = || {
            Content::Store(Reply::Products {
                heading: crate::chat::Heading::SearchResults("atta".into()),
                products: vec![crate::source::ProductIndex(0)],
            })
        };
        for _ in 0..3 {
            conversation.push(list());
            conversation.push(Content::Shopper("more".into()));
        }
        assert_eq!(conversation.live_product_lists(2), [5, 3]);
        assert_eq!(
            conversation.message(3).map(|m| m.content.clone()),
            Some(list())
        );
    }
}
