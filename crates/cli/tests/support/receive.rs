//! `chatcart receive` over real HTTP: the real binary, a real database, a plain TCP client.
//! Each scenario takes the databases to store in, so that every one runs on SQLite
//! (`tests/receive.rs`) and on PostgreSQL (`tests/receive_postgres.rs`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chatcart_core::cart::{Cart, CartAction};
use chatcart_core::catalog::Catalog;
use chatcart_core::checkout::{CheckoutForm, CheckoutRules, Fulfilment, Payment};
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::limits::DEFAULT_MAX_QUANTITY;
use chatcart_core::money::{Currency, Rounding};
use chatcart_core::order::{Order, OrderIdentity};
use chatcart_core::reference::OrderReference;
use chatcart_core::settings;
use chatcart_core::terms::{Day, Destination, Terms};
use serde_json::Value;

pub const SHOP: &str = "https://shop.example";

/// Where one run's receivers keep their orders.
pub trait Databases {
    /// A new, empty database for the receiver called `name`: a file's path or a URL.
    fn fresh(&self, name: &str) -> String;

    /// Runs `sql`, whose parameters `$1`, `$2`… are `texts`, on the database `db`.
    fn execute(&self, db: &str, sql: &str, texts: &[&str]);

    /// The `orders` table exactly as receivers made it before orders had a status.
    fn table_before_statuses(&self) -> &'static str;

    /// The first column of each row `sql` selects from the database `db`, as text.
    fn texts(&self, db: &str, sql: &str) -> Vec<String>;
}

/// Calls `$test!(scenario)` for each scenario below.
macro_rules! each_scenario {
    ($test:ident) => {
        $test!(an_order_is_stored_once_however_often_it_is_retried);
        $test!(copies_of_an_order_sent_at_once_are_stored_once);
        $test!(tampered_unknown_and_out_of_range_orders_are_refused_with_reasons);
        $test!(a_reference_with_a_letter_crockford_leaves_out_is_refused);
        $test!(headers_sizes_and_line_counts_are_checked);
        $test!(only_the_allowed_origin_may_send_orders);
        $test!(a_flooding_client_is_told_when_to_come_back);
        $test!(shoppers_behind_a_trusted_proxy_are_limited_each_and_preflights_are_free);
        $test!(rounding_and_fulfilment_are_the_pages_and_an_unknown_rule_stops_the_receiver);
        $test!(a_receiver_with_the_shops_settings_charges_its_fee_and_gives_only_its_offers);
        $test!(forged_text_is_refused_and_old_rows_are_listed_escaped_on_one_line);
        $test!(a_client_that_stalls_holds_up_only_itself);
        $test!(stalled_clients_are_let_go_at_their_deadlines);
        $test!(headers_past_16_kib_are_refused);
        $test!(connections_past_the_cap_wait_for_room_and_are_then_served);
        $test!(asking_after_orders_never_crowds_out_new_orders);
        $test!(a_shutdown_finishes_the_order_in_flight_and_takes_no_more);
        $test!(an_accepted_order_answers_its_status_to_the_device_holding_its_secret);
        $test!(an_old_database_without_statuses_opens_and_lists_its_orders_as_received);
    };
}

pub fn demo_catalog_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/demo-catalog.json")
}

pub struct Receiver {
    child: Child,
    pub address: String,
    pub db: String,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A receiver called `name` on a fresh database of `databases`.
pub fn start(databases: &dyn Databases, name: &str, extra: &[&str]) -> Receiver {
    start_on(databases.fresh(name), extra)
}

/// A receiver storing its orders in `db`.
pub fn start_on(db: String, extra: &[&str]) -> Receiver {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["receive", "--listen", "127.0.0.1:0", "--allow-origin", SHOP])
        .arg("--catalog")
        .arg(demo_catalog_path())
        .arg("--db")
        .arg(&db)
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the receiver starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    Receiver { child, address, db }
}

/// The answer on `stream`, read until the receiver closes it.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    // Far longer than any deadline the tests set: a receiver that hangs fails the test
    // rather than blocking it.
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("answered within 20 s");
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

impl Receiver {
    pub fn request(&self, method: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        self.request_to(method, "/orders", headers, body)
    }

    pub fn request_to(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .write_all(self.head_to(method, path, headers, body.len()).as_bytes())
            .unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        read_answer(&mut stream)
    }

    /// `GET /orders/{reference}/status` from the shop's page, with `secret` as its bearer.
    pub fn order_status(&self, reference: &str, secret: &str) -> Answer {
        self.request_to(
            "GET",
            &format!("/orders/{reference}/status"),
            &[
                ("Origin", SHOP),
                ("Authorization", &format!("Bearer {secret}")),
            ],
            "",
        )
    }

    /// A request's line and headers, up to the blank line before its body.
    fn head(&self, method: &str, headers: &[(&str, &str)], content_length: usize) -> String {
        self.head_to(method, "/orders", headers, content_length)
    }

