//! Meta (WhatsApp, Facebook) and Google Merchant product feeds in CSV or TSV, read into
//! products and categories with a report of every row problem. A bad row is skipped and counted; a bad
//! optional field is dropped with a warning and its row kept.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::io::{BufRead, Read};
use std::sync::Arc;

use thiserror::Error;

use crate::delimited::{Reader, Record, Swallowed};
use crate::money::Currency;
use crate::product::{
    non_blank, shorten, slug, validate, Category, FieldProblem, Given, KnownIds, PriceStyle,
    Product, ProductProblem, RawProduct, Rules, Strictness, Variant,
};
use crate::text::{read_head, Fingerprinting, Fnv1a, TextMap};

/// Category for rows that name none.
const UNCATEGORISED: &str = "Other";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedIssue {
    /// Line of the file the row starts on (the header is line 1).
    pub line: u64,
    pub id: String,
    pub field: &'static str,
    pub problem: FeedProblem,
    /// The whole row was left out (otherwise only the field was).
    pub row_skipped: bool,
}

impl fmt::Display for FeedIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.id.is_empty() {
            write!(f, " (id {})", self.id)?;
        }
        match self.field {
            "" => write!(f, ": {}", self.problem)?,
            field => write!(f, ", {field}: {}", self.problem)?,
        }
        if self.row_skipped {
            f.write_str("; row skipped")?;
        }
        Ok(())
    }
}

/// What is wrong in a row, worded as the report shows it after the field's name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedProblem {
    /// What the product validator found.
    #[error(transparent)]
    Product(ProductProblem),
    /// A broken quote or similar: the rest of the file cannot be trusted.
    #[error("could not be read ({0}); reading stopped here")]
    Unreadable(String),
    /// A quote opens on line `opened` (the issue's line) and the value runs to line
    /// `through`: where it closes in the middle of a value (`closed`), or the end of the
    /// file. The rows between were read as part of that value. (A quoted value over
    /// several lines that closes where a value ends is CSV's own, and no problem.)
    #[error("{}", quote_words(*.opened, *.through, *.closed))]
    Quote {
        opened: u64,
        through: u64,
        closed: bool,
    },
    /// A `product_type` path of separators only.
    #[error("\"{0}\" names no category; listed under {UNCATEGORISED}")]
    NoCategory(String),
    /// A variant of the product with this id looks the same as its others.
    #[error("variant of {0} has no size or color to tell it apart")]
    UnlabelledVariant(String),
}

fn quote_words(opened: u64, through: u64, closed: bool) -> String {
    match (closed, through > opened) {
        (true, _) => format!(
            "a quote opens here and closes on line {through}, inside a value: \
             lines {opened} to {through} were read as one value"
        ),
        (false, true) => format!(
            "a quote opens here and is never closed: lines {opened} to {through}, \
             the rest of the file, were read as one value"
        ),
        (false, false) => {
            "a quote opens here and is never closed: the rest of the line was read as one value"
                .to_owned()
        }
    }
}

/// Something about a feed as a whole that the merchant should know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum FeedNote {
    #[error("no availability column: every product is taken to be in stock")]
    NoAvailabilityColumn,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedReport {
    /// Data rows in the file.
    pub rows: usize,
    /// Rows loaded as variants.
    pub loaded: usize,
    pub skipped: usize,
    /// Products after grouping variants by `item_group_id`.
    pub products: usize,
    pub categories: usize,
    /// Notes about the file as a whole, such as a missing optional column.
    pub notes: Vec<FeedNote>,
    pub issues: Vec<FeedIssue>,
}

impl FeedReport {
    pub fn warnings(&self) -> usize {
        self.issues.iter().filter(|i| !i.row_skipped).count()
    }

    /// Whether a quote read rows of the file into one value: they are lost as surely as
    /// skipped ones, and not counted among the rows.
    pub fn rows_swallowed(&self) -> bool {
        self.issues.iter().any(|issue| {
            matches!(issue.problem, FeedProblem::Quote { opened, through, .. } if through > opened)
        })
    }

