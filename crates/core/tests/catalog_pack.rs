//! A pack of the real DMart feed answers exactly as the feed read whole, fetching pieces,
//! and a new pack after a price change rewrites little.

mod support;

use std::collections::HashSet;

use chatcart_core::catalog::{Catalog, LoadError};
use chatcart_core::catalog_pack::{pack, PackError, PackSource, MANIFEST};
use chatcart_core::money::Money;
use chatcart_core::source::{CatalogSource, Piece, ProductIndex};
use support::{dmart, inr, InPieces};

/// Queries a shopper might type, made from the feed's own titles: first words, first two
/// words, unfinished words and misspellings; and every spoken name of the grocery
/// lexicon, alone and beside the word after it, so widening reads the same in a pack.
fn queries(catalog: &Catalog) -> Vec<String> {
    let mut queries = Vec::new();
    for entry in chatcart_core::lexicon::entries().step_by(3) {
        for spoken in entry.spoken.items() {
            queries.push(spoken.to_owned());
            queries.push(format!("{spoken} 1 kg"));
        }
    }
    queries.push("sarson ka tel".to_owned());
    queries.push("amul makhan".to_owned());
    for product in catalog.products.iter().step_by(37) {
        let words: Vec<&str> = product.title.split_whitespace().collect();
        let first = words[0].to_lowercase();
        queries.push(first.clone());
        if let Some(second) = words.get(1) {
            queries.push(format!("{first} {}", second.to_lowercase()));
        }
        let chars: Vec<char> = first.chars().collect();
        if chars.len() >= 5 {
            queries.push(chars[..4].iter().collect());
            let mut typo = chars.clone();
            typo.swap(1, 2);
            queries.push(typo.into_iter().collect());
        }
    }
    queries
}

#[test]
fn every_search_ranks_as_the_whole_catalog_does() {
    let catalog = dmart();
    let mut pack = InPieces::of(&catalog);
    let queries = queries(&catalog);
    assert!(queries.len() > 400, "{}", queries.len());
    for query in &queries {
        let whole = catalog.search(query);
        let pieces = pack.settle(|source| source.search(query));
        assert_eq!(pieces, whole, "{query}");
    }
}

#[test]
fn categories_products_and_ids_are_the_catalogs() {
    let catalog = dmart();
    let mut pack = InPieces::of(&catalog);
    assert_eq!(pack.source.version(), catalog.version);
    assert_eq!(
        pack.source.categories().unwrap(),
        catalog.categories.as_slice()
    );
    for category in &catalog.categories {
        let id = category.id.as_str();
        let subcategories = CatalogSource::subcategories(&catalog, id).unwrap();
        assert_eq!(pack.source.subcategories(id).unwrap(), subcategories);
        for sub in subcategories.iter().map(|s| Some(s.as_str())).chain([None]) {
            assert_eq!(
                pack.source.products_in(id, sub).unwrap(),
                CatalogSource::products_in(&catalog, id, sub).unwrap(),
                "{id} {sub:?}"
            );
        }
    }
    for (at, product) in catalog.products.iter().enumerate().step_by(11) {
        let place = ProductIndex(at as u32);
        let from_pack = pack.settle(|source| Ok(source.product_at(place)?.cloned()));
        assert_eq!(from_pack.as_ref(), Some(product));
        let id = product.id();
        assert_eq!(
            pack.settle(|source| Ok(source.product(id)?.cloned()))
                .as_ref(),
            Some(product)
        );
        let retailer_id = &product.variants[0].retailer_id;
        assert_eq!(
            pack.settle(|source| source.place_of(retailer_id)),
            Some(place)
        );
    }
    assert!(!pack.settle(|source| Ok(source.variant("no-such-id")?.is_some())));
    let whole = PackSource::open(&pack.files[MANIFEST], inr())
        .unwrap()
        .into_catalog(&|name| pack.files.get(name).cloned().ok_or(name.to_owned()))
        .unwrap();
    assert_eq!(whole, catalog, "a receiver reads the pack back whole");
}

