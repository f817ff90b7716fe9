//! New orders and steps, live: one task per receiver asks the database what is new every
//! `POLL` (so receivers sharing a PostgreSQL database see each other's orders and steps) and
//! tells every open inbox page over server-sent events. Each event's id is the marks it
//! brings the page to (`{last order}.{last step}`), so a page that reconnects, or opens
//! with the marks it was drawn at, misses nothing.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use chatcart_core::checkout::Fulfilment;
use chatcart_core::order_status::StatusChange;
use chatcart_core::words::English;
use chatcart_core::words::Language;
use hyper::body::{Body, Bytes, Frame};
use hyper::StatusCode;
use serde_json::json;
use tokio::sync::{broadcast, mpsc};

use crate::receive::{Receiver, Reply};
use crate::store::{OrderStore, Summary};

/// How often the database is asked what is new.
pub const POLL: Duration = Duration::from_secs(2);

/// A comment sent on a quiet stream, so proxies and phones keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How often a stream checks that its session is still open.
const SESSION_CHECK: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub enum Event {
    Order(Summary),
    Step {
        id: i64,
        order_number: i64,
        reference: String,
        change: StatusChange,
    },
}

/// Where a page stands: the last order and the last step it knows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Marks {
    pub order: i64,
    pub step: i64,
}

impl Marks {
    /// `"12.40"`, as the page and `Last-Event-ID` carry them.
    pub fn parse(text: &str) -> Option<Marks> {
        let (order, step) = text.trim().split_once('.')?;
        Some(Marks {
            order: order.parse().ok()?,
            step: step.parse().ok()?,
        })
    }

    pub fn text(self) -> String {
        format!("{}.{}", self.order, self.step)
    }

    /// Takes in `event`, if it is news to these marks.
    fn take(&mut self, event: &Event) -> bool {
        match event {
            Event::Order(summary) if summary.order_number > self.order => {
                self.order = summary.order_number;
                true
            }
            Event::Step { id, .. } if *id > self.step => {
                self.step = *id;
                true
            }
            _ => false,
        }
    }
}

/// The receiver's watch: from `marks` (what the database held as the receiver started),
/// asks the database what is new every `POLL` and tells the pages listening, until the
/// receiver stops.
pub async fn watch_for_news<S: OrderStore>(receiver: Arc<Receiver<S>>, mut marks: Marks) {
    let mut stopping = receiver.stopping.clone();
    let mut failing = false;
    loop {
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            _ = stopping.changed() => return,
        }
        match receiver.store.news(marks.order, marks.step).await {
            Ok(news) => {
                failing = false;
                marks = Marks {
                    order: news.last_order,
                    step: news.last_change,
                };
                for summary in news.orders {
                    let _ = receiver.inbox.news.send(Event::Order(summary));
                }
                for (id, order_number, reference, change) in news.changes {
                    let _ = receiver.inbox.news.send(Event::Step {
                        id,
                        order_number,
                        reference,
                        change,
                    });
                }
            }
            Err(e) => {
                if !failing {
                    eprintln!("chatcart receive: inbox: cannot ask the database what is new: {e}");
                }
                failing = true;
            }
        }
    }
}

/// The body of `GET /inbox/events`: what the stream's task sends, as it comes.
pub struct EventStream(mpsc::Receiver<Bytes>);

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|sent| sent.map(|bytes| Ok(Frame::data(bytes))))
    }
}

/// The event `event` as the stream sends it, with the marks it brings the page to.
fn written(event: &Event, marks: Marks) -> String {
    let (kind, data) = match event {
        Event::Order(summary) => (
            "order",
            json!({
                "order_number": summary.order_number,
                "reference": summary.reference,
                "name": summary.customer_name,
            }),
        ),
        Event::Step {
            order_number,
            reference,
            change,
            ..
        } => (
            "step",
            json!({
                "order_number": order_number,
                "reference": reference,
                "status": change.status,
                // The inbox's words; "Delivered" stands for "Collected" too.
                "status_name": English.status_name(change.status, Fulfilment::Delivery),
                "by": change.by,
            }),
        ),
    };
    // JSON has no line breaks of its own, so the data is one `data:` line.
    format!("id: {}\nevent: {kind}\ndata: {data}\n\n", marks.text())
}

/// `GET /inbox/events` for the session `fingerprint`, from the marks `since` (the page's, or
/// the browser's `Last-Event-ID`): what came after them, then what comes, until the page
/// goes, the session ends or the receiver stops.
pub fn stream<S: OrderStore>(
    receiver: &Arc<Receiver<S>>,
    fingerprint: String,
    since: Option<&str>,
) -> Reply {
    let (sender, sent) = mpsc::channel::<Bytes>(64);
    let mut news = receiver.inbox.news.subscribe();
    let mut stopping = receiver.stopping.clone();
    let since = since.and_then(Marks::parse);
    let receiver = Arc::clone(receiver);
    tokio::spawn(async move {
        let say = |text: String| {
            let sender = sender.clone();
            async move { sender.send(Bytes::from(text)).await.is_ok() }
        };
        if !say("retry: 3000\n\n".into()).await {
            return;
        }
        let mut marks = match since {
            Some(marks) => marks,
            None => match receiver.store.marks().await {
                Ok((order, step)) => Marks { order, step },
                Err(_) => Marks::default(),
            },
        };
        // What happened between the page being drawn and the stream opening.
        for event in news_since(&receiver.store, marks).await {
            if marks.take(&event) && !say(written(&event, marks)).await {
                return;
            }
        }
        let mut keep_alive = tokio::time::interval(KEEP_ALIVE);
        let mut session_check = tokio::time::interval(SESSION_CHECK);
        keep_alive.tick().await;
        session_check.tick().await;
        loop {
            let text = tokio::select! {
                heard = news.recv() => match heard {
                    Ok(event) if marks.take(&event) => written(&event, marks),
                    Ok(_) => continue,
                    // Fell behind a burst: the page is told to catch up from its marks.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        for event in news_since(&receiver.store, marks).await {
                            if marks.take(&event) && !say(written(&event, marks)).await {
                                return;
                            }
                        }
                        continue;
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                _ = keep_alive.tick() => ": still here\n\n".into(),
                _ = session_check.tick() => {
                    if super::still_open(&receiver, &fingerprint).await {
                        continue;
                    }
                    let _ = say("event: signed-out\ndata: {}\n\n".into()).await;
                    return;
                }
                _ = stopping.changed() => return,
            };
            if !say(text).await {
                return;
            }
        }
    });
    Reply {
        stream: Some(EventStream(sent)),
        ..Reply::new(StatusCode::OK, "text/event-stream", String::new())
    }
    .with("Cache-Control", "no-store")
    .with("X-Accel-Buffering", "no")
}

/// What is new after `marks`, as events; nothing when the database does not answer (the
/// next poll tells it).
async fn news_since<S: OrderStore>(store: &S, marks: Marks) -> Vec<Event> {
    let Ok(news) = store.news(marks.order, marks.step).await else {
        return Vec::new();
    };
    let orders = news.orders.into_iter().map(Event::Order);
    let steps = news
        .changes
        .into_iter()
        .map(|(id, order_number, reference, change)| Event::Step {
            id,
            order_number,
            reference,
            change,
        });
    orders.chain(steps).collect()
}