    fn head_to(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        content_length: usize,
    ) -> String {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {content_length}\r\n",
            self.address,
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        head
    }

    /// The headers of an order, as `post` sends them.
    fn post_head(&self, key: &str, content_length: usize) -> String {
        self.head(
            "POST",
            &[
                ("Origin", SHOP),
                ("Content-Type", "application/json"),
                ("Idempotency-Key", key),
            ],
            content_length,
        )
    }

    pub fn post(&self, order: &str, key: &str) -> Answer {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .write_all(self.post_head(key, order.len()).as_bytes())
            .unwrap();
        stream.write_all(order.as_bytes()).unwrap();
        read_answer(&mut stream)
    }

    /// What `chatcart orders --json` lists.
    pub fn orders(&self) -> Vec<Value> {
        let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
            .args(["orders", "--json", "--db"])
            .arg(&self.db)
            .output()
            .unwrap();
        assert!(output.status.success());
        serde_json::from_slice::<Value>(&output.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

/// A real order from the demo catalog: 2 atta 5 kg (249.00) and 1 toor dal (195.00).
pub fn order(key: &str) -> Order {
    order_under(key, 2, &Terms::default(), None)
}

/// The demo shop's settings file, which the page and the receiver both read.
pub fn demo_shop_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/demo-shop.json")
}

/// The demo shop's terms: 30.00 delivery, free from 499.00; WELCOME10.
pub fn demo_terms() -> Terms {
    let text = std::fs::read_to_string(demo_shop_path()).unwrap();
    settings::read(&text, Currency::from_code("INR").unwrap())
        .unwrap()
        .terms
}

/// What an honest page sends: `atta` atta 5 kg and 1 toor dal delivered to 400053, priced
/// under `terms` with the offer `code`, placed now.
pub fn order_under(key: &str, atta: u32, terms: &Terms, code: Option<&str>) -> Order {
    let bytes = std::fs::read(demo_catalog_path()).unwrap();
    let (catalog, _) = Catalog::load(&bytes, Currency::from_code("INR").unwrap()).unwrap();
    let add = |id: &str, quantity| CartAction::Add {
        retailer_id: id.into(),
        quantity,
    };
    let cart = Cart::default()
        .apply(
            add("aashirvaad-atta-5kg", atta),
            &catalog,
            DEFAULT_MAX_QUANTITY,
        )
        .unwrap()
        .apply(add("tata-toor-dal-1kg", 1), &catalog, DEFAULT_MAX_QUANTITY)
        .unwrap();
    let customer = CheckoutForm {
        name: "Priya Sharma".into(),
        phone: "+91 98765 43210".into(),
        house: "Flat 4B, Lotus Towers".into(),
        city: "Mumbai".into(),
        region: "Maharashtra".into(),
        postal_code: "400053".into(),
        ..CheckoutForm::default()
    }
    .validate(&CheckoutRules {
        fulfilments: vec![Fulfilment::Delivery],
        india: true,
        postal_code_required: false,
        slots: Vec::new(),
        payments: vec![Payment::CashOnDelivery],
    })
    .unwrap();
    let identity = OrderIdentity {
        reference: OrderReference::parse("CC-7K3P9Q").unwrap(),
        idempotency_key: IdempotencyKey::parse(key).unwrap(),
        created_at: "2026-11-21T08:50:00.000Z".into(),
    };
    let priced = cart.price(&catalog).unwrap().unwrap();
    let charges = terms
        .charges(
            priced.subtotal,
            Destination {
                fulfilment: Fulfilment::Delivery,
                postal_code: Some("400053"),
            },
            code,
            Day::parse("2026-11-21").unwrap(),
            Rounding::default(),
        )
        .unwrap();
    Order::new(
        identity,
        "Demo Kirana",
        &catalog,
        &priced,
        &charges,
        customer,
    )
}

pub fn an_order_is_stored_once_however_often_it_is_retried(databases: &dyn Databases) {
    let receiver = start(databases, "once", &[]);
    let body = order("key-1").to_json();
    let first = receiver.post(&body, "key-1");
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.json()["order_number"], 1);
    assert_eq!(first.json()["total"], "693.00");
    assert_eq!(first.header("Access-Control-Allow-Origin"), Some(SHOP));

    // The response was lost and the browser sends the same request again.
    let retry = receiver.post(&body, "key-1");
    assert_eq!(retry.status, 201);
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.header("Idempotent-Replayed"), Some("true"));

    // The same key for a different order is a client bug, not a second order.
    let mut other = order("key-1");
    other.customer.name = "Someone Else".into();
    let reused = receiver.post(&other.to_json(), "key-1");
    assert_eq!(reused.status, 422, "{}", reused.body);

