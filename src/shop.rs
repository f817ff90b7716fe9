//! One shop on the page: the core's session, mirrors of the parts whose change redraws
//! much (cart, panel, catalog, message count) and a trigger for the small texts, the
//! shopper's intents, and the effects the session asks for carried out in the browser.

use std::sync::atomic::{AtomicUsize, Ordering};

use chatcart_core::cart::{Cart, CartAction};
use chatcart_core::checkout::{CheckoutForm, FieldError};
use chatcart_core::config::{ConfigProblem, StoreConfig};
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::money::Money;
use chatcart_core::order::OrderIdentity;
use chatcart_core::outbox::OutboxEntry;
use chatcart_core::reference::OrderReference;
use chatcart_core::retailer_id::RetailerId;
use chatcart_core::session::{Effect, Panel, QuickReply, Saved, Session, Slot};
use chatcart_core::source::ProductIndex;
use chatcart_core::terms::Charges;
use chatcart_core::words::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, MoneyFormat};
use crate::catalog_fetch;
use crate::deliveries;
use crate::one_thread::OneThread;
use crate::saved;

/// A number the views follow: one part of the session (a count of its changes, or its
/// value), set after each operation only when it moved, so only what reads that part
/// redraws; or the shop's own count or yes (1) and no (0), or the page a list shows. Every
/// number the views follow is one of these, a trigger and a stored value: Leptos's signal
/// type, compiled for them, cost the first download more (issue 13).
#[derive(Clone, Copy)]
pub struct Mirror {
    value: StoredValue<usize>,
    moved: Trigger,
}

impl Mirror {
    pub fn new(value: usize) -> Self {
        Mirror {
            value: StoredValue::new(value),
            moved: Trigger::new(),
        }
    }

    /// The number, following it.
    pub fn get(&self) -> usize {
        self.moved.track();
        self.get_untracked()
    }

    pub fn get_untracked(&self) -> usize {
        self.value.get_value()
    }

    pub fn track(&self) {
        self.moved.track();
    }

    /// Sets the number, telling those who follow it only if it moved; nothing once its
    /// owner is gone (as a signal's set does).
    pub fn set(&self, value: usize) {
        let moved = self
            .value
            .try_update_value(|now| std::mem::replace(now, value) != value);
        if moved == Some(true) {
            self.moved.notify();
        }
    }

    /// One more (of a count).
    pub fn count_one(&self) {
        if self.value.try_update_value(|count| *count += 1).is_some() {
            self.moved.notify();
        }
    }
}

/// What the shop keeps of the page.
struct InPage {
    /// Writes money in the shop's locale.
    money: MoneyFormat,
    /// The element the shop is mounted in; its events are dispatched there.
    host: Option<web_sys::HtmlElement>,
}

#[derive(Clone, Copy)]
pub struct Shop {
    /// Prefix for element ids, unique per widget on the page ("cc1").
    pub uid: &'static str,
    session: StoredValue<Session>,
    /// Everything the shop says, in the shopper's language.
    pub words: &'static dyn Language,
    /// The browser's objects the shop keeps (one stored value: each type of them is
    /// compiled apart).
    page: StoredValue<OneThread<InPage>>,
    /// With the launcher: whether the chat pane is open (1) or not (0); `pane_open`.
    pane_shown: Mirror,
    /// Asks the composer to take focus (the page opened the shop) each time it counts one.
    pub focus_composer: Mirror,
    /// How many views from chunks were drawn: the conversation follows its newest message
    /// again, as such a view (a product's details) can be taller than its "Loading…".
    pub chunk_views_drawn: Mirror,
    /// Notified after every operation, for what `watch` reads.
    changed: Trigger,
    // The parts whose change redraws much (cards, panels, lists) are mirrored.
    cart_changes: Mirror,
    /// The panel shown, as `Panel as usize`.
    panel_shown: Mirror,
    /// How often the catalog or a piece of it arrived: what shows products follows it.
    pub catalog_arrivals: Mirror,
    /// How often an order's progress changed: what shows it follows this.
    pub delivery_changes: Mirror,
    /// How many messages have been said: ids run from 0 to this.
    pub message_count: Mirror,
    /// How often the list of orders placed changed: "My orders" follows this.
    pub placed_changes: Mirror,
}

/// An operation on the session, run once.
trait Operation {
    fn run(&mut self, session: &mut Session) -> Vec<Effect>;
}

impl<F: FnOnce(&mut Session) -> Vec<Effect>> Operation for Option<F> {
    fn run(&mut self, session: &mut Session) -> Vec<Effect> {
        self.take()
            .map_or_else(Vec::new, |operation| operation(session))
    }
}

