//! `chatcart check FEED` reads a feed the way the storefront will and prints every problem;
//! `chatcart pack FEED --out DIR` prints the same and writes the catalog as a pack.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chatcart_core::catalog::Catalog;
use chatcart_core::catalog_pack::{is_manifest, pack as pack_catalog, PackSource, MANIFEST};
use chatcart_core::money::Currency;

pub fn check(path: &str, currency: Currency) -> ExitCode {
    checked(path, currency).1
}

/// Reads the feed or catalog at `path`, printing its report: the catalog if it can be
/// used, and the exit status `check` gives.
fn checked(path: &str, currency: Currency) -> (Option<Catalog>, ExitCode) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: cannot be read: {error}");
            return (None, ExitCode::from(2));
        }
    };
    match Catalog::load(&bytes, currency) {
        Err(problem) => {
            println!("{path}: cannot be used: {problem}");
            (None, ExitCode::from(2))
        }
        Ok((catalog, None)) => {
            println!(
                "{path}: chatcart JSON catalog: {} products ({} items) in {} categories, no problems",
                catalog.products.len(),
                catalog.variant_count(),
                catalog.categories.len()
            );
            (Some(catalog), ExitCode::SUCCESS)
        }
        Ok((catalog, Some(report))) => {
            for note in &report.notes {
                println!("{path}: {note}");
            }
            for issue in &report.issues {
                println!("{path}: {issue}");
            }
            println!("{path}: {}", report.summary());
            let code = match report.skipped {
                0 => ExitCode::SUCCESS,
                _ => ExitCode::from(1),
            };
            (Some(catalog), code)
        }
    }
}

/// Writes the pack of the feed at `path` into `out`, beside any pack already there (files
/// are named by their content, so only new ones are written); the manifest goes last, so
/// a shop never reads a manifest naming a file not yet written. Prints the manifest's
/// path as the last line.
pub fn pack(path: &str, out: &str, currency: Currency) -> ExitCode {
    let (Some(catalog), code) = checked(path, currency) else {
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let pack = pack_catalog(&catalog);
    let (mut written, mut bytes) = (0, 0);
    for (name, content) in &pack.files {
        let file = Path::new(out).join(name);
        // A file of that name has that content: names are hashes of contents, and files
        // are written whole (through a rename).
        if name != MANIFEST && file.exists() {
            continue;
        }
        if let Err(error) = write_file(&file, content) {
            eprintln!("{}: cannot be written: {error}", file.display());
            return ExitCode::from(2);
        }
        written += 1;
        bytes += content.len();
    }
    let total: usize = pack.files.iter().map(|(_, content)| content.len()).sum();
    println!(
        "{out}: pack of {} products in {} files ({:.1} MB); {written} files ({:.1} MB) written, \
         the others were there already; {} ms",
        catalog.products.len(),
        pack.files.len(),
        total as f64 / 1e6,
        bytes as f64 / 1e6,
        started.elapsed().as_millis()
    );
    println!("{}", Path::new(out).join(MANIFEST).display());
    code
}

/// Writes through a temporary file, so that nobody reads a file half written.
fn write_file(file: &Path, content: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut partial = file.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, content)?;
    std::fs::rename(&partial, file)
}

/// The catalog orders are priced from: a feed, a JSON catalog, or a pack (its folder or
/// its manifest), with a feed's report summary.
pub fn load(path: &str, currency: Currency) -> Result<(Catalog, Option<String>), String> {
    let mut file = PathBuf::from(path);
    if file.is_dir() {
        file.push(MANIFEST);
    }
    let bytes = std::fs::read(&file).map_err(|e| format!("{path}: cannot be read: {e}"))?;
    let unusable = |e: &dyn std::fmt::Display| format!("{path}: cannot be used: {e}");
    if is_manifest(&bytes) {
        let folder = file.parent().unwrap_or(Path::new("")).to_owned();
        let read = |name: &str| std::fs::read(folder.join(name)).map_err(|e| e.to_string());
        let catalog = PackSource::open(&bytes, currency)
            .and_then(|pack| pack.into_catalog(&read))
            .map_err(|e| unusable(&e))?;
        return Ok((catalog, None));
    }
    let (catalog, report) = Catalog::load(&bytes, currency).map_err(|e| unusable(&e))?;
    Ok((catalog, report.map(|r| r.summary())))
}
