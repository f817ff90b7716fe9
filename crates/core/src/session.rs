//! One shop's behaviour without a browser: state, and operations that change it and return
//! the effects the shell is to carry out (fetch this, save that, post this order, wake me
//! in N ms, tell the host page). The shell feeds the results back as further operations,
//! so a whole shopper's journey runs as a native test.

mod arrival;
mod catalog_state;
mod checkout_flow;
mod conversation;
mod deliveries;
mod events;
mod placed;
mod saved;

use std::fmt;

use crate::cart::{Cart, CartAction, StoredCartError};
use crate::chat::{self, respond, understand, Intent, Reply};
use crate::checkout::{complete_postal_code, fulfilment_offered, CheckoutForm, FieldError};
use crate::config::{ConfigProblem, StoreConfig};
use crate::download::Progress;
use crate::money::Money;
use crate::order::OrderIdentity;
use crate::outbox::{Outbox, OutboxEntry};
use crate::reference::OrderReference;
use crate::retailer_id::RetailerId;
use crate::source::{products_at, CatalogSource, Missing, Piece, ProductIndex};
use crate::terms::{unix_seconds, Charges, Day, Destination};

pub use catalog_state::{CatalogFailure, CatalogState, CatalogStatus};
use catalog_state::{Urgency, Waiter};
use checkout_flow::Basket;
pub use checkout_flow::{CheckoutFlow, OrderBlocked, Panel, PreparedOrder};
pub use conversation::{ChatMessage, Content, Conversation, Notice, QuickReply};
pub use deliveries::{Deliveries, DeliveryRecord, EndpointAnswer};
pub use placed::{PlacedOrder, PlacedOrders, ShopStatus, StatusQuery, Taken};
pub use saved::{read_others_cart, Restored, Saved};

use deliveries::NextStep;

/// Products shown at once in a list: a long list is paged, never grown.
pub const SCREEN: usize = 8;

/// Where the shell keeps what the session asks to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The cart, shared with the shop's other tabs.
    Cart,
    /// A saved cart that could not be read, kept rather than lost.
    CartSetAside,
    /// Saved orders that could not be read, kept rather than lost.
    OutboxSetAside,
    /// Orders not yet taken by the shop's server.
    Outbox,
    /// The orders placed from this device, for "My orders".
    Placed,
    /// A saved list of orders placed that could not be read, kept rather than lost.
    PlacedSetAside,
    /// Who and where, kept only when the shopper asks to be remembered.
    Details,
    /// This tab's checkout draft, so a reload loses no typed address.
    Draft,
}

impl Slot {
    /// The name of the slot in storage keys.
    pub fn name(self) -> &'static str {
        match self {
            Slot::Cart => "cart",
            Slot::CartSetAside => "cart-set-aside",
            Slot::OutboxSetAside => "outbox-set-aside",
            Slot::Outbox => "outbox",
            Slot::Placed => "orders",
            Slot::PlacedSetAside => "orders-set-aside",
            Slot::Details => "details",
            Slot::Draft => "checkout",
        }
    }

    /// Kept on the device across visits (else only for this tab).
    pub fn lasts(self) -> bool {
        self != Slot::Draft
    }
}

/// Something for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch the catalog at this URL and read it, then call `catalog_arrived` or
    /// `catalog_failed`.
    FetchCatalog(String),
    /// Fetch this piece of the catalog (its path relative to the catalog's URL), then call
    /// `piece_arrived` with its bytes or why it could not be had.
    FetchPiece(Piece),
    Save(Slot, String),
    Forget(Slot),
    /// POST the order, then call `order_answered` with what came back.
    Post(Box<OutboxEntry>),
    /// Call `retry_due` for the order after this many milliseconds.
    Wake {
        reference: OrderReference,
        after_ms: u32,
    },
    /// Ask the shop's server how the order stands, then call `status_answered`.
    AskStatus(StatusQuery),
    /// Call `statuses_due` after this many milliseconds.
    WakeStatuses {
        after_ms: u32,
    },
    /// Dispatch a DOM event named `event` with this JSON detail on the shop's element.
    Tell {
        event: &'static str,
        detail: String,
    },
}

/// The cart and the counts of catalog arrivals and delivery changes as `settle` last saw
/// them.
struct Seen {
    cart: Cart,
    arrivals: usize,
    deliveries: usize,
}

