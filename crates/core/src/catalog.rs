//! The catalog: products, each with one or more variants (what a shopper actually buys,
//! named by its retailer id), read from the native JSON format or a product feed.

use std::io::{BufRead, BufReader, Read};

use thiserror::Error;

use crate::feed::{read_feed, Feed, FeedError, FeedReport};
use crate::json::{self, Json, JsonError};
use crate::money::{Currency, MoneyError};
use crate::product::{
    non_blank, validate, Given, PriceStyle, ProductProblem, RawProduct, Rules, Strictness,
};
use crate::search::{SearchIndex, SearchResult};
use crate::source::ProductIndex;
use crate::text::{read_head, Fnv1a, TextMap};

/// The product vocabulary, where the catalog's users have always found it.
pub use crate::product::{
    is_safe_link, slug, Availability, Category, Product, Variant, DESCRIPTION_SUMMARY,
    MAX_DESCRIPTION, MAX_ID, MAX_TITLE,
};

pub const CATALOG_FORMAT: &str = "chatcart-catalog";
pub const CATALOG_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub store_name: Option<String>,
    pub currency: Currency,
    pub categories: Vec<Category>,
    pub products: Vec<Product>,
    /// Fingerprint of the document the catalog was read from; orders record it.
    pub version: String,
    /// (product index, variant index) of every variant, sorted by retailer id: found by
    /// binary search without a copy of each id.
    by_retailer_id: Vec<(u32, u32)>,
    /// Product indexes sorted by product id; of equal ids the first product comes first.
    by_product_id: Vec<u32>,
    index: SearchIndex,
}

impl Catalog {
    /// Assembles a catalog read from a document with fingerprint `version`; retailer ids
    /// must already be unique. Products are kept together by category, and within one by
    /// subcategory, each in the order the document first names it; otherwise as given.
    pub(crate) fn new(
        version: String,
        store_name: Option<String>,
        currency: Currency,
        categories: Vec<Category>,
        products: Vec<Product>,
    ) -> Self {
        let products = group_by_category(products, &categories);
        let mut by_retailer_id: Vec<(u32, u32)> = products
            .iter()
            .enumerate()
            .flat_map(|(p, product)| (0..product.variants.len()).map(move |v| (p as u32, v as u32)))
            .collect();
        let retailer_id =
            |&(p, v): &(u32, u32)| &products[p as usize].variants[v as usize].retailer_id;
        by_retailer_id.sort_unstable_by(|a, b| retailer_id(a).cmp(retailer_id(b)));
        let mut by_product_id: Vec<u32> = (0..products.len() as u32).collect();
        // Stable: should a feed give two products one id, the first is found.
        by_product_id.sort_by(|&a, &b| products[a as usize].id().cmp(products[b as usize].id()));
        let index = SearchIndex::build(&products, &categories);
        Catalog {
            store_name,
            currency,
            categories,
            products,
            version,
            by_retailer_id,
            by_product_id,
            index,
        }
    }

    /// Reads a CSV or TSV product feed whose prices must be in `shop_currency`, as it
    /// streams in, with the report of its row problems (see `feed`).
    pub fn from_feed(
        source: impl BufRead,
        shop_currency: Currency,
    ) -> Result<(Catalog, FeedReport), FeedError> {
        let (feed, report) = read_feed(source, shop_currency)?;
        let Feed {
            version,
            categories,
            products,
        } = feed;
        let catalog = Catalog::new(version, None, shop_currency, categories, products);
        Ok((catalog, report))
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
        Catalog::load_from(bytes, shop_currency)
    }

    /// `load`, reading as the text streams in: a feed is parsed row by row, so its text is
    /// never held whole (a JSON catalog is).
    pub fn load_from(
        source: impl Read,
        shop_currency: Currency,
    ) -> Result<(Catalog, Option<FeedReport>), LoadError> {
        let mut source = BufReader::with_capacity(64 * 1024, source);
        let unreadable = |e: std::io::Error| LoadError::Feed(FeedError::Unreadable(e.to_string()));
        // Up to the first line with something on it, which tells JSON from a feed (none:
        // the feed's reader says it is empty).
        let (head, start) = read_head(&mut source)
            .map_err(unreadable)?
            .unwrap_or_default();
        if head[start..].trim_ascii_start().starts_with(b"{") {
            let mut bytes = head;
            source.read_to_end(&mut bytes).map_err(unreadable)?;
            let json = std::str::from_utf8(&bytes)
                .map_err(|e| LoadError::Json(CatalogError::Json(e.to_string())))?;
            let catalog = Catalog::from_json(json, shop_currency).map_err(LoadError::Json)?;
            Ok((catalog, None))
        } else {
            let feed = head.as_slice().chain(source);
            let (catalog, report) =
                Catalog::from_feed(feed, shop_currency).map_err(LoadError::Feed)?;
            Ok((catalog, Some(report)))
        }
    }

