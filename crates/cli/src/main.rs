//! chatcart's command line for merchants: check a feed, receive orders, list them, and
//! verify an order message received on WhatsApp.

mod check;
mod client;
mod inbox;
mod receive;
mod secret;
mod store;

use std::io::Read;
use std::process::ExitCode;

use chatcart_core::checkout::Fulfilment;
use chatcart_core::config::DEFAULT_CURRENCY;
use chatcart_core::handoff::{verify_message, Verification};
use chatcart_core::intake::IntakeRules;
use chatcart_core::limits::{DEFAULT_MAX_LINES, DEFAULT_MAX_QUANTITY, STORE_NAME_MAX};
use chatcart_core::money::{Currency, Rounding};
use chatcart_core::order::order_store_name;
use chatcart_core::settings;
use chatcart_core::terms::Terms;
use chatcart_core::text::{is_hidden, visible};

/// What the commands are, with the defaults they take.
fn usage() -> String {
    format!(
        "usage:
  chatcart check FEED [--currency CODE]
      Checks a product feed (CSV or TSV with Meta or Google Merchant columns) or a
      chatcart JSON catalog, printing each problem with its line and a summary.
      Exit status: 0 all rows load, 1 some rows were skipped (or read into one value by
      a stray quote, whose line is named), 2 the file cannot be used.
      Given a shop settings file (JSON whose schema is chatcart-shop/1), prints what it
      sets (delivery zones, minimum orders, offers) or its problem with line and column;
      exit status 0 or 2. --currency is then the one its amounts are in when it sets none.

  chatcart pack FEED --out DIR [--currency CODE]
      Prints what check prints, then writes the catalog as a pack into DIR: static files
      any host or CDN serves, which the shop fetches a piece at a time. Point the page's
      data-catalog at DIR/manifest.json (printed last). A new pack goes into the same
      folder: files are named by their content, so only changed ones are written.

  chatcart receive --catalog FEED [--settings shop.json]
                   [--db orders.sqlite | postgres://user@host/db]
                   [--allow-origin URL]... [--listen 127.0.0.1:8787] [--currency CODE]
                   [--rounding RULE] [--no-delivery | --no-pickup]
                   [--max-quantity {DEFAULT_MAX_QUANTITY}] [--max-lines {DEFAULT_MAX_LINES}]
                   [--per-minute 60] [--shop-per-minute 600] [--trusted-proxy IP]...
                   [--max-connections 512] [--header-deadline 10] [--body-deadline 10]
                   [--request-deadline 30] [--shutdown-grace 30] [--language en|hi|nl]
                   [--store-name NAME]
      Runs an order endpoint at /orders: every order is re-priced from FEED (a feed, a
      JSON catalog or a pack's folder or manifest), accepted ones are stored in the
      SQLite file --db names, or in the PostgreSQL database its postgres:// URL names
      (connected to without TLS), which several receivers may share. --allow-origin
      names each page origin (like https://shop.example) whose browsers may send
      orders. --no-delivery and --no-pickup refuse what the page's data-delivery=no or
      data-pickup=no turns off.
      --settings reads the shop settings file the page's data-settings names: its
      currency, rounding, max_quantity, delivery and pickup, and its delivery fees,
      minimum orders and offers, which shipping and discounts are re-priced by (without
      it, delivery is free and there are no offers). A flag the file also sets is
      refused: give each thing in one place. --per-minute limits each client's requests,
      --shop-per-minute all of them together (CORS preflights are not counted); a client
      is the connection's address, or, when that is a --trusted-proxy (the https proxy in
      front of the receiver), the address it forwarded for (Forwarded, X-Forwarded-For).
      Requests are served together, up to --max-connections connections (more wait).
      A request's headers must arrive within --header-deadline seconds (an idle
      connection is closed then too; headers over 16 KiB are refused), its body within
      --body-deadline seconds of them, and it is answered within --request-deadline.
      Ctrl-C or SIGTERM stops taking connections and finishes the requests in flight,
      waiting at most --shutdown-grace seconds.
      The shopper's device asks GET /orders/{{reference}}/status with the status_secret
      of the 201 answer. The merchant's inbox is at /inbox (users are set with
      inbox-user); --language is the language of its messages to customers. The inbox
      names the shop in those messages and on packing slips by the settings file's name,
      else --store-name, else the catalog's store_name (never by the name an order
      carries, which the shopper's page sent).

  chatcart inbox-user --db orders.sqlite | postgres://user@host/db NAME
      Sets (or resets) the inbox password of NAME, read as one line from standard input
      (at least 10 characters), stored as an Argon2id hash; NAME's sessions end, and
      its failed sign-ins are forgotten, so a locked-out name can sign in at once.

  chatcart orders --db orders.sqlite | postgres://user@host/db [--json]
      Lists the orders received, oldest first.

  chatcart verify [FILE]
      Reads an order message as received on WhatsApp (from FILE or standard input) and
      says whether it is as the shop wrote it. Exit status: 0 intact, 1 edited,
      2 no check line.

--currency is the ISO 4217 code the shop sells in (default {DEFAULT_CURRENCY}).
--rounding is how the shop rounds amounts to the currency's minor units, as the page's
data-rounding says: half-even (default), half-up, half-down, up or down."
    )
}

