//! Every sentence and label the shopper sees, one module per language behind one trait:
//! a language that misses a message does not compile. What each language words is typed
//! input (a reply, a notice, a delivery), never a sentence worded elsewhere. Merchant-facing
//! detail (why a catalog failed, set-up problems) stays English inside the translated
//! sentence.
//!
//! A language module is data: its fixed labels, and its templates ("Add {title} to cart"),
//! each listed once per value in `wordings!`. Everything else is written once here on
//! `dyn Language`: which template a message takes, and `fill`, which puts the message's
//! parts into the template's holes. (Methods of the trait would be compiled once per
//! language, and a `format!` per message per language made the widget's download grow.)

/// A language's wording of every value of an enum declared by `listed!` (`Label`,
/// `Template`), written `Value => "wording",` in the enum's order: a value missing, twice or
/// out of order does not compile.
macro_rules! wordings {
    ($enum:ident { $($name:ident => $wording:literal,)* }) => {{
        const _: fn($enum) = |value| match value {
            $($enum::$name => (),)*
        };
        const _: () = {
            let order = [$($enum::$name as usize,)*];
            let mut at = 0;
            while at < order.len() {
                assert!(order[at] == at, "wordings are written in the enum's order");
                at += 1;
            }
        };
        $crate::words::Wordings::new(concat!($($wording, "\n",)*))
    }};
}

mod en;
mod hi;
mod nl;

use std::fmt;

use crate::cart::{CartChange, StoredCartError};
use crate::chat::{Heading, Intent, Reply};
use crate::checkout::{Field, FieldProblem, Fulfilment};
use crate::config::ConfigProblem;
use crate::download::Progress;
use crate::money::Money;
use crate::order_status::{OrderStatus, StatusChange};
use crate::outbox::{Delivery, NotSentReason};
use crate::pack_size::Measure;
use crate::product::{Availability, Variant};
use crate::reference::OrderReference;
use crate::session::{CatalogFailure, Notice, OrderBlocked, QuickReply};
use crate::terms::OfferRefusal;

pub use en::English;
pub use hi::Hindi;
pub use nl::Dutch;

/// The languages the words are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spoken {
    English,
    Hindi,
    Dutch,
}

/// The language of a BCP 47 tag ("hi-IN" → Hindi, "nl" → Dutch); English for any other.
/// Naming it reaches none of the words: the widget fetches Hindi's and Dutch's when needed.
pub fn spoken_in(tag: &str) -> Spoken {
    match tag
        .split(['-', '_'])
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("hi") => Spoken::Hindi,
        Some("nl") => Spoken::Dutch,
        _ => Spoken::English,
    }
}

/// The words of a BCP 47 tag's language (`spoken_in`).
pub fn for_locale(tag: &str) -> &'static dyn Language {
    match spoken_in(tag) {
        Spoken::English => &English,
        Spoken::Hindi => &Hindi,
        Spoken::Dutch => &Dutch,
    }
}

/// `N` wordings as one text, each followed by a line break, and where each ends. A `match`
/// giving each wording compiled to a table of addresses and one of lengths, eight bytes
/// beside each wording of each language in the download; an end takes two (issue 13).
pub(crate) struct Wordings<const N: usize> {
    text: &'static str,
    ends: [u16; N],
}

impl<const N: usize> Wordings<N> {
    /// Fails to compile (as a constant) unless `text` has `N` lines.
    pub(crate) const fn new(text: &'static str) -> Self {
        let bytes = text.as_bytes();
        assert!(
            bytes.len() <= u16::MAX as usize,
            "wordings longer than 64 KB"
        );
        let mut ends = [0; N];
        let (mut at, mut line) = (0, 0);
        while at < bytes.len() {
            if bytes[at] == b'\n' {
                assert!(line < N, "more wordings than values");
                ends[line] = at as u16;
                line += 1;
            }
            at += 1;
        }
        assert!(line == N, "fewer wordings than values");
        Wordings { text, ends }
    }

