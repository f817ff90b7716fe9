//! One-line orders as a shopper types them to a shopkeeper: "2 atta 5kg", "add 3 maggi",
//! "aashirvaad atta x2", "1 kg onions", "remove onion", "2 more milk".

use crate::cart::Cart;
use crate::catalog::{Product, Variant};
use crate::lexicon;
use crate::pack_size::{is_number, pack_size, sizes_in, BaseUnit, PackSize};
use crate::retailer_id::RetailerId;
use crate::search::{words, SearchResult};
use crate::source::{Awaited, CatalogSource, Lookup, ProductIndex};
use crate::text::{whole_number, List};

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

const ADD_WORDS: List = List("add|order|buy|want|need|give|send|get|please|pls|i|me");
const REMOVE_WORDS: List = List("remove|delete|drop|cancel");
const MORE: &str = "more";

/// Reads a message as an order if it has an order's shape: a verb, a quantity, "more"
/// or a pack size with the product's name. Anything else is left to search.
pub fn parse_order(text: &str) -> Option<OrderRequest> {
    let mut words = lexicon::spoken_quantities(words(text));
    let mut verb = None;
    while let Some(first) = words.first() {
        if ADD_WORDS.has(first) {
            verb = verb.or(Some(OrderVerb::Add));
        } else if REMOVE_WORDS.has(first) {
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
            quantity = typed_quantity(&number);
            let start = if next.is_some() { at } else { at - 1 };
            words.drain(start..start + 2);
        }
    }
    if quantity.is_none() {
        if let Some(first) = words.first().filter(|w| is_number(w)) {
            quantity = typed_quantity(first);
            words.remove(0);
        } else if let Some(last) = words.last().filter(|w| is_number(w)) {
            quantity = typed_quantity(last);
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

/// The products among the best `CONSIDERED` of `found`, or in the cart, with their scores.
fn considered<'s>(
    source: &'s dyn CatalogSource,
    found: &SearchResult,
    in_cart: &[ProductIndex],
) -> Lookup<Vec<(&'s Product, u32)>> {
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
    Ok(products)
}

/// A size's number as titles write it: 500 g is "500", 1,000 g "1" (kg), 1,500 ml "1.5".
fn number_of(size: PackSize) -> String {
    let units = match size.base {
        BaseUnit::Piece => size.thousandths,
        _ if size.thousandths >= 1_000_000 => size.thousandths / 1000,
        _ => size.thousandths,
    };
    let (whole, fraction) = (units / 1000, units % 1000);
    match fraction {
        0 => whole.to_string(),
        _ => format!("{whole}.{}", format!("{fraction:03}").trim_end_matches('0')),
    }
}

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
    let mut products = considered(source, &found, &in_cart)?;
    if let Some(size) = request.size {
        // The size's number searched with the name puts that size among the matches
        // considered, however many other sizes and products the name has, and when a
        // misspelt name matches them all alike ("colgat 200 gm").
        let query = format!("{} {}", request.query, number_of(size));
        let sized = source.search(&query)?;
        if !sized.partial {
            let sized = considered(source, &sized, &in_cart)?;
            if sized
                .iter()
                .any(|(p, _)| variant_for(p, Some(size)).is_some())
            {
                products = sized;
            }
        }
    }
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
    let mut quantity = request.quantity;
    if let (None, 2.., false) = (request.size, quantity, request.verb == OrderVerb::Remove) {
        // "eggs 30", "30 eggs": a bare number of a thing sold in packs of that many is
        // one such pack.
        let pack = PackSize {
            thousandths: u64::from(quantity) * 1000,
            base: BaseUnit::Piece,
        };
        let packs = candidates_for(Some(pack));
        if !packs.is_empty() {
            candidates = packs;
            quantity = 1;
        }
    }
    if let Some(
        size @ PackSize {
            base: BaseUnit::Piece,
            ..
        },
    ) = request.size
    {
        // "2 piece dove soap": pieces the shop does not pack together are that many.
        let count = u32::try_from(size.thousandths / 1000).unwrap_or(0);
        let whole = size.thousandths % 1000 == 0;
        if candidates.is_empty() && quantity == 1 && count >= 1 && whole {
            candidates = candidates_for(None);
            quantity = count;
        }
    }
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
            quantity,
        },
        [(only, ..)] => OrderOutcome::Add {
            retailer_id: only.clone(),
            quantity,
        },
        [(best, best_score, ..), (_, second_score, ..), ..] if best_score > second_score => {
            OrderOutcome::Add {
                retailer_id: best.clone(),
                quantity,
            }
        }
        many => OrderOutcome::Choose {
            candidates: many.iter().take(CHOICES).map(|c| c.0.clone()).collect(),
            quantity,
        },
    })
}

