//! What several test files share: the real DMart feed, and a pack served from memory.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use chatcart_core::catalog::Catalog;
use chatcart_core::catalog_pack::{pack, PackSource, MANIFEST};
use chatcart_core::money::Currency;
use chatcart_core::source::{CatalogSource, Lookup, Missing};

pub fn inr() -> Currency {
    Currency::from_code("INR").unwrap()
}

/// The real 6,387-item DMart feed (shared/data, beside the checkout).
pub fn dmart_feed() -> Vec<u8> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/feed-dmart.csv");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the shared DMart feed at {}: {e}", path.display()))
}

pub fn dmart() -> Catalog {
    Catalog::load(&dmart_feed(), inr()).unwrap().0
}

/// A pack of a catalog opened from its manifest, fetching pieces as it is asked.
pub struct InPieces {
    pub source: PackSource,
    pub files: HashMap<String, Vec<u8>>,
    fetched: Vec<String>,
}

impl InPieces {
    pub fn of(catalog: &Catalog) -> Self {
        let files: HashMap<String, Vec<u8>> = pack(catalog).files.into_iter().collect();
        let source = PackSource::open(&files[MANIFEST], inr()).unwrap();
        InPieces {
            source,
            files,
            fetched: Vec::new(),
        }
    }

    /// The answer to `ask`, after fetching every piece it waits for.
    pub fn settle<T>(&mut self, ask: impl Fn(&dyn CatalogSource) -> Lookup<T>) -> T {
        loop {
            match ask(&self.source) {
                Ok(answer) => return answer,
                Err(Missing::Catalog) => panic!("a pack is never without its manifest"),
                Err(Missing::Pieces(pieces)) => {
                    assert!(!pieces.is_empty());
                    for piece in pieces {
                        assert!(!self.fetched.contains(&piece.0), "{} twice", piece.0);
                        self.source
                            .add_piece(&piece, &self.files[&piece.0])
                            .unwrap();
                        self.fetched.push(piece.0);
                    }
                }
            }
        }
    }

    /// How many pieces were fetched.
    pub fn fetched(&self) -> usize {
        self.fetched.len()
    }

    /// Their bytes.
    pub fn fetched_bytes(&self) -> usize {
        self.fetched.iter().map(|name| self.files[name].len()).sum()
    }
}
