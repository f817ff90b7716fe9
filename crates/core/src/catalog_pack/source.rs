//! A pack as a catalog source: the manifest answers at once, everything else once the
//! piece holding it has arrived.

use super::format::{
    bucket_of, is_content_of, page_name, read_page, read_posting_line, CategoryEntry, Ids,
    Manifest, PackError, Places, PostingsEntry,
};
use crate::catalog::{Catalog, Category, LoadError, Product, Variant};
use crate::money::Currency;
use crate::search::{search, Posting, Scratch, SearchResult, Vocabulary};
use crate::source::{CatalogSource, Lookup, Missing, Piece, ProductIndex};

/// Rewrites a page's image links as the pack's host serves them.
pub type LinkResolver = Box<dyn Fn(&str) -> String + Send + Sync>;

pub struct PackSource {
    store_name: Option<String>,
    currency: Currency,
    catalog_version: String,
    products: u32,
    page_size: u32,
    table_size: u32,
    runs: Vec<CategoryEntry>,
    categories: Vec<Category>,
    vocabulary_file: String,
    vocabulary: Option<Vocabulary>,
    postings_files: Vec<PostingsEntry>,
    postings: Vec<Option<Vec<Vec<Posting>>>>,
    table_files: Vec<String>,
    tables: Vec<Option<Vec<String>>>,
    /// By page number.
    pages: Vec<Option<Vec<Product>>>,
    /// Where the variants of the pages here are, by retailer id: what is on screen is
    /// found without its ids bucket.
    on_pages: Places,
    id_files: Vec<String>,
    ids: Vec<Option<Ids>>,
    links: Option<LinkResolver>,
    scratch: Scratch,
}

impl PackSource {
    /// Opens a pack from its manifest; the shop's prices must be in `shop_currency`.
    pub fn open(manifest: &[u8], shop_currency: Currency) -> Result<Self, LoadError> {
        let invalid = |reason: String| LoadError::Pack(PackError::Manifest(reason));
        let manifest = Manifest::read(manifest).map_err(LoadError::Pack)?;
        let currency = Currency::from_code(&manifest.currency)
            .map_err(|e| invalid(format!("its \"currency\": {e}")))?;
        if currency != shop_currency {
            return Err(LoadError::Pack(PackError::CurrencyMismatch {
                pack: currency.code(),
                shop: shop_currency.code(),
            }));
        }
        check_sizes(&manifest).map_err(invalid)?;
        let categories = manifest
            .categories
            .iter()
            .map(|c| Category {
                id: c.id.clone(),
                name: c.name.clone(),
            })
            .collect();
        Ok(PackSource {
            store_name: manifest.store_name,
            currency,
            catalog_version: manifest.catalog_version,
            products: manifest.products,
            page_size: manifest.page_size,
            table_size: manifest.table_size,
            runs: manifest.categories,
            categories,
            vocabulary_file: manifest.vocabulary,
            vocabulary: None,
            postings: vec![None; manifest.postings.len()],
            postings_files: manifest.postings,
            tables: vec![None; manifest.page_tables.len()],
            table_files: manifest.page_tables,
            pages: vec![None; manifest.products.div_ceil(manifest.page_size) as usize],
            on_pages: Places::default(),
            ids: vec![None; manifest.ids.len()],
            id_files: manifest.ids,
            links: None,
            scratch: Scratch::default(),
        })
    }

    /// Image links on pages are rewritten by `links` as pages arrive.
    pub fn with_links(mut self, links: LinkResolver) -> Self {
        self.links = Some(links);
        self
    }

    fn vocabulary(&self) -> Lookup<&Vocabulary> {
        self.vocabulary
            .as_ref()
            .ok_or_else(|| Missing::piece(Piece(self.vocabulary_file.clone())))
    }

