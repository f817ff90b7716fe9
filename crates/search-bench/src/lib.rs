//! Exposes the real feed reader, index and search to a benchmark page (scripts/bench-search.mjs),
//! which times them with the page's clock, with and without CPU throttling.

use chatcart_core::catalog::Catalog;
use chatcart_core::money::Currency;
use chatcart_core::search::SearchIndex;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct SearchBench {
    catalog: Catalog,
}

#[wasm_bindgen]
impl SearchBench {
    /// Reads a feed (or JSON catalog) and builds its search index, as the widget does.
    #[wasm_bindgen(constructor)]
    pub fn new(feed: &[u8]) -> Result<SearchBench, JsError> {
        let currency = Currency::from_code("INR").map_err(|e| JsError::new(&e.to_string()))?;
        let (catalog, _) =
            Catalog::load(feed, currency).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(SearchBench { catalog })
    }

    /// Builds the search index once more on its own (and drops it), so its time can be
    /// told apart from reading the feed.
    pub fn rebuild_index(&self) -> usize {
        SearchIndex::build(&self.catalog.products, &self.catalog.categories).len()
    }

    pub fn products(&self) -> usize {
        self.catalog.products.len()
    }

    /// Runs one search; returns how many products matched.
    pub fn search(&self, query: &str) -> usize {
        self.catalog.search(query).hits.len()
    }
}