#[test]
fn a_first_search_fetches_a_small_part_of_the_pack() {
    let catalog = dmart();
    let mut pack = InPieces::of(&catalog);
    let total: usize = pack.files.values().map(Vec::len).sum();
    let manifest = pack.files[MANIFEST].len();
    // The shop's first screen of results: the search and its first eight products.
    pack.settle(|source| {
        let hits = source.search("atta")?.hits;
        for hit in hits.iter().take(8) {
            source.product_at(ProductIndex(hit.product as u32))?;
        }
        Ok(())
    });
    println!(
        "pack of feed-dmart.csv: {} files, {total} bytes; manifest {manifest} bytes; \
         first search of \"atta\" with 8 products: {} pieces, {} bytes (uncompressed)",
        pack.files.len(),
        pack.fetched(),
        pack.fetched_bytes()
    );
    assert!(pack.fetched_bytes() * 20 < total);
}

#[test]
fn a_price_change_rewrites_a_small_part_of_the_pack() {
    let catalog = dmart();
    let before: HashSet<(String, Vec<u8>)> = pack(&catalog).files.into_iter().collect();
    // One product in a hundred changes its price, in a new version of the feed.
    let mut changed = catalog.clone();
    changed.version = "fnv1a64:0000000000000001".into();
    for product in changed.products.iter_mut().step_by(100) {
        let variant = &mut product.variants[0];
        let one = Money::parse("1", inr()).unwrap();
        variant.price = variant.price.checked_add(&one).unwrap();
        variant.sale_price = None;
    }
    let after = pack(&changed).files;
    let total: usize = after.iter().map(|(_, bytes)| bytes.len()).sum();
    let new: usize = after
        .iter()
        .filter(|file| !before.contains(file))
        .map(|(_, bytes)| bytes.len())
        .sum();
    println!("1% of prices changed: {new} of {total} bytes are new files");
    assert!(new * 20 <= total, "{new} of {total}");
}

#[test]
fn damaged_and_foreign_pieces_are_refused() {
    let catalog = dmart();
    let mut pack = InPieces::of(&catalog);
    let piece = match pack.source.search("atta") {
        Err(chatcart_core::source::Missing::Pieces(pieces)) => pieces[0].clone(),
        other => panic!("{other:?}"),
    };
    let mut damaged = pack.files[&piece.0].clone();
    damaged[0] ^= 1;
    assert_eq!(
        pack.source.add_piece(&piece, &damaged),
        Err(LoadError::Pack(PackError::NotItsContent(piece.0.clone())))
    );
    let stranger = Piece("pages/000000000000.json".into());
    assert!(matches!(
        pack.source.add_piece(&stranger, b"[]"),
        Err(LoadError::Pack(PackError::NotItsContent(_)))
    ));
    assert!(pack.source.search("atta").is_err(), "nothing was taken in");
    let usd = chatcart_core::money::Currency::from_code("USD").unwrap();
    assert!(matches!(
        PackSource::open(&pack.files[MANIFEST], usd),
        Err(LoadError::Pack(PackError::CurrencyMismatch { .. }))
    ));
}

#[test]
fn ids_spelled_alike_and_ids_with_tabs_are_found_as_in_the_catalog() {
    // Product A's group id is product B's retailer id; one id holds a tab and a line break.
    let feed = "id,title,price,item_group_id,size,product_type\n\
        A-1,Shirt,100.00 INR,B,M,Clothes\n\
        A-2,Shirt,110.00 INR,B,L,Clothes\n\
        B,Cap,50.00 INR,,,Clothes\n\
        \"C\tx\ny\",Socks,20.00 INR,,,Clothes\n";
    let (catalog, _) = Catalog::load(feed.as_bytes(), inr()).unwrap();
    let mut pack = InPieces::of(&catalog);
    for id in ["A-1", "A-2", "B", "C\tx\ny", "D"] {
        let place = pack.settle(|source| source.place_of(id));
        assert_eq!(place, catalog.place_of(id), "{id:?}");
        let variant = pack.settle(|source| {
            Ok(source
                .variant(id)?
                .map(|(product, variant)| (product.clone(), variant.clone())))
        });
        let whole = catalog
            .variant(id)
            .map(|(product, variant)| (product.clone(), variant.clone()));
        assert_eq!(variant, whole, "{id:?}");
        let product = pack.settle(|source| Ok(source.product(id)?.cloned()));
        assert_eq!(product.as_ref(), catalog.product(id), "{id:?}");
    }
}

