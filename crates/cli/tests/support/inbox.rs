//! The merchant's inbox over real HTTP, on each database (`each_inbox_scenario!`): the
//! password command, sign-in and sessions, CSRF and cross-origin refusals, attempt limits,
//! escaping, the steps and their history, and live events.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use chatcart_core::terms::unix_seconds;
use serde_json::Value;

use crate::receive::{order, start, Answer, Databases, Receiver};

/// Calls `$test!(scenario)` for each scenario below.
macro_rules! each_inbox_scenario {
    ($test:ident) => {
        $test!(the_password_command_stores_an_argon2id_hash_and_a_reset_ends_sessions);
        $test!(signing_in_gives_a_strict_cookie_and_every_page_strict_headers);
        $test!(a_step_needs_the_sessions_csrf_token_and_the_inboxs_own_origin);
        $test!(sign_in_attempts_lock_a_name_at_one_address_and_only_slow_it_elsewhere);
        $test!(wrong_passwords_sent_together_are_checked_no_more_often_than_allowed);
        $test!(steps_move_only_as_allowed_and_the_shopper_sees_them_with_who_and_why_kept);
        $test!(two_taps_at_once_move_an_order_once);
        $test!(a_phone_without_its_country_code_gets_the_message_to_send_not_a_link);
        $test!(messages_and_slips_name_the_shop_itself_never_the_name_an_order_carries);
        $test!(shopper_text_is_shown_as_text_on_every_page);
        $test!(new_orders_and_steps_are_told_live);
        $test!(orders_and_steps_committed_out_of_order_are_told_once);
        $test!(a_page_away_while_many_orders_came_is_told_every_one);
        $test!(the_inbox_has_a_budget_of_its_own_and_leaves_the_shoppers_alone);
        $test!(a_session_keeps_at_most_four_streams_and_the_oldest_makes_room);
        $test!(the_database_searches_the_list_and_gives_the_newest_200);
        $test!(a_pickup_order_reads_as_one_in_the_list_its_form_and_the_live_events);
    };
}

pub const PASSWORD: &str = "kirana rocks 2026";

/// `chatcart inbox-user --db DB NAME` with `password` on standard input.
pub fn set_password(db: &str, name: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["inbox-user", "--db", db, name])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may refuse before it reads (a bad name): then nobody reads this.
    let _ = writeln!(child.stdin.take().unwrap(), "{password}");
    child.wait_with_output().unwrap()
}

/// A receiver with the inbox user "asha".
fn shop(databases: &dyn Databases, name: &str, extra: &[&str]) -> Receiver {
    let receiver = start(databases, name, extra);
    let set = set_password(&receiver.db, "asha", PASSWORD);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    receiver
}

/// A shop behind a proxy on this machine: each request's address is the one its
/// X-Forwarded-For names, and the per-client limit leaves sign-ins to the inbox's own.
fn shop_behind_proxy(databases: &dyn Databases, name: &str) -> Receiver {
    shop(
        databases,
        name,
        &["--trusted-proxy", "127.0.0.1", "--per-minute", "1000"],
    )
}

/// A signed-in browser: its cookie and the CSRF token its pages carry.
pub struct Merchant<'a> {
    receiver: &'a Receiver,
    pub cookie: String,
    pub csrf: String,
}

impl Receiver {
    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A form POSTed as the inbox's own pages post it.
    pub fn post_form(&self, path: &str, extra: &[(&str, &str)], form: &str) -> Answer {
        let origin = self.origin();
        let mut headers = vec![
            ("Origin", origin.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        headers.extend_from_slice(extra);
        self.request_to("POST", path, &headers, form)
    }

    pub fn sign_in_as(&self, name: &str, password: &str, extra: &[(&str, &str)]) -> Answer {
        self.post_form(
            "/inbox/sign-in",
            extra,
            &format!(
                "name={}&password={}&next=%2Finbox",
                encode(name),
                encode(password)
            ),
        )
    }

    pub fn signed_in(&self, name: &str, password: &str) -> Merchant<'_> {
        let answer = self.sign_in_as(name, password, &[]);
        assert_eq!(answer.status, 303, "{}", answer.body);
        let cookie = answer
            .header("Set-Cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let mut merchant = Merchant {
            receiver: self,
            cookie,
            csrf: String::new(),
        };
        let page = merchant.get("/inbox");
        assert_eq!(page.status, 200, "{}", page.body);
        merchant.csrf = csrf_in(&page.body);
        merchant
    }
}

impl Merchant<'_> {
    pub fn get(&self, path: &str) -> Answer {
        self.receiver
            .request_to("GET", path, &[("Cookie", &self.cookie)], "")
    }

    /// Takes `step` on order `number`, seen as `seen`, with more form fields.
    pub fn step(&self, number: i64, seen: &str, step: &str, more: &str) -> Answer {
        self.receiver.post_form(
            &format!("/inbox/orders/{number}"),
            &[("Cookie", &self.cookie)],
            &format!("csrf={}&seen={seen}&step={step}{more}", self.csrf),
        )
    }
}

fn csrf_in(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no CSRF token in {page}"))
        .to_owned()
}

/// `bytes` in base64 without padding, as a PHC string writes salts and hashes.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            text.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    text
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The text of the wa.me link on a page, decoded, with the number it goes to.
fn whatsapp_link(page: &str) -> (String, String) {
    let link = page
        .split("href=\"https://wa.me/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no wa.me link in {page}"));
    let (number, text) = link.split_once("?text=").unwrap();
    let text = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap()
        .into_owned();
    (number.to_owned(), text)
}

/// Posts an order with the key `key`; answers its status secret.
fn place(receiver: &Receiver, key: &str) -> String {
    let answer = receiver.post(&order(key).to_json(), key);
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["status_secret"].as_str().unwrap().to_owned()
}

