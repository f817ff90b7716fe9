//! Orders on their way to the merchant's endpoint: kept in an outbox (saved before the
//! first try, removed only when the server acknowledges), sent again with capped
//! exponential backoff and jitter, honouring `Retry-After`.

use crate::handoff::{UpiId, WhatsAppHandoff, WhatsAppNumber};
use crate::idempotency::IdempotencyKey;
use crate::json::{self, Json, JsonError, ToJson, Value};
use crate::reference::OrderReference;
use crate::text::whole_number;

/// Tries before the shopper is offered the WhatsApp hand-off instead.
pub const MAX_ATTEMPTS: u32 = 7;
const BASE_DELAY_MS: u32 = 1_000;
const MAX_DELAY_MS: u32 = 30_000;
/// The longest `Retry-After` we wait for; a server asking for more is treated as down.
const MAX_RETRY_AFTER_MS: u32 = 120_000;

/// One order waiting for the server's acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub reference: OrderReference,
    pub idempotency_key: IdempotencyKey,
    pub endpoint: String,
    /// The order JSON, sent byte for byte the same on every try.
    pub body: String,
    /// The order's exact total and its currency: "783.00", "INR".
    pub total: String,
    pub currency: String,
    /// The same order through WhatsApp, if the server never takes it (and the shop has a number).
    pub whatsapp: Option<WhatsAppHandoff>,
    /// The total as the shopper reads it: "₹783.00".
    pub total_text: String,
    /// The order's payment link, when it is paid by UPI.
    pub upi_link: Option<String>,
}

impl ToJson for OutboxEntry {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("reference", &self.reference.as_str()),
                ("idempotency_key", &self.idempotency_key.as_str()),
                ("endpoint", &self.endpoint),
                ("body", &self.body),
                ("total", &self.total),
                ("currency", &self.currency),
                ("whatsapp", &self.whatsapp),
                ("total_text", &self.total_text),
                ("upi_link", &self.upi_link),
            ],
        );
    }
}

impl OutboxEntry {
    fn read(json: &Json) -> Result<OutboxEntry, JsonError> {
        let entry = json.object()?;
        Ok(OutboxEntry {
            reference: entry.required_as("reference", OrderReference::try_from)?,
            idempotency_key: entry.required_as("idempotency_key", IdempotencyKey::try_from)?,
            endpoint: entry.required_string("endpoint")?,
            body: entry.required_string("body")?,
            total: entry.required_string("total")?,
            currency: entry.required_string("currency")?,
            whatsapp: entry
                .get("whatsapp")
                .map(WhatsAppHandoff::read)
                .transpose()?,
            total_text: entry.required_string("total_text")?,
            upi_link: entry.string("upi_link")?,
        })
    }

    /// The entry as this page may use it: storage can be edited, so nothing it holds is
    /// trusted. It goes to the page's endpoint (none: it is not posted), and keeps only a
    /// WhatsApp hand-off to the shop's number and a UPI link to the shop's UPI id, in the
    /// forms this code writes.
    pub fn trusted(
        mut self,
        endpoint: Option<&str>,
        whatsapp: Option<&WhatsAppNumber>,
        upi: Option<&UpiId>,
    ) -> OutboxEntry {
        self.endpoint = endpoint.unwrap_or_default().to_owned();
        self.whatsapp = self
            .whatsapp
            .filter(|handoff| whatsapp.is_some_and(|number| number.wrote(handoff)));
        self.upi_link = self
            .upi_link
            .filter(|link| upi.is_some_and(|upi| upi.wrote(link)));
        self
    }
}

const OUTBOX_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    pub entries: Vec<OutboxEntry>,
}

impl Outbox {
    pub fn to_storage(&self) -> String {
        json::object_text(&[("version", &OUTBOX_VERSION), ("entries", &self.entries)])
    }

    /// Reads a saved outbox; `None` when the text is not one this version wrote.
    pub fn from_storage(text: &str) -> Option<Outbox> {
        let json = json::parse(text).ok()?;
        let stored = json.object().ok()?;
        if stored.required_u32("version").ok()? != OUTBOX_VERSION {
            return None;
        }
        let entries = stored.required_list("entries", OutboxEntry::read).ok()?;
        Some(Outbox { entries })
    }

