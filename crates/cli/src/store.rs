//! The receiver's SQLite database: accepted orders, each with the response it was given so
//! that a retry with the same Idempotency-Key gets exactly that response again.

use std::time::{SystemTime, UNIX_EPOCH};

use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::order::Order;
use chatcart_core::reference::OrderReference;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub struct OrderStore {
    connection: Connection,
}

/// What was stored for an Idempotency-Key.
pub struct Stored {
    pub request_body: String,
    pub response_body: String,
}

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

impl OrderStore {
    pub fn open(path: &str) -> rusqlite::Result<Self> {
        let connection = Connection::open(path)?;
        connection.execute_batch(
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
        Ok(OrderStore { connection })
    }

    pub fn find(&self, idempotency_key: &IdempotencyKey) -> rusqlite::Result<Option<Stored>> {
        self.connection
            .query_row(
                "SELECT request_body, response_body FROM orders WHERE idempotency_key = ?1",
                params![idempotency_key.as_str()],
                |row| {
                    Ok(Stored {
                        request_body: row.get(0)?,
                        response_body: row.get(1)?,
                    })
                },
            )
            .optional()
    }

    /// Saves an accepted order; `respond` writes the response from its order number, and
    /// that response is stored with it, in one transaction.
    pub fn insert(
        &mut self,
        order: &Order,
        request_body: &str,
        respond: impl Fn(i64) -> String,
    ) -> rusqlite::Result<String> {
        let transaction = self.connection.transaction()?;
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
                request_body,
                order.to_json(),
            ],
        )?;
        let number = transaction.last_insert_rowid();
        let response = respond(number);
        transaction.execute(
            "UPDATE orders SET response_body = ?1 WHERE order_number = ?2",
            params![response, number],
        )?;
        transaction.commit()?;
        Ok(response)
    }

    pub fn list(&self) -> rusqlite::Result<Vec<Listed>> {
        let mut statement = self.connection.prepare(
            "SELECT order_number, reference, idempotency_key, received_at, customer_name, total,
                 currency, lines, order_json
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
    }
}

/// Column `index` of `row`, read with `parse`; a value it refuses is a conversion error.
fn parsed<T, E>(row: &Row, index: usize, parse: fn(&str) -> Result<T, E>) -> rusqlite::Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(index)?;
    parse(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
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
    use super::civil_from_days;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_778), (2026, 11, 21));
    }
}
