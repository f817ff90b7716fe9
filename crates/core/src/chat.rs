//! What the shopper's message means, and what the store answers, as data. The widget
//! decides how to word and draw each reply.

use crate::cart::Cart;
use crate::catalog::Catalog;
use crate::ordering::{parse_order, resolve, OrderOutcome, OrderRequest};
use crate::search::fold;
use crate::text::is_word_char;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Greet,
    Browse,
    /// A category by id: its subcategories when it has several, else its products.
    Category(String),
    /// Every product of a category, whatever its subcategory.
    WholeCategory(String),
    Subcategory {
        category: String,
        name: String,
    },
    Search(String),
    Cart,
    Checkout,
    Help,
    ClearCart,
    /// "2 atta 5kg", "remove onion".
    Order(OrderRequest),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Greeting with the main quick replies.
    Welcome,
    Categories,
    /// A category's subcategories to pick from.
    Subcategories {
        category: String,
        names: Vec<String>,
    },
    Products {
        /// The category or the search words the list answers.
        heading: Heading,
        product_ids: Vec<String>,
    },
    NoMatches {
        query: String,
    },
    /// These were put in the cart.
    Added {
        retailer_id: String,
        quantity: u32,
    },
    /// Several products fit the order: the shopper picks one (best first).
    WhichOne {
        candidates: Vec<String>,
        quantity: u32,
    },
    Removed {
        retailer_id: String,
    },
    WhichToRemove {
        candidates: Vec<String>,
    },
    NotInCart {
        query: String,
    },
    /// The caller empties the cart.
    CartCleared,
    AskWhatToSearch,
    OpenCart,
    OpenCheckout,
    Help,
    /// The catalog is not loaded (still loading or failed); the reason was already said.
    CatalogUnavailable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    Category(String),
    SearchResults(String),
    /// Nothing matched every word; these match some.
    Closest(String),
    /// An order matched nothing; these are the nearest things the shop has.
    Suggestions(String),
}

/// Every product of a category.
fn whole_category(catalog: &Catalog, id: &str) -> Reply {
    Reply::Products {
        heading: Heading::Category(
            catalog
                .category(id)
                .map_or(id.to_owned(), |c| c.name.clone()),
        ),
        product_ids: catalog.products_in(id).map(|p| p.id().to_owned()).collect(),
    }
}

/// How many nearby products an order that matched nothing is offered.
const SUGGESTIONS: usize = 3;

/// "Nothing matches" for an order, with the closest products the shop does sell.
fn suggest(catalog: &Catalog, query: &str) -> Reply {
    let product_ids: Vec<String> = catalog
        .search(query)
        .hits
        .iter()
        .map(|hit| &catalog.products[hit.product])
        .filter(|product| product.can_order())
        .take(SUGGESTIONS)
        .map(|product| product.id().to_owned())
        .collect();
    if product_ids.is_empty() {
        Reply::NoMatches {
            query: query.to_owned(),
        }
    } else {
        Reply::Products {
            heading: Heading::Suggestions(query.to_owned()),
            product_ids,
        }
    }
}

const GREETINGS: &[&str] = &[
    "hi",
    "hii",
    "hello",
    "hey",
    "hola",
    "namaste",
    "namaskar",
    "start",
    "good morning",
    "good evening",
    "नमस्ते",
    "नमस्कार",
    "हाय",
    "हेलो",
    "राम राम",
    "ram ram",
    "hallo",
    "hoi",
    "dag",
    "goedemorgen",
    "goedemiddag",
    "goedenavond",
];
const BROWSE: &[&str] = &[
    "menu",
    "categories",
    "category",
    "browse",
    "shop",
    "catalog",
    "catalogue",
    "मेनू",
    "सूची",
    "categorieen",
    "assortiment",
];
const CART: &[&str] = &[
    "cart",
    "my cart",
    "basket",
    "bag",
    "कार्ट",
    "मेरा कार्ट",
    "टोकरी",
    "winkelwagen",
    "mandje",
    "mijn mandje",
];
const CHECKOUT: &[&str] = &[
    "checkout",
    "check out",
    "place order",
    "order now",
    "चेकआउट",
    "ऑर्डर करें",
    "afrekenen",
    "bestellen",
];
const HELP: &[&str] = &["help", "?", "how", "मदद", "सहायता", "hulp"];
const CLEAR_CART: &[&str] = &[
    "clear cart",
    "clear my cart",
    "empty cart",
    "empty my cart",
    "कार्ट खाली करो",
    "कार्ट खाली करें",
    "mandje leegmaken",
    "winkelwagen leegmaken",
];

