//! The orders in a SQLite file (WAL). One writer thread owns the writing connection and
//! commits whatever orders are waiting in one transaction: a burst of shoppers costs one
//! sync to disk, not one each, and no order is answered before its transaction is durable.
//! The inbox's writes (steps, sessions, sign-in failures) go through the same thread, each
//! in a transaction of its own.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::order::Order;
use chatcart_core::order_status::{OrderStatus, StatusChange};
use chatcart_core::reference::OrderReference;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Type;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, TransactionBehavior};
use tokio::sync::oneshot;

use crate::lock;
use crate::secret::Token;

use super::{
    failures, fulfilment, now_rfc3339, phone_in, status_named, with_arrival, Accepted, Attempt,
    Listed, Listing, NewStep, News, OrderStore, Receipt, Search, Session, Stepped, StoreError,
    Stored, Summary, IS_PICKUP, NEWS_PAGE,
};

/// The most orders committed together.
const MOST_PER_COMMIT: usize = 256;

pub struct SqliteStore {
    writer: mpsc::Sender<Job>,
    /// Reads go beside the writer: WAL lets them see the last commit without waiting.
    reader: Arc<Mutex<Connection>>,
}

/// What the writer thread is asked to do.
enum Job {
    Accept(Box<Offer>),
    /// Any other write, run in a transaction of its own; it answers for itself.
    Write(Box<dyn FnOnce(&mut Connection) + Send>),
}

struct Offer {
    order: Order,
    request_body: String,
    secret: Token,
    receipt: Receipt,
    answer: oneshot::Sender<Result<Accepted, StoreError>>,
}

/// The tables, as a receiver of this version makes them.
const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS orders (
        order_number INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        reference TEXT NOT NULL,
        received_at TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        total TEXT NOT NULL,
        currency TEXT NOT NULL,
        lines INTEGER NOT NULL,
        request_body TEXT NOT NULL,
        order_json TEXT NOT NULL,
        response_body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'received',
        status_secret_sha256 TEXT,
        customer_phone TEXT
    );
    CREATE TABLE IF NOT EXISTS order_status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_number INTEGER NOT NULL REFERENCES orders (order_number),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        by_user TEXT NOT NULL,
        reason TEXT,
        ready_in_minutes INTEGER
    );
    CREATE INDEX IF NOT EXISTS order_status_history_by_order
        ON order_status_history (order_number, id);
    CREATE TABLE IF NOT EXISTS inbox_users (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS inbox_sessions (
        token_sha256 TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS inbox_sign_in_failures (
        subject TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS inbox_sign_in_failures_by_subject
        ON inbox_sign_in_failures (subject, at);";

/// Columns a receiver before statuses did not make, added to its table as it is opened.
const ADDED_COLUMNS: [(&str, &str); 3] = [
    ("status", "TEXT NOT NULL DEFAULT 'received'"),
    ("status_secret_sha256", "TEXT"),
    ("customer_phone", "TEXT"),
];

impl SqliteStore {
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let mut writing = connect(path)?;
        writing.execute_batch("PRAGMA journal_mode = WAL;")?;
        migrate(&mut writing)?;
        let reader = Arc::new(Mutex::new(connect(path)?));
        let (writer, jobs) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_batches(writing, jobs))
            .map_err(|e| StoreError(format!("cannot start the writer: {e}")))?;
        Ok(SqliteStore { writer, reader })
    }

    /// Runs `read` on the reading connection away from the async workers.
    async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let reader = Arc::clone(&self.reader);
        tokio::task::spawn_blocking(move || read(&lock(&reader)).map_err(StoreError::from))
            .await
            .map_err(|e| StoreError(format!("the database read stopped: {e}")))?
    }

    /// Runs `write` in a transaction of its own on the writer thread.
    async fn write<T: Send + 'static>(
        &self,
        write: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (answer, answered) = oneshot::channel();
        let job = Job::Write(Box::new(move |connection: &mut Connection| {
            let outcome = (|| -> rusqlite::Result<T> {
                let transaction =
                    connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = write(&transaction)?;
                transaction.commit()?;
                Ok(value)
            })();
            let _ = answer.send(outcome.map_err(StoreError::from));
        }));
        self.writer
            .send(job)
            .map_err(|_| StoreError("the database writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError("the database writer has stopped".into()))?
    }
}

fn connect(path: &str) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    // What the inbox's search compares: SQLite's own lower() knows only ASCII letters.
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    connection.create_scalar_function("chatcart_fold", 1, flags, |context| {
        Ok(context
            .get::<Option<String>>(0)?
            .map(|text| text.to_lowercase()))
    })?;
    connection.create_scalar_function("chatcart_digits", 1, flags, |context| {
        Ok(context.get::<Option<String>>(0)?.map(|text| {
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        }))
    })?;
    Ok(connection)
}

