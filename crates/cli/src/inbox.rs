//! The merchant's inbox at `/inbox`: server-rendered pages a shop works from on a phone.
//! Sign-in with a password set by `chatcart inbox-user` (an Argon2id hash in the database),
//! a session cookie (`HttpOnly; Secure; SameSite=Strict; Path=/inbox`) whose token the
//! database keeps only as a SHA-256, a CSRF token per session in every form, and no POST
//! from another origin. Orders arrive live over server-sent events; each step is one tap,
//! taken as a compare-and-set, with a wa.me link to tell the customer.

mod events;
mod pages;

use std::net::IpAddr;
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chatcart_core::checkout::phone_digits;
use chatcart_core::order_status::{take_step, OrderStatus, StatusAction};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::{HeaderMap, Method, Request, StatusCode};
use tokio::sync::{broadcast, Semaphore};

use crate::receive::{header, Receiver, Reply};
use crate::secret::{self, Token};
use crate::store::{
    failures, now_rfc3339, unix_now, Attempt, OrderStore, Search, Session, Stepped,
};

pub use events::{watch_for_news, EventStream, Marks};

/// The session cookie's name.
const COOKIE: &str = "chatcart_inbox";

/// A session unused this long ends.
const IDLE_SECONDS: i64 = 12 * 60 * 60;

/// A session ends this long after sign-in, however busy.
const LONGEST_SECONDS: i64 = 7 * 24 * 60 * 60;

/// How often a session's last use is written: not on every request.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Failed sign-ins allowed in `FAILURE_WINDOW_SECONDS` for a name from one address.
const MOST_FAILURES: u32 = 5;
/// Failed sign-ins allowed in `FAILURE_WINDOW_SECONDS` for a name from anywhere, and from an
/// address whatever the name: a slow throttle on guessing, not a lock on the merchant.
const MOST_FAILURES_ANYWHERE: u32 = 50;
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// When a sign-in that found every password check busy is told to come back, in seconds.
const BUSY_RETRY_SECONDS: u64 = 2;

/// The most orders the list shows at once.
const LISTED_AT_MOST: usize = 200;

/// The longest user name, in characters.
pub const NAME_MAX_CHARS: usize = 64;

/// The shortest password `chatcart inbox-user` takes, in characters.
pub const PASSWORD_MIN_CHARS: usize = 10;

/// The longest password: Argon2 takes any length, but a megabyte of "password" is an attack.
pub const PASSWORD_MAX_CHARS: usize = 1024;

/// A form is small: a reason of 200 characters and a few fields.
const FORM_MAX_BYTES: usize = 16 * 1024;

/// The inbox's own state in the receiver: the news of orders and steps, told to every page
/// that listens, the streams each session has open, and the room for password checks.
pub struct Inbox {
    news: broadcast::Sender<events::Event>,
    streams: Arc<events::Streams>,
    /// One permit per password check running (Argon2): as many as there are cores.
    password_checks: Arc<Semaphore>,
}

impl Inbox {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Inbox {
            news: broadcast::channel(256).0,
            streams: Arc::default(),
            password_checks: Arc::new(Semaphore::new(cores)),
        }
    }
}

pub fn is_inbox(path: &str) -> bool {
    path == "/inbox" || path.starts_with("/inbox/")
}

pub fn too_many_requests(wait: u64) -> Reply {
    pages::message(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests",
        &format!("Too many requests from this address; wait {wait} seconds and try again."),
    )
    .with("Retry-After", wait.to_string())
}

pub fn took_too_long() -> Reply {
    pages::message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Try again",
        "The inbox took too long to answer; reload the page in a few seconds.",
    )
    .with("Retry-After", "5")
}

/// A name `chatcart inbox-user` takes: 1 to 64 characters, no control characters, no space
/// at either end.
pub fn check_user_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
        return Err(format!("a user name is 1 to {NAME_MAX_CHARS} characters"));
    }
    if name.trim() != name || name.chars().any(char::is_control) {
        return Err("a user name has no control characters and no space at either end".into());
    }
    Ok(())
}

/// The Argon2id hash (PHC string) of `password`, with a random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let count = password.chars().count();
    if count < PASSWORD_MIN_CHARS {
        return Err(format!(
            "the password has {count} characters; give at least {PASSWORD_MIN_CHARS}"
        ));
    }
    if count > PASSWORD_MAX_CHARS {
        return Err(format!(
            "the password has {count} characters; give at most {PASSWORD_MAX_CHARS}"
        ));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness from the system: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| format!("the password could not be hashed: {e}"))
}

