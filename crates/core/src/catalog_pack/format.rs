//! How a pack's files are written and read.

use serde::Serialize;
use thiserror::Error;

use crate::json::{self, Json, JsonError};
use crate::money::{Currency, Money};
use crate::product::{Availability, Product, Variant};
use crate::search::Posting;
use crate::text::{whole_number, Fnv1a};

pub const PACK_FORMAT: &str = "chatcart-pack";
pub const PACK_VERSION: u32 = 1;
/// The manifest's name in the pack's folder: the URL a shop's page gives the widget.
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PackError {
    #[error("it is not a chatcart pack manifest ({0})")]
    Manifest(String),
    #[error("it is version {0} of the pack format; this shop understands version {PACK_VERSION}")]
    UnsupportedVersion(u32),
    #[error("its prices are in {pack} but the shop is set up for {shop}")]
    CurrencyMismatch {
        pack: &'static str,
        shop: &'static str,
    },
    #[error("its piece {0} is damaged or of another version of the pack (its content does not match its name)")]
    NotItsContent(String),
    #[error("its piece {piece} can't be read: {reason}")]
    Unreadable { piece: String, reason: String },
    #[error("its piece {0} is not one the manifest names")]
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The fingerprint of the catalog the pack was made from: orders record it, and a
    /// receiver reading the same feed or pack agrees.
    pub catalog_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    pub currency: String,
    pub products: u32,
    pub page_size: u32,
    pub categories: Vec<CategoryEntry>,
    pub vocabulary: String,
    pub postings: Vec<PostingsEntry>,
    pub page_tables: Vec<String>,
    pub table_size: u32,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryEntry {
    pub id: String,
    pub name: String,
    pub start: u32,
    pub count: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subcategories: Vec<SubcategoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubcategoryEntry {
    pub name: String,
    pub start: u32,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostingsEntry {
    /// The first word (its place in the vocabulary) the file holds postings for.
    pub from: u32,
    pub file: String,
}

impl Manifest {
    /// Reads a manifest. Its format and version are checked before its fields, so that a
    /// pack of a newer version is said to be one.
    pub fn read(bytes: &[u8]) -> Result<Manifest, PackError> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| PackError::Manifest("it is not UTF-8 text".into()))?;
        let json = json::parse(text).map_err(|e| PackError::Manifest(e.placed_in(text)))?;
        let wrong = |name: &str, e: JsonError| {
            let named = JsonError::new(e.at, format!("{name}: {}", e.message));
            PackError::Manifest(named.placed_in(text))
        };
        match json.field("format").map(Json::as_str) {
            Some(Ok(PACK_FORMAT)) => {}
            Some(Ok(format)) => {
                return Err(PackError::Manifest(format!("its format is \"{format}\"")))
            }
            Some(Err(e)) => return Err(wrong("format", e)),
            None => {
                let wanted = format!("it has no \"format\": \"{PACK_FORMAT}\"");
                return Err(PackError::Manifest(wanted));
            }
        }
        match json.field("version").map(Json::as_u32) {
            Some(Ok(PACK_VERSION)) => {}
            Some(Ok(version)) => return Err(PackError::UnsupportedVersion(version)),
            Some(Err(e)) => return Err(wrong("version", e)),
            None => {
                let wanted = format!("it has no \"version\": {PACK_VERSION}");
                return Err(PackError::Manifest(wanted));
            }
        }
        Manifest::fields(&json).map_err(|e| PackError::Manifest(e.placed_in(text)))
    }

    fn fields(json: &Json) -> Result<Manifest, JsonError> {
        let manifest = json.fields(&[
            "format",
            "version",
            "catalog_version",
            "store_name",
            "currency",
            "products",
            "page_size",
            "categories",
            "vocabulary",
            "postings",
            "page_tables",
            "table_size",
            "ids",
        ])?;
        Ok(Manifest {
            format: PACK_FORMAT.into(),
            version: PACK_VERSION,
            catalog_version: manifest.required_string("catalog_version")?,
            store_name: manifest.string("store_name")?,
            currency: manifest.required_string("currency")?,
            products: manifest.required_u32("products")?,
            page_size: manifest.required_u32("page_size")?,
            categories: manifest.required_list("categories", CategoryEntry::read)?,
            vocabulary: manifest.required_string("vocabulary")?,
            postings: manifest.required_list("postings", PostingsEntry::read)?,
            page_tables: manifest.required_strings("page_tables")?,
            table_size: manifest.required_u32("table_size")?,
            ids: manifest.required_strings("ids")?,
        })
    }
}

impl CategoryEntry {
    fn read(json: &Json) -> Result<CategoryEntry, JsonError> {
        let category = json.fields(&["id", "name", "start", "count", "subcategories"])?;
        let subcategories = category.list("subcategories", |json| {
            let sub = json.fields(&["name", "start", "count"])?;
            Ok(SubcategoryEntry {
                name: sub.required_string("name")?,
                start: sub.required_u32("start")?,
                count: sub.required_u32("count")?,
            })
        })?;
        Ok(CategoryEntry {
            id: category.required_string("id")?,
            name: category.required_string("name")?,
            start: category.required_u32("start")?,
            count: category.required_u32("count")?,
            subcategories: subcategories.unwrap_or_default(),
        })
    }
}

impl PostingsEntry {
    fn read(json: &Json) -> Result<PostingsEntry, JsonError> {
        let entry = json.fields(&["from", "file"])?;
        Ok(PostingsEntry {
            from: entry.required_u32("from")?,
            file: entry.required_string("file")?,
        })
    }
}

/// A file name for `bytes`: `folder/stem-hash.extension`, the hash of the content. 48
/// bits of it: among even a million files ever published in one folder, two contents
/// share a name with odds of about 1 in 500.
pub fn content_name(folder: &str, stem: &str, extension: &str, bytes: &[u8]) -> String {
    let hash = Fnv1a::of(bytes).hash() >> 16;
    match stem {
        "" => format!("{folder}/{hash:012x}.{extension}"),
        _ => format!("{folder}/{stem}-{hash:012x}.{extension}"),
    }
}

/// A content name's folder, stem, hash and extension.
fn parts_of(name: &str) -> (&str, &str, &str, &str) {
    let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
    let (base, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let (stem, hash) = base.rsplit_once('-').unwrap_or(("", base));
    (folder, stem, hash, extension)
}

/// The hash part of a content name.
pub fn hash_of(name: &str) -> &str {
    parts_of(name).2
}

/// The name of product page `hash`.
pub fn page_name(hash: &str) -> String {
    format!("pages/{hash}.txt")
}

/// Whether `bytes` begin a pack's manifest rather than a JSON catalog.
pub fn is_manifest(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let quoted_format = format!("\"{PACK_FORMAT}\"");
    // A catalog's JSON is read whole only when it names the format.
    text.trim_ascii_start().starts_with(b"{")
        && text
            .windows(quoted_format.len())
            .any(|w| w == quoted_format.as_bytes())
        && std::str::from_utf8(text)
            .ok()
            .and_then(|text| json::parse(text).ok())
            .is_some_and(|json| {
                json.field("format").and_then(|f| f.as_str().ok()) == Some(PACK_FORMAT)
            })
}

/// Whether `bytes` are the content `name` was made for.
pub fn is_content_of(name: &str, bytes: &[u8]) -> bool {
    let (folder, stem, _, extension) = parts_of(name);
    content_name(folder, stem, extension, bytes) == name
}

/// The ids bucket an id is in.
pub fn bucket_of(id: &str, buckets: usize) -> usize {
    (Fnv1a::of(id.as_bytes()).hash() % buckets.max(1) as u64) as usize
}

/// Ids with their products' places, in the order given; the first place given an id counts.
/// Found by a scan: a bucket holds at most about a thousand ids, the pages a shopper opened
/// a few hundred, and a hash map's code was about 1 KB of every first download (issue 13).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places(Vec<(String, u32)>);

impl Places {
    /// `id` is at `place`; a place given it before still counts.
    pub fn add(&mut self, id: String, place: u32) {
        self.0.push((id, place));
    }

    /// The first place given `id`.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.0
            .iter()
            .find(|(known, _)| known == id)
            .map(|&(_, place)| place)
    }
}

/// Where the ids of one bucket are: retailer ids and product ids apart, as the two can
/// be spelled alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids {
    pub variants: Places,
    pub products: Places,
}

