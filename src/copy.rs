//! Every sentence the shop says, in one place (English for now).

use chatcart_core::cart::CartChange;
use chatcart_core::catalog::{Availability, Catalog, LoadError, Variant};
use chatcart_core::chat::{Heading, Intent, Reply};
use chatcart_core::money::Money;

use crate::state::QuickReply;

pub fn opening(store: &str) -> String {
    format!("Welcome to {store}! Say hi to start shopping.")
}

/// The name of a catalog item by retailer id: "Amul Butter (500 g)".
fn item_name(catalog: Option<&Catalog>, retailer_id: &str) -> String {
    catalog
        .and_then(|c| c.variant(retailer_id))
        .map_or_else(|| retailer_id.to_owned(), |(p, v)| p.display_name(v))
}

/// The line above a list of product cards.
pub fn products_heading(heading: &Heading, count: usize) -> String {
    let count = match count {
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    match heading {
        Heading::Category(name) => format!("{name}: {count}"),
        Heading::SearchResults(query) => format!("Found {count} for \"{query}\""),
        Heading::Closest(query) => {
            format!("Nothing has every word of \"{query}\"; the closest {count}:")
        }
    }
}

pub fn reply(reply: &Reply, store: &str, catalog: Option<&Catalog>) -> String {
    match reply {
        Reply::Welcome => format!(
            "Namaste! This is {store}. Browse our categories, type what you need \
             (like \"atta\" or \"butter\"), or open your cart."
        ),
        Reply::Categories => "Here is what we sell. Pick a category:".into(),
        Reply::Subcategories { category, .. } => format!(
            "What in {}? Pick one:",
            catalog
                .and_then(|c| c.category(category))
                .map_or(category.as_str(), |c| c.name.as_str())
        ),
        Reply::Products {
            heading,
            product_ids,
        } => products_heading(heading, product_ids.len()),
        Reply::Added {
            retailer_id,
            quantity,
        } => format!(
            "Added {quantity} x {} to your cart.",
            item_name(catalog, retailer_id)
        ),
        Reply::WhichOne { .. } => {
            "Which one do you mean? Pick one below, or type more of its name.".into()
        }
        Reply::Removed { retailer_id } => {
            format!(
                "Removed {} from your cart.",
                item_name(catalog, retailer_id)
            )
        }
        Reply::WhichToRemove { .. } => "Which one should I take out of your cart?".into(),
        Reply::CartCleared => "Your cart is empty now.".into(),
        Reply::NotInCart { query } => format!("There's no \"{query}\" in your cart."),
        Reply::NoMatches { query } => format!(
            "Sorry, nothing matches \"{query}\". Try another word, or browse the categories."
        ),
        Reply::AskWhatToSearch => "What are you looking for? Type a product or brand.".into(),
        Reply::OpenCart => "Here is your cart.".into(),
        Reply::OpenCheckout => "Let's check out.".into(),
        Reply::Help => "You can type a product name to search, \"menu\" to browse \
                        categories, \"cart\" to see your cart, or \"checkout\" to order."
            .into(),
        Reply::CatalogUnavailable => {
            "The product list isn't available right now, so I can't show products yet.".into()
        }
    }
}

pub fn quick_reply_label(quick: &QuickReply, catalog: Option<&Catalog>) -> String {
    match quick {
        QuickReply::Say(Intent::Greet) => "Hi".into(),
        QuickReply::Say(Intent::Browse) => "Browse categories".into(),
        QuickReply::Say(Intent::Search(_)) => "Search".into(),
        QuickReply::Say(Intent::Cart) => "View cart".into(),
        QuickReply::Say(Intent::Checkout) => "Checkout".into(),
        QuickReply::Say(Intent::Help) => "Help".into(),
        QuickReply::Say(Intent::ClearCart) => "Clear cart".into(),
        QuickReply::Say(Intent::WholeCategory(id)) => format!(
            "All {}",
            catalog
                .and_then(|c| c.category(id))
                .map_or(id.as_str(), |c| c.name.as_str())
        ),
        QuickReply::Say(Intent::Subcategory { name, .. }) => name.clone(),
        QuickReply::UndoClear => "Undo".into(),
        QuickReply::Say(Intent::Category(id)) => catalog
            .and_then(|c| c.category(id))
            .map_or_else(|| id.clone(), |c| c.name.clone()),
        QuickReply::Say(Intent::Order(request)) => request.query.clone(),
        QuickReply::RetryCatalog => "Try again".into(),
        QuickReply::Add { retailer_id, .. } | QuickReply::Remove { retailer_id } => {
            item_name(catalog, retailer_id)
        }
    }
}

/// What a shopper should know before adding an item that is orderable but not in stock.
pub fn availability_note(availability: Availability) -> Option<&'static str> {
    match availability {
        Availability::Preorder => Some("Pre-order: delivered when it arrives"),
        Availability::AvailableForOrder => Some("Made to order: takes longer to deliver"),
        _ => None,
    }
}

