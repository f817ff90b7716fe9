//! The cart: product ids and quantities only; prices are always derived from the catalog.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Product};
use crate::money::{Money, MoneyError};

/// Most units of one product a cart line may hold.
pub const MAX_QUANTITY: u32 = 99;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    lines: Vec<CartLine>,
}

/// Every change a shopper can make to a cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartAction {
    Add { product_id: String, quantity: u32 },
    SetQuantity { product_id: String, quantity: u32 },
    Remove { product_id: String },
    Clear,
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

    pub fn quantity_of(&self, product_id: &str) -> u32 {
        self.lines
            .iter()
            .find(|l| l.product_id == product_id)
            .map_or(0, |l| l.quantity)
    }

    /// Applies one action. Products that are unknown or cannot be added are ignored,
    /// quantities are held within 1..=MAX_QUANTITY, and quantity 0 removes the line.
    pub fn apply(&self, action: CartAction, catalog: &Catalog) -> Cart {
        let mut lines = self.lines.clone();
        match action {
            CartAction::Add {
                product_id,
                quantity,
            } => {
                if catalog
                    .product(&product_id)
                    .is_some_and(Product::can_be_added)
                {
                    let wanted = self.quantity_of(&product_id).saturating_add(quantity);
                    set_quantity(&mut lines, product_id, wanted);
                }
            }
            CartAction::SetQuantity {
                product_id,
                quantity,
            } => {
                if self.quantity_of(&product_id) > 0 {
                    set_quantity(&mut lines, product_id, quantity);
                }
            }
            CartAction::Remove { product_id } => lines.retain(|l| l.product_id != product_id),
            CartAction::Clear => lines.clear(),
        }
        Cart { lines }
    }

    /// Keeps only lines whose product is still in the catalog; returns the ids dropped.
    pub fn retain_known(&self, catalog: &Catalog) -> (Cart, Vec<String>) {
        let (kept, dropped): (Vec<_>, Vec<_>) = self
            .lines
            .iter()
            .cloned()
            .partition(|l| catalog.product(&l.product_id).is_some());
        (
            Cart { lines: kept },
            dropped.into_iter().map(|l| l.product_id).collect(),
        )
    }

    /// Prices every line from the catalog. Lines whose product is gone are skipped.
    pub fn price<'a>(&self, catalog: &'a Catalog) -> Result<PricedCart<'a>, MoneyError> {
        let mut subtotal = Money::zero(catalog.currency);
        let mut lines = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            let Some(product) = catalog.product(&line.product_id) else {
                continue;
            };
            let line_total = product.unit_price().times(line.quantity)?;
            subtotal = subtotal.checked_add(&line_total)?;
            lines.push(PricedLine {
                product,
                quantity: line.quantity,
                line_total,
            });
        }
        Ok(PricedCart { lines, subtotal })
    }
}

fn set_quantity(lines: &mut Vec<CartLine>, product_id: String, quantity: u32) {
    let quantity = quantity.min(MAX_QUANTITY);
    match lines.iter_mut().position(|l| l.product_id == product_id) {
        _ if quantity == 0 => lines.retain(|l| l.product_id != product_id),
        Some(index) => lines[index].quantity = quantity,
        None => lines.push(CartLine {
            product_id,
            quantity,
        }),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine<'a> {
    pub product: &'a Product,
    pub quantity: u32,
    pub line_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedCart<'a> {
    pub lines: Vec<PricedLine<'a>>,
    /// Exactly the sum of the line totals.
    pub subtotal: Money,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::sample;

    fn add(id: &str, quantity: u32) -> CartAction {
        CartAction::Add {
            product_id: id.into(),
            quantity,
        }
    }

    fn set(id: &str, quantity: u32) -> CartAction {
        CartAction::SetQuantity {
            product_id: id.into(),
            quantity,
        }
    }

    #[test]
    fn adding_twice_accumulates_and_prices_exactly() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 1), &catalog)
            .apply(add("butter-500", 1), &catalog)
            .apply(add("atta-5kg", 1), &catalog);
        assert_eq!(cart.item_count(), 3);
        assert_eq!(cart.quantity_of("atta-5kg"), 2);
        let priced = cart.price(&catalog).unwrap();
        let totals: Vec<_> = priced
            .lines
            .iter()
            .map(|l| l.line_total.amount_string())
            .collect();
        assert_eq!(totals, ["498.00", "285.00"]);
        assert_eq!(priced.subtotal.amount_string(), "783.00");
    }

    #[test]
    fn unknown_and_out_of_stock_products_cannot_be_added() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("ghee-1l", 1), &catalog)
            .apply(add("no-such-thing", 1), &catalog);
        assert!(cart.is_empty());
    }

    #[test]
    fn quantities_stay_within_limits() {
        let catalog = sample();
        let cart = Cart::default().apply(add("atta-5kg", 250), &catalog);
        assert_eq!(cart.quantity_of("atta-5kg"), MAX_QUANTITY);
        let cart = cart.apply(add("atta-5kg", 1), &catalog);
        assert_eq!(cart.quantity_of("atta-5kg"), MAX_QUANTITY);
        let cart = cart.apply(set("atta-5kg", 3), &catalog);
        assert_eq!(cart.quantity_of("atta-5kg"), 3);
        // Setting the quantity of a product not in the cart does not add it.
        let cart = cart.apply(set("butter-500", 3), &catalog);
        assert_eq!(cart.quantity_of("butter-500"), 0);
        let cart = cart.apply(set("atta-5kg", 0), &catalog);
        assert!(cart.is_empty());
    }

    #[test]
    fn remove_and_clear() {
        let catalog = sample();
        let cart = Cart::default()
            .apply(add("atta-5kg", 2), &catalog)
            .apply(add("butter-500", 1), &catalog);
        let removed = cart.apply(
            CartAction::Remove {
                product_id: "atta-5kg".into(),
            },
            &catalog,
        );
        assert_eq!(
            removed.lines(),
            [CartLine {
                product_id: "butter-500".into(),
                quantity: 1
            }]
        );
        assert!(cart.apply(CartAction::Clear, &catalog).is_empty());
    }

    #[test]
    fn lines_for_products_gone_from_the_catalog_are_dropped() {
        let catalog = sample();
        let stored: Cart = serde_json::from_str(
            r#"{"lines":[{"product_id":"atta-5kg","quantity":2},{"product_id":"discontinued","quantity":1}]}"#,
        )
        .unwrap();
        let (cart, dropped) = stored.retain_known(&catalog);
        assert_eq!(dropped, ["discontinued"]);
        assert_eq!(cart.item_count(), 2);
    }
}