/// Lower case, punctuation to spaces, single spaces.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_word_char(c) || c == '?' {
                fold(c.to_lowercase().next().unwrap_or(c))
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn understand(text: &str, catalog: Option<&Catalog>) -> Intent {
    let text = normalize(text);
    let is = |words: &[&str]| words.contains(&text.as_str());
    if is(GREETINGS) {
        return Intent::Greet;
    }
    if is(BROWSE) {
        return Intent::Browse;
    }
    if is(CART) {
        return Intent::Cart;
    }
    if is(CHECKOUT) {
        return Intent::Checkout;
    }
    if is(HELP) {
        return Intent::Help;
    }
    if is(CLEAR_CART) {
        return Intent::ClearCart;
    }
    if let Some(category) = catalog.and_then(|c| {
        c.categories
            .iter()
            .find(|cat| normalize(&cat.name) == text || cat.id == text)
    }) {
        return Intent::Category(category.id.clone());
    }
    if let Some(catalog) = catalog {
        let typed_subcategory = catalog.products.iter().find(|p| {
            p.subcategory
                .as_deref()
                .is_some_and(|name| normalize(name) == text)
        });
        if let Some(product) = typed_subcategory {
            return Intent::Subcategory {
                category: product.category_id.to_string(),
                name: product
                    .subcategory
                    .as_deref()
                    .unwrap_or_default()
                    .to_owned(),
            };
        }
    }
    if let Some(request) = parse_order(&text) {
        return Intent::Order(request);
    }
    let query = text
        .strip_prefix("search")
        .or_else(|| text.strip_prefix("find"))
        .map_or(text.as_str(), str::trim);
    Intent::Search(query.to_owned())
}

