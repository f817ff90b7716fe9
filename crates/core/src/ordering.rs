//! One-line orders as a shopper types them to a shopkeeper: "2 atta 5kg", "add 3 maggi",
//! "aashirvaad atta x2", "1 kg onions", "remove onion", "2 more milk".

use crate::cart::Cart;
use crate::catalog::{Product, Variant};
use crate::pack_size::{is_number, pack_size, sizes_in, PackSize};
use crate::retailer_id::RetailerId;
use crate::search::words;
use crate::source::{Awaited, CatalogSource, Lookup, ProductIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderVerb {
    /// "add 3 maggi", "3 maggi": put this many in the cart.
    Add,
    /// "2 more milk": add to what is already there, preferring what is already there.
    More,
    /// "remove onion": take the line out.
    Remove,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRequest {
    pub verb: OrderVerb,
    pub quantity: u32,
    /// The words naming the product.
    pub query: String,
    pub size: Option<PackSize>,
}

/// Most candidates offered when a request matches several products.
pub const CHOICES: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderOutcome {
    /// One product clearly matches: add it.
    Add {
        retailer_id: RetailerId,
        quantity: u32,
    },
    /// Several match: ask which, best first.
    Choose {
        candidates: Vec<RetailerId>,
        quantity: u32,
    },
    /// The matching line to take out of the cart.
    Remove {
        retailer_id: RetailerId,
    },
    /// Several lines in the cart match the removal: ask which.
    ChooseRemoval {
        candidates: Vec<RetailerId>,
    },
    /// Nothing in the cart matches the removal.
    NotInCart,
    NotFound,
}

const ADD_WORDS: &[&str] = &[
    "add", "order", "buy", "want", "need", "give", "send", "get", "please", "pls", "i", "me",
];
const REMOVE_WORDS: &[&str] = &["remove", "delete", "drop", "cancel"];
const MORE: &str = "more";

/// Reads a message as an order if it has an order's shape: a verb, a quantity, "more"
/// or a pack size with the product's name. Anything else is left to search.
pub fn parse_order(text: &str) -> Option<OrderRequest> {
    let mut words = words(text);
    let mut verb = None;
    while let Some(first) = words.first() {
        if ADD_WORDS.contains(&first.as_str()) {
            verb = verb.or(Some(OrderVerb::Add));
        } else if REMOVE_WORDS.contains(&first.as_str()) {
            verb = Some(OrderVerb::Remove);
        } else {
            break;
        }
        words.remove(0);
    }

    let mut size = None;
    if let Some(at) = words
        .windows(2)
        .position(|pair| pack_size(&pair[0], &pair[1]).is_some())
    {
        size = pack_size(&words[at], &words[at + 1]);
        words.drain(at..at + 2);
    }

    let mut quantity = None;
    // "x2", "2x", "x 2", then a bare number at either end: "2 atta", "atta 2".
    if let Some(at) = words.iter().position(|w| w == "x") {
        let next = words.get(at + 1).filter(|w| is_number(w));
        let before = at
            .checked_sub(1)
            .and_then(|b| words.get(b))
            .filter(|w| is_number(w));
        if let Some(number) = next.or(before).cloned() {
            quantity = number.parse::<u32>().ok();
            let start = if next.is_some() { at } else { at - 1 };
            words.drain(start..start + 2);
        }
    }
    if quantity.is_none() {
        if let Some(first) = words.first().filter(|w| is_number(w)) {
            quantity = first.parse::<u32>().ok();
            words.remove(0);
        } else if let Some(last) = words.last().filter(|w| is_number(w)) {
            quantity = last.parse::<u32>().ok();
            words.pop();
        }
    }

    if words.first().is_some_and(|w| w == MORE) {
        words.remove(0);
        verb = Some(OrderVerb::More);
    }
    if words.is_empty() || (verb.is_none() && quantity.is_none() && size.is_none()) {
        return None;
    }
    Some(OrderRequest {
        verb: verb.unwrap_or(OrderVerb::Add),
        quantity: quantity.unwrap_or(1).max(1),
        query: words.join(" "),
        size,
    })
}

/// The variant of `product` a request means: the one of its size, else the default.
fn variant_for(product: &Product, size: Option<PackSize>) -> Option<&Variant> {
    match size {
        None => Some(product.default_variant()),
        Some(size) => product.variants.iter().find(|variant| {
            let written = format!("{} {}", product.title, variant.label().unwrap_or_default());
            sizes_in(&written).contains(&size)
        }),
    }
}

/// Matches an order is decided among, best first, besides those already in the cart: as
/// a shopkeeper looks along the shelf that fits the words, not through the whole shop
/// (and a catalog in pieces fetches only these products).
pub const CONSIDERED: usize = 24;

/// Decides what an order request does against the catalog and the cart.
pub fn resolve(
    request: &OrderRequest,
    source: &dyn CatalogSource,
    cart: &Cart,
) -> Lookup<OrderOutcome> {
    let found = source.search(&request.query)?;
    if found.partial {
        return Ok(match request.verb {
            OrderVerb::Remove => OrderOutcome::NotInCart,
            _ => OrderOutcome::NotFound,
        });
    }
    let mut awaited = Awaited::default();
    let in_cart: Vec<ProductIndex> = cart
        .lines()
        .iter()
        .filter_map(|line| awaited.take(source.place_of(&line.retailer_id)).flatten())
        .collect();
    awaited.done()?;
    let mut awaited = Awaited::default();
    let products: Vec<(&Product, u32)> = found
        .hits
        .iter()
        .enumerate()
        .filter(|(rank, hit)| {
            *rank < CONSIDERED || in_cart.contains(&ProductIndex(hit.product as u32))
        })
        .filter_map(|(_, hit)| {
            let product = awaited.take(source.product_at(ProductIndex(hit.product as u32)))?;
            Some((product?, hit.score))
        })
        .collect();
    awaited.done()?;
    // (retailer id, score, in cart, orderable) of each matching product's meant variant,
    // best first.
    let candidates_for = |size: Option<PackSize>| -> Vec<(RetailerId, u32, bool, bool)> {
        products
            .iter()
            .filter_map(|&(product, score)| {
                let variant = variant_for(product, size)?;
                let in_cart = cart.quantity_of(&variant.retailer_id) > 0;
                Some((
                    variant.retailer_id.clone(),
                    score,
                    in_cart,
                    variant.can_order(),
                ))
            })
            .collect()
    };
    let mut candidates = candidates_for(request.size);
    let mut size_missing = false;
    if candidates.is_empty() && request.size.is_some() {
        // No pack of that size: offer the sizes there are, as a shopkeeper would.
        candidates = candidates_for(None);
        size_missing = true;
    }

    if request.verb == OrderVerb::Remove {
        candidates.retain(|c| c.2);
        return Ok(match candidates.as_slice() {
            [] => OrderOutcome::NotInCart,
            [(only, ..)] => OrderOutcome::Remove {
                retailer_id: only.clone(),
            },
            many => OrderOutcome::ChooseRemoval {
                candidates: many.iter().take(CHOICES).map(|c| c.0.clone()).collect(),
            },
        });
    }
    if request.verb == OrderVerb::More && candidates.iter().any(|c| c.2) {
        candidates.retain(|c| c.2);
    }
    candidates.retain(|c| c.3);
    Ok(match candidates.as_slice() {
        [] => OrderOutcome::NotFound,
        many if size_missing => OrderOutcome::Choose {
            candidates: many.iter().take(CHOICES).map(|c| c.0.clone()).collect(),
            quantity: request.quantity,
        },
        [(only, ..)] => OrderOutcome::Add {
            retailer_id: only.clone(),
            quantity: request.quantity,
        },
        [(best, best_score, ..), (_, second_score, ..), ..] if best_score > second_score => {
            OrderOutcome::Add {
                retailer_id: best.clone(),
                quantity: request.quantity,
            }
        }
        many => OrderOutcome::Choose {
            candidates: many.iter().take(CHOICES).map(|c| c.0.clone()).collect(),
            quantity: request.quantity,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack_size::BaseUnit;

    fn order(
        verb: OrderVerb,
        quantity: u32,
        query: &str,
        size: Option<(u64, BaseUnit)>,
    ) -> Option<OrderRequest> {
        Some(OrderRequest {
            verb,
            quantity,
            query: query.into(),
            size: size.map(|(thousandths, base)| PackSize { thousandths, base }),
        })
    }

    #[test]
    fn one_line_orders_are_read() {
        use BaseUnit::*;
        use OrderVerb::*;
        assert_eq!(
            parse_order("2 atta 5kg"),
            order(Add, 2, "atta", Some((5_000_000, Gram)))
        );
        assert_eq!(parse_order("add 3 maggi"), order(Add, 3, "maggi", None));
        assert_eq!(
            parse_order("Aashirvaad atta x2"),
            order(Add, 2, "aashirvaad atta", None)
        );
        assert_eq!(
            parse_order("2x amul butter"),
            order(Add, 2, "amul butter", None)
        );
        assert_eq!(
            parse_order("1 kg onions"),
            order(Add, 1, "onion", Some((1_000_000, Gram)))
        );
        assert_eq!(parse_order("remove onion"), order(Remove, 1, "onion", None));
        assert_eq!(parse_order("2 more milk"), order(More, 2, "milk", None));
        assert_eq!(parse_order("bread 3"), order(Add, 3, "bread", None));
        assert_eq!(
            parse_order("1.5 L coke"),
            order(Add, 1, "coke", Some((1_500_000, Millilitre)))
        );
        assert_eq!(parse_order("I want 6 eggs"), order(Add, 6, "egg", None));
    }

    #[test]
    fn plain_words_are_left_to_search() {
        for text in [
            "atta",
            "amul butter",
            "hi",
            "colgate toothpaste",
            "2",
            "add",
            "5 kg",
        ] {
            assert_eq!(parse_order(text), None, "{text}");
        }
    }
}