/// Whether `password` is the one `hash` was made from; a hash that cannot be read matches
/// nothing.
fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Makes what sign-in needs before the first one comes: the stand-in hash, which would
/// otherwise make the first unknown name take twice as long to refuse as a known one.
pub fn prepare() {
    let _ = stand_in_hash();
}

/// A hash no password is known for, verified against when the user name is unknown, so
/// that the answer takes as long as for a known one.
fn stand_in_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let password = Token::random().map_or_else(|_| "x".repeat(32), |t| t.as_str().to_owned());
        hash_password(&password).unwrap_or_default()
    })
}

/// Who is signed in on a request, with their session.
struct SignedIn {
    fingerprint: String,
    session: Session,
}

/// The inbox's pages and actions.
pub async fn route<S: OrderStore>(
    receiver: &Arc<Receiver<S>>,
    client: IpAddr,
    request: Request<Incoming>,
) -> Reply {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or("").to_owned();
    match (&method, path.as_str()) {
        (&Method::GET, "/inbox/inbox.css") => return pages::asset(pages::CSS, "text/css"),
        (&Method::GET, "/inbox/inbox.js") => return pages::asset(pages::JS, "text/javascript"),
        (&Method::GET, "/inbox/icon.svg") => return pages::asset(pages::ICON, "image/svg+xml"),
        _ => {}
    }
    if method == Method::POST {
        if let Err(refusal) = same_origin(request.headers()) {
            return refusal;
        }
    }
    let signed_in = match signed_in(receiver, request.headers()).await {
        Ok(signed_in) => signed_in,
        Err(reply) => return reply,
    };
    match (&method, path.as_str(), signed_in) {
        (&Method::GET, "/inbox/sign-in", None) => {
            pages::sign_in(StatusCode::OK, "", None, &next_from(&query))
        }
        (&Method::GET, "/inbox/sign-in", Some(_)) => see_other("/inbox"),
        (&Method::POST, "/inbox/sign-in", _) => sign_in(receiver, client, request).await,
        (&Method::GET, _, None) => {
            let wanted = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{query}")
            };
            see_other(&format!(
                "/inbox/sign-in?next={}",
                pages::url_encode(&wanted)
            ))
        }
        (_, _, None) => pages::message(
            StatusCode::FORBIDDEN,
            "Signed out",
            "You are signed out, so nothing was changed. Sign in again and repeat the step.",
        )
        .with("Link", "</inbox/sign-in>; rel=\"next\""),
        (_, _, Some(me)) => signed_in_route(receiver, me, &method, &path, &query, request).await,
    }
}

async fn signed_in_route<S: OrderStore>(
    receiver: &Arc<Receiver<S>>,
    me: SignedIn,
    method: &Method,
    path: &str,
    query: &str,
    request: Request<Incoming>,
) -> Reply {
    let order_path = path
        .strip_prefix("/inbox/orders/")
        .map(|rest| rest.split_once('/').unwrap_or((rest, "")));
    match (method, path, order_path) {
        (&Method::GET, "/inbox", _) => list(receiver, &me, query).await,
        (&Method::GET, "/inbox/events", _) => {
            let since = header(request.headers(), "last-event-id")
                .map(str::to_owned)
                .or_else(|| query_value(query, "since"));
            events::stream(receiver, me.fingerprint, since.as_deref())
        }
        (&Method::POST, "/inbox/sign-out", _) => {
            let form = match read_form(request, &me).await {
                Ok(form) => form,
                Err(reply) => return reply,
            };
            drop(form);
            if let Err(e) = receiver.store.end_session(me.fingerprint).await {
                return unavailable(&e.to_string());
            }
            see_other("/inbox/sign-in").with("Set-Cookie", clear_cookie())
        }
        (_, _, Some((number, rest))) => {
            let Ok(number) = number.parse::<i64>() else {
                return not_found();
            };
            match (method, rest) {
                (&Method::GET, "") => {
                    order(receiver, &me, number, query_value(query, "done"), None).await
                }
                (&Method::POST, "") => step(receiver, &me, number, request).await,
                (&Method::GET, "slip") => slip(receiver, number).await,
                _ => not_found(),
            }
        }
        _ => not_found(),
    }
}