/// The value behind `mutex`. What the receiver guards (limiters, idle connections, a
/// reading connection) is whole after every step, so a panic elsewhere does not spoil it.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(problem) => {
            eprintln!("{problem}\n\n{}", usage());
            ExitCode::from(2)
        }
    }
}

/// `--name value` options and plain arguments.
struct Args {
    plain: Vec<String>,
    options: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Args {
    fn parse(args: &[String], flags: &[&str]) -> Result<Args, String> {
        let mut parsed = Args {
            plain: Vec::new(),
            options: Vec::new(),
            flags: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if flags.contains(&arg.as_str()) {
                parsed.flags.push(arg.clone());
            } else if let Some(name) = arg.strip_prefix("--") {
                let value = args.next().ok_or(format!("--{name} needs a value"))?;
                parsed.options.push((name.to_owned(), value.clone()));
            } else {
                parsed.plain.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    fn take(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.options
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn only(&self, known: &[&str], most_plain: usize) -> Result<(), String> {
        if let Some((name, _)) = self
            .options
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            return Err(format!("unknown option --{name}"));
        }
        if self.plain.len() > most_plain {
            return Err(format!(
                "unexpected argument \"{}\"",
                self.plain[most_plain]
            ));
        }
        Ok(())
    }

    fn currency(&self) -> Result<Currency, String> {
        Currency::from_code(self.take("currency").unwrap_or(DEFAULT_CURRENCY))
            .map_err(|e| format!("--currency: {e}"))
    }

    /// A whole number of seconds, at least one.
    fn seconds(&self, name: &str, default: u64) -> Result<std::time::Duration, String> {
        Ok(std::time::Duration::from_secs(
            self.number(name, default)?.max(1),
        ))
    }

    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        self.take(name).map_or(Ok(default), |text| {
            text.parse()
                .map_err(|_| format!("--{name}: \"{text}\" is not a whole number"))
        })
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("which command?")?;
    if rest.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{}", usage());
        return Ok(ExitCode::SUCCESS);
    }
    match command.as_str() {
        "check" => {
            let args = Args::parse(rest, &[])?;
            args.only(&["currency"], 1)?;
            let path = args.plain.first().ok_or("which feed? give its path")?;
            Ok(check::check(path, args.currency()?))
        }
        "pack" => {
            let args = Args::parse(rest, &[])?;
            args.only(&["currency", "out"], 1)?;
            let path = args.plain.first().ok_or("which feed? give its path")?;
            let out = args
                .take("out")
                .ok_or("--out: which folder is the pack written to?")?;
            Ok(check::pack(path, out, args.currency()?))
        }
        "receive" => {
            let args = Args::parse(rest, &["--no-delivery", "--no-pickup"])?;
            let known = [
                "catalog",
                "db",
                "allow-origin",
                "listen",
                "currency",
                "rounding",
                "max-quantity",
                "max-lines",
                "per-minute",
                "shop-per-minute",
                "trusted-proxy",
                "settings",
                "header-deadline",
                "body-deadline",
                "request-deadline",
                "max-connections",
                "shutdown-grace",
                "language",
                "store-name",
            ];
            args.only(&known, 0)?;
            receive(&args)
        }
        "orders" => {
            let args = Args::parse(rest, &["--json"])?;
            args.only(&["db"], 0)?;
            let db = args.take("db").ok_or("--db: which database?")?;
            list_orders(db, !args.flags.is_empty())
        }
        "inbox-user" => {
            let args = Args::parse(rest, &[])?;
            args.only(&["db"], 1)?;
            let db = args.take("db").ok_or("--db: which database?")?;
            let name = args
                .plain
                .first()
                .ok_or("which user? give the name they sign in with")?;
            inbox_user(db, name)
        }
        "verify" => {
            let args = Args::parse(rest, &[])?;
            args.only(&[], 1)?;
            verify(args.plain.first().map(String::as_str))
        }
        "-h" | "--help" | "help" => {
            println!("{}", usage());
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command \"{other}\"")),
    }
}

/// The ways to receive an order the receiver accepts, as the page offers them.
fn fulfilments(args: &Args) -> Result<Vec<Fulfilment>, String> {
    let off = |flag: &str| args.flags.iter().any(|f| f == flag);
    let offered: Vec<Fulfilment> = [
        (Fulfilment::Delivery, "--no-delivery"),
        (Fulfilment::Pickup, "--no-pickup"),
    ]
    .into_iter()
    .filter(|(_, flag)| !off(flag))
    .map(|(fulfilment, _)| fulfilment)
    .collect();
    if offered.is_empty() {
        return Err(
            "--no-delivery and --no-pickup together leave no way to receive an order".into(),
        );
    }
    Ok(offered)
}

/// What the receiver takes from the shop settings file, or from its flags and defaults
/// without one.
struct ShopRules {
    /// The shop's name, when the settings file gives one.
    name: Option<String>,
    currency: Currency,
    rounding: Rounding,
    max_quantity: u32,
    fulfilments: Vec<Fulfilment>,
    terms: Terms,
}

/// The shop's rules from `--settings` and the flags; a flag that the file also sets is
/// refused, so that each thing is said in one place.
fn shop_rules(args: &Args) -> Result<ShopRules, String> {
    let rounding_flag = |default: Rounding| {
        args.take("rounding").map_or(Ok(default), |name| {
            Rounding::parse(name).map_err(|e| format!("--rounding: {e}"))
        })
    };
    let Some(path) = args.take("settings") else {
        return Ok(ShopRules {
            name: None,
            currency: args.currency()?,
            rounding: rounding_flag(Rounding::default())?,
            max_quantity: args.number("max-quantity", DEFAULT_MAX_QUANTITY)?,
            fulfilments: fulfilments(args)?,
            terms: Terms::default(),
        });
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot be read: {e}"))?;
    let settings = settings::read(&text, args.currency()?).map_err(|e| format!("{path}: {e}"))?;
    let both = |flag: &str, what: &str| {
        format!("{flag}: the settings file sets {what}; give it in one place")
    };
    let given = |name: &str| args.take(name).is_some();
    if settings.basics.currency.is_some() && given("currency") {
        return Err(both("--currency", "currency"));
    }
    if settings.basics.rounding.is_some() && given("rounding") {
        return Err(both("--rounding", "rounding"));
    }
    if settings.basics.max_quantity.is_some() && given("max-quantity") {
        return Err(both("--max-quantity", "max_quantity"));
    }
    if settings.basics.name.is_some() && given("store-name") {
        return Err(both("--store-name", "name"));
    }
    let fulfilments = match settings.basics.fulfilments {
        Some(offered) => {
            for (flag, what) in [("--no-delivery", "delivery"), ("--no-pickup", "pickup")] {
                if args.flags.iter().any(|f| f == flag) {
                    return Err(both(flag, what));
                }
            }
            offered
        }
        None => fulfilments(args)?,
    };
    Ok(ShopRules {
        name: settings.basics.name,
        currency: settings
            .basics
            .currency
            .map_or_else(|| args.currency(), Ok)?,
        rounding: settings
            .basics
            .rounding
            .map_or_else(|| rounding_flag(Rounding::default()), Ok)?,
        max_quantity: match settings.basics.max_quantity {
            Some(max) => max,
            None => args.number("max-quantity", DEFAULT_MAX_QUANTITY)?,
        },
        fulfilments,
        terms: settings.terms,
    })
}

fn receive(args: &Args) -> Result<ExitCode, String> {
    let feed = args
        .take("catalog")
        .ok_or("--catalog: which feed are orders priced from?")?;
    let shop = shop_rules(args)?;
    let (catalog, report) = check::load(feed, shop.currency)?;
    if let Some(summary) = report {
        println!("{feed}: {summary}");
    }
    // The shop's own name for the inbox: never the one an order carries, which the
    // shopper's page chose.
    let store_name = match args.take("store-name") {
        Some(name) if order_store_name(name) != name.trim() || name.trim().is_empty() => {
            return Err(format!(
                "--store-name: \"{}\" is not a shop's name: give 1 to {STORE_NAME_MAX} \
                 characters on one line",
                visible(name)
            ))
        }
        flag => flag.map(|name| name.trim().to_owned()),
    };
    let shop_name = shop
        .name
        .or(store_name)
        .or_else(|| catalog.store_name.as_deref().map(order_store_name))
        .filter(|name| !name.is_empty());
    let allowed_origins = args.all("allow-origin");
    if let Some(bad) = allowed_origins
        .iter()
        .find(|o| o.ends_with('/') || !o.contains("://"))
    {
        return Err(format!(
            "--allow-origin: \"{bad}\" is not an origin like https://shop.example (no path, no trailing slash)"
        ));
    }
    let options = receive::ReceiveOptions {
        shop_name,
        catalog,
        db: args.take("db").unwrap_or("orders.sqlite").to_owned(),
        allowed_origins,
        address: args.take("listen").unwrap_or("127.0.0.1:8787").to_owned(),
        rules: IntakeRules {
            max_lines: args.number("max-lines", DEFAULT_MAX_LINES)?,
            max_quantity: shop.max_quantity,
            rounding: shop.rounding,
            fulfilments: shop.fulfilments,
            terms: shop.terms,
        },
        per_minute: args.number("per-minute", 60)?.max(1),
        shop_per_minute: args.number("shop-per-minute", 600)?.max(1),
        trusted_proxies: args
            .all("trusted-proxy")
            .iter()
            .map(|ip| {
                ip.parse()
                    .map_err(|_| format!("--trusted-proxy: \"{ip}\" is not an IP address"))
            })
            .collect::<Result<_, _>>()?,
        max_body_bytes: 64 * 1024,
        language: match args.take("language").unwrap_or("en") {
            tag @ ("en" | "hi" | "nl") => chatcart_core::words::for_locale(tag),
            other => {
                return Err(format!(
                    "--language: \"{other}\" is not one of en, hi or nl"
                ))
            }
        },
        limits: receive::ConnectionLimits {
            header_deadline: args.seconds("header-deadline", 10)?,
            body_deadline: args.seconds("body-deadline", 10)?,
            request_deadline: args.seconds("request-deadline", 30)?,
            max_connections: args.number("max-connections", 512)?.max(1),
            max_header_bytes: 16 * 1024,
            shutdown_grace: args.seconds("shutdown-grace", 30)?,
        },
    };
    receive::serve(options)?;
    Ok(ExitCode::SUCCESS)
}

fn list_orders(db: &str, as_json: bool) -> Result<ExitCode, String> {
    let database = store::Database::at(db);
    if let store::Database::Sqlite(path) = &database {
        if !std::path::Path::new(path).exists() {
            return Err(format!("{path}: no such database"));
        }
    }
    let orders = store::list_orders(&database).map_err(|e| format!("{database}: {e}"))?;
    if as_json {
        let list: Vec<serde_json::Value> = orders
            .iter()
            .map(|o| {
                let mut order =
                    serde_json::from_str::<serde_json::Value>(&o.order_json).unwrap_or_default();
                // The order as the WhatsApp Cloud API would have it: with its order_status.
                if let Some(fields) = order.as_object_mut() {
                    fields.insert("order_status".into(), o.status.cloud_api().into());
                }
                serde_json::json!({
                    "order_number": o.order_number,
                    "reference": o.reference,
                    "idempotency_key": o.idempotency_key,
                    "received_at": o.received_at,
                    "total": o.total,
                    "currency": o.currency,
                    "status": o.status,
                    "order_status": o.status.cloud_api(),
                    "updated_at": o.updated_at(),
                    "history": o.history,
                    "order": order,
                })
            })
            .collect();
        println!("{}", json_for_terminal(&serde_json::Value::Array(list)));
    } else if orders.is_empty() {
        println!("{database}: no orders yet");
    } else {
        // Orders stored by older receivers may hold any text: each is one line, its
        // control characters shown as escapes.
        for o in &orders {
            println!(
                "#{}  {}  {}  {} {}  {} line{}  {}  {}",
                o.order_number,
                o.reference,
                visible(&o.received_at),
                visible(&o.currency),
                visible(&o.total),
                o.lines,
                if o.lines == 1 { "" } else { "s" },
                o.status,
                visible(&o.customer_name)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `chatcart inbox-user`: the password from one line of standard input, hashed.
fn inbox_user(db: &str, name: &str) -> Result<ExitCode, String> {
    inbox::check_user_name(name).map_err(|e| format!("\"{}\": {e}", visible(name)))?;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("standard input: {e}"))?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    let hash = inbox::hash_password(password)
        .map_err(|e| format!("{e} (give it as one line on standard input)"))?;
    let database = store::Database::at(db);
    store::set_password(&database, name, &hash).map_err(|e| format!("{database}: {e}"))?;
    println!(
        "{}: the inbox password of {} is set; their sessions have ended and their failed \
         sign-ins are forgotten",
        database,
        visible(name)
    );
    Ok(ExitCode::SUCCESS)
}

/// `value` as JSON that is safe to print on a terminal: JSON escapes control characters
/// below U+0020 already; DEL, the C1 controls, line and paragraph separators and
/// bidirectional overrides (which can only be inside strings) are escaped too.
fn json_for_terminal(value: &serde_json::Value) -> String {
    let mut json = String::new();
    for c in value.to_string().chars() {
        if is_hidden(c) {
            json.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            json.push(c);
        }
    }
    json
}

fn verify(path: Option<&str>) -> Result<ExitCode, String> {
    let mut text = String::new();
    match path {
        Some(path) => {
            text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("standard input: {e}"))?;
        }
    }
    Ok(match verify_message(&text) {
        Verification::Intact => {
            println!("intact: the order text is as the shop wrote it");
            ExitCode::SUCCESS
        }
        Verification::Edited { carried, computed } => {
            println!(
                "edited: the message says Check: {carried}, but its text gives {computed}; \
                 compare the items and total with the shop's prices before accepting it"
            );
            ExitCode::from(1)
        }
        Verification::NoChecksum => {
            println!("no \"Check:\" line: this is not a chatcart order, or the line was removed");
            ExitCode::from(2)
        }
    })
}
