//! The cart: what the shopper chose, by retailer id and quantity. Prices always come
//! from the catalog; each line also remembers the title and price it was added at, so a
//! later visit can say what changed.

use thiserror::Error;

use crate::catalog::{Product, Variant};
use crate::json::{self, Json, JsonError, ToJson};
use crate::money::{Money, MoneyError};
use crate::retailer_id::RetailerId;
use crate::source::{Awaited, CatalogSource, Lookup};

pub use crate::limits::DEFAULT_MAX_QUANTITY;

/// Version of the stored cart's JSON shape.
pub const CART_STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub retailer_id: RetailerId,
    pub quantity: u32,
    /// Name when added, to name the line even if the product leaves the catalog.
    pub title: String,
    /// Unit price when added or last confirmed, as an exact decimal string.
    pub unit_price: String,
}

impl ToJson for CartLine {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("retailer_id", &self.retailer_id.as_str()),
                ("quantity", &self.quantity),
                ("title", &self.title),
                ("unit_price", &self.unit_price),
            ],
        );
    }
}

impl CartLine {
    fn read(json: &Json) -> Result<CartLine, JsonError> {
        let line = json.fields(&["retailer_id", "quantity", "title", "unit_price"])?;
        Ok(CartLine {
            retailer_id: line.required_string("retailer_id")?.into(),
            quantity: line.required_u32("quantity")?,
            title: line.required_string("title")?,
            unit_price: line.required_string("unit_price")?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cart {
    lines: Vec<CartLine>,
}

/// Every change a shopper can make to a cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartAction {
    Add {
        retailer_id: RetailerId,
        quantity: u32,
    },
    SetQuantity {
        retailer_id: RetailerId,
        quantity: u32,
    },
    Remove {
        retailer_id: RetailerId,
    },
    Clear,
}

/// What changed in a saved cart since the shopper last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartChange {
    /// The item left the catalog; its line was removed.
    Removed { title: String },
    /// The item is still listed but cannot be ordered now (out of stock, discontinued).
    Unavailable { title: String },
    PriceChanged {
        title: String,
        was: Money,
        now: Money,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoredCartError {
    #[error("the saved cart is not readable ({0})")]
    Corrupt(String),
    #[error("the saved cart is version {0}, which this shop does not know")]
    UnknownVersion(u32),
}

impl Cart {
    pub fn lines(&self) -> &[CartLine] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Units across all lines: the cart badge.
    pub fn item_count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    pub fn quantity_of(&self, retailer_id: &str) -> u32 {
        self.lines
            .iter()
            .find(|l| l.retailer_id == retailer_id)
            .map_or(0, |l| l.quantity)
    }

    /// Applies one action. Items that are unknown or cannot be ordered are not added,
    /// quantities stay within 1..=`max_quantity`, and quantity 0 removes the line.
    pub fn apply(
        &self,
        action: CartAction,
        source: &dyn CatalogSource,
        max_quantity: u32,
    ) -> Lookup<Cart> {
        let mut lines = self.lines.clone();
        match action {
            CartAction::Add {
                retailer_id,
                quantity,
            } => {
                if let Some((product, variant)) = source.variant(&retailer_id)? {
                    if variant.can_order() {
                        let wanted = self.quantity_of(&retailer_id).saturating_add(quantity);
                        match lines.iter_mut().find(|l| l.retailer_id == retailer_id) {
                            Some(line) => line.quantity = wanted.min(max_quantity),
                            None if wanted > 0 => lines.push(CartLine {
                                retailer_id,
                                quantity: wanted.min(max_quantity),
                                title: product.display_name(variant),
                                unit_price: variant.unit_price().amount_string(),
                            }),
                            None => {}
                        }
                    }
                }
            }
            CartAction::SetQuantity {
                retailer_id,
                quantity,
            } => {
                if quantity == 0 {
                    lines.retain(|l| l.retailer_id != retailer_id);
                } else if let Some(line) = lines.iter_mut().find(|l| l.retailer_id == retailer_id) {
                    line.quantity = quantity.min(max_quantity);
                }
            }
            CartAction::Remove { retailer_id } => lines.retain(|l| l.retailer_id != retailer_id),
            CartAction::Clear => lines.clear(),
        }
        Ok(Cart { lines })
    }

    /// What each line's retailer id names now, asking for every missing piece at once.
    fn look_up<'a>(
        &self,
        source: &'a dyn CatalogSource,
    ) -> Lookup<Vec<Option<(&'a Product, &'a Variant)>>> {
        let mut awaited = Awaited::default();
        let found = self
            .lines
            .iter()
            .map(|line| awaited.take(source.variant(&line.retailer_id)).flatten())
            .collect();
        awaited.done()?;
        Ok(found)
    }

    /// Checks a saved cart against the current catalog: lines for items that left it
    /// are dropped, and price changes and unavailable items are reported. Prices are
    /// then taken as seen.
    pub fn reconcile(
        &self,
        source: &dyn CatalogSource,
        max_quantity: u32,
    ) -> Lookup<(Cart, Vec<CartChange>)> {
        let mut changes = Vec::new();
        let mut lines = Vec::with_capacity(self.lines.len());
        for (line, found) in self.lines.iter().zip(self.look_up(source)?) {
            let Some((product, variant)) = found else {
                changes.push(CartChange::Removed {
                    title: line.title.clone(),
                });
                continue;
            };
            let title = product.display_name(variant);
            let now = variant.unit_price();
            if !variant.can_order() {
                changes.push(CartChange::Unavailable {
                    title: title.clone(),
                });
            } else if now.amount_string() != line.unit_price {
                if let Ok(was) = Money::parse(&line.unit_price, source.currency()) {
                    changes.push(CartChange::PriceChanged {
                        title: title.clone(),
                        was,
                        now,
                    });
                }
            }
            lines.push(CartLine {
                retailer_id: line.retailer_id.clone(),
                quantity: line.quantity.clamp(1, max_quantity),
                title,
                unit_price: now.amount_string(),
            });
        }
        Ok((Cart { lines }, changes))
    }

    /// Prices the lines that can be ordered; the others are listed apart and left out
    /// of the total. Line totals are rounded by the shop's `rounding`; the subtotal is
    /// exactly their sum.
    pub fn price<'a>(
        &self,
        source: &'a dyn CatalogSource,
    ) -> Lookup<Result<PricedCart<'a>, MoneyError>> {
        let mut priced = PricedCart {
            lines: Vec::with_capacity(self.lines.len()),
            unavailable: Vec::new(),
            subtotal: Money::zero(source.currency()),
        };
        for (line, found) in self.lines.iter().zip(self.look_up(source)?) {
            let Some((product, variant)) = found else {
                continue;
            };
            if !variant.can_order() {
                priced.unavailable.push((product, variant));
                continue;
            }
            let line_total = match variant.unit_price().times(line.quantity) {
                Ok(total) => total,
                Err(overflow) => return Ok(Err(overflow)),
            };
            priced.subtotal = match priced.subtotal.checked_add(&line_total) {
                Ok(sum) => sum,
                Err(overflow) => return Ok(Err(overflow)),
            };
            priced.lines.push(PricedLine {
                product,
                variant,
                quantity: line.quantity,
                line_total,
            });
        }
        Ok(Ok(priced))
    }

    /// The cart as saved in the browser: `{"version":1,"lines":[...]}`.
    pub fn to_storage(&self) -> String {
        json::object_text(&[("version", &CART_STORAGE_VERSION), ("lines", &self.lines)])
    }

    /// Reads a saved cart; anything not written by `to_storage` is an error, never a
    /// guess. The shop's limits hold again: an item listed twice becomes one line, and no
    /// line holds more than `max_quantity` or less than one.
    pub fn from_storage(text: &str, max_quantity: u32) -> Result<Cart, StoredCartError> {
        let corrupt = |e: JsonError| StoredCartError::Corrupt(e.placed_in(text));
        let json = json::parse(text).map_err(corrupt)?;
        let version = json
            .object()
            .and_then(|cart| cart.required_u32("version"))
            .map_err(corrupt)?;
        if version != CART_STORAGE_VERSION {
            return Err(StoredCartError::UnknownVersion(version));
        }
        let stored = json
            .fields(&["version", "lines"])
            .and_then(|cart| cart.required_list("lines", CartLine::read))
            .map_err(corrupt)?;
        let mut lines: Vec<CartLine> = Vec::with_capacity(stored.len());
        for line in stored {
            match lines.iter_mut().find(|l| l.retailer_id == line.retailer_id) {
                Some(first) => first.quantity = first.quantity.saturating_add(line.quantity),
                None => lines.push(line),
            }
        }
        for line in &mut lines {
            line.quantity = line.quantity.clamp(1, max_quantity);
        }
        Ok(Cart { lines })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine<'a> {
    pub product: &'a Product,
    pub variant: &'a Variant,
    pub quantity: u32,
    pub line_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedCart<'a> {
    pub lines: Vec<PricedLine<'a>>,
    /// In the cart but not orderable now; not in the subtotal.
    pub unavailable: Vec<(&'a Product, &'a Variant)>,
    /// Exactly the sum of the line totals.
    pub subtotal: Money,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{inr, sample};

    const MAX: u32 = DEFAULT_MAX_QUANTITY;

    fn add(id: &str, quantity: u32) -> CartAction {
        CartAction::Add {
            retailer_id: id.into(),
            quantity,
        }
    }

    fn set(id: &str, quantity: u32) -> CartAction {
        CartAction::SetQuantity {
            retailer_id: id.into(),
            quantity,
        }
    }

    #[test]
    fn adding_twice_accumulates_and_prices_exactly() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 1), &catalog, MAX)
            .unwrap()
            .apply(add("butter-500", 1), &catalog, MAX)
            .unwrap()
            .apply(add("atta-5kg", 1), &catalog, MAX)
            .unwrap();
        assert_eq!(cart.item_count(), 3);
        assert_eq!(cart.quantity_of("atta-5kg"), 2);
        assert_eq!(cart.lines()[0].title, "Aashirvaad Whole Wheat Atta (5 kg)");
        assert_eq!(cart.lines()[0].unit_price, "249.00");
        let priced = cart.price(&catalog).unwrap().unwrap();
        let totals: Vec<_> = priced
            .lines
            .iter()
            .map(|l| l.line_total.amount_string())
            .collect();
        assert_eq!(totals, ["498.00", "285.00"]);
        assert_eq!(priced.subtotal.amount_string(), "783.00");
    }

    #[test]
    fn unknown_and_unorderable_items_cannot_be_added() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("ghee-1l", 1), &catalog, MAX)
            .unwrap()
            .apply(add("no-such-thing", 1), &catalog, MAX)
            .unwrap()
            .apply(add("atta-5kg", 0), &catalog, MAX)
            .unwrap();
        assert!(cart.is_empty());
    }

    #[test]
    fn quantities_stay_within_the_merchant_limit() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 250), &catalog, MAX)
            .unwrap();
        assert_eq!(cart.quantity_of("atta-5kg"), 99);
        let cart = cart.apply(add("atta-5kg", 1), &catalog, MAX).unwrap();
        assert_eq!(cart.quantity_of("atta-5kg"), 99);
        let cart = cart.apply(set("atta-5kg", 3), &catalog, MAX).unwrap();
        assert_eq!(cart.quantity_of("atta-5kg"), 3);
        let cart = cart.apply(set("atta-5kg", 12), &catalog, 10).unwrap();
        assert_eq!(cart.quantity_of("atta-5kg"), 10, "a merchant limit of 10");
        // Setting the quantity of an item not in the cart does not add it.
        let cart = cart.apply(set("butter-500", 3), &catalog, MAX).unwrap();
        assert_eq!(cart.quantity_of("butter-500"), 0);
        let cart = cart.apply(set("atta-5kg", 0), &catalog, MAX).unwrap();
        assert!(cart.is_empty());
    }

    #[test]
    fn remove_and_clear() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 2), &catalog, MAX)
            .unwrap()
            .apply(add("butter-500", 1), &catalog, MAX)
            .unwrap();
        let removed = cart
            .apply(
                CartAction::Remove {
                    retailer_id: "atta-5kg".into(),
                },
                &catalog,
                MAX,
            )
            .unwrap();
        let ids: Vec<_> = removed
            .lines()
            .iter()
            .map(|l| l.retailer_id.as_str())
            .collect();
        assert_eq!(ids, ["butter-500"]);
        assert!(cart
            .apply(CartAction::Clear, &catalog, MAX)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn storage_round_trips_and_rejects_what_it_did_not_write() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 2), &catalog, MAX)
            .unwrap();
        let text = cart.to_storage();
        assert_eq!(
            text,
            r#"{"version":1,"lines":[{"retailer_id":"atta-5kg","quantity":2,"title":"Aashirvaad Whole Wheat Atta (5 kg)","unit_price":"249.00"}]}"#
        );
        assert_eq!(Cart::from_storage(&text, MAX).unwrap(), cart);
        assert_eq!(
            Cart::from_storage(r#"{"version":7,"lines":[]}"#, MAX),
            Err(StoredCartError::UnknownVersion(7))
        );
        for foreign in [
            "",
            "null",
            "[1,2]",
            "{\"items\":[]}",
            r#"{"version":1,"lines":[{"id":"x"}]}"#,
        ] {
            assert!(
                matches!(
                    Cart::from_storage(foreign, MAX),
                    Err(StoredCartError::Corrupt(_))
                ),
                "{foreign:?}"
            );
        }
    }

    /// Saved by serde, before the cart wrote itself.
    const SAVED: &str = r#"{"version":1,"lines":[{"retailer_id":"atta-5kg","quantity":2,"title":"Aashirvaad \"Atta\" \\ 5 kg\n\u0001 ₹","unit_price":"249.00"},{"retailer_id":"amul-butter-500","quantity":1,"title":"Amul Butter","unit_price":"285.00"}]}"#;

    #[test]
    fn a_cart_is_saved_byte_for_byte_as_serde_saved_it() {
        let cart = Cart::from_storage(SAVED, MAX).unwrap();
        assert_eq!(
            cart.lines()[0].title,
            "Aashirvaad \"Atta\" \\ 5 kg\n\u{1} ₹"
        );
        assert_eq!(cart.to_storage(), SAVED);
    }

    #[test]
    fn a_saved_cart_comes_back_within_the_shops_limits() {
        let line = r#"{"retailer_id":"butter-500","quantity":99,"title":"Amul Butter","unit_price":"285.00"}"#;
        let three = format!(r#"{{"version":1,"lines":[{line},{line},{line}]}}"#);
        let cart = Cart::from_storage(&three, MAX).unwrap();
        assert_eq!(cart.lines().len(), 1);
        assert_eq!(cart.item_count(), 99);
        let zero = r#"{"version":1,"lines":[{"retailer_id":"atta-5kg","quantity":0,"title":"Atta","unit_price":"249.00"}]}"#;
        assert_eq!(Cart::from_storage(zero, MAX).unwrap().item_count(), 1);
        assert_eq!(Cart::from_storage(&three, 20).unwrap().item_count(), 20);
    }

    #[test]
    fn reconcile_reports_removed_unavailable_and_repriced_lines() {
        let catalog = sample();
        let stored = Cart::from_storage(
            r#"{"version":1,"lines":[
              {"retailer_id":"atta-5kg","quantity":2,"title":"Atta (5 kg)","unit_price":"239.00"},
              {"retailer_id":"gone","quantity":1,"title":"Old Biscuits","unit_price":"10.00"},
              {"retailer_id":"ghee-1l","quantity":1,"title":"Amul Pure Ghee (1 L)","unit_price":"650.00"},
              {"retailer_id":"butter-500","quantity":500,"title":"Amul Butter (500 g)","unit_price":"285.00"}
            ]}"#,
            MAX,
        )
        .unwrap();
        let (cart, changes) = stored.reconcile(&catalog, MAX).unwrap();
        assert_eq!(
            changes,
            [
                CartChange::PriceChanged {
                    title: "Aashirvaad Whole Wheat Atta (5 kg)".into(),
                    was: Money::parse("239.00", inr()).unwrap(),
                    now: Money::parse("249.00", inr()).unwrap(),
                },
                CartChange::Removed {
                    title: "Old Biscuits".into()
                },
                CartChange::Unavailable {
                    title: "Amul Pure Ghee (1 L)".into()
                },
            ]
        );
        assert_eq!(cart.lines().len(), 3);
        assert_eq!(
            cart.quantity_of("butter-500"),
            99,
            "stored quantity is held to the limit"
        );
        assert_eq!(
            cart.lines()[0].unit_price,
            "249.00",
            "the new price is now the seen one"
        );
        let (_, again) = cart.reconcile(&catalog, MAX).unwrap();
        assert_eq!(
            again,
            [CartChange::Unavailable {
                title: "Amul Pure Ghee (1 L)".into()
            }]
        );

        let priced = cart.price(&catalog).unwrap().unwrap();
        assert_eq!(priced.unavailable.len(), 1, "the ghee is listed apart");
        assert_eq!(priced.subtotal.amount_string(), "28713.00"); // 2 x 249 + 99 x 285
    }
}
