//! One widget's state: signals for the catalog, cart, conversation and checkout, and
//! the operations on them. Everything derivable (totals, counts, steps) is derived.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chatcart_core::cart::{Cart, CartAction, CartChange};
use chatcart_core::catalog::Catalog;
use chatcart_core::chat::{respond, understand, Intent, Reply};
use chatcart_core::checkout::{CheckoutForm, FieldError, Payment};
use chatcart_core::config::StoreConfig;
use chatcart_core::handoff::whatsapp_handoff;
use chatcart_core::money::{Money, Rounding};
use chatcart_core::order::{idempotency_key, order_reference, Order, OrderIdentity};
use chatcart_core::outbox::{
    order_number, outcome, refusal_reason, retry_delay_ms, Delivery, NotSentReason, Outbox,
    OutboxEntry, Outcome,
};
use chatcart_core::source::CatalogSource;
use leptos::prelude::*;
use serde::Serialize;

use crate::browser::{self, MoneyFormat};
use crate::copy::{Label, Lang, Words};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogState {
    Loading,
    Ready(Arc<Catalog>),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickReply {
    Say(Intent),
    RetryCatalog,
    /// One of the products offered for an order.
    Add {
        retailer_id: String,
        quantity: u32,
    },
    /// One of the cart lines offered for a removal.
    Remove {
        retailer_id: String,
    },
    /// Puts back the cart the shopper just cleared.
    UndoClear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Opening,
    Shopper(String),
    Store(Reply),
    CatalogFailed(String),
    Notice(String),
    /// A product's details, by product id.
    Detail(String),
    /// An order to send on WhatsApp (its `whatsapp` is set).
    OrderReady(Box<OutboxEntry>),
    /// An order on its way to the shop's endpoint; its state is in `Shop::deliveries`.
    OrderStatus(Box<OutboxEntry>),
}

/// `chatcart:cart-change`'s detail.
#[derive(Serialize)]
struct CartChangeEvent<'a> {
    items: u32,
    lines: Vec<CartLineEvent<'a>>,
    subtotal: Option<String>,
    currency: &'static str,
}

#[derive(Serialize)]
struct CartLineEvent<'a> {
    retailer_id: &'a str,
    quantity: u32,
}

/// `chatcart:order`'s detail, without the order itself.
#[derive(Serialize)]
struct OrderEvent<'a> {
    reference: &'a str,
    channel: &'a str,
    order_number: Option<&'a str>,
    total: &'a str,
    currency: &'a str,
}

/// An order built from the checkout and shown for review; placing it hands off exactly this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedOrder {
    pub entry: OutboxEntry,
    /// The message shown for review: what WhatsApp carries, and the endpoint's JSON in words.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub id: usize,
    pub content: Content,
}

impl ChatMessage {
    pub fn is_from_shopper(&self) -> bool {
        matches!(self.content, Content::Shopper(_))
    }
}

/// What the side panel shows. Whether checkout can be shown is derived from the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Closed,
    Cart,
    Checkout,
    Review,
}

#[derive(Clone, Copy)]
pub struct Shop {
    /// Prefix for element ids, unique per widget on the page ("cc1").
    pub uid: &'static str,
    pub config: StoredValue<StoreConfig>,
    pub catalog: RwSignal<CatalogState>,
    pub cart: RwSignal<Cart>,
    pub messages: RwSignal<Vec<ChatMessage>>,
    pub panel: RwSignal<Panel>,
    pub form: RwSignal<CheckoutForm>,
    pub form_errors: RwSignal<Vec<FieldError>>,
    /// Why a valid form still could not become an order, shown beside "Place order".
    pub order_blocked: RwSignal<Option<String>>,
    /// Reference of the order whose hand-off link is live; older ones say they were replaced.
    pub current_order: RwSignal<Option<String>>,
    /// The order being reviewed; taken (once) when the shopper places it.
    pub review: RwSignal<Option<PreparedOrder>>,
    /// Where each order sent to the endpoint stands, by reference.
    pub deliveries: RwSignal<Vec<(String, Delivery)>>,
    /// Orders waiting for the endpoint's acknowledgement; saved in localStorage too.
    outbox: StoredValue<Outbox>,
    /// References this tab is sending now, so no order has two senders here.
    sending: StoredValue<Vec<String>>,
    /// What the shopper asked for while the catalog was still on its way.
    waiting: StoredValue<Option<Intent>>,
    /// Products the host page added while the catalog was still on its way.
    page_adds: StoredValue<Vec<CartAction>>,
    /// With the launcher: whether the chat pane is open.
    pub pane_open: RwSignal<bool>,
    /// Asks the composer to take focus (the page opened the shop).
    pub focus_composer: RwSignal<u32>,
    /// The element the shop is mounted in; its events are dispatched there.
    host: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// The cart as it was before "clear cart", for Undo.
    cleared: StoredValue<Option<Cart>>,
    pub money: StoredValue<MoneyFormat, LocalStorage>,
    /// Everything the shop says, in the shopper's language.
    pub words: Words,
}