impl Shop {
    /// The shop of `session`, opened by `open_session` (with what this browser saved, read
    /// by `saved::restore`); saved orders are sent again at once. `host` receives the
    /// shop's events; `words` are the shop's language's.
    pub fn new(
        mut session: Session,
        words: &'static dyn Language,
        host: Option<web_sys::HtmlElement>,
    ) -> Self {
        let money = MoneyFormat::new(&session.config().locale);
        let effects = session.start(browser::is_online());
        static WIDGETS: AtomicUsize = AtomicUsize::new(1);
        let uid = format!("cc{}", WIDGETS.fetch_add(1, Ordering::Relaxed)).leak();
        let shop = Shop {
            uid,
            words,
            page: StoredValue::new(OneThread::new(InPage { money, host })),
            pane_shown: Mirror::new(0),
            focus_composer: Mirror::new(0),
            chunk_views_drawn: Mirror::new(0),
            changed: Trigger::new(),
            cart_changes: Mirror::new(session.cart_changes()),
            panel_shown: Mirror::new(session.panel() as usize),
            catalog_arrivals: Mirror::new(session.catalog_arrivals()),
            delivery_changes: Mirror::new(session.deliveries().changes()),
            message_count: Mirror::new(session.conversation().messages().len()),
            placed_changes: Mirror::new(session.placed().changes()),
            session: StoredValue::new(session),
        };
        shop.listen();
        shop.carry_out(effects);
        shop
    }

    /// Sets each mirror that no longer matches the session, and tells the watchers.
    fn mirror(self) {
        self.changed.notify();
        self.session.with_value(|s| {
            self.cart_changes.set(s.cart_changes());
            self.panel_shown.set(s.panel() as usize);
            self.catalog_arrivals.set(s.catalog_arrivals());
            self.delivery_changes.set(s.deliveries().changes());
            self.message_count.set(s.conversation().messages().len());
            self.placed_changes.set(s.placed().changes());
        });
    }

    /// The shop was unmounted: nothing is to be done for it any more.
    pub fn is_gone(&self) -> bool {
        self.session.is_disposed()
    }

    /// Reads the session without tracking it: for what never changes once said, or
    /// after tracking the mirror that says when it did.
    pub fn peek<T>(&self, read: impl FnOnce(&Session) -> T) -> T {
        self.session.with_value(read)
    }

    /// Reads the session and redraws after every operation: for small texts and values.
    pub fn watch<T>(&self, read: impl FnOnce(&Session) -> T) -> T {
        self.changed.track();
        self.peek(read)
    }

    /// Reads the cart, following its changes.
    pub fn cart<T>(&self, read: impl FnOnce(&Cart) -> T) -> T {
        self.cart_changes.track();
        self.peek(|s| read(s.cart()))
    }

    /// The panel shown, following it.
    pub fn panel(&self) -> Panel {
        self.panel_shown.track();
        self.peek(Session::panel)
    }

    /// Reads the checkout form, as `watch`.
    pub fn form<T>(&self, read: impl FnOnce(&CheckoutForm) -> T) -> T {
        self.watch(|s| read(&s.checkout().form))
    }

    /// The quick replies that fit the newest message: they follow the messages, the
    /// panel and the catalog (a failure is said in a message).
    pub fn quick_replies(&self) -> Vec<QuickReply> {
        self.message_count.track();
        self.panel_shown.track();
        self.catalog_arrivals.track();
        self.peek(Session::quick_replies)
    }

    /// Whether any order was placed from this device, following the list.
    pub fn has_placed_orders(&self) -> bool {
        self.placed_changes.track();
        self.peek(|s| !s.placed().is_empty())
    }

    /// Whether the catalog is here (once here, it stays).
    pub fn catalog_ready(&self) -> bool {
        self.catalog_arrivals.get() > 0
    }

    pub fn store_name(&self) -> Option<String> {
        self.watch(|s| s.store_name().map(str::to_owned))
    }

    pub fn subtotal(&self) -> Option<Money> {
        self.watch(Session::subtotal)
    }

    /// The cart's subtotal, delivery, discount and total, following the cart and the form.
    pub fn charges(&self) -> Option<Charges> {
        self.watch(Session::charges)
    }

    /// Reads the settings file's terms if they are unread (`Session::read_terms`): only the
    /// checkout chunk's code calls it, as the first to need them, and may do so after the
    /// shop is gone.
    pub fn read_terms(self) {
        if !self.is_gone() && self.config(StoreConfig::terms_unread) {
            self.act(Session::read_terms);
        }
    }

    pub fn config<T>(&self, read: impl FnOnce(&StoreConfig) -> T) -> T {
        self.session.with_value(|s| read(s.config()))
    }

    /// The shop's name, or "our shop" in the shopper's words until one is known.
    pub fn display_name(&self) -> String {
        self.store_name()
            .unwrap_or_else(|| self.words.our_shop().to_owned())
    }

    pub fn format(&self, money: &Money) -> String {
        self.page.with_value(|page| page.money.format(money))
    }

