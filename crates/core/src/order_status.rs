//! Where an order stands once the shop has it: the steps a merchant takes it through, which
//! step may follow which, and the WhatsApp Cloud API's `order_status` for each.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::checkout::Fulfilment;
use crate::text::control_character;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Stored by the receiver; the shop has not looked at it yet.
    Received,
    Accepted,
    Rejected,
    Packed,
    OutForDelivery,
    /// Delivered, or for pickup, collected.
    Delivered,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 7] = [
        OrderStatus::Received,
        OrderStatus::Accepted,
        OrderStatus::Rejected,
        OrderStatus::Packed,
        OrderStatus::OutForDelivery,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
    ];

    /// The name stored and sent: "out_for_delivery".
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Received => "received",
            OrderStatus::Accepted => "accepted",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Packed => "packed",
            OrderStatus::OutForDelivery => "out_for_delivery",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The WhatsApp Cloud API's `order_status` value for this step.
    pub fn cloud_api(self) -> &'static str {
        match self {
            OrderStatus::Received => "pending",
            OrderStatus::Accepted | OrderStatus::Packed => "processing",
            OrderStatus::OutForDelivery => "shipped",
            OrderStatus::Delivered => "completed",
            OrderStatus::Rejected | OrderStatus::Cancelled => "canceled",
        }
    }

    /// No step follows this one.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Rejected | OrderStatus::Delivered | OrderStatus::Cancelled
        )
    }

    /// The steps a merchant may take an order received by `fulfilment` to from here, in the
    /// order the inbox offers them (the usual next step first).
    pub fn next_steps(self, fulfilment: Fulfilment) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match (self, fulfilment) {
            (Received, _) => &[Accepted, Rejected],
            (Accepted, _) => &[Packed, Cancelled],
            (Packed, Fulfilment::Delivery) => &[OutForDelivery, Cancelled],
            (Packed, Fulfilment::Pickup) => &[Delivered, Cancelled],
            (OutForDelivery, _) => &[Delivered, Cancelled],
            (Rejected | Delivered | Cancelled, _) => &[],
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The longest reason a merchant may give for a rejection or a cancellation: one line the
/// shopper reads in a chat.
pub const REASON_MAX: usize = 200;

/// The longest time to delivery a merchant may promise, in minutes: a week.
pub const READY_IN_MAX_MINUTES: u32 = 7 * 24 * 60;

/// What a merchant does to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusAction {
    /// With the minutes until it reaches the shopper (or is ready to collect), when said.
    Accept {
        ready_in_minutes: Option<u32>,
    },
    Reject {
        reason: String,
    },
    MarkPacked,
    SendOut,
    MarkDelivered,
    Cancel {
        reason: String,
    },
}

impl StatusAction {
    /// The status the action leads to.
    pub fn leads_to(&self) -> OrderStatus {
        match self {
            StatusAction::Accept { .. } => OrderStatus::Accepted,
            StatusAction::Reject { .. } => OrderStatus::Rejected,
            StatusAction::MarkPacked => OrderStatus::Packed,
            StatusAction::SendOut => OrderStatus::OutForDelivery,
            StatusAction::MarkDelivered => OrderStatus::Delivered,
            StatusAction::Cancel { .. } => OrderStatus::Cancelled,
        }
    }

    /// The step this action takes, as stored: its status, when, by whom, and what the
    /// merchant said with it.
    pub fn change(&self, at: String, by: String) -> StatusChange {
        StatusChange {
            status: self.leads_to(),
            at,
            by,
            reason: self.reason().map(|reason| reason.trim().to_owned()),
            ready_in_minutes: match self {
                StatusAction::Accept { ready_in_minutes } => *ready_in_minutes,
                _ => None,
            },
        }
    }

    fn reason(&self) -> Option<&str> {
        match self {
            StatusAction::Reject { reason } | StatusAction::Cancel { reason } => Some(reason),
            _ => None,
        }
    }
}

/// Why an action cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StatusProblem {
    #[error("an order that is {from} cannot become {to}")]
    NotAllowed { from: OrderStatus, to: OrderStatus },
    #[error("say why, so the shopper knows")]
    ReasonMissing,
    #[error("the reason is longer than {REASON_MAX} characters")]
    ReasonTooLong,
    #[error("the reason contains the control character U+{:04X}", u32::from(*.0))]
    ReasonControlCharacter(char),
    #[error("the time to delivery is more than a week")]
    ReadyInTooLong,
}

/// One step in an order's history, as stored with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: OrderStatus,
    /// RFC 3339 UTC.
    pub at: String,
    /// Who took the step: "receiver" for the first, else the inbox's user.
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_in_minutes: Option<u32>,
}

