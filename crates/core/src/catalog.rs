//! The catalog: products, each with one or more variants (what a shopper actually buys,
//! named by its retailer id), read from the native JSON format or a product feed.

use std::collections::HashMap;

use serde::Deserialize;
use thiserror::Error;

use crate::feed::{read_feed, FeedError, FeedReport};
use crate::money::{Currency, Money, MoneyError};
use crate::search::{SearchIndex, SearchResult};
use crate::text::is_word_char;

pub const CATALOG_FORMAT: &str = "chatcart-catalog";
pub const CATALOG_VERSION: u32 = 1;

/// Longest values accepted, as Meta's commerce feeds allow (in characters).
pub const MAX_ID: usize = 100;
pub const MAX_TITLE: usize = 150;
pub const MAX_DESCRIPTION: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// The availability values of Meta and Google product feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    InStock,
    OutOfStock,
    Preorder,
    AvailableForOrder,
    Discontinued,
}

impl Availability {
    /// Accepts the feed spellings: "in stock", "in_stock", "In Stock".
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().replace('_', " ").as_str() {
            "in stock" => Some(Availability::InStock),
            "out of stock" => Some(Availability::OutOfStock),
            "preorder" | "pre order" => Some(Availability::Preorder),
            "available for order" => Some(Availability::AvailableForOrder),
            "discontinued" => Some(Availability::Discontinued),
            _ => None,
        }
    }

    /// In stock, preorder and available-for-order products can go into a cart; the last
    /// two are delivered later, which the shop tells the shopper.
    pub fn can_order(self) -> bool {
        matches!(
            self,
            Availability::InStock | Availability::Preorder | Availability::AvailableForOrder
        )
    }
}

/// One buyable version of a product: a pack size, a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The merchant's id for this exact item (feed `id`): what carts and orders name.
    pub retailer_id: String,
    pub size: Option<String>,
    pub color: Option<String>,
    pub price: Money,
    /// A lower price the variant currently sells at.
    pub sale_price: Option<Money>,
    pub availability: Availability,
    /// Absolute https URLs or paths relative to the catalog; the first is the main one.
    pub images: Vec<String>,
}

impl Variant {
    /// What the shopper pays for one unit.
    pub fn unit_price(&self) -> Money {
        self.sale_price.unwrap_or(self.price)
    }

    pub fn can_order(&self) -> bool {
        self.availability.can_order()
    }

