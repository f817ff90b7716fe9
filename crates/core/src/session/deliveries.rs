//! Orders on their way to the shop's endpoint: one record per order, what each server
//! answer means for it, and which orders still belong in the outbox on this device.

use crate::outbox::{
    order_number, outcome, refusal_reason, retry_delay_ms, Delivery, NotSentReason, Outbox,
    OutboxEntry, Outcome,
};
use crate::reference::OrderReference;

use super::placed::status_secret;

/// What the endpoint answered one try; `None` stands for no answer at all (network down,
/// refused connection, timeout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointAnswer {
    pub status: u16,
    pub body: String,
    pub retry_after_ms: Option<u32>,
}

/// What the shell is to do next for an order after an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Nothing: it settled, or it waits for the shopper or the connection.
    Rest,
    /// Post it again after this many milliseconds.
    RetryAfter(u32),
    /// The server has it: tell the host page, and the checkout is done.
    Accepted {
        order_number: Option<String>,
        /// What the server gave to ask after the order later.
        secret: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub entry: OutboxEntry,
    pub state: Delivery,
    /// Failed tries since the last start.
    attempts: u32,
    /// A POST is out and its answer not yet in: no second sender for this order.
    in_flight: bool,
}

impl DeliveryRecord {
    /// Whether the order still waits on this device for the server to take it.
    pub fn in_outbox(&self) -> bool {
        !matches!(
            self.state,
            Delivery::Received { .. }
                | Delivery::HandedToWhatsApp
                | Delivery::NotSent {
                    reason: NotSentReason::Refused(_)
                }
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deliveries {
    records: Vec<DeliveryRecord>,
    /// How often a record was taken in or touched: what shows an order's progress follows it.
    changes: usize,
}

impl Deliveries {
    pub fn get(&self, reference: &OrderReference) -> Option<&DeliveryRecord> {
        self.records
            .iter()
            .find(|r| r.entry.reference == *reference)
    }

    pub fn changes(&self) -> usize {
        self.changes
    }

    fn get_mut(&mut self, reference: &OrderReference) -> Option<&mut DeliveryRecord> {
        self.changes += 1;
        self.records
            .iter_mut()
            .find(|r| r.entry.reference == *reference)
    }

    /// The orders to keep on this device, as saved.
    pub fn outbox(&self) -> Outbox {
        Outbox {
            entries: self
                .records
                .iter()
                .filter(|r| r.in_outbox())
                .map(|r| r.entry.clone())
                .collect(),
        }
    }

    /// Takes an order in, once (by reference).
    pub fn add(&mut self, entry: OutboxEntry) {
        if self.get(&entry.reference).is_none() {
            self.changes += 1;
            self.records.push(DeliveryRecord {
                entry,
                state: Delivery::Sending,
                attempts: 0,
                in_flight: false,
            });
        }
    }

    /// Starts a try: the entry to POST, or `None` when the order is settled, already being
    /// sent, or the browser is offline (then it waits for the connection).
    pub fn start(&mut self, reference: &OrderReference, online: bool) -> Option<OutboxEntry> {
        let record = self.get_mut(reference)?;
        if record.in_flight || !record.in_outbox() || record.entry.endpoint.is_empty() {
            return None;
        }
        if !online {
            record.state = Delivery::WaitingForConnection;
            return None;
        }
        record.state = Delivery::Sending;
        record.in_flight = true;
        Some(record.entry.clone())
    }

    /// A try that could not be made (the code that sends it did not come) is said as one the
    /// network failed: the next in `retry_in_ms`, the try staying started to be made when it
    /// can; or, `None`, given up, so the shopper may try again or send it on WhatsApp.
    pub fn delayed(&mut self, reference: &OrderReference, retry_in_ms: Option<u32>) {
        let Some(record) = self.get_mut(reference) else {
            return;
        };
        if !record.in_outbox() {
            return;
        }
        match retry_in_ms {
            Some(retry_in_ms) => record.state = Delivery::Retrying { retry_in_ms },
            None => {
                record.state = Delivery::NotSent {
                    reason: NotSentReason::Unreachable,
                };
                record.in_flight = false;
            }
        }
    }

    /// The shopper pressed "Try again": the tries start over.
    pub fn restart(&mut self, reference: &OrderReference) {
        if let Some(record) = self.get_mut(reference) {
            if !record.in_flight {
                record.attempts = 0;
            }
        }
    }

    /// Orders that wait for the connection.
    pub fn waiting_for_connection(&self) -> Vec<OrderReference> {
        self.records
            .iter()
            .filter(|r| r.state == Delivery::WaitingForConnection)
            .map(|r| r.entry.reference)
            .collect()
    }

    /// Records the server's answer (or its silence) and says what comes next. `jitter`
    /// (0 to 1) spreads the retries of shoppers cut off at the same moment.
    pub fn answered(
        &mut self,
        reference: &OrderReference,
        answer: Option<EndpointAnswer>,
        online: bool,
        jitter: f64,
    ) -> NextStep {
        let Some(record) = self.get_mut(reference) else {
            return NextStep::Rest;
        };
        record.in_flight = false;
        if !record.in_outbox() {
            // Settled meanwhile: sent on WhatsApp instead while this try was out.
            return NextStep::Rest;
        }
        let retry_after = match answer {
            Some(answer) => match outcome(answer.status) {
                Outcome::Accepted => {
                    let order_number = order_number(&answer.body);
                    record.state = Delivery::Received {
                        order_number: order_number.clone(),
                    };
                    return NextStep::Accepted {
                        order_number,
                        secret: status_secret(&answer.body),
                    };
                }
                Outcome::Refused => {
                    let reason = refusal_reason(&answer.body)
                        .unwrap_or_else(|| format!("HTTP {}", answer.status));
                    record.state = Delivery::NotSent {
                        reason: NotSentReason::Refused(reason),
                    };
                    return NextStep::Rest;
                }
                Outcome::TryAgain => answer.retry_after_ms,
            },
            None if !online => {
                record.state = Delivery::WaitingForConnection;
                return NextStep::Rest;
            }
            None => None,
        };
        record.attempts += 1;
        match retry_delay_ms(record.attempts, retry_after, jitter) {
            Some(wait) => {
                record.state = Delivery::Retrying { retry_in_ms: wait };
                NextStep::RetryAfter(wait)
            }
            None => {
                record.state = Delivery::NotSent {
                    reason: NotSentReason::Unreachable,
                };
                NextStep::Rest
            }
        }
    }

    /// The shopper sends it on WhatsApp instead: it leaves the outbox for good, so it is
    /// never sent both ways.
    /// An order this page cannot send: it stays in the outbox, said as not sent.
    pub fn hold(&mut self, reference: &OrderReference) {
        if let Some(record) = self.get_mut(reference) {
            record.state = Delivery::NotSent {
                reason: NotSentReason::Unreachable,
            };
        }
    }

    pub fn hand_to_whatsapp(&mut self, reference: &OrderReference) -> Option<OutboxEntry> {
        let record = self.get_mut(reference)?;
        record.state = Delivery::HandedToWhatsApp;
        Some(record.entry.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::MAX_ATTEMPTS;

    fn reference() -> OrderReference {
        OrderReference::parse("CC-7K3P9Q").unwrap()
    }

    fn entry() -> OutboxEntry {
        crate::outbox::tests::entry("CC-7K3P9Q")
    }

    fn answer(status: u16, body: &str, retry_after_ms: Option<u32>) -> Option<EndpointAnswer> {
        Some(EndpointAnswer {
            status,
            body: body.into(),
            retry_after_ms,
        })
    }

    /// A record with one try out.
    fn sending() -> Deliveries {
        let mut deliveries = Deliveries::default();
        deliveries.add(entry());
        assert_eq!(deliveries.start(&reference(), true), Some(entry()));
        deliveries
    }

    fn state(deliveries: &Deliveries) -> Delivery {
        deliveries.get(&reference()).unwrap().state.clone()
    }

    #[test]
    fn a_2xx_settles_it_with_the_shops_number_and_it_leaves_the_outbox() {
        let mut deliveries = sending();
        let next = deliveries.answered(
            &reference(),
            answer(201, r#"{"order_number":17}"#, None),
            true,
            0.5,
        );
        assert_eq!(
            next,
            NextStep::Accepted {
                order_number: Some("17".into()),
                secret: None
            }
        );
        assert_eq!(
            state(&deliveries),
            Delivery::Received {
                order_number: Some("17".into())
            }
        );
        assert!(deliveries.outbox().entries.is_empty());
        assert_eq!(
            deliveries.start(&reference(), true),
            None,
            "never sent again"
        );
    }

    #[test]
    fn a_409_or_5xx_is_tried_again_with_backoff_and_a_429_after_what_it_asks() {
        let mut deliveries = sending();
        let next = deliveries.answered(&reference(), answer(409, "", None), true, 0.0);
        assert_eq!(next, NextStep::RetryAfter(500));
        assert_eq!(state(&deliveries), Delivery::Retrying { retry_in_ms: 500 });
        assert_eq!(deliveries.outbox().entries, [entry()], "kept on the device");

        assert!(deliveries.start(&reference(), true).is_some());
        let next = deliveries.answered(&reference(), answer(503, "", None), true, 1.0);
        assert_eq!(next, NextStep::RetryAfter(2_000), "the second wait doubles");

        assert!(deliveries.start(&reference(), true).is_some());
        let next = deliveries.answered(&reference(), answer(429, "", Some(7_000)), true, 0.0);
        assert_eq!(next, NextStep::RetryAfter(7_000), "Retry-After is honoured");
    }

    #[test]
    fn after_the_last_try_it_is_not_sent_and_try_again_starts_over() {
        let mut deliveries = sending();
        for _ in 1..MAX_ATTEMPTS {
            let next = deliveries.answered(&reference(), None, true, 0.5);
            assert!(matches!(next, NextStep::RetryAfter(_)));
            deliveries.start(&reference(), true).unwrap();
        }
        assert_eq!(
            deliveries.answered(&reference(), None, true, 0.5),
            NextStep::Rest
        );
        assert_eq!(
            state(&deliveries),
            Delivery::NotSent {
                reason: NotSentReason::Unreachable
            }
        );
        assert_eq!(
            deliveries.outbox().entries,
            [entry()],
            "still on the device"
        );
        deliveries.restart(&reference());
        deliveries.start(&reference(), true).unwrap();
        assert_eq!(
            deliveries.answered(&reference(), None, true, 0.0),
            NextStep::RetryAfter(500),
            "the tries start over"
        );
    }

    #[test]
    fn no_answer_while_offline_waits_for_the_connection() {
        let mut deliveries = sending();
        assert_eq!(
            deliveries.answered(&reference(), None, false, 0.5),
            NextStep::Rest
        );
        assert_eq!(state(&deliveries), Delivery::WaitingForConnection);
        assert_eq!(deliveries.waiting_for_connection(), [reference()]);
        assert!(deliveries.start(&reference(), true).is_some());
        assert_eq!(state(&deliveries), Delivery::Sending);
    }

    #[test]
    fn a_refusal_shows_the_servers_reason_and_leaves_the_outbox() {
        let mut deliveries = sending();
        let body = r#"{"error":"order refused","problems":["line 1: price changed"]}"#;
        assert_eq!(
            deliveries.answered(&reference(), answer(422, body, None), true, 0.5),
            NextStep::Rest
        );
        assert_eq!(
            state(&deliveries),
            Delivery::NotSent {
                reason: NotSentReason::Refused("order refused: line 1: price changed".into())
            }
        );
        assert!(deliveries.outbox().entries.is_empty());
        let mut bare = sending();
        bare.answered(&reference(), answer(403, "<html>", None), true, 0.5);
        assert_eq!(
            state(&bare),
            Delivery::NotSent {
                reason: NotSentReason::Refused("HTTP 403".into())
            }
        );
    }

    #[test]
    fn one_sender_at_a_time_and_whatsapp_instead_settles_it() {
        let mut deliveries = sending();
        assert_eq!(deliveries.start(&reference(), true), None, "a try is out");
        assert_eq!(deliveries.hand_to_whatsapp(&reference()), Some(entry()));
        assert_eq!(
            deliveries.answered(&reference(), answer(201, "{}", None), true, 0.5),
            NextStep::Rest,
            "the late answer does not undo the choice"
        );
        assert_eq!(state(&deliveries), Delivery::HandedToWhatsApp);
        assert!(deliveries.outbox().entries.is_empty());
    }
}
