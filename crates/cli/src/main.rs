//! `chatcart check FEED [--currency CODE]`: reads a product feed (CSV or TSV, Meta or
//! Google columns) or a chatcart JSON catalog the way the storefront will, and prints
//! every problem with its line, then a summary.
//!
//! Exit status: 0 when every row loads (warnings allowed), 1 when rows were skipped,
//! 2 when the file cannot be used at all.

use std::process::ExitCode;

use chatcart_core::catalog::Catalog;
use chatcart_core::config::DEFAULT_CURRENCY;
use chatcart_core::money::Currency;

const USAGE: &str = "usage: chatcart check FEED [--currency CODE]

Checks a product feed (CSV or TSV with Meta or Google Merchant columns) or a chatcart
JSON catalog, printing each problem with its line and a summary. --currency is the
ISO 4217 code the shop sells in (default INR); prices in any other currency are errors.

Exit status: 0 all rows load, 1 some rows were skipped, 2 the file cannot be used.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok((path, currency)) => check(&path, currency),
        Err(problem) => {
            eprintln!("{problem}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(args: &[String]) -> Result<(String, Currency), String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("check") => {}
        Some("-h" | "--help" | "help") | None => return Err("chatcart checks product feeds".into()),
        Some(other) => return Err(format!("unknown command \"{other}\"")),
    }
    let mut path = None;
    let mut currency = DEFAULT_CURRENCY.to_owned();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--currency" => {
                currency = args
                    .next()
                    .ok_or("--currency needs a code, like INR")?
                    .clone();
            }
            other if path.is_none() && !other.starts_with("--") => path = Some(other.to_owned()),
            other => return Err(format!("unexpected argument \"{other}\"")),
        }
    }
    let path = path.ok_or("which feed? give its path")?;
    let currency = Currency::from_code(&currency).map_err(|e| format!("--currency: {e}"))?;
    Ok((path, currency))
}

fn check(path: &str, currency: Currency) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: cannot be read: {error}");
            return ExitCode::from(2);
        }
    };
    match Catalog::load(&bytes, currency) {
        Err(problem) => {
            println!("{path}: cannot be used: {problem}");
            ExitCode::from(2)
        }
        Ok((catalog, None)) => {
            println!(
                "{path}: chatcart JSON catalog: {} products ({} items) in {} categories, no problems",
                catalog.products.len(),
                catalog.variant_count(),
                catalog.categories.len()
            );
            ExitCode::SUCCESS
        }
        Ok((_, Some(report))) => {
            for note in &report.notes {
                println!("{path}: {note}");
            }
            for issue in &report.issues {
                println!("{path}: {issue}");
            }
            println!("{path}: {}", report.summary());
            if report.skipped > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