pub struct Session {
    config: StoreConfig,
    catalog: CatalogState,
    cart: Cart,
    conversation: Conversation,
    checkout: CheckoutFlow,
    deliveries: Deliveries,
    placed: PlacedOrders,
    /// A `WakeStatuses` is pending: one refresh timer at a time.
    refresh_pending: bool,
    online: bool,
    /// Seconds since 1970 when the shop opened, or when the last order was reviewed: the
    /// day offers are judged by.
    clock: i64,
    /// What was last saved or told, so each change is saved and told once; a slot holding
    /// nothing is "" (`kept`).
    saved_cart: String,
    told_cart: String,
    /// How often what the page is told of the cart changed.
    cart_changes: usize,
    saved_draft: String,
    saved_outbox: String,
    saved_placed: String,
    /// What the last `settle` looked at; `None` before the first.
    seen: Option<Seen>,
    /// Saving the cart failed once already: the shopper has been told.
    cart_unsaved_told: bool,
    effects: Vec<Effect>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("catalog", &self.catalog.status())
            .field("cart", &self.cart)
            .field("messages", &self.conversation.messages().len())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A shop with the configuration's problems told, opened `now` (seconds since 1970),
    /// holding nothing yet: `take_in` gives it what this browser saved, then `start` says
    /// what to do first; `load_catalog` fetches the catalog.
    pub fn new(
        config: StoreConfig,
        problems: Vec<ConfigProblem>,
        online: bool,
        now: i64,
    ) -> Session {
        let mut session = Session {
            config,
            catalog: CatalogState::default(),
            cart: Cart::default(),
            conversation: Conversation::default(),
            checkout: CheckoutFlow::default(),
            deliveries: Deliveries::default(),
            placed: PlacedOrders::default(),
            refresh_pending: false,
            online,
            clock: now,
            saved_cart: String::new(),
            told_cart: String::new(),
            cart_changes: 0,
            saved_draft: String::new(),
            saved_outbox: String::new(),
            saved_placed: String::new(),
            seen: None,
            cart_unsaved_told: false,
            effects: Vec::new(),
        };
        for problem in problems {
            session.conversation.notice(Notice::SetupProblem(problem));
        }
        session
    }

    /// Takes in what this browser saved (`Saved::read`), before `start`: the orders left in
    /// the outbox are resumed. Only the widget's saved-data chunk calls it, so a first
    /// visit, which has nothing saved, never downloads it.
    pub fn take_in(&mut self, saved: Restored) {
        // What the slots hold now: the first `settle` writes only what differs, and forgets
        // a slot left with nothing worth keeping. A cart that could not be read is replaced
        // (it is set aside first); an outbox or list that could not be read is left in its
        // slot until something new is saved there, as its copy set aside may not have been
        // written (storage full).
        self.saved_cart = match &saved.cart {
            Some(Ok(cart)) => cart.to_storage(),
            Some(Err((text, _))) => text.clone(),
            None => String::new(),
        };
        self.saved_outbox = match &saved.outbox {
            Some(Ok(outbox)) => outbox.to_storage(),
            _ => String::new(),
        };
        self.saved_placed = match &saved.placed {
            Some(Ok(placed)) => placed.to_storage(),
            _ => String::new(),
        };
        self.saved_draft = saved.draft;
        self.checkout.form = saved.form.unwrap_or_default();
        let outbox = match saved.outbox {
            Some(Ok(outbox)) => outbox,
            Some(Err(text)) => {
                self.effects.push(Effect::Save(Slot::OutboxSetAside, text));
                self.conversation.notice(Notice::OrdersSetAside);
                Outbox::default()
            }
            None => Outbox::default(),
        };
        match saved.placed {
            Some(Ok(placed)) => self.placed = placed,
            Some(Err(text)) => self.effects.push(Effect::Save(Slot::PlacedSetAside, text)),
            None => {}
        }
        // News of orders still under way, asked once on every visit.
        self.ask_statuses();
        // The shopper knows to type the details again.
        if saved.details_unreadable {
            self.effects.push(Effect::Forget(Slot::Details));
        }
        if saved.details_lost {
            self.conversation.notice(Notice::DetailsUnreadable);
        }
        match saved.cart {
            Some(Ok(cart)) => self.cart = cart,
            Some(Err((text, problem))) => self.set_cart_aside(text, problem),
            None => {}
        }
        for entry in outbox.entries {
            let config = &self.config;
            let entry = entry.trusted(
                config.endpoint.as_deref(),
                config.whatsapp.as_ref().ok(),
                config.upi.as_ref(),
            );
            let reference = entry.reference;
            let (posted, on_whatsapp) = (!entry.endpoint.is_empty(), entry.whatsapp.is_some());
            self.deliveries.add(entry);
            self.conversation.push(Content::OrderStatus(reference));
            if posted {
                self.send(reference);
            } else if on_whatsapp {
                // This page sends orders through WhatsApp only: the order goes that way.
                if let Some(entry) = self.deliveries.hand_to_whatsapp(&reference) {
                    self.offer_whatsapp(entry);
                }
            } else {
                // Neither way is open here: kept on the device for a page that has one.
                self.deliveries.hold(&reference);
            }
        }
    }

