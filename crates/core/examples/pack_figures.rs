//! What packing costs and what an update rewrites: the time to pack a feed already read
//! (median of five), the pack's files and bytes, and the share of its bytes that are new
//! files after one product in a hundred changes its price.
//!
//! `cargo run --release -p chatcart-core --example pack_figures < feed.csv`

use std::collections::HashSet;
use std::io::Read;
use std::time::Instant;

use chatcart_core::catalog::Catalog;
use chatcart_core::catalog_pack::pack;
use chatcart_core::money::{Currency, Money};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut feed = Vec::new();
    std::io::stdin().read_to_end(&mut feed)?;
    let currency = Currency::from_code("INR")?;
    let (catalog, _) = Catalog::load(&feed, currency)?;
    let mut times: Vec<u128> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let files = pack(&catalog).files.len();
            std::hint::black_box(files);
            started.elapsed().as_millis()
        })
        .collect();
    times.sort_unstable();
    let before = pack(&catalog).files;
    let total: usize = before.iter().map(|(_, bytes)| bytes.len()).sum();
    println!(
        "{} products: packed in {} ms median (min {}, max {}); {} files, {:.1} MB",
        catalog.products.len(),
        times[2],
        times[0],
        times[4],
        before.len(),
        total as f64 / 1e6
    );
    // One product in a hundred changes its price, in a new version of the feed.
    let mut changed = catalog.clone();
    changed.version = "fnv1a64:0000000000000001".into();
    let one = Money::parse("1", currency)?;
    for product in changed.products.iter_mut().step_by(100) {
        let variant = &mut product.variants[0];
        variant.price = variant.price.checked_add(&one)?;
        variant.sale_price = None;
    }
    let before: HashSet<(String, Vec<u8>)> = before.into_iter().collect();
    let after = pack(&changed).files;
    let new: Vec<&(String, Vec<u8>)> = after.iter().filter(|f| !before.contains(f)).collect();
    let new_bytes: usize = new.iter().map(|(_, bytes)| bytes.len()).sum();
    let after_bytes: usize = after.iter().map(|(_, bytes)| bytes.len()).sum();
    println!(
        "1% of prices changed: {} new files, {new_bytes} of {after_bytes} bytes ({:.1}%)",
        new.len(),
        new_bytes as f64 * 100.0 / after_bytes as f64
    );
    Ok(())
}
