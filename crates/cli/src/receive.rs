//! `chatcart receive`: a reference order endpoint. It re-prices every order from the
//! merchant's catalog, stores accepted ones in SQLite, answers a retried Idempotency-Key
//! with the original response, allows exactly the listed origins, and slows floods down.

use std::collections::HashMap;
use std::hash::Hash;
use std::io::Read;
use std::net::IpAddr;
use std::time::Instant;

use chatcart_core::catalog::Catalog;
use chatcart_core::idempotency::IdempotencyKey;
use chatcart_core::intake::{check_order, IntakeRules};
use chatcart_core::order::OrderDocument;
use serde_json::json;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::client::client_address;
use crate::store::OrderStore;

pub struct ReceiveOptions {
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
}

/// A token bucket per key (a client's address, or `()` for the whole shop): `per_minute`
/// tokens, refilled evenly.
struct RateLimiter<K> {
    per_minute: u32,
    buckets: HashMap<K, (f64, Instant)>,
}

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

struct Reply {
    status: u16,
    body: String,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(status: u16, body: serde_json::Value) -> Self {
        Reply {
            status,
            body: body.to_string(),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, error: &str) -> Self {
        Reply::json(status, json!({ "error": error }))
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

pub fn serve(options: ReceiveOptions) -> Result<(), String> {
    let mut store = OrderStore::open(&options.db)
        .map_err(|e| format!("{}: cannot open the database: {e}", options.db))?;
    let server = Server::http(&options.address)
        .map_err(|e| format!("cannot listen on {}: {e}", options.address))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    println!(
        "chatcart receive: {} products; orders to http://{address}/orders; stored in {}",
        options.catalog.variant_count(),
        options.db
    );
    let mut per_client = RateLimiter::new(options.per_minute);
    let mut whole_shop = RateLimiter::new(options.shop_per_minute);
    for mut request in server.incoming_requests() {
        let origin = header(&request, "Origin");
        let allowed = origin
            .as_ref()
            .filter(|o| options.allowed_origins.iter().any(|a| a == *o))
            .cloned();
        let client = request.remote_addr().map(|a| {
            client_address(
                a.ip(),
                joined_header(&request, "Forwarded").as_deref(),
                joined_header(&request, "X-Forwarded-For").as_deref(),
                &options.trusted_proxies,
            )
        });
        // A CORS preflight is the browser's question, not the shopper's request: not counted.
        let counted = *request.method() != Method::Options;
        let now = Instant::now();
        let admitted = match client.filter(|_| counted) {
            Some(ip) => per_client
                .admit(ip, now)
                .and_then(|()| whole_shop.admit((), now)),
            None => Ok(()),
        };
        let reply = match admitted {
            Err(wait) => Reply::error(429, "too many requests; try again later")
                .with("Retry-After", wait.to_string()),
            _ if origin.is_some() && allowed.is_none() => {
                Reply::error(403, "this origin may not send orders here")
            }
            _ => route(&mut request, &options, &mut store),
        };
        respond(request, reply, allowed.as_deref());
    }
    Ok(())
}

fn header(request: &Request, name: &'static str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_owned())
}

/// Every value of a header that may come several times, joined as one list.
fn joined_header(request: &Request, name: &'static str) -> Option<String> {
    let values: Vec<&str> = request
        .headers()
        .iter()
        .filter(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn route(request: &mut Request, options: &ReceiveOptions, store: &mut OrderStore) -> Reply {
    let path = request
        .url()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    match (request.method(), path.as_str()) {
        (Method::Options, "/orders") => Reply {
            status: 204,
            body: String::new(),
            headers: vec![
                ("Access-Control-Allow-Methods", "POST".into()),
                (
                    "Access-Control-Allow-Headers",
                    "Content-Type, Idempotency-Key".into(),
                ),
                ("Access-Control-Max-Age", "600".into()),
            ],
        },
        (Method::Post, "/orders") => receive(request, options, store),
        (Method::Get, "/health") => Reply::json(200, json!({ "status": "ok" })),
        (_, "/orders") => Reply::error(405, "send orders with POST").with("Allow", "POST, OPTIONS"),
        _ => Reply::error(404, "not found; orders go to /orders"),
    }
}

fn receive(request: &mut Request, options: &ReceiveOptions, store: &mut OrderStore) -> Reply {
    let is_json = header(request, "Content-Type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Reply::error(415, "send the order as Content-Type: application/json");
    }
    let Some(key) = header(request, "Idempotency-Key").and_then(|k| IdempotencyKey::parse(&k).ok())
    else {
        return Reply::error(
            400,
            "an Idempotency-Key header (1 to 255 characters) is required",
        );
    };
    if request.body_length().unwrap_or(0) > options.max_body_bytes {
        return Reply::error(413, &too_large(options.max_body_bytes));
    }
    let mut body = String::new();
    let limit = options.max_body_bytes as u64 + 1;
    if request
        .as_reader()
        .take(limit)
        .read_to_string(&mut body)
        .is_err()
    {
        return Reply::error(400, "the body is not UTF-8 text");
    }
    if body.len() > options.max_body_bytes {
        return Reply::error(413, &too_large(options.max_body_bytes));
    }

    match store.find(&key) {
        Ok(Some(stored)) if stored.request_body == body => {
            return Reply {
                status: 201,
                body: stored.response_body,
                headers: vec![("Idempotent-Replayed", "true".into())],
            }
        }
        Ok(Some(_)) => {
            return Reply::error(
                422,
                "this Idempotency-Key was already used for a different order",
            )
        }
        Ok(None) => {}
        Err(e) => return Reply::error(503, &format!("the database is unavailable: {e}")),
    }

    let document: OrderDocument = match serde_json::from_str(&body) {
        Ok(document) => document,
        Err(e) => return Reply::error(400, &format!("the order is not chatcart order JSON: {e}")),
    };
    if key != document.idempotency_key {
        return Reply::error(
            422,
            "the Idempotency-Key header and the order's idempotency_key differ",
        );
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let order = match check_order(&document, &options.catalog, &options.rules, now) {
        Ok(order) => order,
        Err(problems) => {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Reply::json(
                422,
                json!({ "error": "order refused", "problems": problems }),
            );
        }
    };
    let response = store.insert(&order, &body, |number| {
        json!({
            "status": "received",
            "order_number": number,
            "reference": order.identity.reference,
            "total": order.total.amount_string(),
            "currency": order.currency.code(),
        })
        .to_string()
    });
    match response {
        Ok(body) => Reply {
            status: 201,
            body,
            headers: Vec::new(),
        },
        Err(e) => Reply::error(503, &format!("the order could not be stored: {e}"))
            .with("Retry-After", "5"),
    }
}

fn too_large(max: usize) -> String {
    format!("the order is larger than {max} bytes")
}

fn respond(request: Request, reply: Reply, allowed_origin: Option<&str>) {
    let mut response = Response::from_string(reply.body).with_status_code(reply.status);
    let mut headers = reply.headers;
    headers.push(("Content-Type", "application/json".into()));
    if let Some(origin) = allowed_origin {
        headers.push(("Access-Control-Allow-Origin", origin.into()));
        headers.push((
            "Access-Control-Expose-Headers",
            "Retry-After, Idempotent-Replayed".into(),
        ));
    }
    headers.push(("Vary", "Origin".into()));
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A client that went away before the answer is not the receiver's problem.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