impl Ids {
    /// A line of a bucket: `v` (a retailer id) or `p` (a product id), the id and its
    /// product's place.
    pub fn line(text: &mut String, product_id: bool, id: &str, place: usize) {
        text.push_str(if product_id { "p\t" } else { "v\t" });
        escape_into(text, id);
        text.push_str(&format!("\t{place}\n"));
    }

    /// A bucket's lines; the first place given an id counts, as in the catalog.
    pub fn read(text: &str) -> Option<Ids> {
        let mut ids = Ids::default();
        for line in text.lines() {
            let (kind, rest) = line.split_once('\t')?;
            let (id, place) = rest.rsplit_once('\t')?;
            let map = match kind {
                "v" => &mut ids.variants,
                "p" => &mut ids.products,
                _ => return None,
            };
            let place = u32::try_from(whole_number(place)?).ok()?;
            map.add(unescape(id), place);
        }
        Some(ids)
    }
}

/// Products as a page holds them: a line per field, `key<TAB>value`, with tabs, newlines
/// and backslashes in values escaped. `title` begins a product and `variant` (its retailer
/// id) one of its variants; `image` may repeat. Read with a few lines of code, unlike
/// JSON, whose reader costs the widget kilobytes per record type.
pub fn page_text(products: &[Product]) -> String {
    let mut text = String::new();
    let mut field = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            text.push_str(key);
            text.push('\t');
            escape_into(&mut text, value);
            text.push('\n');
        }
    };
    for product in products {
        field("title", Some(&product.title));
        field("group", product.group_id.as_deref());
        field("description", product.description.as_deref());
        field("brand", product.brand.as_deref());
        field("category", Some(&product.category_id));
        field("subcategory", product.subcategory.as_deref());
        field("link", product.link.as_deref());
        for variant in &product.variants {
            field("variant", Some(&variant.retailer_id));
            field("size", variant.size.as_deref());
            field("color", variant.color.as_deref());
            field("price", Some(&variant.price.amount_string()));
            let sale = variant.sale_price.map(|m| m.amount_string());
            field("sale_price", sale.as_deref());
            field("availability", Some(variant.availability.name()));
            for image in &variant.images {
                field("image", Some(image));
            }
        }
    }
    text
}

