//! The shop's limits in one place: what the page allows (`data-max-quantity`), what the
//! checkout form accepts, and what `chatcart receive` takes by default. (What a catalog's
//! products may hold, ids, titles and descriptions, is the product validator's, in
//! `product.rs`.) The published
//! schema (schemas/order.schema.json) states the same field lengths.

use std::ops::RangeInclusive;

/// Most units of one item a cart line may hold unless the merchant sets another limit
/// (`data-max-quantity`, `chatcart receive --max-quantity`).
pub const DEFAULT_MAX_QUANTITY: u32 = 99;

/// What `data-max-quantity` may be set to.
pub const MAX_QUANTITY_SETTING: RangeInclusive<u32> = 1..=999;

/// Most lines one order may have unless the merchant sets another limit
/// (`chatcart receive --max-lines`).
pub const DEFAULT_MAX_LINES: usize = 100;

/// Longest customer name, in characters.
pub const NAME_MAX: usize = 80;

/// Longest shop name in an order (`store_name`), in characters: as long as the settings
/// file's `name` may be. The page's `data-store-name` or the catalog's name is cut to it.
pub const STORE_NAME_MAX: usize = 80;

/// Longest phone number as typed, spaces and dashes included.
pub const PHONE_MAX: usize = 30;

/// Longest address line: house and building, area or street.
pub const ADDRESS_LINE_MAX: usize = 120;

/// Longest city or state/region.
pub const PLACE_MAX: usize = 60;

/// Longest PIN code or postcode as typed.
pub const POSTAL_CODE_MAX: usize = 10;

/// Longest delivery slot ("5–8 pm"): longer ones in `data-delivery-slots` are cut, and
/// the receiver refuses longer ones.
pub const SLOT_MAX: usize = 60;

/// Longest delivery notes.
pub const NOTES_MAX: usize = 500;