    let orders = receiver.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["reference"], "CC-7K3P9Q");
    assert_eq!(orders[0]["total"], "693.00");
    assert_eq!(
        orders[0]["order"]["product_items"][1]["product_retailer_id"],
        "tata-toor-dal-1kg"
    );

    let second = receiver.post(&order("key-2").to_json(), "key-2");
    assert_eq!(second.json()["order_number"], 2);
    assert_eq!(receiver.orders().len(), 2);
}

/// Twenty copies of one order at once (a double tap, a retry racing the first try), beside
/// other shoppers' orders: one is stored, and every copy is answered with its number, in
/// whatever batch of the writer the copies land.
pub fn copies_of_an_order_sent_at_once_are_stored_once(databases: &dyn Databases) {
    let receiver = start(databases, "copies", &["--per-minute", "1000"]);
    let body = order("key-copied").to_json();
    let start = std::sync::Barrier::new(30);
    let answers: Vec<(bool, Answer)> = std::thread::scope(|scope| {
        let copies = (0..20).map(|_| {
            scope.spawn(|| {
                start.wait();
                (true, receiver.post(&body, "key-copied"))
            })
        });
        let copies: Vec<_> = copies.collect();
        let others: Vec<_> = (0..10)
            .map(|n| {
                let (receiver, start) = (&receiver, &start);
                scope.spawn(move || {
                    let key = format!("key-other-{n}");
                    start.wait();
                    (false, receiver.post(&order(&key).to_json(), &key))
                })
            })
            .collect();
        copies
            .into_iter()
            .chain(others)
            .map(|t| t.join().unwrap())
            .collect()
    });
    let numbers: Vec<Value> = answers
        .iter()
        .filter(|(copy, _)| *copy)
        .map(|(_, answer)| {
            assert_eq!(answer.status, 201, "{}", answer.body);
            answer.json()["order_number"].clone()
        })
        .collect();
    assert!(numbers.iter().all(|n| *n == numbers[0]), "{numbers:?}");
    assert!(answers.iter().all(|(_, answer)| answer.status == 201));
    let stored = receiver.orders();
    assert_eq!(stored.len(), 11, "one copy and the ten others");
    let copied: Vec<&Value> = stored
        .iter()
        .filter(|o| o["idempotency_key"] == "key-copied")
        .collect();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0]["order_number"], numbers[0]);
}

pub fn tampered_unknown_and_out_of_range_orders_are_refused_with_reasons(
    databases: &dyn Databases,
) {
    let receiver = start(databases, "refused", &[]);
    let mut json: Value = serde_json::from_str(&order("k").to_json()).unwrap();
    json["product_items"][0]["item_price"] = "1.00".into();
    json["product_items"][1]["product_retailer_id"] = "caviar-100g".into();
    let answer = receiver.post(&json.to_string(), "k");
    assert_eq!(answer.status, 422);
    assert_eq!(answer.json()["error"], "order refused");
    let problems = answer.json()["problems"].clone();
    assert_eq!(
        problems[0],
        "line 1, aashirvaad-atta-5kg: the price is 1.00, the shop charges 249.00"
    );
    assert_eq!(
        problems[1],
        "line 2, caviar-100g: the shop does not sell this item"
    );

    let mut json: Value = serde_json::from_str(&order("k2").to_json()).unwrap();
    json["currency"] = "USD".into();
    json["product_items"][0]["quantity"] = 500.into();
    let answer = receiver.post(&json.to_string(), "k2");
    let problems = answer.json()["problems"].to_string();
    assert!(
        problems.contains("the order is in USD, the shop sells in INR"),
        "{problems}"
    );
    assert!(
        problems.contains("quantity 500 is outside 1 to 99"),
        "{problems}"
    );

    let not_json = receiver.post("{\"reference\": ", "k3");
    assert_eq!(not_json.status, 400);
    assert!(not_json.json()["error"]
        .as_str()
        .unwrap()
        .contains("not chatcart order JSON"));
    assert!(receiver.orders().is_empty());
}

pub fn a_reference_with_a_letter_crockford_leaves_out_is_refused(databases: &dyn Databases) {
    let receiver = start(databases, "reference", &[]);
    for (reference, key) in [("CC-7K3P9I", "key-i"), ("CC-7K3P9O", "key-o")] {
        let mut json: Value = serde_json::from_str(&order(key).to_json()).unwrap();
        json["reference"] = reference.into();
        let answer = receiver.post(&json.to_string(), key);
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert_eq!(answer.json()["error"], "order refused");
        assert_eq!(
            answer.json()["problems"],
            serde_json::json!([format!("reference \"{reference}\" is not like CC-7K3P9Q")])
        );
    }
    assert!(receiver.orders().is_empty());
}