    fn postings_of(&self, word: usize) -> Lookup<&[Posting]> {
        let file = self
            .postings_files
            .partition_point(|entry| entry.from as usize <= word)
            .saturating_sub(1);
        let Some(entry) = self.postings_files.get(file) else {
            return Ok(&[]);
        };
        match &self.postings[file] {
            Some(lists) => Ok(lists
                .get(word - entry.from as usize)
                .map_or(&[], Vec::as_slice)),
            None => Err(Missing::piece(Piece(entry.file.clone()))),
        }
    }

    /// Reads every piece with `read` (a pack's folder on disk, say) into a whole catalog.
    pub fn into_catalog(
        mut self,
        read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Catalog, LoadError> {
        // The tables through `add_piece`; the pages by number, as the tables give them.
        let fetch = |source: &mut Self, piece: Piece| {
            let bytes = read(&piece.0).map_err(|reason| {
                LoadError::Pack(PackError::Unreadable {
                    piece: piece.0.clone(),
                    reason,
                })
            })?;
            source.add_piece(&piece, &bytes)
        };
        for table in self.table_files.clone() {
            fetch(&mut self, Piece(table))?;
        }
        let names: Vec<String> = self.tables.iter().flatten().flatten().cloned().collect();
        for (number, name) in names.into_iter().enumerate() {
            let bytes = read(&name).map_err(|reason| PackError::Unreadable {
                piece: name.clone(),
                reason,
            });
            let bytes = bytes.map_err(LoadError::Pack)?;
            if !is_content_of(&name, &bytes) {
                return Err(LoadError::Pack(PackError::NotItsContent(name)));
            }
            self.take_page(&name, number as u32, &bytes)
                .map_err(LoadError::Pack)?;
        }
        let products: Vec<Product> = std::mem::take(&mut self.pages)
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        if products.len() != self.products as usize {
            return Err(LoadError::Pack(PackError::Manifest(format!(
                "it names {} products; its pages hold {}",
                self.products,
                products.len()
            ))));
        }
        Ok(Catalog::new(
            self.catalog_version,
            self.store_name,
            self.currency,
            self.categories,
            products,
        ))
    }

    /// The number of the page with this file name, among the tables here.
    fn page_number(&self, name: &str) -> Option<u32> {
        self.tables.iter().enumerate().find_map(|(table, names)| {
            let offset = names.as_ref()?.iter().position(|n| n == name)?;
            Some(table as u32 * self.table_size + offset as u32)
        })
    }

    fn take_in(&mut self, name: &str, bytes: &[u8]) -> Result<(), PackError> {
        let unreadable = |reason: &str| PackError::Unreadable {
            piece: name.to_owned(),
            reason: reason.to_owned(),
        };
        let text = || std::str::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text"));
        if name == self.vocabulary_file {
            let words = text()?.split('\n').map(str::to_owned).collect();
            self.vocabulary = Some(Vocabulary::new(words));
        } else if let Some(at) = self.postings_files.iter().position(|e| e.file == name) {
            let lists = text()?
                .split('\n')
                .map(read_posting_line)
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| unreadable("a line of postings is not as packs write them"))?;
            self.postings[at] = Some(lists);
        } else if let Some(at) = self.table_files.iter().position(|file| file == name) {
            self.tables[at] = Some(text()?.split('\n').map(page_name).collect());
        } else if let Some(at) = self.id_files.iter().position(|file| file == name) {
            let ids = Ids::read(text()?)
                .ok_or_else(|| unreadable("a line is not a kind, an id and a place"))?;
            self.ids[at] = Some(ids);
        } else if let Some(number) = self.page_number(name) {
            self.take_page(name, number, bytes)?;
        } else {
            return Err(PackError::Unknown(name.to_owned()));
        }
        Ok(())
    }