    /// "6387 rows: 6387 loaded as 6387 products in 30 categories, 0 skipped, 0 warnings"
    pub fn summary(&self) -> String {
        format!(
            "{} rows: {} loaded as {} products in {} categories, {} skipped, {} warnings",
            self.rows,
            self.loaded,
            self.products,
            self.categories,
            self.skipped,
            self.warnings()
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    #[error("the feed is empty")]
    Empty,
    #[error("the feed has no {} column (its header row is: {header})", .missing.join(", "))]
    MissingColumns {
        missing: Vec<&'static str>,
        header: String,
    },
    #[error("the feed could not be read as CSV: {0}")]
    Unreadable(String),
    #[error("no row of the feed could be used ({})", .0.summary())]
    NothingLoaded(Box<FeedReport>),
}

/// What a feed yields: its products, grouped, and their categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Fingerprint of the feed's text; orders record it.
    pub version: String,
    /// In the order the feed first names them.
    pub categories: Vec<Category>,
    pub products: Vec<Product>,
}

/// A feed's ids, remembered with the line they were first seen on by a 64-bit
/// fingerprint, not a copy of each: two different ids of a 50,000-row feed share one with
/// a chance of about 1 in 10^10.
#[derive(Default)]
struct IdLines {
    first_line: HashMap<u64, u64, BuildHasherDefault<Fnv1a>>,
    /// The line of the row being read.
    line: u64,
}

impl KnownIds for IdLines {
    fn enter(&mut self, id: &str) -> Result<(), ProductProblem> {
        let fingerprint = Fnv1a::of(id.as_bytes()).hash();
        if let Some(&first) = self.first_line.get(&fingerprint) {
            return Err(ProductProblem::SameIdAsLine(first));
        }
        self.first_line.insert(fingerprint, self.line);
        Ok(())
    }
}

/// The columns read, by their names in Meta's and Google's specifications.
#[derive(Default)]
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    description: Option<usize>,
    availability: Option<usize>,
    price: Option<usize>,
    sale_price: Option<usize>,
    link: Option<usize>,
    image_link: Option<usize>,
    additional_image_link: Option<usize>,
    brand: Option<usize>,
    product_type: Option<usize>,
    google_product_category: Option<usize>,
    item_group_id: Option<usize>,
    color: Option<usize>,
    size: Option<usize>,
    /// Google's net contents ("750ml", "1.5kg"): the size when `size` is not given.
    unit_pricing_measure: Option<usize>,
}

impl Columns {
    fn from_header(header: &Record) -> Self {
        let mut columns = Columns::default();
        for (index, name) in header.iter().enumerate() {
            let name = String::from_utf8_lossy(name)
                .trim()
                .to_ascii_lowercase()
                .replace(' ', "_");
            let slot = match name.strip_prefix("g:").unwrap_or(&name) {
                "id" => &mut columns.id,
                "title" => &mut columns.title,
                "description" => &mut columns.description,
                "availability" => &mut columns.availability,
                "price" => &mut columns.price,
                "sale_price" => &mut columns.sale_price,
                "link" => &mut columns.link,
                "image_link" => &mut columns.image_link,
                "additional_image_link" => &mut columns.additional_image_link,
                "brand" => &mut columns.brand,
                "product_type" => &mut columns.product_type,
                "google_product_category" => &mut columns.google_product_category,
                "item_group_id" => &mut columns.item_group_id,
                "color" | "colour" => &mut columns.color,
                "size" => &mut columns.size,
                "unit_pricing_measure" => &mut columns.unit_pricing_measure,
                _ => continue,
            };
            slot.get_or_insert(index);
        }
        columns
    }
}

/// One row being read: its fields as text, and where its problems go.
struct Row<'a> {
    record: &'a Record,
    line: u64,
    /// The row's id, shortened, once known.
    id: String,
    issues: &'a mut Vec<FeedIssue>,
}