    /// What to do first, once what was saved is taken in, `online` or not as the browser
    /// is now (it may have changed while the saved data was read): the cart told to the
    /// page, and the orders resumed.
    pub fn start(&mut self, online: bool) -> Vec<Effect> {
        self.connection(online)
    }

    fn set_cart_aside(&mut self, text: String, problem: StoredCartError) {
        self.effects.push(Effect::Save(Slot::CartSetAside, text));
        self.conversation.notice(Notice::CartSetAside(problem));
    }

    // What the views read.

    pub fn config(&self) -> &StoreConfig {
        &self.config
    }

    /// The page's name for the shop, else the catalog's; `None` until either is known.
    pub fn store_name(&self) -> Option<&str> {
        self.config
            .store_name
            .as_deref()
            .or_else(|| self.catalog.source()?.store_name())
    }

    pub fn catalog_status(&self) -> CatalogStatus {
        self.catalog.status()
    }

    /// How often the catalog or a piece of it arrived: what shows products may redraw.
    pub fn catalog_arrivals(&self) -> usize {
        self.catalog.arrivals()
    }

    /// How far the catalog's download has come, while it loads.
    pub fn catalog_loading(&self) -> Option<Progress> {
        self.catalog.progress()
    }

    /// The catalog, once it has arrived.
    pub fn source(&self) -> Option<&dyn CatalogSource> {
        self.catalog.source()
    }

    pub fn cart(&self) -> &Cart {
        &self.cart
    }

    /// How often the cart (its lines or its subtotal) changed: what shows it follows this.
    pub fn cart_changes(&self) -> usize {
        self.cart_changes
    }

    /// What the orderable lines come to, once the catalog has priced them.
    pub fn subtotal(&self) -> Option<Money> {
        let priced = self.cart.price(self.source()?);
        Some(priced.ok()?.ok()?.subtotal)
    }

    /// The day it is in the shop's time zone.
    fn today(&self) -> Day {
        let offset = self
            .config
            .terms
            .as_ref()
            .map_or(0, |t| t.utc_offset_minutes);
        Day::at(self.clock, offset)
    }

    /// The cart's subtotal, delivery, discount and total under the shop's terms, for how
    /// the shopper wants the order so far; `None` until the prices and terms are known.
    pub fn charges(&self) -> Option<Charges> {
        let subtotal = self.subtotal()?;
        let terms = self.config.terms.as_ref().ok()?;
        let form = &self.checkout.form;
        let typed = complete_postal_code(&form.postal_code, self.config.currency);
        let destination = Destination {
            fulfilment: fulfilment_offered(&self.config.fulfilments, form),
            postal_code: (!typed.is_empty()).then_some(typed),
        };
        terms
            .charges(
                subtotal,
                destination,
                Some(&form.offer_code),
                self.today(),
                self.config.rounding,
            )
            .ok()
    }

    /// The smallest order the shop takes however it is received, and what is missing to
    /// reach it, while the cart is below it: checkout cannot help then.
    pub fn below_every_minimum(&self) -> Option<(Money, Money)> {
        let subtotal = self.subtotal()?;
        let terms = self.config.terms.as_ref().ok()?;
        let minimum = terms.lowest_minimum(&self.config.fulfilments)?;
        if subtotal >= minimum {
            return None;
        }
        Some((minimum, minimum.less(&subtotal).ok()?))
    }

