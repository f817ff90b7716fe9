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
    let on_sale = catalog
        .products
        .iter()
        .filter(|p| p.sale_price.is_some())
        .count();
    assert_eq!(on_sale, 14);
    let out_of_stock: Vec<&str> = catalog
        .products
        .iter()
        .filter(|p| p.availability == Availability::OutOfStock)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(out_of_stock, ["amul-ghee-1l"]);
    // One product has no image and one points at a missing file: both show the fallback.
    assert!(catalog.product("coriander-100g").unwrap().image.is_none());
    assert_eq!(
        catalog.product("bisleri-1l").unwrap().image.as_deref(),
        Some("images/missing-bisleri.jpg")
    );
}
