//! Real-looking shopper messages against the real DMart feed (shared/data), each with the
//! product a shopkeeper would understand. What is "right" is decided here by plain
//! substring checks on the product's name, independent of how search works.
//!
//! Prints the share of messages resolved to a right product first and within the top
//! three; fails if either falls below the floor set from the first measurement. A pack
//! of the feed answers every message exactly as the feed does.

mod support;

use chatcart_core::cart::{Cart, CartAction, DEFAULT_MAX_QUANTITY};
use chatcart_core::catalog::Catalog;
use chatcart_core::ordering::{parse_order, resolve, OrderOutcome};
use chatcart_core::retailer_id::RetailerId;
use chatcart_core::source::{CatalogSource, Lookup, ProductIndex};
use support::{dmart, InPieces};

/// `Some(names)`: a right answer's name contains every entry (an entry "a|b" means either);
/// `None`: the shop sells nothing like it, so the right answer is to say so.
type Expected = Option<&'static [&'static str]>;

/// Messages in English, as shoppers used to Indian shop names type them.
const ENGLISH: &[(&str, Expected)] = &[
    // One-line orders.
    ("2 atta 5kg", Some(&["atta", "5 kg"])),
    ("add 3 maggi", Some(&["maggi", "noodles"])),
    ("aashirvaad atta x2", Some(&["aashirvaad", "atta"])),
    ("1 kg onions", Some(&["onion", "1 kg"])),
    ("amul butter 500g x1", Some(&["amul butter 500"])),
    ("2 tata salt", Some(&["tata salt 1 kg"])),
    ("colgate 200 gm", Some(&["colgate", "200 gm"])),
    ("surf excel 1kg", Some(&["surf excel", "1 kg"])),
    ("3 parle g", Some(&["parle-g"])),
    ("toor dal 1 kg", Some(&["toor", "dal", "1 kg"])),
    ("sugar 5kg", Some(&["sugar 5 kg"])),
    ("2 vim bar", Some(&["vim dishwash bar"])),
    ("harpic 1 ltr", Some(&["harpic", "1 l"])),
    ("basmati rice 5kg", Some(&["basmati rice", "5 kg"])),
    ("1 besan", Some(&["besan"])),
    ("2 poha", Some(&["poha"])),
    ("nescafe 50g", Some(&["nescafé", "50 gm"])),
    ("dettol 1l", Some(&["dettol", "1 l"])),
    ("4 good day", Some(&["good day"])),
    ("amul taaza 1 litre", Some(&["amul taaza", "1 l"])),
    ("red label 1kg", Some(&["red label", "1 kg"])),
    ("2 fresh tomato", Some(&["fresh tomato"])),
    ("6 eggs", Some(&["eggs"])),
    ("1 brown bread", Some(&["brown bread"])),
    ("2 x coca cola 1.75 l", Some(&["coca-cola 1.75"])),
    ("kurkure masala munch x3", Some(&["kurkure masala munch"])),
    ("add lays classic salted", Some(&["lays classic salted"])),
    ("2 dairy milk silk", Some(&["dairy milk silk"])),
    ("bournvita 1kg", Some(&["bournvita", "1 kg"])),
    ("ariel 2 kg", Some(&["ariel", "2 kg"])),
    ("3 dove soap", Some(&["dove", "soap|bathing bar"])),
    ("sensodyne x2", Some(&["sensodyne"])),
    ("2 amul paneer 200g", Some(&["amul", "paneer 200 gm"])),
    ("1 mother dairy ghee", Some(&["mother dairy", "ghee"])),
    (
        "fortune sunflower oil 5l",
        Some(&["fortune", "sunflower oil 5 l"]),
    ),
    ("saffola gold 1 l", Some(&["saffola gold", "1 l"])),
    ("haldiram bhujia 1kg", Some(&["haldiram", "bhujia", "1 kg"])),
    ("2 pyaaj 1kg", Some(&["onion", "1 kg"])),
    ("aloo 2 kg", Some(&["potato (aloo) 2 kg"])),
    ("I want 2 kg sugar", Some(&["sugar"])),
    // Removing and adding more, against the cart below.
    ("remove onion", Some(&["onion"])),
    ("2 more milk", Some(&["amul taaza toned milk 1 l"])),
    ("remove tata salt", Some(&["tata salt 1 kg"])),
    // Searching, with typos, odd case, spaces and accents.
    ("mdh garam masala", Some(&["mdh garam masala"])),
    ("kissan ketchup", Some(&["kissan", "ketchup"])),
    ("colgat", Some(&["colgate"])),
    ("magi noodles", Some(&["maggi", "noodles"])),
    ("tomatos", Some(&["fresh tomato"])),
    ("aashirwad atta", Some(&["aashirvaad", "atta"])),
    ("pilsbury atta", Some(&["pillsbury", "atta"])),
    ("haldirams bhujia", Some(&["haldiram", "bhujia"])),
    ("brittania good day", Some(&["good day"])),
    ("surf exel", Some(&["surf excel"])),
    ("amul chese slices", Some(&["amul cheese slices"])),
    ("horlics", Some(&["horlicks"])),
    ("bornvita", Some(&["bournvita"])),
    ("dettoll", Some(&["dettol"])),
    ("sensodine", Some(&["sensodyne"])),
    ("  AMUL   BUTTER  ", Some(&["amul butter"])),
    ("NESCAFÉ", Some(&["nescafé"])),
    ("Tata Tea Premium", Some(&["tata tea premium"])),
    ("red label tea", Some(&["red label"])),
    // Things the shop does not sell.
    ("2 bicycle", None),
    ("1 kg saffron", None),
    ("3 iphone", None),
];