pub fn headers_sizes_and_line_counts_are_checked(databases: &dyn Databases) {
    let receiver = start(databases, "limits", &["--max-lines", "1"]);
    let body = order("k").to_json();
    let no_key = receiver.request(
        "POST",
        &[("Origin", SHOP), ("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(no_key.status, 400);
    let as_text = receiver.request(
        "POST",
        &[("Content-Type", "text/plain"), ("Idempotency-Key", "k")],
        &body,
    );
    assert_eq!(as_text.status, 415);
    let huge = receiver.post(&" ".repeat(70_000), "k");
    assert_eq!(huge.status, 413);
    let two_lines = receiver.post(&body, "k");
    assert_eq!(two_lines.status, 422);
    assert!(two_lines
        .body
        .contains("the order has 2 lines; at most 1 are accepted"));
    let mismatched = receiver.post(&body, "another-key");
    assert_eq!(mismatched.status, 422);
    assert!(receiver.orders().is_empty());
}

pub fn only_the_allowed_origin_may_send_orders(databases: &dyn Databases) {
    let receiver = start(databases, "cors", &[]);
    let preflight = |origin| {
        receiver.request(
            "OPTIONS",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type,idempotency-key",
                ),
            ],
            "",
        )
    };
    let allowed = preflight(SHOP);
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("Access-Control-Allow-Origin"), Some(SHOP));
    assert!(allowed
        .header("Access-Control-Allow-Headers")
        .unwrap()
        .contains("Idempotency-Key"));

    for stranger in [
        "https://evil.example",
        "https://shop.example.evil.example",
        "http://shop.example",
    ] {
        let refused = preflight(stranger);
        assert_eq!(refused.status, 403, "{stranger}");
        assert_eq!(refused.header("Access-Control-Allow-Origin"), None);
    }
    let body = order("k").to_json();
    let forged = receiver.request(
        "POST",
        &[
            ("Origin", "https://evil.example"),
            ("Content-Type", "application/json"),
            ("Idempotency-Key", "k"),
        ],
        &body,
    );
    assert_eq!(forged.status, 403);
    assert!(receiver.orders().is_empty());
}

pub fn a_flooding_client_is_told_when_to_come_back(databases: &dyn Databases) {
    let receiver = start(databases, "flood", &["--per-minute", "5"]);
    let statuses: Vec<u16> = (0..7)
        .map(|i| receiver.post("{}", &format!("flood-{i}")).status)
        .collect();
    assert_eq!(statuses[..5], [400; 5], "{statuses:?}");
    let answer = receiver.post("{}", "flood-8");
    assert_eq!(answer.status, 429);
    let wait: u64 = answer.header("Retry-After").unwrap().parse().unwrap();
    assert!((1..=12).contains(&wait), "{wait}");
}

pub fn shoppers_behind_a_trusted_proxy_are_limited_each_and_preflights_are_free(
    databases: &dyn Databases,
) {
    let post_from = |receiver: &Receiver, client: &str, key: &str| {
        receiver
            .request(
                "POST",
                &[
                    ("Origin", SHOP),
                    ("Content-Type", "application/json"),
                    ("Idempotency-Key", key),
                    ("X-Forwarded-For", client),
                ],
                "{}",
            )
            .status
    };
    // The test connects from 127.0.0.1: as the https proxy a merchant runs would.
    let behind = start(
        databases,
        "proxied",
        &["--per-minute", "2", "--trusted-proxy", "127.0.0.1"],
    );
    for shopper in 0..10 {
        let client = format!("198.51.100.{shopper}");
        for attempt in 0..2 {
            let status = post_from(&behind, &client, &format!("k-{shopper}-{attempt}"));
            assert_eq!(
                status, 400,
                "shopper {shopper}, try {attempt}: only the body is wrong"
            );
        }
        assert_eq!(
            post_from(&behind, &client, "k-over"),
            429,
            "shopper {shopper}'s third"
        );
    }
    // Without --trusted-proxy the header is the client's own say: one budget for all.
    let direct = start(databases, "unproxied", &["--per-minute", "2"]);
    assert_eq!(post_from(&direct, "198.51.100.1", "a"), 400);
    assert_eq!(post_from(&direct, "198.51.100.2", "b"), 400);
    assert_eq!(post_from(&direct, "198.51.100.3", "c"), 429);

    // Preflights use up nothing.
    let preflighted = start(databases, "preflights", &["--per-minute", "2"]);
    for _ in 0..5 {
        let preflight = preflighted.request(
            "OPTIONS",
            &[("Origin", SHOP), ("Access-Control-Request-Method", "POST")],
            "",
        );
        assert_eq!(preflight.status, 204);
    }
    assert_eq!(preflighted.post("{}", "after-preflights").status, 400);

    // The whole shop has a budget too.
    let busy = start(
        databases,
        "whole-shop",
        &[
            "--per-minute",
            "5",
            "--shop-per-minute",
            "3",
            "--trusted-proxy",
            "127.0.0.1",
        ],
    );
    let statuses: Vec<u16> = (0..4)
        .map(|i| post_from(&busy, &format!("203.0.113.{i}"), &format!("s-{i}")))
        .collect();
    assert_eq!(statuses, [400, 400, 400, 429]);
}

