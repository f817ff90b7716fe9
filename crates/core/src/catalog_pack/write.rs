//! Writing a catalog as a pack.

use super::format::{
    bucket_of, content_name, hash_of, page_text, posting_line, CategoryEntry, Ids, Manifest,
    PostingsEntry, SubcategoryEntry, MANIFEST, PACK_FORMAT, PACK_VERSION,
};
use super::{BUCKET_IDS, PAGE_SIZE, POSTINGS_BYTES, TABLE_SIZE};
use crate::catalog::Catalog;
use crate::search::SearchIndex;

/// A pack's files, by their paths in its folder; the manifest comes last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Pack {
    fn add(&mut self, folder: &str, stem: &str, extension: &str, bytes: Vec<u8>) -> String {
        let name = content_name(folder, stem, extension, &bytes);
        self.files.push((name.clone(), bytes));
        name
    }
}

/// The pack of `catalog`.
pub fn pack(catalog: &Catalog) -> Pack {
    let mut pack = Pack { files: Vec::new() };
    let index = SearchIndex::build(&catalog.products, &catalog.categories);
    let words = index.vocabulary().words();
    let vocabulary = pack.add("index", "words", "txt", words.join("\n").into_bytes());
    let postings = write_postings(&mut pack, &index);
    let page_tables = write_pages(&mut pack, catalog);
    let ids = write_ids(&mut pack, catalog);
    let manifest = Manifest {
        format: PACK_FORMAT.to_owned(),
        version: PACK_VERSION,
        catalog_version: catalog.version.clone(),
        store_name: catalog.store_name.clone(),
        currency: catalog.currency.code().to_owned(),
        products: catalog.products.len() as u32,
        page_size: PAGE_SIZE as u32,
        categories: categories(catalog),
        vocabulary,
        postings,
        page_tables,
        table_size: TABLE_SIZE as u32,
        ids,
    };
    let json = serde_json::to_vec(&manifest).unwrap_or_default();
    pack.files.push((MANIFEST.to_owned(), json));
    pack
}

/// Each category's run of products, and its subcategories' runs within it.
fn categories(catalog: &Catalog) -> Vec<CategoryEntry> {
    let mut entries: Vec<CategoryEntry> = catalog
        .categories
        .iter()
        .map(|c| CategoryEntry {
            id: c.id.clone(),
            name: c.name.clone(),
            start: 0,
            count: 0,
            subcategories: Vec::new(),
        })
        .collect();
    for (at, product) in catalog.products.iter().enumerate() {
        let at = at as u32;
        let Some(entry) = entries.iter_mut().find(|e| *e.id == *product.category_id) else {
            continue;
        };
        if entry.count == 0 {
            entry.start = at;
        }
        entry.count += 1;
        if let Some(name) = product.subcategory.as_deref() {
            match entry.subcategories.last_mut() {
                Some(last) if last.name == name => last.count += 1,
                _ => entry.subcategories.push(SubcategoryEntry {
                    name: name.to_owned(),
                    start: at,
                    count: 1,
                }),
            }
        }
    }
    entries
}

/// The postings, one line per word, in files of about `POSTINGS_BYTES`.
fn write_postings(pack: &mut Pack, index: &SearchIndex) -> Vec<PostingsEntry> {
    let mut entries = Vec::new();
    let mut text = String::new();
    let mut from = 0;
    for (word, postings) in index.postings().iter().enumerate() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&posting_line(postings));
        if text.len() >= POSTINGS_BYTES || word + 1 == index.postings().len() {
            let file = pack.add("index", "postings", "txt", std::mem::take(&mut text).into());
            entries.push(PostingsEntry {
                from: from as u32,
                file,
            });
            from = word + 1;
        }
    }
    entries
}

/// Product pages and the tables naming them.
fn write_pages(pack: &mut Pack, catalog: &Catalog) -> Vec<String> {
    let pages: Vec<String> = catalog
        .products
        .chunks(PAGE_SIZE)
        .map(|products| pack.add("pages", "", "txt", page_text(products).into_bytes()))
        .collect();
    pages
        .chunks(TABLE_SIZE)
        .map(|names| {
            let hashes: Vec<&str> = names.iter().map(|name| hash_of(name)).collect();
            pack.add("pages", "table", "txt", hashes.join("\n").into_bytes())
        })
        .collect()
}

/// Where each product id and retailer id is, in buckets.
fn write_ids(pack: &mut Pack, catalog: &Catalog) -> Vec<String> {
    let count = catalog.products.len() + catalog.variant_count();
    let buckets = count.div_ceil(BUCKET_IDS).max(1);
    let mut lines: Vec<String> = vec![String::new(); buckets];
    for (at, product) in catalog.products.iter().enumerate() {
        let id = product.id();
        Ids::line(&mut lines[bucket_of(id, buckets)], true, id, at);
        for variant in &product.variants {
            let id = &variant.retailer_id;
            Ids::line(&mut lines[bucket_of(id, buckets)], false, id, at);
        }
    }
    lines
        .into_iter()
        .map(|text| pack.add("ids", "", "txt", text.into_bytes()))
        .collect()
}
