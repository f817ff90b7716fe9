//! New orders and steps, live: one task per receiver asks the database what is new every
//! `POLL` (so receivers sharing a PostgreSQL database see each other's orders and steps) and
//! tells every open inbox page over server-sent events. Each event's id is the marks it
//! brings the page to (`{last order}.{last step}`), so a page that reconnects, or opens
//! with the marks it was drawn at, misses nothing.
//!
//! PostgreSQL draws an order's number (and a step's id) before its transaction commits, so
//! order 12 may be committed, and seen, before order 11: the watch looks back `LOOK_BACK`
//! numbers behind the highest it has seen, and remembers what it told there, so that a late
//! commit is told once.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use chatcart_core::words::English;
use chatcart_core::words::Language;
use hyper::body::{Body, Bytes, Frame};
use hyper::StatusCode;
use serde_json::json;
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::lock;
use crate::receive::{Receiver, Reply};
use crate::store::{NewStep, OrderStore, StoreError, Summary, NEWS_PAGE};

/// How often the database is asked what is new.
pub const POLL: Duration = Duration::from_secs(2);

/// A comment sent on a quiet stream, so proxies and phones keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How often a stream checks that its session is still open.
const SESSION_CHECK: Duration = Duration::from_secs(60);

/// The most streams one session keeps open (a phone's list and a few orders); opening one
/// more closes the oldest, so a session cannot hold connections without end.
pub const STREAMS_PER_SESSION: usize = 4;

/// How far behind the highest number seen a late commit is still looked for.
pub const LOOK_BACK: i64 = 50;

#[derive(Clone, Debug)]
pub enum Event {
    Order(Summary),
    Step(NewStep),
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

    /// Raised to take in `event`; a late one leaves them as they are.
    fn raise(&mut self, event: &Event) {
        match event {
            Event::Order(summary) => self.order = self.order.max(summary.order_number),
            Event::Step(step) => self.step = self.step.max(step.id),
        }
    }

    /// Whether `event` comes after these marks.
    fn precede(self, event: &Event) -> bool {
        match event {
            Event::Order(summary) => summary.order_number > self.order,
            Event::Step(step) => step.id > self.step,
        }
    }

    fn back(self, by: i64) -> Marks {
        Marks {
            order: self.order - by,
            step: self.step - by,
        }
    }
}

/// The numbers told so far, of orders or of steps: all up to `floor`, and those in `above`.
/// `above` holds at most `LOOK_BACK` numbers once settled.
#[derive(Debug)]
struct Told {
    floor: i64,
    above: BTreeSet<i64>,
}

impl Told {
    fn up_to(floor: i64) -> Self {
        Told {
            floor,
            above: BTreeSet::new(),
        }
    }

    /// Whether `number` is told for the first time now.
    fn first_time(&mut self, number: i64) -> bool {
        number > self.floor && self.above.insert(number)
    }

    /// Forgets the numbers too far behind the highest to be looked for again.
    fn settle(&mut self) {
        let Some(&highest) = self.above.last() else {
            return;
        };
        if highest - LOOK_BACK > self.floor {
            self.floor = highest - LOOK_BACK;
            self.above = self.above.split_off(&(self.floor + 1));
        }
    }
}

/// What has been told of orders and of steps.
#[derive(Debug)]
struct Heard {
    orders: Told,
    steps: Told,
}

impl Heard {
    /// Everything up to `marks` counts as told.
    fn up_to(marks: Marks) -> Self {
        Heard {
            orders: Told::up_to(marks.order),
            steps: Told::up_to(marks.step),
        }
    }

    /// Whether `event` is heard for the first time now.
    fn first_time(&mut self, event: &Event) -> bool {
        match event {
            Event::Order(summary) => self.orders.first_time(summary.order_number),
            Event::Step(step) => self.steps.first_time(step.id),
        }
    }

    fn settle(&mut self) {
        self.orders.settle();
        self.steps.settle();
    }