    /// The product and variant a retailer id names.
    pub fn variant(&self, retailer_id: &str) -> Option<(&Product, &Variant)> {
        let (p, v) = self.variant_at(retailer_id)?;
        let product = &self.products[p as usize];
        Some((product, &product.variants[v as usize]))
    }

    /// Where the product with this retailer id or product id is.
    pub fn place_of(&self, id: &str) -> Option<ProductIndex> {
        match self.variant_at(id) {
            Some((p, _)) => Some(ProductIndex(p)),
            None => {
                let first = self
                    .by_product_id
                    .partition_point(|&p| self.products[p as usize].id() < id);
                let p = *self.by_product_id.get(first)?;
                (self.products[p as usize].id() == id).then_some(ProductIndex(p))
            }
        }
    }

    /// (product index, variant index) of a retailer id.
    fn variant_at(&self, retailer_id: &str) -> Option<(u32, u32)> {
        let at = self
            .by_retailer_id
            .binary_search_by(|&(p, v)| {
                self.products[p as usize].variants[v as usize]
                    .retailer_id
                    .as_str()
                    .cmp(retailer_id)
            })
            .ok()?;
        Some(self.by_retailer_id[at])
    }

    pub fn variant_count(&self) -> usize {
        self.by_retailer_id.len()
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        let first = self
            .by_product_id
            .partition_point(|&p| self.products[p as usize].id() < id);
        let product = &self.products[*self.by_product_id.get(first)? as usize];
        (product.id() == id).then_some(product)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// A category's subcategories, in the order the catalog first names them.
    pub fn subcategories(&self, category_id: &str) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in self
            .products_in(category_id)
            .filter_map(|p| p.subcategory.as_deref())
        {
            if !names.iter().any(|known| known == name) {
                names.push(name.to_owned());
            }
        }
        names
    }

    pub fn products_in<'a>(&'a self, category_id: &'a str) -> impl Iterator<Item = &'a Product> {
        self.products
            .iter()
            .filter(move |p| &*p.category_id == category_id)
    }
}

/// Sorts products by category (in `categories` order, unknown ones last), then by
/// subcategory in order of first appearance; stable, so the document's order stays
/// within each group. A category is then one run of products, and a catalog pack can
/// name it by where it starts.
fn group_by_category(products: Vec<Product>, categories: &[Category]) -> Vec<Product> {
    let mut subcategories: Vec<(&str, &str)> = Vec::new();
    let keys: Vec<(usize, usize)> = products
        .iter()
        .map(|p| {
            let category = categories
                .iter()
                .position(|c| *c.id == *p.category_id)
                .unwrap_or(categories.len());
            let named = (&*p.category_id, p.subcategory.as_deref().unwrap_or(""));
            let subcategory = subcategories
                .iter()
                .position(|known| *known == named)
                .unwrap_or_else(|| {
                    subcategories.push(named);
                    subcategories.len() - 1
                });
            (category, subcategory)
        })
        .collect();
    let mut keyed: Vec<((usize, usize), Product)> = keys.into_iter().zip(products).collect();
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, product)| product).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error(transparent)]
    Json(CatalogError),
    #[error(transparent)]
    Feed(FeedError),
    #[error(transparent)]
    Pack(crate::catalog_pack::PackError),
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
        reason: ProductProblem,
    },
    #[error("it has no products")]
    Empty,
}

/// A JSON catalog's fields but its products, which are read one by one as they are made
/// (`Catalog::from_json`).
struct CatalogDocument {
    format: String,
    version: u32,
    store_name: Option<String>,
    currency: String,
    categories: Vec<Category>,
    /// The products as read: each is taken out as it is made, so the text's tree and the
    /// products are not both held whole.
    products: Vec<Json>,
}