pub fn rounding_and_fulfilment_are_the_pages_and_an_unknown_rule_stops_the_receiver(
    databases: &dyn Databases,
) {
    // Whole quantities of prices in paise never need rounding: a shop that rounds up takes
    // the same order at the same total.
    let receiver = start(
        databases,
        "rounding-up",
        &["--rounding", "up", "--no-pickup"],
    );
    let accepted = receiver.post(&order("key-up").to_json(), "key-up");
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    assert_eq!(accepted.json()["total"], "693.00");
    // This shop only delivers.
    let mut pickup: Value = serde_json::from_str(&order("key-pickup").to_json()).unwrap();
    pickup["fulfilment"] = "pickup".into();
    pickup["address"] = Value::Null;
    let refused = receiver.post(&pickup.to_string(), "key-pickup");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.json()["problems"][0],
        "fulfilment: the shop does not hand orders over for pickup"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["receive", "--rounding", "nearest", "--catalog"])
        .arg(demo_catalog_path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.starts_with("--rounding: \"nearest\" is not a rounding rule: use half-even, half-up, half-down, up or down\n"),
        "{error}"
    );
}

pub fn a_receiver_with_the_shops_settings_charges_its_fee_and_gives_only_its_offers(
    databases: &dyn Databases,
) {
    let receiver = start(
        databases,
        "settings",
        &["--settings", &demo_shop_path().to_string_lossy()],
    );
    // 444.00 is under 499.00: delivery costs 30.00.
    let honest = order_under("fee", 1, &demo_terms(), None);
    let json: Value = serde_json::from_str(&honest.to_json()).unwrap();
    assert_eq!(
        (&json["shipping"], &json["total"]),
        (&"30.00".into(), &"474.00".into())
    );
    let accepted = receiver.post(&honest.to_json(), "fee");
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    assert_eq!(accepted.json()["total"], "474.00");
    // 693.00 is delivered free, and WELCOME10 takes 69.30 off.
    let welcome = order_under("welcome", 2, &demo_terms(), Some("WELCOME10"));
    let accepted = receiver.post(&welcome.to_json(), "welcome");
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    assert_eq!(accepted.json()["total"], "623.70");

    // Delivery made free by hand.
    let mut free_ride: Value =
        serde_json::from_str(&order_under("free", 1, &demo_terms(), None).to_json()).unwrap();
    free_ride["shipping"] = "0.00".into();
    free_ride["total"] = "444.00".into();
    let refused = receiver.post(&free_ride.to_string(), "free");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.json()["error"], "order refused");
    assert_eq!(
        refused.json()["problems"],
        serde_json::json!([
            "shipping is 0.00, the shop charges 30.00 for delivery to 400053",
            "the total is 444.00, the shop's total is 474.00 (subtotal 444.00 + shipping 30.00)"
        ])
    );
    // A discount the shop never offered.
    let mut forged: Value = serde_json::from_str(&order("forged").to_json()).unwrap();
    forged["discount"] = serde_json::json!({"amount": "200.00", "code": "FRIENDS200"});
    forged["total"] = "493.00".into();
    let refused = receiver.post(&forged.to_string(), "forged");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.json()["problems"],
        serde_json::json!([
            "discount: the offer code FRIENDS200 is not one of the shop's",
            "the total is 493.00, the lines add up to 693.00"
        ])
    );
    let orders = receiver.orders();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0]["order"]["shipping"], "30.00");
    assert_eq!(orders[1]["order"]["discount"]["code"], "WELCOME10");

    // Without --settings, the same receiver charges nothing for delivery.
    let plain = start(databases, "no-settings", &[]);
    let refused = plain.post(&honest.to_json(), "fee");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.json()["problems"][0],
        "shipping is 30.00, the shop charges 0.00 for delivery to 400053"
    );
}