pub fn expect_shop() -> Shop {
    expect_context::<Shop>()
}

impl Shop {
    /// A shop with its cart restored from this browser; the catalog still to be loaded.
    /// `host` receives the shop's events.
    pub fn new(config: StoreConfig, host: Option<web_sys::HtmlElement>) -> Self {
        let money = MoneyFormat::new(&config.locale, config.currency);
        let words = Words(Lang::from_locale(&config.locale));
        let (cart, unreadable_cart) = restore_cart(&config);
        // This tab's draft, else the details the shopper asked us to remember.
        let form = browser::stored(false, &storage_key(&config, "checkout"))
            .or_else(|| browser::stored(true, &storage_key(&config, "details")))
            .and_then(|json| serde_json::from_str::<CheckoutForm>(&json).ok())
            .unwrap_or_default();
        let outbox = browser::stored(true, &storage_key(&config, "outbox"))
            .and_then(|json| Outbox::from_storage(&json))
            .unwrap_or_default();
        static WIDGETS: AtomicUsize = AtomicUsize::new(1);
        let uid = format!("cc{}", WIDGETS.fetch_add(1, Ordering::Relaxed)).leak();
        let shop = Shop {
            uid,
            config: StoredValue::new(config),
            catalog: RwSignal::new(CatalogState::Loading),
            cart: RwSignal::new(cart),
            messages: RwSignal::new(vec![ChatMessage {
                id: 0,
                content: Content::Opening,
            }]),
            panel: RwSignal::new(Panel::Closed),
            form: RwSignal::new(form),
            form_errors: RwSignal::new(Vec::new()),
            order_blocked: RwSignal::new(None),
            current_order: RwSignal::new(None),
            review: RwSignal::new(None),
            deliveries: RwSignal::new(Vec::new()),
            outbox: StoredValue::new(outbox),
            sending: StoredValue::new(Vec::new()),
            waiting: StoredValue::new(None),
            page_adds: StoredValue::new(Vec::new()),
            pane_open: RwSignal::new(false),
            focus_composer: RwSignal::new(0),
            host: StoredValue::new_local(host),
            cleared: StoredValue::new(None),
            money: StoredValue::new_local(money),
            words,
        };
        shop.persist();
        if let Some(problem) = unreadable_cart {
            shop.notice(shop.words.cart_set_aside(&problem));
        }
        shop.resume_outbox();
        shop
    }