/// A quantity the shopper typed: "2" in "2 atta".
fn typed_quantity(word: &str) -> Option<u32> {
    u32::try_from(whole_number(word)?).ok()
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
    fn spoken_quantities_are_read() {
        use BaseUnit::*;
        use OrderVerb::*;
        assert_eq!(
            parse_order("aadha kilo chini"),
            order(Add, 1, "chini", Some((500_000, Gram)))
        );
        assert_eq!(parse_order("दो पैकेट मैगी"), order(Add, 2, "मैगी", None));
        assert_eq!(
            parse_order("ek paav paneer"),
            order(Add, 1, "paneer", Some((250_000, Gram)))
        );
        assert_eq!(
            parse_order("bhaiya 1 kg pyaj chahiye"),
            order(Add, 1, "pyaj", Some((1_000_000, Gram)))
        );
        assert_eq!(
            parse_order("ek darjan kele"),
            order(Add, 1, "kele", Some((12_000, Piece)))
        );
        assert_eq!(
            parse_order("आलू २ किलो"),
            order(Add, 1, "आलू", Some((2_000_000, Gram)))
        );
    }

    #[test]
    fn a_count_is_a_pack_of_that_many_when_the_shop_packs_so() {
        use crate::catalog::tests::inr;
        use crate::catalog::Catalog;
        let feed = "id,title,brand,price,product_type\n\
            eggs-6,Farm Eggs 6 pcs,,60.00 INR,Dairy > Eggs\n\
            eggs-30,Farm Eggs 30 pcs,,280.00 INR,Dairy > Eggs\n\
            soap,Dove Soap 125 gm,Dove,50.00 INR,Personal Care > Soap\n\
            potato,Fresh Potato (Aloo) 1 kg,,40.00 INR,Vegetables > Vegetables\n\
            bhujia,Haldiram's Aloo Bhujia 1 kg,Haldiram's,200.00 INR,Snacks > Snacks\n";
        let catalog = Catalog::from_feed(feed.as_bytes(), inr()).unwrap().0;
        let cart = Cart::default();
        let outcome = |text: &str| resolve(&parse_order(text).unwrap(), &catalog, &cart).unwrap();
        let add = |id: &str, quantity| OrderOutcome::Add {
            retailer_id: id.into(),
            quantity,
        };
        assert_eq!(outcome("eggs 30"), add("eggs-30", 1));
        assert_eq!(outcome("30 anda"), add("eggs-30", 1));
        assert_eq!(outcome("2 eggs 6 pcs"), add("eggs-6", 2));
        assert_eq!(outcome("3 piece dove soap"), add("soap", 3), "no pack of 3");
        assert_eq!(outcome("2 dove soap"), add("soap", 2));
        assert_eq!(
            outcome("aloo 1 kg"),
            add("potato", 1),
            "the potato that is aloo before aloo bhujia"
        );
        assert_eq!(outcome("ek kilo aalu"), add("potato", 1));
    }

    #[test]
    fn the_size_asked_for_is_found_among_many_even_when_the_name_is_misspelt() {
        use crate::catalog::tests::inr;
        use crate::catalog::Catalog;
        let mut feed = String::from("id,title,brand,price,product_type\n");
        for n in 0..2 * CONSIDERED {
            feed += &format!("c{n},Colgate Brush {n},Colgate,20.00 INR,Care > Oral\n");
        }
        feed += "paste,Colgate Strong Teeth Dental Cream Toothpaste 200 gm,Colgate,99.00 INR,Care > Oral\n";
        let catalog = Catalog::from_feed(feed.as_bytes(), inr()).unwrap().0;
        let cart = Cart::default();
        for text in ["colgate 200 gm", "colgat 200 gm", "2 colgte 200g"] {
            let request = parse_order(text).unwrap();
            assert_eq!(
                resolve(&request, &catalog, &cart).unwrap(),
                OrderOutcome::Add {
                    retailer_id: "paste".into(),
                    quantity: request.quantity,
                },
                "{text}"
            );
        }
        assert_eq!(
            number_of(PackSize {
                thousandths: 1_500_000,
                base: BaseUnit::Millilitre
            }),
            "1.5"
        );
        assert_eq!(
            number_of(PackSize {
                thousandths: 250_000,
                base: BaseUnit::Gram
            }),
            "250"
        );
        assert_eq!(
            number_of(PackSize {
                thousandths: 5_000_000,
                base: BaseUnit::Gram
            }),
            "5"
        );
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