impl<'a> Row<'a> {
    /// A column's cell as the validator takes it.
    fn given(&self, column: Option<usize>) -> Given<'a> {
        let record: &'a Record = self.record;
        match column {
            None => Given::Absent,
            Some(column) => match record.get(column) {
                None => Given::Text(""),
                Some(bytes) => std::str::from_utf8(bytes).map_or(Given::NotText, Given::Text),
            },
        }
    }

    /// The trimmed text of a column, `None` when absent or blank.
    fn text(&mut self, column: Option<usize>, field: &'static str) -> Option<String> {
        match self.given(column) {
            Given::Absent => None,
            Given::Text(text) => non_blank(Some(text)),
            Given::NotText => {
                self.warn(field, FeedProblem::Product(ProductProblem::NotText));
                None
            }
        }
    }

    fn warn(&mut self, field: &'static str, problem: FeedProblem) {
        self.issues.push(FeedIssue {
            line: self.line,
            id: self.id.clone(),
            field,
            problem,
            row_skipped: false,
        });
    }

    /// A problem the validator found; `skipped` when it rejects the row.
    fn report(&mut self, found: FieldProblem, row_skipped: bool) {
        self.issues.push(FeedIssue {
            line: self.line,
            id: self.id.clone(),
            field: found.field,
            problem: FeedProblem::Product(found.problem),
            row_skipped,
        });
    }
}

/// A row read into a variant, with what its product needs.
struct FeedRow {
    line: u64,
    group: Option<String>,
    title: String,
    description: Option<String>,
    brand: Option<String>,
    category: String,
    subcategory: Option<String>,
    link: Option<String>,
    variant: Variant,
}

/// Reads a CSV or TSV product feed whose prices must be in `shop_currency`, as it streams
/// in: the whole text is never held at once. Its rows are checked by the lenient product
/// validator.
pub fn read_feed(
    mut source: impl BufRead,
    shop_currency: Currency,
) -> Result<(Feed, FeedReport), FeedError> {
    let unreadable = |e: std::io::Error| FeedError::Unreadable(e.to_string());
    // Up to the header: blank lines before it are read (and counted) as between rows.
    let Some((head, header_start)) = read_head(&mut source).map_err(unreadable)? else {
        return Err(FeedError::Empty);
    };
    let delimiter = if head[header_start..].contains(&b'\t') {
        b'\t'
    } else {
        b','
    };
    let mut text = Fingerprinting::new(head.as_slice().chain(source));
    // The blank lines are in the feed's fingerprint, not in a row (a line of spaces would be).
    text.consume(header_start);
    let mut reader = Reader::new(&mut text, delimiter).after(&head[..header_start]);
    let mut header = Record::default();
    reader.read(&mut header).map_err(unreadable)?;
    let columns = Columns::from_header(&header);
    let missing: Vec<&'static str> = [
        ("id", columns.id),
        ("title", columns.title),
        ("price", columns.price),
    ]
    .into_iter()
    .filter(|(_, column)| column.is_none())
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        let header = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(FeedError::MissingColumns {
            missing,
            header: shorten(&header),
        });
    }

    let mut report = FeedReport::default();
    if columns.availability.is_none() {
        report.notes.push(FeedNote::NoAvailabilityColumn);
    }
    let mut grouping = Grouping::default();
    let rules = Rules {
        strictness: Strictness::Lenient,
        currency: shop_currency,
        prices: PriceStyle::WithCurrency,
    };
    let mut seen_ids = IdLines::default();
    let mut record = Record::default();
    loop {
        let line = reader.line();
        match reader.read(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                // A broken quote or similar: the rest of the file cannot be trusted.
                report.rows += 1;
                report.skipped += 1;
                report.issues.push(FeedIssue {
                    line,
                    id: String::new(),
                    field: "row",
                    problem: FeedProblem::Unreadable(error.to_string()),
                    row_skipped: true,
                });
                break;
            }
        }
        if record
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        report.rows += 1;
        let line = record.line();
        let mut row = Row {
            record: &record,
            line,
            id: String::new(),
            issues: &mut report.issues,
        };
        seen_ids.line = line;
        match read_row(&mut row, &columns, &rules, &mut seen_ids) {
            Some(feed_row) => {
                report.loaded += 1;
                grouping.add(feed_row, &mut report);
            }
            None => report.skipped += 1,
        }
    }
    let swallowed = reader.swallowed().to_vec();
    drop(reader);
    let version = text.version();
    if !swallowed.is_empty() {
        for Swallowed {
            opened,
            through,
            closed,
        } in swallowed
        {
            report.issues.push(FeedIssue {
                line: opened,
                id: String::new(),
                field: "",
                problem: FeedProblem::Quote {
                    opened,
                    through,
                    closed,
                },
                row_skipped: false,
            });
        }
        // In line order, a quote before the problems of the row it opens in.
        report
            .issues
            .sort_by_key(|i| (i.line, !matches!(i.problem, FeedProblem::Quote { .. })));
    }
    // What was only needed while reading goes before the search index is built.
    drop(seen_ids);
    let Grouping {
        categories,
        mut products,
        product_of_group,
        names,
        copies,
    } = grouping;
    drop((product_of_group, names, copies));
    products.shrink_to_fit();
    report.products = products.len();
    report.categories = categories.len();
    if products.is_empty() {
        return Err(FeedError::NothingLoaded(Box::new(report)));
    }
    let feed = Feed {
        version,
        categories,
        products,
    };
    Ok((feed, report))
}