    /// Keeps the cart (localStorage, shared with this shop's other tabs) and the checkout
    /// draft (this tab's sessionStorage) in step with their signals.
    fn persist(self) {
        let cart_key = self.config.with_value(|c| storage_key(c, "cart"));
        let form_key = self.config.with_value(|c| storage_key(c, "checkout"));
        let warned = StoredValue::new(false);
        Effect::new({
            let cart_key = cart_key.clone();
            move |_| {
                let json = self.cart.with(Cart::to_storage);
                if !browser::store(true, &cart_key, &json) && !warned.get_value() {
                    // Full or blocked storage: the cart lives on in memory, checkout still works.
                    warned.set_value(true);
                    self.notice(self.words.label(Label::CartNotSaved).into());
                }
            }
        });
        let details_key = self.config.with_value(|c| storage_key(c, "details"));
        Effect::new(move |_| {
            let json = self
                .form
                .with(|f| serde_json::to_string(f).unwrap_or_default());
            browser::store(false, &form_key, &json);
            // Unticking "remember" withdraws consent at once.
            if !self.form.with(|f| f.remember) {
                browser::forget(true, &details_key);
            }
        });
        // Orders that waited for the connection go as soon as it is back.
        let online = window_event_listener(leptos::ev::online, move |_| {
            let waiting: Vec<String> = self.deliveries.with_untracked(|all| {
                all.iter()
                    .filter(|(_, d)| *d == Delivery::WaitingForConnection)
                    .map(|(r, _)| r.clone())
                    .collect()
            });
            for reference in waiting {
                self.send_order(reference);
            }
        });
        on_cleanup(move || online.remove());
        // The host page hears of every change to the cart.
        Effect::new(move |_| {
            let detail = self.cart.with(|cart| {
                let subtotal = self.subtotal();
                serde_json::to_string(&CartChangeEvent {
                    items: cart.item_count(),
                    lines: cart
                        .lines()
                        .iter()
                        .map(|l| CartLineEvent {
                            retailer_id: &l.retailer_id,
                            quantity: l.quantity,
                        })
                        .collect(),
                    subtotal: subtotal.map(|m| m.amount_string()),
                    currency: self.config.with_value(|c| c.currency.code()),
                })
                .unwrap_or_default()
            });
            self.emit("chatcart:cart-change", &detail);
        });
        // Another tab of the same shop changed the cart: follow it.
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(cart_key.as_str()) {
                return;
            }
            let cart = event
                .new_value()
                .and_then(|json| Cart::from_storage(&json).ok())
                .unwrap_or_default();
            if self.cart.with_untracked(|current| *current != cart) {
                self.cart.set(cart);
            }
        });
        on_cleanup(move || listener.remove());
    }

    pub fn store_name(&self) -> String {
        self.config
            .with_value(|c| c.store_name.clone())
            .or_else(|| self.with_catalog(|c| c.store_name.clone()).flatten())
            .unwrap_or_else(|| "our shop".into())
    }

    pub fn max_quantity(&self) -> u32 {
        self.config.with_value(|c| c.max_quantity)
    }

    pub fn rounding(&self) -> Rounding {
        self.config.with_value(|c| c.rounding)
    }

    /// What the orderable lines come to, once the catalog has priced them (tracking
    /// both).
    pub fn subtotal(&self) -> Option<Money> {
        self.with_catalog(|catalog| {
            self.cart
                .with(|cart| cart.price(catalog, self.rounding()).ok()?.ok())
                .map(|priced| priced.subtotal)
        })
        .flatten()
    }

    /// Runs `f` on the catalog when it is loaded (tracking the signal).
    pub fn with_catalog<T>(&self, f: impl FnOnce(&Catalog) -> T) -> Option<T> {
        self.with_loaded(|catalog| catalog.map(f))
    }

    /// Runs `f` on the catalog if it is loaded, else on `None` (tracking the signal).
    fn with_loaded<T>(&self, f: impl FnOnce(Option<&Catalog>) -> T) -> T {
        self.catalog.with(|state| match state {
            CatalogState::Ready(catalog) => f(Some(catalog)),
            _ => f(None),
        })
    }

    /// The loaded catalog, without tracking: for event handlers.
    fn ready_catalog(&self) -> Option<Arc<Catalog>> {
        self.catalog.with_untracked(|state| match state {
            CatalogState::Ready(catalog) => Some(Arc::clone(catalog)),
            _ => None,
        })
    }

    fn push(&self, content: Content) {
        self.messages.update(|messages| {
            let id = messages.last().map_or(0, |m| m.id + 1);
            messages.push(ChatMessage { id, content });
        });
    }

    /// Posts a product's details as the newest message.
    pub fn show_details(&self, product_id: String) {
        self.push(Content::Detail(product_id));
    }

    /// Posts an earlier reply again as the newest message.
    pub fn show_again(&self, reply: Reply) {
        self.push(Content::Store(reply));
    }

    pub fn notice(&self, text: String) {
        self.push(Content::Notice(text));
    }

    pub fn load_catalog(self) {
        self.catalog.set(CatalogState::Loading);
        let (url, currency) = self
            .config
            .with_value(|c| (c.catalog_url.clone(), c.currency));
        leptos::task::spawn_local(async move {
            match browser::fetch_catalog(&url, currency).await {
                Ok(catalog) => self.catalog_loaded(catalog),
                Err(reason) => {
                    self.catalog.set(CatalogState::Failed(reason.clone()));
                    self.push(Content::CatalogFailed(reason));
                }
            }
        });
    }

    /// Installs a catalog and checks the saved cart against it, telling the shopper
    /// what changed since their last visit.
    pub fn catalog_loaded(&self, catalog: Catalog) {
        let max = self.max_quantity();
        let (cart, changes) = self
            .cart
            .with_untracked(|c| c.reconcile(&catalog, max))
            .unwrap_or_default();
        if self.cart.with_untracked(|current| *current != cart) {
            self.cart.set(cart);
        }
        if !changes.is_empty() {
            let lines: Vec<String> = self.money.with_value(|money| {
                changes
                    .iter()
                    .map(|change: &CartChange| self.words.cart_change(change, &|m| money.format(m)))
                    .collect()
            });
            self.notice(self.words.cart_changed(&lines));
        }
        self.catalog.set(CatalogState::Ready(Arc::new(catalog)));
        for action in self
            .page_adds
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            self.dispatch(action);
        }
        if let Some(intent) = self.waiting.try_update_value(Option::take).flatten() {
            self.answer(&intent);
        }
    }

    /// The shopper typed `text` and pressed Send.
    pub fn say(&self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.push(Content::Shopper(text.to_owned()));
        let catalog = self.ready_catalog();
        let intent = understand(text, catalog.as_deref().map(|c| c as &dyn CatalogSource));
        self.answer(&intent);
    }

    pub fn choose(&self, quick: &QuickReply) {
        let label = self.quick_reply_label(quick);
        self.push(Content::Shopper(label));
        match quick {
            QuickReply::Say(intent) => self.answer(intent),
            QuickReply::RetryCatalog => self.load_catalog(),
            QuickReply::Add {
                retailer_id,
                quantity,
            } => self.carry_out(Reply::Added {
                retailer_id: retailer_id.clone(),
                quantity: *quantity,
            }),
            QuickReply::Remove { retailer_id } => self.carry_out(Reply::Removed {
                retailer_id: retailer_id.clone(),
            }),
            QuickReply::UndoClear => {
                if let Some(cart) = self.cleared.try_update_value(Option::take).flatten() {
                    self.cart.set(cart);
                    self.notice(self.words.label(Label::CartRestored).into());
                }
            }
        }
    }

    /// A reply in words, naming products from the catalog (tracking it).
    pub fn reply_text(&self, reply: &Reply) -> String {
        let store = self.store_name();
        self.with_loaded(|catalog| self.words.reply(reply, &store, catalog))
    }

    pub fn quick_reply_label(&self, quick: &QuickReply) -> String {
        self.with_loaded(|catalog| self.words.quick_reply_label(quick, catalog))
    }

    fn answer(&self, intent: &Intent) {
        let catalog = self.ready_catalog();
        let reply = self
            .cart
            .with_untracked(|cart| {
                respond(
                    intent,
                    catalog.as_deref().map(|c| c as &dyn CatalogSource),
                    cart,
                )
            })
            .unwrap_or(Reply::CatalogUnavailable);
        let loading = self.catalog.with_untracked(|s| *s == CatalogState::Loading);
        if reply == Reply::CatalogUnavailable && loading {
            self.waiting.set_value(Some(intent.clone()));
            self.notice(self.words.label(Label::CatalogStillLoading).into());
            return;
        }
        self.carry_out(reply);
    }

    /// Does what a reply says (opens the cart, changes it) and posts it.
    fn carry_out(&self, reply: Reply) {
        match &reply {
            Reply::OpenCart => self.panel.set(Panel::Cart),
            Reply::OpenCheckout => self.open_checkout(),
            Reply::Added {
                retailer_id,
                quantity,
            } => self.dispatch(CartAction::Add {
                retailer_id: retailer_id.clone(),
                quantity: *quantity,
            }),
            Reply::CartCleared => {
                self.cleared.set_value(Some(self.cart.get_untracked()));
                self.dispatch(CartAction::Clear);
            }
            Reply::Removed { retailer_id } => self.dispatch(CartAction::Remove {
                retailer_id: retailer_id.clone(),
            }),
            _ => {}
        }
        self.push(Content::Store(reply));
    }

    pub fn dispatch(&self, action: CartAction) {
        if let Some(catalog) = self.ready_catalog() {
            let max = self.max_quantity();
            self.cart
                .update(|cart| *cart = cart.apply(action, &*catalog, max).unwrap_or_default());
        }
    }

    /// Dispatches a DOM event on the host element for the page to hear.
    fn emit(&self, name: &str, detail_json: &str) {
        self.host.with_value(|host| {
            if let Some(host) = host {
                browser::dispatch(host, name, detail_json);
            }
        });
    }

    /// The page asked to show the shop: the launcher's pane opens; focus goes to the composer.
    pub fn open_pane(&self) {
        self.pane_open.set(true);
        self.focus_composer.update(|n| *n += 1);
    }

    /// The page asked to put the shop away: the launcher's pane and the cart panel close.
    pub fn close_pane(&self) {
        self.pane_open.set(false);
        self.panel.set(Panel::Closed);
    }

    /// The page adds a product by retailer id: `Some(true)` added, `Some(false)` not sold or
    /// not orderable, `None` kept until the catalog has loaded.
    pub fn add_from_page(&self, retailer_id: &str, quantity: u32) -> Option<bool> {
        let action = CartAction::Add {
            retailer_id: retailer_id.to_owned(),
            quantity,
        };
        let Some(catalog) = self.ready_catalog() else {
            self.page_adds.update_value(|adds| adds.push(action));
            return None;
        };
        let orderable = catalog
            .variant(retailer_id)
            .is_some_and(|(_, variant)| variant.can_order());
        if orderable {
            self.dispatch(action);
        } else {
            web_sys::console::warn_1(
                &format!("chatcart: addToCart(\"{retailer_id}\"): no orderable product has this retailer id").into(),
            );
        }
        Some(orderable)
    }

    /// Tells the page an order left the shop, with the order as sent.
    fn order_event(&self, entry: &OutboxEntry, channel: &str, order_number: Option<&str>) {
        let head = serde_json::to_string(&OrderEvent {
            reference: &entry.reference,
            channel,
            order_number,
            total: &entry.total,
            currency: &entry.currency,
        })
        .unwrap_or_default();
        // The order as sent, set in as it is.
        let detail = match head.strip_suffix('}') {
            Some(fields) => format!("{fields},\"order\":{}}}", entry.body),
            None => head,
        };
        self.emit("chatcart:order", &detail);
    }

    pub fn open_checkout(&self) {
        self.current_order.set(None);
        self.panel.set(Panel::Checkout);
    }

    /// Validates the form and, when it, the cart and the shop's set-up allow an order,
    /// prepares it for review. Returns the problems with the form, if any; any other
    /// reason the order can't go is set in `order_blocked`.
    pub fn review_order(&self) -> Result<(), Vec<FieldError>> {
        let (rules, endpoint, whatsapp, upi) = self.config.with_value(|c| {
            (
                c.checkout_rules(),
                c.endpoint.clone(),
                c.whatsapp.clone(),
                c.upi.clone(),
            )
        });
        let customer = self.form.with_untracked(|f| f.validate(&rules));
        self.form_errors
            .set(customer.as_ref().err().cloned().unwrap_or_default());
        self.order_blocked.set(None);
        let customer = customer?;
        let blocked = |reason: &str| {
            self.order_blocked
                .set(Some(self.words.handoff_blocked(reason)))
        };
        let Some(catalog) = self.ready_catalog() else {
            blocked(self.words.label(Label::PricesNotLoaded));
            return Ok(());
        };
        // Without an endpoint, WhatsApp is the only way: its number must be right.
        if let (None, Err(problem)) = (&endpoint, &whatsapp) {
            blocked(&problem.to_string());
            return Ok(());
        }
        let priced = match self
            .cart
            .with_untracked(|cart| cart.price(&*catalog, self.rounding()))
            .map_err(|missing| missing.to_string())
            .and_then(|priced| priced.map_err(|problem| problem.to_string()))
        {
            Ok(priced) if !priced.lines.is_empty() => priced,
            Ok(_) => {
                blocked(self.words.label(Label::NothingToOrder));
                return Ok(());
            }
            Err(problem) => {
                blocked(&problem);
                return Ok(());
            }
        };
        let identity = OrderIdentity {
            reference: order_reference(u32::from_le_bytes(browser::random_bytes())),
            idempotency_key: idempotency_key(browser::random_bytes()),
            created_at: browser::now_rfc3339(),
        };
        let order = Order::new(identity, &self.store_name(), &*catalog, &priced, customer);
        let (handoff, total_text) = self.money.with_value(|money| {
            let format = |m: &Money| money.format(m);
            let handoff = whatsapp
                .as_ref()
                .ok()
                .map(|n| whatsapp_handoff(&order, n, &format));
            (handoff, money.format(&order.total))
        });
        let upi_link = upi
            .filter(|_| order.customer.payment == Payment::Upi)
            .map(|upi| upi.pay_link(&order));
        let text = handoff
            .as_ref()
            .map(|h| h.full_text.clone())
            .unwrap_or_else(|| {
                self.money.with_value(|money| {
                    chatcart_core::handoff::order_text(&order, &|m| money.format(m))
                })
            });
        self.review.set(Some(PreparedOrder {
            entry: OutboxEntry {
                reference: order.identity.reference.clone(),
                idempotency_key: order.identity.idempotency_key.clone(),
                endpoint: endpoint.clone().unwrap_or_default(),
                body: order.to_json(),
                total: order.total.amount_string(),
                currency: order.currency.code().to_owned(),
                whatsapp: handoff,
                total_text,
                upi_link,
            },
            text,
        }));
        self.panel.set(Panel::Review);
        Ok(())
    }

    /// Hands off the order under review: to the endpoint through the outbox, or as a
    /// WhatsApp link. A second press finds nothing to place (the review is taken once).
    pub fn place_order(&self) {
        let Some(prepared) = self.review.try_update(Option::take).flatten() else {
            return;
        };
        self.panel.set(Panel::Closed);
        let entry = prepared.entry;
        if self.config.with_value(|c| c.endpoint.is_none()) {
            self.show_whatsapp_handoff(&entry);
            return;
        }
        // Saved before the first try; the cart's items now live in the order.
        self.update_outbox(|outbox| outbox.with(entry.clone()));
        self.cart.set(Cart::default());
        let reference = entry.reference.clone();
        self.push(Content::OrderStatus(Box::new(entry)));
        self.send_order(reference);
    }

    fn show_whatsapp_handoff(&self, entry: &OutboxEntry) {
        if entry.whatsapp.is_none() {
            return;
        }
        self.push(Content::OrderReady(Box::new(entry.clone())));
        self.current_order.set(Some(entry.reference.clone()));
    }

    fn update_outbox(&self, change: impl FnOnce(&Outbox) -> Outbox) {
        let outbox = self.outbox.with_value(change);
        let key = self.config.with_value(|c| storage_key(c, "outbox"));
        // When storage is full the outbox lives on in memory while the page is open.
        browser::store(true, &key, &outbox.to_storage());
        self.outbox.set_value(outbox);
    }

    /// Orders saved before a reload (or in another tab that closed) are shown and sent.
    fn resume_outbox(&self) {
        for entry in self.outbox.get_value().entries {
            let reference = entry.reference.clone();
            self.push(Content::OrderStatus(Box::new(entry)));
            self.send_order(reference);
        }
    }

    pub fn delivery(&self, reference: &str) -> Option<Delivery> {
        self.deliveries.with(|all| {
            all.iter()
                .find(|(r, _)| r == reference)
                .map(|(_, d)| d.clone())
        })
    }

    fn set_delivery(&self, reference: &str, state: Delivery) {
        self.deliveries
            .update(|all| match all.iter_mut().find(|(r, _)| r == reference) {
                Some((_, current)) => *current = state,
                None => all.push((reference.to_owned(), state)),
            });
    }

    /// Sends an outbox order until the server settles it or the tries run out.
    pub fn send_order(self, reference: String) {
        if self.sending.with_value(|s| s.contains(&reference)) {
            return;
        }
        self.sending.update_value(|s| s.push(reference.clone()));
        leptos::task::spawn_local(async move {
            self.send_until_settled(&reference).await;
            self.sending.update_value(|s| s.retain(|r| *r != reference));
        });
    }

    async fn send_until_settled(self, reference: &str) {
        let mut attempt = 0;
        loop {
            // Gone from the outbox: acknowledged, or sent on WhatsApp meanwhile.
            let Some(entry) = self.outbox.with_value(|o| o.get(reference).cloned()) else {
                return;
            };
            if !browser::is_online() {
                self.set_delivery(reference, Delivery::WaitingForConnection);
                return;
            }
            self.set_delivery(reference, Delivery::Sending);
            let answer =
                browser::post_order(&entry.endpoint, &entry.idempotency_key, &entry.body).await;
            let retry_after = match answer {
                Some(answer) => match outcome(answer.status) {
                    Outcome::Accepted => {
                        self.update_outbox(|o| o.without(reference));
                        let order_number = order_number(&answer.body);
                        self.order_event(&entry, "endpoint", order_number.as_deref());
                        self.set_delivery(reference, Delivery::Received { order_number });
                        self.order_completed();
                        return;
                    }
                    Outcome::Refused => {
                        let reason = refusal_reason(&answer.body)
                            .unwrap_or_else(|| format!("HTTP {}", answer.status));
                        self.update_outbox(|o| o.without(reference));
                        self.set_delivery(
                            reference,
                            Delivery::NotSent {
                                reason: NotSentReason::Refused(reason),
                            },
                        );
                        return;
                    }
                    Outcome::TryAgain => answer.retry_after_ms,
                },
                None if !browser::is_online() => {
                    self.set_delivery(reference, Delivery::WaitingForConnection);
                    return;
                }
                None => None,
            };
            attempt += 1;
            let jitter = f64::from(browser::random_bytes::<1>()[0]) / 255.0;
            match retry_delay_ms(attempt, retry_after, jitter) {
                Some(wait) => {
                    self.set_delivery(reference, Delivery::Retrying { retry_in_ms: wait });
                    browser::sleep(wait).await;
                }
                None => {
                    self.set_delivery(
                        reference,
                        Delivery::NotSent {
                            reason: NotSentReason::Unreachable,
                        },
                    );
                    return;
                }
            }
        }
    }

    /// The shopper gave up on the endpoint: the same order (same reference) goes on WhatsApp
    /// and leaves the outbox, so it is never sent both ways.
    pub fn send_on_whatsapp_instead(&self, entry: &OutboxEntry) {
        self.update_outbox(|o| o.without(&entry.reference));
        self.set_delivery(&entry.reference, Delivery::HandedToWhatsApp);
        self.show_whatsapp_handoff(entry);
    }

    /// The shopper followed the WhatsApp link: the order has left.
    pub fn order_handed_off(&self, entry: &OutboxEntry) {
        self.order_event(entry, "whatsapp", None);
        self.cart.set(Cart::default());
        self.order_completed();
        self.panel.set(Panel::Closed);
        self.notice(self.words.label(Label::OrderSent).into());
    }

    /// After an order has gone, personal details go too, unless the shopper asked to be
    /// remembered; then who and where are kept, for this shop only.
    fn order_completed(&self) {
        let form = self.form.get_untracked();
        let key = self.config.with_value(|c| storage_key(c, "details"));
        if form.remember {
            let kept = form.remembered();
            browser::store(
                true,
                &key,
                &serde_json::to_string(&kept).unwrap_or_default(),
            );
            self.form.set(kept);
        } else {
            browser::forget(true, &key);
            self.form.set(CheckoutForm::default());
        }
    }
}

/// The saved cart, or an empty one with the reason when what was saved can't be read
/// (that text is set aside under its own key rather than lost).
fn restore_cart(config: &StoreConfig) -> (Cart, Option<String>) {
    let Some(text) = browser::stored(true, &storage_key(config, "cart")) else {
        return (Cart::default(), None);
    };
    match Cart::from_storage(&text) {
        Ok(cart) => (cart, None),
        Err(problem) => {
            browser::store(true, &storage_key(config, "cart-set-aside"), &text);
            (Cart::default(), Some(problem.to_string()))
        }
    }
}

/// Browser storage key for one shop's `what`: shops are told apart by their catalog.
fn storage_key(config: &StoreConfig, what: &str) -> String {
    format!("chatcart:v1:{what}:{}", config.catalog_url)
}
