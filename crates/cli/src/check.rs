//! `chatcart check FEED`: reads a feed the way the storefront will and prints every problem.

use std::process::ExitCode;

use chatcart_core::catalog::Catalog;
use chatcart_core::money::Currency;

pub fn check(path: &str, currency: Currency) -> ExitCode {
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