    /// Adds an entry unless one with its idempotency key is there already.
    pub fn with(&self, entry: OutboxEntry) -> Outbox {
        let mut entries = self.entries.clone();
        if !entries
            .iter()
            .any(|e| e.idempotency_key == entry.idempotency_key)
        {
            entries.push(entry);
        }
        Outbox { entries }
    }

    pub fn without(&self, reference: &str) -> Outbox {
        Outbox {
            entries: self
                .entries
                .iter()
                .filter(|e| e.reference.as_str() != reference)
                .cloned()
                .collect(),
        }
    }

    pub fn get(&self, reference: &str) -> Option<&OutboxEntry> {
        self.entries
            .iter()
            .find(|e| e.reference.as_str() == reference)
    }
}

/// What an HTTP status means for an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server has the order.
    Accepted,
    /// The server could not take it now; the same request may succeed later.
    TryAgain,
    /// The server refused this order; sending it again will not help.
    Refused,
}

pub fn outcome(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Accepted,
        // Timeout, conflict with a request still running, too early, too many, server trouble.
        408 | 409 | 425 | 429 | 500..=599 => Outcome::TryAgain,
        _ => Outcome::Refused,
    }
}

/// `Retry-After` in seconds ("120"); the HTTP-date form is left to the caller's clock.
pub fn retry_after_ms(header: &str) -> Option<u32> {
    let seconds = u32::try_from(whole_number(header.trim())?).ok()?;
    Some(seconds.saturating_mul(1000))
}

/// How long to wait after failed try number `attempt` (1 for the first), or `None` when
/// no tries are left. Without `Retry-After` the wait doubles from 1 s up to 30 s, and
/// `jitter` (0 to 1) picks a point in its upper half so that many shoppers cut off at the
/// same moment do not come back at the same moment.
pub fn retry_delay_ms(attempt: u32, retry_after_ms: Option<u32>, jitter: f64) -> Option<u32> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    if let Some(wait) = retry_after_ms {
        return (wait <= MAX_RETRY_AFTER_MS).then_some(wait.max(1));
    }
    let ceiling = BASE_DELAY_MS
        .saturating_mul(1 << (attempt - 1).min(16))
        .min(MAX_DELAY_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    Some(ceiling / 2 + (f64::from(ceiling / 2) * jitter) as u32)
}