/// A value on one line of a piece: tabs, line breaks and backslashes written as `\t`,
/// `\n`, `\r` and `\\`.
fn escape_into(text: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\\' => text.push_str("\\\\"),
            '\t' => text.push_str("\\t"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            c => text.push(c),
        }
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        out.push(match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => '\t',
                Some('n') => '\n',
                Some('r') => '\r',
                Some(other) => other,
                None => break,
            },
            (c, false) => c,
        });
    }
    out
}

/// The products `page_text` wrote, prices read in `currency`; `None` if the text is not
/// what a pack writes.
pub fn read_page(text: &str, currency: Currency) -> Option<Vec<Product>> {
    let mut products: Vec<Product> = Vec::new();
    // A page's products mostly share a category: one copy, as the feed reader keeps.
    let shared = |name: String, last: Option<&std::sync::Arc<str>>| match last {
        Some(last) if **last == *name => last.clone(),
        _ => name.into(),
    };
    for line in text.lines() {
        let (key, value) = line.split_once('\t')?;
        let value = unescape(value);
        if key == "title" {
            products.push(Product {
                group_id: None,
                title: value,
                description: None,
                brand: None,
                category_id: "".into(),
                subcategory: None,
                link: None,
                variants: Vec::new(),
            });
            continue;
        }
        let product = products.last_mut()?;
        if key == "variant" {
            product.variants.push(Variant {
                retailer_id: value.into(),
                size: None,
                color: None,
                price: Money::zero(currency),
                sale_price: None,
                availability: Availability::InStock,
                images: Vec::new(),
            });
            continue;
        }
        match (key, product.variants.last_mut()) {
            ("group", None) => product.group_id = Some(value),
            ("description", None) => product.description = Some(value),
            ("brand", None) => product.brand = Some(value),
            ("category", None) => {
                let previous = products.iter().rev().nth(1).map(|p| &p.category_id);
                products.last_mut()?.category_id = shared(value, previous);
            }
            ("subcategory", None) => {
                let previous = products.iter().rev().nth(1);
                let previous = previous.and_then(|p| p.subcategory.as_ref());
                products.last_mut()?.subcategory = Some(shared(value, previous));
            }
            ("link", None) => product.link = Some(value),
            ("size", Some(variant)) => variant.size = Some(value),
            ("color", Some(variant)) => variant.color = Some(value),
            ("price", Some(variant)) => variant.price = Money::parse(&value, currency).ok()?,
            ("sale_price", Some(variant)) => {
                variant.sale_price = Some(Money::parse(&value, currency).ok()?)
            }
            ("availability", Some(variant)) => variant.availability = Availability::parse(&value)?,
            ("image", Some(variant)) => variant.images.push(value),
            _ => return None,
        }
    }
    products
        .iter()
        .all(|p| !p.variants.is_empty())
        .then_some(products)
}

/// One word's postings as a line: for each product, its distance from the one before,
/// the word's weight (plus 4 when the product can be ordered), the title's length and
/// the title positions in hex, as `distance,flags,length,positions`, space-separated.
/// Added to a posting's weight (1 to 3) when the product can be ordered.
const ORDERABLE: u8 = 4;
const WEIGHT: u8 = 3;

