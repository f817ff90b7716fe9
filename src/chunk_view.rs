//! Drawing a view whose code is in a chunk ([`crate::lazy`]): a polite "Loading…" until it
//! arrives, and when it cannot be fetched, what could not load and a button to try again.
//! Drawn with a signal rather than Leptos' `Suspend`, whose async machinery cost the first
//! download about 2 KB of brotli more.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use chatcart_core::words::Label;
use leptos::prelude::*;

use crate::lazy::ChunkFailed;
use crate::shop::{expect_shop, Shop};

/// A view whose code is in a chunk: drawn once `load` has it; when the chunk cannot be
/// fetched, the words `failed` and a button that tries again.
#[component]
pub fn FromChunk<Load, Loading>(load: Load, failed: Label) -> impl IntoView
where
    Load: Fn() -> Loading + Send + Sync + 'static,
    Loading: Future<Output = Result<AnyView, ChunkFailed>> + 'static,
{
    let attempt = Attempt {
        // One `Attempt` for every chunk's view, not one compiled per view.
        load: Arc::new(move || Box::pin(load())),
        failed,
        shop: expect_shop(),
        owner: Owner::current().expect("a view is drawn under an owner"),
        answer: StoredValue::new_local(None),
        answers: RwSignal::new(0),
        loading: RwSignal::new(false),
        content: NodeRef::new(),
    };
    let Attempt {
        shop,
        answer,
        answers,
        loading,
        content,
        ..
    } = attempt.clone();
    attempt.start(false);
    view! {
        {move || {
            loading.get().then(|| {
                view! { <p class="cc-panel__empty" role="status">{shop.words.label(Label::Loading)}</p> }
            })
        }}
        <div class="cc-chunk" tabindex="-1" node_ref=content>
            {move || {
                answers.track();
                answer.try_update_value(Option::take).flatten()
            }}
        </div>
    }
}

/// Asks for a chunk's view.
type Load =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, ChunkFailed>>>> + Send + Sync>;

/// One attempt at `FromChunk`'s view, and what it draws into.
#[derive(Clone)]
struct Attempt {
    load: Load,
    failed: Label,
    shop: Shop,
    /// The owner the component is drawn under: the chunk's view is made under it, so its
    /// parts find the shop, and the task is cancelled with it.
    owner: Owner,
    /// What the latest attempt made, until the view takes it.
    answer: StoredValue<Option<AnyView>, LocalStorage>,
    /// Bumped to draw `answer`.
    answers: RwSignal<u32>,
    loading: RwSignal<bool>,
    /// After Try again, focus goes to what came instead of the button, not the page's body.
    content: NodeRef<leptos::html::Div>,
}

impl Attempt {
    /// Asks for the view (`again` after Try again). A chunk that is here already answers at
    /// once, drawn without a "Loading…" in between; else "Loading…" alone until it answers.
    fn start(self, again: bool) {
        let owner = self.owner.clone();
        let mut loading = owner.with(|| (self.load)());
        let mut now = Context::from_waker(Waker::noop());
        if let Poll::Ready(answer) = owner.with(|| loading.as_mut().poll(&mut now)) {
            self.show(answer, again);
            return;
        }
        self.loading.set(true);
        self.answer.set_value(None);
        self.answers.update(|n| *n += 1);
        owner.with(|| {
            // Cancelled if the shopper closes the panel before the chunk comes.
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let answer = loading.await;
                self.show(answer, again);
            });
        });
    }

    /// Draws what the chunk answered; after Try again, focus goes to it.
    fn show(&self, answer: Result<AnyView, ChunkFailed>, again: bool) {
        let view = match answer {
            Ok(view) => view,
            Err(ChunkFailed) => self.failed_view(),
        };
        self.answer.set_value(Some(view));
        self.answers.update(|n| *n += 1);
        self.loading.set(false);
        self.shop.chunk_views_drawn.update(|n| *n += 1);
        if again {
            let content = self.content;
            request_animation_frame(move || {
                if let Some(content) = content.try_get_untracked().flatten() {
                    let _ = content.focus();
                }
            });
        }
    }

    fn failed_view(&self) -> AnyView {
        let words = self.shop.words;
        let again = self.clone();
        view! {
            <p class="cc-chunk-failed" role="alert">{words.label(self.failed)}</p>
            <button type="button" class="cc-button" on:click=move |_| again.clone().start(true)>
                {words.label(Label::TryAgain)}
            </button>
        }
        .into_any()
    }
}
