//! How a pack's files are written and read.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{Currency, Money};
use crate::product::{Availability, Product, Variant};
use crate::search::Posting;
use crate::text::Fnv1a;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    pub id: String,
    pub name: String,
    pub start: u32,
    pub count: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subcategories: Vec<SubcategoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubcategoryEntry {
    pub name: String,
    pub start: u32,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingsEntry {
    /// The first word (its place in the vocabulary) the file holds postings for.
    pub from: u32,
    pub file: String,
}

/// A file name for `bytes`: `folder/stem-hash.extension`, the hash of the content.
pub fn content_name(folder: &str, stem: &str, extension: &str, bytes: &[u8]) -> String {
    let hash = Fnv1a::of(bytes).hash() >> 16;
    match stem {
        "" => format!("{folder}/{hash:012x}.{extension}"),
        _ => format!("{folder}/{stem}-{hash:012x}.{extension}"),
    }
}

/// The hash part of a content name.
pub fn hash_of(name: &str) -> &str {
    let file = name.rsplit_once('/').map_or(name, |(_, file)| file);
    let stem = file.split_once('.').map_or(file, |(stem, _)| stem);
    stem.rsplit_once('-').map_or(stem, |(_, hash)| hash)
}

/// The name of product page `hash`.
pub fn page_name(hash: &str) -> String {
    format!("pages/{hash}.json")
}

/// Whether `bytes` begin a pack's manifest rather than a JSON catalog.
pub fn is_manifest(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: String,
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text.trim_ascii_start().starts_with(b"{")
        && serde_json::from_slice::<Format>(text).is_ok_and(|f| f.format == PACK_FORMAT)
}

/// Whether `bytes` are the content `name` was made for.
pub fn is_content_of(name: &str, bytes: &[u8]) -> bool {
    let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let stem = stem.rsplit_once('-').map_or("", |(stem, _)| stem);
    content_name(folder, stem, extension, bytes) == name
}

/// The ids bucket an id is in.
pub fn bucket_of(id: &str, buckets: usize) -> usize {
    (Fnv1a::of(id.as_bytes()).hash() % buckets.max(1) as u64) as usize
}

/// A product as a page holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcategory: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    pub variants: Vec<VariantRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantRecord {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    pub price: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<String>,
    #[serde(default, skip_serializing_if = "is_in_stock")]
    pub availability: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
}

fn is_in_stock(availability: &str) -> bool {
    availability == Availability::InStock.name()
}

impl ProductRecord {
    pub fn of(product: &Product) -> Self {
        ProductRecord {
            group: product.group_id.clone(),
            title: product.title.clone(),
            description: product.description.clone(),
            brand: product.brand.clone(),
            category: product.category_id.to_string(),
            subcategory: product.subcategory.as_deref().map(str::to_owned),
            link: product.link.clone(),
            variants: product
                .variants
                .iter()
                .map(|v| VariantRecord {
                    id: v.retailer_id.to_string(),
                    size: v.size.clone(),
                    color: v.color.clone(),
                    price: v.price.amount_string(),
                    sale_price: v.sale_price.map(|m| m.amount_string()),
                    availability: v.availability.name().to_owned(),
                    images: v.images.clone(),
                })
                .collect(),
        }
    }

    /// The product, its prices read in `currency`; `None` if a field is not what a pack
    /// writes.
    pub fn into_product(self, currency: Currency) -> Option<Product> {
        let variants = self
            .variants
            .into_iter()
            .map(|v| {
                Some(Variant {
                    retailer_id: v.id.into(),
                    size: v.size,
                    color: v.color,
                    price: Money::parse(&v.price, currency).ok()?,
                    sale_price: match v.sale_price {
                        Some(price) => Some(Money::parse(&price, currency).ok()?),
                        None => None,
                    },
                    availability: match v.availability.as_str() {
                        "" => Availability::InStock,
                        text => Availability::parse(text)?,
                    },
                    images: v.images,
                })
            })
            .collect::<Option<Vec<Variant>>>()?;
        if variants.is_empty() {
            return None;
        }
        Some(Product {
            group_id: self.group,
            title: self.title,
            description: self.description,
            brand: self.brand,
            category_id: self.category.into(),
            subcategory: self.subcategory.map(Into::into),
            link: self.link,
            variants,
        })
    }
}

/// One word's postings as a line: for each product, its distance from the one before,
/// the word's weight (plus 4 when the product can be ordered), the title's length and
/// the title positions in hex, as `distance,flags,length,positions`, space-separated.
pub fn posting_line(postings: &[Posting]) -> String {
    let mut line = String::new();
    let mut previous = 0;
    for (at, p) in postings.iter().enumerate() {
        if at > 0 {
            line.push(' ');
        }
        let flags = p.weight | if p.orderable { 4 } else { 0 };
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
            product = product.checked_add(next()?.parse().ok()?)?;
            let flags: u8 = next()?.parse().ok()?;
            let title_length: u8 = next()?.parse().ok()?;
            let title_positions = u32::from_str_radix(next()?, 16).ok()?;
            Some(Posting {
                product,
                title_positions,
                title_length,
                weight: flags & 3,
                orderable: flags & 4 != 0,
            })
        })
        .collect()
}
