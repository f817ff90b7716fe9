//! Scales a product feed up for benchmarks: every row is repeated with a plausible
//! qualifier in its title ("Family Pack", "Organic", ...), a new id and a nudged price,
//! until the feed has the asked number of rows. The vocabulary stays that of the real feed.
//!
//! `cargo run --release -p chatcart-core --example scale_feed -- 50000 < feed.csv > big.csv`

use std::io::{self, Read, Write};

const QUALIFIERS: &[&str] = &[
    "",
    "Value Pack",
    "Family Pack",
    "Organic",
    "Premium",
    "Classic",
    "Combo",
    "Select",
    "Fresh",
    "Saver",
    "Mini",
    "Jumbo",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).ok_or("how many rows?")?.parse()?;
    let mut input = Vec::new();
    io::stdin().read_to_end(&mut input)?;
    let mut reader = csv::Reader::from_reader(input.as_slice());
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (id, title, price) = (
        column("id").ok_or("no id column")?,
        column("title").ok_or("no title column")?,
        column("price").ok_or("no price column")?,
    );
    let source: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let mut writer = csv::Writer::from_writer(io::stdout().lock());
    writer.write_record(&header)?;
    for n in 0..rows {
        let round = n / source.len();
        let mut row: Vec<String> = source[n % source.len()].iter().map(str::to_owned).collect();
        if round > 0 {
            let qualifier = QUALIFIERS[round % QUALIFIERS.len()];
            row[id] = format!("{}-{round}", row[id]);
            row[title] = format!("{} {qualifier}", row[title]).trim().to_owned();
            // Raise the price by `round` rupees so copies differ.
            if let Some((amount, currency)) = row[price].split_once(' ') {
                if let Some((whole, fraction)) = amount.split_once('.') {
                    let whole: u64 = whole.parse::<u64>()? + round as u64;
                    row[price] = format!("{whole}.{fraction} {currency}");
                }
            }
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    io::stdout().flush()?;
    Ok(())
}