    /// Runs one operation on the session and carries out what it asks for.
    pub(crate) fn act(self, operation: impl FnOnce(&mut Session) -> Vec<Effect>) {
        let effects = self.operate(&mut Some(operation));
        self.mirror();
        self.carry_out(effects);
    }

    /// `act` for an operation that only fetches what will be needed: most calls (every
    /// keystroke, every redraw of a list) fetch nothing and change nothing, and then
    /// nothing is redrawn.
    fn fetch_ahead(self, operation: impl FnOnce(&mut Session) -> Vec<Effect>) {
        let effects = self.operate(&mut Some(operation));
        if !effects.is_empty() {
            self.mirror();
            self.carry_out(effects);
        }
    }

    /// Runs `operation` (there once) on the session. Not generic, so that the session's
    /// store is opened by one compiled copy for every operation (issue 13).
    fn operate(self, operation: &mut dyn Operation) -> Vec<Effect> {
        self.session
            .try_update_value(|s| operation.run(s))
            .unwrap_or_default()
    }

    /// `act` for an operation that also answers something (`None` once the shop is gone).
    fn ask<T>(self, operation: impl FnOnce(&mut Session) -> (T, Vec<Effect>)) -> Option<T> {
        let mut answer = None;
        self.act(|s| {
            let (answered, effects) = operation(s);
            answer = Some(answered);
            effects
        });
        answer
    }

    fn carry_out(self, effects: Vec<Effect>) {
        let key = |slot| self.config(|c| storage_key(c, slot));
        for effect in effects {
            match effect {
                Effect::FetchCatalog(url) => {
                    let currency = self.config(|c| c.currency);
                    let progress = move |received, total| {
                        self.act(|s| s.catalog_progress(received, total));
                    };
                    leptos::task::spawn_local(async move {
                        match catalog_fetch::fetch_catalog(&url, currency, progress).await {
                            Ok(source) => self.act(|s| s.catalog_arrived(source)),
                            Err(failure) => self.act(|s| s.catalog_failed(failure)),
                        }
                    });
                }
                Effect::FetchPiece(piece) => {
                    let catalog_url = self.config(|c| c.catalog_url.clone());
                    leptos::task::spawn_local(async move {
                        let fetched = catalog_fetch::fetch_piece(&piece.0, &catalog_url).await;
                        self.act(|s| s.piece_arrived(piece, fetched));
                    });
                }
                Effect::Save(slot, value) => {
                    let saved = browser::store(slot.lasts(), &key(slot), &value);
                    if !saved && slot == Slot::Cart {
                        // Full or blocked storage: the cart lives on in memory.
                        self.act(Session::cart_not_saved);
                    }
                }
                Effect::Forget(slot) => browser::forget(slot.lasts(), &key(slot)),
                delivery @ (Effect::Post(_)
                | Effect::Wake { .. }
                | Effect::AskStatus(_)
                | Effect::WakeStatuses { .. }) => deliveries::deliver(self, delivery),
                Effect::Tell { event, detail } => self.page.with_value(|page| {
                    if let Some(host) = &page.host {
                        browser::dispatch(host, event, &detail);
                    }
                }),
            }
        }
    }

    /// Follows the connection, and the cart and the orders placed as the shop's other tabs
    /// change them.
    fn listen(self) {
        let online = browser::on_window(
            "online",
            Box::new(move |_| self.act(|s| s.connection(true))),
        );
        let offline = browser::on_window(
            "offline",
            Box::new(move |_| self.act(|s| s.connection(false))),
        );
        let cart_key = self.config(|c| storage_key(c, Slot::Cart));
        let placed_key = self.config(|c| storage_key(c, Slot::Placed));
        let max_quantity = self.config(|c| c.max_quantity);
        // Read by the saved data's chunk. Carts: the newest save wins, so one read late is
        // taken in only if nothing was saved since. Lists of orders are merged, so any is.
        let took_elsewhere = move |event: web_sys::Event| {
            let event: web_sys::StorageEvent = event.unchecked_into();
            let key = event.key();
            let text = event.new_value();
            if key.as_deref() == Some(cart_key.as_str()) {
                let key = cart_key.clone();
                leptos::task::spawn_local(async move {
                    let take = || {
                        saved::take_cart_elsewhere(self, key.clone(), text.clone(), max_quantity)
                    };
                    saved::take_elsewhere(take, || saved::is_newest(self, &key, &text)).await;
                });
            } else if key.as_deref() == Some(placed_key.as_str()) {
                // Removed there: nothing to take in.
                let Some(text) = text else { return };
                leptos::task::spawn_local(async move {
                    let take = || saved::take_placed_elsewhere(self, text.clone());
                    saved::take_elsewhere(take, || !self.is_gone()).await;
                });
            }
        };
        let storage = browser::on_window("storage", Box::new(took_elsewhere));
        let listeners = OneThread::new([online, offline, storage]);
        on_cleanup(move || drop(listeners));
    }

