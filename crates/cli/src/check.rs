//! `chatcart check FEED` reads a feed the way the storefront will and prints every problem
//! (or, given a shop settings file, what it sets or where it is wrong);
//! `chatcart pack FEED --out DIR` prints the same and writes the catalog as a pack.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chatcart_core::catalog::Catalog;
use chatcart_core::catalog_pack::{is_manifest, pack as pack_catalog, PackSource, MANIFEST};
use chatcart_core::checkout::Fulfilment;
use chatcart_core::money::Currency;
use chatcart_core::settings::{self, ShopSettings};
use chatcart_core::terms::{Reduction, Zone};

/// Checks a feed, a JSON catalog or a shop settings file (JSON whose `schema` starts with
/// `chatcart-shop/`); for settings, `currency` is the one amounts are in unless the file
/// sets its own.
pub fn check(path: &str, currency: Currency) -> ExitCode {
    let Some(bytes) = read(path) else {
        return ExitCode::from(2);
    };
    match std::str::from_utf8(&bytes) {
        Ok(text) if is_settings(text) => check_settings(path, text, currency),
        _ => report(path, &bytes, currency).1,
    }
}

fn read(path: &str) -> Option<Vec<u8>> {
    std::fs::read(path)
        .map_err(|error| eprintln!("{path}: cannot be read: {error}"))
        .ok()
}

/// Whether `text` is a shop settings file: its `schema` says `chatcart-shop/...`. Read
/// from the text itself when it is not JSON, so a broken file still gets its line.
pub fn is_settings(text: &str) -> bool {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        return value["schema"]
            .as_str()
            .is_some_and(|s| s.starts_with("chatcart-shop/"));
    }
    text.match_indices("\"schema\"").any(|(at, key)| {
        text[at + key.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|rest| rest.trim_start().starts_with("\"chatcart-shop/"))
    })
}

/// Prints what the settings file at `path` sets, or its problem with line and column.
fn check_settings(path: &str, text: &str, currency: Currency) -> ExitCode {
    match settings::read(text, currency) {
        Err(problem) => {
            println!("{path}: {problem}");
            ExitCode::from(2)
        }
        Ok(settings) => {
            for line in settings_summary(&settings, currency) {
                println!("{path}: {line}");
            }
            ExitCode::SUCCESS
        }
    }
}

/// What a settings file sets, a line for the shop, each delivery zone, pickup and each
/// offer; amounts as exact decimals.
pub fn settings_summary(settings: &ShopSettings, default_currency: Currency) -> Vec<String> {
    let terms = &settings.terms;
    let mut shop = match settings.basics.currency {
        Some(currency) => format!("shop settings: currency {}", currency.code()),
        None => format!(
            "shop settings: currency {} (not in the file)",
            default_currency.code()
        ),
    };
    let minutes = terms.utc_offset_minutes;
    let sign = if minutes < 0 { '-' } else { '+' };
    shop.push_str(&format!(
        ", time_zone {sign}{:02}:{:02}",
        minutes.abs() / 60,
        minutes.abs() % 60
    ));
    if let Some(name) = &settings.basics.name {
        shop.push_str(&format!(", name \"{name}\""));
    }
    if let Some(rounding) = settings.basics.rounding {
        shop.push_str(&format!(", rounding {}", rounding.name()));
    }
    if let Some(max) = settings.basics.max_quantity {
        shop.push_str(&format!(", max_quantity {max}"));
    }
    if let Some(slots) = &settings.basics.slots {
        shop.push_str(&format!(", {} slots", slots.len()));
    }
    if let Some(number) = &settings.basics.whatsapp {
        shop.push_str(&format!(", whatsapp +{}", number.digits()));
    }
    if settings.basics.upi.is_some() {
        shop.push_str(", upi");
    }
    let mut lines = vec![shop];

    // Without `fulfilment` in the file both are offered, unless the page or flags say no.
    let offers = |way| {
        settings
            .basics
            .fulfilments
            .as_ref()
            .is_none_or(|f| f.contains(&way))
    };
    let (delivery, pickup) = (offers(Fulfilment::Delivery), offers(Fulfilment::Pickup));
    if !delivery {
        lines.push("no delivery".into());
    } else if terms.zones.is_empty() {
        lines.push("delivery everywhere: free".into());
    }
    let others = terms.zones.iter().any(|z| !z.pin_codes.is_empty());
    for zone in terms.zones.iter().filter(|_| delivery) {
        lines.push(zone_summary(zone, others));
    }
    lines.push(match (pickup, &terms.pickup_minimum) {
        (false, _) => "no pickup".into(),
        (true, None) => "pickup: no minimum order".into(),
        (true, Some(minimum)) => format!("pickup: minimum order {}", minimum.amount_string()),
    });
    for offer in &terms.offers {
        let mut line = match &offer.code {
            Some(code) => format!("offer {code}: "),
            None => "automatic offer: ".into(),
        };
        match &offer.reduction {
            Reduction::Percent { percent, up_to } => {
                line.push_str(&format!("{percent}% off"));
                if let Some(cap) = up_to {
                    line.push_str(&format!(", at most {}", cap.amount_string()));
                }
            }
            Reduction::Amount(amount) => line.push_str(&format!("{} off", amount.amount_string())),
        }
        if let Some(minimum) = &offer.minimum_cart {
            line.push_str(&format!(", on {} or more", minimum.amount_string()));
        }
        if let Some((_, from)) = &offer.from {
            line.push_str(&format!(", from {from}"));
        }
        if let Some((_, until)) = &offer.until {
            line.push_str(&format!(", until {until}"));
        }
        lines.push(line);
    }
    if terms.offers.is_empty() {
        lines.push("no offers".into());
    }
    lines.push("no problems".into());
    lines
}

/// "delivery to PIN codes starting 40005 or 400061 (Andheri): 25.00, minimum order 150.00"
fn zone_summary(zone: &Zone, others: bool) -> String {
    let place = match (zone.pin_codes.is_empty(), others) {
        (true, false) => "everywhere".to_owned(),
        (true, true) => "everywhere else".to_owned(),
        (false, _) => format!("to PIN codes starting {}", zone.pin_codes.join(" or ")),
    };
    let name = zone
        .name
        .as_ref()
        .map_or(String::new(), |n| format!(" (\"{n}\")"));
    let mut line = format!("delivery {place}{name}: ");
    if zone.fee.is_zero() {
        line.push_str("free");
    } else {
        line.push_str(&zone.fee.amount_string());
        if let Some(threshold) = &zone.free_from {
            line.push_str(&format!(", free from {}", threshold.amount_string()));
        }
    }
    if let Some(minimum) = &zone.minimum_order {
        line.push_str(&format!(", minimum order {}", minimum.amount_string()));
    }
    line
}

/// Reads the feed or catalog at `path`, printing its report: the catalog if it can be
/// used, and the exit status `check` gives.
fn checked(path: &str, currency: Currency) -> (Option<Catalog>, ExitCode) {
    match read(path) {
        Some(bytes) => report(path, &bytes, currency),
        None => (None, ExitCode::from(2)),
    }
}

/// Prints the report of the feed or catalog `bytes` read from `path`.
fn report(path: &str, bytes: &[u8], currency: Currency) -> (Option<Catalog>, ExitCode) {
    match Catalog::load(bytes, currency) {
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
                0 if !report.rows_swallowed() => ExitCode::SUCCESS,
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
