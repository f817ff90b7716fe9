//! The receiver on PostgreSQL: every scenario of tests/support/receive.rs on a server this
//! test starts (a fresh database for each receiver), and what only PostgreSQL allows,
//! several receivers sharing one database.

#[macro_use]
#[path = "support/receive.rs"]
mod receive;
#[path = "support/postgres.rs"]
mod postgres;

use std::net::TcpListener;
use std::process::Command;
use std::sync::Barrier;

use postgres::Postgres;
use receive::{demo_catalog_path, order, start_on, Databases};
use tokio_postgres::types::ToSql;

impl Databases for Postgres {
    fn fresh(&self, name: &str) -> String {
        self.database(name)
    }

    fn execute(&self, db: &str, sql: &str, texts: &[&str]) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(db, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            let params: Vec<&(dyn ToSql + Sync)> = texts.iter().map(|t| t as _).collect();
            client.execute(sql, &params).await.unwrap();
        });
    }
}

#[test]
fn every_scenario_holds_on_postgresql() {
    let server = Postgres::start();
    macro_rules! on_postgres {
        ($scenario:ident) => {
            eprintln!("on PostgreSQL: {}", stringify!($scenario));
            receive::$scenario(&server);
        };
    }
    each_scenario!(on_postgres);
}

#[test]
fn two_receivers_sharing_a_database_store_an_order_sent_to_both_at_once_once() {
    let server = Postgres::start();
    let db = server.database("shared");
    let unlimited = ["--per-minute", "10000", "--shop-per-minute", "10000"];
    let receivers = [start_on(db.clone(), &unlimited), start_on(db, &unlimited)];
    const ROUNDS: usize = 40;
    for round in 0..ROUNDS {
        let key = format!("both-{round}");
        let body = order(&key).to_json();
        let together = Barrier::new(receivers.len());
        let answers: Vec<_> = std::thread::scope(|scope| {
            let sent: Vec<_> = receivers
                .iter()
                .map(|receiver| {
                    let (together, body, key) = (&together, &body, &key);
                    scope.spawn(move || {
                        together.wait();
                        receiver.post(body, key)
                    })
                })
                .collect();
            sent.into_iter().map(|s| s.join().unwrap()).collect()
        });
        for answer in &answers {
            assert_eq!(answer.status, 201, "round {round}: {}", answer.body);
        }
        assert_eq!(answers[0].body, answers[1].body, "round {round}");
        let replayed = answers
            .iter()
            .filter(|a| a.header("Idempotent-Replayed") == Some("true"))
            .count();
        assert_eq!(replayed, 1, "round {round}: one stored it, one replayed it");
    }
    let orders = receivers[1].orders();
    assert_eq!(orders.len(), ROUNDS);
    for (round, stored) in orders.iter().enumerate() {
        assert_eq!(stored["idempotency_key"], format!("both-{round}"));
    }
    // A number is drawn before the INSERT: the copies that met at the INSERT (rather than
    // one finding the other's row first) each left one unused.
    let last = orders[ROUNDS - 1]["order_number"].as_i64().unwrap();
    eprintln!(
        "{} of {ROUNDS} rounds met at the INSERT",
        last - ROUNDS as i64
    );
}

#[test]
fn an_unreachable_database_stops_the_receiver_naming_it_without_its_password() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://shop:s3cret@127.0.0.1:{port}/orders");
    let shown = format!("postgres://shop@127.0.0.1:{port}/orders");
    let first_error_line = |args: &[&str], db: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
            .args(args)
            .args(["--db", db])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let error = String::from_utf8(output.stderr).unwrap();
        assert!(!error.contains("s3cret"), "{error}");
        error.lines().next().unwrap_or_default().to_owned()
    };
    let catalog = demo_catalog_path();
    let receive = [
        "receive",
        "--listen",
        "127.0.0.1:0",
        "--catalog",
        catalog.to_str().unwrap(),
    ];
    let refused = format!("{shown}: cannot reach the database: error connecting to server: ");
    let line = first_error_line(&receive, &url);
    assert!(line.starts_with(&refused), "{line}");
    let line = first_error_line(&["orders"], &url);
    assert!(line.starts_with(&refused), "{line}");

    let line = first_error_line(&receive, &format!("{url}?sslmode=require"));
    assert_eq!(
        line,
        format!(
            "{shown}?sslmode=require: sslmode=require: TLS to the database is not supported; \
             connect over a private network with sslmode=disable, or through a TLS tunnel"
        )
    );
}