    /// Where to look for what is new: after what is surely told.
    fn floor(&self) -> Marks {
        Marks {
            order: self.orders.floor,
            step: self.steps.floor,
        }
    }
}

/// The receiver's watch: from `start` (what the database held as the receiver started),
/// asks the database what is new every `POLL` and tells the pages listening, until the
/// receiver stops. Each order and step is told once, however late it was committed.
pub async fn watch_for_news<S: OrderStore>(receiver: Arc<Receiver<S>>, start: Marks) {
    let mut stopping = receiver.stopping.clone();
    let mut heard = Heard::up_to(start);
    // What was there at the start is not news, but a late commit among it will be: its
    // neighbours are taken in as told, and the look-back begins below them.
    if let Ok(there) = news_after(&receiver.store, start.back(LOOK_BACK)).await {
        heard = Heard::up_to(start.back(LOOK_BACK));
        for event in there {
            let new = start.precede(&event);
            if heard.first_time(&event) && new {
                let _ = receiver.inbox.news.send(event);
            }
        }
        heard.settle();
    }
    let mut failing = false;
    loop {
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            _ = stopping.changed() => return,
        }
        match news_after(&receiver.store, heard.floor()).await {
            Ok(news) => {
                failing = false;
                for event in news {
                    if heard.first_time(&event) {
                        let _ = receiver.inbox.news.send(event);
                    }
                }
                heard.settle();
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

/// The streams open for each session, oldest first.
#[derive(Default)]
pub struct Streams {
    open: Mutex<HashMap<String, VecDeque<OpenStream>>>,
    next: AtomicU64,
}

/// An open stream's number, and what closes it when dropped.
type OpenStream = (u64, oneshot::Sender<()>);

/// A stream's place among its session's, given up when the stream ends.
struct Place {
    streams: Arc<Streams>,
    fingerprint: String,
    id: u64,
}

impl Streams {
    /// A place for a new stream of the session `fingerprint`, and what tells it that it was
    /// closed to make room: the session's oldest beyond `STREAMS_PER_SESSION` are closed.
    fn take_place(self: &Arc<Self>, fingerprint: &str) -> (Place, oneshot::Receiver<()>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (close, closed) = oneshot::channel();
        let mut open = lock(&self.open);
        let session = open.entry(fingerprint.to_owned()).or_default();
        session.push_back((id, close));
        while session.len() > STREAMS_PER_SESSION {
            // Dropping its sender closes the oldest.
            session.pop_front();
        }
        let place = Place {
            streams: Arc::clone(self),
            fingerprint: fingerprint.to_owned(),
            id,
        };
        (place, closed)
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = lock(&self.streams.open);
        if let Some(session) = open.get_mut(&self.fingerprint) {
            session.retain(|(id, _)| *id != self.id);
            if session.is_empty() {
                open.remove(&self.fingerprint);
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
        Event::Step(step) => (
            "step",
            json!({
                "order_number": step.order_number,
                "reference": step.reference,
                "status": step.change.status,
                // The inbox's words, for the order's way: "Ready to collect" for pickup.
                "status_name": English.status_name(step.change.status, step.fulfilment),
                "by": step.change.by,
            }),
        ),
    };
    // JSON has no line breaks of its own, so the data is one `data:` line.
    format!("id: {}\nevent: {kind}\ndata: {data}\n\n", marks.text())
}

/// Tells the page what came after its marks and it has not heard yet; `false` once the
/// page has gone.
async fn catch_up<S: OrderStore>(
    store: &S,
    marks: &mut Marks,
    heard: &mut Heard,
    sender: &mpsc::Sender<Bytes>,
) -> bool {
    let missed = news_after(store, *marks).await.unwrap_or_default();
    for event in missed {
        if heard.first_time(&event) {
            marks.raise(&event);
            if sender
                .send(Bytes::from(written(&event, *marks)))
                .await
                .is_err()
            {
                return false;
            }
        }
    }
    heard.settle();
    true
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
    let (place, mut closed) = receiver.inbox.streams.take_place(&fingerprint);
    let receiver = Arc::clone(receiver);
    tokio::spawn(async move {
        let _place = place;
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
        // What the page has seen is unknown below its marks, but the watch tells a late
        // commit there only once, when it first sees it: within the look-back, whatever it
        // tells is new to the page too.
        let mut heard = Heard::up_to(marks.back(LOOK_BACK));
        // What happened between the page being drawn and the stream opening.
        if !catch_up(&receiver.store, &mut marks, &mut heard, &sender).await {
            return;
        }
        let mut keep_alive = tokio::time::interval(KEEP_ALIVE);
        let mut session_check = tokio::time::interval(SESSION_CHECK);
        keep_alive.tick().await;
        session_check.tick().await;
        loop {
            let text = tokio::select! {
                told = news.recv() => match told {
                    Ok(event) if heard.first_time(&event) => {
                        heard.settle();
                        marks.raise(&event);
                        written(&event, marks)
                    }
                    Ok(_) => continue,
                    // Fell behind a burst: what came after the page's marks, read again.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        if !catch_up(&receiver.store, &mut marks, &mut heard, &sender).await {
                            return;
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
                _ = &mut closed => {
                    let _ = say("event: replaced\ndata: {}\n\n".into()).await;
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

/// Every order and step numbered after `after`, as events, page by page: orders, then
/// steps, each in number order.
async fn news_after<S: OrderStore>(store: &S, after: Marks) -> Result<Vec<Event>, StoreError> {
    let mut events = Vec::new();
    let mut cursor = after;
    loop {
        let news = store.news(cursor.order, cursor.step).await?;
        let more = news.orders.len() == NEWS_PAGE || news.changes.len() == NEWS_PAGE;
        cursor = Marks {
            order: news.last_order,
            step: news.last_change,
        };
        events.extend(news.orders.into_iter().map(Event::Order));
        events.extend(news.changes.into_iter().map(Event::Step));
        if !more {
            return Ok(events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chatcart_core::checkout::Fulfilment;
    use chatcart_core::order_status::StatusChange;

    #[test]
    fn a_late_number_within_the_look_back_is_told_once_and_memory_stays_bounded() {
        let mut told = Told::up_to(10);
        assert!(!told.first_time(10), "up to the floor, told already");
        assert!(told.first_time(12));
        told.settle();
        // 11 was committed after 12 was seen: told now, and only now.
        assert!(told.first_time(11));
        assert!(!told.first_time(11));
        assert!(!told.first_time(12));
        for number in 13..=1000 {
            assert!(told.first_time(number));
            told.settle();
        }
        assert_eq!(told.above.len(), LOOK_BACK as usize);
        assert_eq!(told.floor, 1000 - LOOK_BACK);
        assert!(
            !told.first_time(1000 - LOOK_BACK),
            "too late to be looked for"
        );
        assert!(
            !told.first_time(1000 - LOOK_BACK + 1),
            "told, and remembered"
        );
    }

    #[test]
    fn marks_rise_and_a_late_event_leaves_them() {
        let step = |id| {
            Event::Step(NewStep {
                id,
                order_number: 1,
                reference: "CC-7K3P9Q".into(),
                fulfilment: Fulfilment::Delivery,
                change: StatusChange {
                    status: chatcart_core::order_status::OrderStatus::Accepted,
                    at: "2026-11-21T09:00:00Z".into(),
                    by: "asha".into(),
                    reason: None,
                    ready_in_minutes: None,
                },
            })
        };
        let mut marks = Marks { order: 3, step: 7 };
        assert!(marks.precede(&step(8)));
        marks.raise(&step(8));
        assert_eq!(marks, Marks { order: 3, step: 8 });
        assert!(!marks.precede(&step(6)));
        marks.raise(&step(6));
        assert_eq!(marks.text(), "3.8");
        assert_eq!(Marks::parse("3.8"), Some(marks));
    }
}
