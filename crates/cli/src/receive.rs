//! `chatcart receive`: a reference order endpoint. It re-prices every order from the
//! merchant's catalog, stores accepted ones, answers a retried Idempotency-Key with the
//! original response, allows exactly the listed origins, and slows floods down. Requests are
//! served concurrently; each part of a request has a deadline, so a client that stalls
//! holds up only itself, and a shutdown finishes the requests in flight.

use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::Hash;
use std::net::IpAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chatcart_core::catalog::Catalog;
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::intake::{check_order, IntakeRules};
use chatcart_core::order::{Order, OrderDocument};
use chatcart_core::order_status::OrderStatus;
use chatcart_core::reference::OrderReference;
use chatcart_core::terms::{rfc3339_utc, unix_seconds};
use chatcart_core::words::Language;
use http_body_util::{BodyExt, Either, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::json;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{watch, Semaphore};

/// What the receiver answers with: a whole body, or the inbox's stream of events.
type Body = Either<Full<Bytes>, EventStream>;

use crate::client::client_address;
use crate::inbox::{self, EventStream, Inbox};
use crate::lock;
use crate::secret::{self, Token};
use crate::store::{unix_now, Accepted, Database, Listed, OrderStore, PostgresStore, SqliteStore};

pub struct ReceiveOptions {
    /// The shop's own name, for the inbox's messages to customers and its packing slips;
    /// `None` when neither the settings, the flags nor the catalog give one.
    pub shop_name: Option<String>,
    pub catalog: Catalog,
    pub db: String,
    pub allowed_origins: Vec<String>,
    pub address: String,
    pub rules: IntakeRules,
    /// Requests one client may make per minute.
    pub per_minute: u32,
    /// Requests all clients together may make per minute.
    pub shop_per_minute: u32,
    /// Proxies (a TLS terminator, a load balancer) whose `Forwarded` or `X-Forwarded-For`
    /// says who the client is.
    pub trusted_proxies: Vec<IpAddr>,
    pub max_body_bytes: usize,
    pub limits: ConnectionLimits,
    /// The language of the messages the inbox offers to send customers.
    pub language: &'static dyn Language,
}

/// What one connection may take of the receiver.
pub struct ConnectionLimits {
    /// A request's line and headers must arrive within this, and an idle connection is
    /// closed after it.
    pub header_deadline: Duration,
    /// The body must arrive within this once the headers are in.
    pub body_deadline: Duration,
    /// The whole request, from its headers to the answer.
    pub request_deadline: Duration,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// The request line and headers together, in bytes; more is answered 431.
    pub max_header_bytes: usize,
    /// How long a shutdown waits for the requests in flight.
    pub shutdown_grace: Duration,
}

/// A token bucket per key (a client's address, or `()` for the whole shop): `per_minute`
/// tokens, refilled evenly.
struct RateLimiter<K> {
    per_minute: u32,
    buckets: HashMap<K, (f64, Instant)>,
}

/// Past this many clients, the buckets of clients whose budget is whole again are dropped:
/// they would start whole anyway.
const REMEMBERED_CLIENTS: usize = 10_000;

impl<K: Hash + Eq> RateLimiter<K> {
    fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            buckets: HashMap::new(),
        }
    }

    /// `Ok` when the client may go ahead, else the seconds until it may.
    fn admit(&mut self, client: K, now: Instant) -> Result<(), u64> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        if self.buckets.len() >= REMEMBERED_CLIENTS {
            self.buckets.retain(|_, (tokens, last)| {
                *tokens + now.duration_since(*last).as_secs_f64() * per_second < capacity
            });
        }
        let (tokens, last) = self.buckets.entry(client).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * per_second).min(capacity);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / per_second).ceil() as u64)
        }
    }
}

/// An answer: its status, body and headers, or a stream of events in place of the body.
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub stream: Option<EventStream>,
}

impl Reply {
    pub fn new(status: StatusCode, content_type: &'static str, body: String) -> Self {
        Reply {
            status,
            body,
            content_type,
            headers: Vec::new(),
            stream: None,
        }
    }

