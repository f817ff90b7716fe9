//! The widget's memory allocator. Every block is a power of two in size, from 8 bytes up,
//! and aligned to its size; a freed block goes on a list of its size. A request takes the
//! smallest free block that fits, halving a larger one down to size if need be, else carves
//! a new block from the end of the memory, growing it. Freed blocks are never joined again.
//!
//! Why not the standard library's allocator (dlmalloc, which joins freed neighbours): its
//! code, and the work its free does in every drop, were 1.9 KB of brotli in every first
//! download (issue 13). What this costs instead is memory: a block rounded up to a power of
//! two (a 40-byte string takes 64 bytes, 48 in dlmalloc), and freed blocks kept at their
//! size, or halved, for later requests.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::UnsafeCell;

/// Blocks of 8 << 0 to 8 << 28 bytes: 2 GiB, more than a wasm32 layout can ask for.
const SIZES: usize = 29;
const PAGE: usize = 65536;

pub struct Heap(UnsafeCell<Blocks>);

struct Blocks {
    /// The first free block of each size; a free block holds the address of the next.
    free: [usize; SIZES],
    /// The memory not carved into blocks yet: from `next` up to `end`.
    next: usize,
    end: usize,
}

// SAFETY: wasm32 without the atomics feature runs one thread (a web worker instantiates its
// own memory): there is never a second caller at the same time.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for Heap {}

impl Heap {
    pub const fn new() -> Self {
        Heap(UnsafeCell::new(Blocks {
            free: [0; SIZES],
            next: 0,
            end: 0,
        }))
    }
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

/// The size of block `layout` takes: 8 << class, at least its size and its alignment (a
/// power of two), so that a block aligned to its size is aligned enough.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    (usize::BITS - (size - 1).leading_zeros()) as usize - 3
}

impl Blocks {
    /// Frees `block`, of `class`.
    fn push(&mut self, class: usize, block: usize) {
        // SAFETY: a block is at least 8 bytes, aligned to its size, and ours.
        unsafe { *(block as *mut usize) = self.free[class] };
        self.free[class] = block;
    }