/// The session a request's cookie names, if it is still open; an expired one is ended.
async fn signed_in<S: OrderStore>(
    receiver: &Receiver<S>,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, Reply> {
    let Some(token) = cookie(headers) else {
        return Ok(None);
    };
    let fingerprint = token.fingerprint();
    let session = receiver
        .store
        .session(fingerprint.clone())
        .await
        .map_err(|e| unavailable(&e.to_string()))?;
    let Some(session) = session else {
        return Ok(None);
    };
    let now = unix_now();
    if now - session.last_seen > IDLE_SECONDS || now - session.created > LONGEST_SECONDS {
        let _ = receiver.store.end_session(fingerprint).await;
        return Ok(None);
    }
    if now - session.last_seen > TOUCH_EVERY_SECONDS {
        receiver
            .store
            .touch_session(fingerprint.clone(), now)
            .await
            .map_err(|e| unavailable(&e.to_string()))?;
    }
    Ok(Some(SignedIn {
        fingerprint,
        session,
    }))
}

/// Whether a session behind this fingerprint is still open now.
pub(crate) async fn still_open<S: OrderStore>(receiver: &Receiver<S>, fingerprint: &str) -> bool {
    let now = unix_now();
    match receiver.store.session(fingerprint.to_owned()).await {
        Ok(Some(session)) => {
            now - session.last_seen <= IDLE_SECONDS && now - session.created <= LONGEST_SECONDS
        }
        Ok(None) => false,
        // The database is away for a moment: the stream goes on, and is asked again later.
        Err(_) => true,
    }
}

fn cookie(headers: &HeaderMap) -> Option<Token> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| Token::parse(value))
}

fn session_cookie(token: &Token) -> String {
    format!(
        "{COOKIE}={}; HttpOnly; Secure; SameSite=Strict; Path=/inbox; Max-Age={LONGEST_SECONDS}",
        token.as_str()
    )
}

fn clear_cookie() -> String {
    format!("{COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/inbox; Max-Age=0")
}

/// A POST must come from the inbox's own pages: a browser says where a request comes from
/// in `Origin` (and `Sec-Fetch-Site`); either naming another site is refused. The inbox's
/// own origin is https at the host its `Host` names, as the https proxy passes it on; plain
/// http only on the machine itself (`127.0.0.1`, `[::1]`, `localhost`), for trying it out.
fn same_origin(headers: &HeaderMap) -> Result<(), Reply> {
    let refused = |from: &str| {
        pages::message(
            StatusCode::FORBIDDEN,
            "Refused",
            &format!(
                "This request came from {from}, not from the inbox itself, so nothing was \
                 changed. Open the inbox at its own address and try again."
            ),
        )
    };
    if let Some(site) = header(headers, "sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return Err(refused(&format!("another site ({site})")));
        }
    }
    let Some(origin) = header(headers, "origin") else {
        return Ok(());
    };
    let host = header(headers, "host").unwrap_or("");
    let authority = origin.strip_prefix("https://").or_else(|| {
        origin
            .strip_prefix("http://")
            .filter(|authority| is_loopback(authority))
    });
    match authority {
        Some(authority) if !host.is_empty() && authority.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(refused(&format!("the origin {origin}"))),
    }
}