/// Brings a database from any earlier receiver up to this one: the tables it lacks, the
/// columns its `orders` lacks (its orders are then `received`), and the phone numbers of
/// orders stored before they had a column of their own.
fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction.execute_batch(SCHEMA)?;
    let present: Vec<String> = transaction
        .prepare("SELECT name FROM pragma_table_info('orders')")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (column, definition) in ADDED_COLUMNS {
        if !present.iter().any(|p| p == column) {
            transaction.execute_batch(&format!(
                "ALTER TABLE orders ADD COLUMN {column} {definition}"
            ))?;
        }
    }
    transaction
        .execute_batch("CREATE INDEX IF NOT EXISTS orders_by_reference ON orders (reference)")?;
    let missing: Vec<(i64, String)> = transaction
        .prepare("SELECT order_number, order_json FROM orders WHERE customer_phone IS NULL")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (number, json) in missing {
        transaction.execute(
            "UPDATE orders SET customer_phone = ?1 WHERE order_number = ?2",
            params![phone_in(&json), number],
        )?;
    }
    transaction.commit()
}

/// The columns `listed` reads, in its order.
const LISTED_COLUMNS: &str = "order_number, reference, idempotency_key, received_at,
    customer_name, total, currency, lines, order_json, status, status_secret_sha256";

fn listed(row: &Row) -> rusqlite::Result<Listed> {
    Ok(Listed {
        order_number: row.get(0)?,
        reference: parsed(row, 1, OrderReference::parse)?,
        idempotency_key: parsed(row, 2, IdempotencyKey::parse)?,
        received_at: row.get(3)?,
        customer_name: row.get(4)?,
        total: row.get(5)?,
        currency: row.get(6)?,
        lines: row.get(7)?,
        order_json: row.get(8)?,
        status: status_at(row, 9)?,
        secret_fingerprint: row.get(10)?,
        history: Vec::new(),
    })
}

/// The steps stored for the orders `listed`, each order's given to it after its arrival.
fn with_histories(
    connection: &Connection,
    mut orders: Vec<Listed>,
) -> rusqlite::Result<Vec<Listed>> {
    let mut statement = connection.prepare(
        "SELECT status, at, by_user, reason, ready_in_minutes FROM order_status_history
         WHERE order_number = ?1 ORDER BY id",
    )?;
    for order in &mut orders {
        let steps = statement
            .query_map([order.order_number], change)?
            .collect::<rusqlite::Result<_>>()?;
        order.history = with_arrival(&order.received_at, steps);
    }
    Ok(orders)
}

fn change(row: &Row) -> rusqlite::Result<StatusChange> {
    Ok(StatusChange {
        status: status_at(row, 0)?,
        at: row.get(1)?,
        by: row.get(2)?,
        reason: row.get(3)?,
        ready_in_minutes: row.get(4)?,
    })
}

