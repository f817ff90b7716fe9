//! What a pack holds, read from how shops write it ("500 gm", "8x250 ml", "1 L x 12 U"),
//! and the price per kilogram, litre or piece that lets a shopper compare packs.

use rust_decimal::Decimal;

use crate::catalog::Variant;
use crate::money::{Money, Rounding};
use crate::search::words;
use crate::text::whole_number;

/// A pack size in thousandths of its base unit: 5 kg = 5,000,000 (thousandths of a gram).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackSize {
    pub thousandths: u64,
    pub base: BaseUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUnit {
    Gram,
    Millilitre,
    Piece,
}

/// "1.5" → 1500 thousandths.
fn thousandths(number: &str) -> Option<u64> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > 3 || whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let whole = if whole.is_empty() {
        0
    } else {
        whole_number(whole)?
    };
    let fraction = whole_number(&format!("{fraction:0<3}"))?;
    whole.checked_mul(1000)?.checked_add(fraction)
}

/// The size a number and a (normalised) unit word make: ("500", "g") → 500 g.
pub(crate) fn pack_size(number: &str, unit: &str) -> Option<PackSize> {
    let amount = thousandths(number)?;
    let (factor, base) = match unit {
        "g" => (1, BaseUnit::Gram),
        "kg" => (1000, BaseUnit::Gram),
        "ml" => (1, BaseUnit::Millilitre),
        "l" => (1000, BaseUnit::Millilitre),
        "pcs" => (1, BaseUnit::Piece),
        _ => return None,
    };
    Some(PackSize {
        thousandths: amount.checked_mul(factor)?,
        base,
    })
}

pub(crate) fn is_number(word: &str) -> bool {
    word.bytes().next().is_some_and(|b| b.is_ascii_digit()) && thousandths(word).is_some()
}

/// Every pack size written in a text: "Amul Butter 500 gm" → [500 g].
pub fn sizes_in(text: &str) -> Vec<PackSize> {
    let words = words(text);
    words
        .windows(2)
        .filter_map(|pair| pack_size(&pair[0], &pair[1]))
        .collect()
}

/// A count of packs in a multipack: a whole number from 2.
fn count(word: Option<&String>) -> Option<u64> {
    whole_number(word?).filter(|n| *n >= 2)
}

/// Everything one pack holds: "Amul Butter 500 gm" → 500 g, "Thums Up 8x250 ml" → 2 L,
/// "Amul Taaza 1 L x 12 U" → 12 L, "Maggi 70 g (Pack of 4)" → 280 g. `None` when no size
/// is written, when different sizes are ("Shampoo 340 ml + Conditioner 180 ml") or
/// something comes free: no unit price is better than a wrong one.
pub fn contents(text: &str) -> Option<PackSize> {
    let words = words(text);
    if words.iter().any(|w| w == "free") {
        return None;
    }
    let word = |at: usize| words.get(at);
    let pack_of = words
        .windows(2)
        .position(|pair| matches!(pair[0].as_str(), "pack" | "set") && pair[1] == "of")
        .and_then(|at| count(word(at + 2)));
    let mut found: Option<PackSize> = None;
    for at in 0..words.len().saturating_sub(1) {
        let Some(size) = pack_size(&words[at], &words[at + 1]) else {
            continue;
        };
        let before = at
            .checked_sub(2)
            .filter(|b| words[b + 1] == "x")
            .and_then(|b| count(word(b)));
        let after = (word(at + 2).is_some_and(|w| w == "x"))
            .then(|| count(word(at + 3)))
            .flatten();
        let packs = before.or(after).or(pack_of).unwrap_or(1);
        let total = PackSize {
            thousandths: size.thousandths.checked_mul(packs)?,
            base: size.base,
        };
        if found.is_some_and(|earlier| earlier != total) {
            return None;
        }
        found = Some(total);
    }
    found.filter(|size| size.thousandths > 0)
}

/// The measure a unit price is given per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Kilogram,
    Litre,
    Piece,
}

/// A price per kilogram, litre or piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitPrice {
    pub price: Money,
    pub per: Measure,
}