/// Whether `authority` (a host and maybe a port) is this machine.
fn is_loopback(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once(']').map_or("", |(host, _)| host),
        None => authority.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A form posted to the inbox, once its CSRF token is the session's.
async fn read_form(
    request: Request<Incoming>,
    me: &SignedIn,
) -> Result<Vec<(String, String)>, Reply> {
    let form = read_any_form(request).await?;
    let token = field(&form, "csrf");
    if !secret::same(token, &me.session.csrf) {
        return Err(pages::message(
            StatusCode::FORBIDDEN,
            "Refused",
            "This form is out of date or did not come from the inbox, so nothing was \
             changed. Go back, reload the page and try again.",
        ));
    }
    Ok(form)
}

/// A form's fields, read within its size.
async fn read_any_form(request: Request<Incoming>) -> Result<Vec<(String, String)>, Reply> {
    let is_form = header(request.headers(), "content-type").is_some_and(|t| {
        t.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    if !is_form {
        return Err(pages::message(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Refused",
            "Send the inbox's forms from its pages.",
        ));
    }
    let body = Limited::new(request.into_body(), FORM_MAX_BYTES)
        .collect()
        .await
        .map_err(|_| {
            pages::message(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Too long",
                &format!("The form is longer than {FORM_MAX_BYTES} bytes; shorten what you typed."),
            )
        })?
        .to_bytes();
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        pages::message(
            StatusCode::BAD_REQUEST,
            "Refused",
            "The form is not UTF-8 text.",
        )
    })?;
    Ok(parse_form(&text))
}

/// `a=1&b=two+words` as pairs, percent-decoded.
fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

fn query_value(query: &str, name: &str) -> Option<String> {
    parse_form(query)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// Where to go after signing in: a page of the inbox, else the list.
fn next_from(query: &str) -> String {
    query_value(query, "next")
        .filter(|next| safe_next(next))
        .unwrap_or_else(|| "/inbox".into())
}

fn safe_next(next: &str) -> bool {
    is_inbox(next.split('?').next().unwrap_or(""))
        && !next.contains("//")
        && next
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.?=&%+".contains(c))
}

fn see_other(location: &str) -> Reply {
    pages::message(StatusCode::SEE_OTHER, "Moved", "Continue to the next page.")
        .with("Location", location)
}

fn not_found() -> Reply {
    pages::message(
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no such page in the inbox. Go back to the list of orders.",
    )
}

fn unavailable(why: &str) -> Reply {
    eprintln!("chatcart receive: inbox: {why}");
    pages::message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Try again",
        "The database did not answer; reload the page in a few seconds.",
    )
    .with("Retry-After", "5")
}

async fn sign_in<S: OrderStore>(
    receiver: &Receiver<S>,
    client: IpAddr,
    request: Request<Incoming>,
) -> Reply {
    // A session this browser still holds ends when it signs in again.
    let old_session = cookie(request.headers()).map(|token| token.fingerprint());
    let form = match read_any_form(request).await {
        Ok(form) => form,
        Err(reply) => return reply,
    };
    let name = field(&form, "name").trim().to_owned();
    let password = field(&form, "password").to_owned();
    let next = Some(field(&form, "next"))
        .filter(|next| safe_next(next))
        .unwrap_or("/inbox")
        .to_owned();
    // No user has a longer name or password: refused before the database or Argon2 is asked.
    if name.chars().count() > NAME_MAX_CHARS || password.chars().count() > PASSWORD_MAX_CHARS {
        return pages::sign_in(
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
            Some(&format!(
                "No name is longer than {NAME_MAX_CHARS} characters and no password longer \
                 than {PASSWORD_MAX_CHARS}. Check them and try again."
            )),
            &next,
        );
    }
    // Each check holds about 19 MiB for tens of milliseconds: no more run at once than
    // there are cores, and a sign-in beyond them is told to come back.
    let Ok(checking) = Arc::clone(&receiver.inbox.password_checks).try_acquire_owned() else {
        return pages::sign_in(
            StatusCode::SERVICE_UNAVAILABLE,
            &name,
            Some("Many sign-ins are being checked at once. Try again in a few seconds."),
            &next,
        )
        .with("Retry-After", BUSY_RETRY_SECONDS.to_string());
    };
    // A name tried from one address is locked after a few failures; a name from anywhere,
    // and an address whatever the name, only slowed after many, so that a stranger who
    // knows the merchant's name cannot lock the merchant out.
    let limits = vec![
        (failures::name_from(&name, client), MOST_FAILURES),
        (failures::name(&name), MOST_FAILURES_ANYWHERE),
        (failures::address(client), MOST_FAILURES_ANYWHERE),
    ];
    let counted: Vec<String> = limits.iter().map(|(subject, _)| subject.clone()).collect();
    let now = unix_now();
    // Counted as a failure before the password is checked, so attempts made together
    // cannot all pass the count before any of them is recorded.
    match receiver
        .store
        .attempt_sign_in(limits, now, now - FAILURE_WINDOW_SECONDS)
        .await
    {
        Ok(Attempt::Counted) => {}
        Ok(Attempt::Refused { index, oldest }) => {
            let wait = (oldest + FAILURE_WINDOW_SECONDS - now).max(1);
            let minutes = (wait + 59) / 60;
            let minutes = format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" });
            let said = match index {
                0 => format!(
                    "Too many failed sign-ins for this name from this address. Try again in \
                     {minutes}, or reset the password with chatcart inbox-user."
                ),
                1 => format!(
                    "Too many failed sign-ins for this name from many addresses. Try again in \
                     {minutes}, or reset the password with chatcart inbox-user, which lets the \
                     name sign in again at once."
                ),
                _ => format!("Too many failed sign-ins from this address. Try again in {minutes}."),
            };
            return pages::sign_in(StatusCode::TOO_MANY_REQUESTS, &name, Some(&said), &next)
                .with("Retry-After", wait.to_string());
        }
        Err(e) => return unavailable(&e.to_string()),
    }
    let hash = match receiver.store.password(&name).await {
        Ok(hash) => hash,
        Err(e) => return unavailable(&e.to_string()),
    };
    let known = hash.is_some();
    // Argon2 takes tens of milliseconds of one core on purpose: not on the async workers. An
    // unknown name is checked against a stand-in hash, so it takes as long to refuse. The
    // permit goes with the check: a client that leaves does not free it early.
    let matches = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| stand_in_hash().to_owned());
        let matches = password_matches(&password, &hash);
        drop(checking);
        matches
    })
    .await
    .unwrap_or(false);
    if !(known && matches) {
        return pages::sign_in(
            StatusCode::UNAUTHORIZED,
            &name,
            Some("The name or the password is wrong. Check them and try again."),
            &next,
        );
    }
    let (token, csrf) = match (Token::random(), Token::random()) {
        (Ok(token), Ok(csrf)) => (token, csrf),
        (Err(e), _) | (_, Err(e)) => return unavailable(&e),
    };
    let session = Session {
        user: name,
        csrf: csrf.as_str().to_owned(),
        created: now,
        last_seen: now,
    };
    let opened = receiver
        .store
        .open_session(
            token.fingerprint(),
            session,
            now - IDLE_SECONDS,
            now - LONGEST_SECONDS,
        )
        .await;
    if let Err(e) = opened {
        return unavailable(&e.to_string());
    }
    if let Some(old_session) = old_session {
        let _ = receiver.store.end_session(old_session).await;
    }
    // This attempt was no failure; the name's failures from this address were the
    // merchant's own. Failures of the name elsewhere still count.
    let (pair, others) = counted.split_first().expect("three subjects");
    let _ = receiver
        .store
        .sign_in_succeeded(others.to_vec(), now, vec![pair.clone()])
        .await;
    see_other(&next).with("Set-Cookie", session_cookie(&token))
}