    /// Takes in page `number`, read from the file `name`.
    fn take_page(&mut self, name: &str, number: u32, bytes: &[u8]) -> Result<(), PackError> {
        // A page that came twice (asked for again while on its way) is taken in once: its
        // content is its name's.
        if self.pages.get(number as usize).is_some_and(Option::is_some) {
            return Ok(());
        }
        let mut products = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| read_page(text, self.currency))
            .ok_or_else(|| PackError::Unreadable {
                piece: name.to_owned(),
                reason: "a product is not as packs write them".to_owned(),
            })?;
        if let Some(links) = &self.links {
            for image in products
                .iter_mut()
                .flat_map(|p| &mut p.variants)
                .flat_map(|v| &mut v.images)
            {
                *image = links(image);
            }
        }
        let first = number * self.page_size;
        for (offset, product) in products.iter().enumerate() {
            for variant in &product.variants {
                let place = first + offset as u32;
                self.on_pages.add(variant.retailer_id.to_string(), place);
            }
        }
        if let Some(page) = self.pages.get_mut(number as usize) {
            *page = Some(products);
        }
        Ok(())
    }

    /// The ids bucket `id` is in, once it is here.
    fn ids_of(&self, id: &str) -> Lookup<&Ids> {
        let bucket = bucket_of(id, self.id_files.len());
        self.ids[bucket]
            .as_ref()
            .ok_or_else(|| Missing::piece(Piece(self.id_files[bucket].clone())))
    }

    /// Where the variant with this retailer id is.
    fn place_of_variant(&self, retailer_id: &str) -> Lookup<Option<ProductIndex>> {
        if let Some(place) = self.on_pages.get(retailer_id) {
            return Ok(Some(ProductIndex(place)));
        }
        Ok(self
            .ids_of(retailer_id)?
            .variants
            .get(retailer_id)
            .map(ProductIndex))
    }
}

/// The places of a run of products.
fn run(start: u32, count: u32) -> Vec<ProductIndex> {
    (start..start.saturating_add(count))
        .map(ProductIndex)
        .collect()
}

/// Most products a pack may hold: bounds what a manifest can make the shop allocate.
const MOST_PRODUCTS: u32 = 10_000_000;

/// Whether the manifest's sizes and runs fit together, so no lookup reads past them.
fn check_sizes(manifest: &Manifest) -> Result<(), String> {
    let products = manifest.products;
    if manifest.page_size == 0 || manifest.table_size == 0 || manifest.ids.is_empty() {
        return Err("its page, table or id sizes are zero".into());
    }
    if products > MOST_PRODUCTS {
        return Err(format!(
            "it names {products} products; at most {MOST_PRODUCTS} are read"
        ));
    }
    let pages = products.div_ceil(manifest.page_size);
    if manifest.page_tables.len() != pages.div_ceil(manifest.table_size) as usize {
        return Err("its page tables do not cover its pages".into());
    }
    let starts: Vec<u32> = manifest.postings.iter().map(|e| e.from).collect();
    if starts.first().is_some_and(|&first| first != 0) || starts.windows(2).any(|w| w[0] >= w[1]) {
        return Err("its postings files do not follow the vocabulary".into());
    }
    let within =
        |start: u32, count: u32, end: u32| start.checked_add(count).is_some_and(|e| e <= end);
    for category in &manifest.categories {
        let end = category.start.saturating_add(category.count);
        let subcategories_fit = category
            .subcategories
            .iter()
            .all(|sub| sub.start >= category.start && within(sub.start, sub.count, end));
        if !within(category.start, category.count, products) || !subcategories_fit {
            return Err(format!(
                "category \"{}\" reaches past its products",
                category.id
            ));
        }
    }
    Ok(())
}

impl CatalogSource for PackSource {
    fn store_name(&self) -> Option<&str> {
        self.store_name.as_deref()
    }

    fn currency(&self) -> Currency {
        self.currency
    }

    fn version(&self) -> &str {
        &self.catalog_version
    }

    fn categories(&self) -> Lookup<&[Category]> {
        Ok(&self.categories)
    }

