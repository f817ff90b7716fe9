//! Code a shopper may never need, out of the first download: each function declared with
//! [`split_off!`] goes into the wasm chunk it names (scripts/build-widget.sh cuts them out),
//! fetched the first time it is called, or earlier through its `ahead` function. A chunk that
//! cannot be fetched is an `Err(ChunkFailed)` to tell the shopper about, and is asked for
//! again on the next call. Built with `--features eager` (the in-browser tests, whose wasm is
//! not split) the functions are ordinary ones.

/// A chunk of the widget's code could not be fetched (the network, most likely).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// `chunk => fn name(args) -> T { body }`, optionally `, ahead fetch_name` before the body,
/// becomes `async fn name(args) -> Result<T, ChunkFailed>` with the body in the wasm chunk
/// `split_<chunk>.wasm` (functions naming one chunk share it), and `async fn fetch_name()`
/// fetching that chunk without running anything (its result: whether it arrived).
macro_rules! split_off {
    ($chunk:ident => $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty
        $(, ahead $ahead:ident)? $body:block) => {
        $(#[$meta])*
        #[cfg(not(feature = "eager"))]
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            fallible,
            wasm_split_path = ::leptos::wasm_split
            $(, preload($ahead))?
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::ChunkFailed> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(feature = "eager")]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::ChunkFailed> {
            Ok($body)
        }

        $(
            #[cfg(feature = "eager")]
            $vis async fn $ahead() -> Result<(), $crate::lazy::ChunkFailed> {
                Ok(())
            }
        )?
    };
}
pub(crate) use split_off;

/// Waits between asking again for a chunk that could not be fetched: 2 s, doubling up to a
/// cap, so a network that is down is not asked every moment.
pub struct Backoff {
    next_ms: u32,
    cap_ms: u32,
}

impl Backoff {
    pub fn up_to(cap_ms: u32) -> Self {
        Backoff {
            next_ms: 2_000,
            cap_ms,
        }
    }

    /// The next wait, in milliseconds; the one after is longer.
    pub fn next(&mut self) -> u32 {
        let wait_ms = self.next_ms;
        self.next_ms = (wait_ms * 2).min(self.cap_ms);
        wait_ms
    }
}