/// Reads one row, reporting its problems; `None` when the row cannot be used.
fn read_row(
    row: &mut Row,
    columns: &Columns,
    rules: &Rules,
    seen_ids: &mut IdLines,
) -> Option<FeedRow> {
    let raw = RawProduct {
        id: row.given(columns.id),
        title: row.given(columns.title),
        price: row.given(columns.price),
        availability: row.given(columns.availability),
        sale_price: row.given(columns.sale_price),
        description: row.given(columns.description),
        link: row.given(columns.link),
        image: row.given(columns.image_link),
        image_field: "image_link",
        more_images: row.given(columns.additional_image_link),
    };
    // Every problem of a row with an id names it, the id's own included.
    if let Given::Text(id) = raw.id {
        row.id = non_blank(Some(id))
            .as_deref()
            .map_or_else(String::new, shorten);
    }
    let checked = validate(&raw, rules, seen_ids);
    for warning in checked.warnings {
        row.report(warning, false);
    }
    let valid = match checked.product {
        Ok(valid) => valid,
        Err(problem) => {
            row.report(problem, true);
            return None;
        }
    };

    let category_path = row
        .text(columns.product_type, "product_type")
        .or_else(|| row.text(columns.google_product_category, "google_product_category"));
    let mut levels = category_path
        .iter()
        .flat_map(|path| path.split('>'))
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let category = match levels.next() {
        Some(category) => category.to_owned(),
        None => {
            if let Some(path) = &category_path {
                row.warn("product_type", FeedProblem::NoCategory(path.clone()));
            }
            UNCATEGORISED.to_owned()
        }
    };
    let subcategory = levels.next().map(str::to_owned);

    Some(FeedRow {
        line: row.line,
        group: row.text(columns.item_group_id, "item_group_id"),
        title: valid.title,
        description: valid.description,
        brand: row.text(columns.brand, "brand"),
        category,
        subcategory,
        link: valid.link,
        variant: Variant {
            retailer_id: valid.retailer_id,
            size: row
                .text(columns.size, "size")
                .or_else(|| row.text(columns.unit_pricing_measure, "unit_pricing_measure")),
            color: row.text(columns.color, "color"),
            price: valid.price,
            sale_price: valid.sale_price,
            availability: valid.availability,
            images: valid.images,
        },
    })
}

/// Products as rows arrive: rows sharing an `item_group_id` become one product with those
/// variants; categories come in the order the feed first names them.
#[derive(Default)]
struct Grouping {
    categories: Vec<Category>,
    products: Vec<Product>,
    /// By group, the place of its product.
    product_of_group: TextMap,
    /// Category ids and subcategory names, one shared copy of each (`copies`), by name.
    names: TextMap,
    copies: Vec<Arc<str>>,
}