    fn subcategories(&self, category_id: &str) -> Lookup<Vec<String>> {
        Ok(self
            .runs
            .iter()
            .filter(|run| run.id == category_id)
            .flat_map(|run| &run.subcategories)
            .map(|sub| sub.name.clone())
            .collect())
    }

    fn products_in(
        &self,
        category_id: &str,
        subcategory: Option<&str>,
    ) -> Lookup<Vec<ProductIndex>> {
        let Some(category) = self.runs.iter().find(|run| run.id == category_id) else {
            return Ok(Vec::new());
        };
        Ok(match subcategory {
            None => run(category.start, category.count),
            Some(name) => category
                .subcategories
                .iter()
                .filter(|sub| sub.name == name)
                .flat_map(|sub| run(sub.start, sub.count))
                .collect(),
        })
    }

    fn subcategory_named(
        &self,
        text: &str,
        fold: &dyn Fn(&str) -> String,
    ) -> Lookup<Option<(String, String)>> {
        Ok(self.runs.iter().find_map(|run| {
            let sub = run
                .subcategories
                .iter()
                .find(|sub| fold(&sub.name) == text)?;
            Some((run.id.clone(), sub.name.clone()))
        }))
    }

    fn search(&self, query: &str) -> Lookup<SearchResult> {
        search(
            self.vocabulary()?,
            &|word| self.postings_of(word),
            self.products as usize,
            &self.scratch,
            query,
        )
    }

    fn product_at(&self, at: ProductIndex) -> Lookup<Option<&Product>> {
        if at.0 >= self.products {
            return Ok(None);
        }
        let page = at.0 / self.page_size;
        let table = (page / self.table_size) as usize;
        let Some(file) = self.table_files.get(table) else {
            return Ok(None);
        };
        let Some(names) = &self.tables[table] else {
            return Err(Missing::piece(Piece(file.clone())));
        };
        match self.pages.get(page as usize).and_then(Option::as_ref) {
            Some(products) => Ok(products.get((at.0 % self.page_size) as usize)),
            None => match names.get((page % self.table_size) as usize) {
                Some(name) => Err(Missing::piece(Piece(name.clone()))),
                None => Ok(None),
            },
        }
    }

    fn product(&self, id: &str) -> Lookup<Option<&Product>> {
        let Some(at) = self.ids_of(id)?.products.get(id) else {
            return Ok(None);
        };
        self.product_at(ProductIndex(at))
    }

    fn variant(&self, retailer_id: &str) -> Lookup<Option<(&Product, &Variant)>> {
        let Some(at) = self.place_of_variant(retailer_id)? else {
            return Ok(None);
        };
        Ok(self.product_at(at)?.and_then(|product| {
            let variant = product
                .variants
                .iter()
                .find(|v| v.retailer_id == retailer_id)?;
            Some((product, variant))
        }))
    }

    /// A retailer id first, then a product id, as the catalog read whole looks.
    fn place_of(&self, id: &str) -> Lookup<Option<ProductIndex>> {
        match self.place_of_variant(id)? {
            Some(place) => Ok(Some(place)),
            None => Ok(self.ids_of(id)?.products.get(id).map(ProductIndex)),
        }
    }

    fn arrives_in_pieces(&self) -> bool {
        true
    }

    /// The search vocabulary, which every search needs.
    fn early_pieces(&self) -> Vec<Piece> {
        vec![Piece(self.vocabulary_file.clone())]
    }

    /// A piece is taken only if its content is what its name says: a damaged piece, or
    /// one of another version of the pack, is refused.
    fn add_piece(&mut self, piece: &Piece, bytes: &[u8]) -> Result<(), LoadError> {
        if !is_content_of(&piece.0, bytes) {
            return Err(LoadError::Pack(PackError::NotItsContent(piece.0.clone())));
        }
        self.take_in(&piece.0, bytes).map_err(LoadError::Pack)
    }
}