/// Messages in Hindi and Hinglish, in Latin letters and in Devanagari, as people type
/// them: spelling variants, mixed scripts, spoken quantities, sizes before and after.
const HINDI: &[(&str, Expected)] = &[
    // Vegetables and fruit.
    ("aloo 1 kg", Some(&["potato (aloo) 1 kg"])),
    ("do kilo aloo", Some(&["potato (aloo) 2 kg"])),
    ("pyaz 1 kilo", Some(&["onion", "1 kg"])),
    ("ek kilo pyaaz", Some(&["onion", "1 kg"])),
    ("bhaiya 1 kg pyaj chahiye", Some(&["onion", "1 kg"])),
    ("3 kg kanda", Some(&["onion", "3 kg"])),
    ("tamatar", Some(&["tomato"])),
    ("tamaatar aadha kilo", Some(&["tomato", "500 gm"])),
    ("bhindi 500 g", Some(&["bhendi"])),
    ("adrak", Some(&["ginger"])),
    ("pao kilo adrak", Some(&["ginger (adrak)"])),
    ("hari mirch", Some(&["green chilli"])),
    ("lehsun", Some(&["garlic"])),
    ("nimbu", Some(&["lemon"])),
    ("gajar aadha kg", Some(&["carrot", "500 gm"])),
    ("palak", None),
    ("baingan", Some(&["brinjal|baingan"])),
    // Milk, eggs, staples.
    ("doodh", Some(&["milk"])),
    ("amul doodh 1 litre", Some(&["amul", "milk", "1 l"])),
    ("dahi", Some(&["dahi|curd"])),
    ("amul dahi 400 gm", Some(&["amul", "dahi", "400 gm"])),
    ("makhan", Some(&["butter"])),
    ("amul makhan 500 gram", Some(&["amul butter 500"])),
    ("ghee 1 litre", Some(&["ghee", "1 l"])),
    ("paneer 200 gm", Some(&["paneer 200"])),
    ("ande", Some(&["eggs"])),
    ("anda 12", Some(&["eggs"])),
    ("ek darjan ande", Some(&["eggs"])),
    ("aadha kilo chini", Some(&["sugar"])),
    ("cheeni 1kg", Some(&["sugar 1 kg"])),
    ("shakkar 5 kilo", Some(&["sugar 5 kg"])),
    ("namak", Some(&["salt"])),
    ("tata namak 1 kg", Some(&["tata salt 1 kg"])),
    ("uppu", Some(&["salt"])),
    ("aata 10 kg", Some(&["atta", "10 kg"])),
    (
        "aashirvaad aata 5 kilo",
        Some(&["aashirvaad", "atta", "5 kg"]),
    ),
    ("godihittu", Some(&["atta"])),
    ("chawal 5 kg", Some(&["rice", "5 kg"])),
    ("basmati chawal", Some(&["basmati rice"])),
    ("toor daal 1 kg", Some(&["toor|tur", "dal", "1 kg"])),
    ("arhar dal", Some(&["toor|tur", "dal"])),
    ("moong daal", Some(&["moong dal"])),
    ("chana dal aadha kilo", Some(&["chana dal", "500 gm"])),
    ("masoor ki dal", Some(&["masoor dal"])),
    ("besan ek kilo", Some(&["besan", "1 kg"])),
    ("sooji", Some(&["rava|suji"])),
    ("maida 1 kg", Some(&["maida 1 kg"])),
    ("sarson tel 1 litre", Some(&["mustard", "oil", "1 l"])),
    ("sarson ka tel", Some(&["mustard", "oil"])),
    (
        "fortune sarson tel 1 ltr",
        Some(&["fortune", "mustard oil", "1 l"]),
    ),
    ("chai patti", Some(&["tea"])),
    (
        "red label chai patti 250 gram",
        Some(&["red label", "250 gm"]),
    ),
    ("haldi 200g", Some(&["haldi|turmeric", "200 gm"])),
    ("jeera 100 gm", Some(&["jeera 100 gm"])),
    ("dhaniya powder", Some(&["dhania|coriander", "powder"])),
    ("elaichi", Some(&["elaichi|cardamom"])),
    ("badam 500 gm", Some(&["badam|almond", "500 gm"])),
    ("kaju", Some(&["kaju|cashew"])),
    ("kishmish", Some(&["raisin"])),
    ("sabun", Some(&["soap"])),
    ("lifebuoy sabun", Some(&["lifebuoy", "soap"])),
    // Brands with counts.
    ("2 packet maggi", Some(&["maggi", "noodles"])),
    ("parle g 5 packet", Some(&["parle-g"])),
    ("colgate 2 pkt", Some(&["colgate"])),
    ("haldiram aloo bhujia", Some(&["aloo bhujia"])),
    ("aalu bhujia 1kg", Some(&["aloo bhujia", "1 kg"])),
    // Devanagari, and the two scripts mixed.
    ("मैगी", Some(&["maggi", "noodles"])),
    ("दो पैकेट मैगी", Some(&["maggi", "noodles"])),
    ("आलू 1 किलो", Some(&["potato (aloo) 1 kg"])),
    ("प्याज १ किलो", Some(&["onion", "1 kg"])),
    ("टमाटर आधा किलो", Some(&["tomato", "500 gm"])),
    ("दूध", Some(&["milk"])),
    ("चीनी 1 किलो", Some(&["sugar 1 kg"])),
    ("आटा 5 किलो", Some(&["atta", "5 kg"])),
    ("अमूल मक्खन", Some(&["amul butter"])),
    ("सरसों का तेल", Some(&["mustard", "oil"])),
    ("हल्दी", Some(&["haldi|turmeric"])),
    ("नमक", Some(&["salt"])),
    ("चाय", Some(&["tea"])),
    ("साबुन", Some(&["soap"])),
    ("अंडे", Some(&["eggs"])),
    ("तूर दाल 1 kg", Some(&["toor|tur", "dal", "1 kg"])),
    ("amul मक्खन 100 ग्राम", Some(&["amul butter 100"])),
    // Nothing like it is sold.
    ("2 kilo machli", None),
    ("ek kilo mutton", None),
];

