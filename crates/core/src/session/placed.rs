//! The orders placed from this device, as "My orders" lists them, and what the shop's
//! server last said of each. An order sent to an endpoint is asked after by its reference
//! and the secret the server gave this device when it took the order; an order sent on
//! WhatsApp is confirmed there, and says so.

use crate::checkout::Fulfilment;
use crate::json::{self, Json, JsonError, ToJson};
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

#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopStatus {
    pub status: OrderStatus,
    /// When an accepted order should arrive (or be ready to collect), RFC 3339: the shop
    /// worked it out from when it accepted the order.
    pub ready_by: Option<String>,
    pub reason: Option<String>,
}

impl ShopStatus {
    /// What a server says when it takes an order.
    pub fn received() -> ShopStatus {
        ShopStatus {
            status: OrderStatus::Received,
            ready_by: None,
            reason: None,
        }
    }

    /// What the shop's server answers when asked after an order: `{"status": "accepted",
    /// "ready_by": "…", "reason": "…"}` (`None`: not such an answer).
    pub fn from_answer(body: &str) -> Option<ShopStatus> {
        ShopStatus::read(&json::parse(body).ok()?)
    }

    /// A status as the server tells it and as it is saved: what else the object holds, and
    /// a `ready_by` or `reason` that is not text, are passed over.
    fn read(json: &Json) -> Option<ShopStatus> {
        let text = |name| {
            let text = json.field(name)?.as_str().ok()?;
            Some(text.to_owned())
        };
        Some(ShopStatus {
            status: OrderStatus::parse(json.field("status")?.as_str().ok()?)?,
            ready_by: text("ready_by"),
            reason: text("reason"),
        })
    }
}

impl ToJson for ShopStatus {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("status", &self.status.as_str()),
                ("ready_by", &self.ready_by),
                ("reason", &self.reason),
            ],
        );
    }
}

impl ToJson for Taken {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("endpoint", &self.endpoint),
                ("order_number", &self.order_number),
                ("secret", &self.secret),
                ("status", &self.status),
            ],
        );
    }
}

impl ToJson for PlacedOrder {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("reference", &self.reference.as_str()),
                ("placed_at", &self.placed_at),
                ("total_text", &self.total_text),
                ("fulfilment", &self.fulfilment.name()),
                ("taken", &self.taken),
            ],
        );
    }
}

impl PlacedOrder {
    fn read(json: &Json) -> Result<PlacedOrder, JsonError> {
        let order = json.object()?;
        let taken = match order.get("taken") {
            Some(taken) => Some(Taken::read(taken)?),
            None => None,
        };
        Ok(PlacedOrder {
            reference: order.required_as("reference", OrderReference::try_from)?,
            placed_at: order.required_string("placed_at")?,
            total_text: order.required_string("total_text")?,
            fulfilment: order.required_as("fulfilment", |name| {
                Fulfilment::parse(&name).ok_or("not delivery or pickup")
            })?,
            taken,
        })
    }
}

