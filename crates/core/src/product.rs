//! The product vocabulary the catalog's rooms share (categories, availability, variants,
//! products, the field limits, which links are safe) and the one validator that a JSON
//! catalog and a product feed both check a product with. It imports nothing of the
//! catalog, the feed or search: they import it.

use std::sync::Arc;

use thiserror::Error;

use crate::money::{Currency, Money, MoneyError};
use crate::retailer_id::RetailerId;
use crate::text::{is_word_char, lower, summary, TextMap};

/// Longest values accepted, as Meta's commerce feeds allow (in characters).
pub const MAX_ID: usize = 100;
pub const MAX_TITLE: usize = 150;
pub const MAX_DESCRIPTION: usize = 5000;
/// Characters of a description the catalog keeps: a chat shows a few lines, the product's
/// link has the rest, and a 50,000-product feed's full descriptions would be most of the
/// shop's memory.
pub const DESCRIPTION_SUMMARY: usize = 100;

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

    /// The feed spelling.
    pub fn name(self) -> &'static str {
        match self {
            Availability::InStock => "in stock",
            Availability::OutOfStock => "out of stock",
            Availability::Preorder => "preorder",
            Availability::AvailableForOrder => "available for order",
            Availability::Discontinued => "discontinued",
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
    pub retailer_id: RetailerId,
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
    /// The feed's `item_group_id`; a product without one goes by its variant's retailer id.
    pub group_id: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub brand: Option<String>,
    /// Shared by the products of a category (and of a subcategory): one copy each.
    pub category_id: Arc<str>,
    pub subcategory: Option<Arc<str>>,
    /// The product's page on the merchant's site (https or relative).
    pub link: Option<String>,
    /// Never empty.
    pub variants: Vec<Variant>,
}

impl Product {
    /// The product's id: its group id, or the retailer id of its only variant (not stored
    /// twice: 50,000 products would carry 50,000 copies).
    pub fn id(&self) -> &str {
        self.group_id
            .as_deref()
            .unwrap_or(&self.variants[0].retailer_id)
    }

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

/// A link the page may follow or load: https, or a relative path. Never `javascript:`,
/// `data:`, plain http or a protocol-relative `//host`. Browsers read a backslash as a
/// slash and drop tabs and line breaks (`\\host/x` and `/\host/x` are `//host/x`), so a link
/// holding one, or any control character, is refused whole.
pub fn is_safe_link(link: &str) -> bool {
    if link.chars().any(|c| c == '\\' || c.is_control()) {
        return false;
    }
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
    for c in name.chars().map(lower) {
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

/// Up to 60 characters of a value, for messages.
pub(crate) fn shorten(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// A value's length in characters when it is over `max`.
fn too_long(value: &str, max: usize) -> Option<usize> {
    let length = value.chars().count();
    (length > max).then_some(length)
}

/// How the validator treats a problem it could work around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Every problem rejects the product: the JSON format is written by tools, and a tool
    /// that writes a bad field should hear about it.
    Strict,
    /// A problem with a field the product can do without (a sale price, a link, a long
    /// description) drops or mends that field with a warning; only a problem with the id,
    /// title, price or availability rejects the product. Feeds are exported from shop
    /// systems and edited by hand, and one bad row should not hide the rest.
    Lenient,
}

/// How a document writes its prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceStyle {
    /// "249.50": the JSON format names its currency once, for the whole catalog.
    Bare,
    /// "249.50 INR": feeds name the currency in every price.
    WithCurrency,
}

/// What the validator checks products against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub strictness: Strictness,
    pub currency: Currency,
    pub prices: PriceStyle,
}

/// A field of a product as its document gives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Given<'a> {
    /// The document has no such field (a feed without the column).
    #[default]
    Absent,
    /// As written, untrimmed, perhaps blank.
    Text(&'a str),
    /// There, but not text: a feed cell that is not UTF-8.
    NotText,
}

/// A product as a document gives it, before any rule is applied: one variant's worth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawProduct<'a> {
    pub id: Given<'a>,
    pub title: Given<'a>,
    pub price: Given<'a>,
    /// `Absent` when the document says nothing of availability: everything is in stock.
    pub availability: Given<'a>,
    pub sale_price: Given<'a>,
    pub description: Given<'a>,
    pub link: Given<'a>,
    /// The main image, under the document's name for it (`image`, `image_link`).
    pub image: Given<'a>,
    pub image_field: &'static str,
    /// More images, separated by commas (a feed's `additional_image_link`).
    pub more_images: Given<'a>,
}

