//! What the shopper's message means, and what the store answers, as data. The widget
//! decides how to word and draw each reply.

use crate::cart::Cart;
use crate::ordering::{parse_order, resolve, OrderOutcome, OrderRequest};
use crate::retailer_id::RetailerId;
use crate::search::fold;
use crate::source::{CatalogSource, Lookup, Missing, ProductIndex};
use crate::text::{is_word_char, lower, List};

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
    /// "My orders", "where is my order".
    Orders,
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
        products: Vec<ProductIndex>,
    },
    NoMatches {
        query: String,
    },
    /// These were put in the cart.
    Added {
        retailer_id: RetailerId,
        quantity: u32,
    },
    /// Several products fit the order: the shopper picks one (best first).
    WhichOne {
        candidates: Vec<RetailerId>,
        quantity: u32,
    },
    Removed {
        retailer_id: RetailerId,
    },
    WhichToRemove {
        candidates: Vec<RetailerId>,
    },
    NotInCart {
        query: String,
    },
    /// The caller empties the cart.
    CartCleared,
    AskWhatToSearch,
    OpenCart,
    OpenCheckout,
    /// The orders placed from this device; the session answers `NoOrdersYet` without any.
    OpenOrders,
    NoOrdersYet,
    Help,
    /// The catalog could not be loaded; the reason was already said.
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
fn whole_category(source: &dyn CatalogSource, id: &str) -> Lookup<Reply> {
    Ok(Reply::Products {
        heading: Heading::Category(category_name(source, id)?),
        products: source.products_in(id, None)?,
    })
}

/// A category's name, or its id when the catalog has no such category.
pub fn category_name(source: &dyn CatalogSource, id: &str) -> Lookup<String> {
    Ok(source
        .categories()?
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone()))
}

/// How many nearby products an order that matched nothing is offered.
const SUGGESTIONS: usize = 3;

/// "Nothing matches" for an order, with the closest products the shop does sell.
fn suggest(source: &dyn CatalogSource, query: &str) -> Lookup<Reply> {
    let products: Vec<ProductIndex> = source
        .search(query)?
        .hits
        .iter()
        .filter(|hit| hit.orderable)
        .take(SUGGESTIONS)
        .map(|hit| ProductIndex(hit.product as u32))
        .collect();
    Ok(if products.is_empty() {
        Reply::NoMatches {
            query: query.to_owned(),
        }
    } else {
        Reply::Products {
            heading: Heading::Suggestions(query.to_owned()),
            products,
        }
    })
}

// Each list is a message as a whole, normalised (`normalize`).
const GREETINGS: List = List(
    "hi|hii|hello|hey|hola|namaste|namaskar|start|good morning|good evening|\
     नमस्ते|नमस्कार|हाय|हेलो|राम राम|ram ram|\
     hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond",
);
const BROWSE: List =
    List("menu|categories|category|browse|shop|catalog|catalogue|मेनू|सूची|categorieen|assortiment");
const CART: List =
    List("cart|my cart|basket|bag|कार्ट|मेरा कार्ट|टोकरी|winkelwagen|mandje|mijn mandje");
const CHECKOUT: List =
    List("checkout|check out|place order|order now|चेकआउट|ऑर्डर करें|afrekenen|bestellen");
const ORDERS: List = List(
    "my orders|my order|orders|order status|where is my order|track order|track my order|\
     मेरे ऑर्डर|मेरा ऑर्डर|mera order|mere order|\
     mijn bestellingen|mijn bestelling|bestellingen",
);
const HELP: List = List("help|?|how|मदद|सहायता|hulp");
const CLEAR_CART: List = List(
    "clear cart|clear my cart|empty cart|empty my cart|कार्ट खाली करो|कार्ट खाली करें|\
     mandje leegmaken|winkelwagen leegmaken",
);

/// Lower case, punctuation to spaces, single spaces.
fn normalize(text: &str) -> String {
    let mut normal = String::new();
    for c in text.chars() {
        if is_word_char(c) || c == '?' {
            normal.push(fold(lower(c)));
        } else if !normal.is_empty() && !normal.ends_with(' ') {
            normal.push(' ');
        }
    }
    if normal.ends_with(' ') {
        normal.pop();
    }
    normal
}