    pub fn conversation(&self) -> &Conversation {
        &self.conversation
    }

    /// The replies that fit the newest message but a set-up problem; none under a panel.
    pub fn quick_replies(&self) -> Vec<QuickReply> {
        if self.panel() != Panel::Closed {
            return Vec::new();
        }
        let categories: Vec<String> = self
            .source()
            .and_then(|s| s.categories().ok())
            .map(|categories| categories.iter().map(|c| c.id.clone()).collect())
            .unwrap_or_default();
        let failed = self.catalog_status() == CatalogStatus::Failed;
        self.conversation.quick_replies(&categories, failed)
    }

    /// The panel shown: checkout needs items in the cart, review also a prepared order.
    pub fn panel(&self) -> Panel {
        let has_items = !self.cart.is_empty();
        match self.checkout.panel {
            Panel::Closed => Panel::Closed,
            Panel::Orders if !self.placed.is_empty() => Panel::Orders,
            Panel::Orders => Panel::Closed,
            Panel::Review if has_items && self.checkout.review.is_some() => Panel::Review,
            Panel::Checkout if has_items => Panel::Checkout,
            _ => Panel::Cart,
        }
    }

    pub fn checkout(&self) -> &CheckoutFlow {
        &self.checkout
    }

    pub fn deliveries(&self) -> &Deliveries {
        &self.deliveries
    }

    pub fn delivery(&self, reference: &OrderReference) -> Option<&DeliveryRecord> {
        self.deliveries.get(reference)
    }

    /// The orders placed from this device, newest first.
    pub fn placed(&self) -> &PlacedOrders {
        &self.placed
    }

    /// A retailer id's name, "Amul Butter (500 g)", else the id itself.
    pub fn item_name(&self, retailer_id: &str) -> String {
        self.source()
            .and_then(|s| s.variant(retailer_id).ok().flatten())
            .map_or_else(|| retailer_id.to_owned(), |(p, v)| p.display_name(v))
    }

    /// A category's name, else its id.
    pub fn category_name(&self, id: &str) -> String {
        self.source()
            .and_then(|source| chat::category_name(source, id).ok())
            .unwrap_or_else(|| id.to_owned())
    }

    // The conversation.

    /// The shopper typed `text` and pressed Send.
    pub fn say(&mut self, text: &str) -> Vec<Effect> {
        self.catalog.forgive();
        let text = text.trim();
        if !text.is_empty() {
            self.conversation.push(Content::Shopper(text.to_owned()));
            let intent = understand(text, self.source());
            self.answer(intent);
        }
        self.settle()
    }

    /// The shopper chose a quick reply.
    pub fn choose(&mut self, quick: QuickReply) -> Vec<Effect> {
        self.catalog.forgive();
        self.conversation.push(Content::Chose(quick.clone()));
        match quick {
            QuickReply::Say(intent) => self.answer(intent),
            QuickReply::RetryCatalog => self.fetch_catalog(),
            QuickReply::Add {
                retailer_id,
                quantity,
            } => self.carry_out(Reply::Added {
                retailer_id,
                quantity,
            }),
            QuickReply::Remove { retailer_id } => self.carry_out(Reply::Removed { retailer_id }),
            QuickReply::UndoClear => {
                if let Some(cart) = self.conversation.take_cleared() {
                    self.cart = cart;
                    self.conversation.notice(Notice::CartRestored);
                }
            }
        }
        self.settle()
    }

    /// Posts a product's details as the newest message, once its piece is here.
    pub fn show_details(&mut self, product_id: String) -> Vec<Effect> {
        self.detail(product_id);
        self.settle()
    }

    fn detail(&mut self, product_id: String) {
        match self.source().map(|source| source.product(&product_id)) {
            Some(Err(missing)) => self.wait_for(missing, Waiter::Detail(product_id)),
            _ => self.conversation.push(Content::Detail(product_id)),
        }
    }

    /// Posts an earlier reply again as the newest message.
    pub fn show_again(&mut self, reply: Reply) -> Vec<Effect> {
        self.conversation.push(Content::Store(reply));
        self.settle()
    }