/// The fields of a product that passed the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProduct {
    /// Trimmed.
    pub retailer_id: RetailerId,
    pub title: String,
    /// Its summary (`DESCRIPTION_SUMMARY`).
    pub description: Option<String>,
    pub price: Money,
    pub sale_price: Option<Money>,
    pub availability: Availability,
    pub link: Option<String>,
    /// Safe links only; the main image first.
    pub images: Vec<String>,
}

/// What is wrong with a field, worded as a merchant reads it after the field's name.
/// Where the strict and the lenient validator word a problem differently (the lenient
/// one says what it did about it), each wording is its own variant.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProductProblem {
    /// Strict: the field is there but blank.
    #[error("is empty")]
    Empty,
    /// Lenient: the field is blank or not there.
    #[error("is missing")]
    Missing,
    #[error("is {length} characters long; at most {max} are allowed")]
    TooLong { length: usize, max: usize },
    /// Strict: an id a product before this one has.
    #[error("another product already has this id")]
    DuplicateId,
    /// Lenient: an id an earlier row has.
    #[error("is the same as on line {0}")]
    SameIdAsLine(u64),
    /// A price or sale price that cannot be read.
    #[error("{0}")]
    Price(MoneyError),
    /// Strict.
    #[error("must be lower than the price")]
    SaleNotLower,
    /// Strict.
    #[error("\"{0}\" must be an https:// link or a relative path")]
    UnsafeLink(String),
    /// Strict, with the text as written.
    #[error("\"{0}\" should be \"in stock\", \"out of stock\", \"preorder\", \"available for order\" or \"discontinued\"")]
    UnknownAvailability(String),
    /// Lenient, with the text shortened.
    #[error("\"{0}\" is not one of: in stock, out of stock, preorder, available for order, discontinued")]
    NotAnAvailability(String),
    /// Strict: a JSON product's category is not among the catalog's.
    #[error("\"{0}\" is not one of the catalog's categories")]
    UnknownCategory(String),
    // What the lenient validator mends, each saying how.
    #[error("is not valid UTF-8 text and was left out")]
    NotText,
    #[error("is missing; taken to be in stock")]
    TakenInStock,
    #[error("{0}; ignored")]
    SalePriceIgnored(MoneyError),
    /// The sale price as written.
    #[error("{0} is not lower than the price and was ignored")]
    SaleNotLowerIgnored(String),
    #[error("is {length} characters long; at most {max} are allowed; shortened")]
    Shortened { length: usize, max: usize },
    /// The link, shortened.
    #[error("\"{0}\" is not an https:// link and was left out")]
    LinkLeftOut(String),
}

/// A problem with one field of a product, named by its document's name for the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub problem: ProductProblem,
}

/// The ids seen so far in a document: each product's id must be new.
pub trait KnownIds {
    /// Remembers `id`, or says why it is not new.
    fn enter(&mut self, id: &str) -> Result<(), ProductProblem>;
}

/// Ids compared exactly, as the JSON format's (`ProductProblem::DuplicateId`). A set, kept in
/// the readers' one type of map (the number, never read, is how many came before).
impl KnownIds for TextMap {
    fn enter(&mut self, id: &str) -> Result<(), ProductProblem> {
        match self.insert(id.to_owned(), self.len() as u32) {
            None => Ok(()),
            Some(_) => Err(ProductProblem::DuplicateId),
        }
    }
}

/// What the validator made of a product: the product or the problem that rejects it, and
/// in either case the problems it mended on the way (only the lenient validator mends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub product: Result<ValidProduct, FieldProblem>,
    pub warnings: Vec<FieldProblem>,
}

/// Checks one product's id, title, price, availability, sale price, description and links,
/// in that order, against `rules`; its id must be new to `ids`. A strict check stops at
/// the first problem; a lenient one stops at the first it cannot mend.
pub fn validate(raw: &RawProduct, rules: &Rules, ids: &mut impl KnownIds) -> Checked {
    let mut check = Check {
        rules,
        warnings: Vec::new(),
    };
    let product = check.product(raw, ids);
    Checked {
        product,
        warnings: check.warnings,
    }
}

struct Check<'r> {
    rules: &'r Rules,
    warnings: Vec<FieldProblem>,
}

fn problem(field: &'static str, problem: ProductProblem) -> FieldProblem {
    FieldProblem { field, problem }
}

