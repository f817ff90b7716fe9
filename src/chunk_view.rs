//! Drawing a view whose code is in a chunk ([`crate::lazy`]): a polite "Loading…" until it
//! arrives, and when it cannot be fetched, what could not load and a button to try again.
//! Drawn by hand ([`crate::dom`]) rather than with Leptos' `Suspend`, whose async machinery
//! cost the first download about 2 KB of brotli more.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use chatcart_core::words::Label;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use crate::dom;
use crate::lazy::ChunkFailed;
use crate::shop::Shop;

/// `shop`'s view whose code is in a chunk: drawn once `load` has it; when the chunk cannot
/// be fetched, the words `failed` and a button that tries again.
pub fn from_chunk<Load, Loading>(shop: Shop, load: Load, failed: Label) -> dom::Built
where
    Load: Fn(Shop) -> Loading + Send + Sync + 'static,
    Loading: Future<Output = Result<dom::Built, ChunkFailed>> + 'static,
{
    let content = dom::element("div", "cc-chunk")
        .attr("tabindex", "-1")
        .done();
    let placeholder: Node = dom::marker();
    let parts = Rc::new(Parts {
        nodes: Rc::new(RefCell::new(vec![placeholder.clone(), content.into()])),
        placeholder,
        loading: dom::element("p", "cc-panel__empty")
            .attr("role", "status")
            .text(shop.words.label(Label::Loading))
            .done()
            .into(),
        drawn: RefCell::new(None),
    });
    let attempt = Attempt {
        // One `Attempt` for every chunk's view, not one compiled per view.
        load: Arc::new(move |shop| Box::pin(load(shop))),
        failed,
        shop,
        owner: dom::current_owner(),
        parts: Rc::downgrade(&parts),
    };
    attempt.start(false);
    dom::Built::new(Rc::clone(&parts.nodes), Box::new(parts))
}

/// Asks for a chunk's view.
type Load = Arc<
    dyn Fn(Shop) -> Pin<Box<dyn Future<Output = Result<dom::Built, ChunkFailed>>>> + Send + Sync,
>;

/// What `from_chunk` draws: "Loading…" or an empty comment first, then the content, which
/// holds the chunk's view or its failure.
struct Parts {
    nodes: dom::Nodes,
    /// In the first place while nothing is loading.
    placeholder: Node,
    loading: Node,
    /// The chunk's view drawn in the content.
    drawn: RefCell<Option<dom::BuiltState>>,
}

impl Parts {
    fn content(&self) -> Element {
        self.nodes.borrow()[1].clone().unchecked_into()
    }

    /// Shows "Loading…", or takes it out.
    fn loading(&self, shown: bool) {
        let mut nodes = self.nodes.borrow_mut();
        let now = if shown {
            self.loading.clone()
        } else {
            self.placeholder.clone()
        };
        if nodes[0] == now {
            return;
        }
        dom::replace(&nodes[..1], std::slice::from_ref(&now));
        nodes[0] = now;
    }

    /// Empties the content.
    fn clear(&self) {
        if let Some(view) = self.drawn.take() {
            view.take_out();
        }
        self.content().set_text_content(None);
    }
}

/// One attempt at `from_chunk`'s view. It holds what it draws into weakly: the view's nodes
/// hold it, through Try again.
#[derive(Clone)]
struct Attempt {
    load: Load,
    failed: Label,
    shop: Shop,
    /// The owner `from_chunk` was called under: the chunk's view is made under it, so what
    /// keeps it up to date goes with it, and the task is cancelled with it.
    owner: Owner,
    parts: Weak<Parts>,
}

impl Attempt {
    /// Asks for the view (`again` after Try again). A chunk that is here already answers at
    /// once, drawn without a "Loading…" in between; else "Loading…" alone until it answers.
    fn start(self, again: bool) {
        let owner = self.owner.clone();
        let mut loading = owner.with(|| (self.load)(self.shop));
        let mut now = Context::from_waker(Waker::noop());
        if let Poll::Ready(answer) = owner.with(|| loading.as_mut().poll(&mut now)) {
            self.show(answer, again);
            return;
        }
        if let Some(parts) = self.parts.upgrade() {
            parts.clear();
            parts.loading(true);
        }
        owner.with(|| {
            // Cancelled if the shopper closes the panel before the chunk comes.
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let answer = loading.await;
                self.show(answer, again);
            });
        });
    }

    /// Draws what the chunk answered; after Try again, focus goes to it.
    fn show(&self, answer: Result<dom::Built, ChunkFailed>, again: bool) {
        let Some(parts) = self.parts.upgrade() else {
            return;
        };
        parts.clear();
        parts.loading(false);
        let content = parts.content();
        match answer {
            Ok(view) => {
                *parts.drawn.borrow_mut() = Some(view.append_to(&content));
            }
            Err(ChunkFailed) => self.draw_failure(&content),
        }
        self.shop.chunk_views_drawn.count_one();
        if again {
            request_animation_frame(move || {
                let _ = content.unchecked_ref::<HtmlElement>().focus();
            });
        }
    }

    fn draw_failure(&self, content: &Element) {
        let words = self.shop.words;
        let failed = dom::element("p", "cc-chunk-failed")
            .attr("role", "alert")
            .text(words.label(self.failed));
        let again = self.clone();
        let retry = dom::button("cc-button")
            .text(words.label(Label::TryAgain))
            .on("click", Box::new(move |_| again.clone().start(true)));
        let _ = content.append_child(&failed.done());
        let _ = content.append_child(&retry.done());
    }
}
