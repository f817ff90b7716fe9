//! Where the receiver keeps accepted orders, behind one interface: SQLite in a file (the
//! embedded default) or PostgreSQL (`--db postgres://…`, for a shop that runs several
//! receivers or already runs the database). Each order is kept with the response it was
//! given, so that a retry with the same Idempotency-Key gets exactly that response again.

mod postgres;
mod sqlite;

use std::fmt;
use std::future::Future;
use std::time::{SystemTime, UNIX_EPOCH};

use chatcart_core::checkout::Fulfilment;
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::order::{Order, OrderDocument};
use chatcart_core::order_status::{OrderStatus, StatusChange};
use chatcart_core::reference::OrderReference;
use chatcart_core::terms::rfc3339_utc;

use crate::secret::Token;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Where `--db` points: a SQLite file, or a PostgreSQL database by its URL.
#[derive(Clone, Debug, PartialEq)]
pub enum Database {
    Sqlite(String),
    Postgres(String),
}

impl Database {
    pub fn at(db: &str) -> Self {
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            Database::Postgres(db.to_owned())
        } else {
            Database::Sqlite(db.to_owned())
        }
    }
}

/// The file's path, or the database's URL without its password: fit for a log or a terminal.
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => f.write_str(path),
            Database::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

/// `url` with the password left out, whether given after the user name or as `password=`.
fn without_password(url: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((main, query)) => (main, Some(query)),
        None => (url, None),
    };
    let (scheme, rest) = main.split_once("://").unwrap_or(("", main));
    let rest = match rest.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info
                .split_once(':')
                .map_or(user_info, |(user, _)| user);
            format!("{user}@{host}")
        }
        None => rest.to_owned(),
    };
    let mut shown = format!("{scheme}://{rest}");
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.starts_with("password="))
            .collect();
        if !kept.is_empty() {
            shown.push('?');
            shown.push_str(&kept.join("&"));
        }
    }
    shown
}

/// What was stored for an Idempotency-Key.
pub struct Stored {
    pub request_body: String,
    pub response_body: String,
}

/// What became of an order offered to the store.
#[derive(Debug, PartialEq)]
pub enum Accepted {
    /// Stored now, with this response.
    New(String),
    /// The same order was stored before under its key: the response it was given.
    Replayed(String),
    /// The key was used before for a different order.
    KeyTaken,
}

/// Writes the response to an accepted order from the number the store gave it and the
/// order's status secret.
pub type Receipt = fn(i64, &Order, &Token) -> String;

/// One accepted order, as `chatcart orders`, the inbox and the status API read it.
pub struct Listed {
    pub order_number: i64,
    pub reference: OrderReference,
    pub idempotency_key: IdempotencyKey,
    pub received_at: String,
    pub customer_name: String,
    pub total: String,
    pub currency: String,
    pub lines: i64,
    pub order_json: String,
    pub status: OrderStatus,
    /// The SHA-256 of the order's status secret (none for orders stored before there were
    /// secrets).
    pub secret_fingerprint: Option<String>,
    /// Oldest first; the first is always the order's arrival, `received` by "receiver".
    pub history: Vec<StatusChange>,
}

impl Listed {
    /// How the order is received, as its JSON says (delivery when it cannot be read: the
    /// steps of a delivery include every step of a pickup but one).
    pub fn fulfilment(&self) -> Fulfilment {
        self.document()
            .map_or(Fulfilment::Delivery, |document| document.fulfilment)
    }

    /// The order's JSON read back; `None` for a row no receiver would have written.
    pub fn document(&self) -> Option<OrderDocument> {
        serde_json::from_str(&self.order_json).ok()
    }

    /// When the order last changed: its last step.
    pub fn updated_at(&self) -> &str {
        self.history
            .last()
            .map_or(self.received_at.as_str(), |change| change.at.as_str())
    }
}

/// An order's line in the inbox's list: what is shown and searched, without its JSON.
#[derive(Clone, Debug)]
pub struct Summary {
    pub order_number: i64,
    pub reference: String,
    pub received_at: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub total: String,
    pub currency: String,
    pub status: OrderStatus,
    /// How the order is received, for the words of its status.
    pub fulfilment: Fulfilment,
}