fn status_at(row: &Row, index: usize) -> rusqlite::Result<OrderStatus> {
    let text: String = row.get(index)?;
    status_named(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
}

fn summary(row: &Row) -> rusqlite::Result<Summary> {
    Ok(Summary {
        order_number: row.get(0)?,
        reference: row.get(1)?,
        received_at: row.get(2)?,
        customer_name: row.get(3)?,
        customer_phone: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
        total: row.get(5)?,
        currency: row.get(6)?,
        status: status_at(row, 7)?,
        fulfilment: fulfilment(row.get(8)?),
    })
}

/// The columns `summary` reads, in its order, less whether the order is for pickup.
const SUMMARY_COLUMNS_BUT_PICKUP: &str = "order_number, reference, received_at, customer_name,
    customer_phone, total, currency, status";

impl OrderStore for SqliteStore {
    async fn find(&self, key: &IdempotencyKey) -> Result<Option<Stored>, StoreError> {
        let key = key.clone();
        self.read(move |connection| stored_under(connection, &key))
            .await
    }

    async fn accept(
        &self,
        order: Order,
        request_body: String,
        secret: Token,
        receipt: Receipt,
    ) -> Result<Accepted, StoreError> {
        let (answer, answered) = oneshot::channel();
        self.writer
            .send(Job::Accept(Box::new(Offer {
                order,
                request_body,
                secret,
                receipt,
                answer,
            })))
            .map_err(|_| StoreError("the database writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError("the database writer has stopped".into()))?
    }

    async fn list(&self) -> Result<Vec<Listed>, StoreError> {
        self.read(|connection| {
            let orders = connection
                .prepare(&format!(
                    "SELECT {LISTED_COLUMNS} FROM orders ORDER BY order_number"
                ))?
                .query_map([], listed)?
                .collect::<rusqlite::Result<_>>()?;
            with_histories(connection, orders)
        })
        .await
    }

    async fn by_reference(&self, reference: &OrderReference) -> Result<Vec<Listed>, StoreError> {
        let reference = reference.as_str().to_owned();
        self.read(move |connection| {
            let orders = connection
                .prepare(&format!(
                    "SELECT {LISTED_COLUMNS} FROM orders WHERE reference = ?1
                     ORDER BY order_number"
                ))?
                .query_map([reference], listed)?
                .collect::<rusqlite::Result<_>>()?;
            with_histories(connection, orders)
        })
        .await
    }

    async fn by_number(&self, order_number: i64) -> Result<Option<Listed>, StoreError> {
        self.read(move |connection| {
            let orders = connection
                .prepare(&format!(
                    "SELECT {LISTED_COLUMNS} FROM orders WHERE order_number = ?1"
                ))?
                .query_map([order_number], listed)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(with_histories(connection, orders)?.pop())
        })
        .await
    }

    async fn listing(&self, search: Search, most: usize) -> Result<Listing, StoreError> {
        let (condition, values) = match search {
            Search::Everything => ("1 = 1", Vec::new()),
            Search::Number(number) => ("order_number = ?1", vec![Value::Integer(number)]),
            Search::Nothing => ("0 = 1", Vec::new()),
            Search::Text {
                reference,
                phone_digits: Some(digits),
                ..
            } => (
                "instr(upper(reference), ?1) > 0 OR instr(chatcart_digits(customer_phone), ?2) > 0",
                vec![Value::Text(reference), Value::Text(digits)],
            ),
            Search::Text {
                reference, name, ..
            } => (
                "instr(upper(reference), ?1) > 0 OR instr(chatcart_fold(customer_name), ?2) > 0",
                vec![
                    Value::Text(reference),
                    Value::Text(name.unwrap_or_default()),
                ],
            ),
        };
        let most = i64::try_from(most).unwrap_or(i64::MAX);
        self.read(move |connection| {
            // One snapshot for the counts and the rows.
            let transaction = connection.unchecked_transaction()?;
            let count = |sql: &str, values: &[Value]| {
                transaction.query_row(sql, params_from_iter(values), |row| row.get::<_, i64>(0))
            };
            let total = count("SELECT COUNT(*) FROM orders", &[])?;
            let found = count(
                &format!("SELECT COUNT(*) FROM orders WHERE {condition}"),
                &values,
            )?;
            let mut shown_values = values.clone();
            shown_values.push(Value::Integer(most));
            let shown = transaction
                .prepare(&format!(
                    "SELECT {SUMMARY_COLUMNS_BUT_PICKUP}, {IS_PICKUP} FROM orders WHERE {condition}
                     ORDER BY order_number DESC LIMIT ?{}",
                    shown_values.len()
                ))?
                .query_map(params_from_iter(&shown_values), summary)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Listing {
                shown,
                found: usize::try_from(found).unwrap_or(0),
                total: usize::try_from(total).unwrap_or(0),
            })
        })
        .await
    }

    async fn step(
        &self,
        order_number: i64,
        seen: OrderStatus,
        change: StatusChange,
    ) -> Result<Stepped, StoreError> {
        self.write(move |transaction| {
            let moved = transaction.execute(
                "UPDATE orders SET status = ?1 WHERE order_number = ?2 AND status = ?3",
                params![change.status.as_str(), order_number, seen.as_str()],
            )?;
            if moved == 0 {
                let now: Option<String> = transaction
                    .query_row(
                        "SELECT status FROM orders WHERE order_number = ?1",
                        [order_number],
                        |row| row.get(0),
                    )
                    .optional()?;
                return Ok(match now {
                    Some(now) => Stepped::Now(status_named(&now).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(0, Type::Text, e.into())
                    })?),
                    None => Stepped::NoSuchOrder,
                });
            }
            transaction.execute(
                "INSERT INTO order_status_history
                     (order_number, status, at, by_user, reason, ready_in_minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    order_number,
                    change.status.as_str(),
                    change.at,
                    change.by,
                    change.reason,
                    change.ready_in_minutes
                ],
            )?;
            Ok(Stepped::Moved)
        })
        .await
    }

    async fn marks(&self) -> Result<(i64, i64), StoreError> {
        self.read(|connection| {
            connection.query_row(
                "SELECT (SELECT COALESCE(MAX(order_number), 0) FROM orders),
                     (SELECT COALESCE(MAX(id), 0) FROM order_status_history)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })
        .await
    }

    async fn news(&self, last_order: i64, last_change: i64) -> Result<News, StoreError> {
        self.read(move |connection| {
            let orders: Vec<Summary> = connection
                .prepare(&format!(
                    "SELECT {SUMMARY_COLUMNS_BUT_PICKUP}, {IS_PICKUP} FROM orders WHERE order_number > ?1
                     ORDER BY order_number LIMIT {NEWS_PAGE}"
                ))?
                .query_map([last_order], summary)?
                .collect::<rusqlite::Result<_>>()?;
            let mut changes = Vec::new();
            let mut last = last_change;
            let mut statement = connection.prepare(&format!(
                "SELECT h.status, h.at, h.by_user, h.reason, h.ready_in_minutes, h.id,
                     h.order_number, o.reference, {IS_PICKUP}
                 FROM order_status_history h JOIN orders o USING (order_number)
                 WHERE h.id > ?1 ORDER BY h.id LIMIT {NEWS_PAGE}"
            ))?;
            let mut rows = statement.query([last_change])?;
            while let Some(row) = rows.next()? {
                last = row.get(5)?;
                changes.push(NewStep {
                    id: last,
                    order_number: row.get(6)?,
                    reference: row.get(7)?,
                    fulfilment: fulfilment(row.get(8)?),
                    change: change(row)?,
                });
            }
            Ok(News {
                last_order: orders.last().map_or(last_order, |o| o.order_number),
                orders,
                changes,
                last_change: last,
            })
        })
        .await
    }

    async fn set_password(&self, user: &str, hash: &str) -> Result<(), StoreError> {
        let (user, hash) = (user.to_owned(), hash.to_owned());
        self.write(move |transaction| {
            transaction.execute(
                "INSERT INTO inbox_users (name, password_hash, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash,
                     updated_at = excluded.updated_at",
                params![user, hash, now_rfc3339()],
            )?;
            transaction.execute("DELETE FROM inbox_sessions WHERE user_name = ?1", [&user])?;
            let pairs = failures::pairs_of(&user);
            transaction.execute(
                "DELETE FROM inbox_sign_in_failures
                 WHERE subject = ?1 OR substr(subject, 1, ?2) = ?3",
                params![failures::name(&user), pairs.chars().count() as i64, pairs],
            )?;
            Ok(())
        })
        .await
    }

    async fn password(&self, user: &str) -> Result<Option<String>, StoreError> {
        let user = user.to_owned();
        self.read(move |connection| {
            connection
                .query_row(
                    "SELECT password_hash FROM inbox_users WHERE name = ?1",
                    [user],
                    |row| row.get(0),
                )
                .optional()
        })
        .await
    }

    async fn attempt_sign_in(
        &self,
        limits: Vec<(String, u32)>,
        at: i64,
        since: i64,
    ) -> Result<Attempt, StoreError> {
        // The writer runs one write at a time, so the count and the insert are not split.
        self.write(move |transaction| {
            transaction.execute("DELETE FROM inbox_sign_in_failures WHERE at < ?1", [since])?;
            let mut count = transaction.prepare(
                "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM inbox_sign_in_failures
                 WHERE subject = ?1",
            )?;
            for (index, (subject, most)) in limits.iter().enumerate() {
                let (failures, oldest): (u32, i64) =
                    count.query_row([subject], |row| Ok((row.get(0)?, row.get(1)?)))?;
                if failures >= *most {
                    return Ok(Attempt::Refused { index, oldest });
                }
            }
            for (subject, _) in &limits {
                transaction.execute(
                    "INSERT INTO inbox_sign_in_failures (subject, at) VALUES (?1, ?2)",
                    params![subject, at],
                )?;
            }
            Ok(Attempt::Counted)
        })
        .await
    }

    async fn sign_in_succeeded(
        &self,
        counted: Vec<String>,
        at: i64,
        forgiven: Vec<String>,
    ) -> Result<(), StoreError> {
        self.write(move |transaction| {
            for subject in &counted {
                transaction.execute(
                    "DELETE FROM inbox_sign_in_failures WHERE rowid IN (
                         SELECT rowid FROM inbox_sign_in_failures
                         WHERE subject = ?1 AND at = ?2 LIMIT 1)",
                    params![subject, at],
                )?;
            }
            for subject in &forgiven {
                transaction.execute(
                    "DELETE FROM inbox_sign_in_failures WHERE subject = ?1",
                    [subject],
                )?;
            }
            Ok(())
        })
        .await
    }

    async fn open_session(
        &self,
        fingerprint: String,
        session: Session,
        expired_before: i64,
        too_old_before: i64,
    ) -> Result<(), StoreError> {
        self.write(move |transaction| {
            transaction.execute(
                "DELETE FROM inbox_sessions WHERE last_seen < ?1 OR created < ?2",
                params![expired_before, too_old_before],
            )?;
            transaction.execute(
                "INSERT INTO inbox_sessions (token_sha256, user_name, csrf, created, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    fingerprint,
                    session.user,
                    session.csrf,
                    session.created,
                    session.last_seen
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn session(&self, fingerprint: String) -> Result<Option<Session>, StoreError> {
        self.read(move |connection| {
            connection
                .query_row(
                    "SELECT user_name, csrf, created, last_seen FROM inbox_sessions
                     WHERE token_sha256 = ?1",
                    [fingerprint],
                    |row| {
                        Ok(Session {
                            user: row.get(0)?,
                            csrf: row.get(1)?,
                            created: row.get(2)?,
                            last_seen: row.get(3)?,
                        })
                    },
                )
                .optional()
        })
        .await
    }

    async fn touch_session(&self, fingerprint: String, now: i64) -> Result<(), StoreError> {
        self.write(move |transaction| {
            transaction.execute(
                "UPDATE inbox_sessions SET last_seen = ?1 WHERE token_sha256 = ?2",
                params![now, fingerprint],
            )?;
            Ok(())
        })
        .await
    }

    async fn end_session(&self, fingerprint: String) -> Result<(), StoreError> {
        self.write(move |transaction| {
            transaction.execute(
                "DELETE FROM inbox_sessions WHERE token_sha256 = ?1",
                [fingerprint],
            )?;
            Ok(())
        })
        .await
    }
}

fn stored_under(connection: &Connection, key: &IdempotencyKey) -> rusqlite::Result<Option<Stored>> {
    connection
        .query_row(
            "SELECT request_body, response_body FROM orders WHERE idempotency_key = ?1",
            params![key.as_str()],
            |row| {
                Ok(Stored {
                    request_body: row.get(0)?,
                    response_body: row.get(1)?,
                })
            },
        )
        .optional()
}

/// The writer thread: takes the orders waiting, commits them together, then answers each;
/// other writes waiting are run after them, each on its own.
fn write_batches(mut connection: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut offers = Vec::new();
        let mut writes = Vec::new();
        for job in std::iter::once(first).chain(jobs.try_iter().take(MOST_PER_COMMIT - 1)) {
            match job {
                Job::Accept(offer) => offers.push(*offer),
                Job::Write(write) => writes.push(write),
            }
        }
        if !offers.is_empty() {
            match commit(&mut connection, &offers) {
                Ok(outcomes) => {
                    for (offer, outcome) in offers.into_iter().zip(outcomes) {
                        // A shopper who went away retries with the same key and gets a replay.
                        let _ = offer.answer.send(outcome);
                    }
                }
                Err(e) => {
                    for offer in offers {
                        let _ = offer.answer.send(Err(StoreError(e.to_string())));
                    }
                }
            }
        }
        for write in writes {
            write(&mut connection);
        }
    }
}

/// Offers each order in its own savepoint, so that one that fails leaves the others, and
/// commits them all; the outcomes count only once the commit has returned.
fn commit(
    connection: &mut Connection,
    batch: &[Offer],
) -> rusqlite::Result<Vec<Result<Accepted, StoreError>>> {
    let mut transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for offer in batch {
        let savepoint = transaction.savepoint()?;
        let outcome = offer_one(&savepoint, offer);
        if outcome.is_ok() {
            savepoint.commit()?;
        }
        outcomes.push(outcome.map_err(StoreError::from));
    }
    transaction.commit()?;
    Ok(outcomes)
}

fn offer_one(transaction: &Connection, offer: &Offer) -> rusqlite::Result<Accepted> {
    let order = &offer.order;
    if let Some(stored) = stored_under(transaction, &order.identity.idempotency_key)? {
        return Ok(if stored.request_body == offer.request_body {
            Accepted::Replayed(stored.response_body)
        } else {
            Accepted::KeyTaken
        });
    }
    transaction.execute(
        "INSERT INTO orders (idempotency_key, reference, received_at, customer_name, total,
             currency, lines, request_body, order_json, response_body, status,
             status_secret_sha256, customer_phone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '', 'received', ?10, ?11)",
        params![
            order.identity.idempotency_key.as_str(),
            order.identity.reference.as_str(),
            now_rfc3339(),
            order.customer.name,
            order.total.amount_string(),
            order.currency.code(),
            order.lines.len() as i64,
            offer.request_body,
            order.to_json(),
            offer.secret.fingerprint(),
            order.customer.phone,
        ],
    )?;
    let number = transaction.last_insert_rowid();
    let response = (offer.receipt)(number, order, &offer.secret);
    transaction.execute(
        "UPDATE orders SET response_body = ?1 WHERE order_number = ?2",
        params![response, number],
    )?;
    Ok(Accepted::New(response))
}

/// Column `index` of `row`, read with `parse`; a value it refuses is a conversion error.
fn parsed<T, E>(row: &Row, index: usize, parse: fn(&str) -> Result<T, E>) -> rusqlite::Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(index)?;
    parse(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chatcart_core::order_status::{take_step, StatusAction};

    /// A database file of its own for one test.
    fn fresh(name: &str) -> String {
        let dir =
            std::env::temp_dir().join(format!("chatcart-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("orders.sqlite").to_string_lossy().into_owned()
    }

    fn change(status: OrderStatus, by: &str) -> StatusChange {
        StatusChange {
            status,
            at: "2026-11-21T09:00:00Z".into(),
            by: by.into(),
            reason: None,
            ready_in_minutes: Some(30),
        }
    }

    #[tokio::test]
    async fn a_step_is_taken_once_from_the_status_seen() {
        let path = fresh("steps");
        let store = SqliteStore::open(&path).unwrap();
        let raw = Connection::open(&path).unwrap();
        raw.execute(
            "INSERT INTO orders (idempotency_key, reference, received_at, customer_name, total,
                 currency, lines, request_body, order_json, response_body)
             VALUES ('k', 'CC-7K3P9Q', '2026-11-21T08:51:00Z', 'Priya', '1.00', 'INR', 1,
                 '{}', '{}', '{}')",
            [],
        )
        .unwrap();
        let accept = StatusAction::Accept {
            ready_in_minutes: Some(30),
        };
        let next = take_step(OrderStatus::Received, Default::default(), &accept).unwrap();
        // Two taps on the same screen: the first moves the order, the second is told so.
        let (first, second) = tokio::join!(
            store.step(1, OrderStatus::Received, change(next, "asha")),
            store.step(1, OrderStatus::Received, change(next, "ravi")),
        );
        assert_eq!(first.unwrap(), Stepped::Moved);
        assert_eq!(second.unwrap(), Stepped::Now(OrderStatus::Accepted));
        assert_eq!(
            store
                .step(2, OrderStatus::Received, change(next, "asha"))
                .await
                .unwrap(),
            Stepped::NoSuchOrder
        );
        let order = store.by_number(1).await.unwrap().unwrap();
        assert_eq!(order.status, OrderStatus::Accepted);
        let steps: Vec<(OrderStatus, &str)> = order
            .history
            .iter()
            .map(|c| (c.status, c.by.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                (OrderStatus::Received, "receiver"),
                (OrderStatus::Accepted, "asha")
            ]
        );
        let news = store.news(0, 0).await.unwrap();
        assert_eq!((news.last_order, news.last_change), (1, 1));
        assert_eq!((news.changes[0].id, news.changes[0].order_number), (1, 1));
        assert!(store.news(1, 1).await.unwrap().changes.is_empty());
    }

    #[tokio::test]
    async fn the_database_finds_a_reference_a_number_a_phone_or_a_name() {
        let path = fresh("search");
        let store = SqliteStore::open(&path).unwrap();
        let raw = Connection::open(&path).unwrap();
        for (number, reference, name, phone) in [
            (12, "CC-7K3P9Q", "Priya Śharma", "+91 98765 43210"),
            (13, "CC-AAAA11", "Ravi 100% Kumar", "98111 22233"),
        ] {
            raw.execute(
                "INSERT INTO orders (order_number, idempotency_key, reference, received_at,
                     customer_name, total, currency, lines, request_body, order_json,
                     response_body, customer_phone)
                 VALUES (?1, ?2, ?3, '2026-11-21T08:51:00Z', ?4, '1.00', 'INR', 1, '{}', '{}',
                     '{}', ?5)",
                params![number, format!("k{number}"), reference, name, phone],
            )
            .unwrap();
        }
        let found = |query: &str| {
            let store = &store;
            let query = query.to_owned();
            async move {
                let listing = store.listing(Search::parse(&query), 200).await.unwrap();
                assert_eq!(listing.total, 2);
                assert_eq!(listing.found, listing.shown.len(), "{query}");
                listing
                    .shown
                    .iter()
                    .map(|s| s.order_number)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(found("").await, [13, 12], "newest first");
        for query in [
            "cc-7k3p9q",
            "7K3P",
            "#12",
            "98765",
            "98765 43210",
            "(98765) 432-10",
            "śhar",
            "ŚHAR",
            "PRIYA",
        ] {
            assert_eq!(found(query).await, [12], "{query}");
        }
        for query in ["#1", "#twelve", "12345", "Asha", "CC-AAAA9", "_"] {
            assert!(found(query).await.is_empty(), "{query}");
        }
        // A search is the text typed: no wildcards.
        assert_eq!(found("%").await, [13]);
        assert_eq!(found("0% k").await, [13]);
        assert!(found("R_vi").await.is_empty());
        let newest = store.listing(Search::Everything, 1).await.unwrap();
        assert_eq!((newest.shown.len(), newest.found, newest.total), (1, 2, 2));
    }
}