/// What `variant` costs per kilogram, litre or piece, rounded by the shop's `rounding`.
/// Its size is the one the merchant gave it (the catalog's `pack`, the feed's `size`);
/// titles are not read for it, since they also give capacities ("Pressure Cooker 3
/// Litres"). `None` when the size is unknown or is exactly one measure (the price
/// already says it).
pub fn unit_price(variant: &Variant, rounding: Rounding) -> Option<UnitPrice> {
    let size = contents(variant.size.as_deref()?)?;
    let (per, measure_thousandths) = match size.base {
        BaseUnit::Gram => (Measure::Kilogram, 1_000_000),
        BaseUnit::Millilitre => (Measure::Litre, 1_000_000),
        BaseUnit::Piece => (Measure::Piece, 1_000),
    };
    if size.thousandths == measure_thousandths {
        return None;
    }
    let price = variant
        .unit_price()
        .scaled(
            Decimal::from(measure_thousandths),
            Decimal::from(size.thousandths),
            rounding,
        )
        .ok()?;
    Some(UnitPrice { price, per })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::inr;
    use crate::catalog::Catalog;

    fn g(thousandths: u64) -> Option<PackSize> {
        Some(PackSize {
            thousandths,
            base: BaseUnit::Gram,
        })
    }

    #[test]
    fn sizes_are_read_from_titles_in_any_spelling() {
        let g = |n| PackSize {
            thousandths: n,
            base: BaseUnit::Gram,
        };
        assert_eq!(sizes_in("Amul Butter 500 gm"), [g(500_000)]);
        assert_eq!(sizes_in("Surf Excel 1.5 kg"), [g(1_500_000)]);
        assert_eq!(sizes_in("Curd 500g"), [g(500_000)]);
        assert_eq!(sizes_in("Maggi Noodles 4 x 70 gm"), [g(70_000)]);
        assert!(sizes_in("Brown Bread").is_empty());
    }

    #[test]
    fn multipacks_count_every_pack() {
        let ml = |thousandths| {
            Some(PackSize {
                thousandths,
                base: BaseUnit::Millilitre,
            })
        };
        assert_eq!(contents("Amul Butter 500 gm"), g(500_000));
        assert_eq!(contents("Thums Up Bottle 8x250 ml"), ml(2_000_000));
        assert_eq!(contents("Amul Taaza Toned Milk 1 L x 12 U"), ml(12_000_000));
        assert_eq!(
            contents("Gowardhan Pure Cow Ghee Pouch 2x1L"),
            ml(2_000_000)
        );
        assert_eq!(contents("Orion O'Rice Cracker 14x10.8 gm"), g(151_200));
        assert_eq!(contents("Maggi Noodles 70 g (Pack of 4)"), g(280_000));
        assert_eq!(
            contents("Yoga Bar Muesli - Almond + Quinoa Crunch 400 gm"),
            g(400_000)
        );
        assert_eq!(
            contents("Farm Fresh Eggs 12 pcs"),
            Some(PackSize {
                thousandths: 12_000,
                base: BaseUnit::Piece
            })
        );
    }

    #[test]
    fn unclear_packs_have_no_contents() {
        for text in [
            "Brown Bread",
            "Shampoo 340 ml + Conditioner 180 ml",
            "Surf Excel 1 kg (500 g free)",
            "Rin Bar 250 g Buy 4 Get 1 Free",
            "Sugar 0 g",
        ] {
            assert_eq!(contents(text), None, "{text}");
        }
    }

    #[test]
    fn unit_prices_compare_packs_and_follow_the_shop_rounding() {
        let catalog = Catalog::from_json(
            r#"{"format": "chatcart-catalog", "version": 1, "currency": "INR",
              "categories": [{"id": "all", "name": "All"}],
              "products": [
                {"id": "atta", "title": "Atta", "category": "all", "pack": "5 kg", "price": "249"},
                {"id": "chips", "title": "Chips", "category": "all", "pack": "90 g", "price": "40"},
                {"id": "lizol", "title": "Lizol", "category": "all", "pack": "975 ml", "price": "219"},
                {"id": "curd", "title": "Curd", "category": "all", "pack": "400 g", "price": "45.25"},
                {"id": "eggs", "title": "Eggs", "category": "all", "pack": "12 pcs", "price": "120"},
                {"id": "soap", "title": "Soap", "category": "all", "pack": "4 x 125 g", "price": "199"},
                {"id": "ghee", "title": "Ghee", "category": "all", "pack": "1 L", "price": "650"},
                {"id": "bread", "title": "Bread", "category": "all", "price": "45"},
                {"id": "cooker", "title": "Pressure Cooker 3 Litres", "category": "all", "price": "1230"}
              ]}"#,
            inr(),
        )
        .unwrap();
        let symbol = |measure| match measure {
            Measure::Kilogram => "kg",
            Measure::Litre => "L",
            Measure::Piece => "pc",
        };
        let per = |id: &str, rounding| {
            let (_, variant) = catalog.variant(id).unwrap();
            unit_price(variant, rounding)
                .map(|u| format!("{}/{}", u.price.amount_string(), symbol(u.per)))
        };
        let every_rule = |id: &str| -> Vec<String> {
            Rounding::ALL
                .iter()
                .map(|r| per(id, *r).unwrap_or_default())
                .collect()
        };
        assert_eq!(per("atta", Rounding::default()).unwrap(), "49.80/kg");
        assert_eq!(per("eggs", Rounding::default()).unwrap(), "10.00/pc");
        assert_eq!(per("soap", Rounding::default()).unwrap(), "398.00/kg");
        // Half-even, half-up, half-down, up, down. 40 / 0.09 = 444.444…
        assert_eq!(
            every_rule("chips"),
            [
                "444.44/kg",
                "444.44/kg",
                "444.44/kg",
                "444.45/kg",
                "444.44/kg"
            ]
        );
        // 219 / 0.975 = 224.615…
        assert_eq!(
            every_rule("lizol"),
            ["224.62/L", "224.62/L", "224.62/L", "224.62/L", "224.61/L"]
        );
        // 45.25 / 0.4 = 113.125, a tie.
        assert_eq!(
            every_rule("curd"),
            [
                "113.12/kg",
                "113.13/kg",
                "113.12/kg",
                "113.13/kg",
                "113.12/kg"
            ]
        );
        assert_eq!(
            per("ghee", Rounding::default()),
            None,
            "1 L says it already"
        );
        assert_eq!(per("bread", Rounding::default()), None, "no size given");
        assert_eq!(
            per("cooker", Rounding::default()),
            None,
            "a capacity in a title"
        );
    }
}