/// Whether an order row is for pickup, as SQL both databases read: a receiver writes the
/// order's JSON compact, where `"fulfilment":"pickup"` can only be the order's own field
/// (inside a text, every quote is escaped). Anything else counts as delivery.
const IS_PICKUP: &str = r#"(order_json LIKE '%"fulfilment":"pickup"%')"#;

/// A step told as news: its id, its order's number, reference and fulfilment, and the step.
#[derive(Clone, Debug)]
pub struct NewStep {
    pub id: i64,
    pub order_number: i64,
    pub reference: String,
    pub fulfilment: Fulfilment,
    pub change: StatusChange,
}

/// `Fulfilment::Pickup` when `pickup`.
fn fulfilment(pickup: Option<bool>) -> Fulfilment {
    if pickup == Some(true) {
        Fulfilment::Pickup
    } else {
        Fulfilment::Delivery
    }
}

/// What the merchant searched the list for, as a database is asked it.
#[derive(Clone, Debug, PartialEq)]
pub enum Search {
    Everything,
    /// `#12`: the order with this number.
    Number(i64),
    /// `#` and something that is not a number.
    Nothing,
    /// Part of a reference (in upper case), and either the digits of a phone number (the
    /// search looked like one) or part of a name (in lower case).
    Text {
        reference: String,
        phone_digits: Option<String>,
        name: Option<String>,
    },
}

impl Search {
    /// What the merchant typed: a reference (or part of one), an order number (`#12`), the
    /// digits of a phone number however they are written, or part of a name.
    pub fn parse(query: &str) -> Search {
        let query = query.trim();
        if query.is_empty() {
            return Search::Everything;
        }
        if let Some(number) = query.strip_prefix('#') {
            return number
                .trim()
                .parse()
                .map_or(Search::Nothing, Search::Number);
        }
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let looks_like_phone = digits.len() >= 3
            && query
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        Search::Text {
            reference: query.to_ascii_uppercase(),
            phone_digits: looks_like_phone.then_some(digits),
            name: (!looks_like_phone).then(|| query.to_lowercase()),
        }
    }
}

/// The orders the inbox lists, of how many found and how many there are.
#[derive(Debug, Default)]
pub struct Listing {
    pub shown: Vec<Summary>,
    pub found: usize,
    pub total: usize,
}

/// What became of a step the merchant took.
#[derive(Debug, PartialEq)]
pub enum Stepped {
    /// Taken and stored.
    Moved,
    /// The order was no longer in the status the merchant saw: someone else moved it first.
    Now(OrderStatus),
    NoSuchOrder,
}

/// The most orders, and the most steps, `OrderStore::news` answers at once.
pub const NEWS_PAGE: usize = 100;

/// What changed since the inbox last looked: orders received after `last_order`, steps
/// stored after `last_change`.
#[derive(Debug, Default)]
pub struct News {
    pub orders: Vec<Summary>,
    pub changes: Vec<NewStep>,
    pub last_order: i64,
    pub last_change: i64,
}

/// What failed sign-ins are counted against: a name tried from one address, a name tried
/// from anywhere, and an address whatever the name. Names count in lower case.
pub mod failures {
    use std::net::IpAddr;

    pub fn name_from(name: &str, client: IpAddr) -> String {
        format!("{}{client}", pairs_of(name))
    }

    pub fn name(name: &str) -> String {
        format!("name:{}", name.to_lowercase())
    }

    pub fn address(client: IpAddr) -> String {
        format!("address:{client}")
    }

    /// What every `name_from(name, …)` starts with.
    pub(super) fn pairs_of(name: &str) -> String {
        format!("pair:{}\n", name.to_lowercase())
    }
}

/// What became of a sign-in attempt offered to the store.
#[derive(Debug, PartialEq)]
pub enum Attempt {
    /// Counted against every subject, as a failure until it succeeds.
    Counted,
    /// Not counted: the subject at `index` has had its most failures, the oldest of them at
    /// `oldest` (Unix seconds).
    Refused { index: usize, oldest: i64 },
}

/// A signed-in merchant's session, found by its token's fingerprint.
#[derive(Clone, Debug)]
pub struct Session {
    pub user: String,
    pub csrf: String,
    /// Unix seconds.
    pub created: i64,
    pub last_seen: i64,
}

/// The database could not do what was asked; the text says why.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(e.to_string())
    }
}

type Answer<T> = Result<T, StoreError>;

