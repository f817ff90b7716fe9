//! The real 6,387-item DMart feed (shared/data, beside the checkout) loads with a
//! sensible report.

use std::path::PathBuf;

use chatcart_core::catalog::Catalog;
use chatcart_core::money::Currency;

fn dmart_feed() -> Vec<u8> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/feed-dmart.csv");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the shared DMart feed at {}: {e}", path.display()))
}

#[test]
fn dmart_feed_loads_every_row() {
    let (catalog, report) =
        Catalog::load(&dmart_feed(), Currency::from_code("INR").unwrap()).unwrap();
    let report = report.expect("a CSV feed comes with a report");
    assert_eq!(
        report.summary(),
        "6387 rows: 6387 loaded as 6387 products in 31 categories, 0 skipped, 3 warnings"
    );
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    let warnings: Vec<String> = report.issues.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3);
    assert!(
        warnings
            .iter()
            .all(|w| w.ends_with(r#"product_type: ">" names no category; listed under Other"#)),
        "{warnings:?}"
    );

    let (almonds, variant) = catalog.variant("DM00001").unwrap();
    assert_eq!(almonds.title, "Premia Badam (Almonds) 500 gm");
    assert_eq!(almonds.subcategory.as_deref(), Some("Dry Fruits"));
    assert_eq!(variant.price.amount_string(), "451.00");
    assert_eq!(variant.unit_price().amount_string(), "329.00");
    let names: Vec<&str> = catalog
        .categories
        .iter()
        .take(3)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Grocery", "Personal Care", "Packaged Food"]);
}