/// The step `action` takes an order that is `current`, received by `fulfilment`, to; the
/// change to store is the caller's, with its time and author.
pub fn take_step(
    current: OrderStatus,
    fulfilment: Fulfilment,
    action: &StatusAction,
) -> Result<OrderStatus, StatusProblem> {
    let next = action.leads_to();
    if !current.next_steps(fulfilment).contains(&next) {
        return Err(StatusProblem::NotAllowed {
            from: current,
            to: next,
        });
    }
    if let Some(reason) = action.reason() {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StatusProblem::ReasonMissing);
        }
        if reason.chars().count() > REASON_MAX {
            return Err(StatusProblem::ReasonTooLong);
        }
        if let Some(c) = control_character(reason, false) {
            return Err(StatusProblem::ReasonControlCharacter(c));
        }
    }
    if let StatusAction::Accept {
        ready_in_minutes: Some(minutes),
    } = action
    {
        if *minutes > READY_IN_MAX_MINUTES {
            return Err(StatusProblem::ReadyInTooLong);
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    #[test]
    fn names_round_trip_and_map_to_the_cloud_api() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{status}\""));
        }
        let cloud: Vec<&str> = OrderStatus::ALL.iter().map(|s| s.cloud_api()).collect();
        assert_eq!(
            cloud,
            [
                "pending",
                "processing",
                "canceled",
                "processing",
                "shipped",
                "completed",
                "canceled"
            ]
        );
    }

    #[test]
    fn an_order_moves_only_along_the_allowed_steps() {
        let delivery = Fulfilment::Delivery;
        let accept = StatusAction::Accept {
            ready_in_minutes: Some(45),
        };
        assert_eq!(take_step(Received, delivery, &accept), Ok(Accepted));
        assert_eq!(
            take_step(Accepted, delivery, &StatusAction::MarkPacked),
            Ok(Packed)
        );
        assert_eq!(
            take_step(Packed, delivery, &StatusAction::SendOut),
            Ok(OutForDelivery)
        );
        assert_eq!(
            take_step(OutForDelivery, delivery, &StatusAction::MarkDelivered),
            Ok(Delivered)
        );
        // No skipping ahead, no going back, nothing after the end.
        assert_eq!(
            take_step(Received, delivery, &StatusAction::MarkDelivered),
            Err(StatusProblem::NotAllowed {
                from: Received,
                to: Delivered
            })
        );
        assert!(take_step(Packed, delivery, &accept).is_err());
        let cancel = StatusAction::Cancel {
            reason: "Out of stock".into(),
        };
        assert!(take_step(Delivered, delivery, &cancel).is_err());
        assert!(take_step(Rejected, delivery, &accept).is_err());
        // A pickup order is never out for delivery: once packed, it is collected.
        assert!(take_step(Packed, Fulfilment::Pickup, &StatusAction::SendOut).is_err());
        assert_eq!(
            take_step(Packed, Fulfilment::Pickup, &StatusAction::MarkDelivered),
            Ok(Delivered)
        );
        for status in OrderStatus::ALL {
            assert_eq!(
                status.is_final(),
                status.next_steps(Fulfilment::Delivery).is_empty()
            );
        }
    }

    #[test]
    fn a_rejection_or_cancellation_says_why_in_one_short_line() {
        let reject = |reason: &str| {
            take_step(
                Received,
                Fulfilment::Delivery,
                &StatusAction::Reject {
                    reason: reason.into(),
                },
            )
        };
        assert_eq!(reject("  "), Err(StatusProblem::ReasonMissing));
        assert_eq!(
            reject(&"x".repeat(REASON_MAX + 1)),
            Err(StatusProblem::ReasonTooLong)
        );
        assert_eq!(
            reject("Closed\r\n#2 accepted"),
            Err(StatusProblem::ReasonControlCharacter('\r'))
        );
        assert_eq!(reject("Shop closed today"), Ok(Rejected));
        let stored = StatusAction::Reject {
            reason: " Shop closed today ".into(),
        }
        .change("2026-11-30T10:00:00Z".into(), "asha".into());
        assert_eq!(
            (
                stored.status,
                stored.reason.as_deref(),
                stored.ready_in_minutes
            ),
            (Rejected, Some("Shop closed today"), None)
        );
        assert_eq!(
            take_step(
                Received,
                Fulfilment::Delivery,
                &StatusAction::Accept {
                    ready_in_minutes: Some(READY_IN_MAX_MINUTES + 1)
                }
            ),
            Err(StatusProblem::ReadyInTooLong)
        );
    }
}