pub fn the_password_command_stores_an_argon2id_hash_and_a_reset_ends_sessions(
    databases: &dyn Databases,
) {
    let receiver = start(databases, "inbox-user", &[]);
    let short = set_password(&receiver.db, "asha", "kirana");
    assert_eq!(short.status.code(), Some(2));
    let said = String::from_utf8(short.stderr).unwrap();
    assert!(
        said.starts_with("the password has 6 characters; give at least 10"),
        "{said}"
    );
    let bad_name = set_password(&receiver.db, " asha", PASSWORD);
    assert_eq!(bad_name.status.code(), Some(2));

    let set = set_password(&receiver.db, "asha", PASSWORD);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    // The same password for a second user: a salted hash differs, and neither holds the
    // password in any form a PHC string could carry it (as is, or in its base64).
    assert!(set_password(&receiver.db, "ravi", PASSWORD)
        .status
        .success());
    let hashes = databases.texts(
        &receiver.db,
        "SELECT password_hash FROM inbox_users ORDER BY name",
    );
    assert_eq!(hashes.len(), 2);
    for hash in &hashes {
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        let fields: Vec<&str> = hash.split('$').collect();
        assert_eq!(fields.len(), 6, "{hash}");
        // A 16-byte salt and a 32-byte hash, in unpadded base64.
        assert_eq!((fields[4].len(), fields[5].len()), (22, 43), "{hash}");
        assert!(!hash.contains(PASSWORD), "{hash}");
        assert!(!hash.contains(&base64(PASSWORD.as_bytes())), "{hash}");
    }
    assert_ne!(hashes[0], hashes[1]);
    assert_eq!(
        (base64(b"Man"), base64(b"Ma"), base64(b"M")),
        ("TWFu".into(), "TWE".into(), "TQ".into())
    );

    let merchant = receiver.signed_in("asha", PASSWORD);
    // The session's token is kept only as its SHA-256.
    let kept = databases.texts(&receiver.db, "SELECT token_sha256 FROM inbox_sessions");
    let token = merchant.cookie.split_once('=').unwrap().1;
    assert_eq!(kept.len(), 1);
    assert_ne!(kept[0], token);
    assert_eq!(merchant.get("/inbox").status, 200);
    // A new password ends every session of the user.
    let reset = set_password(&receiver.db, "asha", "another long one");
    assert!(reset.status.success());
    assert_eq!(merchant.get("/inbox").status, 303);
    assert_eq!(receiver.sign_in_as("asha", PASSWORD, &[]).status, 401);
    receiver.signed_in("asha", "another long one");
}

