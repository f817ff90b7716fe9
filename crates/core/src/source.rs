//! The catalog as a source the shop asks, not a value it holds. A whole catalog read into
//! memory answers every question at once; a catalog that arrives in pieces (a pack)
//! answers what it has and names the pieces to fetch for the rest, and the shop asks
//! again once they are in.

use thiserror::Error;

use crate::catalog::{Catalog, Category, LoadError, Product, Variant};
use crate::money::Currency;
use crate::search::SearchResult;

/// A part of the catalog the source must have before it can answer: one of a pack's
/// files, by its path from the pack's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Piece(pub String);

/// A product's place among its catalog's products. Catalogs keep each category's
/// products together, so a category is a run of places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProductIndex(pub u32);

/// Why a source cannot answer yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Missing {
    /// Nothing of the catalog is here: it is still loading, or it failed.
    #[error("the catalog has not arrived")]
    Catalog,
    /// These pieces (never none) must be fetched first.
    #[error("{} of the catalog's pieces have not arrived", .0.len())]
    Pieces(Vec<Piece>),
}

impl Missing {
    pub fn piece(piece: Piece) -> Self {
        Missing::Pieces(vec![piece])
    }
}

/// An answer, or what has to arrive before there can be one.
pub type Lookup<T> = Result<T, Missing>;

/// What several lookups wait for together, so that their pieces are fetched at once
/// rather than one after another.
#[derive(Debug, Default)]
pub struct Awaited(Option<Missing>);

impl Awaited {
    /// The answer of `lookup`, or `None` having noted what it waits for.
    pub fn take<T>(&mut self, lookup: Lookup<T>) -> Option<T> {
        match lookup {
            Ok(answer) => Some(answer),
            Err(missing) => {
                self.add(missing);
                None
            }
        }
    }

    fn add(&mut self, missing: Missing) {
        self.0 = Some(match (self.0.take(), missing) {
            (None, missing) => missing,
            (Some(Missing::Catalog), _) | (_, Missing::Catalog) => Missing::Catalog,
            (Some(Missing::Pieces(mut pieces)), Missing::Pieces(more)) => {
                for piece in more {
                    if !pieces.contains(&piece) {
                        pieces.push(piece);
                    }
                }
                Missing::Pieces(pieces)
            }
        });
    }

    /// Everything waited for, if anything was.
    pub fn done(self) -> Lookup<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// Everything the shop asks of its catalog.
pub trait CatalogSource {
    /// The name the catalog gives the store, if any.
    fn store_name(&self) -> Option<&str>;
    fn currency(&self) -> Currency;
    /// Fingerprint of what the catalog was read from; orders record it.
    fn version(&self) -> &str;
    fn categories(&self) -> Lookup<&[Category]>;
    /// A category's subcategories, in the order the catalog first names them.
    fn subcategories(&self, category_id: &str) -> Lookup<Vec<String>>;
    /// A category's products, or one of its subcategories', in catalog order.
    fn products_in(
        &self,
        category_id: &str,
        subcategory: Option<&str>,
    ) -> Lookup<Vec<ProductIndex>>;
    /// The category and subcategory whose name, folded as `fold` does, is `text`.
    fn subcategory_named(
        &self,
        text: &str,
        fold: &dyn Fn(&str) -> String,
    ) -> Lookup<Option<(String, String)>>;
    /// Products matching a query, best first (see `search`); hits are catalog places.
    fn search(&self, query: &str) -> Lookup<SearchResult>;
    /// The product at a place.
    fn product_at(&self, at: ProductIndex) -> Lookup<Option<&Product>>;
    /// The product with this id.
    fn product(&self, id: &str) -> Lookup<Option<&Product>>;
    /// Where the product with this retailer id or product id is.
    fn place_of(&self, id: &str) -> Lookup<Option<ProductIndex>>;
    /// The product and variant a retailer id names.
    fn variant(&self, retailer_id: &str) -> Lookup<Option<(&Product, &Variant)>>;
    /// Takes in a piece this source asked for, as fetched.
    fn add_piece(&mut self, piece: &Piece, bytes: &[u8]) -> Result<(), LoadError>;
    /// Whether answers may wait for pieces: then it pays to fetch ahead.
    fn arrives_in_pieces(&self) -> bool {
        false
    }
    /// Pieces worth fetching before anyone asks.
    fn early_pieces(&self) -> Vec<Piece> {
        Vec::new()
    }
}

/// The products at `places`, in order, asking for every missing piece at once.
pub fn products_at(
    source: &dyn CatalogSource,
    places: impl IntoIterator<Item = ProductIndex>,
) -> Lookup<Vec<&Product>> {
    let mut awaited = Awaited::default();
    let products: Vec<&Product> = places
        .into_iter()
        .filter_map(|at| awaited.take(source.product_at(at)).flatten())
        .collect();
    awaited.done()?;
    Ok(products)
}

impl CatalogSource for Catalog {
    fn store_name(&self) -> Option<&str> {
        self.store_name.as_deref()
    }

    fn currency(&self) -> Currency {
        self.currency
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn categories(&self) -> Lookup<&[Category]> {
        Ok(&self.categories)
    }

    fn subcategories(&self, category_id: &str) -> Lookup<Vec<String>> {
        Ok(Catalog::subcategories(self, category_id))
    }

    fn products_in(
        &self,
        category_id: &str,
        subcategory: Option<&str>,
    ) -> Lookup<Vec<ProductIndex>> {
        Ok(self
            .products
            .iter()
            .enumerate()
            .filter(|(_, p)| &*p.category_id == category_id)
            .filter(|(_, p)| subcategory.is_none() || p.subcategory.as_deref() == subcategory)
            .map(|(at, _)| ProductIndex(at as u32))
            .collect())
    }

    fn subcategory_named(
        &self,
        text: &str,
        fold: &dyn Fn(&str) -> String,
    ) -> Lookup<Option<(String, String)>> {
        Ok(self.products.iter().find_map(|p| {
            let name = p.subcategory.as_deref()?;
            (fold(name) == text).then(|| (p.category_id.to_string(), name.to_owned()))
        }))
    }

    fn search(&self, query: &str) -> Lookup<SearchResult> {
        Ok(Catalog::search(self, query))
    }

    fn product_at(&self, at: ProductIndex) -> Lookup<Option<&Product>> {
        Ok(self.products.get(at.0 as usize))
    }

    fn product(&self, id: &str) -> Lookup<Option<&Product>> {
        Ok(Catalog::product(self, id))
    }

    fn variant(&self, retailer_id: &str) -> Lookup<Option<(&Product, &Variant)>> {
        Ok(Catalog::variant(self, retailer_id))
    }

    fn place_of(&self, id: &str) -> Lookup<Option<ProductIndex>> {
        Ok(Catalog::place_of(self, id))
    }

    /// A catalog read whole never asks for a piece.
    fn add_piece(&mut self, _: &Piece, _: &[u8]) -> Result<(), LoadError> {
        Ok(())
    }
}