pub fn posting_line(postings: &[Posting]) -> String {
    let mut line = String::new();
    let mut previous = 0;
    for (at, p) in postings.iter().enumerate() {
        if at > 0 {
            line.push(' ');
        }
        let flags = p.weight | if p.orderable { ORDERABLE } else { 0 };
        line.push_str(&format!(
            "{},{flags},{},{:x}",
            p.product - previous,
            p.title_length,
            p.title_positions
        ));
        previous = p.product;
    }
    line
}

/// A line `posting_line` wrote.
pub fn read_posting_line(line: &str) -> Option<Vec<Posting>> {
    let mut product: u32 = 0;
    line.split(' ')
        .filter(|token| !token.is_empty())
        .map(|token| {
            let mut fields = token.split(',');
            let mut next = || fields.next();
            let mut number = || whole_number(next()?);
            product = product.checked_add(u32::try_from(number()?).ok()?)?;
            let flags = u8::try_from(number()?).ok()?;
            let title_length = u8::try_from(number()?).ok()?;
            let title_positions = u32::from_str_radix(next()?, 16).ok()?;
            Some(Posting {
                product,
                title_positions,
                title_length,
                weight: flags & WEIGHT,
                orderable: flags & ORDERABLE != 0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::inr;
    use crate::catalog::Catalog;

    #[test]
    fn a_bucket_keeps_retailer_and_product_ids_apart_and_the_first_place_given() {
        let mut text = String::new();
        Ids::line(&mut text, false, "atta-5kg", 7);
        Ids::line(&mut text, true, "atta-5kg", 3);
        Ids::line(&mut text, false, "tab\tid", 12);
        Ids::line(&mut text, false, "atta-5kg", 9);
        let ids = Ids::read(&text).unwrap();
        assert_eq!(
            ids.variants.get("atta-5kg"),
            Some(7),
            "the first place counts"
        );
        assert_eq!(ids.products.get("atta-5kg"), Some(3));
        assert_eq!(ids.variants.get("tab\tid"), Some(12));
        assert_eq!(ids.products.get("tab\tid"), None);
        assert_eq!(ids.variants.get("atta"), None);
        assert_eq!(Ids::read("x\tatta\t1\n"), None, "neither v nor p");
        assert_eq!(Ids::read("v\tatta\tmany\n"), None, "no place");
    }

    #[test]
    fn pages_keep_every_field_of_products_with_variants() {
        let feed = "id\ttitle\tprice\tsale_price\tavailability\titem_group_id\tsize\tcolor\tproduct_type\tdescription\timage_link\n\
            TS-M\tCotton T-shirt\t499.00 INR\t\tin stock\tTS\tM\tBlue\tClothing > T-shirts\tSoft \\\\ cotton,\\tcombed\thttps://x.in/a.png\n\
            TS-L\tCotton T-shirt\t549.00 INR\t499.00 INR\tpreorder\tTS\tL\tBlue\tClothing > T-shirts\tSoft \\\\ cotton,\\tcombed\t\n\
            CAP\tCanvas \"Cap\"\t299.00 INR\t\tout of stock\t\t\t\tClothing\t\t\n";
        let (catalog, _) = Catalog::load(feed.as_bytes(), inr()).unwrap();
        assert_eq!(catalog.products.len(), 2);
        let text = page_text(&catalog.products);
        assert_eq!(read_page(&text, inr()), Some(catalog.products.clone()));
        let escaped = page_text(&[Product {
            title: "a\tb\nc\\d\re".into(),
            ..catalog.products[0].clone()
        }]);
        assert_eq!(
            read_page(&escaped, inr()).unwrap()[0].title,
            "a\tb\nc\\d\re"
        );
        assert_eq!(
            read_page("size\tM\n", inr()),
            None,
            "a field before any product"
        );
        assert_eq!(
            read_page("title\tRice\n", inr()),
            None,
            "a product without a variant"
        );
    }

    #[test]
    fn posting_lines_read_back_as_written() {
        let postings = [
            Posting {
                product: 3,
                title_positions: 0b101,
                title_length: 7,
                weight: 3,
                orderable: true,
            },
            Posting {
                product: 90,
                title_positions: 0,
                title_length: 255,
                weight: 1,
                orderable: false,
            },
        ];
        let line = posting_line(&postings);
        assert_eq!(line, "3,7,7,5 87,1,255,0");
        assert_eq!(read_posting_line(&line), Some(postings.to_vec()));
        assert_eq!(read_posting_line("3,7"), None);
        assert_eq!(read_posting_line(""), Some(Vec::new()));
    }
}
