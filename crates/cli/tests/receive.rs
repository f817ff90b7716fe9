//! The receiver's scenarios (tests/support/receive.rs) on SQLite files, one test each.

#[macro_use]
#[path = "support/receive.rs"]
mod receive;
#[macro_use]
#[path = "support/inbox.rs"]
mod inbox;

use std::process::Command;

use receive::{demo_catalog_path, Databases};

/// A SQLite file for each receiver, in a folder of its own.
struct Sqlite;

impl Databases for Sqlite {
    fn fresh(&self, name: &str) -> String {
        let dir =
            std::env::temp_dir().join(format!("chatcart-receive-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("orders.sqlite").to_string_lossy().into_owned()
    }

    fn execute(&self, db: &str, sql: &str, texts: &[&str]) {
        let connection = rusqlite::Connection::open(db).unwrap();
        connection
            .execute(sql, rusqlite::params_from_iter(texts))
            .unwrap();
    }

    fn texts(&self, db: &str, sql: &str) -> Vec<String> {
        let connection = rusqlite::Connection::open(db).unwrap();
        let mut statement = connection.prepare(sql).unwrap();
        let rows = statement.query_map([], |row| row.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    }

    fn table_before_statuses(&self) -> &'static str {
        "CREATE TABLE orders (
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
         )"
    }
}

macro_rules! on_sqlite {
    ($scenario:ident) => {
        #[test]
        fn $scenario() {
            receive::$scenario(&Sqlite);
        }
    };
}

each_scenario!(on_sqlite);

macro_rules! inbox_on_sqlite {
    ($scenario:ident) => {
        #[test]
        fn $scenario() {
            inbox::$scenario(&Sqlite);
        }
    };
}

each_inbox_scenario!(inbox_on_sqlite);

#[test]
fn a_setting_given_in_the_file_and_as_a_flag_stops_the_receiver() {
    let dir = std::env::temp_dir().join(format!(
        "chatcart-receive-{}-clashing-settings",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let delivery_only = dir.join("shop.json");
    std::fs::write(
        &delivery_only,
        r#"{"schema": "chatcart-shop/1", "currency": "INR", "fulfilment": ["delivery"]}"#,
    )
    .unwrap();
    let receive = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
            .args(["receive", "--listen", "127.0.0.1:0", "--catalog"])
            .arg(demo_catalog_path())
            .arg("--settings")
            .arg(&delivery_only)
            .args(extra)
            .output()
            .unwrap();
        let error = String::from_utf8(output.stderr).unwrap();
        (
            output.status.code(),
            error.lines().next().unwrap_or_default().to_owned(),
        )
    };
    assert_eq!(
        receive(&["--currency", "INR"]),
        (
            Some(2),
            "--currency: the settings file sets currency; give it in one place".into()
        )
    );
    // The file says how orders are received: a flag may not say it again. (A file without
    // `fulfilment` leaves it to --no-delivery and --no-pickup.)
    assert_eq!(
        receive(&["--no-pickup"]),
        (
            Some(2),
            "--no-pickup: the settings file sets pickup; give it in one place".into()
        )
    );

    // The shop's name too.
    let named = dir.join("named.json");
    std::fs::write(
        &named,
        r#"{"schema": "chatcart-shop/1", "name": "Asha Stores"}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["receive", "--listen", "127.0.0.1:0", "--catalog"])
        .arg(demo_catalog_path())
        .arg("--settings")
        .arg(&named)
        .args(["--store-name", "Ravi Traders"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .starts_with("--store-name: the settings file sets name; give it in one place"));

    let dir = std::env::temp_dir().join(format!(
        "chatcart-receive-{}-bad-settings",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("shop.json");
    std::fs::write(
        &bad,
        "{\"schema\": \"chatcart-shop/1\",\n \"rounding\": \"nearest\"}",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["receive", "--catalog"])
        .arg(demo_catalog_path())
        .arg("--settings")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.starts_with(&format!(
            "{}: line 2, column 14: rounding: \"nearest\" is not a rounding rule",
            bad.display()
        )),
        "{error}"
    );
}
