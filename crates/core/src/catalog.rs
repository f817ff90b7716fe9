//! The native JSON catalog (format `chatcart-catalog`, version 1; see README) and its validation.

use serde::Deserialize;
use thiserror::Error;

use crate::money::{Currency, Money, MoneyError};

pub const CATALOG_FORMAT: &str = "chatcart-catalog";
pub const CATALOG_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    InStock,
    OutOfStock,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: String,
    pub title: String,
    pub brand: Option<String>,
    pub category_id: String,
    /// Pack size as printed on the pack: "5 kg", "500 ml".
    pub pack: Option<String>,
    pub price: Money,
    /// A lower price the product currently sells at.
    pub sale_price: Option<Money>,
    /// Absolute https URL or a path relative to the catalog.
    pub image: Option<String>,
    pub availability: Availability,
}

impl Product {
    /// What the shopper pays for one unit.
    pub fn unit_price(&self) -> Money {
        self.sale_price.unwrap_or(self.price)
    }

    pub fn can_be_added(&self) -> bool {
        self.availability == Availability::InStock
    }

    /// Title with pack size, as an order line names it: "Aashirvaad Atta (5 kg)".
    pub fn display_name(&self) -> String {
        match &self.pack {
            Some(pack) => format!("{} ({pack})", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub store_name: Option<String>,
    pub currency: Currency,
    pub categories: Vec<Category>,
    pub products: Vec<Product>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    #[error("it is not valid catalog JSON ({0})")]
    Json(String),
    #[error("its \"format\" is \"{0}\", expected \"{CATALOG_FORMAT}\"")]
    WrongFormat(String),
    #[error(
        "it is version {0} of the catalog format; this shop understands version {CATALOG_VERSION}"
    )]
    UnsupportedVersion(u32),
    #[error("its prices are in {catalog} but the shop is set up for {shop}")]
    CurrencyMismatch {
        catalog: &'static str,
        shop: &'static str,
    },
    #[error("its \"currency\": {0}")]
    Currency(MoneyError),
    #[error("product {index} (\"{id}\"), field \"{field}\": {reason}")]
    Product {
        index: usize,
        id: String,
        field: &'static str,
        reason: String,
    },
    #[error("it has no products")]
    Empty,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogDocument {
    format: String,
    version: u32,
    #[serde(default)]
    store_name: Option<String>,
    currency: String,
    categories: Vec<CategoryDocument>,
    products: Vec<ProductDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryDocument {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductDocument {
    id: String,
    title: String,
    #[serde(default)]
    brand: Option<String>,
    category: String,
    #[serde(default)]
    pack: Option<String>,
    price: String,
    #[serde(default)]
    sale_price: Option<String>,
    #[serde(default)]
    image: Option<String>,
    #[serde(default = "in_stock")]
    availability: String,
}

fn in_stock() -> String {
    "in stock".to_owned()
}

/// An image link the page may load: https, or a relative path. Never `javascript:`,
/// `data:` or plain http.
fn is_safe_link(link: &str) -> bool {
    if link.starts_with("https://") {
        return true;
    }
    // A relative path has no scheme: nothing before a ':' that comes ahead of any '/', '?' or '#'.
    let head = link.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !link.starts_with("//")
}

fn non_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Catalog {
    /// Reads a catalog document whose prices must be in `shop_currency`.
    pub fn from_json(json: &str, shop_currency: Currency) -> Result<Self, CatalogError> {
        let document: CatalogDocument =
            serde_json::from_str(json).map_err(|e| CatalogError::Json(e.to_string()))?;
        if document.format != CATALOG_FORMAT {
            return Err(CatalogError::WrongFormat(document.format));
        }
        if document.version != CATALOG_VERSION {
            return Err(CatalogError::UnsupportedVersion(document.version));
        }
        let currency = Currency::from_code(&document.currency).map_err(CatalogError::Currency)?;
        if currency != shop_currency {
            return Err(CatalogError::CurrencyMismatch {
                catalog: currency.code(),
                shop: shop_currency.code(),
            });
        }
        let categories: Vec<Category> = document
            .categories
            .into_iter()
            .map(|c| Category {
                id: c.id,
                name: c.name,
            })
            .collect();
        let mut products: Vec<Product> = Vec::with_capacity(document.products.len());
        for (index, raw) in document.products.into_iter().enumerate() {
            let product = validate_product(index + 1, raw, currency, &categories)?;
            if products.iter().any(|p| p.id == product.id) {
                return Err(CatalogError::Product {
                    index: index + 1,
                    id: product.id,
                    field: "id",
                    reason: "another product already has this id".into(),
                });
            }
            products.push(product);
        }
        if products.is_empty() {
            return Err(CatalogError::Empty);
        }
        Ok(Catalog {
            store_name: non_blank(document.store_name),
            currency,
            categories,
            products,
        })
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn products_in<'a>(&'a self, category_id: &'a str) -> impl Iterator<Item = &'a Product> {
        self.products
            .iter()
            .filter(move |p| p.category_id == category_id)
    }
}

fn validate_product(
    index: usize,
    raw: ProductDocument,
    currency: Currency,
    categories: &[Category],
) -> Result<Product, CatalogError> {
    let id = raw.id.trim().to_owned();
    let problem = |field: &'static str, reason: String| CatalogError::Product {
        index,
        id: id.clone(),
        field,
        reason,
    };
    if id.is_empty() {
        return Err(problem("id", "is empty".into()));
    }
    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        return Err(problem("title", "is empty".into()));
    }
    if !categories.iter().any(|c| c.id == raw.category) {
        return Err(problem(
            "category",
            format!(
                "\"{}\" is not one of the catalog's categories",
                raw.category
            ),
        ));
    }
    let price = Money::parse(&raw.price, currency).map_err(|e| problem("price", e.to_string()))?;
    let sale_price = non_blank(raw.sale_price)
        .map(|s| Money::parse(&s, currency).map_err(|e| problem("sale_price", e.to_string())))
        .transpose()?;
    if sale_price.is_some_and(|sale| sale >= price) {
        return Err(problem("sale_price", "must be lower than the price".into()));
    }
    let image = non_blank(raw.image);
    if let Some(link) = &image {
        if !is_safe_link(link) {
            return Err(problem(
                "image",
                format!("\"{link}\" must be an https:// link or a relative path"),
            ));
        }
    }
    let availability = match raw.availability.trim() {
        "in stock" => Availability::InStock,
        "out of stock" => Availability::OutOfStock,
        other => {
            return Err(problem(
                "availability",
                format!("\"{other}\" should be \"in stock\" or \"out of stock\""),
            ))
        }
    };
    Ok(Product {
        id,
        title,
        brand: non_blank(raw.brand),
        category_id: raw.category,
        pack: non_blank(raw.pack),
        price,
        sale_price,
        image,
        availability,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn inr() -> Currency {
        Currency::from_code("INR").unwrap()
    }

    /// A small catalog for the crate's tests.
    pub fn sample() -> Catalog {
        Catalog::from_json(SAMPLE, inr()).unwrap()
    }

    const SAMPLE: &str = r#"{
      "format": "chatcart-catalog", "version": 1, "store_name": "Test Kirana", "currency": "INR",
      "categories": [{"id": "staples", "name": "Staples"}, {"id": "dairy", "name": "Dairy"}],
      "products": [
        {"id": "atta-5kg", "title": "Aashirvaad Whole Wheat Atta", "brand": "Aashirvaad",
         "category": "staples", "pack": "5 kg", "price": "284.00", "sale_price": "249.00",
         "image": "images/atta.svg"},
        {"id": "butter-500", "title": "Amul Butter", "brand": "Amul", "category": "dairy",
         "pack": "500 g", "price": "285"},
        {"id": "ghee-1l", "title": "Amul Pure Ghee", "brand": "Amul", "category": "dairy",
         "pack": "1 L", "price": "650.00", "availability": "out of stock"}
      ]
    }"#;

    fn with_product(product: &str) -> String {
        format!(
            r#"{{"format":"chatcart-catalog","version":1,"currency":"INR",
            "categories":[{{"id":"staples","name":"Staples"}}],"products":[{product}]}}"#
        )
    }

    #[test]
    fn reads_products_with_exact_prices() {
        let catalog = sample();
        assert_eq!(catalog.store_name.as_deref(), Some("Test Kirana"));
        let atta = catalog.product("atta-5kg").unwrap();
        assert_eq!(atta.unit_price().amount_string(), "249.00");
        assert_eq!(atta.display_name(), "Aashirvaad Whole Wheat Atta (5 kg)");
        assert_eq!(
            catalog
                .product("butter-500")
                .unwrap()
                .unit_price()
                .amount_string(),
            "285.00"
        );
        assert!(!catalog.product("ghee-1l").unwrap().can_be_added());
        assert_eq!(catalog.products_in("dairy").count(), 2);
    }

    #[test]
    fn errors_name_the_product_and_field() {
        let json =
            with_product(r#"{"id":"x1","title":"Rice","category":"staples","price":"12.345"}"#);
        let error = Catalog::from_json(&json, inr()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "product 1 (\"x1\"), field \"price\": \"12.345\" has more decimals than INR allows (2)"
        );
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let error = Catalog::from_json("{\n  \"format\": \"chatcart-catalog\",\n  oops", inr())
            .unwrap_err();
        let message = error.to_string();
        assert!(message.contains("line 3"), "{message}");
    }

    #[test]
    fn missing_fields_are_named() {
        let json = with_product(r#"{"id":"x1","title":"Rice","category":"staples"}"#);
        let message = Catalog::from_json(&json, inr()).unwrap_err().to_string();
        assert!(message.contains("missing field `price`"), "{message}");
    }

    #[test]
    fn unsafe_image_links_are_rejected() {
        for link in [
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "http://x.in/a.png",
            "//evil.example/a.png",
        ] {
            let json = with_product(&format!(
                r#"{{"id":"x1","title":"Rice","category":"staples","price":"1","image":"{link}"}}"#
            ));
            let error = Catalog::from_json(&json, inr()).unwrap_err();
            assert!(
                matches!(error, CatalogError::Product { field: "image", .. }),
                "{link}: {error}"
            );
        }
        for link in [
            "https://cdn.example/a.png",
            "images/a.svg",
            "/img/a.png",
            "a.png?v=2:3",
        ] {
            let json = with_product(&format!(
                r#"{{"id":"x1","title":"Rice","category":"staples","price":"1","image":"{link}"}}"#
            ));
            assert!(Catalog::from_json(&json, inr()).is_ok(), "{link}");
        }
    }

    #[test]
    fn rejects_wrong_currency_duplicates_and_bad_sale_price() {
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            Catalog::from_json(SAMPLE, usd),
            Err(CatalogError::CurrencyMismatch {
                catalog: "INR",
                shop: "USD"
            })
        );
        let p = r#"{"id":"x1","title":"Rice","category":"staples","price":"10"}"#;
        let duplicate = with_product(&format!("{p},{p}"));
        assert!(matches!(
            Catalog::from_json(&duplicate, inr()),
            Err(CatalogError::Product {
                index: 2,
                field: "id",
                ..
            })
        ));
        let dearer_sale = with_product(
            r#"{"id":"x1","title":"Rice","category":"staples","price":"10","sale_price":"12"}"#,
        );
        assert!(matches!(
            Catalog::from_json(&dearer_sale, inr()),
            Err(CatalogError::Product {
                field: "sale_price",
                ..
            })
        ));
    }
}