async fn list<S: OrderStore>(receiver: &Receiver<S>, me: &SignedIn, query: &str) -> Reply {
    let search = query_value(query, "q").unwrap_or_default();
    // The marks first: an order committed between the two reads is then both in the list
    // and after the marks, told again at worst, rather than in neither.
    let marks = match receiver.store.marks().await {
        Ok(marks) => marks,
        Err(e) => return unavailable(&e.to_string()),
    };
    let listing = match receiver
        .store
        .listing(Search::parse(&search), LISTED_AT_MOST)
        .await
    {
        Ok(listing) => listing,
        Err(e) => return unavailable(&e.to_string()),
    };
    pages::list(
        &pages::Frame::signed_in(me, marks),
        &search,
        &listing.shown,
        listing.found,
        listing.total,
    )
}

async fn order<S: OrderStore>(
    receiver: &Receiver<S>,
    me: &SignedIn,
    number: i64,
    done: Option<String>,
    problem: Option<(StatusCode, pages::Problem)>,
) -> Reply {
    // The marks first, as for the list: a step taken between the two reads is then told.
    let marks = match receiver.store.marks().await {
        Ok(marks) => marks,
        Err(e) => return unavailable(&e.to_string()),
    };
    let found = match receiver.store.by_number(number).await {
        Ok(found) => found,
        Err(e) => return unavailable(&e.to_string()),
    };
    let Some(order) = found else {
        return not_found();
    };
    let done = done.and_then(|name| OrderStatus::parse(&name)) == Some(order.status);
    pages::order(
        &pages::Frame::signed_in(me, marks),
        &order,
        pages::Shop {
            name: receiver.options.shop_name.as_deref(),
            language: receiver.options.language,
        },
        done,
        problem,
    )
}

