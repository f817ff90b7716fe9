//! The orders in a SQLite file (WAL). One writer thread owns the writing connection and
//! commits whatever orders are waiting in one transaction: a burst of shoppers costs one
//! sync to disk, not one each, and no order is answered before its transaction is durable.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::order::Order;
use chatcart_core::reference::OrderReference;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use tokio::sync::oneshot;

use crate::lock;

use super::{now_rfc3339, Accepted, Listed, OrderStore, Receipt, StoreError, Stored};

/// The most orders committed together.
const MOST_PER_COMMIT: usize = 256;

pub struct SqliteStore {
    writer: mpsc::Sender<Job>,
    /// Reads go beside the writer: WAL lets them see the last commit without waiting.
    reader: Arc<Mutex<Connection>>,
}

struct Job {
    order: Order,
    request_body: String,
    receipt: Receipt,
    answer: oneshot::Sender<Result<Accepted, StoreError>>,
}

impl SqliteStore {
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let writing = connect(path)?;
        writing.execute_batch(
            "PRAGMA journal_mode = WAL;
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
                 response_body TEXT NOT NULL
             );",
        )?;
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
}

fn connect(path: &str) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(connection)
}

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
        receipt: Receipt,
    ) -> Result<Accepted, StoreError> {
        let (answer, answered) = oneshot::channel();
        self.writer
            .send(Job {
                order,
                request_body,
                receipt,
                answer,
            })
            .map_err(|_| StoreError("the database writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError("the database writer has stopped".into()))?
    }

    async fn list(&self) -> Result<Vec<Listed>, StoreError> {
        self.read(|connection| {
            let mut statement = connection.prepare(
                "SELECT order_number, reference, idempotency_key, received_at, customer_name,
                     total, currency, lines, order_json
                 FROM orders ORDER BY order_number",
            )?;
            let rows = statement.query_map([], |row| {
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
                })
            })?;
            rows.collect()
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

/// The writer thread: takes the orders waiting, commits them together, then answers each.
fn write_batches(mut connection: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter().take(MOST_PER_COMMIT - 1));
        match commit(&mut connection, &batch) {
            Ok(outcomes) => {
                for (job, outcome) in batch.into_iter().zip(outcomes) {
                    // A shopper who went away retries with the same key and gets a replay.
                    let _ = job.answer.send(outcome);
                }
            }
            Err(e) => {
                for job in batch {
                    let _ = job.answer.send(Err(StoreError(e.to_string())));
                }
            }
        }
    }
}

/// Offers each order in its own savepoint, so that one that fails leaves the others, and
/// commits them all; the outcomes count only once the commit has returned.
fn commit(
    connection: &mut Connection,
    batch: &[Job],
) -> rusqlite::Result<Vec<Result<Accepted, StoreError>>> {
    let mut transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        let savepoint = transaction.savepoint()?;
        let outcome = offer(&savepoint, job);
        if outcome.is_ok() {
            savepoint.commit()?;
        }
        outcomes.push(outcome.map_err(StoreError::from));
    }
    transaction.commit()?;
    Ok(outcomes)
}

fn offer(transaction: &Connection, job: &Job) -> rusqlite::Result<Accepted> {
    let order = &job.order;
    if let Some(stored) = stored_under(transaction, &order.identity.idempotency_key)? {
        return Ok(if stored.request_body == job.request_body {
            Accepted::Replayed(stored.response_body)
        } else {
            Accepted::KeyTaken
        });
    }
    transaction.execute(
        "INSERT INTO orders (idempotency_key, reference, received_at, customer_name, total,
             currency, lines, request_body, order_json, response_body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '')",
        params![
            order.identity.idempotency_key.as_str(),
            order.identity.reference.as_str(),
            now_rfc3339(),
            order.customer.name,
            order.total.amount_string(),
            order.currency.code(),
            order.lines.len() as i64,
            job.request_body,
            order.to_json(),
        ],
    )?;
    let number = transaction.last_insert_rowid();
    let response = (job.receipt)(number, order);
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