/// What the receiver asks of a database.
pub trait OrderStore: Send + Sync + 'static {
    /// What was stored under `key`, if anything.
    fn find(&self, key: &IdempotencyKey) -> impl Future<Output = Answer<Option<Stored>>> + Send;

    /// Stores `order` under its Idempotency-Key unless that key is taken, the check and the
    /// insert in one transaction, with the fingerprint of `secret` and the status
    /// `received`; answers only once the order is durable.
    fn accept(
        &self,
        order: Order,
        request_body: String,
        secret: Token,
        receipt: Receipt,
    ) -> impl Future<Output = Answer<Accepted>> + Send;

    /// Every order with its history, oldest first.
    fn list(&self) -> impl Future<Output = Answer<Vec<Listed>>> + Send;

    /// The orders with this reference (a shopper's device chose it, so there may be two).
    fn by_reference(
        &self,
        reference: &OrderReference,
    ) -> impl Future<Output = Answer<Vec<Listed>>> + Send;

    /// The order with this number.
    fn by_number(&self, order_number: i64) -> impl Future<Output = Answer<Option<Listed>>> + Send;

    /// The inbox's list: the newest `most` orders that `search` finds, newest first, with
    /// how many it finds and how many there are. The database searches and counts.
    fn listing(&self, search: Search, most: usize) -> impl Future<Output = Answer<Listing>> + Send;

    /// Moves the order to `change.status` if it is still `seen`, storing `change` in its
    /// history: the compare and the set in one transaction. The step must have been
    /// checked with `order_status::take_step` from `seen`.
    fn step(
        &self,
        order_number: i64,
        seen: OrderStatus,
        change: StatusChange,
    ) -> impl Future<Output = Answer<Stepped>> + Send;

    /// The last order's number and the last step's id (0 when there are none).
    fn marks(&self) -> impl Future<Output = Answer<(i64, i64)>> + Send;

    /// The orders numbered after `last_order` and the steps after `last_change`, at most
    /// `NEWS_PAGE` of each, in number order; the marks it answers (the last of each read)
    /// go into the next call, which reads the next page. Numbers are drawn before their
    /// transactions commit, so on PostgreSQL order 12 may be seen before order 11.
    fn news(&self, last_order: i64, last_change: i64) -> impl Future<Output = Answer<News>> + Send;

    /// Sets the inbox password of `user` to the Argon2 hash `hash` (PHC string), making the
    /// user if new, ends the user's sessions and forgets the failed sign-ins counted against
    /// the name (`failures::name`, `failures::name_from`).
    fn set_password(&self, user: &str, hash: &str) -> impl Future<Output = Answer<()>> + Send;

    /// The Argon2 hash of `user`'s password.
    fn password(&self, user: &str) -> impl Future<Output = Answer<Option<String>>> + Send;

    /// Counts a sign-in attempt against each subject (an address, a name) before its
    /// password is checked, unless a subject has had its most failures since `since` (Unix
    /// seconds); forgets failures before `since`. The count and the record are one step:
    /// attempts made together cannot all slip in under the limit.
    fn attempt_sign_in(
        &self,
        limits: Vec<(String, u32)>,
        at: i64,
        since: i64,
    ) -> impl Future<Output = Answer<Attempt>> + Send;

    /// The attempt counted at `at` against `counted` succeeded: it is no failure. The
    /// failures of `forgiven` are forgotten too.
    fn sign_in_succeeded(
        &self,
        counted: Vec<String>,
        at: i64,
        forgiven: Vec<String>,
    ) -> impl Future<Output = Answer<()>> + Send;

    /// Starts a session under the fingerprint of its token, ending those idle or old
    /// before `expired_before` (a `last_seen`) and `too_old_before` (a `created`).
    fn open_session(
        &self,
        fingerprint: String,
        session: Session,
        expired_before: i64,
        too_old_before: i64,
    ) -> impl Future<Output = Answer<()>> + Send;

    /// The session under this fingerprint.
    fn session(&self, fingerprint: String) -> impl Future<Output = Answer<Option<Session>>> + Send;

    /// Marks the session as seen at `now`.
    fn touch_session(
        &self,
        fingerprint: String,
        now: i64,
    ) -> impl Future<Output = Answer<()>> + Send;

    fn end_session(&self, fingerprint: String) -> impl Future<Output = Answer<()>> + Send;
}

