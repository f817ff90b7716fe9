//! The catalog as the session has it: still on its way, here (as a source to ask), or
//! failed; and what waits for it to arrive.

use std::fmt;

use crate::cart::CartAction;
use crate::catalog::LoadError;
use crate::chat::Intent;
use crate::download::{size, Progress};
use crate::source::{CatalogSource, Missing, Piece, ProductIndex};

/// Why the catalog could not be had, for the merchant (worded in English inside the
/// shopper's sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogFailure {
    /// Nothing arrived for `seconds`: no answer at all, or the body stopped coming.
    TimedOut {
        url: String,
        seconds: u32,
        /// Bytes of the body that had arrived.
        received: u64,
    },
    /// A network error, or an address the browser blocks.
    Unreachable {
        url: String,
    },
    Http {
        url: String,
        status: u16,
        status_text: String,
    },
    Unusable {
        url: String,
        error: LoadError,
    },
}

impl fmt::Display for CatalogFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogFailure::TimedOut {
                url,
                seconds,
                received: 0,
            } => write!(
                f,
                "the catalog at {url} did not answer within {seconds} seconds"
            ),
            CatalogFailure::TimedOut {
                url,
                seconds,
                received,
            } => write!(
                f,
                "the catalog at {url} stopped arriving after {}: nothing more came for \
                 {seconds} seconds",
                size(*received)
            ),
            CatalogFailure::Unreachable { url } => write!(
                f,
                "the catalog at {url} could not be reached (network error or blocked address)"
            ),
            CatalogFailure::Http {
                url,
                status,
                status_text,
            } if status_text.is_empty() => write!(f, "the catalog at {url} answered {status}"),
            CatalogFailure::Http {
                url,
                status,
                status_text,
            } => write!(f, "the catalog at {url} answered {status} {status_text}"),
            CatalogFailure::Unusable { url, error } => {
                write!(f, "the catalog at {url} can't be used: {error}")
            }
        }
    }
}

/// Where the catalog stands; why it failed is told in the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogStatus {
    Loading,
    Ready,
    Failed,
}

/// Why a piece is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Someone waits to be answered: fetched even if it failed before.
    Awaited,
    /// Worth having before it is asked for: not again once it failed, until the shopper
    /// asks again.
    Ahead,
}

/// Something the shopper or the page asked for before the catalog could answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiter {
    /// A question; a later one supersedes it.
    Answer(Intent),
    /// A cart change; every one is carried out, in order.
    Change(CartAction),
    /// A product's details, by product id.
    Detail(String),
    /// The saved cart's check against the catalog.
    Recheck,
    /// Products worth having before they are asked for.
    Prefetch(Vec<ProductIndex>),
}

impl Waiter {
    /// How urgently the pieces it waits for are fetched: for a prefetch no one waits.
    pub fn urgency(&self) -> Urgency {
        match self {
            Waiter::Prefetch(_) => Urgency::Ahead,
            _ => Urgency::Awaited,
        }
    }
}

#[derive(Default)]
pub struct CatalogState {
    source: Option<Box<dyn CatalogSource + Send + Sync>>,
    /// The last try failed (the conversation says why).
    failed: bool,
    /// What waits, with the piece it waits for (none: the whole catalog).
    waiting: Vec<(Option<Piece>, Waiter)>,
    /// Pieces asked for and not yet arrived: each is fetched once.
    requested: Vec<Piece>,
    /// Pieces that could not be had: fetched again only when the shopper asks again.
    refused: Vec<Piece>,
    /// How often the catalog or a piece of it arrived: what a view shows may have changed.
    arrivals: usize,
    /// How much of the catalog has downloaded, while it loads.
    progress: Progress,
}

impl CatalogState {
    pub fn status(&self) -> CatalogStatus {
        match (&self.source, self.failed) {
            (Some(_), _) => CatalogStatus::Ready,
            (None, true) => CatalogStatus::Failed,
            (None, false) => CatalogStatus::Loading,
        }
    }

    pub fn arrivals(&self) -> usize {
        self.arrivals
    }