    fn answer(&mut self, intent: Intent) {
        match respond(&intent, self.source(), &self.cart) {
            Ok(reply) => self.carry_out(reply),
            Err(Missing::Catalog) if self.catalog_status() != CatalogStatus::Loading => {
                self.carry_out(Reply::CatalogUnavailable)
            }
            Err(Missing::Catalog) => {
                self.catalog.wait(&Missing::Catalog, Waiter::Answer(intent));
                self.conversation.notice(Notice::CatalogStillLoading);
            }
            Err(missing) => self.wait_for(missing, Waiter::Answer(intent)),
        }
    }

    /// Does what a reply says (opens the cart, changes it) and posts it.
    fn carry_out(&mut self, mut reply: Reply) {
        match &reply {
            Reply::OpenOrders if self.placed.is_empty() => reply = Reply::NoOrdersYet,
            Reply::OpenOrders => self.open_orders(),
            Reply::OpenCart => self.checkout.panel = Panel::Cart,
            Reply::OpenCheckout => self.checkout.open_checkout(),
            Reply::Added {
                retailer_id,
                quantity,
            } => self.change_cart(CartAction::Add {
                retailer_id: retailer_id.clone(),
                quantity: *quantity,
            }),
            Reply::CartCleared => {
                self.conversation.remember_cleared(self.cart.clone());
                self.change_cart(CartAction::Clear);
            }
            Reply::Removed { retailer_id } => self.change_cart(CartAction::Remove {
                retailer_id: retailer_id.clone(),
            }),
            _ => {}
        }
        self.conversation.push(Content::Store(reply));
    }

    // The cart.

    /// A change the shopper made on a card or a cart line.
    pub fn cart_action(&mut self, action: CartAction) -> Vec<Effect> {
        self.change_cart(action);
        self.settle()
    }

    fn change_cart(&mut self, action: CartAction) {
        let Some(source) = self.catalog.source() else {
            return;
        };
        match self
            .cart
            .apply(action.clone(), source, self.config.max_quantity)
        {
            Ok(cart) => self.cart = cart,
            Err(missing) => self.wait_for(missing, Waiter::Change(action)),
        }
    }

    /// The page adds a product by retailer id: `Some(true)` added, `Some(false)` not sold
    /// or not orderable, `None` kept until the catalog (or its piece) has arrived.
    pub fn add_from_page(
        &mut self,
        retailer_id: RetailerId,
        quantity: u32,
    ) -> (Option<bool>, Vec<Effect>) {
        let found = match self.source() {
            None => Err(Missing::Catalog),
            Some(source) => source
                .variant(&retailer_id)
                .map(|found| found.is_some_and(|(_, variant)| variant.can_order())),
        };
        let action = CartAction::Add {
            retailer_id,
            quantity,
        };
        let added = match found {
            Ok(orderable) => {
                if orderable {
                    self.change_cart(action);
                }
                Some(orderable)
            }
            Err(missing) => {
                self.wait_for(missing, Waiter::Change(action));
                None
            }
        };
        (added, self.settle())
    }

    /// Another tab of this shop saved its cart (read by `read_others_cart`): follow it.
    pub fn cart_saved_elsewhere(&mut self, cart: Cart) -> Vec<Effect> {
        // Already saved there: not saved again here.
        self.saved_cart = kept_cart(&cart).unwrap_or_default();
        self.cart = cart;
        self.settle()
    }

    /// Saving the cart failed (storage full or blocked): it lives on in memory, and the
    /// shopper is told once.
    pub fn cart_not_saved(&mut self) -> Vec<Effect> {
        if !self.cart_unsaved_told {
            self.cart_unsaved_told = true;
            self.conversation.notice(Notice::CartNotSaved);
        }
        self.settle()
    }

    // Checkout.

    pub fn show_panel(&mut self, panel: Panel) -> Vec<Effect> {
        match panel {
            Panel::Checkout => self.checkout.open_checkout(),
            Panel::Orders => self.open_orders(),
            panel => self.checkout.panel = panel,
        }
        self.settle()
    }

    /// The cart button: opens the cart, or closes whatever panel is open.
    pub fn toggle_cart(&mut self) -> Vec<Effect> {
        let next = if self.checkout.panel == Panel::Closed {
            Panel::Cart
        } else {
            Panel::Closed
        };
        self.show_panel(next)
    }