struct ProductDocument {
    id: String,
    title: String,
    description: Option<String>,
    brand: Option<String>,
    category: String,
    pack: Option<String>,
    price: String,
    sale_price: Option<String>,
    image: Option<String>,
    availability: Option<String>,
}

impl CatalogDocument {
    /// Read by the shop's own JSON reader (crate::json), which the widget's first download
    /// has already: serde_json's, compiled for these types, was most of the whole-catalog
    /// reader's chunk. Unknown fields are refused, as the format is written by tools.
    fn read(mut json: Json) -> Result<Self, JsonError> {
        let fields = json.fields(&[
            "format",
            "version",
            "store_name",
            "currency",
            "categories",
            "products",
        ])?;
        let (format, version) = (
            fields.required_string("format")?,
            fields.required_u32("version")?,
        );
        let (store_name, currency) = (
            fields.string("store_name")?,
            fields.required_string("currency")?,
        );
        let categories = fields.required_list("categories", |json| {
            let fields = json.fields(&["id", "name"])?;
            Ok(Category {
                id: fields.required_string("id")?,
                name: fields.required_string("name")?,
            })
        })?;
        fields.required("products")?;
        let products = json
            .take_field("products")
            .map(Json::into_items)
            .transpose()
            .map_err(|e| json::named("products", e))?
            .unwrap_or_default();
        Ok(CatalogDocument {
            format,
            version,
            store_name,
            currency,
            categories,
            products,
        })
    }
}

impl ProductDocument {
    fn read(json: &Json) -> Result<Self, JsonError> {
        let fields = json.fields(&[
            "id",
            "title",
            "description",
            "brand",
            "category",
            "pack",
            "price",
            "sale_price",
            "image",
            "availability",
        ])?;
        Ok(ProductDocument {
            id: fields.required_string("id")?,
            title: fields.required_string("title")?,
            description: fields.string("description")?,
            brand: fields.string("brand")?,
            category: fields.required_string("category")?,
            pack: fields.string("pack")?,
            price: fields.required_string("price")?,
            sale_price: fields.string("sale_price")?,
            image: fields.string("image")?,
            availability: fields.string("availability")?,
        })
    }
}

impl Catalog {
    /// Reads a native JSON catalog (one variant per product) whose prices must be in
    /// `shop_currency`. Its first problem is an error: the format is written by tools.
    pub fn from_json(json: &str, shop_currency: Currency) -> Result<Self, CatalogError> {
        let malformed = |e: JsonError| CatalogError::Json(e.placed_in(json));
        let document = json::parse(json)
            .and_then(CatalogDocument::read)
            .map_err(malformed)?;
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
        let categories = document.categories;
        let rules = Rules {
            strictness: Strictness::Strict,
            currency,
            prices: PriceStyle::Bare,
        };
        let mut ids = TextMap::default();
        let mut products: Vec<Product> = Vec::with_capacity(document.products.len());
        for (index, item) in document.products.into_iter().enumerate() {
            let raw =
                ProductDocument::read(&item).map_err(|e| malformed(json::named("products", e)))?;
            drop(item);
            products.push(json_product(index + 1, raw, &rules, &categories, &mut ids)?);
        }
        if products.is_empty() {
            return Err(CatalogError::Empty);
        }
        Ok(Catalog::new(
            Fnv1a::of(json.as_bytes()).version(),
            non_blank(document.store_name.as_deref()),
            currency,
            categories,
            products,
        ))
    }
}

/// A JSON product checked by the strict validator; then its category must be one of the
/// catalog's.
fn json_product(
    index: usize,
    raw: ProductDocument,
    rules: &Rules,
    categories: &[Category],
    ids: &mut TextMap,
) -> Result<Product, CatalogError> {
    fn text(value: &Option<String>) -> Given<'_> {
        value.as_deref().map_or(Given::Absent, Given::Text)
    }
    let given = RawProduct {
        id: Given::Text(&raw.id),
        title: Given::Text(&raw.title),
        price: Given::Text(&raw.price),
        availability: text(&raw.availability),
        sale_price: text(&raw.sale_price),
        description: text(&raw.description),
        link: Given::Absent,
        image: text(&raw.image),
        image_field: "image",
        more_images: Given::Absent,
    };
    let problem = |field: &'static str, reason: ProductProblem| CatalogError::Product {
        index,
        id: raw.id.trim().to_owned(),
        field,
        reason,
    };
    let valid = validate(&given, rules, ids)
        .product
        .map_err(|p| problem(p.field, p.problem))?;
    if !categories.iter().any(|c| c.id == raw.category) {
        let unknown = ProductProblem::UnknownCategory(raw.category.clone());
        return Err(problem("category", unknown));
    }
    Ok(Product {
        group_id: None,
        title: valid.title,
        description: valid.description,
        brand: non_blank(raw.brand.as_deref()),
        category_id: raw.category.into(),
        subcategory: None,
        link: None,
        variants: vec![Variant {
            retailer_id: valid.retailer_id,
            size: non_blank(raw.pack.as_deref()),
            color: None,
            price: valid.price,
            sale_price: valid.sale_price,
            availability: valid.availability,
            images: valid.images,
        }],
    })
}