    /// How far the download has come, while the catalog loads.
    pub fn progress(&self) -> Option<Progress> {
        (self.status() == CatalogStatus::Loading).then_some(self.progress)
    }

    /// More of the catalog has downloaded; nothing changes once it has arrived or failed.
    pub fn progressed(&mut self, progress: Progress) {
        if self.status() == CatalogStatus::Loading {
            self.progress = progress;
        }
    }

    pub fn source(&self) -> Option<&dyn CatalogSource> {
        self.source
            .as_deref()
            .map(|source| source as &dyn CatalogSource)
    }

    /// Whether `piece` is to be fetched now: it is not on its way already, and, fetched
    /// ahead, it did not fail since the shopper last asked.
    pub fn request(&mut self, piece: &Piece, urgency: Urgency) -> bool {
        let refused = urgency == Urgency::Ahead && self.was_refused(piece);
        let new = !self.requested.contains(piece) && !refused;
        if new {
            self.requested.push(piece.clone());
        }
        new
    }

    /// Keeps `waiter` until what is `missing` arrives: the whole catalog, or the first of
    /// the pieces (it is asked again then, and waits for whichever are still missing).
    pub fn wait(&mut self, missing: &Missing, waiter: Waiter) {
        let superseded = |w: &Waiter| match (w, &waiter) {
            (Waiter::Answer(_), Waiter::Answer(_))
            | (Waiter::Recheck, Waiter::Recheck)
            | (Waiter::Prefetch(_), Waiter::Prefetch(_)) => true,
            (Waiter::Detail(a), Waiter::Detail(b)) => a == b,
            _ => false,
        };
        self.waiting.retain(|(_, w)| !superseded(w));
        let piece = match missing {
            Missing::Catalog => None,
            Missing::Pieces(pieces) => pieces.first().cloned(),
        };
        self.waiting.push((piece, waiter));
    }

    /// The catalog is here; everything that waited is handed back to be asked again.
    pub fn arrived(&mut self, source: Box<dyn CatalogSource + Send + Sync>) -> Vec<Waiter> {
        self.source = Some(source);
        self.failed = false;
        self.requested.clear();
        self.arrivals += 1;
        self.waiting.drain(..).map(|(_, waiter)| waiter).collect()
    }

    /// A piece the source asked for is here: the source takes it in, and what waited for
    /// it is handed back to be asked again.
    pub fn piece_arrived(&mut self, piece: &Piece, bytes: &[u8]) -> Result<Vec<Waiter>, LoadError> {
        self.requested.retain(|asked| asked != piece);
        self.refused.retain(|refused| refused != piece);
        if let Some(source) = &mut self.source {
            source.add_piece(piece, bytes)?;
        }
        self.arrivals += 1;
        Ok(self.take_waiting_for(piece))
    }

    /// A piece could not be had: what waited for it is given up, and handed back. Also
    /// whether it is the first to fail since the shopper last asked.
    pub fn piece_failed(&mut self, piece: &Piece) -> (bool, Vec<Waiter>) {
        self.requested.retain(|asked| asked != piece);
        let first = self.refused.is_empty();
        if !self.was_refused(piece) {
            self.refused.push(piece.clone());
        }
        (first, self.take_waiting_for(piece))
    }

    /// Whether `piece` failed since the shopper last asked.
    pub fn was_refused(&self, piece: &Piece) -> bool {
        self.refused.contains(piece)
    }

    fn take_waiting_for(&mut self, piece: &Piece) -> Vec<Waiter> {
        let (theirs, others) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(waits_for, _)| waits_for.as_ref() == Some(piece));
        self.waiting = others;
        theirs.into_iter().map(|(_, waiter)| waiter).collect()
    }

    /// The shopper asked again: pieces that failed may be fetched again.
    pub fn forgive(&mut self) {
        self.refused.clear();
    }

    pub fn failed(&mut self) {
        self.failed = true;
        self.requested.clear();
    }

    /// The shopper asked to try loading it again.
    pub fn retry(&mut self) {
        self.failed = false;
        self.progress = Progress::default();
    }
}