pub fn forged_text_is_refused_and_old_rows_are_listed_escaped_on_one_line(
    databases: &dyn Databases,
) {
    let receiver = start(databases, "text", &[]);
    let forged_name = "Priya\r\n#999 CC-FAKE00 INR 1.00";
    let mut json: Value = serde_json::from_str(&order("key-forged").to_json()).unwrap();
    json["customer"]["name"] = forged_name.into();
    json["store_name"] = "S".repeat(60 * 1024).into();
    json["created_at"] = "not a date <script>".into();
    let answer = receiver.post(&json.to_string(), "key-forged");
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(answer.json()["error"], "order refused");
    assert_eq!(
        answer.json()["problems"],
        serde_json::json!([
            "created_at is not an RFC 3339 time like 2026-11-21T08:50:00.000Z",
            "store_name is longer than 80 characters",
            "customer.name contains the control character U+000D; only customer.notes may break lines",
        ])
    );
    let mut json: Value = serde_json::from_str(&order("key-clear").to_json()).unwrap();
    json["customer"]["name"] = "\u{1b}[2J".into();
    let answer = receiver.post(&json.to_string(), "key-clear");
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(
        answer.json()["problems"],
        serde_json::json!([
            "customer.name contains the control character U+001B; only customer.notes may break lines"
        ])
    );
    assert!(receiver.orders().is_empty());
    let honest = receiver.post(&order("key-honest").to_json(), "key-honest");
    assert_eq!(honest.status, 201, "{}", honest.body);
    let db = receiver.db.clone();
    drop(receiver);

    // A row stored by an older receiver, which took such a name.
    let old_name = format!("{forged_name}\u{1b}[2J\u{9b}31m\t\u{7}");
    let mut old = order("key-old");
    old.customer.name = old_name.clone();
    databases.execute(
        &db,
        "INSERT INTO orders (idempotency_key, reference, received_at, customer_name, total,
             currency, lines, request_body, order_json, response_body)
         VALUES ('key-old', 'CC-7K3P9Q', '2026-11-21T08:51:00Z', $1, '693.00', 'INR', 2,
             $2, $2, '{\"order_number\": 2}')",
        &[&old_name, &old.to_json()],
    );

    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["orders", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(output.status.success());
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(
        !listed.chars().any(|c| c.is_control() && c != '\n'),
        "{listed:?}"
    );
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "one order, one line: {listed:?}");
    assert!(lines[0].starts_with("#1  CC-7K3P9Q  "), "{}", lines[0]);
    assert!(
        lines[0].ends_with("  INR 693.00  2 lines  received  Priya Sharma"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "#2  CC-7K3P9Q  2026-11-21T08:51:00Z  INR 693.00  2 lines  received  \
         Priya\\r\\n#999 CC-FAKE00 INR 1.00\\u{1b}[2J\\u{9b}31m\\t\\u{7}"
    );

    // As JSON, the name is the one stored, escaped as JSON escapes it, C1 controls too.
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["orders", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let json = String::from_utf8(output.stdout).unwrap();
    assert!(
        !json.chars().any(|c| c.is_control() && c != '\n'),
        "{json:?}"
    );
    let orders: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(orders[1]["order"]["customer"]["name"], old_name.as_str());
}

/// A connection that has sent `sent` and then nothing more.
fn stalled(receiver: &Receiver, sent: &str) -> TcpStream {
    let mut stream = TcpStream::connect(&receiver.address).unwrap();
    stream.write_all(sent.as_bytes()).unwrap();
    stream
}

pub fn a_client_that_stalls_holds_up_only_itself(databases: &dyn Databases) {
    let receiver = start(databases, "stall", &[]);
    // Headers that promise a body which never comes, headers that never end, and nothing.
    let mut no_body = stalled(&receiver, &receiver.post_head("key-stalled", 60_000));
    let no_end = stalled(&receiver, "POST /orders HTTP/1.1\r\nHost: x\r\n");
    let silent = stalled(&receiver, "");
    // Let the receiver take what they sent before the honest shopper comes.
    std::thread::sleep(Duration::from_millis(300));

    let honest = receiver.post(&order("key-honest").to_json(), "key-honest");
    assert_eq!(honest.status, 201, "{}", honest.body);
    // Answered while the stalled clients are still waiting on their (10 s) deadlines.
    for stream in [&mut no_body, &no_end, &silent] {
        stream.set_nonblocking(true).unwrap();
        let waiting = (&*stream).read(&mut [0; 1]);
        assert_eq!(
            waiting.map_err(|e| e.kind()),
            Err(std::io::ErrorKind::WouldBlock)
        );
    }
    assert_eq!(receiver.orders().len(), 1);
}

pub fn stalled_clients_are_let_go_at_their_deadlines(databases: &dyn Databases) {
    let receiver = start(
        databases,
        "deadlines",
        &["--body-deadline", "1", "--header-deadline", "1"],
    );
    let mut no_body = stalled(&receiver, &receiver.post_head("key-stalled", 60_000));
    let mut no_end = stalled(&receiver, "POST /orders HTTP/1.1\r\nHost: x\r\n");
    let mut silent = stalled(&receiver, "");
    // Told so when its headers were in; else disconnected.
    let timed_out = read_answer(&mut no_body);
    assert_eq!(timed_out.status, 408, "{}", timed_out.body);
    assert!(timed_out.body.contains("did not arrive in time"));
    for stream in [&mut no_end, &mut silent] {
        let mut rest = Vec::new();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream
            .read_to_end(&mut rest)
            .expect("closed by the receiver before the test's own timeout");
        assert!(
            rest.is_empty() || rest.starts_with(b"HTTP/1.1 408"),
            "{}",
            String::from_utf8_lossy(&rest)
        );
    }
    assert!(receiver.orders().is_empty());
}

pub fn headers_past_16_kib_are_refused(databases: &dyn Databases) {
    let receiver = start(databases, "big-headers", &[]);
    let padding = "x".repeat(17 * 1024);
    let answer = receiver.request(
        "POST",
        &[
            ("Content-Type", "application/json"),
            ("X-Padding", &padding),
        ],
        "{}",
    );
    assert_eq!(answer.status, 431);
}

pub fn connections_past_the_cap_wait_for_room_and_are_then_served(databases: &dyn Databases) {
    let receiver = start(databases, "cap", &["--max-connections", "2"]);
    let holders = [stalled(&receiver, ""), stalled(&receiver, "")];
    let body = order("key-waited").to_json();
    let mut waiting = stalled(
        &receiver,
        &(receiver.post_head("key-waited", body.len()) + &body),
    );
    // Full: the order is not taken while both connections are held (10 s deadlines)…
    std::thread::sleep(Duration::from_millis(300));
    waiting.set_nonblocking(true).unwrap();
    assert_eq!(
        (&waiting).read(&mut [0; 1]).map_err(|e| e.kind()),
        Err(std::io::ErrorKind::WouldBlock),
        "answered past the cap"
    );
    // …and is, as soon as one of them goes.
    drop(holders);
    waiting.set_nonblocking(false).unwrap();
    let answer = read_answer(&mut waiting);
    assert_eq!(answer.status, 201, "{}", answer.body);
}

/// Shoppers' devices asking after their orders have a budget of their own: however many
/// watch "My orders", new orders still get in.
pub fn asking_after_orders_never_crowds_out_new_orders(databases: &dyn Databases) {
    let receiver = start(
        databases,
        "asks",
        &[
            "--per-minute",
            "3",
            "--shop-per-minute",
            "3",
            "--trusted-proxy",
            "127.0.0.1",
        ],
    );
    let ask_from = |client: &str| {
        receiver
            .request_to(
                "GET",
                "/orders/CC-7K3P9Q/status",
                &[
                    ("Origin", SHOP),
                    ("Authorization", &format!("Bearer {}", "0".repeat(64))),
                    ("X-Forwarded-For", client),
                ],
                "",
            )
            .status
    };
    for shopper in 0..5 {
        let client = format!("198.51.100.{shopper}");
        let asked: Vec<u16> = (0..4).map(|_| ask_from(&client)).collect();
        assert_eq!(asked, [404, 404, 404, 429], "shopper {shopper}");
    }
    let placed = receiver.post(&order("key-after-asks").to_json(), "key-after-asks");
    assert_eq!(placed.status, 201, "{}", placed.body);
}

pub fn a_shutdown_finishes_the_order_in_flight_and_takes_no_more(databases: &dyn Databases) {
    let mut receiver = start(databases, "shutdown", &[]);
    let body = order("key-in-flight").to_json();
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut in_flight = stalled(
        &receiver,
        &(receiver.post_head("key-in-flight", body.len()) + first_half),
    );
    // Let the receiver take the headers before it is told to stop.
    std::thread::sleep(Duration::from_millis(300));
    let terminated = Command::new("kill")
        .args(["-TERM", &receiver.child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        TcpStream::connect(&receiver.address).is_err(),
        "a stopping receiver takes no new connections"
    );
    in_flight.write_all(second_half.as_bytes()).unwrap();
    let answer = read_answer(&mut in_flight);
    assert_eq!(answer.status, 201, "{}", answer.body);
    let status = receiver.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(receiver.orders().len(), 1);
}

pub fn an_accepted_order_answers_its_status_to_the_device_holding_its_secret(
    databases: &dyn Databases,
) {
    let receiver = start(databases, "status", &[]);
    let body = order("key-status").to_json();
    let accepted = receiver.post(&body, "key-status");
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    let secret = accepted.json()["status_secret"]
        .as_str()
        .expect("the 201 answer carries a status secret")
        .to_owned();
    assert_eq!(secret.len(), 64, "{secret}");
    assert!(secret
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    // A retry is answered exactly as the first time: the same secret.
    let retried = receiver.post(&body, "key-status");
    assert_eq!(retried.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(retried.body, accepted.body);
    // Another order gets a secret of its own.
    let other = receiver.post(&order("key-other").to_json(), "key-other");
    let other_secret = other.json()["status_secret"].as_str().unwrap().to_owned();
    assert_ne!(other_secret, secret);

    let answer = receiver.order_status("CC-7K3P9Q", &secret);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("Cache-Control"), Some("no-store"));
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SHOP));
    let listed = receiver.orders();
    let received_at = listed[0]["received_at"].as_str().unwrap().to_owned();
    assert_eq!(
        answer.json(),
        serde_json::json!({
            "reference": "CC-7K3P9Q",
            "order_number": 1,
            "status": "received",
            "order_status": "pending",
            "updated_at": received_at,
            "ready_in_minutes": null,
            "ready_by": null,
            "reason": null,
            "history": [{"status": "received", "order_status": "pending", "at": received_at}],
        })
    );
    // Both orders have the reference CC-7K3P9Q: each secret finds its own.
    assert_eq!(
        receiver.order_status("CC-7K3P9Q", &other_secret).json()["order_number"],
        2
    );

    // A wrong secret, an unknown reference, no secret, a malformed one: one answer.
    let wrong = receiver.order_status("CC-7K3P9Q", &"0".repeat(64));
    let unknown = receiver.order_status("CC-AAAAAA", &secret);
    let not_a_reference = receiver.order_status("not-a-reference", &secret);
    let short = receiver.order_status("CC-7K3P9Q", &secret[..63]);
    let without = receiver.request_to("GET", "/orders/CC-7K3P9Q/status", &[("Origin", SHOP)], "");
    for refused in [&wrong, &unknown, &not_a_reference, &short, &without] {
        assert_eq!(refused.status, 404, "{}", refused.body);
        assert_eq!(
            refused.body,
            r#"{"error":"no order with this reference and secret"}"#
        );
        assert_eq!(refused.header("Cache-Control"), Some("no-store"));
    }

    // CORS as for orders: the shop's page may ask, with GET and the Authorization header.
    let preflight = receiver.request_to(
        "OPTIONS",
        "/orders/CC-7K3P9Q/status",
        &[
            ("Origin", SHOP),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        "",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some(SHOP));
    assert_eq!(
        preflight.header("Access-Control-Allow-Methods"),
        Some("GET")
    );
    assert_eq!(
        preflight.header("Access-Control-Allow-Headers"),
        Some("Authorization")
    );
    let stranger = receiver.request_to(
        "GET",
        "/orders/CC-7K3P9Q/status",
        &[
            ("Origin", "https://evil.example"),
            ("Authorization", &format!("Bearer {secret}")),
        ],
        "",
    );
    assert_eq!(stranger.status, 403);
    assert_eq!(stranger.header("Access-Control-Allow-Origin"), None);
    let posted = receiver.request_to(
        "POST",
        "/orders/CC-7K3P9Q/status",
        &[
            ("Origin", SHOP),
            ("Authorization", &format!("Bearer {secret}")),
        ],
        "",
    );
    assert_eq!(posted.status, 405);
    assert_eq!(posted.header("Allow"), Some("GET, OPTIONS"));

    // `chatcart orders --json` has the status, its Cloud API name and the history.
    assert_eq!(listed[0]["status"], "received");
    assert_eq!(listed[0]["order_status"], "pending");
    assert_eq!(listed[0]["order"]["order_status"], "pending");
    assert_eq!(
        listed[0]["history"],
        serde_json::json!([{"status": "received", "at": received_at, "by": "receiver"}])
    );
}

pub fn an_old_database_without_statuses_opens_and_lists_its_orders_as_received(
    databases: &dyn Databases,
) {
    let db = databases.fresh("before-statuses");
    databases.execute(&db, databases.table_before_statuses(), &[]);
    let old = order("key-old").to_json();
    databases.execute(
        &db,
        "INSERT INTO orders (order_number, idempotency_key, reference, received_at,
             customer_name, total, currency, lines, request_body, order_json, response_body)
         VALUES (7, 'key-old', 'CC-7K3P9Q', '2026-11-20T10:00:00Z', 'Priya Sharma', '693.00',
             'INR', 2, $1, $1, '{\"status\":\"received\",\"order_number\":7}')",
        &[&old],
    );
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["orders", "--db", &db])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "#7  CC-7K3P9Q  2026-11-20T10:00:00Z  INR 693.00  2 lines  received  Priya Sharma\n"
    );

    // A receiver opens it, takes new orders, and still lists the old one.
    let receiver = start_on(db, &[]);
    let new = receiver.post(&order("key-new").to_json(), "key-new");
    assert_eq!(new.status, 201, "{}", new.body);
    let secret = new.json()["status_secret"].as_str().unwrap().to_owned();
    assert_eq!(
        receiver.order_status("CC-7K3P9Q", &secret).json()["status"],
        "received"
    );
    let orders = receiver.orders();
    assert_eq!(orders.len(), 2);
    let old_order = orders
        .iter()
        .find(|o| o["idempotency_key"] == "key-old")
        .unwrap();
    assert_eq!(old_order["order_number"], 7);
    assert_eq!(old_order["status"], "received");
    assert_eq!(old_order["order"]["order_status"], "pending");
    assert_eq!(
        old_order["history"],
        serde_json::json!([{"status": "received", "at": "2026-11-20T10:00:00Z", "by": "receiver"}])
    );
    // The old order's retry is still answered as it was.
    let replayed = receiver.post(&old, "key-old");
    assert_eq!(
        replayed.body,
        "{\"status\":\"received\",\"order_number\":7}"
    );
}