/// The step a form asks for, from the status the merchant saw.
fn action_of(form: &[(String, String)]) -> Result<StatusAction, pages::Problem> {
    let reason = field(form, "reason").trim().to_owned();
    match field(form, "step") {
        "accepted" => {
            let minutes = field(form, "minutes").trim();
            let ready_in_minutes = if minutes.is_empty() {
                None
            } else {
                match minutes.parse::<u32>() {
                    Ok(m) if m > 0 => Some(m),
                    _ => {
                        return Err(pages::Problem::Minutes {
                            said: format!(
                                "\"{minutes}\" is not a number of minutes; give a whole number like 30, or leave it empty"
                            ),
                            typed: minutes.to_owned(),
                        })
                    }
                }
            };
            Ok(StatusAction::Accept { ready_in_minutes })
        }
        "rejected" => Ok(StatusAction::Reject { reason }),
        "packed" => Ok(StatusAction::MarkPacked),
        "out_for_delivery" => Ok(StatusAction::SendOut),
        "delivered" => Ok(StatusAction::MarkDelivered),
        "cancelled" => Ok(StatusAction::Cancel { reason }),
        other => Err(pages::Problem::Other(format!(
            "\"{other}\" is not a step; choose one of the buttons"
        ))),
    }
}

async fn step<S: OrderStore>(
    receiver: &Receiver<S>,
    me: &SignedIn,
    number: i64,
    request: Request<Incoming>,
) -> Reply {
    let form = match read_form(request, me).await {
        Ok(form) => form,
        Err(reply) => return reply,
    };
    let Some(seen) = OrderStatus::parse(field(&form, "seen")) else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Refused",
            "The form does not say which status you saw; reload the order and try again.",
        );
    };
    let order_now = match receiver.store.by_number(number).await {
        Ok(Some(order)) => order,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(&e.to_string()),
    };
    // Said at the field, which keeps what was typed.
    let problem_for = |action: &StatusAction, said: String| match action {
        StatusAction::Reject { .. } | StatusAction::Cancel { .. } => pages::Problem::Reason {
            step: action.leads_to(),
            said,
            typed: field(&form, "reason").to_owned(),
        },
        StatusAction::Accept { .. } => pages::Problem::Minutes {
            said,
            typed: field(&form, "minutes").trim().to_owned(),
        },
        _ => pages::Problem::Other(said),
    };
    let taken = action_of(&form).and_then(|action| {
        match take_step(seen, order_now.fulfilment(), &action) {
            Ok(next) => Ok((action, next)),
            Err(e) => Err(problem_for(&action, e.to_string())),
        }
    });
    let (action, next) = match taken {
        Ok(taken) => taken,
        Err(problem) => {
            return order(
                receiver,
                me,
                number,
                None,
                Some((StatusCode::UNPROCESSABLE_ENTITY, problem)),
            )
            .await
        }
    };
    let change = action.change(now_rfc3339(), me.session.user.clone());
    match receiver.store.step(number, seen, change).await {
        Ok(Stepped::Moved) => see_other(&format!("/inbox/orders/{number}?done={next}")),
        Ok(Stepped::Now(now)) => {
            order(
                receiver,
                me,
                number,
                None,
                Some((StatusCode::CONFLICT, pages::Problem::Moved(now))),
            )
            .await
        }
        Ok(Stepped::NoSuchOrder) => not_found(),
        Err(e) => unavailable(&e.to_string()),
    }
}

async fn slip<S: OrderStore>(receiver: &Receiver<S>, number: i64) -> Reply {
    match receiver.store.by_number(number).await {
        Ok(Some(order)) => pages::slip(&order, receiver.options.shop_name.as_deref()),
        Ok(None) => not_found(),
        Err(e) => unavailable(&e.to_string()),
    }
}

/// Why a customer's phone gets no wa.me link.
#[derive(Debug, PartialEq)]
pub enum NoWhatsApp {
    /// It is not a phone number at all.
    NotANumber,
    /// It is written without its country code, which is not guessed: a wrong guess would
    /// send the customer's message to a stranger.
    NoCountryCode,
}