/// What a message means. Category and subcategory names are recognised when the catalog
/// can tell them; otherwise the words are searched.
pub fn understand(text: &str, source: Option<&dyn CatalogSource>) -> Intent {
    let text = normalize(text);
    let is = |list: List| list.has(&text);
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
    // Asked as a question as often as said.
    if ORDERS.has(text.trim_end_matches('?').trim_end()) {
        return Intent::Orders;
    }
    if is(CLEAR_CART) {
        return Intent::ClearCart;
    }
    if let Some(source) = source {
        let category = source.categories().ok().and_then(|categories| {
            categories
                .iter()
                .find(|cat| normalize(&cat.name) == text || cat.id == text)
        });
        if let Some(category) = category {
            return Intent::Category(category.id.clone());
        }
        if let Ok(Some((category, name))) = source.subcategory_named(&text, &normalize) {
            return Intent::Subcategory { category, name };
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

/// What the store answers, or what must arrive before it can. `Added` and `Removed` say
/// what the caller is to do to the cart.
pub fn respond(intent: &Intent, source: Option<&dyn CatalogSource>, cart: &Cart) -> Lookup<Reply> {
    let needs_catalog = || source.ok_or(Missing::Catalog);
    Ok(match intent {
        Intent::Greet => Reply::Welcome,
        Intent::Help => Reply::Help,
        Intent::ClearCart => Reply::CartCleared,
        Intent::Cart => Reply::OpenCart,
        Intent::Checkout => Reply::OpenCheckout,
        Intent::Orders => Reply::OpenOrders,
        Intent::Search(query) if query.is_empty() => Reply::AskWhatToSearch,
        Intent::Browse => {
            needs_catalog()?.categories()?;
            Reply::Categories
        }
        Intent::Category(id) => {
            let source = needs_catalog()?;
            let names = source.subcategories(id)?;
            if names.len() > 1 {
                Reply::Subcategories {
                    category: id.clone(),
                    names,
                }
            } else {
                whole_category(source, id)?
            }
        }
        Intent::WholeCategory(id) => whole_category(needs_catalog()?, id)?,
        Intent::Subcategory { category, name } => {
            let source = needs_catalog()?;
            Reply::Products {
                heading: Heading::Category(format!(
                    "{} › {name}",
                    category_name(source, category)?
                )),
                products: source.products_in(category, Some(name))?,
            }
        }
        Intent::Order(request) => {
            let source = needs_catalog()?;
            match resolve(request, source, cart)? {
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
                OrderOutcome::NotFound => suggest(source, &request.query)?,
            }
        }
        Intent::Search(query) => {
            let found = needs_catalog()?.search(query)?;
            let products: Vec<ProductIndex> = found
                .hits
                .iter()
                .map(|hit| ProductIndex(hit.product as u32))
                .collect();
            if products.is_empty() {
                Reply::NoMatches {
                    query: query.clone(),
                }
            } else if found.partial {
                Reply::Products {
                    heading: Heading::Closest(query.clone()),
                    products,
                }
            } else {
                Reply::Products {
                    heading: Heading::SearchResults(query.clone()),
                    products,
                }
            }
        }
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{places, sample};

    #[test]
    fn every_listed_phrase_is_written_as_a_message_normalises() {
        let lists = [GREETINGS, BROWSE, CART, CHECKOUT, ORDERS, HELP, CLEAR_CART];
        for phrase in lists.into_iter().flat_map(List::items) {
            assert_eq!(normalize(phrase), phrase);
        }
        assert_eq!(lists.into_iter().flat_map(List::items).count(), 79);
    }

    #[test]
    fn a_message_normalises_to_lower_case_words_single_spaced() {
        assert_eq!(normalize("  Clear, my  CART!! "), "clear my cart");
        assert_eq!(normalize("Wáter—bottle\t2"), "water bottle 2");
        assert_eq!(normalize("Where is my order?"), "where is my order?");
        assert_eq!(normalize(" ... "), "");
    }

    #[test]
    fn commands_are_recognised_whatever_the_case_and_punctuation() {
        let catalog = sample();
        let c = Some(&catalog as &dyn CatalogSource);
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
        assert_eq!(understand("Where is my order?", c), Intent::Orders);
        assert_eq!(understand("mera order", c), Intent::Orders);
        assert_eq!(understand("मेरे ऑर्डर", c), Intent::Orders);
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
            let source = Some(&catalog as &dyn CatalogSource);
            respond(&understand(text, source), source, cart).unwrap()
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
        let cart = Cart::default()
            .apply(
                crate::cart::CartAction::Add {
                    retailer_id: "butter-500".into(),
                    quantity: 1,
                },
                &catalog,
                crate::cart::DEFAULT_MAX_QUANTITY,
            )
            .unwrap();
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
                products: places(&catalog, &["butter-500"]),
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
    fn orders_in_hindi_are_understood_in_either_script() {
        let catalog = sample();
        let source = Some(&catalog as &dyn CatalogSource);
        let say = |text: &str| respond(&understand(text, source), source, &Cart::default());
        let two_butters = Ok(Reply::Added {
            retailer_id: "butter-500".into(),
            quantity: 2,
        });
        for text in [
            "do packet makhan",
            "२ अमूल मक्खन",
            "दो पैकेट मक्खन",
            "amul makhan x2",
            "bhaiya 2 makhan dena",
        ] {
            assert_eq!(say(text), two_butters, "{text}");
        }
        assert!(matches!(
            say("aata chahiye"),
            Ok(Reply::Products {
                heading: Heading::SearchResults(_),
                ..
            })
        ));
    }

    #[test]
    fn replies() {
        let catalog = sample();
        assert_eq!(
            respond(&Intent::Greet, None, &Cart::default()),
            Ok(Reply::Welcome)
        );
        assert_eq!(
            respond(&Intent::Browse, None, &Cart::default()),
            Err(Missing::Catalog)
        );
        assert_eq!(
            respond(
                &Intent::Category("dairy".into()),
                Some(&catalog),
                &Cart::default()
            ),
            Ok(Reply::Products {
                heading: Heading::Category("Dairy".into()),
                products: places(&catalog, &["butter-500", "ghee-1l"]),
            })
        );
        assert_eq!(
            respond(
                &Intent::Search("saffron".into()),
                Some(&catalog),
                &Cart::default()
            ),
            Ok(Reply::NoMatches {
                query: "saffron".into()
            })
        );
        assert_eq!(
            respond(
                &Intent::Search(String::new()),
                Some(&catalog),
                &Cart::default()
            ),
            Ok(Reply::AskWhatToSearch)
        );
    }
}