#[test]
fn a_manifest_whose_runs_reach_past_its_products_is_refused() {
    let catalog = dmart();
    let pack = InPieces::of(&catalog);
    let manifest = String::from_utf8(pack.files[MANIFEST].clone()).unwrap();
    // The first category's count, made larger than the pack.
    let at = manifest.find("\"count\":").unwrap() + "\"count\":".len();
    let digits = manifest[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let broken = format!("{}4000000000{}", &manifest[..at], &manifest[at + digits..]);
    assert_eq!(
        PackSource::open(broken.as_bytes(), inr()).err(),
        Some(LoadError::Pack(PackError::Manifest(format!(
            "category \"{}\" reaches past its products",
            catalog.categories[0].id
        ))))
    );
    let too_many = manifest.replacen(
        &format!("\"products\":{}", catalog.products.len()),
        "\"products\":4000000000",
        1,
    );
    assert_eq!(
        PackSource::open(too_many.as_bytes(), inr()).err(),
        Some(LoadError::Pack(PackError::Manifest(
            "it names 4000000000 products; at most 10000000 are read".into()
        )))
    );
}

#[test]
fn a_manifest_of_another_version_or_with_mistakes_is_said_to_be_one() {
    let catalog = dmart();
    let pack = InPieces::of(&catalog);
    let manifest = String::from_utf8(pack.files[MANIFEST].clone()).unwrap();
    let refused = |text: &str| match PackSource::open(text.as_bytes(), inr()) {
        Err(LoadError::Pack(problem)) => problem,
        other => panic!("{:?}", other.map(|_| "opened")),
    };
    // A newer pack may add fields: it is said to be newer, not to have unknown fields.
    let newer = manifest
        .replacen("\"version\":1", "\"version\":2", 1)
        .replacen('{', "{\"shelves\":[],", 1);
    assert_eq!(refused(&newer), PackError::UnsupportedVersion(2));
    let unknown = manifest.replacen('{', "{\"shelves\":[],", 1);
    assert!(
        refused(&unknown)
            .to_string()
            .contains("line 1, column 2: unknown field `shelves`, expected one of `format`"),
        "{}",
        refused(&unknown)
    );
    // The page size written as text.
    let at = manifest.find("\"page_size\":").unwrap() + "\"page_size\":".len();
    let digits = manifest[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let size = &manifest[at..at + digits];
    let as_text = format!("{}\"{size}\"{}", &manifest[..at], &manifest[at + digits..]);
    assert_eq!(
        refused(&as_text),
        PackError::Manifest(format!(
            "line 1, column {}: page_size: expected a whole number from 0 to 4294967295, found the string \"{size}\"",
            at + 1
        ))
    );
    assert_eq!(
        refused("{\"format\": \"something-else\"}"),
        PackError::Manifest("its format is \"something-else\"".into())
    );
    assert_eq!(
        refused("{\"format\": 5}"),
        PackError::Manifest(
            "line 1, column 12: format: expected a string (in double quotes), found the number 5"
                .into()
        )
    );
    assert_eq!(
        refused("{\"format\": \"chatcart-pack\", \"version\": \"1\"}"),
        PackError::Manifest("line 1, column 40: version: expected a whole number from 0 to 4294967295, found the string \"1\"".into())
    );
    assert_eq!(
        refused("{\"version\": 1}"),
        PackError::Manifest("it has no \"format\": \"chatcart-pack\"".into())
    );
    assert_eq!(
        refused("{\"format\": \"chatcart-pack\"}"),
        PackError::Manifest("it has no \"version\": 1".into())
    );
    // Written with a byte order mark by an editor, it is still the manifest.
    assert!(PackSource::open(format!("\u{feff}{manifest}").as_bytes(), inr()).is_ok());
}
