//! Every sentence and label the shopper sees, one module per language behind one trait:
//! a language that misses a message does not compile. What each language words is typed
//! input (a reply, a notice, a delivery), never a sentence worded elsewhere. Merchant-facing
//! detail (why a catalog failed, set-up problems) stays English inside the translated
//! sentence.
//!
//! Shared logic, which builds a text from parts that need no translation, is written once
//! here as the trait's provided methods; the language modules hold only their own words.

mod en;
mod hi;
mod nl;

use std::fmt;

use crate::cart::{CartChange, StoredCartError};
use crate::chat::{Heading, Intent, Reply};
use crate::checkout::{Field, FieldProblem};
use crate::config::ConfigProblem;
use crate::money::Money;
use crate::outbox::Delivery;
use crate::pack::Measure;
use crate::product::{Availability, Variant};
use crate::reference::OrderReference;
use crate::session::{CatalogFailure, Notice, OrderBlocked, QuickReply};

pub use en::English;
pub use hi::Hindi;
pub use nl::Dutch;

/// The language of a BCP 47 tag ("hi-IN" → Hindi, "nl" → Dutch); English for any other.
pub fn for_locale(tag: &str) -> &'static dyn Language {
    match tag
        .split(['-', '_'])
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("hi") => &Hindi,
        Some("nl") => &Dutch,
        _ => &English,
    }
}

/// Names of what the catalog sells, looked up by whoever has the catalog (the session):
/// words never read the catalog themselves.
pub trait Names {
    /// An item's name by retailer id, "Amul Butter (500 g)", else the id itself.
    fn item(&self, retailer_id: &str) -> String;
    /// A category's name by id, else the id itself.
    fn category(&self, id: &str) -> String;
}

/// Writes an amount of money for people, in the shopper's locale.
pub type FormatMoney<'a> = &'a dyn Fn(&Money) -> String;

/// Which form of a counted noun a number takes, as in Unicode CLDR's plural rules
/// (English and Dutch: one for 1; Hindi: one for 0 and 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

/// What the shop counts, worded through `Language::counted` and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// Products in a list: "1 product", "12 products".
    Product,
    /// Units in the cart: "1 item", "3 items".
    Item,
}

impl Noun {
    pub const ALL: &[Noun] = &[Noun::Product, Noun::Item];
}

/// Declares `Label` and `Label::ALL` from one list, so the list cannot miss a label.
macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Fixed labels and sentences of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Label {
            $($(#[$doc])* $name,)*
        }

        impl Label {
            /// Every label, in declaration order.
            pub const ALL: &[Label] = &[$(Label::$name,)*];
        }
    };
}

labels! {
    RepliesInstantly,
    Conversation,
    SuggestedReplies,
    Message,
    MessagePlaceholder,
    Send,
    YourCart,
    Checkout,
    Close,
    CartIsEmpty,
    Subtotal,
    Remove,
    BackToCart,
    PlaceOrder,
    SendOnWhatsApp,
    NewerOrder,
    Add,
    Was,
    Previous,
    Next,
    PreviousProducts,
    NextProducts,
    Name,
    Phone,
    HowToReceive,
    Delivery,
    Pickup,
    PickupOnly,
    House,
    Area,
    City,
    Region,
    RegionOptional,
    PinCode,
    Postcode,
    DeliveryTime,
    AnyTime,
    PaymentMethod,
    CashOnDelivery,
    CashAtPickup,
    Upi,
    PayInChat,
    Remember,
    ReviewOrder,
    ReviewTitle,
    ReviewExplained,
    EditDetails,
    CopyOrderText,
    Copied,
    CopyFailed,
    OpenWhatsAppWeb,
    ScanToContinue,
    ScanToPay,
    LinkCompacted,
    LinkSummarised,
    TryAgain,
    SendOnWhatsAppInstead,
    SentThroughWhatsApp,
    OrderText,
    ChatToOrder,
    CloseChat,
    Notes,
    MoreOnShopSite,
    CartRestored,
    OlderResultsHidden,
    ShowAgain,
    EarlierMessagesHidden,
    CatalogStillLoading,
    CartNotSaved,
    NothingToOrder,
    PricesNotLoaded,
    OrderSent,
    /// Quick reply: greet the shop.
    SayHi,
    /// Quick reply: the shop's categories.
    BrowseCategories,
    /// Quick reply: ask what to search for.
    Search,
    /// Quick reply: open the cart.
    ViewCart,
    /// Quick reply: how to use the chat.
    Help,
    /// Quick reply: empty the cart.
    ClearCart,
    /// Quick reply: put back the cart just cleared.
    Undo,
}