    fn json(status: StatusCode, body: serde_json::Value) -> Self {
        Reply::new(status, "application/json", body.to_string())
    }

    fn error(status: StatusCode, error: &str) -> Self {
        Reply::json(status, json!({ "error": error }))
    }

    /// An empty answer with these headers.
    fn empty(status: StatusCode, headers: Vec<(&'static str, String)>) -> Self {
        Reply {
            headers,
            ..Reply::new(status, "application/json", String::new())
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

pub fn serve(options: ReceiveOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(async {
        let listener = listen(&options.address)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.address))?;
        let database = Database::at(&options.db);
        match &database {
            Database::Sqlite(path) => {
                let store = SqliteStore::open(path)
                    .map_err(|e| format!("{database}: cannot open the database: {e}"))?;
                run(listener, store, options).await
            }
            Database::Postgres(url) => {
                let store = PostgresStore::open(url)
                    .await
                    .map_err(|e| format!("{database}: {e}"))?;
                run(listener, store, options).await
            }
        }
    })
}

/// Requests one client address may make of the inbox per minute: a phone's pages, their
/// assets, redraws and streams, generously.
const INBOX_PER_MINUTE: u32 = 600;

/// Connections the kernel holds for the receiver before it accepts them: a burst of
/// shoppers larger than the usual 128 would otherwise be refused and wait a second to retry.
const BACKLOG: u32 = 1024;

async fn listen(address: &str) -> std::io::Result<TcpListener> {
    let address = tokio::net::lookup_host(address)
        .await?
        .next()
        .ok_or_else(|| std::io::Error::other("the address names no host"))?;
    let socket = if address.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(BACKLOG)
}

/// The shop's receiver: its options, its database, its limiters and the merchant's inbox,
/// shared by every connection.
pub struct Receiver<S> {
    pub options: ReceiveOptions,
    pub store: S,
    per_client: Mutex<RateLimiter<IpAddr>>,
    whole_shop: Mutex<RateLimiter<()>>,
    /// Shoppers' devices asking after their orders: a budget of their own, so that shoppers
    /// watching "My orders" never crowd out new orders.
    status_asks: Mutex<RateLimiter<IpAddr>>,
    /// The merchant's inbox: a budget of its own too, so that the shop's phones never use up
    /// the shoppers' (sign-in attempts have their own limits besides).
    inbox_asks: Mutex<RateLimiter<IpAddr>>,
    pub inbox: Inbox,
    /// Becomes true when the receiver is stopping: the inbox's event streams end.
    pub stopping: watch::Receiver<bool>,
}

async fn run<S: OrderStore>(
    listener: TcpListener,
    store: S,
    options: ReceiveOptions,
) -> Result<(), String> {
    let address = listener
        .local_addr()
        .map_err(|e| format!("the server has no address: {e}"))?;
    println!(
        "chatcart receive: {} products; orders to http://{address}/orders; stored in {}",
        options.catalog.variant_count(),
        Database::at(&options.db)
    );
    let limits = &options.limits;
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_deadline)
        .max_header_size(limits.max_header_bytes);
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let grace = limits.shutdown_grace;
    let (stop_streams, stopping) = watch::channel(false);
    let receiver = Arc::new(Receiver {
        per_client: Mutex::new(RateLimiter::new(options.per_minute)),
        whole_shop: Mutex::new(RateLimiter::new(options.shop_per_minute)),
        status_asks: Mutex::new(RateLimiter::new(options.per_minute)),
        inbox_asks: Mutex::new(RateLimiter::new(INBOX_PER_MINUTE)),
        options,
        store,
        inbox: Inbox::new(),
        stopping,
    });
    let (order, step) = receiver
        .store
        .marks()
        .await
        .map_err(|e| format!("{}: {e}", Database::at(&receiver.options.db)))?;
    // Argon2 on the blocking pool, before the first sign-in can come.
    let _ = tokio::task::spawn_blocking(inbox::prepare).await;
    tokio::spawn(inbox::watch_for_news(
        Arc::clone(&receiver),
        inbox::Marks { order, step },
    ));
    let graceful = GracefulShutdown::new();
    let mut stop = pin!(stop_requested());
    loop {
        let (permit, (stream, peer)) = tokio::select! {
            () = &mut stop => break,
            accepted = accept(&listener, &connections) => accepted,
        };
        // Not fatal: without it, a dead phone's stream is found only when TCP gives up.
        let _ = find_dead_peers(&stream);
        let receiver = Arc::clone(&receiver);
        let service = service_fn(move |request| {
            let receiver = Arc::clone(&receiver);
            async move { Ok::<_, Infallible>(receiver.answer(peer.ip(), request).await) }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection that breaks or times out is the client's own loss.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop_streams.send(true);
    eprintln!("chatcart receive: stopping; finishing the requests in flight");
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!(
            "chatcart receive: requests still open after {} s were cut off",
            grace.as_secs()
        );
    }
    Ok(())
}

/// The next connection, once there is room for one.
async fn accept(
    listener: &TcpListener,
    connections: &Arc<Semaphore>,
) -> (
    tokio::sync::OwnedSemaphorePermit,
    (tokio::net::TcpStream, std::net::SocketAddr),
) {
    let permit = Arc::clone(connections)
        .acquire_owned()
        .await
        .expect("the connection semaphore is never closed");
    loop {
        match listener.accept().await {
            Ok(accepted) => return (permit, accepted),
            // Out of file descriptors, or a connection reset before it was accepted: wait
            // a moment rather than spin.
            Err(e) => {
                eprintln!("chatcart receive: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// A connection quiet this long is probed.
const KEEPALIVE_IDLE: Duration = Duration::from_secs(30);
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(10);
const KEEPALIVE_PROBES: u32 = 3;
/// Data sent and not acknowledged for this long ends the connection.
const UNACKNOWLEDGED_AT_MOST: Duration = Duration::from_secs(60);

/// Has the kernel find a peer that went away without a word (a phone out of coverage, its
/// battery flat) within about a minute, not the 15 it otherwise takes: keepalive probes a
/// quiet connection, and the user timeout ends one whose data goes unacknowledged (an open
/// event stream is never quiet for the probes, since it says "still here" every 15 s).
fn find_dead_peers(stream: &tokio::net::TcpStream) -> std::io::Result<()> {
    let socket = socket2::SockRef::from(stream);
    socket.set_tcp_keepalive(
        &socket2::TcpKeepalive::new()
            .with_time(KEEPALIVE_IDLE)
            .with_interval(KEEPALIVE_INTERVAL)
            .with_retries(KEEPALIVE_PROBES),
    )?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    socket.set_tcp_user_timeout(Some(UNACKNOWLEDGED_AT_MOST))?;
    Ok(())
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stop_requested() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

impl<S: OrderStore> Receiver<S> {
    async fn answer(self: &Arc<Self>, peer: IpAddr, request: Request<Incoming>) -> Response<Body> {
        let options = &self.options;
        let headers = request.headers();
        let origin = header(headers, "origin").map(str::to_owned);
        let allowed = origin
            .as_ref()
            .filter(|o| options.allowed_origins.iter().any(|a| a == *o))
            .cloned();
        let client = client_address(
            peer,
            joined_header(headers, "forwarded").as_deref(),
            joined_header(headers, "x-forwarded-for").as_deref(),
            &options.trusted_proxies,
        );
        // A CORS preflight is the browser's question, not the shopper's request: not counted.
        let now = Instant::now();
        let in_inbox = inbox::is_inbox(request.uri().path());
        let admitted = match *request.method() {
            Method::OPTIONS => Ok(()),
            _ if in_inbox => lock(&self.inbox_asks).admit(client, now),
            Method::GET if status_path(request.uri().path()).is_some() => {
                lock(&self.status_asks).admit(client, now)
            }
            _ => {
                let per_client = lock(&self.per_client).admit(client, now);
                per_client.and_then(|()| lock(&self.whole_shop).admit((), now))
            }
        };
        if in_inbox {
            let reply = match admitted {
                Err(wait) => inbox::too_many_requests(wait),
                Ok(()) => tokio::time::timeout(
                    options.limits.request_deadline,
                    inbox::route(self, client, request),
                )
                .await
                .unwrap_or_else(|_| inbox::took_too_long()),
            };
            return respond(reply, None);
        }
        let reply = match admitted {
            Err(wait) => Reply::error(
                StatusCode::TOO_MANY_REQUESTS,
                "too many requests; try again later",
            )
            .with("Retry-After", wait.to_string()),
            _ if origin.is_some() && allowed.is_none() => Reply::error(
                StatusCode::FORBIDDEN,
                "this origin may not send orders here",
            ),
            _ => tokio::time::timeout(options.limits.request_deadline, self.route(request))
                .await
                .unwrap_or_else(|_| {
                    Reply::error(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the shop took too long to answer; send the order again",
                    )
                    .with("Retry-After", "5")
                }),
        };
        respond(reply, allowed.as_deref())
    }

    async fn route(&self, request: Request<Incoming>) -> Reply {
        if let Some(reference) = status_path(request.uri().path()) {
            return match *request.method() {
                Method::OPTIONS => Reply::empty(
                    StatusCode::NO_CONTENT,
                    vec![
                        ("Access-Control-Allow-Methods", "GET".into()),
                        ("Access-Control-Allow-Headers", "Authorization".into()),
                        ("Access-Control-Max-Age", "600".into()),
                    ],
                ),
                Method::GET => self.status(reference, request.headers()).await,
                _ => Reply::error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "ask for an order's status with GET",
                )
                .with("Allow", "GET, OPTIONS"),
            }
            .with("Cache-Control", "no-store");
        }
        match (request.method().clone(), request.uri().path()) {
            (Method::OPTIONS, "/orders") => Reply::empty(
                StatusCode::NO_CONTENT,
                vec![
                    ("Access-Control-Allow-Methods", "POST".into()),
                    (
                        "Access-Control-Allow-Headers",
                        "Content-Type, Idempotency-Key".into(),
                    ),
                    ("Access-Control-Max-Age", "600".into()),
                ],
            ),
            (Method::POST, "/orders") => self.receive(request).await,
            (Method::GET, "/health") => Reply::json(StatusCode::OK, json!({ "status": "ok" })),
            (_, "/orders") => Reply::error(StatusCode::METHOD_NOT_ALLOWED, "send orders with POST")
                .with("Allow", "POST, OPTIONS"),
            _ => Reply::error(
                StatusCode::NOT_FOUND,
                "not found; orders go to /orders, their status is at /orders/{reference}/status",
            ),
        }
    }

    async fn receive(&self, request: Request<Incoming>) -> Reply {
        let options = &self.options;
        let headers = request.headers();
        let is_json = header(headers, "content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
        if !is_json {
            return Reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the order as Content-Type: application/json",
            );
        }
        let Some(key) =
            header(headers, "idempotency-key").and_then(|k| IdempotencyKey::parse(k).ok())
        else {
            return Reply::error(
                StatusCode::BAD_REQUEST,
                "an Idempotency-Key header (1 to 255 characters) is required",
            );
        };
        let declared = header(headers, "content-length").and_then(|n| n.parse::<u64>().ok());
        if declared.is_some_and(|n| n > options.max_body_bytes as u64) {
            return too_large(options.max_body_bytes);
        }
        let body = match self.body(request.into_body()).await {
            Ok(body) => body,
            Err(reply) => return reply,
        };

        match self.store.find(&key).await {
            Ok(Some(stored)) if stored.request_body == body => {
                return replayed(stored.response_body);
            }
            Ok(Some(_)) => return key_taken(),
            Ok(None) => {}
            Err(e) => return unavailable(&format!("the database is unavailable: {e}")),
        }

        let document: OrderDocument = match serde_json::from_str(&body) {
            Ok(document) => document,
            Err(e) => {
                return Reply::error(
                    StatusCode::BAD_REQUEST,
                    &format!("the order is not chatcart order JSON: {e}"),
                )
            }
        };
        if key != document.idempotency_key {
            return Reply::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the Idempotency-Key header and the order's idempotency_key differ",
            );
        }
        let now = unix_now();
        let order = match check_order(&document, &options.catalog, &options.rules, now) {
            Ok(order) => order,
            Err(problems) => {
                let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
                return Reply::json(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({ "error": "order refused", "problems": problems }),
                );
            }
        };
        let secret = match Token::random() {
            Ok(secret) => secret,
            Err(e) => return unavailable(&e),
        };
        match self.store.accept(order, body, secret, receipt).await {
            Ok(Accepted::New(response)) => {
                Reply::new(StatusCode::CREATED, "application/json", response)
            }
            // Two copies of one order arrived together; the other was stored first.
            Ok(Accepted::Replayed(response)) => replayed(response),
            Ok(Accepted::KeyTaken) => key_taken(),
            Err(e) => unavailable(&format!("the order could not be stored: {e}")),
        }
    }

    /// `GET /orders/{reference}/status`: where the order stands, for the shopper's device
    /// that holds its status secret. An unknown reference and a wrong secret get the same
    /// answer, and the secret is compared in constant time.
    async fn status(&self, reference: &str, headers: &HeaderMap) -> Reply {
        let not_found = || {
            Reply::error(
                StatusCode::NOT_FOUND,
                "no order with this reference and secret",
            )
        };
        let secret = header(headers, "authorization")
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token)
            .and_then(|token| Token::parse(token.trim()));
        let (Some(secret), Ok(reference)) = (secret, OrderReference::parse(reference)) else {
            return not_found();
        };
        let orders = match self.store.by_reference(&reference).await {
            Ok(orders) => orders,
            Err(e) => return unavailable(&format!("the database is unavailable: {e}")),
        };
        let fingerprint = secret.fingerprint();
        // Every candidate is compared, so the time taken does not say which one matched.
        let found = orders.into_iter().fold(None, |found, order| {
            let matches = order
                .secret_fingerprint
                .as_deref()
                .is_some_and(|kept| secret::same(kept, &fingerprint));
            if matches {
                Some(order)
            } else {
                found
            }
        });
        match found {
            Some(order) => Reply::json(StatusCode::OK, shoppers_view(&order)),
            None => not_found(),
        }
    }

    /// The body as text, once it has all arrived within its deadline and its size.
    async fn body(&self, body: Incoming) -> Result<String, Reply> {
        let options = &self.options;
        let collected = tokio::time::timeout(
            options.limits.body_deadline,
            Limited::new(body, options.max_body_bytes).collect(),
        )
        .await
        .map_err(|_| {
            Reply::error(
                StatusCode::REQUEST_TIMEOUT,
                "the order did not arrive in time; send it again",
            )
        })?
        .map_err(|e| {
            if e.is::<LengthLimitError>() {
                too_large(options.max_body_bytes)
            } else {
                Reply::error(StatusCode::BAD_REQUEST, "the order could not be read")
            }
        })?;
        String::from_utf8(collected.to_bytes().to_vec())
            .map_err(|_| Reply::error(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))
    }
}

/// What an accepted order is answered with, from the number the store gave it: with the
/// secret that lets the shopper's device ask for the order's status.
fn receipt(number: i64, order: &Order, secret: &Token) -> String {
    json!({
        "status": "received",
        "order_number": number,
        "reference": order.identity.reference,
        "total": order.total.amount_string(),
        "currency": order.currency.code(),
        "status_secret": secret.as_str(),
    })
    .to_string()
}

/// The reference in a path `/orders/{reference}/status`.
fn status_path(path: &str) -> Option<&str> {
    path.strip_prefix("/orders/")?
        .strip_suffix("/status")
        .filter(|reference| !reference.contains('/'))
}

/// What the shopper's device is told of its order: where it stands and how it got there,
/// without who took each step.
pub fn shoppers_view(order: &Listed) -> serde_json::Value {
    let current = order.history.last();
    let accepted = order
        .history
        .iter()
        .rev()
        .find(|change| change.status == OrderStatus::Accepted);
    json!({
        "reference": order.reference,
        "order_number": order.order_number,
        "status": order.status,
        "order_status": order.status.cloud_api(),
        "updated_at": order.updated_at(),
        "ready_in_minutes": accepted.and_then(|change| change.ready_in_minutes),
        // The time itself, so that a device reading it later shows no stale "30 minutes".
        "ready_by": accepted.and_then(|change| {
            let minutes = i64::from(change.ready_in_minutes?);
            Some(rfc3339_utc(unix_seconds(&change.at)? + minutes * 60))
        }),
        "reason": current
            .filter(|change| change.status == order.status)
            .and_then(|change| change.reason.as_deref()),
        "history": order.history.iter().map(|change| json!({
            "status": change.status,
            "order_status": change.status.cloud_api(),
            "at": change.at,
        })).collect::<Vec<_>>(),
    })
}

fn replayed(response: String) -> Reply {
    Reply::new(StatusCode::CREATED, "application/json", response)
        .with("Idempotent-Replayed", "true")
}

fn key_taken() -> Reply {
    Reply::error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "this Idempotency-Key was already used for a different order",
    )
}

fn unavailable(why: &str) -> Reply {
    Reply::error(StatusCode::SERVICE_UNAVAILABLE, why).with("Retry-After", "5")
}

fn too_large(max: usize) -> Reply {
    Reply::error(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the order is larger than {max} bytes"),
    )
}

pub fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Every value of a header that may come several times, joined as one list.
fn joined_header(headers: &HeaderMap, name: &'static str) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn respond(reply: Reply, allowed_origin: Option<&str>) -> Response<Body> {
    let body = match reply.stream {
        Some(stream) => Either::Right(stream),
        None => Either::Left(Full::new(Bytes::from(reply.body))),
    };
    let mut response = Response::new(body);
    *response.status_mut() = reply.status;
    let mut headers = reply.headers;
    headers.push(("Content-Type", reply.content_type.into()));
    if let Some(origin) = allowed_origin {
        headers.push(("Access-Control-Allow-Origin", origin.into()));
        headers.push((
            "Access-Control-Expose-Headers",
            "Retry-After, Idempotent-Replayed".into(),
        ));
    }
    if allowed_origin.is_some() || reply.content_type == "application/json" {
        headers.push(("Vary", "Origin".into()));
    }
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn accepted_connections_find_a_dead_peer_within_about_a_minute() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (_client, accepted) =
            tokio::join!(tokio::net::TcpStream::connect(address), listener.accept());
        let (stream, _) = accepted.unwrap();
        find_dead_peers(&stream).unwrap();
        let socket = socket2::SockRef::from(&stream);
        assert!(socket.keepalive().unwrap());
        assert_eq!(socket.tcp_keepalive_time().unwrap(), KEEPALIVE_IDLE);
        assert_eq!(socket.tcp_keepalive_interval().unwrap(), KEEPALIVE_INTERVAL);
        assert_eq!(socket.tcp_keepalive_retries().unwrap(), KEEPALIVE_PROBES);
        #[cfg(target_os = "linux")]
        assert_eq!(
            socket.tcp_user_timeout().unwrap(),
            Some(UNACKNOWLEDGED_AT_MOST)
        );
    }

    #[test]
    fn a_flooding_client_waits_while_others_go_on() {
        let mut limiter = RateLimiter::new(3);
        let start = Instant::now();
        let flooder: IpAddr = [10, 0, 0, 1].into();
        let other: IpAddr = [10, 0, 0, 2].into();
        for _ in 0..3 {
            assert_eq!(limiter.admit(flooder, start), Ok(()));
        }
        assert_eq!(limiter.admit(flooder, start), Err(20));
        assert_eq!(limiter.admit(other, start), Ok(()));
        assert_eq!(
            limiter.admit(flooder, start + Duration::from_secs(20)),
            Ok(())
        );
    }
}