    /// The options that tell this variant apart: "5 kg", "M, Blue".
    pub fn label(&self) -> Option<String> {
        match (&self.size, &self.color) {
            (Some(size), Some(color)) => Some(format!("{size}, {color}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// The feed's `item_group_id`, or the retailer id of a product without variants.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub brand: Option<String>,
    pub category_id: String,
    pub subcategory: Option<String>,
    /// The product's page on the merchant's site (https or relative).
    pub link: Option<String>,
    /// Never empty.
    pub variants: Vec<Variant>,
}

impl Product {
    /// The variant shown first: the first that can be ordered, else the first.
    pub fn default_variant(&self) -> &Variant {
        self.variants
            .iter()
            .find(|v| v.can_order())
            .unwrap_or(&self.variants[0])
    }

    pub fn can_order(&self) -> bool {
        self.variants.iter().any(Variant::can_order)
    }

    /// Title with the variant's options, as an order line names it: "Aashirvaad Atta (5 kg)".
    pub fn display_name(&self, variant: &Variant) -> String {
        match variant.label() {
            Some(label) => format!("{} ({label})", self.title),
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
    /// Fingerprint of the document the catalog was read from; orders record it.
    pub version: String,
    /// Retailer id → (product index, variant index).
    by_retailer_id: HashMap<String, (usize, usize)>,
    /// Product id → index in `products`.
    by_product_id: HashMap<String, usize>,
    index: SearchIndex,
}

impl Catalog {
    /// Assembles a catalog read from `source`; retailer ids must already be unique.
    pub(crate) fn new(
        source: &[u8],
        store_name: Option<String>,
        currency: Currency,
        categories: Vec<Category>,
        products: Vec<Product>,
    ) -> Self {
        let by_retailer_id = products
            .iter()
            .enumerate()
            .flat_map(|(p, product)| {
                product
                    .variants
                    .iter()
                    .enumerate()
                    .map(move |(v, variant)| (variant.retailer_id.clone(), (p, v)))
            })
            .collect();
        let mut catalog = Catalog {
            store_name,
            currency,
            categories,
            products,
            version: content_version(source),
            by_retailer_id,
            by_product_id: HashMap::new(),
            index: SearchIndex::default(),
        };
        // Reversed so that, should a feed give two products one id, the first is found.
        catalog.by_product_id = catalog
            .products
            .iter()
            .enumerate()
            .rev()
            .map(|(index, product)| (product.id.clone(), index))
            .collect();
        catalog.index = SearchIndex::build(&catalog);
        catalog
    }

    /// Products matching what a shopper typed, best first (see `search`).
    pub fn search(&self, query: &str) -> SearchResult {
        self.index.search(query)
    }

    /// Reads a catalog in whichever format `bytes` holds: the native JSON (starts with
    /// `{`) or a CSV/TSV product feed, which also yields a report of its row problems.
    pub fn load(
        bytes: &[u8],
        shop_currency: Currency,
    ) -> Result<(Catalog, Option<FeedReport>), LoadError> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if text.trim_ascii_start().starts_with(b"{") {
            let json = std::str::from_utf8(text)
                .map_err(|e| LoadError::Json(CatalogError::Json(e.to_string())))?;
            let catalog = Catalog::from_json(json, shop_currency).map_err(LoadError::Json)?;
            Ok((catalog, None))
        } else {
            let (catalog, report) = read_feed(text, shop_currency).map_err(LoadError::Feed)?;
            Ok((catalog, Some(report)))
        }
    }

    /// The product and variant a retailer id names.
    pub fn variant(&self, retailer_id: &str) -> Option<(&Product, &Variant)> {
        let &(p, v) = self.by_retailer_id.get(retailer_id)?;
        let product = &self.products[p];
        Some((product, &product.variants[v]))
    }

    pub fn variant_count(&self) -> usize {
        self.by_retailer_id.len()
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.by_product_id
            .get(id)
            .map(|&index| &self.products[index])
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// A category's subcategories, in the order the catalog first names them.
    pub fn subcategories(&self, category_id: &str) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in self
            .products_in(category_id)
            .filter_map(|p| p.subcategory.as_ref())
        {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    pub fn products_in<'a>(&'a self, category_id: &'a str) -> impl Iterator<Item = &'a Product> {
        self.products
            .iter()
            .filter(move |p| p.category_id == category_id)
    }
}

/// FNV-1a (64 bits) of the bytes: enough to tell two catalog documents apart.
fn content_version(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("fnv1a64:{hash:016x}")
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error(transparent)]
    Json(CatalogError),
    #[error(transparent)]
    Feed(FeedError),
}

/// A link the page may follow or load: https, or a relative path. Never `javascript:`,
/// `data:`, plain http or a protocol-relative `//host`.
pub fn is_safe_link(link: &str) -> bool {
    if link.starts_with("https://") {
        return true;
    }
    // A relative path has no scheme: no ':' before the first '/', '?' or '#'.
    let head = link.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !link.starts_with("//")
}

/// "Dairy & Daily" → "dairy-daily": a category id from its name.
pub fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if is_word_char(c) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

pub(crate) fn non_blank(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Checks a value's length in characters; the message says by how much it is over.
pub(crate) fn within(value: &str, max: usize) -> Result<(), String> {
    let length = value.chars().count();
    if length > max {
        Err(format!(
            "is {length} characters long; at most {max} are allowed"
        ))
    } else {
        Ok(())
    }
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
    description: Option<String>,
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
    #[serde(default)]
    availability: Option<String>,
}

impl Catalog {
    /// Reads a native JSON catalog (one variant per product) whose prices must be in
    /// `shop_currency`. Its first problem is an error: the format is written by tools.
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
            let product = json_product(index + 1, raw, currency, &categories)?;
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
        Ok(Catalog::new(
            json.as_bytes(),
            non_blank(document.store_name.as_deref()),
            currency,
            categories,
            products,
        ))
    }
}

fn json_product(
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
    within(&id, MAX_ID).map_err(|r| problem("id", r))?;
    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        return Err(problem("title", "is empty".into()));
    }
    within(&title, MAX_TITLE).map_err(|r| problem("title", r))?;
    let description = non_blank(raw.description.as_deref());
    if let Some(description) = &description {
        within(description, MAX_DESCRIPTION).map_err(|r| problem("description", r))?;
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
    let sale_price = non_blank(raw.sale_price.as_deref())
        .map(|s| Money::parse(&s, currency).map_err(|e| problem("sale_price", e.to_string())))
        .transpose()?;
    if sale_price.is_some_and(|sale| sale >= price) {
        return Err(problem("sale_price", "must be lower than the price".into()));
    }
    let image = non_blank(raw.image.as_deref());
    if let Some(link) = &image {
        if !is_safe_link(link) {
            return Err(problem(
                "image",
                format!("\"{link}\" must be an https:// link or a relative path"),
            ));
        }
    }
    let availability = match raw.availability.as_deref() {
        None => Availability::InStock,
        Some(text) => Availability::parse(text).ok_or_else(|| {
            problem(
                "availability",
                format!("\"{text}\" should be \"in stock\", \"out of stock\", \"preorder\", \"available for order\" or \"discontinued\""),
            )
        })?,
    };
    Ok(Product {
        id: id.clone(),
        title,
        description,
        brand: non_blank(raw.brand.as_deref()),
        category_id: raw.category,
        subcategory: None,
        link: None,
        variants: vec![Variant {
            retailer_id: id,
            size: non_blank(raw.pack.as_deref()),
            color: None,
            price,
            sale_price,
            availability,
            images: image.into_iter().collect(),
        }],
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
        let (atta, variant) = catalog.variant("atta-5kg").unwrap();
        assert_eq!(variant.unit_price().amount_string(), "249.00");
        assert_eq!(
            atta.display_name(variant),
            "Aashirvaad Whole Wheat Atta (5 kg)"
        );
        assert_eq!(
            catalog
                .variant("butter-500")
                .unwrap()
                .1
                .unit_price()
                .amount_string(),
            "285.00"
        );
        assert!(!catalog.product("ghee-1l").unwrap().can_order());
        assert_eq!(catalog.products_in("dairy").count(), 2);
        assert_eq!(catalog.variant_count(), 3);
    }

    #[test]
    fn availability_spellings_and_what_can_be_ordered() {
        for (text, expected, orderable) in [
            ("in stock", Availability::InStock, true),
            ("In_Stock", Availability::InStock, true),
            ("out of stock", Availability::OutOfStock, false),
            ("preorder", Availability::Preorder, true),
            ("available for order", Availability::AvailableForOrder, true),
            ("discontinued", Availability::Discontinued, false),
        ] {
            let availability = Availability::parse(text).unwrap();
            assert_eq!(availability, expected);
            assert_eq!(availability.can_order(), orderable, "{text}");
        }
        assert_eq!(Availability::parse("maybe"), None);
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
    fn over_long_titles_are_rejected_with_their_length() {
        let json = with_product(&format!(
            r#"{{"id":"x1","title":"{}","category":"staples","price":"1"}}"#,
            "a".repeat(151)
        ));
        assert_eq!(
            Catalog::from_json(&json, inr()).unwrap_err().to_string(),
            "product 1 (\"x1\"), field \"title\": is 151 characters long; at most 150 are allowed"
        );
    }

    #[test]
    fn only_https_or_relative_links_are_safe() {
        for link in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:image/png;base64,AA",
            "http://x.in/a.png",
            "//evil.example/a.png",
        ] {
            assert!(!is_safe_link(link), "{link}");
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
            assert!(is_safe_link(link), "{link}");
        }
    }

    #[test]
    fn load_tells_json_from_a_feed_and_versions_the_content() {
        let (json, report) = Catalog::load(SAMPLE.as_bytes(), inr()).unwrap();
        assert_eq!(report, None);
        assert_eq!(json, sample());
        assert!(json.version.starts_with("fnv1a64:"));
        let feed = b"\xEF\xBB\xBFid,title,price\nA1,Rice,10.00 INR\n";
        let (catalog, report) = Catalog::load(feed, inr()).unwrap();
        assert_eq!(report.unwrap().loaded, 1);
        assert_eq!(catalog.variant("A1").unwrap().0.title, "Rice");
        let (edited, _) = Catalog::load(b"id,title,price\nA1,Rice,11.00 INR\n", inr()).unwrap();
        assert_ne!(catalog.version, edited.version);
        assert!(matches!(
            Catalog::load(b"  {\"format\": 1}", inr()),
            Err(LoadError::Json(CatalogError::Json(_)))
        ));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Dairy & Daily"), "dairy-daily");
        assert_eq!(slug("  Fruits & Vegetables "), "fruits-vegetables");
        assert_eq!(slug("दाल"), "दाल");
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