    pub fn edit_form(&mut self, edit: impl FnOnce(&mut CheckoutForm)) -> Vec<Effect> {
        edit(&mut self.checkout.form);
        self.settle()
    }

    /// Validates the form and, when it, the cart and the shop's set-up allow an order,
    /// prepares it for review. Returns the problems with the form, if any; any other reason
    /// the order can't go is in `checkout().blocked`. `format` writes money for people.
    pub fn review_order(
        &mut self,
        identity: OrderIdentity,
        format: &dyn Fn(&Money) -> String,
    ) -> (Result<(), Vec<FieldError>>, Vec<Effect>) {
        let reviewed = self.review(identity, format);
        (reviewed, self.settle())
    }

    fn review(
        &mut self,
        identity: OrderIdentity,
        format: &dyn Fn(&Money) -> String,
    ) -> Result<(), Vec<FieldError>> {
        self.checkout.blocked = None;
        if let Some(now) = unix_seconds(&identity.created_at) {
            self.clock = now;
        }
        let customer = self.checkout.form.validate(&self.config.checkout_rules());
        self.checkout.errors = customer.as_ref().err().cloned().unwrap_or_default();
        let customer = customer?;
        // Prices held in pieces not here yet: fetch them for the next try.
        if let Some(Err(missing)) = self
            .source()
            .map(|source| self.cart.price(source).map(|_| ()))
        {
            self.fetch_missing(missing, Urgency::Awaited);
        }
        let prepared = checkout_flow::prepare(
            &self.config,
            self.source(),
            self.store_name(),
            Basket {
                cart: &self.cart,
                offer_code: &self.checkout.form.offer_code,
                today: self.today(),
            },
            identity,
            customer,
            format,
        );
        match prepared {
            Ok(prepared) => {
                self.checkout.review = Some(prepared);
                self.checkout.panel = Panel::Review;
            }
            Err(blocked) => self.checkout.blocked = Some(blocked),
        }
        Ok(())
    }

    /// Hands off the order under review: to the endpoint through the outbox, or as a
    /// WhatsApp link. A second press finds nothing to place.
    pub fn place_order(&mut self) -> Vec<Effect> {
        if let Some(prepared) = self.checkout.take_review() {
            let entry = prepared.entry;
            if self.config.endpoint.is_none() {
                self.offer_whatsapp(entry);
            } else {
                // Saved before the first try; the cart's items now live in the order.
                let reference = entry.reference;
                self.deliveries.add(entry);
                self.cart = Cart::default();
                self.conversation.push(Content::OrderStatus(reference));
                self.send(reference);
            }
        }
        self.settle()
    }

    fn offer_whatsapp(&mut self, entry: OutboxEntry) {
        if entry.whatsapp.is_some() {
            self.checkout.current_order = Some(entry.reference);
            self.conversation.push(Content::OrderReady(Box::new(entry)));
        }
    }

    /// The shopper followed the WhatsApp link: the order has left.
    pub fn whatsapp_followed(&mut self, entry: &OutboxEntry) -> Vec<Effect> {
        self.tell_order(entry, "whatsapp", None);
        self.placed.add(entry, None);
        self.cart = Cart::default();
        self.order_completed();
        self.checkout.panel = Panel::Closed;
        self.conversation.notice(Notice::OrderSent);
        self.settle()
    }

    /// After an order has gone, personal details go too, unless the shopper asked to be
    /// remembered; then who and where are kept, for this shop only.
    fn order_completed(&mut self) {
        self.checkout.order_completed();
        if self.checkout.form.remember {
            let kept = self.checkout.form.to_storage();
            self.effects.push(Effect::Save(Slot::Details, kept));
        } else {
            self.effects.push(Effect::Forget(Slot::Details));
        }
    }

    // Deliveries to the endpoint.

    fn send(&mut self, reference: OrderReference) {
        if let Some(entry) = self.deliveries.start(&reference, self.online) {
            self.effects.push(Effect::Post(Box::new(entry)));
        }
    }

