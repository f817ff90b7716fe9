//! A catalog pack: a catalog written as a folder of static files that any host or CDN
//! serves, so that a shop of 50,000 products opens on a slow phone by fetching only what
//! each step shows. The manifest (store, currency, categories with where their products
//! start and how many there are, and which file holds what) is the one file with a fixed
//! name; every other file is named by a hash of its content, so a new pack is published
//! beside the old one, everything else can be cached for good, and a piece can never be
//! mixed up with another version's.
//!
//! - `index/words-*.txt`: the search vocabulary, one word per line, sorted;
//! - `index/postings-*.txt`: for a run of those words, one line each: the products the word
//!   appears in, with what ranking needs of them (see `search::Posting`);
//! - `pages/*.txt`: product records, `PAGE_SIZE` to a page, in catalog order, where a
//!   category's products stand together;
//! - `pages/table-*.txt`: which file holds each page (its hash, one per line),
//!   `TABLE_SIZE` pages to a table;
//! - `ids/*.txt`: where each product id and retailer id is, in buckets by a hash of the id.
//!
//! A price change rewrites the product's page, its page table and the manifest, and no
//! more.

mod format;
mod source;
mod write;

pub use format::{is_manifest, PackError, MANIFEST, PACK_FORMAT, PACK_VERSION};
pub use source::PackSource;
pub use write::{pack, Pack};

/// Products per page: small, so a price change rewrites little.
pub const PAGE_SIZE: usize = 4;
/// Pages per page table.
pub const TABLE_SIZE: usize = 128;
/// About how many bytes a file of postings holds before the next begins.
pub const POSTINGS_BYTES: usize = 24 * 1024;
/// About how many ids an ids bucket holds.
pub const BUCKET_IDS: usize = 1024;