/// The shared copy of `name`, in `copies` at the place `names` gives it.
fn shared(names: &mut TextMap, copies: &mut Vec<Arc<str>>, name: String) -> Arc<str> {
    if let Some(&at) = names.get(&name) {
        return Arc::clone(&copies[at as usize]);
    }
    let copy: Arc<str> = name.as_str().into();
    names.insert(name, copies.len() as u32);
    copies.push(Arc::clone(&copy));
    copy
}

impl Grouping {
    fn add(&mut self, row: FeedRow, report: &mut FeedReport) {
        let Grouping {
            categories,
            products,
            product_of_group,
            names,
            copies,
        } = self;
        if let Some(&index) = row.group.as_ref().and_then(|g| product_of_group.get(g)) {
            let product: &mut Product = &mut products[index as usize];
            if row.variant.label().is_none() {
                report.issues.push(FeedIssue {
                    line: row.line,
                    id: row.variant.retailer_id.to_string(),
                    field: "size",
                    problem: FeedProblem::UnlabelledVariant(product.id().to_owned()),
                    row_skipped: false,
                });
            }
            product.variants.push(row.variant);
            return;
        }
        let category_id = slug(&row.category);
        if !categories.iter().any(|c| c.id == category_id) {
            categories.push(Category {
                id: category_id.clone(),
                name: row.category,
            });
        }
        if let Some(group) = &row.group {
            product_of_group.insert(group.clone(), products.len() as u32);
        }
        if products.len() == products.capacity() {
            // Grow by a quarter, not double: while a vector grows its old and new buffers are
            // both alive, and wasm memory keeps that peak for good.
            products.reserve_exact(products.len() / 4 + 256);
        }
        products.push(Product {
            group_id: row.group,
            title: row.title,
            description: row.description,
            brand: row.brand,
            category_id: shared(names, copies, category_id),
            subcategory: row.subcategory.map(|name| shared(names, copies, name)),
            link: row.link,
            variants: vec![row.variant],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::inr;
    use crate::catalog::Catalog;
    use crate::product::DESCRIPTION_SUMMARY;

    /// A feed read into a catalog, to look products up as the shop does.
    fn read(feed: &str) -> (Catalog, FeedReport) {
        Catalog::from_feed(feed.as_bytes(), inr()).unwrap()
    }

    fn issues(report: &FeedReport) -> Vec<String> {
        report.issues.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_a_meta_feed_with_bom_quotes_and_unknown_columns() {
        let feed = "\u{feff}id,title,description,availability,condition,price,sale_price,link,image_link,brand,product_type,custom_label_0\n\
            DM1,\"Premia Badam (Almonds), 500 gm\",\"Crunchy \"\"California\"\" almonds\",in stock,new,451.00 INR,329.00 INR,https://shop.example/badam,https://cdn.example/badam.jpg,Premia,Grocery > Dry Fruits,x\n\
            DM2,Chana Dal 1 kg,India,out of stock,new,96.00 INR,,,,,Grocery > Dals,y\n";
        let (catalog, report) = read(feed);
        assert_eq!(
            report.summary(),
            "2 rows: 2 loaded as 2 products in 1 categories, 0 skipped, 0 warnings"
        );
        let (product, variant) = catalog.variant("DM1").unwrap();
        assert_eq!(product.title, "Premia Badam (Almonds), 500 gm");
        assert_eq!(
            product.description.as_deref(),
            Some("Crunchy \"California\" almonds")
        );
        assert_eq!(&*product.category_id, "grocery");
        assert_eq!(product.subcategory.as_deref(), Some("Dry Fruits"));
        assert_eq!(product.link.as_deref(), Some("https://shop.example/badam"));
        assert_eq!(variant.unit_price().amount_string(), "329.00");
        assert_eq!(variant.images, ["https://cdn.example/badam.jpg"]);
        assert!(!catalog.variant("DM2").unwrap().1.can_order());
        assert_eq!(
            catalog.categories,
            [Category {
                id: "grocery".into(),
                name: "Grocery".into()
            }]
        );
    }

    #[test]
    fn a_rows_problem_names_the_line_it_starts_on_whatever_the_line_breaks() {
        // Windows line breaks and a blank line: the csv crate, read before, named an
        // earlier line for such a row.
        for feed in [
            "id,title,price\r\nA1,Rice,10.00 INR\r\n\r\nA2,Dal,12.50 USD\r\n",
            // Old Mac line breaks.
            "id,title,price\rA1,Rice,10.00 INR\r\rA2,Dal,12.50 USD\r",
        ] {
            let (_, report) = read(feed);
            assert_eq!(
                issues(&report),
                ["line 4 (id A2), price: the price is in USD but the shop sells in INR; row skipped"]
            );
        }
    }

    #[test]
    fn reads_a_google_tsv_feed_with_variants() {
        let feed = "id\ttitle\tprice\tavailability\titem_group_id\tsize\tcolor\tgoogle_product_category\tadditional_image_link\n\
            TS-M-BL\tCotton T-shirt\t499.00 INR\tin stock\tTS\tM\tBlue\tApparel > Shirts\thttps://cdn.example/a.jpg, https://cdn.example/b.jpg\n\
            TS-L-BL\tCotton T-shirt\t499.00 INR\tout of stock\tTS\tL\tBlue\tApparel > Shirts\t\n\
            TS-XL-RD\tCotton T-shirt\t549.00 INR\tpreorder\tTS\tXL\tRed\tApparel > Shirts\t\n";
        let (catalog, report) = read(feed);
        assert_eq!(
            report.summary(),
            "3 rows: 3 loaded as 1 products in 1 categories, 0 skipped, 0 warnings"
        );
        let shirt = catalog.product("TS").unwrap();
        let labels: Vec<_> = shirt.variants.iter().map(|v| v.label().unwrap()).collect();
        assert_eq!(labels, ["M, Blue", "L, Blue", "XL, Red"]);
        assert_eq!(shirt.variants[0].images.len(), 2);
        let (product, xl) = catalog.variant("TS-XL-RD").unwrap();
        assert_eq!(product.display_name(xl), "Cotton T-shirt (XL, Red)");
        assert!(xl.can_order(), "a preorder can be ordered");
        assert_eq!(catalog.variant_count(), 3);
    }

    #[test]
    fn google_net_contents_give_the_size_when_there_is_none() {
        let feed = "id,title,price,unit_pricing_measure,size
            OIL-1,Groundnut Oil,189.00 INR,750ml,
            TEA-1,Darjeeling Tea,320.00 INR,250g,Family pack 250 g
";
        let (catalog, _) = read(feed);
        let size = |id| catalog.variant(id).unwrap().1.size.clone();
        assert_eq!(size("OIL-1").as_deref(), Some("750ml"));
        assert_eq!(size("TEA-1").as_deref(), Some("Family pack 250 g"));
        let oil = catalog.variant("OIL-1").unwrap().1;
        let per_litre =
            crate::pack_size::unit_price(oil, crate::money::Rounding::default()).unwrap();
        assert_eq!(per_litre.price.amount_string(), "252.00");
    }

    #[test]
    fn bad_rows_are_skipped_and_bad_fields_dropped_with_reasons() {
        let long_title = "t".repeat(151);
        let feed = format!(
            "id,title,price,sale_price,availability,link,image_link,description\n\
            A1,Rice,10.00 INR,,in stock,,,\n\
            A1,Rice again,11.00 INR,,in stock,,,\n\
            A2,,12.00 INR,,in stock,,,\n\
            A3,{long_title},12.00 INR,,in stock,,,\n\
            A4,Oil,15,00 EUR,in stock,,,\n\
            A5,Ghee,NaN INR,,in stock,,,\n\
            A6,Dal,12.345 INR,,in stock,,,\n\
            A7,Tea,-5.00 INR,,in stock,,,\n\
            A8,Soap,9.99 USD,,in stock,,,\n\
            A9,Salt,20.00 INR,25.00 INR,sold out,,,\n\
            A10,Sugar,45.00 INR,50.00 INR,in stock,javascript:alert(1),data:image/png;base64,{long_desc}\n",
            long_desc = "d".repeat(5001),
        );
        let (catalog, report) = read(&feed);
        assert_eq!(
            issues(&report),
            [
                "line 3 (id A1), id: is the same as on line 2; row skipped",
                "line 4 (id A2), title: is missing; row skipped",
                "line 5 (id A3), title: is 151 characters long; at most 150 are allowed; row skipped",
                "line 6 (id A4), price: \"15\" is not a price with its currency, like \"249.50 INR\"; row skipped",
                "line 7 (id A5), price: \"NaN\" is not a price: write digits with an optional decimal point, like 249.50; row skipped",
                "line 8 (id A6), price: \"12.345\" has more decimals than INR allows (2); row skipped",
                "line 9 (id A7), price: \"-5.00\" is not a price: write digits with an optional decimal point, like 249.50; row skipped",
                "line 10 (id A8), price: the price is in USD but the shop sells in INR; row skipped",
                "line 11 (id A9), availability: \"sold out\" is not one of: in stock, out of stock, preorder, available for order, discontinued; row skipped",
                "line 12 (id A10), sale_price: 50.00 INR is not lower than the price and was ignored",
                "line 12 (id A10), description: is 5001 characters long; at most 5000 are allowed; shortened",
                "line 12 (id A10), link: \"javascript:alert(1)\" is not an https:// link and was left out",
                "line 12 (id A10), image_link: \"data:image/png;base64\" is not an https:// link and was left out",
            ]
        );
        assert_eq!(
            report.summary(),
            "11 rows: 2 loaded as 2 products in 1 categories, 9 skipped, 4 warnings"
        );
        let (sugar, variant) = catalog.variant("A10").unwrap();
        assert_eq!(sugar.link, None);
        assert!(variant.images.is_empty());
        assert_eq!(variant.sale_price, None);
        // Kept as a summary: a chat shows a few lines; the product's link has the rest.
        assert!(sugar.description.as_ref().unwrap().chars().count() <= DESCRIPTION_SUMMARY + 1);
        assert_eq!(&*sugar.category_id, "other");
    }

    #[test]
    fn blank_lines_before_the_header_are_skipped_and_counted() {
        for feed in [
            "\n\r\nid\ttitle\tprice\nA1\tRice\t10.00 INR\nA2\tDal\t12.50 USD\n",
            "\u{feff}\n  \nid\ttitle\tprice\nA1\tRice\t10.00 INR\nA2\tDal\t12.50 USD\n",
            // A blank line of tabs is not what tells a feed's delimiter.
            "\t\t\n\nid,title,price\nA1,Rice,10.00 INR\nA2,Dal,12.50 USD\n",
        ] {
            let (catalog, report) = read(feed);
            assert_eq!(catalog.variant("A1").unwrap().0.title, "Rice");
            assert_eq!(
                issues(&report),
                ["line 5 (id A2), price: the price is in USD but the shop sells in INR; row skipped"]
            );
        }
        let (catalog, _) =
            Catalog::load("\n\nid,title,price\nA1,Rice,10.00 INR\n".as_bytes(), inr()).unwrap();
        assert_eq!(
            catalog.variant("A1").unwrap().0.title,
            "Rice",
            "as the shop loads it"
        );
        assert_eq!(
            read_feed(&b"\n \r\n\t\n"[..], inr()).unwrap_err(),
            FeedError::Empty
        );
        assert_eq!(
            read_feed(&b"\xEF\xBB\xBF"[..], inr()).unwrap_err(),
            FeedError::Empty
        );
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(read_feed(&b""[..], inr()).unwrap_err(), FeedError::Empty);
        assert_eq!(
            read_feed(&b"sku,name,cost\n1,Rice,10 INR\n"[..], inr())
                .unwrap_err()
                .to_string(),
            "the feed has no id, title, price column (its header row is: sku, name, cost)"
        );
        let nothing = read_feed(&b"id,title,price\n1,,10 INR\n"[..], inr()).unwrap_err();
        assert_eq!(
            nothing.to_string(),
            "no row of the feed could be used (1 rows: 0 loaded as 0 products in 0 categories, 1 skipped, 0 warnings)"
        );
        let (_, report) = read("id,title,price\n1,Rice,10 INR\n");
        assert_eq!(report.notes, [FeedNote::NoAvailabilityColumn]);
        assert_eq!(
            report.notes[0].to_string(),
            "no availability column: every product is taken to be in stock"
        );
    }

    #[test]
    fn invalid_utf8_and_broken_quotes_do_not_stop_what_came_before() {
        let mut feed = b"id,title,price\n1,Rice,10 INR\n2,".to_vec();
        feed.extend_from_slice(&[0xff, 0xfe]);
        feed.extend_from_slice(b",11 INR\n3,\"Dal,12 INR\n");
        let (catalog, report) = Catalog::from_feed(feed.as_slice(), inr()).unwrap();
        assert_eq!(catalog.variant_count(), 1);
        assert_eq!(
            issues(&report),
            [
                "line 3 (id 2), title: is not valid UTF-8 text and was left out",
                "line 3 (id 2), title: is missing; row skipped",
                "line 4: a quote opens here and is never closed: the rest of the line was read as one value",
                "line 4 (id 3), price: is missing; row skipped",
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_names_its_line_and_the_lines_it_swallowed() {
        let feed = "id,title,price,availability\n\
            A1,Rice,10.00 INR,in stock\n\
            A2,\"Dal 1 kg,95.00 INR,in stock\n\
            A3,Oil,150.00 INR,in stock\n\
            A4,Tea,120.00 INR,in stock\n\
            A5,Salt,20.00 INR,in stock\n";
        let (catalog, report) = read(feed);
        assert_eq!(
            issues(&report),
            [
                "line 3: a quote opens here and is never closed: lines 3 to 6, the rest of the file, were read as one value",
                "line 3 (id A2), price: is missing; row skipped",
            ]
        );
        assert_eq!(catalog.variant_count(), 1);
        // Without a line break at the end, and in a TSV feed, the same.
        let tsv =
            "id\ttitle\tprice\nA1\tRice\t10.00 INR\nA2\t\"Dal\t95.00 INR\nA3\tOil\t150.00 INR";
        let (_, report) = read(tsv);
        assert_eq!(
            issues(&report)[0],
            "line 3: a quote opens here and is never closed: lines 3 to 4, the rest of the file, were read as one value"
        );
    }

    #[test]
    fn a_quote_closed_rows_later_inside_a_value_names_the_lines_it_swallowed() {
        let feed = "id,title,description,price,availability\n\
            A1,Rice,\"Long grain\",10.00 INR,in stock\n\
            A2,Dal,\"Yellow \"\"toor\"\" dal,95.00 INR,in stock\n\
            A3,Oil,Cold pressed,150.00 INR,in stock\n\
            A4,Ghee,\"Pure\",450.00 INR,in stock\n\
            A5,Tea,Assam,120.00 INR,in stock\n";
        let (catalog, report) = read(feed);
        assert_eq!(
            issues(&report),
            ["line 3: a quote opens here and closes on line 5, inside a value: lines 3 to 5 were read as one value"]
        );
        assert!(catalog.variant("A3").is_none() && catalog.variant("A5").is_some());
        // Quotes that close where a value ends are CSV's own, over lines too; a quote
        // inside a value that does not start with one is a character like any other.
        let fine = "id,title,description,price\n\
            A1,Rice,\"Long grain,\nfrom Punjab; \"\"basmati\"\"\",10.00 INR\n\
            A2,Pizza 12\" box,Flat,95.00 INR\n\
            A3,\"Oil\",\"\",150.00 INR\n";
        let (catalog, report) = read(fine);
        assert_eq!(issues(&report), Vec::<String>::new());
        assert_eq!(catalog.variant_count(), 3);
        assert_eq!(catalog.variant("A2").unwrap().0.title, "Pizza 12\" box");
    }
}