    /// What the endpoint answered a POST (`None`: no answer). `jitter` is random, 0 to 1.
    pub fn order_answered(
        &mut self,
        reference: OrderReference,
        answer: Option<EndpointAnswer>,
        jitter: f64,
    ) -> Vec<Effect> {
        match self
            .deliveries
            .answered(&reference, answer, self.online, jitter)
        {
            NextStep::Rest => {}
            NextStep::RetryAfter(after_ms) => self.effects.push(Effect::Wake {
                reference,
                after_ms,
            }),
            NextStep::Accepted {
                order_number,
                secret,
            } => {
                if let Some(record) = self.deliveries.get(&reference) {
                    let entry = record.entry.clone();
                    self.tell_order(&entry, "endpoint", order_number.as_deref());
                    let taken = Taken {
                        endpoint: entry.endpoint.clone(),
                        order_number,
                        secret,
                        status: ShopStatus::received(),
                    };
                    self.placed.add(&entry, Some(taken));
                }
                self.order_completed();
            }
        }
        self.settle()
    }

    // News of orders placed.

    /// Opens "My orders", asking after the orders under way unless a refresh is due anyway.
    fn open_orders(&mut self) {
        self.checkout.panel = Panel::Orders;
        if !self.refresh_pending {
            self.ask_statuses();
        }
    }

    /// Another tab of the shop saved its list of orders placed as `text` (`theirs` when it
    /// could be read): this tab takes in what it lacks, and saves the two together only when
    /// they differ.
    pub fn placed_saved_elsewhere(
        &mut self,
        text: String,
        theirs: Option<PlacedOrders>,
    ) -> Vec<Effect> {
        if let Some(theirs) = theirs {
            self.placed.merge(theirs);
        }
        self.saved_placed = text;
        self.settle()
    }

    /// Asks the page's endpoint after the orders still under way.
    fn ask_statuses(&mut self) {
        let questions = self.placed.questions(self.config.endpoint.as_deref());
        self.effects
            .extend(questions.into_iter().map(Effect::AskStatus));
    }

    /// What the shop's server said of an order (`None`: no answer). While "My orders" is
    /// open, the orders under way are asked after again a little later.
    pub fn status_answered(
        &mut self,
        reference: OrderReference,
        answer: Option<EndpointAnswer>,
    ) -> Vec<Effect> {
        self.placed.answered(&reference, answer);
        let under_way = !self
            .placed
            .questions(self.config.endpoint.as_deref())
            .is_empty();
        if self.panel() == Panel::Orders && under_way && !self.refresh_pending {
            self.refresh_pending = true;
            self.effects.push(Effect::WakeStatuses {
                after_ms: placed::REFRESH_MS,
            });
        }
        self.settle()
    }

    /// The wait between refreshes is over: ask again while "My orders" is open.
    pub fn statuses_due(&mut self) -> Vec<Effect> {
        self.refresh_pending = false;
        if self.panel() == Panel::Orders {
            self.ask_statuses();
        }
        self.settle()
    }

    /// A retry's wait is over.
    pub fn retry_due(&mut self, reference: OrderReference) -> Vec<Effect> {
        self.send(reference);
        self.settle()
    }

    /// The shopper pressed "Try again" after the last try failed.
    pub fn try_again(&mut self, reference: OrderReference) -> Vec<Effect> {
        self.deliveries.restart(&reference);
        self.send(reference);
        self.settle()
    }

    /// The browser went offline or came back; orders that waited for it go now.
    pub fn connection(&mut self, online: bool) -> Vec<Effect> {
        self.online = online;
        if online {
            for reference in self.deliveries.waiting_for_connection() {
                self.send(reference);
            }
        }
        self.settle()
    }

    /// Reads the settings file's terms, once (`StoreConfig::read_terms`). Only the widget's
    /// checkout chunk calls it, so a first visit downloads no reader for them; a problem with
    /// them is told as the set-up problems are.
    pub fn read_terms(&mut self) -> Vec<Effect> {
        if let Some(problem) = self.config.read_terms() {
            self.conversation.notice(Notice::SetupProblem(problem));
        }
        self.settle()
    }

    /// The order `reference` could not be posted, as the code that posts it did not come; it
    /// is posted once that code comes, which is asked for again in `retry_in_ms`, or (`None`)
    /// no more: then the shopper may try again or send it on WhatsApp. Said to the shopper as
    /// tries the network failed.
    pub fn sending_delayed(
        &mut self,
        reference: OrderReference,
        retry_in_ms: Option<u32>,
    ) -> Vec<Effect> {
        self.deliveries.delayed(&reference, retry_in_ms);
        self.settle()
    }