/// Runs `work` on the store in `database`, for the commands that use it once.
fn with_store<T>(database: &Database, work: impl AsyncStoreWork<T>) -> Result<T, StoreError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| StoreError(e.to_string()))?;
    runtime.block_on(async {
        match database {
            Database::Sqlite(path) => work.run(&SqliteStore::open(path)?).await,
            Database::Postgres(url) => work.run(&PostgresStore::open(url).await?).await,
        }
    })
}

/// One piece of work on either store.
trait AsyncStoreWork<T> {
    async fn run<S: OrderStore>(self, store: &S) -> Result<T, StoreError>;
}

struct ListAll;

impl AsyncStoreWork<Vec<Listed>> for ListAll {
    async fn run<S: OrderStore>(self, store: &S) -> Result<Vec<Listed>, StoreError> {
        store.list().await
    }
}

struct SetPassword<'a>(&'a str, &'a str);

impl AsyncStoreWork<()> for SetPassword<'_> {
    async fn run<S: OrderStore>(self, store: &S) -> Result<(), StoreError> {
        store.set_password(self.0, self.1).await
    }
}

/// Every order in `database`, oldest first, for `chatcart orders`.
pub fn list_orders(database: &Database) -> Result<Vec<Listed>, StoreError> {
    with_store(database, ListAll)
}

/// Sets `user`'s inbox password hash, for `chatcart inbox-user`.
pub fn set_password(database: &Database, user: &str, hash: &str) -> Result<(), StoreError> {
    with_store(database, SetPassword(user, hash))
}

/// The history as listed: the order's arrival first, then the steps stored.
fn with_arrival(received_at: &str, mut steps: Vec<StatusChange>) -> Vec<StatusChange> {
    steps.insert(
        0,
        StatusChange {
            status: OrderStatus::Received,
            at: received_at.to_owned(),
            by: RECEIVER.to_owned(),
            reason: None,
            ready_in_minutes: None,
        },
    );
    steps
}

/// Who took an order's first step.
pub const RECEIVER: &str = "receiver";

/// A status stored by a receiver; a name none wrote is an error naming it.
fn status_named(text: &str) -> Result<OrderStatus, String> {
    OrderStatus::parse(text).ok_or_else(|| format!("\"{text}\" is not an order status"))
}

/// The phone number in an order's JSON, for rows stored before it had its own column.
fn phone_in(order_json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(order_json)
        .ok()
        .and_then(|v| v["customer"]["phone"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Now as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    rfc3339_utc(unix_now())
}

#[cfg(test)]
mod tests {
    use super::{Database, Search};

    #[test]
    fn a_search_is_a_number_a_reference_a_phone_or_a_name() {
        assert_eq!(Search::parse("  "), Search::Everything);
        assert_eq!(Search::parse("#12"), Search::Number(12));
        assert_eq!(Search::parse("#twelve"), Search::Nothing);
        let text = |reference: &str, phone: Option<&str>, name: Option<&str>| Search::Text {
            reference: reference.into(),
            phone_digits: phone.map(Into::into),
            name: name.map(Into::into),
        };
        assert_eq!(
            Search::parse("cc-7k3p"),
            text("CC-7K3P", None, Some("cc-7k3p"))
        );
        assert_eq!(
            Search::parse("+91 (98765) 43-210"),
            text("+91 (98765) 43-210", Some("919876543210"), None)
        );
        assert_eq!(Search::parse("12"), text("12", None, Some("12")));
        assert_eq!(Search::parse("Śhar"), text("ŚHAR", None, Some("śhar")));
        assert_eq!(Search::parse("50%_"), text("50%_", None, Some("50%_")));
    }

    #[test]
    fn a_database_url_is_shown_without_its_password() {
        let shown = |db: &str| Database::at(db).to_string();
        assert_eq!(shown("orders.sqlite"), "orders.sqlite");
        assert_eq!(
            shown("postgres://shop:s3cr:et@db.internal:5432/orders"),
            "postgres://shop@db.internal:5432/orders"
        );
        assert_eq!(
            shown("postgresql://shop@db/orders?password=s3cret&sslmode=disable"),
            "postgresql://shop@db/orders?sslmode=disable"
        );
        assert_eq!(shown("postgres://db/orders"), "postgres://db/orders");
        assert_eq!(
            Database::at("postgresql:///orders"),
            Database::Postgres("postgresql:///orders".into())
        );
    }
}