/// The server's acknowledgement: `{"order_number": 1234}` (a whole number or a non-blank
/// text).
pub fn order_number(response_body: &str) -> Option<String> {
    let ack = json::parse(response_body).ok()?;
    match &ack.field("order_number")?.value {
        Value::Number(n)
            if n.trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            Some(n.clone())
        }
        Value::String(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// The reason a refusing server gives: `{"error": "...", "problems": [...]}`.
pub fn refusal_reason(response_body: &str) -> Option<String> {
    let refusal = json::parse(response_body).ok()?;
    let error = refusal.field("error")?.as_str().ok()?;
    let problems = match refusal.field("problems") {
        Some(problems) => problems.as_strings().ok()?,
        None => Vec::new(),
    };
    Some(if problems.is_empty() {
        error.to_owned()
    } else {
        format!("{error}: {}", problems.join("; "))
    })
}

/// Where an order sent to an endpoint stands, as the shopper is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sending,
    /// The server acknowledged it, with its own order number when it gave one.
    Received {
        order_number: Option<String>,
    },
    /// A try failed; the next one is due in `retry_in_ms`.
    Retrying {
        retry_in_ms: u32,
    },
    /// The browser is offline; it is sent when the connection is back.
    WaitingForConnection,
    /// No more tries (or the server refused it): the shopper may try again or use WhatsApp.
    NotSent {
        reason: NotSentReason,
    },
    /// The shopper sent it through WhatsApp instead.
    HandedToWhatsApp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSentReason {
    /// The server could not be reached or kept failing.
    Unreachable,
    /// The server refused the order, with its reason.
    Refused(String),
}

impl Delivery {
    /// Whether the order is still in the outbox and may be sent automatically.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            Delivery::Sending | Delivery::Retrying { .. } | Delivery::WaitingForConnection
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::json::tests::AWKWARD;

    /// An order of ₹783.00 waiting for shop.example.
    pub(crate) fn entry(reference: &str) -> OutboxEntry {
        OutboxEntry {
            reference: OrderReference::parse(reference).unwrap(),
            idempotency_key: IdempotencyKey::parse(&format!("key-{reference}")).unwrap(),
            endpoint: "https://shop.example/orders".into(),
            body: "{}".into(),
            total: "783.00".into(),
            currency: "INR".into(),
            whatsapp: None,
            total_text: "₹783.00".into(),
            upi_link: None,
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_in_the_upper_half_and_is_capped() {
        let lowest: Vec<u32> = (1..MAX_ATTEMPTS)
            .map(|a| retry_delay_ms(a, None, 0.0).unwrap())
            .collect();
        // The sixth wait would be 16 to 32 s; the cap keeps it at 15 to 30 s.
        assert_eq!(lowest, [500, 1_000, 2_000, 4_000, 8_000, 15_000]);
        let highest: Vec<u32> = (1..MAX_ATTEMPTS)
            .map(|a| retry_delay_ms(a, None, 1.0).unwrap())
            .collect();
        assert_eq!(highest, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000]);
        assert_eq!(retry_delay_ms(3, None, 0.5), Some(3_000));
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS, None, 0.5), None);
    }

    #[test]
    fn retry_after_is_honoured_within_reason() {
        assert_eq!(retry_after_ms(" 3 "), Some(3_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(retry_delay_ms(1, Some(3_000), 0.9), Some(3_000));
        assert_eq!(retry_delay_ms(1, Some(0), 0.9), Some(1));
        assert_eq!(retry_delay_ms(1, Some(600_000), 0.9), None);
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS, Some(1_000), 0.9), None);
    }

    #[test]
    fn statuses_say_whether_to_try_again() {
        assert_eq!(outcome(201), Outcome::Accepted);
        for status in [408, 409, 429, 500, 502, 503, 504] {
            assert_eq!(outcome(status), Outcome::TryAgain, "{status}");
        }
        for status in [400, 403, 404, 413, 422] {
            assert_eq!(outcome(status), Outcome::Refused, "{status}");
        }
    }

    #[test]
    fn acknowledgements_and_refusals_are_read() {
        assert_eq!(
            order_number(r#"{"order_number":1234}"#).as_deref(),
            Some("1234")
        );
        assert_eq!(
            order_number(r#"{"order_number":"A-17"}"#).as_deref(),
            Some("A-17")
        );
        assert_eq!(order_number("OK"), None);
        assert_eq!(order_number(r#"{"order_number":" "}"#), None);
        assert_eq!(order_number(r#"{"ok":true}"#), None);
        assert_eq!(
            refusal_reason(r#"{"error":"order refused","problems":["a","b"]}"#).as_deref(),
            Some("order refused: a; b")
        );
        assert_eq!(refusal_reason("<html>"), None);
    }

    #[test]
    fn outbox_round_trips_and_holds_each_order_once() {
        let outbox = Outbox::default()
            .with(entry("CC-000001"))
            .with(entry("CC-000002"));
        let again = outbox.with(entry("CC-000001"));
        assert_eq!(again.entries.len(), 2);
        let restored = Outbox::from_storage(&again.to_storage()).unwrap();
        assert_eq!(restored, outbox);
        assert_eq!(restored.without("CC-000001").entries, [entry("CC-000002")]);
        assert_eq!(Outbox::from_storage("{\"version\":9,\"entries\":[]}"), None);
        assert_eq!(Outbox::from_storage("garbage"), None);
    }

    #[test]
    fn every_link_form_reads_back() {
        use crate::handoff::LinkForm;
        // As serde wrote them: a tab of an older build reads these names only.
        assert_eq!(
            LinkForm::ALL.map(LinkForm::name),
            ["Full", "Compact", "Summary"]
        );
        for form in LinkForm::ALL {
            let handoff = WhatsAppHandoff {
                number: "919876543210".into(),
                link: String::new(),
                web_link: String::new(),
                full_text: String::new(),
                form,
            };
            let written = crate::json::parse(&crate::json::to_json(&handoff)).unwrap();
            assert_eq!(WhatsAppHandoff::read(&written).unwrap(), handoff);
        }
    }

    /// The order numbered `n`, handed to WhatsApp with a UPI link or not.
    pub(crate) fn numbered(n: u32, handed: bool) -> OutboxEntry {
        OutboxEntry {
            reference: OrderReference::from_random(n),
            idempotency_key: IdempotencyKey::from_random([n as u8; 16]),
            body: format!(r#"{{"note":"{n}\n"}}"#),
            whatsapp: handed.then(|| WhatsAppHandoff {
                number: "919876543210".into(),
                link: "https://wa.me/919876543210?text=Order%0A".into(),
                web_link: "https://web.whatsapp.com/send?phone=919876543210&text=Order".into(),
                full_text: AWKWARD.into(),
                form: crate::handoff::LinkForm::Compact,
            }),
            upi_link: handed.then(|| "upi://pay?pa=shop@upi&am=783.00".into()),
            ..entry("CC-000001")
        }
    }

    #[test]
    fn an_outbox_is_saved_byte_for_byte_as_serde_saved_it() {
        let outbox = Outbox::default()
            .with(numbered(1, true))
            .with(numbered(2, false));
        assert_eq!(
            outbox.to_storage(),
            r#"{"version":1,"entries":[{"reference":"CC-100000","idempotency_key":"01010101-0101-4101-8101-010101010101","endpoint":"https://shop.example/orders","body":"{\"note\":\"1\\n\"}","total":"783.00","currency":"INR","whatsapp":{"number":"919876543210","link":"https://wa.me/919876543210?text=Order%0A","web_link":"https://web.whatsapp.com/send?phone=919876543210&text=Order","full_text":"Ring \"twice\" \\ then\nwait\t\r\u0001\b\f\u001f ₹ 😀 </script>","form":"Compact"},"total_text":"₹783.00","upi_link":"upi://pay?pa=shop@upi&am=783.00"},{"reference":"CC-200000","idempotency_key":"02020202-0202-4202-8202-020202020202","endpoint":"https://shop.example/orders","body":"{\"note\":\"2\\n\"}","total":"783.00","currency":"INR","whatsapp":null,"total_text":"₹783.00","upi_link":null}]}"#
        );
    }

    #[test]
    fn an_entry_with_its_whatsapp_handoff_and_upi_link_reads_back_whole() {
        let handed = OutboxEntry {
            body: r#"{"note":"ring \"twice\"\nthen wait"}"#.into(),
            whatsapp: Some(WhatsAppHandoff {
                number: "919876543210".into(),
                link: "https://wa.me/919876543210?text=Order".into(),
                web_link: "https://web.whatsapp.com/send?phone=919876543210&text=Order".into(),
                full_text: "Order CC-000001\n2 x Atta — ₹498.00".into(),
                form: crate::handoff::LinkForm::Compact,
            }),
            upi_link: Some("upi://pay?pa=shop@okaxis&am=783.00".into()),
            ..entry("CC-000001")
        };
        let outbox = Outbox::default().with(handed).with(entry("CC-000002"));
        assert_eq!(Outbox::from_storage(&outbox.to_storage()), Some(outbox));
        // A reference or key this code would not write makes the outbox unreadable (it is
        // set aside, not half read).
        let saved = |reference: &str, key: &str| {
            format!(
                r#"{{"version":1,"entries":[{{"reference":"{reference}","idempotency_key":"{key}","endpoint":"","body":"{{}}","total":"1","currency":"INR","total_text":"1"}}]}}"#
            )
        };
        assert!(Outbox::from_storage(&saved("CC-000001", "key-1")).is_some());
        assert_eq!(Outbox::from_storage(&saved("CC-7K3P9I", "key-1")), None);
        assert_eq!(Outbox::from_storage(&saved("CC-000001", "clé-1")), None);
    }
}