    pub fn load_catalog(self) {
        self.act(Session::load_catalog);
    }

    /// Installs a catalog read elsewhere (a test's).
    pub fn catalog_arrived(self, catalog: chatcart_core::catalog::Catalog) {
        self.act(|s| s.catalog_arrived(Box::new(catalog)));
    }

    // The shopper's intents.

    pub fn say(self, text: &str) {
        self.act(|s| s.say(text));
    }

    pub fn choose(self, quick: QuickReply) {
        self.act(|s| s.choose(quick));
    }

    pub fn show_details(self, product_id: String) {
        self.act(|s| s.show_details(product_id));
    }

    pub fn show_products(self, places: &[ProductIndex]) {
        self.fetch_ahead(|s| s.show_products(places));
    }

    pub fn retry_products(self, places: &[ProductIndex]) {
        self.act(|s| s.retry_products(places));
    }

    pub fn typing(self, draft: &str) {
        self.fetch_ahead(|s| s.typing(draft));
    }

    pub fn show_again(self, reply: chatcart_core::chat::Reply) {
        self.act(|s| s.show_again(reply));
    }

    pub fn change_cart(self, action: CartAction) {
        self.act(|s| s.cart_action(action));
    }

    pub fn show_panel(self, panel: Panel) {
        self.act(|s| s.show_panel(panel));
    }

    pub fn toggle_cart(self) {
        self.act(Session::toggle_cart);
    }

    pub fn edit_form(self, edit: impl FnOnce(&mut CheckoutForm)) {
        self.act(|s| s.edit_form(edit));
    }

    /// Prepares the order for review; the form's problems, if any, in the order of the fields.
    pub fn review_order(self) -> Result<(), Vec<FieldError>> {
        let identity = OrderIdentity {
            reference: OrderReference::from_random(u32::from_le_bytes(browser::random_bytes())),
            idempotency_key: IdempotencyKey::from_random(browser::random_bytes()),
            created_at: browser::now_rfc3339(),
        };
        self.ask(|s| s.review_order(identity, &|m| self.format(m)))
            .unwrap_or(Ok(()))
    }

    pub fn place_order(self) {
        self.act(Session::place_order);
    }

    pub fn whatsapp_followed(self, entry: &OutboxEntry) {
        self.act(|s| s.whatsapp_followed(entry));
    }

    pub fn try_again(self, reference: OrderReference) {
        self.act(|s| s.try_again(reference));
    }

    pub fn send_on_whatsapp_instead(self, reference: OrderReference) {
        self.act(|s| s.send_on_whatsapp_instead(reference));
    }

    // What the host page asks.

    /// The page asked to show the shop: the launcher's pane opens; focus goes to the composer.
    pub fn open_pane(self) {
        self.pane_shown.set(1);
        self.focus_composer.count_one();
    }

    /// The page asked to put the shop away: the launcher's pane and the cart panel close.
    pub fn close_pane(self) {
        self.pane_shown.set(0);
        self.show_panel(Panel::Closed);
    }

    /// With the launcher: whether the chat pane is open, following it.
    pub fn pane_open(&self) -> bool {
        self.pane_shown.get() == 1
    }

    /// The page adds a product by retailer id: `Some(true)` added, `Some(false)` not sold or
    /// not orderable, `None` kept until the catalog has loaded.
    pub fn add_from_page(self, retailer_id: RetailerId, quantity: u32) -> Option<bool> {
        let asked = retailer_id.clone();
        let added = self
            .ask(|s| s.add_from_page(retailer_id, quantity))
            .flatten();
        if added == Some(false) {
            web_sys::console::warn_1(
                &format!(
                    "chatcart: addToCart(\"{asked}\"): no orderable product has this retailer id"
                )
                .into(),
            );
        }
        added
    }
}

/// A session of the shop `config` describes, opened now, holding nothing yet.
pub fn open_session(config: StoreConfig, problems: Vec<ConfigProblem>) -> Session {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    Session::new(config, problems, browser::is_online(), now)
}

/// What this browser kept of the shop `config` describes, as saved.
pub fn saved_on_device(config: &StoreConfig) -> Saved {
    let stored = |slot: Slot| browser::stored(slot.lasts(), &storage_key(config, slot));
    Saved {
        cart: stored(Slot::Cart),
        outbox: stored(Slot::Outbox),
        placed: stored(Slot::Placed),
        draft: stored(Slot::Draft),
        details: stored(Slot::Details),
    }
}

/// Browser storage key for one shop's `slot`: shops are told apart by their catalog.
fn storage_key(config: &StoreConfig, slot: Slot) -> String {
    format!("chatcart:v1:{}:{}", slot.name(), config.catalog_url)
}