    pub(crate) fn get(&self, at: usize) -> &'static str {
        line_of(self.text, &self.ends, at)
    }
}

/// Line `at` of `text`, whose lines end at `ends` (not generic: one compiled copy).
fn line_of(text: &'static str, ends: &[u16], at: usize) -> &'static str {
    let start = match at {
        0 => 0,
        _ => usize::from(ends[at - 1]) + 1,
    };
    &text[start..usize::from(ends[at])]
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

/// Declares an enum and its `ALL` from one list, so the list cannot miss a value.
macro_rules! listed {
    ($(#[$meta:meta])* $enum:ident { $($(#[$doc:meta])* $name:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $($(#[$doc])* $name,)*
        }

        impl $enum {
            /// Every value, in declaration order.
            pub const ALL: &[$enum] = &[$($enum::$name,)*];
        }
    };
}

listed! {
    /// Fixed labels and sentences of the interface.
    Label {
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
        ProductsOnTheirWay,
        ShowAgain,
        EarlierMessagesHidden,
        CatalogStillLoading,
        /// While the catalog downloads, before there is a megabyte to count.
        LoadingCatalog,
        CartNotSaved,
        NothingToOrder,
        PricesNotLoaded,
        /// While a part of the shop's code arrives.
        Loading,
        /// The code of the cart's lines could not be fetched (the items are kept).
        CartNotLoaded,
        /// What was saved on the device could not be read: its reader could not be fetched.
        SavedNotLoaded,
        /// The checkout form's code could not be fetched.
        CheckoutNotLoaded,
        /// An order's message (its hand-off or progress) could not be fetched.
        OrderNotShown,
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
        Total,
        Discount,
        /// Delivery that costs nothing.
        Free,
        OfferCode,
        Apply,
        /// Why an order waits: the settings file or its terms could not be read.
        TermsUnknown,
        OrdersSetAside,
        DetailsUnreadable,
        MyOrders,
        /// An order sent on WhatsApp, in "My orders".
        SentOnWhatsApp,
        /// The shop's server gives no news of its orders here.
        NoUpdatesHere,
        /// The last question about an order got no answer.
        StatusUnreachable,
        /// The orders' chunk could not be fetched.
        OrdersNotLoaded,
    }
}

listed! {
    /// A message's wording in one language: a template whose `{name}` holes `fill` puts
    /// the message's parts into, or a whole sentence with no holes. The doc of each says
    /// its holes.
    Template {
        /// `{store}`: the chat's first line.
        Opening,
        /// `{name}`, `{count}`: the products of a category.
        CategoryHeading,
        /// `{query}`, `{count}`.
        SearchResultsHeading,
        /// `{query}`, `{count}`: no product has every word.
        ClosestHeading,
        /// `{query}`: nothing matches, maybe these.
        SuggestionsHeading,
        /// `{store}`: the answer to a greeting.
        Welcome,
        Categories,
        /// `{category}`.
        Subcategories,
        /// `{quantity}`, `{item}`.
        Added,
        WhichOne,
        /// `{item}`: the one product an order fits, in another size than asked.
        OnlyThisOne,
        /// `{item}`.
        Removed,
        WhichToRemove,
        CartCleared,
        /// `{query}`.
        NotInCart,
        /// `{query}`.
        NoMatches,
        AskWhatToSearch,
        OpenCart,
        OpenCheckout,
        OpenOrders,
        NoOrdersYet,
        Help,
        CatalogUnavailable,
        /// `{category}`: the quick reply for every product of a category.
        AllOf,
        /// `{problem}`, English.
        SetupProblem,
        /// `{problem}`, English.
        CartSetAside,
        /// `{title}`.
        NoLongerSold,
        /// `{title}`.
        CannotOrderNow,
        /// `{title}`, `{now}`, `{was}`.
        PriceChanged,
        /// `{changes}`: the worded changes, one after another.
        SinceLastVisit,
        /// `{failure}`, English.
        CatalogFailed,
        PieceFailed,
        /// `{received}`, `{total}`: whole megabytes of the catalog downloaded, and of all.
        CatalogProgress,
        /// `{received}`: whole megabytes downloaded, the whole size unknown.
        CatalogSoFar,
        /// `{reason}`, worded already.
        HandoffBlocked,
        NameMissing,
        PhoneMissing,
        NotAPhone,
        HouseMissing,
        CityMissing,
        RegionMissing,
        PinCodeMissing,
        NotAPin,
        NotAPostcode,
        SlotNotOffered,
        PaymentNotOffered,
        /// `{max}`: characters.
        TooLong,
        CheckField,
        /// A tab, escape or other control character in a field.
        HiddenCharacter,
        /// `{reference}`.
        Sending,
        /// `{reference}`, `{number}`: the shop's server's own number for the order.
        Received,
        /// `{reference}`: the shop's server gave no number of its own.
        ReceivedUnnumbered,
        /// `{reference}`, `{seconds}`.
        Retrying,
        /// `{reference}`.
        WaitingForConnection,
        /// `{reference}`.
        Unreachable,
        /// `{reference}`, `{why}` (the server's words).
        Refused,
        /// `{reference}`, `{digits}`: the WhatsApp number the order goes to.
        OrderReady,
        /// `{status}`: "Out of stock" or "No longer sold", as `unavailable_label` words it.
        NotInOrder,
        /// `{kind}`, `{title}`: "Size of Cotton T-shirt".
        OptionOf,
        /// `{first}`, `{last}`, `{total}`.
        PagePosition,
        /// The cart button's accessible name with nothing in the cart.
        CartEmpty,
        /// `{items}`: counted, "2 items".
        CartCount,
        /// `{title}`.
        AddToCart,
        /// `{title}`.
        DetailsOf,
        /// `{n}`.
        InCart,
        /// `{title}`.
        QuantityOf,
        /// `{title}`.
        Decrease,
        /// `{title}`.
        Increase,
        /// `{title}`.
        RemoveItem,
        /// `{items}` (counted), `{total}`.
        CheckoutSummary,
        /// `{amount}`.
        PayWithUpi,
        /// `{items}`: counted.
        CartWaitingForPrices,
        /// `{threshold}`, `{more}`: what is missing to deliver free.
        FreeDeliveryFrom,
        /// `{minimum}`, `{more}`.
        BelowMinimum,
        /// `{pin}`.
        NotDelivered,
        /// `{pin}`: and pickup is offered.
        NotDeliveredTryPickup,
        /// `{code}`: the discount row's label.
        DiscountWithCode,
        /// `{code}`.
        OfferApplied,
        /// `{code}`.
        OfferUnknown,
        /// `{code}`, `{date}`.
        OfferNotYet,
        /// `{code}`, `{date}`.
        OfferEnded,
        /// `{code}`, `{minimum}`, `{more}`.
        OfferNeedsMore,
        /// `{code}`: an offer that applies by itself takes off more.
        OfferOutdone,
        /// `{store}`, `{reference}`, `{status}`: the shop's message to a customer at a step.
        CustomerUpdate,
        /// `{minutes}`: when an accepted order should arrive (or be ready to collect).
        ReadyIn,
        /// `{reason}`, the merchant's own words.
        StatusReason,
        /// `{time}`: when an accepted order should arrive, as the shopper reads a time.
        ExpectedBy,
    }
}

/// The shop's words in one language. Every message is required: a language without one
/// does not compile. A language gives only words; what is built from them is written once
/// on `dyn Language`.
pub trait Language: Sync {
    /// The value of the page's `lang` attribute: "en", "hi", "nl".
    fn tag(&self) -> &'static str;

    fn label(&self, label: Label) -> &'static str;

    /// A message's template, its holes as `Template` says.
    fn template(&self, template: Template) -> &'static str;

    /// Which form of a counted noun `n` takes.
    fn plural(&self, n: u64) -> Plural;

    /// A counted noun in one form: "item", "items".
    fn noun(&self, noun: Noun, form: Plural) -> &'static str;

    /// The store's name when neither the page nor the catalog gives one.
    fn our_shop(&self) -> &'static str;

    /// What a shopper should know before adding an item that is orderable but not in stock.
    fn availability_note(&self, availability: Availability) -> Option<&'static str>;

    /// Why an item cannot be added.
    fn unavailable_label(&self, availability: Availability) -> &'static str;

    /// The name of a product's choice: "Size", "Colour" or both.
    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str;

    /// What a unit price is per: "per kg", "each".
    fn per(&self, measure: Measure) -> &'static str;

    /// An order's status in a word or two; `Packed` and `Delivered` read differently for
    /// an order collected at the shop.
    fn status_name(&self, status: OrderStatus, fulfilment: Fulfilment) -> &'static str;
}

/// Puts each hole's value into a template: `{title}` becomes the value paired with
/// "title". A hole with no value stays as it is written, so a misspelt hole shows.
fn fill(template: &str, holes: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find('}') else {
            break;
        };
        let name = &rest[1..close];
        match holes.iter().find(|(hole, _)| *hole == name) {
            Some((_, value)) => filled.push_str(value),
            None => filled.push_str(&rest[..=close]),
        }
        rest = &rest[close + 1..];
    }
    filled.push_str(rest);
    filled
}

/// Built from the words above, with no words of their own: written once for every
/// language (methods of the trait would be compiled once per language).
impl dyn Language {
    /// A template of this language, filled.
    fn say(&self, template: Template, holes: &[(&str, &str)]) -> String {
        fill(self.template(template), holes)
    }

    /// A template whose one hole is `{title}`.
    fn titled(&self, template: Template, title: &str) -> String {
        self.say(template, &[("title", title)])
    }

    /// A number of something: "1 item", "3 items", "3 सामान".
    pub fn counted(&self, n: u64, noun: Noun) -> String {
        format!("{n} {}", self.noun(noun, self.plural(n)))
    }

    /// The welcome line the chat opens with; `store` is the page's or catalog's name for
    /// the shop, when either gives one.
    pub fn opening(&self, store: Option<&str>) -> String {
        let store = store.unwrap_or(self.our_shop());
        self.say(Template::Opening, &[("store", store)])
    }

    /// The line above a list of product cards.
    pub fn products_heading(&self, heading: &Heading, count: usize) -> String {
        let count = self.counted(count as u64, Noun::Product);
        let (template, hole) = match heading {
            Heading::Category(name) => (Template::CategoryHeading, ("name", name.as_str())),
            Heading::SearchResults(q) => (Template::SearchResultsHeading, ("query", q.as_str())),
            Heading::Closest(q) => (Template::ClosestHeading, ("query", q.as_str())),
            Heading::Suggestions(q) => (Template::SuggestionsHeading, ("query", q.as_str())),
        };
        self.say(template, &[hole, ("count", &count)])
    }

    /// The store's answer to a message; `store` as in `opening`.
    pub fn reply(&self, reply: &Reply, store: Option<&str>, names: &dyn Names) -> String {
        match reply {
            Reply::Welcome => {
                let store = store.unwrap_or(self.our_shop());
                self.say(Template::Welcome, &[("store", store)])
            }
            Reply::Categories => self.say(Template::Categories, &[]),
            Reply::Subcategories { category, .. } => self.say(
                Template::Subcategories,
                &[("category", &names.category(category))],
            ),
            Reply::Products { heading, products } => self.products_heading(heading, products.len()),
            Reply::Added {
                retailer_id,
                quantity,
            } => self.say(
                Template::Added,
                &[
                    ("quantity", &quantity.to_string()),
                    ("item", &names.item(retailer_id)),
                ],
            ),
            // A question with one answer is no question: the product is shown.
            Reply::WhichOne { candidates, .. } => match candidates.as_slice() {
                [only] => self.say(Template::OnlyThisOne, &[("item", &names.item(only))]),
                _ => self.say(Template::WhichOne, &[]),
            },
            Reply::Removed { retailer_id } => {
                self.say(Template::Removed, &[("item", &names.item(retailer_id))])
            }
            Reply::WhichToRemove { .. } => self.say(Template::WhichToRemove, &[]),
            Reply::CartCleared => self.say(Template::CartCleared, &[]),
            Reply::NotInCart { query } => self.say(Template::NotInCart, &[("query", query)]),
            Reply::NoMatches { query } => self.say(Template::NoMatches, &[("query", query)]),
            Reply::AskWhatToSearch => self.say(Template::AskWhatToSearch, &[]),
            Reply::OpenCart => self.say(Template::OpenCart, &[]),
            Reply::OpenCheckout => self.say(Template::OpenCheckout, &[]),
            Reply::OpenOrders => self.say(Template::OpenOrders, &[]),
            Reply::NoOrdersYet => self.say(Template::NoOrdersYet, &[]),
            Reply::Help => self.say(Template::Help, &[]),
            Reply::CatalogUnavailable => self.say(Template::CatalogUnavailable, &[]),
        }
    }

    /// "All Dairy": the quick reply for every product of a category.
    pub fn all_of(&self, category: &str) -> String {
        self.say(Template::AllOf, &[("category", category)])
    }

    /// The page's settings had a problem (English, for the merchant).
    pub fn setup_problem(&self, problem: &ConfigProblem) -> String {
        self.say(Template::SetupProblem, &[("problem", &problem.to_string())])
    }

    /// The saved cart could not be read (the reason is English).
    pub fn cart_set_aside(&self, problem: &StoredCartError) -> String {
        self.say(Template::CartSetAside, &[("problem", &problem.to_string())])
    }

    /// One change to the saved cart since the last visit.
    pub fn cart_change(&self, change: &CartChange, money: FormatMoney) -> String {
        match change {
            CartChange::Removed { title } => self.titled(Template::NoLongerSold, title),
            CartChange::Unavailable { title } => self.titled(Template::CannotOrderNow, title),
            CartChange::PriceChanged { title, was, now } => self.say(
                Template::PriceChanged,
                &[("title", title), ("now", &money(now)), ("was", &money(was))],
            ),
        }
    }

    /// "Since your last visit: …" around the worded changes.
    pub fn since_last_visit(&self, changes: &str) -> String {
        self.say(Template::SinceLastVisit, &[("changes", changes)])
    }

    /// The catalog could not be loaded (the reason is English).
    pub fn catalog_failed(&self, failure: &CatalogFailure) -> String {
        self.say(
            Template::CatalogFailed,
            &[("failure", &failure.to_string())],
        )
    }

    /// Some products of a catalog in pieces could not be loaded (the reason is English).
    pub fn piece_failed(&self, failure: &CatalogFailure) -> String {
        self.say(Template::PieceFailed, &[("failure", &failure.to_string())])
    }

    /// How far the catalog's download has come: "Loading the product list: 12 of 34 MB",
    /// "…: 12 MB so far"; without numbers below a megabyte.
    pub fn catalog_loading(&self, progress: Progress) -> String {
        match progress.megabytes() {
            None => self.label(Label::LoadingCatalog).to_owned(),
            Some((received, total)) => {
                let received = received.to_string();
                match total {
                    Some(total) => self.say(
                        Template::CatalogProgress,
                        &[("received", &received), ("total", &total.to_string())],
                    ),
                    None => self.say(Template::CatalogSoFar, &[("received", &received)]),
                }
            }
        }
    }

    /// The shop's message to a customer about `change`, a step of the order `reference`
    /// received by `fulfilment`: "Demo Kirana: order CC-7K3P9Q — Accepted. Expected in
    /// about 45 minutes."
    pub fn customer_update(
        &self,
        store: &str,
        reference: &OrderReference,
        fulfilment: Fulfilment,
        change: &StatusChange,
    ) -> String {
        let mut message = self.say(
            Template::CustomerUpdate,
            &[
                ("store", store),
                ("reference", reference.as_str()),
                ("status", self.status_name(change.status, fulfilment)),
            ],
        );
        let details = self.status_details(change.ready_in_minutes, change.reason.as_deref());
        if !details.is_empty() {
            message.push(' ');
            message.push_str(&details);
        }
        message
    }

    /// What the shop said with a status: when the order should arrive, or why it stopped;
    /// empty when it said neither.
    pub fn status_details(&self, ready_in_minutes: Option<u32>, reason: Option<&str>) -> String {
        let ready_in = ready_in_minutes
            .map(|minutes| self.say(Template::ReadyIn, &[("minutes", &minutes.to_string())]));
        let reason = reason.map(|reason| self.say(Template::StatusReason, &[("reason", reason)]));
        [ready_in, reason]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// When an accepted order should arrive: "Expected by 30 Nov, 4:15 pm."
    pub fn expected_by(&self, time: &str) -> String {
        self.say(Template::ExpectedBy, &[("time", time)])
    }

    /// The order can't go, for this reason (worded already).
    pub fn handoff_blocked(&self, reason: &str) -> String {
        self.say(Template::HandoffBlocked, &[("reason", reason)])
    }

    pub fn field_problem(&self, field: Field, problem: FieldProblem) -> String {
        let template = match (field, problem) {
            (_, FieldProblem::ControlCharacter(_)) => Template::HiddenCharacter,
            (Field::Name, FieldProblem::Missing) => Template::NameMissing,
            (Field::Phone, FieldProblem::Missing) => Template::PhoneMissing,
            (Field::Phone, _) => Template::NotAPhone,
            (Field::House, FieldProblem::Missing) => Template::HouseMissing,
            (Field::City, FieldProblem::Missing) => Template::CityMissing,
            (Field::Region, FieldProblem::Missing) => Template::RegionMissing,
            (Field::PostalCode, FieldProblem::Missing) => Template::PinCodeMissing,
            (Field::PostalCode, FieldProblem::NotAPin) => Template::NotAPin,
            (Field::PostalCode, _) => Template::NotAPostcode,
            (Field::Slot, _) => Template::SlotNotOffered,
            (Field::Payment, _) => Template::PaymentNotOffered,
            (_, FieldProblem::TooLong { max }) => {
                return self.say(Template::TooLong, &[("max", &max.to_string())])
            }
            (_, _) => Template::CheckField,
        };
        self.template(template).to_owned()
    }

    /// Where an order sent to the shop's server stands.
    pub fn delivery(&self, reference: &OrderReference, delivery: &Delivery) -> String {
        let reference = ("reference", reference.as_str());
        match delivery {
            Delivery::Sending => self.say(Template::Sending, &[reference]),
            Delivery::Received {
                order_number: Some(number),
            } => self.say(Template::Received, &[reference, ("number", number)]),
            Delivery::Received { order_number: None } => {
                self.say(Template::ReceivedUnnumbered, &[reference])
            }
            Delivery::Retrying { retry_in_ms } => {
                let seconds = retry_in_ms.div_ceil(1000).to_string();
                self.say(Template::Retrying, &[reference, ("seconds", &seconds)])
            }
            Delivery::WaitingForConnection => {
                self.say(Template::WaitingForConnection, &[reference])
            }
            Delivery::NotSent {
                reason: NotSentReason::Unreachable,
            } => self.say(Template::Unreachable, &[reference]),
            Delivery::NotSent {
                reason: NotSentReason::Refused(why),
            } => self.say(Template::Refused, &[reference, ("why", why)]),
            Delivery::HandedToWhatsApp => {
                [reference.1, ": ", self.label(Label::SentThroughWhatsApp)].concat()
            }
        }
    }

    /// Names the number the order goes to, so a shopper can tell a look-alike shop link.
    pub fn order_ready(&self, reference: &OrderReference, whatsapp_digits: &str) -> String {
        self.say(
            Template::OrderReady,
            &[
                ("reference", reference.as_str()),
                ("digits", whatsapp_digits),
            ],
        )
    }

    /// A cart line that can no longer be ordered: "Out of stock: not in your order".
    pub fn not_in_order(&self, availability: Availability) -> String {
        let status = self.unavailable_label(availability);
        self.say(Template::NotInOrder, &[("status", status)])
    }

    /// The picker's accessible name: "Size of Cotton T-shirt".
    pub fn option_of(&self, kind: &str, title: &str) -> String {
        self.say(Template::OptionOf, &[("kind", kind), ("title", title)])
    }

    /// "9–16 of 48"
    pub fn page_position(&self, first: usize, last: usize, total: usize) -> String {
        self.say(
            Template::PagePosition,
            &[
                ("first", &first.to_string()),
                ("last", &last.to_string()),
                ("total", &total.to_string()),
            ],
        )
    }

    /// The cart button's accessible name: "Cart, empty", "Cart, 2 items".
    pub fn cart_button(&self, items: u32) -> String {
        match items {
            0 => self.template(Template::CartEmpty).to_owned(),
            n => self.with_items(Template::CartCount, n, &[]),
        }
    }

    /// A template whose `{items}` hole is a number of items: "3 items".
    fn with_items(&self, template: Template, items: u32, holes: &[(&str, &str)]) -> String {
        let items = self.counted(items.into(), Noun::Item);
        let mut all = vec![("items", items.as_str())];
        all.extend_from_slice(holes);
        self.say(template, &all)
    }

    pub fn add_to_cart(&self, title: &str) -> String {
        self.titled(Template::AddToCart, title)
    }

    pub fn details_of(&self, title: &str) -> String {
        self.titled(Template::DetailsOf, title)
    }

    pub fn in_cart(&self, n: u32) -> String {
        self.say(Template::InCart, &[("n", &n.to_string())])
    }

    pub fn quantity_of(&self, title: &str) -> String {
        self.titled(Template::QuantityOf, title)
    }

    pub fn decrease(&self, title: &str) -> String {
        self.titled(Template::Decrease, title)
    }

    pub fn increase(&self, title: &str) -> String {
        self.titled(Template::Increase, title)
    }

    pub fn remove(&self, title: &str) -> String {
        self.titled(Template::RemoveItem, title)
    }

    /// Above the checkout form: "3 items, total ₹819.00".
    pub fn checkout_summary(&self, items: u32, total: &str) -> String {
        self.with_items(Template::CheckoutSummary, items, &[("total", total)])
    }

    pub fn pay_with_upi(&self, amount: &str) -> String {
        self.say(Template::PayWithUpi, &[("amount", amount)])
    }

    pub fn cart_waiting_for_prices(&self, items: u32) -> String {
        self.with_items(Template::CartWaitingForPrices, items, &[])
    }

    /// Under the delivery fee: "Free delivery from ₹499: add ₹120 more."
    pub fn free_delivery_from(&self, threshold: &str, more: &str) -> String {
        self.say(
            Template::FreeDeliveryFrom,
            &[("threshold", threshold), ("more", more)],
        )
    }

    pub fn below_minimum(&self, minimum: &str, more: &str) -> String {
        self.say(
            Template::BelowMinimum,
            &[("minimum", minimum), ("more", more)],
        )
    }

    /// The PIN code is outside every delivery zone; pickup is suggested when the shop
    /// offers it.
    pub fn not_delivered(&self, pin: &str, pickup_offered: bool) -> String {
        let template = if pickup_offered {
            Template::NotDeliveredTryPickup
        } else {
            Template::NotDelivered
        };
        self.say(template, &[("pin", pin)])
    }

    /// The delivery row's label: "Delivery (Andheri)" for a named zone.
    pub fn delivery_label(&self, zone: Option<&str>) -> String {
        let delivery = self.label(Label::Delivery);
        match zone {
            Some(zone) => format!("{delivery} ({zone})"),
            None => delivery.to_owned(),
        }
    }

    /// The discount row's label: "Discount (WELCOME10)", or "Discount" for an offer that
    /// applies by itself.
    pub fn discount_label(&self, code: Option<&str>) -> String {
        match code {
            Some(code) => self.say(Template::DiscountWithCode, &[("code", code)]),
            None => self.label(Label::Discount).to_owned(),
        }
    }

    /// How the shopper's offer code fared: applied, or why not.
    pub fn offer_code_result(
        &self,
        code: &str,
        refusal: Option<&OfferRefusal>,
        money: FormatMoney,
    ) -> String {
        let (template, date, minimum, more) = match refusal {
            None => (Template::OfferApplied, "", String::new(), String::new()),
            Some(OfferRefusal::Unknown) => {
                (Template::OfferUnknown, "", String::new(), String::new())
            }
            Some(OfferRefusal::NotYet(date)) => (
                Template::OfferNotYet,
                date.as_str(),
                String::new(),
                String::new(),
            ),
            Some(OfferRefusal::Ended(date)) => (
                Template::OfferEnded,
                date.as_str(),
                String::new(),
                String::new(),
            ),
            Some(OfferRefusal::NeedsMore { minimum, more }) => {
                (Template::OfferNeedsMore, "", money(minimum), money(more))
            }
            Some(OfferRefusal::Outdone) => {
                (Template::OfferOutdone, "", String::new(), String::new())
            }
        };
        self.say(
            template,
            &[
                ("code", code),
                ("date", date),
                ("minimum", &minimum),
                ("more", &more),
            ],
        )
    }

    /// Something the shop tells the shopper that is not an answer to a message.
    pub fn notice(&self, notice: &Notice, money: FormatMoney) -> String {
        match notice {
            Notice::SetupProblem(problem) => self.setup_problem(problem),
            Notice::CartSetAside(problem) => self.cart_set_aside(problem),
            Notice::CartNotSaved => self.label(Label::CartNotSaved).to_owned(),
            Notice::OrdersSetAside => self.label(Label::OrdersSetAside).to_owned(),
            Notice::DetailsUnreadable => self.label(Label::DetailsUnreadable).to_owned(),
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
    pub fn order_blocked(&self, blocked: &OrderBlocked, money: FormatMoney) -> String {
        let reason = match blocked {
            OrderBlocked::PricesNotLoaded => self.label(Label::PricesNotLoaded).to_owned(),
            OrderBlocked::NothingToOrder => self.label(Label::NothingToOrder).to_owned(),
            OrderBlocked::NoWhatsApp(problem) => problem.to_string(),
            OrderBlocked::Pricing(problem) => problem.to_string(),
            OrderBlocked::TermsUnknown => self.label(Label::TermsUnknown).to_owned(),
            // What the shopper can change is said as it is, without "tell the shop".
            OrderBlocked::BelowMinimum { minimum, more } => {
                return self.below_minimum(&money(minimum), &money(more))
            }
            OrderBlocked::NotDelivered { pin, pickup } => return self.not_delivered(pin, *pickup),
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
            QuickReply::Say(Intent::Orders) => Label::MyOrders,
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
                crate::text::lowercase(self.unavailable_label(variant.availability))
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
