//! Index build and per-keystroke search time, natively: every prefix of real shopper queries, English and
//! Hindi, searched against a feed; prints the median, 95th percentile and maximum of each
//! set (best of five rounds per keystroke, so a stray pause of the machine is not counted).
//!
//! `cargo run --release -p chatcart-core --example search_timing < feed.csv`

use std::io::Read;
use std::time::Instant;

use chatcart_core::catalog::Catalog;
use chatcart_core::money::Currency;
use chatcart_core::search::SearchIndex;

/// The queries of scripts/bench-search.mjs.
const ENGLISH: &[&str] = &[
    "aashirvaad atta",
    "amul butter",
    "colgate toothpaste",
    "maggi noodles",
    "tata salt",
    "surf excel",
    "parle g",
    "toor dal",
    "basmati rice",
    "nescafe classic",
    "dettol",
    "good day cookies",
    "red label tea",
    "fresh tomato",
    "brown bread",
    "kurkure masala munch",
    "haldiram bhujia",
    "saffola gold oil",
    "sensodyne",
    "dairy milk silk",
    "colgat",
    "magi",
    "tomatos",
    "aashirwad atta",
    "brittania",
    "horlics",
];

const HINDI: &[&str] = &[
    "aloo",
    "pyaz",
    "tamatar",
    "doodh",
    "dahi",
    "chini",
    "namak",
    "aata",
    "chawal",
    "toor daal",
    "sarson ka tel",
    "chai patti",
    "haldi",
    "jeera",
    "adrak",
    "lehsun",
    "ande",
    "makhan",
    "sabun",
    "amul makhan",
    "मैगी",
    "आलू",
    "दूध",
    "चीनी",
    "सरसों का तेल",
];

fn keystrokes(queries: &[&str]) -> Vec<String> {
    queries
        .iter()
        .flat_map(|q| {
            q.char_indices()
                .map(|(at, c)| q[..at + c.len_utf8()].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut feed = Vec::new();
    std::io::stdin().read_to_end(&mut feed)?;
    let (catalog, _) = Catalog::load(&feed, Currency::from_code("INR")?)?;
    let build = (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(SearchIndex::build(&catalog.products, &catalog.categories));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "{} products: index built in {build:.1} ms (best of 3)",
        catalog.products.len()
    );
    for (set, queries) in [("English", ENGLISH), ("Hindi", HINDI)] {
        let keystrokes = keystrokes(queries);
        let mut times: Vec<f64> = keystrokes
            .iter()
            .map(|query| {
                (0..5)
                    .map(|_| {
                        let start = Instant::now();
                        std::hint::black_box(catalog.search(query));
                        start.elapsed().as_secs_f64() * 1000.0
                    })
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let at = |p: usize| times[(p * times.len() / 100).min(times.len() - 1)];
        println!(
            "{} products, {set}: {} keystrokes, per keystroke median {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            catalog.products.len(),
            times.len(),
            at(50),
            at(95),
            times[times.len() - 1],
        );
    }
    Ok(())
}
