//! chatcart's commerce domain in plain Rust, with no browser types: money, catalog, cart,
//! order and hand-off link, store configuration and the chat's understanding of messages.

pub mod cart;
pub mod catalog;
pub mod catalog_pack;
pub mod chat;
pub mod checkout;
pub mod config;
mod delimited;
pub mod download;
pub mod feed;
pub mod handoff;
pub mod idempotency;
pub mod intake;
pub mod json;
pub mod lexicon;
pub mod limits;
pub mod money;
pub mod order;
pub mod order_status;
pub mod ordering;
pub mod outbox;
pub mod pack_size;
pub mod product;
pub mod reference;
pub mod retailer_id;
pub mod search;
pub mod session;
pub mod settings;
pub mod source;
pub mod terms;
pub mod text;
pub mod theme;
pub mod words;