/// The shop's words in one language. Every message is required: a language without one
/// does not compile. What is built from these messages alone is on `dyn Language`.
pub trait Language: Sync {
    /// The value of the page's `lang` attribute: "en", "hi", "nl".
    fn tag(&self) -> &'static str;

    fn label(&self, label: Label) -> &'static str;

    /// Which form of a counted noun `n` takes.
    fn plural(&self, n: u64) -> Plural;

    /// A counted noun in one form: "item", "items".
    fn noun(&self, noun: Noun, form: Plural) -> &'static str;

    /// The store's name when neither the page nor the catalog gives one.
    fn our_shop(&self) -> &'static str;

    /// The welcome line the chat opens with; `store` is the page's or catalog's name for
    /// the shop, when either gives one.
    fn opening(&self, store: Option<&str>) -> String;

    /// The line above a list of product cards.
    fn products_heading(&self, heading: &Heading, count: usize) -> String;

    /// The store's answer to a message; `store` as in `opening`.
    fn reply(&self, reply: &Reply, store: Option<&str>, names: &dyn Names) -> String;

    /// "All Dairy": the quick reply for every product of a category.
    fn all_of(&self, category: &str) -> String;

    /// The page's settings had a problem (English, for the merchant).
    fn setup_problem(&self, problem: &ConfigProblem) -> String;

    /// The saved cart could not be read (the reason is English).
    fn cart_set_aside(&self, problem: &StoredCartError) -> String;

    /// One change to the saved cart since the last visit.
    fn cart_change(&self, change: &CartChange, money: FormatMoney) -> String;

    /// "Since your last visit: …" around the worded changes.
    fn since_last_visit(&self, changes: &str) -> String;

    /// The catalog could not be loaded (the reason is English).
    fn catalog_failed(&self, failure: &CatalogFailure) -> String;

    /// The order can't go, for this reason (worded already).
    fn handoff_blocked(&self, reason: &str) -> String;

    fn field_problem(&self, field: Field, problem: FieldProblem) -> String;

    /// Where an order sent to the shop's server stands.
    fn delivery(&self, reference: &OrderReference, delivery: &Delivery) -> String;

    /// Names the number the order goes to, so a shopper can tell a look-alike shop link.
    fn order_ready(&self, reference: &OrderReference, whatsapp_digits: &str) -> String;

    /// What a shopper should know before adding an item that is orderable but not in stock.
    fn availability_note(&self, availability: Availability) -> Option<&'static str>;

    /// Why an item cannot be added.
    fn unavailable_label(&self, availability: Availability) -> &'static str;

    /// A cart line that can no longer be ordered: "Out of stock: not in your order".
    fn not_in_order(&self, availability: Availability) -> String;

    /// The name of a product's choice: "Size", "Colour" or both.
    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str;

    /// The picker's accessible name: "Size of Cotton T-shirt".
    fn option_of(&self, kind: &str, title: &str) -> String;

    /// "9–16 of 48"
    fn page_position(&self, first: usize, last: usize, total: usize) -> String;

    /// The cart button's accessible name: "Cart, empty", "Cart, 2 items".
    fn cart_button(&self, items: u32) -> String;

    /// What a unit price is per: "per kg", "each".
    fn per(&self, measure: Measure) -> &'static str;

    fn add_to_cart(&self, title: &str) -> String;

    fn details_of(&self, title: &str) -> String;

    fn in_cart(&self, n: u32) -> String;

    fn quantity_of(&self, title: &str) -> String;

    fn decrease(&self, title: &str) -> String;

    fn increase(&self, title: &str) -> String;

    fn remove(&self, title: &str) -> String;

    /// Above the checkout form: "3 items, total ₹819.00".
    fn checkout_summary(&self, items: u32, total: &str) -> String;

    fn pay_with_upi(&self, amount: &str) -> String;

    fn cart_waiting_for_prices(&self, items: u32) -> String;
}

/// Built from the messages above, with no words of their own: written once for every
/// language (methods of the trait would be compiled once per language).
impl dyn Language {
    /// A number of something: "1 item", "3 items", "3 सामान".
    pub fn counted(&self, n: u64, noun: Noun) -> String {
        format!("{n} {}", self.noun(noun, self.plural(n)))
    }