impl Taken {
    fn read(json: &Json) -> Result<Taken, JsonError> {
        let taken = json.object()?;
        let status = taken.required("status")?;
        Ok(Taken {
            endpoint: taken.required_string("endpoint")?,
            order_number: taken.string("order_number")?,
            secret: taken.string("secret")?,
            status: ShopStatus::read(status)
                .ok_or_else(|| JsonError::new(status.at, "not an order's status"))?,
        })
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

impl PlacedOrders {
    /// The list as saved; `None` when it cannot be read.
    pub fn from_storage(text: &str) -> Option<PlacedOrders> {
        let json = json::parse(text).ok()?;
        let stored = json.object().ok()?;
        if stored.required_u32("version").ok()? != VERSION {
            return None;
        }
        let orders = stored.required_list("orders", PlacedOrder::read).ok()?;
        Some(PlacedOrders {
            orders: listed(orders),
            ..PlacedOrders::default()
        })
    }

    pub fn to_storage(&self) -> String {
        json::object_text(&[("version", &VERSION), ("orders", &self.orders)])
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

    /// Lists the order `entry` describes, `taken` by the shop's server or sent on WhatsApp, in
    /// place of what was listed of it; the oldest beyond `KEPT` go.
    pub fn add(&mut self, entry: &OutboxEntry, taken: Option<Taken>) {
        let order = json::parse(&entry.body).ok();
        let field = |name| order.as_ref()?.field(name);
        let placed_at = field("created_at").and_then(|at| at.as_str().ok());
        self.orders.retain(|o| o.reference != entry.reference);
        self.orders.push(PlacedOrder {
            reference: entry.reference,
            placed_at: placed_at.unwrap_or_default().to_owned(),
            total_text: entry.total_text.clone(),
            fulfilment: match field("address") {
                Some(_) => Fulfilment::Delivery,
                None => Fulfilment::Pickup,
            },
            taken,
        });
        self.orders = listed(std::mem::take(&mut self.orders));
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
        let Some(taken) = self
            .orders
            .iter_mut()
            .find(|o| o.reference == *reference)
            .and_then(|o| o.taken.as_mut())
        else {
            return;
        };
        let before = (taken.clone(), self.unreachable);
        match answer.map(|a| (a.status, a.body)) {
            Some((200..=299, body)) => {
                if let Some(told) = ShopStatus::from_answer(&body) {
                    taken.status = told;
                }
                self.unreachable = false;
            }
            // The server does not know the order by this secret (or tells no statuses):
            // it is not asked again.
            Some((404 | 401 | 403 | 405 | 410, _)) => {
                taken.secret = None;
                self.unreachable = false;
            }
            // Asked too often (another tab asks too): the next refresh asks again, and
            // the news is no older than the other tab's.
            Some((429, _)) => {}
            // No answer, or a failing server: the news shown may be old.
            _ => self.unreachable = true,
        }
        if before != (taken.clone(), self.unreachable) {
            self.changes += 1;
        }
    }

    /// Takes in the list another tab of the shop saved: the orders this one lacks, and
    /// the newer news of those both have; so neither tab's save loses the other's orders.
    /// Whether the list changed.
    pub fn merge(&mut self, other: PlacedOrders) -> bool {
        let before = self.orders.clone();
        let mut both = std::mem::take(&mut self.orders);
        both.extend(other.orders);
        self.orders = listed(both);
        let changed = self.orders != before;
        if changed {
            self.changes += 1;
        }
        changed
    }
}

/// The list as every tab keeps it, so that tabs holding the same orders save the same text
/// (else each would answer the other's save, without end): each order once, the copy that
/// `rank` puts first; newest first (RFC 3339 UTC times order as text), then by reference;
/// the newest `KEPT`.
fn listed(orders: Vec<PlacedOrder>) -> Vec<PlacedOrder> {
    let mut kept: Vec<PlacedOrder> = Vec::with_capacity(orders.len());
    for order in orders {
        match kept.iter_mut().find(|k| k.reference == order.reference) {
            Some(copy) if rank(&order) > rank(copy) => *copy = order,
            Some(_) => {}
            None => kept.push(order),
        }
    }
    // By insertion, as the dedupe above is quadratic anyway: std's sort, compiled for this
    // one list, was 734 bytes of brotli of every shopper's first download.
    let comes_first = |a: &PlacedOrder, b: &PlacedOrder| {
        (&a.placed_at, a.reference) > (&b.placed_at, b.reference)
    };
    for end in 1..kept.len() {
        let mut at = end;
        while at > 0 && comes_first(&kept[at], &kept[at - 1]) {
            kept.swap(at, at - 1);
            at -= 1;
        }
    }
    kept.truncate(KEPT);
    kept
}

/// Which of two copies of one order is kept: the one that knows more (taken by the shop's
/// server, then further on), and between copies that know as much, the same one in every
/// tab, by the rest of what they hold.
fn rank(order: &PlacedOrder) -> impl Ord + '_ {
    let taken = order.taken.as_ref();
    (
        taken.map(progress),
        taken.map(|t| {
            let status = &t.status;
            (
                &status.ready_by,
                &status.reason,
                &t.order_number,
                &t.secret,
                &t.endpoint,
            )
        }),
        (
            &order.placed_at,
            &order.total_text,
            order.fulfilment == Fulfilment::Delivery,
        ),
    )
}

/// How far an order has come, as far as a tab knows: a final step beats any other, a later
/// step an earlier one, and a secret the server disowned beats one still held.
fn progress(taken: &Taken) -> (bool, Option<usize>, bool) {
    let status = taken.status.status;
    (
        status.is_final(),
        OrderStatus::ALL.iter().position(|s| *s == status),
        taken.secret.is_none(),
    )
}

/// Where the receiver tells an order's status: beside its orders endpoint.
fn status_url(endpoint: &str, reference: &OrderReference) -> String {
    format!("{}/{reference}/status", endpoint.trim_end_matches('/'))
}

/// The secret a server's acknowledgement gives, to ask after the order later.
pub fn status_secret(response_body: &str) -> Option<String> {
    let ack = json::parse(response_body).ok()?;
    let secret = ack.field("status_secret")?.as_str().ok()?;
    // Sent back in a header: only what a header can carry, and not unbounded.
    (!secret.is_empty() && secret.len() <= 256 && secret.bytes().all(|b| b.is_ascii_graphic()))
        .then(|| secret.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idempotency::IdempotencyKey;

    const ENDPOINT: &str = "https://shop.example/orders";

    /// The order numbered `n`, placed `n` minutes after 08:00, taken at ENDPOINT with a
    /// secret.
    fn placed(list: &mut PlacedOrders, n: u32) -> OrderReference {
        let entry = outbox_entry(n);
        let reference = entry.reference;
        let taken = Taken {
            endpoint: ENDPOINT.into(),
            order_number: Some(n.to_string()),
            secret: Some(format!("secret-{n}")),
            status: ShopStatus::received(),
        };
        list.add(&entry, Some(taken));
        reference
    }

    #[test]
    fn the_list_reads_back_as_it_was_saved() {
        let mut list = PlacedOrders::default();
        placed(&mut list, 1);
        let second = placed(&mut list, 2);
        list.answered(
            &second,
            answer(
                200,
                r#"{"status":"rejected","reason":"Out of \"atta\"","ready_by":"2026-11-30T10:00:00Z","extra":1}"#,
            ),
        );
        let on_whatsapp = OutboxEntry {
            reference: OrderReference::from_random(3),
            body: r#"{"created_at":"2026-11-30T09:00:00Z","address":{"city":"Mumbai"}}"#.into(),
            ..outbox_entry(3)
        };
        list.add(&on_whatsapp, None);
        let read = PlacedOrders::from_storage(&list.to_storage()).unwrap();
        assert_eq!(read.orders(), list.orders());
        assert_eq!(read.orders()[0].fulfilment, Fulfilment::Delivery);
        assert_eq!(read.orders()[0].placed_at, "2026-11-30T09:00:00Z");
        let rejected = read.orders()[1].taken.as_ref().unwrap();
        assert_eq!(rejected.status.status, OrderStatus::Rejected);
        assert_eq!(rejected.status.reason.as_deref(), Some("Out of \"atta\""));
        assert_eq!(
            rejected.status.ready_by.as_deref(),
            Some("2026-11-30T10:00:00Z")
        );
        assert_eq!(
            PlacedOrders::from_storage(r#"{"version":2,"orders":[]}"#),
            None
        );
        assert_eq!(PlacedOrders::from_storage("[]"), None);
    }

    /// Each tab takes in the other's save, as the storage event tells it, until neither
    /// changes: at most `rounds`. Whether they came to the same saved text.
    fn exchange(ours: &mut PlacedOrders, theirs: &mut PlacedOrders, rounds: usize) -> bool {
        for _ in 0..rounds {
            let a = theirs.merge(PlacedOrders::from_storage(&ours.to_storage()).unwrap());
            let b = ours.merge(PlacedOrders::from_storage(&theirs.to_storage()).unwrap());
            if !a && !b {
                break;
            }
        }
        ours.to_storage() == theirs.to_storage()
    }

    #[test]
    fn tabs_holding_different_copies_of_an_order_settle_on_one() {
        // Sent on WhatsApp in one tab, taken by the server in the other.
        let (mut ours, mut theirs) = (PlacedOrders::default(), PlacedOrders::default());
        let entry = outbox_entry(1);
        ours.add(&entry, None);
        let reference = placed(&mut theirs, 1);
        assert!(exchange(&mut ours, &mut theirs, 2));
        assert!(ours.orders()[0].taken.is_some(), "the server took it");
        assert!(!ours.merge(PlacedOrders::from_storage(&theirs.to_storage()).unwrap()));

        // The same step, told with different times by the shop's server.
        let mut later = ours.clone();
        ours.answered(
            &reference,
            answer(
                200,
                r#"{"status":"accepted","ready_by":"2026-11-30T09:00:00Z"}"#,
            ),
        );
        later.answered(
            &reference,
            answer(
                200,
                r#"{"status":"accepted","ready_by":"2026-11-30T09:30:00Z"}"#,
            ),
        );
        assert_ne!(ours.to_storage(), later.to_storage());
        assert!(exchange(&mut ours, &mut later, 2));
        assert!(!later.merge(PlacedOrders::from_storage(&ours.to_storage()).unwrap()));
    }

    #[test]
    fn a_list_is_saved_byte_for_byte_as_serde_saved_it() {
        use crate::json::tests::AWKWARD;
        use crate::outbox::tests::numbered;
        let mut list = PlacedOrders::default();
        list.add(&numbered(3, false), None);
        let taken = Taken {
            endpoint: ENDPOINT.into(),
            order_number: Some("1042".into()),
            secret: None,
            status: ShopStatus {
                status: OrderStatus::OutForDelivery,
                ready_by: Some("2026-11-30T10:00:00Z".into()),
                reason: Some(AWKWARD.into()),
            },
        };
        list.add(&numbered(4, true), Some(taken));
        assert_eq!(
            list.to_storage(),
            r#"{"version":1,"orders":[{"reference":"CC-400000","placed_at":"","total_text":"₹783.00","fulfilment":"pickup","taken":{"endpoint":"https://shop.example/orders","order_number":"1042","secret":null,"status":{"status":"out_for_delivery","ready_by":"2026-11-30T10:00:00Z","reason":"Ring \"twice\" \\ then\nwait\t\r\u0001\b\f\u001f ₹ 😀 </script>"}}},{"reference":"CC-300000","placed_at":"","total_text":"₹783.00","fulfilment":"pickup","taken":null}]}"#
        );
    }

    #[test]
    fn a_saved_list_is_read_newest_first_each_order_once() {
        let mut list = PlacedOrders::default();
        for n in 0..KEPT as u32 + 5 {
            placed(&mut list, n);
        }
        let mut stored: Vec<_> = list.orders().to_vec();
        stored.push(stored[0].clone());
        stored.reverse();
        let text = json::object_text(&[("version", &VERSION), ("orders", &stored)]);
        let read = PlacedOrders::from_storage(&text).unwrap();
        assert_eq!(read.orders(), list.orders());
        assert_eq!(read.orders()[0].placed_at, "2026-11-30T08:24:00Z");
    }

    /// The order numbered `n`, placed `n` minutes after 08:00 for collection.
    fn outbox_entry(n: u32) -> OutboxEntry {
        OutboxEntry {
            reference: OrderReference::from_random(n),
            idempotency_key: IdempotencyKey::from_random([n as u8; 16]),
            endpoint: ENDPOINT.into(),
            body: format!(r#"{{"created_at":"2026-11-30T08:{n:02}:00Z","address":null}}"#),
            total: "100.00".into(),
            currency: "INR".into(),
            whatsapp: None,
            total_text: "₹100.00".into(),
            upi_link: None,
        }
    }

    fn answer(status: u16, body: &str) -> Option<EndpointAnswer> {
        Some(EndpointAnswer {
            status,
            body: body.into(),
            retry_after_ms: None,
        })
    }

    #[test]
    fn the_newest_orders_are_kept_once_each_and_the_newest_under_way_asked_after() {
        let mut list = PlacedOrders::default();
        let first = placed(&mut list, 0);
        for n in 1..=KEPT as u32 {
            placed(&mut list, n);
        }
        assert_eq!(list.orders().len(), KEPT);
        assert!(
            list.orders().iter().all(|o| o.reference != first),
            "the oldest went"
        );
        let newest = placed(&mut list, KEPT as u32);
        assert_eq!(list.orders().len(), KEPT, "placed again, listed once");
        assert_eq!(list.orders()[0].reference, newest);
        assert_eq!(list.orders()[0].fulfilment, Fulfilment::Pickup);

        let asked = list.questions(Some(ENDPOINT));
        assert_eq!(asked.len(), ASKED_AT_ONCE);
        assert_eq!(asked[0].reference, newest);
        list.answered(&newest, answer(200, r#"{"status":"delivered"}"#));
        let asked = list.questions(Some(ENDPOINT));
        assert!(
            asked.iter().all(|q| q.reference != newest),
            "delivered: not asked"
        );
        assert_eq!(asked.len(), ASKED_AT_ONCE);
    }

    #[test]
    fn only_an_answer_that_changes_something_redraws_and_a_busy_server_is_not_unreachable() {
        let mut list = PlacedOrders::default();
        let reference = placed(&mut list, 1);
        let changes = list.changes();
        list.answered(&reference, answer(200, r#"{"status":"received"}"#));
        assert_eq!(list.changes(), changes, "the same news");
        list.answered(&reference, answer(429, r#"{"error":"too many requests"}"#));
        assert!(!list.unreachable());
        list.answered(&reference, answer(503, ""));
        assert!(list.unreachable());
        list.answered(&reference, answer(200, r#"{"status":"nonsense"}"#));
        assert_eq!(
            list.orders()[0].taken.as_ref().unwrap().status,
            ShopStatus::received()
        );
        assert!(!list.unreachable());
        assert!(list.changes() > changes);
    }

    #[test]
    fn two_tabs_lists_merge_without_losing_an_order_or_news() {
        let (mut ours, mut theirs) = (PlacedOrders::default(), PlacedOrders::default());
        let shared = placed(&mut ours, 1);
        placed(&mut theirs, 1);
        let only_ours = placed(&mut ours, 2);
        let only_theirs = placed(&mut theirs, 3);
        theirs.answered(&shared, answer(200, r#"{"status":"accepted"}"#));

        assert!(ours.merge(theirs.clone()));
        let references: Vec<OrderReference> = ours.orders().iter().map(|o| o.reference).collect();
        assert_eq!(references, [only_theirs, only_ours, shared], "newest first");
        let status = |list: &PlacedOrders| list.orders()[2].taken.clone().unwrap().status.status;
        assert_eq!(
            status(&ours),
            OrderStatus::Accepted,
            "the further step wins"
        );
        // Merged back, the other tab comes to the same list, and nothing moves again.
        assert!(theirs.merge(ours.clone()));
        assert_eq!(theirs.orders(), ours.orders());
        assert!(!ours.merge(theirs));
    }

    #[test]
    fn tabs_that_listed_orders_in_another_order_come_to_the_same_saved_list() {
        // This tab heard of the 08:01 order's acknowledgement last, so it is on top here; two
        // orders of the same minute are kept in one order by their references.
        let mut ours = PlacedOrders::default();
        let (first, second, same_time) = (outbox_entry(1), outbox_entry(2), outbox_entry(3));
        let same_time = OutboxEntry {
            body: second.body.clone(),
            ..same_time
        };
        for entry in [&second, &same_time, &first] {
            ours.add(entry, None);
        }
        let mut theirs = PlacedOrders::default();
        theirs.add(&second, None);
        theirs.merge(PlacedOrders::from_storage(&ours.to_storage()).unwrap());
        ours.merge(PlacedOrders::from_storage(&theirs.to_storage()).unwrap());
        assert_eq!(ours.to_storage(), theirs.to_storage());
        assert!(!theirs.merge(PlacedOrders::from_storage(&ours.to_storage()).unwrap()));
        let times: Vec<&str> = ours.orders().iter().map(|o| o.placed_at.as_str()).collect();
        assert_eq!(
            times,
            [
                "2026-11-30T08:02:00Z",
                "2026-11-30T08:02:00Z",
                "2026-11-30T08:01:00Z"
            ]
        );
    }
}