/// Share of right answers must not fall below these. Measured 2026-11-21: 62 of 65 (95%)
/// first and within the top three; the misses were "add 3 maggi" (masala before noodles),
/// "tomatos" (purée before fresh tomatoes) and "1 kg saffron" (a saffron chyawanprash).
/// Measured 2026-11-30, with the lexicon: 63 (97%) first and within the top three, "add 3
/// maggi" now right. Issue 14 asks that they stay at 95% or more.
const FLOOR_FIRST: f64 = 0.95;
const FLOOR_TOP_THREE: f64 = 0.95;
/// The same for the Hindi messages. Measured 2026-11-30: before the lexicon 23 of 85
/// (27%) first and within the top three; with it 81 (95%), the misses "maggi" three ways
/// (masala before noodles, as in English) and "ek kilo mutton" (a mutton gravy mix); with
/// "maggi" read as instant noodles too (added after that measurement), 84 (99%) first and
/// within the top three, the one miss "ek kilo mutton". Issue 14 asks for 90% first and
/// 95% within the top three; these floors allow three misses more.
const FLOOR_HINDI_FIRST: f64 = 0.95;
const FLOOR_HINDI_TOP_THREE: f64 = 0.95;

/// The name a shopper sees for a retailer id: title and options.
fn name(catalog: &Catalog, retailer_id: &str) -> String {
    let (product, variant) = catalog.variant(retailer_id).unwrap();
    product.display_name(variant).to_lowercase()
}

fn is_right(name: &str, expected: &[&str]) -> bool {
    expected
        .iter()
        .all(|entry| entry.split('|').any(|option| name.contains(option)))
}

