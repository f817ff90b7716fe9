//! Browser objects (nodes, closures, the page's elements) where Leptos asks for values it
//! could send to another thread. The widget's wasm has no other thread: wasm32 without the
//! atomics feature runs one, and a web worker instantiates a memory of its own. So in the
//! page nothing is checked. `send_wrapper`'s checks (Leptos's local storage makes one at
//! every use) read the current thread, whose handle the standard library allocates with its
//! own allocator, not the widget's (talc): that kept dlmalloc in the first download.
//! Elsewhere (the widget is compiled natively only to be checked) the checking wrapper
//! stands in.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub use unchecked::OneThread;

#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
pub use send_wrapper::SendWrapper as OneThread;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod unchecked {
    pub struct OneThread<T>(T);

    // SAFETY: there is one thread (above).
    unsafe impl<T> Send for OneThread<T> {}
    unsafe impl<T> Sync for OneThread<T> {}

    impl<T> OneThread<T> {
        pub fn new(value: T) -> Self {
            OneThread(value)
        }

        pub fn take(self) -> T {
            self.0
        }
    }

    impl<T> std::ops::Deref for OneThread<T> {
        type Target = T;

        fn deref(&self) -> &T {
            &self.0
        }
    }
}
