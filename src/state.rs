//! One widget's state: signals for the catalog, cart, conversation and checkout, and
//! the operations on them. Everything derivable (totals, counts, steps) is derived.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chatcart_core::cart::{Cart, CartAction, CartChange};
use chatcart_core::catalog::Catalog;
use chatcart_core::chat::{respond, understand, Intent, Reply};
use chatcart_core::config::StoreConfig;
use chatcart_core::order::{
    idempotency_key, order_reference, CheckoutForm, FieldError, Order, OrderIdentity,
};
use leptos::prelude::*;

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
    OrderReady {
        reference: String,
        link: String,
        /// The merchant number the link opens a chat with.
        whatsapp: String,
    },
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
    /// What the shopper asked for while the catalog was still on its way.
    waiting: StoredValue<Option<Intent>>,
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
    pub fn new(config: StoreConfig) -> Self {
        let money = MoneyFormat::new(&config.locale, config.currency);
        let words = Words(Lang::from_locale(&config.locale));
        let (cart, unreadable_cart) = restore_cart(&config);
        let form = browser::stored(false, &storage_key(&config, "checkout"))
            .and_then(|json| serde_json::from_str::<CheckoutForm>(&json).ok())
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
            waiting: StoredValue::new(None),
            cleared: StoredValue::new(None),
            money: StoredValue::new_local(money),
            words,
        };
        shop.persist();
        if let Some(problem) = unreadable_cart {
            shop.notice(shop.words.cart_set_aside(&problem));
        }
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
        Effect::new(move |_| {
            let json = self
                .form
                .with(|f| serde_json::to_string(f).unwrap_or_default());
            browser::store(false, &form_key, &json);
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
        let (cart, changes) = self.cart.with_untracked(|c| c.reconcile(&catalog, max));
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
        let intent = understand(text, self.ready_catalog().as_deref());
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
            .with_untracked(|cart| respond(intent, catalog.as_deref(), cart));
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
                .update(|cart| *cart = cart.apply(action, &catalog, max));
        }
    }

    pub fn open_checkout(&self) {
        self.current_order.set(None);
        self.panel.set(Panel::Checkout);
    }

    /// Validates the form and, when it and the shop's number are good, prepares the
    /// WhatsApp hand-off. Returns the problems with the form, if any; any other reason
    /// the order can't go is set in `order_blocked`.
    pub fn place_order(&self) -> Result<(), Vec<FieldError>> {
        let customer = self.form.with_untracked(CheckoutForm::validate);
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
        let number = match self.config.with_value(|c| c.whatsapp.clone()) {
            Ok(number) => number,
            Err(problem) => {
                blocked(&problem.to_string());
                return Ok(());
            }
        };
        let priced = match self.cart.with_untracked(|cart| cart.price(&catalog)) {
            Ok(priced) if !priced.lines.is_empty() => priced,
            Ok(_) => {
                blocked(self.words.label(Label::NothingToOrder));
                return Ok(());
            }
            Err(problem) => {
                blocked(&problem.to_string());
                return Ok(());
            }
        };
        let identity = OrderIdentity {
            reference: order_reference(u32::from_le_bytes(browser::random_bytes())),
            idempotency_key: idempotency_key(browser::random_bytes()),
            created_at: browser::now_rfc3339(),
        };
        let order = Order::new(identity, &self.store_name(), &catalog, &priced, customer);
        let text = self
            .money
            .with_value(|money| order.whatsapp_text(&|m| money.format(m)));
        let reference = order.identity.reference;
        self.push(Content::OrderReady {
            reference: reference.clone(),
            link: number.click_to_chat_link(&text),
            whatsapp: number.digits().to_owned(),
        });
        self.current_order.set(Some(reference));
        self.panel.set(Panel::Closed);
        Ok(())
    }

    /// The shopper followed the WhatsApp link: the order has left, so start afresh
    /// (the personal details go too; keeping them is for the shopper to choose).
    pub fn order_handed_off(&self) {
        self.cart.set(Cart::default());
        self.form.set(CheckoutForm::default());
        self.panel.set(Panel::Closed);
        self.notice(self.words.label(Label::OrderSent).into());
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