/// A cart holding onions, milk and salt, for the remove and "more" messages.
fn cart(catalog: &Catalog) -> Cart {
    let id_of = |title: &str| {
        catalog
            .products
            .iter()
            .find(|p| p.title == title)
            .unwrap_or_else(|| panic!("{title} is in the feed"))
            .variants[0]
            .retailer_id
            .clone()
    };
    [
        "Fresh Onion (Pyaaj) 1 kg",
        "Amul Taaza Toned Milk 1 L",
        "Tata Salt 1 kg",
    ]
    .into_iter()
    .fold(Cart::default(), |cart, title| {
        cart.apply(
            CartAction::Add {
                retailer_id: id_of(title),
                quantity: 1,
            },
            catalog,
            DEFAULT_MAX_QUANTITY,
        )
        .expect("a catalog read whole has every item")
    })
}

/// What the shop offers for a message, best first: an order's outcome, else search results.
fn answers(source: &dyn CatalogSource, cart: &Cart, message: &str) -> Lookup<Vec<RetailerId>> {
    Ok(match parse_order(message) {
        Some(request) => match resolve(&request, source, cart)? {
            OrderOutcome::Add { retailer_id, .. } | OrderOutcome::Remove { retailer_id } => {
                vec![retailer_id]
            }
            OrderOutcome::Choose { candidates, .. }
            | OrderOutcome::ChooseRemoval { candidates } => candidates,
            OrderOutcome::NotFound | OrderOutcome::NotInCart => Vec::new(),
        },
        None => {
            let result = source.search(message)?;
            if result.partial {
                return Ok(Vec::new());
            }
            let mut best = Vec::new();
            for hit in result.hits.iter().take(3) {
                if let Some(product) = source.product_at(ProductIndex(hit.product as u32))? {
                    best.push(product.default_variant().retailer_id.clone());
                }
            }
            best
        }
    })
}

/// How many of `messages` are answered right first and within the top three, printed
/// with the misses.
fn measure(set: &str, messages: &[(&str, Expected)]) -> (f64, f64) {
    let catalog = dmart();
    let cart = cart(&catalog);
    let (mut first, mut top_three) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (message, expected) in messages {
        let offered = answers(&catalog, &cart, message).expect("a catalog read whole");
        let rank = match expected {
            None => offered.is_empty().then_some(0),
            Some(expected) => offered
                .iter()
                .position(|id| is_right(&name(&catalog, id), expected)),
        };
        match rank {
            Some(0) => first += 1,
            _ => misses.push(format!(
                "{}{message:?} → {:?}",
                if rank.is_some_and(|r| r < 3) {
                    "(top three) "
                } else {
                    ""
                },
                offered
                    .iter()
                    .map(|id| name(&catalog, id))
                    .collect::<Vec<_>>()
            )),
        }
        if rank.is_some_and(|r| r < 3) {
            top_three += 1;
        }
    }
    let total = messages.len() as f64;
    let (first_share, top_share) = (first as f64 / total, top_three as f64 / total);
    println!(
        "{} {set} shopper messages against feed-dmart.csv: right product first {first} ({:.0}%), within the top three {top_three} ({:.0}%)",
        messages.len(),
        first_share * 100.0,
        top_share * 100.0
    );
    for miss in &misses {
        println!("  missed: {miss}");
    }
    (first_share, top_share)
}

#[test]
fn shoppers_are_understood() {
    assert!(ENGLISH.len() >= 60);
    let (first, top_three) = measure("English", ENGLISH);
    assert!(first >= FLOOR_FIRST, "first: {first:.2}");
    assert!(top_three >= FLOOR_TOP_THREE, "top three: {top_three:.2}");
}

#[test]
fn shoppers_writing_hindi_are_understood() {
    assert!(HINDI.len() >= 60);
    let (first, top_three) = measure("Hindi and Hinglish", HINDI);
    assert!(first >= FLOOR_HINDI_FIRST, "first: {first:.2}");
    assert!(
        top_three >= FLOOR_HINDI_TOP_THREE,
        "top three: {top_three:.2}"
    );
}

#[test]
fn a_pack_of_the_feed_answers_every_message_as_the_feed_does() {
    let catalog = dmart();
    let cart = cart(&catalog);
    let mut pack = InPieces::of(&catalog);
    for (message, _) in ENGLISH.iter().chain(HINDI) {
        let from_feed = answers(&catalog, &cart, message).expect("a catalog read whole");
        let from_pack = pack.settle(|source| answers(source, &cart, message));
        assert_eq!(from_pack, from_feed, "{message}");
    }
    let messages = ENGLISH.len() + HINDI.len();
    assert!(pack.fetched() < 6 * messages, "{} pieces", pack.fetched());
}