    /// Something the shop tells the shopper that is not an answer to a message.
    pub fn notice(&self, notice: &Notice, money: FormatMoney) -> String {
        match notice {
            Notice::SetupProblem(problem) => self.setup_problem(problem),
            Notice::CartSetAside(problem) => self.cart_set_aside(problem),
            Notice::CartNotSaved => self.label(Label::CartNotSaved).to_owned(),
            Notice::CartChanged(changes) => self.cart_changed(changes, money),
            Notice::CartRestored => self.label(Label::CartRestored).to_owned(),
            Notice::CatalogStillLoading => self.label(Label::CatalogStillLoading).to_owned(),
            Notice::OrderSent => self.label(Label::OrderSent).to_owned(),
        }
    }

    /// What changed in the saved cart since the last visit, one sentence per change.
    pub fn cart_changed(&self, changes: &[CartChange], money: FormatMoney) -> String {
        let changes: Vec<String> = changes
            .iter()
            .map(|change| self.cart_change(change, money))
            .collect();
        self.since_last_visit(&changes.join(" "))
    }

    /// Why a valid checkout still cannot become an order. Problems with the shop's set-up
    /// stay English: the shopper is asked to tell the shop.
    pub fn order_blocked(&self, blocked: &OrderBlocked) -> String {
        let reason = match blocked {
            OrderBlocked::PricesNotLoaded => self.label(Label::PricesNotLoaded).to_owned(),
            OrderBlocked::NothingToOrder => self.label(Label::NothingToOrder).to_owned(),
            OrderBlocked::NoWhatsApp(problem) => problem.to_string(),
            OrderBlocked::Pricing(problem) => problem.to_string(),
        };
        self.handoff_blocked(&reason)
    }

    /// The text of a quick reply: a fixed label, or the name of what it offers.
    pub fn quick_reply_label(&self, quick: &QuickReply, names: &dyn Names) -> String {
        let label = match quick {
            QuickReply::Say(Intent::Greet) => Label::SayHi,
            QuickReply::Say(Intent::Browse) => Label::BrowseCategories,
            QuickReply::Say(Intent::Search(_)) => Label::Search,
            QuickReply::Say(Intent::Cart) => Label::ViewCart,
            QuickReply::Say(Intent::Checkout) => Label::Checkout,
            QuickReply::Say(Intent::Help) => Label::Help,
            QuickReply::Say(Intent::ClearCart) => Label::ClearCart,
            QuickReply::UndoClear => Label::Undo,
            QuickReply::RetryCatalog => Label::TryAgain,
            QuickReply::Say(Intent::WholeCategory(id)) => return self.all_of(&names.category(id)),
            QuickReply::Say(Intent::Category(id)) => return names.category(id),
            QuickReply::Say(Intent::Subcategory { name, .. }) => return name.clone(),
            QuickReply::Say(Intent::Order(request)) => return request.query.clone(),
            QuickReply::Add { retailer_id, .. } | QuickReply::Remove { retailer_id } => {
                return names.item(retailer_id)
            }
        };
        self.label(label).to_owned()
    }

    /// One entry of the variant picker: "M, Blue", "XL (out of stock)".
    pub fn variant_option(&self, variant: &Variant) -> String {
        let label = variant
            .label()
            .unwrap_or_else(|| variant.retailer_id.to_string());
        if variant.can_order() {
            label
        } else {
            format!(
                "{label} ({})",
                self.unavailable_label(variant.availability).to_lowercase()
            )
        }
    }

    /// A unit price for comparing packs: "₹49.80 per kg", "₹10.00 each".
    pub fn unit_price(&self, price: &str, per: Measure) -> String {
        format!("{price} {}", self.per(per))
    }
}

impl fmt::Debug for dyn Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({:?})", self.tag())
    }
}

/// Two languages are the same when their tags are.
impl PartialEq for dyn Language {
    fn eq(&self, other: &Self) -> bool {
        self.tag() == other.tag()
    }
}

impl Eq for dyn Language {}

// Parts of messages that need no translation, for the language modules.

/// " #1234" after a reference when the shop's server gave its own order number, else "".
fn order_number(order_number: Option<&str>) -> String {
    order_number.map(|n| format!(" #{n}")).unwrap_or_default()
}

/// A retry's wait in whole seconds, rounded up.
fn seconds(ms: u32) -> u32 {
    ms.div_ceil(1000)
}

/// "CC-7K3P9Q: This order goes through WhatsApp instead; …"
fn handed_to_whatsapp(language: &dyn Language, reference: &OrderReference) -> String {
    format!(
        "{reference}: {}",
        language.label(Label::SentThroughWhatsApp)
    )
}

#[cfg(test)]
mod tests;

/// The catalog's names, as the session knows them.
impl Names for crate::session::Session {
    fn item(&self, retailer_id: &str) -> String {
        self.item_name(retailer_id)
    }

    fn category(&self, id: &str) -> String {
        self.category_name(id)
    }
}
