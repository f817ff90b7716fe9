//! The catalog as a source the shop asks, not a value it holds. A whole catalog read into
//! memory answers every question at once; a catalog that arrives in pieces answers what
//! it has and names the piece to fetch for the rest, and the shop asks again once the
//! piece is in.

use thiserror::Error;

use crate::catalog::{Catalog, Category, LoadError, Product, Variant};
use crate::money::Currency;

/// A part of the catalog the source must have before it can answer: for a whole
/// catalog its URL, for a pack one of its files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Piece(pub String);

/// Why a source cannot answer yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Missing {
    /// Nothing of the catalog is here: it is still loading, or it failed.
    #[error("the catalog has not arrived")]
    Catalog,
    /// This piece must be fetched first.
    #[error("the catalog's piece {} has not arrived", .0.0)]
    Piece(Piece),
}

/// An answer, or what has to arrive before there can be one.
pub type Lookup<T> = Result<T, Missing>;

/// Products matching a query, best first, with their scores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found<'a> {
    pub products: Vec<(&'a Product, u32)>,
    /// No product matched every word; these match some of them.
    pub partial: bool,
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
    /// Ids of a category's products, or of one of its subcategories.
    fn products_in(&self, category_id: &str, subcategory: Option<&str>) -> Lookup<Vec<String>>;
    /// The category and subcategory whose name, folded as `fold` does, is `text`.
    fn subcategory_named(
        &self,
        text: &str,
        fold: &dyn Fn(&str) -> String,
    ) -> Lookup<Option<(String, String)>>;
    fn search(&self, query: &str) -> Lookup<Found<'_>>;
    fn product(&self, id: &str) -> Lookup<Option<&Product>>;
    /// The product and variant a retailer id names.
    fn variant(&self, retailer_id: &str) -> Lookup<Option<(&Product, &Variant)>>;
    /// Takes in a piece this source asked for, as fetched.
    fn add_piece(&mut self, piece: &Piece, bytes: &[u8]) -> Result<(), LoadError>;
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

    fn products_in(&self, category_id: &str, subcategory: Option<&str>) -> Lookup<Vec<String>> {
        Ok(Catalog::products_in(self, category_id)
            .filter(|p| subcategory.is_none() || p.subcategory.as_deref() == subcategory)
            .map(|p| p.id().to_owned())
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

    fn search(&self, query: &str) -> Lookup<Found<'_>> {
        let result = Catalog::search(self, query);
        Ok(Found {
            products: result
                .hits
                .iter()
                .map(|hit| (&self.products[hit.product], hit.score))
                .collect(),
            partial: result.partial,
        })
    }

    fn product(&self, id: &str) -> Lookup<Option<&Product>> {
        Ok(Catalog::product(self, id))
    }

    fn variant(&self, retailer_id: &str) -> Lookup<Option<(&Product, &Variant)>> {
        Ok(Catalog::variant(self, retailer_id))
    }

    /// A catalog read whole never asks for a piece.
    fn add_piece(&mut self, _: &Piece, _: &[u8]) -> Result<(), LoadError> {
        Ok(())
    }
}
