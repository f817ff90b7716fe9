//! The orders placed from this device, as "My orders" lists them, and what the shop's
//! server last said of each. An order sent to an endpoint is asked after by its reference
//! and the secret the server gave this device when it took the order; an order sent on
//! WhatsApp is confirmed there, and says so.

use serde::{Deserialize, Serialize};

use crate::checkout::Fulfilment;
use crate::order_status::OrderStatus;
use crate::outbox::OutboxEntry;
use crate::reference::OrderReference;

use super::EndpointAnswer;

/// The most orders kept in the list: the newest.
pub const KEPT: usize = 20;

/// The most orders asked after at once: the newest still under way. Each ask counts
/// against the shopper's requests per minute at the receiver (60 by default).
const ASKED_AT_ONCE: usize = 4;

/// How often the statuses are asked again while the list is open.
pub const REFRESH_MS: u32 = 5_000;

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedOrder {
    pub reference: OrderReference,
    /// When the shopper placed it, RFC 3339 (the order's `created_at`).
    pub placed_at: String,
    /// The total as the shopper read it: "₹783.00".
    pub total_text: String,
    pub fulfilment: Fulfilment,
    /// How the shop's server took it; `None`: it went on WhatsApp, and the shop confirms
    /// there.
    pub taken: Option<Taken>,
}

/// An order the shop's server took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    pub endpoint: String,
    pub order_number: Option<String>,
    /// What the server gave this device to ask after the order; `None` when it gave
    /// nothing, or said it does not know the order by it.
    pub secret: Option<String>,
    /// What the server last said.
    pub status: ShopStatus,
}

/// An order's status as the shop's server tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopStatus {
    /// Read as text: the derived enum reader would add kilobytes to every shopper's
    /// download for seven names.
    #[serde(with = "status_name")]
    pub status: OrderStatus,
    #[serde(default)]
    pub ready_in_minutes: Option<u32>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl ShopStatus {
    /// What a server says when it takes an order.
    pub fn received() -> ShopStatus {
        ShopStatus {
            status: OrderStatus::Received,
            ready_in_minutes: None,
            reason: None,
        }
    }
}

mod status_name {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use crate::order_status::OrderStatus;

    pub fn serialize<S: Serializer>(status: &OrderStatus, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(status.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<OrderStatus, D::Error> {
        let name = String::deserialize(from)?;
        OrderStatus::parse(&name).ok_or_else(|| D::Error::custom("not an order status"))
    }
}

/// One question for the shell: GET `url` with `Authorization: Bearer {secret}`, then call
/// `status_answered`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusQuery {
    pub reference: OrderReference,
    pub url: String,
    pub secret: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlacedOrders {
    orders: Vec<PlacedOrder>,
    /// The last question about an order got no answer: what is shown may be old.
    unreachable: bool,
    /// How often the list changed: what shows it follows this.
    changes: usize,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    orders: Vec<PlacedOrder>,
}

impl PlacedOrders {
    /// The list as saved; `None` when it cannot be read.
    pub fn from_storage(text: &str) -> Option<PlacedOrders> {
        let stored: Stored = serde_json::from_str(text).ok()?;
        (stored.version == VERSION).then(|| PlacedOrders {
            orders: stored.orders.into_iter().take(KEPT).collect(),
            ..PlacedOrders::default()
        })
    }

    pub fn to_storage(&self) -> String {
        serde_json::to_string(&Stored {
            version: VERSION,
            orders: self.orders.clone(),
        })
        .unwrap_or_default()
    }

    /// Newest first.
    pub fn orders(&self) -> &[PlacedOrder] {
        &self.orders
    }

    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    pub fn unreachable(&self) -> bool {
        self.unreachable
    }

    pub fn changes(&self) -> usize {
        self.changes
    }

    /// Puts the order `entry` describes at the top, `taken` by the shop's server or sent
    /// on WhatsApp; the oldest beyond `KEPT` go. An order already listed is listed once.
    pub fn add(&mut self, entry: &OutboxEntry, taken: Option<Taken>) {
        #[derive(Deserialize)]
        struct Placed {
            created_at: String,
            address: Option<serde::de::IgnoredAny>,
        }
        let placed: Option<Placed> = serde_json::from_str(&entry.body).ok();
        self.orders.retain(|o| o.reference != entry.reference);
        self.orders.insert(
            0,
            PlacedOrder {
                reference: entry.reference,
                placed_at: placed
                    .as_ref()
                    .map(|p| p.created_at.clone())
                    .unwrap_or_default(),
                total_text: entry.total_text.clone(),
                fulfilment: match placed.and_then(|p| p.address) {
                    Some(_) => Fulfilment::Delivery,
                    None => Fulfilment::Pickup,
                },
                taken,
            },
        );
        self.orders.truncate(KEPT);
        self.changes += 1;
    }

    /// What to ask the page's `endpoint` (the only server this device's secrets are sent
    /// to): the newest orders it took that are still under way.
    pub fn questions(&self, endpoint: Option<&str>) -> Vec<StatusQuery> {
        let Some(endpoint) = endpoint else {
            return Vec::new();
        };
        self.orders
            .iter()
            .filter_map(|order| {
                let taken = order.taken.as_ref()?;
                let asked = taken.endpoint == endpoint && !taken.status.status.is_final();
                Some(StatusQuery {
                    reference: order.reference,
                    url: status_url(endpoint, &order.reference),
                    secret: taken.secret.clone().filter(|_| asked)?,
                })
            })
            .take(ASKED_AT_ONCE)
            .collect()
    }

    /// What the server answered about `reference` (`None`: no answer).
    pub fn answered(&mut self, reference: &OrderReference, answer: Option<EndpointAnswer>) {
        let Some(Taken { secret, status, .. }) = self
            .orders
            .iter_mut()
            .find(|o| o.reference == *reference)
            .and_then(|o| o.taken.as_mut())
        else {
            return;
        };
        self.changes += 1;
        let Some(answer) = answer else {
            self.unreachable = true;
            return;
        };
        self.unreachable = false;
        match answer.status {
            200..=299 => {
                if let Ok(told) = serde_json::from_str::<ShopStatus>(&answer.body) {
                    *status = told;
                }
            }
            // The server does not know the order by this secret (or tells no statuses):
            // it is not asked again.
            404 | 401 | 403 | 405 | 410 => *secret = None,
            // Busy or failing: the next refresh asks again.
            _ => self.unreachable = true,
        }
    }
}

/// Where the receiver tells an order's status: beside its orders endpoint.
fn status_url(endpoint: &str, reference: &OrderReference) -> String {
    format!("{}/{reference}/status", endpoint.trim_end_matches('/'))
}

/// The secret a server's acknowledgement gives, to ask after the order later.
pub fn status_secret(response_body: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Acknowledgement {
        status_secret: Option<String>,
    }
    let secret = serde_json::from_str::<Acknowledgement>(response_body)
        .ok()?
        .status_secret?;
    // Sent back in a header: only what a header can carry, and not unbounded.
    (!secret.is_empty() && secret.len() <= 256 && secret.bytes().all(|b| b.is_ascii_graphic()))
        .then_some(secret)
}