#[cfg(test)]
pub(crate) mod tests {
    /// Hands out its bytes one at a time, as a slow network might.
    struct Trickle<'a>(&'a [u8]);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&byte, rest)), Some(slot)) => {
                    *slot = byte;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn catalogs_read_as_they_trickle_in_are_the_same() {
        let tsv = "\u{feff}id\ttitle\tprice\nA1\tRice\t10.00 INR\nA2\tDal\t12.50 INR\n";
        // What a load shows: the products and the document's fingerprint, or the error.
        let shown = |loaded: Result<(Catalog, Option<FeedReport>), LoadError>| {
            loaded.map(|(c, report)| (c.products, c.categories, c.version, report))
        };
        for document in [SAMPLE, tsv, "\n\n  {\"oops\""] {
            let whole = shown(Catalog::load(document.as_bytes(), inr()));
            let trickled = shown(Catalog::load_from(Trickle(document.as_bytes()), inr()));
            assert_eq!(whole, trickled, "{document}");
        }
        let (catalog, report) = Catalog::load_from(Trickle(tsv.as_bytes()), inr()).unwrap();
        assert_eq!((catalog.products.len(), report.unwrap().skipped), (2, 0));
    }

    use super::*;

    /// The places of the products with these ids.
    pub fn places(catalog: &Catalog, ids: &[&str]) -> Vec<crate::source::ProductIndex> {
        ids.iter()
            .map(|id| {
                let at = catalog.products.iter().position(|p| p.id() == *id);
                crate::source::ProductIndex(at.expect("a product of the catalog") as u32)
            })
            .collect()
    }

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
    fn unknown_fields_are_refused_and_null_is_absent() {
        let typo = with_product(r#"{"id":"x1","title":"Rice","category":"staples","prize":"1"}"#);
        let message = Catalog::from_json(&typo, inr()).unwrap_err().to_string();
        assert!(
            message.contains("products: unknown field `prize`, expected one of `id`,"),
            "{message}"
        );
        let nulls = with_product(
            r#"{"id":"x1","title":"Rice","category":"staples","price":"1","brand":null,"pack":null}"#,
        );
        let product = &Catalog::from_json(&nulls, inr()).unwrap().products[0];
        assert_eq!((&product.brand, &product.variants[0].size), (&None, &None));
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
            "\\\\evil.example/a.png",
            "/\\evil.example/a.png",
            "https://shop.example\\@evil.example/",
            "/\t/evil.example/a.png",
        ] {
            assert!(!is_safe_link(link), "{link}");
            let json = with_product(&format!(
                r#"{{"id":"x1","title":"Rice","category":"staples","price":"1","image":{}}}"#,
                serde_json::to_string(link).unwrap()
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
        // A byte order mark and a blank line before the JSON: still JSON.
        let marked = format!("\u{feff}\n{SAMPLE}");
        let (marked, report) = Catalog::load(marked.as_bytes(), inr()).unwrap();
        assert_eq!((marked.products, report), (sample().products, None));
        assert!(json.version.starts_with("fnv1a64:"));
        let feed = b"\xEF\xBB\xBFid,title,price\nA1,Rice,10.00 INR\n";
        let (catalog, report) = Catalog::load(feed, inr()).unwrap();
        assert_eq!(report.unwrap().loaded, 1);
        // A feed's version is the fingerprint of its text, the byte order mark left out.
        assert_eq!(catalog.version, Fnv1a::of(&feed[3..]).version());
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