    /// Whether the order `reference` is still to be posted: not settled meanwhile, on
    /// WhatsApp for instance.
    pub fn still_to_send(&self, reference: OrderReference) -> bool {
        self.deliveries
            .get(&reference)
            .is_some_and(DeliveryRecord::in_outbox)
    }

    /// The shopper gave up on the endpoint: the same order (same reference) goes on
    /// WhatsApp and leaves the outbox, so it is never sent both ways.
    pub fn send_on_whatsapp_instead(&mut self, reference: OrderReference) -> Vec<Effect> {
        if let Some(entry) = self.deliveries.hand_to_whatsapp(&reference) {
            self.offer_whatsapp(entry);
        }
        self.settle()
    }

    fn tell_order(&mut self, entry: &OutboxEntry, channel: &str, order_number: Option<&str>) {
        self.effects.push(Effect::Tell {
            event: "chatcart:order",
            detail: events::order_detail(entry, channel, order_number),
        });
    }

    /// Saves and tells what changed since the last operation, and hands over the effects.
    fn settle(&mut self) -> Vec<Effect> {
        // The cart is written and priced again only when it or the catalog moved: not on
        // each keystroke in the checkout form.
        let arrivals = self.catalog.arrivals();
        let cart_moved = self
            .seen
            .as_ref()
            .is_none_or(|seen| seen.cart != self.cart || seen.arrivals != arrivals);
        if cart_moved {
            self.settle_cart();
        }
        let deliveries = self.deliveries.changes();
        let form = &self.checkout.form;
        let draft = (form != &CheckoutForm::default()).then(|| form.to_storage());
        if let Some(effect) = kept(Slot::Draft, draft, &mut self.saved_draft) {
            self.effects.push(effect);
            // Unticking "remember" withdraws consent at once.
            if !self.checkout.form.remember {
                self.effects.push(Effect::Forget(Slot::Details));
            }
        }
        if self
            .seen
            .as_ref()
            .is_none_or(|seen| seen.deliveries != deliveries)
        {
            let outbox = self.deliveries.outbox();
            let outbox = (!outbox.entries.is_empty()).then(|| outbox.to_storage());
            self.effects
                .extend(kept(Slot::Outbox, outbox, &mut self.saved_outbox));
        }
        let placed = (!self.placed.is_empty()).then(|| self.placed.to_storage());
        self.effects
            .extend(kept(Slot::Placed, placed, &mut self.saved_placed));
        let cart = match self.seen.take() {
            Some(seen) if !cart_moved => seen.cart,
            _ => self.cart.clone(),
        };
        self.seen = Some(Seen {
            cart,
            arrivals,
            deliveries,
        });
        std::mem::take(&mut self.effects)
    }

    /// Saves the cart and tells the page, each when it changed.
    fn settle_cart(&mut self) {
        let cart = kept_cart(&self.cart);
        self.effects
            .extend(kept(Slot::Cart, cart, &mut self.saved_cart));
        let detail = events::cart_detail(
            &self.cart,
            self.subtotal().as_ref(),
            self.config.currency.code(),
        );
        if detail != self.told_cart {
            self.effects.push(Effect::Tell {
                event: "chatcart:cart-change",
                detail: detail.clone(),
            });
            self.told_cart = detail;
            self.cart_changes += 1;
        }
    }
}

/// What keeps `cart` in storage; `None` for an empty one, which is not kept.
fn kept_cart(cart: &Cart) -> Option<String> {
    (!cart.is_empty()).then(|| cart.to_storage())
}

/// The effect that keeps `text` in `slot` (`None`: nothing worth keeping, so the slot is
/// forgotten and a later visit has nothing to read), given what the slot holds (`held`, ""
/// for nothing); `None` when it holds that already.
fn kept(slot: Slot, text: Option<String>, held: &mut String) -> Option<Effect> {
    let text = text.unwrap_or_default();
    if text == *held {
        return None;
    }
    held.clone_from(&text);
    Some(if text.is_empty() {
        Effect::Forget(slot)
    } else {
        Effect::Save(slot, text)
    })
}

#[cfg(test)]
mod tests;