/// The customer's WhatsApp number from the phone they gave: in international form only
/// when they wrote it so (`+44…`, `0044…`), or when it is a 10-digit Indian mobile number
/// (with or without the trunk 0) in a shop selling in rupees, which gains 91.
pub fn customer_whatsapp(phone: &str, currency: &str) -> Result<String, NoWhatsApp> {
    let digits = phone_digits(phone).ok_or(NoWhatsApp::NotANumber)?;
    let digits = if phone.trim_start().starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else {
        let national = digits.strip_prefix('0').unwrap_or(&digits);
        let indian_mobile = national.len() == 10 && national.starts_with(['6', '7', '8', '9']);
        if currency != "INR" || !indian_mobile {
            return Err(NoWhatsApp::NoCountryCode);
        }
        format!("91{national}")
    };
    if (8..=15).contains(&digits.len()) && !digits.starts_with('0') {
        Ok(digits)
    } else {
        Err(NoWhatsApp::NotANumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_phone_becomes_a_whatsapp_number_only_with_its_country_code() {
        let whatsapp = |phone: &str, currency: &str| customer_whatsapp(phone, currency);
        let number = |digits: &str| Ok(digits.to_owned());
        assert_eq!(whatsapp("+91 98765 43210", "INR"), number("919876543210"));
        assert_eq!(whatsapp("9820012345", "INR"), number("919820012345"));
        assert_eq!(whatsapp("09820012345", "INR"), number("919820012345"));
        assert_eq!(whatsapp("0031 6 1234 5678", "EUR"), number("31612345678"));
        assert_eq!(whatsapp("+31 6 1234 5678", "EUR"), number("31612345678"));
        assert_eq!(whatsapp("+1 (202) 555-0123", "USD"), number("12025550123"));
        // Without a country code, nothing is guessed: these went to whoever has the
        // number in the country their digits happen to begin with.
        for (phone, currency) in [
            ("(202) 555-0123", "USD"),
            ("612345678", "EUR"),
            ("0612345678", "EUR"),
            ("2226591234", "INR"),
            ("022 2659 1234", "INR"),
            ("9820012345", "USD"),
            ("919876543210", "GBP"),
        ] {
            assert_eq!(
                whatsapp(phone, currency),
                Err(NoWhatsApp::NoCountryCode),
                "{phone} in {currency}"
            );
        }
        assert_eq!(whatsapp("call me", "INR"), Err(NoWhatsApp::NotANumber));
        assert_eq!(whatsapp("+12", "INR"), Err(NoWhatsApp::NotANumber));
    }

    #[test]
    fn a_post_comes_from_the_inbox_over_https_or_from_this_machine() {
        let from = |origin: &str, host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("origin", origin.parse().unwrap());
            headers.insert("host", host.parse().unwrap());
            same_origin(&headers).is_ok()
        };
        assert!(from("https://orders.shop.example", "orders.shop.example"));
        assert!(from(
            "https://orders.shop.example:8443",
            "orders.shop.example:8443"
        ));
        assert!(from("http://127.0.0.1:8787", "127.0.0.1:8787"));
        assert!(from("http://localhost:8787", "localhost:8787"));
        assert!(from("http://[::1]:8787", "[::1]:8787"));
        // Plain http elsewhere: a page an attacker on the network could have written.
        assert!(!from("http://orders.shop.example", "orders.shop.example"));
        assert!(!from("http://10.0.0.5:8787", "10.0.0.5:8787"));
        assert!(!from("https://evil.example", "orders.shop.example"));
        assert!(!from(
            "https://orders.shop.example",
            "orders.shop.example:8443"
        ));
        assert!(!from("null", "orders.shop.example"));
    }

    #[test]
    fn only_the_inbox_is_a_place_to_go_after_signing_in() {
        assert_eq!(next_from("next=%2Finbox%2Forders%2F5"), "/inbox/orders/5");
        assert_eq!(next_from("next=%2Finbox%3Fq%3D98765"), "/inbox?q=98765");
        for bad in [
            "next=https%3A%2F%2Fevil.example",
            "next=%2F%2Fevil.example",
            "next=%2Finboxer",
            "next=%2Finbox%2F%2Fevil",
        ] {
            assert_eq!(next_from(bad), "/inbox", "{bad}");
        }
    }

    #[test]
    fn passwords_are_argon2id_and_at_least_ten_characters() {
        assert!(hash_password("short").unwrap_err().contains("at least 10"));
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(password_matches("correct horse", &hash));
        assert!(!password_matches("correct horsE", &hash));
        assert!(!password_matches("correct horse", "not a hash"));
        assert!(check_user_name("asha").is_ok());
        assert!(check_user_name(" asha").is_err());
        assert!(check_user_name("a\u{1b}[2J").is_err());
    }
}