/// Why an item cannot be added.
pub fn unavailable_label(availability: Availability) -> &'static str {
    match availability {
        Availability::Discontinued => "No longer sold",
        _ => "Out of stock",
    }
}

/// The name of a product's choice: "Size", "Colour" or both.
pub fn option_kind(has_size: bool, has_color: bool) -> &'static str {
    match (has_size, has_color) {
        (true, true) => "Size and colour",
        (false, true) => "Colour",
        (true, false) => "Size",
        (false, false) => "Option",
    }
}

/// One entry of the variant picker: "M, Blue", "XL (out of stock)".
pub fn variant_option(variant: &Variant) -> String {
    let label = variant
        .label()
        .unwrap_or_else(|| variant.retailer_id.clone());
    if variant.can_order() {
        label
    } else {
        format!(
            "{label} ({})",
            unavailable_label(variant.availability).to_lowercase()
        )
    }
}

/// "9–16 of 48"
pub fn page_position(first: usize, last: usize, total: usize) -> String {
    format!("{first}–{last} of {total}")
}

pub const MORE_ON_THE_SHOP_SITE: &str = "More on the shop's website";

pub const CART_RESTORED: &str = "Your cart is back as it was.";

pub const OLDER_RESULTS_HIDDEN: &str = "Older results are folded away.";
pub const SHOW_AGAIN: &str = "Show these again";
pub const EARLIER_MESSAGES_HIDDEN: &str = "Earlier messages are hidden to keep the chat quick.";

pub fn cart_button_label(items: u32) -> String {
    match items {
        0 => "Cart, empty".into(),
        1 => "Cart, 1 item".into(),
        n => format!("Cart, {n} items"),
    }
}

pub fn catalog_timed_out(url: &str, seconds: u32) -> String {
    format!("the catalog at {url} did not answer within {seconds} seconds")
}

pub fn catalog_unreachable(url: &str) -> String {
    format!("the catalog at {url} could not be reached (network error or blocked address)")
}

pub fn catalog_http_error(url: &str, status: u16, status_text: &str) -> String {
    format!("the catalog at {url} answered {status} {status_text}")
        .trim_end()
        .to_owned()
}

pub fn catalog_invalid(url: &str, error: &LoadError) -> String {
    format!("the catalog at {url} can't be used: {error}")
}

pub fn catalog_failed(reason: &str) -> String {
    format!(
        "Sorry, the product list couldn't be loaded: {reason}. You can still chat, and try again."
    )
}

pub const CATALOG_STILL_LOADING: &str =
    "One moment, the product list is still on its way. I'll show it as soon as it arrives.";

pub fn cart_change(change: &CartChange, money: &dyn Fn(&Money) -> String) -> String {
    match change {
        CartChange::Removed { title } => format!("{title} is no longer sold here and was removed."),
        CartChange::Unavailable { title } => {
            format!(
                "{title} can't be ordered right now; it stays in your cart but not in the order."
            )
        }
        CartChange::PriceChanged { title, was, now } => {
            format!("{title} now costs {} (it was {}).", money(now), money(was))
        }
    }
}

pub fn cart_changed(lines: &[String]) -> String {
    format!("Since your last visit: {}", lines.join(" "))
}

pub fn cart_set_aside(problem: &str) -> String {
    format!("Your saved cart couldn't be read ({problem}), so it was set aside and you're starting with an empty cart.")
}

pub const CART_NOT_SAVED: &str =
    "This browser won't let me save your cart, so it will be kept only while this page is open.";

/// Names the number the order goes to, so a shopper can tell a look-alike shop link.
pub fn order_ready(reference: &str, whatsapp_digits: &str) -> String {
    format!("Order {reference} is ready. Send it to the shop on WhatsApp (+{whatsapp_digits}) to confirm.")
}

pub fn handoff_blocked(reason: &str) -> String {
    format!("The order can't be sent yet: {reason}. Your cart and details are kept; please tell the shop.")
}

pub const NOTHING_TO_ORDER: &str = "nothing in the cart can be ordered right now";

pub const PRICES_NOT_LOADED: &str =
    "the product list hasn't loaded, so the prices can't be checked";

pub fn cart_waiting_for_prices(items: u32) -> String {
    let items = match items {
        1 => "1 item".to_owned(),
        n => format!("{n} items"),
    };
    format!("Your cart has {items}. Prices and totals will show once the product list loads.")
}

pub const ORDER_SENT: &str =
    "Thanks! Your order went to WhatsApp. Press send there if you haven't yet. Say hi to start a new order.";
