//! Drawing a view whose code is in a chunk ([`crate::lazy`]): a polite "Loading…" until it
//! arrives, and when it cannot be fetched, what could not load and a button to try again.

use std::future::Future;

use chatcart_core::words::Label;
use leptos::prelude::*;

use crate::lazy::ChunkFailed;
use crate::shop::expect_shop;

/// A view whose code is in a chunk: drawn once `load` has it; when the chunk cannot be
/// fetched, the words `failed` and a button that tries again.
#[component]
pub fn FromChunk<Load, Loading>(load: Load, failed: Label) -> impl IntoView
where
    Load: Fn() -> Loading + Clone + Send + Sync + 'static,
    Loading: Future<Output = Result<AnyView, ChunkFailed>> + Send + 'static,
{
    let shop = expect_shop();
    let attempts = RwSignal::new(0_u32);
    // Whether the latest attempt has answered: till then, and again while trying again, a
    // polite "Loading…" (Leptos' Suspense would cost 4 KB of download for it).
    let answered = RwSignal::new(false);
    // After Try again, focus goes to what came instead of the button, not to the page's body.
    let content = NodeRef::<leptos::html::Div>::new();
    view! {
        {move || {
            (!answered.get()).then(|| {
                view! { <p class="cc-panel__empty" role="status">{shop.words.label(Label::Loading)}</p> }
            })
        }}
        <div class="cc-chunk" tabindex="-1" node_ref=content>
        {move || {
            attempts.track();
            let _ = answered.try_set(false);
            let load = load.clone();
            Suspend::new(async move {
                let drawn = match load().await {
                    Ok(view) => view,
                    Err(ChunkFailed) => view! {
                        <p class="cc-chunk-failed" role="alert">{shop.words.label(failed)}</p>
                        <button type="button" class="cc-button" on:click=move |_| attempts.update(|n| *n += 1)>
                            {shop.words.label(Label::TryAgain)}
                        </button>
                    }
                    .into_any(),
                };
                // The shopper may have closed the panel meanwhile.
                let _ = answered.try_set(true);
                if attempts.try_get_untracked().is_some_and(|n| n > 0) {
                    request_animation_frame(move || {
                        if let Some(content) = content.try_get_untracked().flatten() {
                            let _ = content.focus();
                        }
                    });
                }
                drawn
            })
        }}
        </div>
    }
}
