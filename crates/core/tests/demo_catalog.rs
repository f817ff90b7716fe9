//! The bundled demo catalog must load and show every case the storefront handles.

use chatcart_core::catalog::{Availability, Catalog};
use chatcart_core::money::Currency;

const DEMO: &str = include_str!("../../../public/demo-catalog.json");

#[test]
fn demo_catalog_loads_with_every_kind_of_product() {
    let catalog = Catalog::from_json(DEMO, Currency::from_code("INR").unwrap()).unwrap();
    assert_eq!(catalog.store_name.as_deref(), Some("Sharma General Store"));
    assert_eq!(catalog.products.len(), 40);
    assert_eq!(catalog.categories.len(), 6);
    for category in &catalog.categories {
        assert!(
            catalog.products_in(&category.id).count() >= 5,
            "{} has too few products",
            category.name
        );
    }
    let variants = || catalog.products.iter().flat_map(|p| &p.variants);
    assert_eq!(variants().filter(|v| v.sale_price.is_some()).count(), 14);
    let out_of_stock: Vec<&str> = variants()
        .filter(|v| v.availability == Availability::OutOfStock)
        .map(|v| v.retailer_id.as_str())
        .collect();
    assert_eq!(out_of_stock, ["amul-ghee-1l"]);
    // One product has no image and one points at a missing file: both show the fallback.
    assert!(catalog
        .variant("coriander-100g")
        .unwrap()
        .1
        .images
        .is_empty());
    assert_eq!(
        catalog.variant("bisleri-1l").unwrap().1.images,
        ["images/missing-bisleri.jpg"]
    );
}