/// The headers every inbox page carries: nothing runs but the inbox's own script, nothing
/// frames it, no address leaves it, nothing keeps it.
fn strict(page: &Answer, what: &str) {
    assert_eq!(
        page.header("Content-Security-Policy"),
        Some(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
        "{what}"
    );
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"), "{what}");
    assert_eq!(
        page.header("Referrer-Policy"),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(
        page.header("X-Content-Type-Options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(page.header("Cache-Control"), Some("no-store"), "{what}");
    assert_eq!(page.header("Access-Control-Allow-Origin"), None, "{what}");
}

pub fn signing_in_gives_a_strict_cookie_and_every_page_strict_headers(databases: &dyn Databases) {
    let receiver = shop_behind_proxy(databases, "sign-in");
    place(&receiver, "key-1");
    let away = receiver.request_to("GET", "/inbox/orders/1", &[], "");
    assert_eq!(away.status, 303);
    assert_eq!(
        away.header("Location"),
        Some("/inbox/sign-in?next=%2Finbox%2Forders%2F1")
    );
    let form = receiver.request_to("GET", "/inbox/sign-in?next=%2Finbox%2Forders%2F1", &[], "");
    assert_eq!(form.status, 200);
    assert!(form
        .body
        .contains("<label for=\"cc-password\">Password</label>"));
    assert!(form
        .body
        .contains("name=\"next\" value=\"/inbox/orders/1\""));
    strict(&away, "the redirect");
    strict(&form, "the sign-in form");
    only_the_inbox_script(&form.body);
    let script = receiver.request_to("GET", "/inbox/inbox.js", &[], "");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );

    for (name, password) in [("asha", "not the password"), ("nobody", PASSWORD)] {
        let refused = receiver.sign_in_as(name, password, &[]);
        assert_eq!(refused.status, 401, "{name}");
        assert!(refused
            .body
            .contains("The name or the password is wrong. Check them and try again."));
        assert_eq!(refused.header("Set-Cookie"), None);
    }
    let answer = receiver.post_form(
        "/inbox/sign-in",
        &[],
        &format!(
            "name=asha&password={}&next=%2Finbox%2Forders%2F1",
            encode(PASSWORD)
        ),
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("Location"), Some("/inbox/orders/1"));
    let cookie = answer.header("Set-Cookie").unwrap();
    let (token, attributes) = cookie.split_once("; ").unwrap();
    let token = token.strip_prefix("chatcart_inbox=").unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(
        attributes,
        "HttpOnly; Secure; SameSite=Strict; Path=/inbox; Max-Age=604800"
    );
    // Only a page of the inbox is a place to go after signing in.
    let elsewhere = receiver.post_form(
        "/inbox/sign-in",
        &[],
        &format!(
            "name=asha&password={}&next=https%3A%2F%2Fevil.example%2F",
            encode(PASSWORD)
        ),
    );
    assert_eq!(elsewhere.header("Location"), Some("/inbox"));

    let merchant = receiver.signed_in("asha", PASSWORD);
    // Signing in again in the same browser ends the session it held.
    let earlier = receiver.signed_in("asha", PASSWORD);
    let again = receiver.sign_in_as("asha", PASSWORD, &[("Cookie", &earlier.cookie)]);
    assert_eq!(again.status, 303);
    assert_eq!(
        earlier.get("/inbox").status,
        303,
        "the earlier session ended"
    );
    let list = merchant.get("/inbox");
    assert!(list.body.contains("CC-7K3P9Q"), "{}", list.body);
    for (what, page, status) in [
        ("the list", list, 200),
        ("an order", merchant.get("/inbox/orders/1"), 200),
        ("a packing slip", merchant.get("/inbox/orders/1/slip"), 200),
        ("no such page", merchant.get("/inbox/orders/99"), 404),
    ] {
        assert_eq!(page.status, status, "{what}");
        strict(&page, what);
        only_the_inbox_script(&page.body);
    }
    let from = [("X-Forwarded-For", "198.51.100.9")];
    for _ in 0..5 {
        receiver.sign_in_as("ravi", "wrong guess!", &from);
    }
    let too_many = receiver.sign_in_as("ravi", "wrong guess!", &from);
    assert_eq!(too_many.status, 429);
    strict(&too_many, "too many sign-ins");
    // Signing out needs the session's token, and ends the session.
    let forged = receiver.post_form("/inbox/sign-out", &[("Cookie", &merchant.cookie)], "");
    assert_eq!(forged.status, 403);
    assert_eq!(merchant.get("/inbox").status, 200);
    let out = receiver.post_form(
        "/inbox/sign-out",
        &[("Cookie", &merchant.cookie)],
        &format!("csrf={}", merchant.csrf),
    );
    assert_eq!(out.status, 303);
    assert!(out.header("Set-Cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(merchant.get("/inbox").status, 303);
}

pub fn a_step_needs_the_sessions_csrf_token_and_the_inboxs_own_origin(databases: &dyn Databases) {
    let receiver = shop(databases, "csrf", &[]);
    place(&receiver, "key-1");
    let merchant = receiver.signed_in("asha", PASSWORD);
    let cookie = ("Cookie", merchant.cookie.as_str());
    let accept = "seen=received&step=accepted";

    let without_token = receiver.post_form("/inbox/orders/1", &[cookie], accept);
    assert_eq!(without_token.status, 403);
    assert!(without_token
        .body
        .contains("This form is out of date or did not come from the inbox"));
    let other_sessions_token = receiver.post_form(
        "/inbox/orders/1",
        &[cookie],
        &format!("csrf={}&{accept}", "0".repeat(64)),
    );
    assert_eq!(other_sessions_token.status, 403);
    let form = format!("csrf={}&{accept}", merchant.csrf);
    for (name, value) in [
        ("Origin", "https://evil.example"),
        ("Origin", "null"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
    ] {
        let mut headers = vec![
            cookie,
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        let own = receiver.origin();
        if name == "Origin" {
            headers.push((name, value));
        } else {
            headers.push(("Origin", own.as_str()));
            headers.push((name, value));
        }
        let refused = receiver.request_to("POST", "/inbox/orders/1", &headers, &form);
        assert_eq!(refused.status, 403, "{name}: {value}");
        assert!(
            refused.body.contains("not from the inbox itself"),
            "{}",
            refused.body
        );
    }
    // Signed out, a step is refused and says what to do.
    let signed_out = receiver.post_form("/inbox/orders/1", &[], &form);
    assert_eq!(signed_out.status, 403);
    assert!(signed_out
        .body
        .contains("Sign in again and repeat the step"));
    assert_eq!(receiver.orders()[0]["status"], "received");

    let taken = receiver.post_form(
        "/inbox/orders/1",
        &[cookie, ("Sec-Fetch-Site", "same-origin")],
        &form,
    );
    assert_eq!(taken.status, 303, "{}", taken.body);
    assert_eq!(
        taken.header("Location"),
        Some("/inbox/orders/1?done=accepted")
    );
    assert_eq!(receiver.orders()[0]["status"], "accepted");
}

pub fn sign_in_attempts_lock_a_name_at_one_address_and_only_slow_it_elsewhere(
    databases: &dyn Databases,
) {
    let receiver = shop_behind_proxy(databases, "attempts");
    set_password(&receiver.db, "ravi", PASSWORD);
    let sign_in = |name: &str, password: &str, address: &str| {
        receiver.sign_in_as(name, password, &[("X-Forwarded-For", address)])
    };
    for attempt in 0..5 {
        let refused = sign_in("asha", "wrong guess!", "198.51.100.1");
        assert_eq!(refused.status, 401, "attempt {attempt}");
    }
    // The right password too, now: the name is locked at that address for a while.
    let locked = sign_in("asha", PASSWORD, "198.51.100.1");
    assert_eq!(locked.status, 429, "{}", locked.body);
    let wait: i64 = locked.header("Retry-After").unwrap().parse().unwrap();
    assert!((850..=900).contains(&wait), "{wait}");
    assert!(locked.body.contains(
        "Too many failed sign-ins for this name from this address. Try again in 15 minutes"
    ));
    // A stranger's failures do not lock the merchant out: the name signs in elsewhere, and
    // another name at that address.
    assert_eq!(sign_in("asha", PASSWORD, "198.51.100.2").status, 303);
    assert_eq!(sign_in("ravi", PASSWORD, "198.51.100.1").status, 303);
    // Setting the password again lets the name in at once.
    assert!(set_password(&receiver.db, "asha", PASSWORD)
        .status
        .success());
    assert_eq!(sign_in("asha", PASSWORD, "198.51.100.1").status, 303);

    // A success forgets the name's failures from its address.
    for _ in 0..4 {
        sign_in("ravi", "wrong guess!", "198.51.100.4");
    }
    assert_eq!(sign_in("ravi", PASSWORD, "198.51.100.4").status, 303);
    for _ in 0..4 {
        assert_eq!(sign_in("ravi", "wrong guess!", "198.51.100.4").status, 401);
    }

    // From many addresses, a name is only slowed: 50 failures in 15 minutes, from anywhere.
    for i in 0..50 {
        let status = sign_in("asha", "wrong guess!", &format!("203.0.113.{i}")).status;
        assert_eq!(status, 401, "attempt {i}");
    }
    let slowed = sign_in("asha", PASSWORD, "203.0.113.200");
    assert_eq!(slowed.status, 429, "{}", slowed.body);
    assert!(slowed.body.contains(
        "Too many failed sign-ins for this name from many addresses. Try again in 15 minutes, \
         or reset the password with chatcart inbox-user, which lets the name sign in again at once."
    ));
    assert_eq!(sign_in("ravi", PASSWORD, "203.0.113.200").status, 303);
    assert!(set_password(&receiver.db, "asha", PASSWORD)
        .status
        .success());
    assert_eq!(sign_in("asha", PASSWORD, "203.0.113.200").status, 303);

    // One address trying many names is slowed too.
    for i in 0..50 {
        let status = sign_in(&format!("guess{i}"), "wrong guess!", "192.0.2.9").status;
        assert_eq!(status, 401, "attempt {i}");
    }
    let sprayed = sign_in("ravi", PASSWORD, "192.0.2.9");
    assert_eq!(sprayed.status, 429);
    assert!(sprayed
        .body
        .contains("Too many failed sign-ins from this address. Try again in 15 minutes."));
}

/// Sign-ins sent all at once from one address: each is counted before its password is
/// checked, so no more are checked than the limit allows, and a check beyond the cores
/// running at once is told to come back.
pub fn wrong_passwords_sent_together_are_checked_no_more_often_than_allowed(
    databases: &dyn Databases,
) {
    let receiver = shop_behind_proxy(databases, "attempts-together");
    set_password(&receiver.db, "ravi", PASSWORD);
    let from = [("X-Forwarded-For", "198.51.100.7")];
    const AT_ONCE: usize = 60;
    let together = Barrier::new(AT_ONCE);
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let sent: Vec<_> = (0..AT_ONCE)
            .map(|i| {
                let (together, receiver, from) = (&together, &receiver, &from);
                scope.spawn(move || {
                    together.wait();
                    receiver.sign_in_as("asha", &format!("wrong guess {i}"), from)
                })
            })
            .collect();
        sent.into_iter().map(|s| s.join().unwrap()).collect()
    });
    let mut checked = 0;
    for answer in &answers {
        match answer.status {
            401 => checked += 1,
            429 => {}
            503 => assert_eq!(answer.header("Retry-After"), Some("2")),
            other => panic!("{other}: {}", answer.body),
        }
    }
    assert!(
        checked <= 5,
        "{checked} of {AT_ONCE} passwords were checked"
    );
    // One after another, the rest of the five are checked, and then none.
    for _ in 0..6 {
        match receiver.sign_in_as("asha", "wrong guess!", &from).status {
            401 => checked += 1,
            429 => break,
            other => panic!("{other}"),
        }
    }
    assert_eq!(checked, 5);
    assert_eq!(receiver.sign_in_as("asha", PASSWORD, &from).status, 429);

    // No user has a name over 64 characters or a password over 1024: refused before they
    // are looked up or checked, and not counted.
    let elsewhere = [("X-Forwarded-For", "198.51.100.8")];
    for _ in 0..6 {
        let long_name = receiver.sign_in_as(&"a".repeat(65), PASSWORD, &elsewhere);
        assert_eq!(long_name.status, 422, "{}", long_name.body);
        assert!(long_name
            .body
            .contains("No name is longer than 64 characters and no password longer than 1024"));
        let long_password = receiver.sign_in_as("ravi", &"p".repeat(1025), &elsewhere);
        assert_eq!(long_password.status, 422);
    }
    assert_eq!(
        receiver.sign_in_as("ravi", PASSWORD, &elsewhere).status,
        303
    );
}

pub fn steps_move_only_as_allowed_and_the_shopper_sees_them_with_who_and_why_kept(
    databases: &dyn Databases,
) {
    let receiver = shop(databases, "steps", &[]);
    let first = place(&receiver, "key-1");
    let second = place(&receiver, "key-2");
    let merchant = receiver.signed_in("asha", PASSWORD);
    let page = merchant.get("/inbox/orders/1");
    for button in [">Accept</button>", ">Reject</button>"] {
        assert!(page.body.contains(button), "{button}");
    }
    assert!(!page.body.contains(">Mark packed</button>"));

    let accepted = merchant.step(1, "received", "accepted", "&minutes=30");
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let done = merchant.get("/inbox/orders/1?done=accepted");
    assert!(
        done.body.contains("Order CC-7K3P9Q is now accepted."),
        "{}",
        done.body
    );
    let (number, text) = whatsapp_link(&done.body);
    assert_eq!(number, "919876543210");
    assert_eq!(
        text,
        "Sharma General Store: order CC-7K3P9Q — Accepted. Expected in about 30 minutes."
    );
    assert!(done.body.contains(">Tell the customer on WhatsApp</a>"));
    assert!(done.body.contains(">Mark packed</button>"));

    let status = receiver.order_status("CC-7K3P9Q", &first).json();
    assert_eq!(
        (
            &status["status"],
            &status["order_status"],
            &status["ready_in_minutes"]
        ),
        (&"accepted".into(), &"processing".into(), &30.into())
    );
    assert_eq!(status["history"].as_array().unwrap().len(), 2);
    assert!(status["history"][1].get("by").is_none(), "{status}");
    // The time itself too, 30 minutes after the step, for a device reading it later.
    let accepted_at = unix_seconds(status["history"][1]["at"].as_str().unwrap()).unwrap();
    let ready_by = unix_seconds(status["ready_by"].as_str().unwrap()).unwrap();
    assert_eq!(ready_by - accepted_at, 30 * 60, "{status}");

    // No skipping ahead, no going back; a stale screen is told what happened.
    let skipped = merchant.step(1, "accepted", "delivered", "");
    assert_eq!(skipped.status, 422);
    assert!(skipped
        .body
        .contains("An order that is accepted cannot become delivered."));
    let stale = merchant.step(1, "received", "rejected", "&reason=Closed+today");
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains(
        "This order is now accepted: someone else took a step first, so nothing was changed."
    ));
    let too_long = merchant.step(2, "received", "accepted", "&minutes=20000");
    assert_eq!(too_long.status, 422);
    assert!(too_long
        .body
        .contains("The time to delivery is more than a week"));
    // What was typed is put back, to be corrected rather than typed again.
    assert!(
        too_long.body.contains(
            "name=\"minutes\" type=\"number\" inputmode=\"numeric\" \
             min=\"1\" max=\"10080\" value=\"20000\" aria-invalid=\"true\""
        ),
        "{}",
        too_long.body
    );
    let long_reason = format!("\"><b>{}", "Out of stock ".repeat(20));
    let rambling = merchant.step(
        2,
        "received",
        "rejected",
        &format!("&reason={}", encode(&long_reason)),
    );
    assert_eq!(rambling.status, 422, "{}", rambling.body);
    assert!(
        rambling.body.contains(&format!(
            "value=\"&quot;&gt;&lt;b&gt;{}\"",
            "Out of stock ".repeat(20)
        )),
        "{}",
        rambling.body
    );

    // A rejection says why.
    let unexplained = merchant.step(2, "received", "rejected", "&reason=++");
    assert_eq!(unexplained.status, 422);
    assert!(
        unexplained.body.contains("Say why, so the shopper knows"),
        "{}",
        unexplained.body
    );
    assert!(unexplained.body.contains("aria-invalid=\"true\""));
    let rejected = merchant.step(2, "received", "rejected", "&reason=Out+of+toor+dal+today");
    assert_eq!(rejected.status, 303);
    let (_, text) = whatsapp_link(&merchant.get("/inbox/orders/2?done=rejected").body);
    assert_eq!(
        text,
        "Sharma General Store: order CC-7K3P9Q — Rejected. Reason: Out of toor dal today"
    );
    let status = receiver.order_status("CC-7K3P9Q", &second).json();
    assert_eq!(
        (
            &status["status"],
            &status["order_status"],
            &status["reason"]
        ),
        (
            &"rejected".into(),
            &"canceled".into(),
            &"Out of toor dal today".into()
        )
    );
    assert!(
        !merchant
            .get("/inbox/orders/2")
            .body
            .contains("class=\"cc-steps\""),
        "a rejected order has no next step"
    );

    for (seen, step) in [
        ("accepted", "packed"),
        ("packed", "out_for_delivery"),
        ("out_for_delivery", "delivered"),
    ] {
        assert_eq!(merchant.step(1, seen, step, "").status, 303, "{step}");
    }
    let after_the_end = merchant.step(1, "delivered", "cancelled", "&reason=Changed+mind");
    assert_eq!(after_the_end.status, 422);
    let status = receiver.order_status("CC-7K3P9Q", &first).json();
    assert_eq!(status["order_status"], "completed");
    assert_eq!(status["ready_in_minutes"], 30);
    let shown: Vec<&str> = status["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        shown,
        [
            "received",
            "accepted",
            "packed",
            "out_for_delivery",
            "delivered"
        ]
    );

    // The merchant's list keeps who took each step, and why.
    let orders = receiver.orders();
    assert_eq!(orders[0]["status"], "delivered");
    assert_eq!(orders[0]["order"]["order_status"], "completed");
    let history = &orders[0]["history"];
    assert_eq!(history[1]["by"], "asha");
    assert_eq!(history[1]["ready_in_minutes"], 30);
    assert_eq!(orders[1]["history"][1]["reason"], "Out of toor dal today");
    assert_eq!(orders[1]["history"][1]["by"], "asha");
    let listed = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(["orders", "--db", &receiver.db])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let lines: Vec<&str> = listed.lines().collect();
    assert!(
        lines[0].contains("  2 lines  delivered  Priya Sharma"),
        "{listed}"
    );
    assert!(
        lines[1].contains("  2 lines  rejected  Priya Sharma"),
        "{listed}"
    );
}

/// A landline written without +91: the page gives the message to send, and no wa.me link
/// to whoever has those digits in some other country.
pub fn a_phone_without_its_country_code_gets_the_message_to_send_not_a_link(
    databases: &dyn Databases,
) {
    let receiver = shop(databases, "no-country-code", &[]);
    let mut json: Value = serde_json::from_str(&order("key-landline").to_json()).unwrap();
    json["customer"]["phone"] = "2226591234".into();
    let answer = receiver.post(&json.to_string(), "key-landline");
    assert_eq!(answer.status, 201, "{}", answer.body);
    let merchant = receiver.signed_in("asha", PASSWORD);
    assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
    let done = merchant.get("/inbox/orders/1?done=accepted").body;
    assert!(!done.contains("wa.me"), "{done}");
    assert!(done.contains(
        "The phone number 2226591234 is written without its country code, so it is not opened \
         in WhatsApp from here"
    ));
    assert!(done.contains("data-testid=\"customer-message\">"), "{done}");
    assert!(!merchant.get("/inbox/orders/1").body.contains("wa.me"));
}

/// An order whose page named the shop "KYC expired, call +91…": the message the merchant
/// sends and the packing slip name the shop by its own name, from its settings file, its
/// --store-name or its catalog.
pub fn messages_and_slips_name_the_shop_itself_never_the_name_an_order_carries(
    databases: &dyn Databases,
) {
    const FORGED: &str = "KYC expired, call +91 90000 12345";
    let dir = std::env::temp_dir().join(format!("chatcart-inbox-{}-names", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let settings = dir.join("shop.json");
    std::fs::write(
        &settings,
        r#"{"schema": "chatcart-shop/1", "name": "Asha Stores", "currency": "INR"}"#,
    )
    .unwrap();
    let settings = settings.to_str().unwrap();
    for (name, extra, shop_name) in [
        ("catalog-name", &[][..], "Sharma General Store"),
        (
            "flag-name",
            &["--store-name", "Ravi Traders"][..],
            "Ravi Traders",
        ),
        (
            "settings-name",
            &["--settings", settings][..],
            "Asha Stores",
        ),
    ] {
        let receiver = shop(databases, name, extra);
        let mut json: Value = serde_json::from_str(&order("key-forged").to_json()).unwrap();
        json["store_name"] = FORGED.into();
        let answer = receiver.post(&json.to_string(), "key-forged");
        assert_eq!(answer.status, 201, "{}", answer.body);
        let merchant = receiver.signed_in("asha", PASSWORD);
        assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
        let done = merchant.get("/inbox/orders/1?done=accepted").body;
        let (_, text) = whatsapp_link(&done);
        assert_eq!(
            text,
            format!("{shop_name}: order CC-7K3P9Q — Accepted."),
            "{name}"
        );
        let slip = merchant.get("/inbox/orders/1/slip").body;
        assert!(
            slip.contains(&format!("<h1>{shop_name}: packing slip</h1>")),
            "{name}: {slip}"
        );
        for page in [&done, &slip] {
            assert!(!page.contains("KYC"), "{name}: {page}");
        }
    }
}

pub fn two_taps_at_once_move_an_order_once(databases: &dyn Databases) {
    let receiver = shop(databases, "race", &[]);
    place(&receiver, "key-1");
    let phones = [
        receiver.signed_in("asha", PASSWORD),
        receiver.signed_in("asha", PASSWORD),
    ];
    for round in 0..5 {
        let seen = [
            "received",
            "accepted",
            "packed",
            "out_for_delivery",
            "delivered",
        ][round];
        let step = ["accepted", "packed", "out_for_delivery", "delivered", ""][round];
        if step.is_empty() {
            break;
        }
        let together = Barrier::new(2);
        let statuses: Vec<u16> = std::thread::scope(|scope| {
            let taps: Vec<_> = phones
                .iter()
                .map(|phone| {
                    let together = &together;
                    scope.spawn(move || {
                        together.wait();
                        phone.step(1, seen, step, "").status
                    })
                })
                .collect();
            taps.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let mut sorted = statuses.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [303, 409], "round {round}: {statuses:?}");
    }
    let history = &receiver.orders()[0]["history"];
    assert_eq!(history.as_array().unwrap().len(), 5, "{history}");
}

pub fn shopper_text_is_shown_as_text_on_every_page(databases: &dyn Databases) {
    let receiver = shop(databases, "escaping", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let mut events = Events::open(&receiver, &merchant.cookie, "0.0");
    let hostile = "<img src=x onerror=alert(1)>";
    let mut json: Value = serde_json::from_str(&order("key-x").to_json()).unwrap();
    json["customer"]["name"] = hostile.into();
    json["customer"]["notes"] = "\"><script>alert(2)</script>\nring twice".into();
    json["address"]["house"] = "Flat 4B' onmouseover='alert(3)".into();
    json["store_name"] = "<b>Forged Kirana</b>".into();
    json["delivery_slot"] = "5–8 pm<script>alert(5)</script>".into();
    json["address"]["city"] = "Mumbai<svg onload=alert(6)>".into();
    json["address"]["region"] = "Maharashtra\"><i>".into();
    let answer = receiver.post(&json.to_string(), "key-x");
    assert_eq!(answer.status, 201, "{}", answer.body);
    // The live event carries the name as JSON text, on one data line.
    let told = events.next("order", Duration::from_secs(10));
    assert_eq!(told["name"], hostile);
    assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
    for path in [
        "/inbox",
        "/inbox/orders/1",
        "/inbox/orders/1?done=accepted",
        "/inbox/orders/1/slip",
        "/inbox?q=%3Cimg",
    ] {
        let page = merchant.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{path}: {}",
            page.body
        );
        for raw in [
            "<img",
            "<script>alert",
            "' onmouseover='",
            "<svg",
            "\"><i>",
            "<b>",
            "Forged Kirana",
        ] {
            assert!(!page.body.contains(raw), "{path}: {raw}");
        }
        only_the_inbox_script(&page.body);
    }
    let order = merchant.get("/inbox/orders/1").body;
    assert!(order.contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\nring twice"));
    assert!(order.contains("Flat 4B&#39; onmouseover=&#39;alert(3)"));
    assert!(order.contains("5–8 pm&lt;script&gt;alert(5)&lt;/script&gt;"));
    assert!(order.contains("Mumbai&lt;svg onload=alert(6)&gt;"));
    assert!(order.contains("Maharashtra&quot;&gt;&lt;i&gt;"));
    let slip = merchant.get("/inbox/orders/1/slip").body;
    assert!(slip.contains("5–8 pm&lt;script&gt;alert(5)&lt;/script&gt;"));
    assert!(slip.contains("Mumbai&lt;svg onload=alert(6)&gt;"));
    // The search box shows the search as typed, as text.
    let searched = merchant.get("/inbox?q=%22%3E%3Cb%3E");
    assert!(searched.body.contains("value=\"&quot;&gt;&lt;b&gt;\""));
}

/// Every script a page names is the inbox's own file, with nothing inside the tag: no
/// inline script (which the Content-Security-Policy would refuse anyway).
fn only_the_inbox_script(page: &str) {
    let tags: Vec<&str> = page.split("<script").skip(1).collect();
    assert_eq!(tags.len(), 1, "one script: {page}");
    for tag in tags {
        let (attributes, after) = tag.split_once('>').unwrap();
        let version = attributes
            .strip_prefix(" src=\"/inbox/inbox.js?v=")
            .and_then(|rest| rest.strip_suffix("\" defer"))
            .unwrap_or_else(|| panic!("not the inbox's script: <script{attributes}>"));
        assert!(
            version.len() == 8 && version.bytes().all(|b| b.is_ascii_hexdigit()),
            "{version}"
        );
        assert!(
            after.starts_with("</script>"),
            "a script with a body: {page}"
        );
    }
}

/// The events of `/inbox/events` for `merchant`, read as they come.
pub struct Events {
    lines: BufReader<TcpStream>,
    /// The id of the last event read.
    pub id: String,
}

impl Events {
    pub fn open(receiver: &Receiver, cookie: &str, since: &str) -> Events {
        let mut stream = TcpStream::connect(&receiver.address).unwrap();
        write!(
            stream,
            "GET /inbox/events?since={since} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\r\n",
            receiver.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut lines = BufReader::new(stream);
        let mut status = String::new();
        lines.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        Events {
            lines,
            id: String::new(),
        }
    }

    /// The data of the next event of `kind`, within `within`.
    pub fn next(&mut self, kind: &str, within: Duration) -> Value {
        let start = Instant::now();
        let mut current = String::new();
        loop {
            assert!(
                start.elapsed() < within,
                "no {kind} event within {within:?}"
            );
            let mut line = String::new();
            self.lines.read_line(&mut line).unwrap();
            // Chunked encoding puts sizes between the events' lines; they never start so.
            if let Some(id) = line.strip_prefix("id: ") {
                self.id = id.trim().to_owned();
            } else if let Some(event) = line.strip_prefix("event: ") {
                current = event.trim().to_owned();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if current == kind {
                    return serde_json::from_str(data.trim()).unwrap();
                }
            }
        }
    }

    /// Whether the receiver ends the stream within `within`: its last chunk comes (an
    /// event's lines never read "0").
    pub fn ended(&mut self, within: Duration) -> bool {
        let start = Instant::now();
        let mut line = String::new();
        while start.elapsed() < within {
            line.clear();
            match self.lines.read_line(&mut line) {
                Ok(0) => return true,
                Ok(_) if line == "0\r\n" => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    }

    /// The kinds of the events that come within `within`: none, on a quiet stream.
    pub fn within(&mut self, within: Duration) -> Vec<String> {
        let start = Instant::now();
        let mut kinds = Vec::new();
        while let Some(left) = within.checked_sub(start.elapsed()) {
            let stream = self.lines.get_ref();
            stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.lines.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if let Some(kind) = line.strip_prefix("event: ") {
                        kinds.push(kind.trim().to_owned());
                    }
                }
            }
        }
        self.lines
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        kinds
    }
}

pub fn new_orders_and_steps_are_told_live(databases: &dyn Databases) {
    let receiver = shop(databases, "events", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let refused = receiver.request_to("GET", "/inbox/events", &[], "");
    assert_eq!(refused.status, 303);
    let mut events = Events::open(&receiver, &merchant.cookie, "0.0");
    let placed = Instant::now();
    place(&receiver, "key-live");
    let order = events.next("order", Duration::from_secs(10));
    assert_eq!(order["reference"], "CC-7K3P9Q");
    assert_eq!(order["name"], "Priya Sharma");
    assert_eq!(order["order_number"], 1);
    let waited = placed.elapsed();
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
    let step = events.next("step", Duration::from_secs(10));
    assert_eq!(step["status"], "accepted");
    assert_eq!(step["status_name"], "Accepted");
    assert_eq!(step["by"], "asha");
    // A page drawn after the order opens its stream at its own marks, and misses nothing
    // that came after them.
    let mut later = Events::open(&receiver, &merchant.cookie, "1.1");
    place(&receiver, "key-later");
    assert_eq!(
        later.next("order", Duration::from_secs(10))["order_number"],
        2
    );
}

/// PostgreSQL draws numbers before commits, so order 3 may be committed, and seen, before
/// order 2: the later commit is told all the same, and once. The rows are written here
/// directly, in that order.
pub fn orders_and_steps_committed_out_of_order_are_told_once(databases: &dyn Databases) {
    let receiver = shop(databases, "late-commits", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let mut events = Events::open(&receiver, &merchant.cookie, "0.0");
    place(&receiver, "key-1");
    assert_eq!(
        events.next("order", Duration::from_secs(10))["order_number"],
        1
    );
    assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
    assert_eq!(
        events.next("step", Duration::from_secs(10))["status"],
        "accepted"
    );
    let commit_order = |number: i64| {
        let row = Row {
            number,
            key: format!("late-{number}"),
            reference: "CC-7K3P9Q",
            name: format!("Late {number}"),
            phone: "+91 98765 43210",
        };
        insert_rows(databases, &receiver.db, &[row]);
    };
    let commit_step = |id: i64, status: &str| {
        databases.execute(
            &receiver.db,
            &format!(
                "INSERT INTO order_status_history (id, order_number, status, at, by_user)
                 VALUES ({id}, 1, '{status}', '2026-11-21T09:00:00Z', 'ravi')"
            ),
            &[],
        )
    };
    commit_order(3);
    commit_step(3, "out_for_delivery");
    assert_eq!(
        events.next("order", Duration::from_secs(10))["order_number"],
        3
    );
    assert_eq!(
        events.next("step", Duration::from_secs(10))["status"],
        "out_for_delivery"
    );
    assert_eq!(events.id, "3.3");
    // Numbers 2 commit after 3 was told.
    commit_order(2);
    commit_step(2, "packed");
    assert_eq!(
        events.next("order", Duration::from_secs(10))["order_number"],
        2
    );
    assert_eq!(
        events.next("step", Duration::from_secs(10))["status"],
        "packed"
    );
    assert_eq!(
        events.id, "3.3",
        "a late event leaves the marks where they were"
    );
    // Told once: several polls later, nothing more.
    assert_eq!(events.within(Duration::from_secs(5)), Vec::<String>::new());
}

/// A page that opens its stream 150 orders behind is told all 150, not the first 100.
pub fn a_page_away_while_many_orders_came_is_told_every_one(databases: &dyn Databases) {
    let receiver = shop(databases, "many-behind", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    // A page open all along hears every order from the watch; once it has heard the last,
    // the watch is past them all.
    let mut open_all_along = Events::open(&receiver, &merchant.cookie, "0.0");
    let rows: Vec<Row> = (1..=150)
        .map(|number| Row {
            number,
            key: format!("many-{number}"),
            reference: "CC-7K3P9Q",
            name: format!("Shopper {number}"),
            phone: "+91 98765 43210",
        })
        .collect();
    insert_rows(databases, &receiver.db, &rows);
    for n in 1..=150 {
        let order = open_all_along.next("order", Duration::from_secs(10));
        assert_eq!(order["order_number"], n);
    }
    let mut events = Events::open(&receiver, &merchant.cookie, "0.0");
    for n in 1..=150 {
        let order = events.next("order", Duration::from_secs(10));
        assert_eq!(order["order_number"], n);
    }
    assert_eq!(events.id, "150.0");
}

/// The merchant's phone asks the inbox often (pages, redraws, streams): that never uses up
/// the shoppers' budgets, per client or for the whole shop.
pub fn the_inbox_has_a_budget_of_its_own_and_leaves_the_shoppers_alone(databases: &dyn Databases) {
    let receiver = shop(
        databases,
        "inbox-budget",
        &["--per-minute", "3", "--shop-per-minute", "3"],
    );
    let merchant = receiver.signed_in("asha", PASSWORD);
    for i in 0..30 {
        assert_eq!(merchant.get("/inbox").status, 200, "request {i}");
    }
    place(&receiver, "key-after-the-inbox");
}

/// One session's streams hold connections: a fifth closes the oldest, saying why, and
/// another session's streams are its own.
pub fn a_session_keeps_at_most_four_streams_and_the_oldest_makes_room(databases: &dyn Databases) {
    let receiver = shop(databases, "streams", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let other = receiver.signed_in("asha", PASSWORD);
    let mut others = Events::open(&receiver, &other.cookie, "0.0");
    let mut streams: Vec<Events> = (0..4)
        .map(|_| Events::open(&receiver, &merchant.cookie, "0.0"))
        .collect();
    streams.push(Events::open(&receiver, &merchant.cookie, "0.0"));
    let oldest = &mut streams[0];
    assert_eq!(
        oldest.next("replaced", Duration::from_secs(10)),
        serde_json::json!({})
    );
    assert!(
        oldest.ended(Duration::from_secs(10)),
        "the oldest stream is closed"
    );
    place(&receiver, "key-1");
    for events in streams.iter_mut().skip(1).chain([&mut others]) {
        assert_eq!(
            events.next("order", Duration::from_secs(10))["order_number"],
            1
        );
    }
}

/// The list's search and its cut to the newest 200 are the database's: 205 orders, one of
/// them Priya's.
pub fn the_database_searches_the_list_and_gives_the_newest_200(databases: &dyn Databases) {
    let receiver = shop(databases, "list-search", &[]);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let rows: Vec<Row> = (1..=205)
        .map(|number| {
            let (reference, name, phone) = if number == 100 {
                ("CC-7K3P9Q", "Priya Sharma", "+91 98765 43210")
            } else {
                ("CC-AAAA11", "Shopper", "+91 90000 00000")
            };
            Row {
                number,
                key: format!("list-{number}"),
                reference,
                name: format!("{name} {number}"),
                phone,
            }
        })
        .collect();
    insert_rows(databases, &receiver.db, &rows);
    let listed = |query: &str| {
        let page = merchant.get(&format!("/inbox?q={}", encode(query))).body;
        let count = page
            .split("id=\"cc-count\" class=\"cc-count\">")
            .nth(1)
            .and_then(|rest| rest.split(" <a").next())
            .and_then(|rest| rest.split("</p>").next())
            .unwrap()
            .to_owned();
        let numbers: Vec<i64> = page
            .split("<li class=\"cc-order\"><a href=\"/inbox/orders/")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect();
        (count, numbers)
    };
    let (count, numbers) = listed("");
    assert_eq!(count, "205 orders, newest first (the newest 200 shown)");
    assert_eq!(numbers, (6..=205).rev().collect::<Vec<_>>());
    for (query, said) in [
        ("#7", "1 of 205 orders match “#7”"),
        ("7k3p", "1 of 205 orders match “7k3p”"),
        ("98765 43210", "1 of 205 orders match “98765 43210”"),
        ("(98765) 432-10", "1 of 205 orders match “(98765) 432-10”"),
        ("PRIYA", "1 of 205 orders match “PRIYA”"),
    ] {
        let expected = if query == "#7" { 7 } else { 100 };
        assert_eq!(listed(query), (said.to_owned(), vec![expected]), "{query}");
    }
    // What is typed is looked for as it is: % and _ are no wildcards.
    for query in ["%", "_", "Shopper_1"] {
        assert_eq!(listed(query).1, Vec::<i64>::new(), "{query}");
    }
    // 1, 10 to 19, and 101 to 199.
    let (count, numbers) = listed("shopper 1");
    assert_eq!(count, "110 of 205 orders match “shopper 1”");
    assert_eq!(numbers.len(), 110);
}

/// A pickup order is "Ready to collect", not "Packed", wherever its status is named, and
/// asks for the minutes until it is ready.
pub fn a_pickup_order_reads_as_one_in_the_list_its_form_and_the_live_events(
    databases: &dyn Databases,
) {
    let receiver = shop(databases, "pickup", &[]);
    let mut json: Value = serde_json::from_str(&order("key-pickup").to_json()).unwrap();
    json["fulfilment"] = "pickup".into();
    json["address"] = Value::Null;
    let answer = receiver.post(&json.to_string(), "key-pickup");
    assert_eq!(answer.status, 201, "{}", answer.body);
    let merchant = receiver.signed_in("asha", PASSWORD);
    let page = merchant.get("/inbox/orders/1").body;
    assert!(
        page.contains(">Minutes until ready (optional)</label>"),
        "{page}"
    );
    let mut events = Events::open(&receiver, &merchant.cookie, "1.0");
    assert_eq!(merchant.step(1, "received", "accepted", "").status, 303);
    assert_eq!(merchant.step(1, "accepted", "packed", "").status, 303);
    assert_eq!(
        events.next("step", Duration::from_secs(10))["status_name"],
        "Accepted"
    );
    let packed = events.next("step", Duration::from_secs(10));
    assert_eq!(
        (&packed["status"], &packed["status_name"]),
        (&"packed".into(), &"Ready to collect".into())
    );
    let list = merchant.get("/inbox").body;
    assert!(
        list.contains("<span class=\"cc-badge cc-badge-packed\">Ready to collect</span>"),
        "{list}"
    );
}

/// A bare order row, as a receiver (this one, or another sharing the database) writes one.
struct Row {
    number: i64,
    key: String,
    reference: &'static str,
    name: String,
    phone: &'static str,
}

/// Writes `rows` straight into the database `db`, in one statement.
fn insert_rows(databases: &dyn Databases, db: &str, rows: &[Row]) {
    let values: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                "({}, '{}', '{}', '2026-11-21T09:00:00Z', '{}', '1.00', 'INR', 1, '{{}}', '{{}}',
                  '{{}}', 'received', '{}')",
                row.number, row.key, row.reference, row.name, row.phone
            )
        })
        .collect();
    databases.execute(
        db,
        &format!(
            "INSERT INTO orders (order_number, idempotency_key, reference, received_at,
                 customer_name, total, currency, lines, request_body, order_json, response_body,
                 status, customer_phone)
             VALUES {}",
            values.join(", ")
        ),
        &[],
    );
}