    /// A block of `class`, or 0 when the memory cannot grow.
    fn take(&mut self, class: usize) -> usize {
        if let Some(larger) = (class..SIZES).find(|&c| self.free[c] != 0) {
            let block = self.free[larger];
            // SAFETY: as in `push`.
            self.free[larger] = unsafe { *(block as *const usize) };
            // Halved down to size: the upper halves become free blocks of the sizes between.
            for half in class..larger {
                self.push(half, block + (8 << half));
            }
            return block;
        }
        let size = 8 << class;
        loop {
            let Some(start) = self.next.checked_add(size - 1).map(|s| s & !(size - 1)) else {
                return 0;
            };
            if start < self.end && self.end - start >= size {
                // The gap up to the aligned block becomes free blocks, each as large as its
                // address's alignment allows: the gap ends at a multiple of `size`.
                while self.next < start {
                    let piece = self.next & self.next.wrapping_neg();
                    self.push(piece.trailing_zeros() as usize - 3, self.next);
                    self.next += piece;
                }
                self.next = start + size;
                return start;
            }
            let pages = size.div_ceil(PAGE);
            let before = wasm32::memory_grow(0, pages);
            // Not grown, or grown to the whole 4 GiB, whose end a wasm32 address can't hold.
            let Some(end) = before.checked_add(pages).and_then(|p| p.checked_mul(PAGE)) else {
                return 0;
            };
            if before * PAGE != self.end {
                // Not after our end (the first time): the new pages begin anew.
                self.next = before * PAGE;
            }
            self.end = end;
        }
    }
}

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: one caller at a time (`Sync` above), and no call holds it past its return.
        let blocks = unsafe { &mut *self.0.get() };
        blocks.take(class(layout)) as *mut u8
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`; `block` was given for `layout`, so it is of its class.
        let blocks = unsafe { &mut *self.0.get() };
        blocks.push(class(layout), block as usize);
    }

    /// In place while the new size takes a block of the same size.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller gives a size that, rounded to the alignment, fits an isize.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new_layout) == class(layout) {
            return block;
        }
        // SAFETY: as the default `realloc`: a new block, the contents copied, the old freed.
        unsafe {
            let moved = self.alloc(new_layout);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            moved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    // Each test has a heap of its own, beside the global one: both grow the one memory.

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[wasm_bindgen_test]
    fn a_block_is_aligned_to_its_rounded_size() {
        let heap = Heap::new();
        let sizes = [
            (1, 1),
            (8, 8),
            (9, 1),
            (24, 8),
            (3, 16),
            (100, 256),
            (70_000, 8),
        ];
        for (size, align) in sizes {
            let block = unsafe { heap.alloc(layout(size, align)) } as usize;
            let rounded = size.max(align).max(8).next_power_of_two();
            assert_ne!(block, 0);
            assert_eq!(block % rounded, 0, "{size} bytes at {block}");
        }
    }

    #[wasm_bindgen_test]
    fn a_freed_block_is_taken_again_by_its_size_and_halved_for_smaller() {
        let heap = Heap::new();
        let big = unsafe { heap.alloc(layout(1024, 8)) };
        unsafe { heap.dealloc(big, layout(1024, 8)) };
        let again = unsafe { heap.alloc(layout(1000, 8)) };
        assert_eq!(again, big);
        unsafe { heap.dealloc(again, layout(1000, 8)) };
        let small = unsafe { heap.alloc(layout(8, 8)) };
        let next = unsafe { heap.alloc(layout(8, 8)) };
        let half = unsafe { heap.alloc(layout(512, 8)) };
        assert_eq!(small, big);
        assert_eq!(next as usize, big as usize + 8);
        assert_eq!(half as usize, big as usize + 512);
    }

    #[wasm_bindgen_test]
    fn realloc_stays_within_its_size_and_moves_the_contents_beyond() {
        let heap = Heap::new();
        let block = unsafe { heap.alloc(layout(20, 4)) };
        unsafe { block.copy_from(b"twenty bytes, or so.".as_ptr(), 20) };
        let grown = unsafe { heap.realloc(block, layout(20, 4), 32) };
        assert_eq!(grown, block);
        let moved = unsafe { heap.realloc(grown, layout(32, 4), 33) };
        assert_ne!(moved, block);
        let contents = unsafe { std::slice::from_raw_parts(moved, 20) };
        assert_eq!(contents, b"twenty bytes, or so.");
        // The block left is free for the next of its size.
        assert_eq!(unsafe { heap.alloc(layout(32, 4)) }, block);
    }

    /// Many blocks of many sizes, some freed and taken again: each live block keeps what
    /// was written into it, so no two overlap.
    #[wasm_bindgen_test]
    fn live_blocks_never_overlap() {
        let heap = Heap::new();
        let mut seed = 7u32;
        let mut random = move |below: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 8) % below
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for round in 0..4000u32 {
            if !live.is_empty() && random(3) == 0 {
                let (block, layout, mark) = live.swap_remove(random(live.len() as u32) as usize);
                let contents = unsafe { std::slice::from_raw_parts(block, layout.size()) };
                assert!(
                    contents.iter().all(|&b| b == mark),
                    "block {block:?} was overwritten"
                );
                unsafe { heap.dealloc(block, layout) };
            } else {
                let largest = if random(20) == 0 { 20_000 } else { 200 };
                let size = 1 + random(largest) as usize;
                let layout = layout(size, 1 << random(4));
                let block = unsafe { heap.alloc(layout) };
                assert_eq!(block as usize % layout.align(), 0);
                let mark = round as u8;
                unsafe { block.write_bytes(mark, size) };
                live.push((block, layout, mark));
            }
        }
        for (block, layout, mark) in live {
            let contents = unsafe { std::slice::from_raw_parts(block, layout.size()) };
            assert!(
                contents.iter().all(|&b| b == mark),
                "block {block:?} was overwritten"
            );
        }
    }
}