/// What the store answers. `Added` and `Removed` say what the caller is to do to the cart.
pub fn respond(intent: &Intent, catalog: Option<&Catalog>, cart: &Cart) -> Reply {
    match (intent, catalog) {
        (Intent::Greet, _) => Reply::Welcome,
        (Intent::Help, _) => Reply::Help,
        (Intent::ClearCart, _) => Reply::CartCleared,
        (Intent::Cart, _) => Reply::OpenCart,
        (Intent::Checkout, _) => Reply::OpenCheckout,
        (Intent::Search(query), _) if query.is_empty() => Reply::AskWhatToSearch,
        (_, None) => Reply::CatalogUnavailable,
        (Intent::Browse, Some(_)) => Reply::Categories,
        (Intent::Category(id), Some(catalog)) => {
            let names = catalog.subcategories(id);
            if names.len() > 1 {
                Reply::Subcategories {
                    category: id.clone(),
                    names,
                }
            } else {
                whole_category(catalog, id)
            }
        }
        (Intent::WholeCategory(id), Some(catalog)) => whole_category(catalog, id),
        (Intent::Subcategory { category, name }, Some(catalog)) => Reply::Products {
            heading: Heading::Category(format!(
                "{} › {name}",
                catalog
                    .category(category)
                    .map_or(category.as_str(), |c| c.name.as_str())
            )),
            product_ids: catalog
                .products_in(category)
                .filter(|p| p.subcategory.as_deref() == Some(name.as_str()))
                .map(|p| p.id().to_owned())
                .collect(),
        },
        (Intent::Order(request), Some(catalog)) => match resolve(request, catalog, cart) {
            OrderOutcome::Add {
                retailer_id,
                quantity,
            } => Reply::Added {
                retailer_id,
                quantity,
            },
            OrderOutcome::Choose {
                candidates,
                quantity,
            } => Reply::WhichOne {
                candidates,
                quantity,
            },
            OrderOutcome::Remove { retailer_id } => Reply::Removed { retailer_id },
            OrderOutcome::ChooseRemoval { candidates } => Reply::WhichToRemove { candidates },
            OrderOutcome::NotInCart => Reply::NotInCart {
                query: request.query.clone(),
            },
            OrderOutcome::NotFound => suggest(catalog, &request.query),
        },
        (Intent::Search(query), Some(catalog)) => {
            let result = catalog.search(query);
            let product_ids: Vec<String> = result
                .hits
                .iter()
                .map(|hit| catalog.products[hit.product].id().to_owned())
                .collect();
            if product_ids.is_empty() {
                Reply::NoMatches {
                    query: query.clone(),
                }
            } else if result.partial {
                Reply::Products {
                    heading: Heading::Closest(query.clone()),
                    product_ids,
                }
            } else {
                Reply::Products {
                    heading: Heading::SearchResults(query.clone()),
                    product_ids,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::sample;

    #[test]
    fn commands_are_recognised_whatever_the_case_and_punctuation() {
        let catalog = sample();
        let c = Some(&catalog);
        assert_eq!(understand("Hi!", c), Intent::Greet);
        assert_eq!(understand("  NAMASTE ", c), Intent::Greet);
        assert_eq!(understand("नमस्ते", c), Intent::Greet);
        assert_eq!(understand("Menu", c), Intent::Browse);
        assert_eq!(understand("my cart", c), Intent::Cart);
        assert_eq!(understand("Check out", c), Intent::Checkout);
        assert_eq!(understand("help", c), Intent::Help);
        // Hindi and Dutch.
        for greeting in ["Hallo!", "goedemorgen", "नमस्कार", "Ram Ram"] {
            assert_eq!(understand(greeting, c), Intent::Greet, "{greeting}");
        }
        assert_eq!(understand("Categorieën", c), Intent::Browse);
        assert_eq!(understand("मेनू", c), Intent::Browse);
        assert_eq!(understand("mijn mandje", c), Intent::Cart);
        assert_eq!(understand("कार्ट", c), Intent::Cart);
        assert_eq!(understand("Afrekenen", c), Intent::Checkout);
        assert_eq!(understand("मदद", c), Intent::Help);
        for clear in [
            "clear cart",
            "Empty my cart!",
            "mandje leegmaken",
            "कार्ट खाली करो",
        ] {
            assert_eq!(understand(clear, c), Intent::ClearCart, "{clear}");
        }
        assert_eq!(understand("dairy", c), Intent::Category("dairy".into()));
        assert_eq!(understand("search amul", c), Intent::Search("amul".into()));
        assert_eq!(understand("atta", c), Intent::Search("atta".into()));
        assert!(matches!(understand("2 atta 5kg", c), Intent::Order(_)));
    }

    #[test]
    fn orders_add_ask_or_remove() {
        let catalog = sample();
        let say = |text: &str, cart: &Cart| {
            respond(&understand(text, Some(&catalog)), Some(&catalog), cart)
        };
        assert_eq!(
            say("2 amul butter", &Cart::default()),
            Reply::Added {
                retailer_id: "butter-500".into(),
                quantity: 2
            }
        );
        assert_eq!(
            say("remove butter", &Cart::default()),
            Reply::NotInCart {
                query: "butter".into()
            }
        );
        let cart = Cart::default().apply(
            crate::cart::CartAction::Add {
                retailer_id: "butter-500".into(),
                quantity: 1,
            },
            &catalog,
            crate::cart::DEFAULT_MAX_QUANTITY,
        );
        assert_eq!(
            say("remove butter", &cart),
            Reply::Removed {
                retailer_id: "butter-500".into()
            }
        );
        assert_eq!(
            say("2 amul icecream", &cart),
            Reply::Products {
                heading: Heading::Suggestions("amul icecream".into()),
                product_ids: vec!["butter-500".into()],
            },
            "the nearest orderable products; the ghee is out of stock"
        );
        assert_eq!(
            say("3 saffron", &cart),
            Reply::NoMatches {
                query: "saffron".into()
            }
        );
    }

    #[test]
    fn replies() {
        let catalog = sample();
        assert_eq!(
            respond(&Intent::Greet, None, &Cart::default()),
            Reply::Welcome
        );
        assert_eq!(
            respond(&Intent::Browse, None, &Cart::default()),
            Reply::CatalogUnavailable
        );
        assert_eq!(
            respond(
                &Intent::Category("dairy".into()),
                Some(&catalog),
                &Cart::default()
            ),
            Reply::Products {
                heading: Heading::Category("Dairy".into()),
                product_ids: vec!["butter-500".into(), "ghee-1l".into()],
            }
        );
        assert_eq!(
            respond(
                &Intent::Search("saffron".into()),
                Some(&catalog),
                &Cart::default()
            ),
            Reply::NoMatches {
                query: "saffron".into()
            }
        );
        assert_eq!(
            respond(
                &Intent::Search(String::new()),
                Some(&catalog),
                &Cart::default()
            ),
            Reply::AskWhatToSearch
        );
    }
}
