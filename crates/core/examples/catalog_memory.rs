//! Measures the heap a catalog takes: live bytes after loading a feed (catalog and search
//! index, and the index alone) and the peak while loading (the feed text itself not
//! counted: it streams), with a counting allocator.
//!
//! `cargo run --release -p chatcart-core --example catalog_memory < feed.csv`

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use chatcart_core::catalog::Catalog;
use chatcart_core::money::Currency;
use chatcart_core::search::SearchIndex;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut feed = Vec::new();
    std::io::stdin().read_to_end(&mut feed)?;
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let (catalog, _) = Catalog::load(&feed, Currency::from_code("INR")?)?;
    let live = LIVE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    // The index alone: built once more and measured while it lives.
    let before_index = LIVE.load(Ordering::Relaxed);
    let index = SearchIndex::build(&catalog.products, &catalog.categories);
    let index_bytes = LIVE.load(Ordering::Relaxed) - before_index;
    drop(index);
    println!(
        "{} products: catalog and index {:.1} MB live (the index {:.1} MB); loading peaked at {:.1} MB",
        catalog.products.len(),
        mb(live),
        mb(index_bytes),
        mb(peak),
    );
    Ok(())
}