impl Check<'_> {
    fn strict(&self) -> bool {
        self.rules.strictness == Strictness::Strict
    }

    fn warn(&mut self, field: &'static str, problem: ProductProblem) {
        self.warnings.push(FieldProblem { field, problem });
    }

    /// The trimmed text of a field, `None` when absent, blank or not text.
    fn text<'a>(&mut self, field: &'static str, given: Given<'a>) -> Option<&'a str> {
        match given {
            Given::Absent => None,
            Given::Text(text) => Some(text.trim()).filter(|t| !t.is_empty()),
            Given::NotText => {
                self.warn(field, ProductProblem::NotText);
                None
            }
        }
    }

    /// A field every product has.
    fn required<'a>(
        &mut self,
        field: &'static str,
        given: Given<'a>,
        max: usize,
    ) -> Result<&'a str, FieldProblem> {
        let Some(text) = self.text(field, given) else {
            let blank = if self.strict() {
                ProductProblem::Empty
            } else {
                ProductProblem::Missing
            };
            return Err(problem(field, blank));
        };
        match too_long(text, max) {
            Some(length) => Err(problem(field, ProductProblem::TooLong { length, max })),
            None => Ok(text),
        }
    }

    fn money(&self, text: &str) -> Result<Money, MoneyError> {
        match self.rules.prices {
            PriceStyle::Bare => Money::parse(text, self.rules.currency),
            PriceStyle::WithCurrency => Money::parse_with_currency(text, self.rules.currency),
        }
    }

    /// A link the page may use; an unsafe one rejects the product or is left out.
    fn link(&mut self, field: &'static str, link: &str) -> Result<Option<String>, FieldProblem> {
        if is_safe_link(link) {
            Ok(Some(link.to_owned()))
        } else if self.strict() {
            Err(problem(field, ProductProblem::UnsafeLink(link.to_owned())))
        } else {
            self.warn(field, ProductProblem::LinkLeftOut(shorten(link)));
            Ok(None)
        }
    }

    fn product(
        &mut self,
        raw: &RawProduct,
        ids: &mut impl KnownIds,
    ) -> Result<ValidProduct, FieldProblem> {
        let id = self.required("id", raw.id, MAX_ID)?;
        ids.enter(id).map_err(|p| problem("id", p))?;
        let title = self.required("title", raw.title, MAX_TITLE)?;

        let price_text = match (self.text("price", raw.price), raw.price) {
            (Some(text), _) => text,
            // The JSON format's blank price is read, and its reading says what is wrong.
            (None, Given::Text(text)) if self.strict() => text,
            (None, _) if self.strict() => return Err(problem("price", ProductProblem::Empty)),
            (None, _) => return Err(problem("price", ProductProblem::Missing)),
        };
        let price = self
            .money(price_text)
            .map_err(|e| problem("price", ProductProblem::Price(e)))?;

        let availability = match raw.availability {
            Given::Absent => Availability::InStock,
            given => {
                let text = self.text("availability", given);
                match (text, text.and_then(Availability::parse)) {
                    (_, Some(availability)) => availability,
                    _ if self.strict() => {
                        let written = match given {
                            Given::Text(written) => written,
                            _ => "",
                        };
                        let unknown = ProductProblem::UnknownAvailability(written.to_owned());
                        return Err(problem("availability", unknown));
                    }
                    (Some(text), None) => {
                        let unknown = ProductProblem::NotAnAvailability(shorten(text));
                        return Err(problem("availability", unknown));
                    }
                    (None, None) => {
                        self.warn("availability", ProductProblem::TakenInStock);
                        Availability::InStock
                    }
                }
            }
        };

        // Only fields a product can do without from here on: the lenient validator drops
        // or mends them.
        let sale_price = match self.text("sale_price", raw.sale_price) {
            None => None,
            Some(text) => match self.money(text) {
                Ok(sale) if sale < price => Some(sale),
                Ok(_) if self.strict() => {
                    return Err(problem("sale_price", ProductProblem::SaleNotLower));
                }
                Ok(_) => {
                    let ignored = ProductProblem::SaleNotLowerIgnored(text.to_owned());
                    self.warn("sale_price", ignored);
                    None
                }
                Err(e) if self.strict() => {
                    return Err(problem("sale_price", ProductProblem::Price(e)));
                }
                Err(e) => {
                    self.warn("sale_price", ProductProblem::SalePriceIgnored(e));
                    None
                }
            },
        };

        let description = match self.text("description", raw.description) {
            None => None,
            Some(text) => {
                if let Some(length) = too_long(text, MAX_DESCRIPTION) {
                    let max = MAX_DESCRIPTION;
                    if self.strict() {
                        let over = ProductProblem::TooLong { length, max };
                        return Err(problem("description", over));
                    }
                    self.warn("description", ProductProblem::Shortened { length, max });
                }
                Some(summary(text, DESCRIPTION_SUMMARY))
            }
        };

        let link = match self.text("link", raw.link) {
            Some(link) => self.link("link", link)?,
            None => None,
        };
        let mut images = Vec::new();
        if let Some(image) = self.text(raw.image_field, raw.image) {
            images.extend(self.link(raw.image_field, image)?);
        }
        if let Some(more) = self.text("additional_image_link", raw.more_images) {
            for image in more.split(',').map(str::trim).filter(|l| !l.is_empty()) {
                images.extend(self.link("additional_image_link", image)?);
            }
        }

        Ok(ValidProduct {
            retailer_id: id.into(),
            title: title.to_owned(),
            description,
            price,
            sale_price,
            availability,
            link,
            images,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(strictness: Strictness) -> Rules {
        Rules {
            strictness,
            currency: Currency::from_code("INR").unwrap(),
            prices: PriceStyle::Bare,
        }
    }

    fn raw<'a>() -> RawProduct<'a> {
        RawProduct {
            id: Given::Text(" rice-1 "),
            title: Given::Text("Sona Masoori Rice"),
            price: Given::Text("60.00"),
            image_field: "image",
            ..RawProduct::default()
        }
    }

    /// Each problem as the validator words it, and whether it rejected the product.
    fn found(raw: &RawProduct, strictness: Strictness) -> (Vec<String>, Option<String>) {
        let checked = validate(raw, &rules(strictness), &mut TextMap::default());
        let words = |p: &FieldProblem| format!("{}: {}", p.field, p.problem);
        (
            checked.warnings.iter().map(words).collect(),
            checked.product.err().as_ref().map(words),
        )
    }

    #[test]
    fn a_good_product_passes_both_ways_trimmed() {
        for strictness in [Strictness::Strict, Strictness::Lenient] {
            let checked = validate(&raw(), &rules(strictness), &mut TextMap::default());
            assert!(checked.warnings.is_empty());
            let valid = checked.product.unwrap();
            assert_eq!(valid.retailer_id, "rice-1");
            assert_eq!(valid.availability, Availability::InStock);
        }
    }

    #[test]
    fn what_strict_rejects_lenient_mends_and_says_how() {
        let raw = RawProduct {
            sale_price: Given::Text("70.00"),
            link: Given::Text("javascript:alert(1)"),
            availability: Given::Text(" "),
            ..raw()
        };
        assert_eq!(
            found(&raw, Strictness::Strict),
            (
                vec![],
                Some("availability: \" \" should be \"in stock\", \"out of stock\", \"preorder\", \"available for order\" or \"discontinued\"".into())
            )
        );
        assert_eq!(
            found(&raw, Strictness::Lenient),
            (
                vec![
                    "availability: is missing; taken to be in stock".into(),
                    "sale_price: 70.00 is not lower than the price and was ignored".into(),
                    "link: \"javascript:alert(1)\" is not an https:// link and was left out".into(),
                ],
                None
            )
        );
        let in_stock = RawProduct {
            availability: Given::Absent,
            ..raw
        };
        assert_eq!(
            found(&in_stock, Strictness::Strict).1.as_deref(),
            Some("sale_price: must be lower than the price")
        );
    }

    #[test]
    fn blank_required_fields_are_empty_to_tools_and_missing_to_merchants() {
        let raw = RawProduct {
            title: Given::NotText,
            ..raw()
        };
        assert_eq!(
            found(&raw, Strictness::Lenient),
            (
                vec!["title: is not valid UTF-8 text and was left out".into()],
                Some("title: is missing".into())
            )
        );
        let raw = RawProduct {
            title: Given::Text("  "),
            ..raw
        };
        assert_eq!(
            found(&raw, Strictness::Strict).1.as_deref(),
            Some("title: is empty")
        );
    }

    #[test]
    fn ids_must_be_new() {
        let mut ids = TextMap::default();
        let strict = rules(Strictness::Strict);
        assert!(validate(&raw(), &strict, &mut ids).product.is_ok());
        let again = validate(&raw(), &strict, &mut ids).product.unwrap_err();
        assert_eq!(again.problem, ProductProblem::DuplicateId);
    }
}
