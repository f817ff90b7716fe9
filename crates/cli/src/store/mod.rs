//! Where the receiver keeps accepted orders, behind one interface: SQLite in a file (the
//! embedded default) or PostgreSQL (`--db postgres://…`, for a shop that runs several
//! receivers or already runs the database). Each order is kept with the response it was
//! given, so that a retry with the same Idempotency-Key gets exactly that response again.

mod postgres;
mod sqlite;

use std::fmt;
use std::future::Future;
use std::time::{SystemTime, UNIX_EPOCH};

use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::order::Order;
use chatcart_core::reference::OrderReference;

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

/// Writes the response to an accepted order from the number the store gave it.
pub type Receipt = fn(i64, &Order) -> String;

/// One accepted order, as `chatcart orders` lists it.
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

/// What the receiver asks of a database.
pub trait OrderStore: Send + Sync + 'static {
    /// What was stored under `key`, if anything.
    fn find(
        &self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = Result<Option<Stored>, StoreError>> + Send;

    /// Stores `order` under its Idempotency-Key unless that key is taken, the check and the
    /// insert in one transaction; answers only once the order is durable.
    fn accept(
        &self,
        order: Order,
        request_body: String,
        receipt: Receipt,
    ) -> impl Future<Output = Result<Accepted, StoreError>> + Send;

    /// Every order, oldest first.
    fn list(&self) -> impl Future<Output = Result<Vec<Listed>, StoreError>> + Send;
}

/// Every order in `database`, oldest first, for `chatcart orders`.
pub fn list_orders(database: &Database) -> Result<Vec<Listed>, StoreError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| StoreError(e.to_string()))?;
    runtime.block_on(async {
        match database {
            Database::Sqlite(path) => SqliteStore::open(path)?.list().await,
            Database::Postgres(url) => PostgresStore::open(url).await?.list().await,
        }
    })
}

/// Now as RFC 3339 UTC, to the second.
fn now_rfc3339() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::{civil_from_days, Database};

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

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_778), (2026, 11, 21));
    }
}
