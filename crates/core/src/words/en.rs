//! The shop's words in English.

use crate::cart::{CartChange, StoredCartError};
use crate::chat::{Heading, Reply};
use crate::checkout::{Field, FieldProblem};
use crate::config::ConfigProblem;
use crate::outbox::{Delivery, NotSentReason};
use crate::pack::Measure;
use crate::product::Availability;
use crate::reference::OrderReference;
use crate::session::CatalogFailure;

use super::{
    handed_to_whatsapp, order_number, seconds, FormatMoney, Label, Language, Names, Noun, Plural,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct English;

impl Language for English {
    fn tag(&self) -> &'static str {
        "en"
    }

    fn our_shop(&self) -> &'static str {
        "our shop"
    }

    fn label(&self, label: Label) -> &'static str {
        use Label::*;
        match label {
            RepliesInstantly => "Replies instantly",
            Conversation => "Conversation",
            SuggestedReplies => "Suggested replies",
            Message => "Message",
            MessagePlaceholder => "Type a message, e.g. atta",
            Send => "Send",
            YourCart => "Your cart",
            Checkout => "Checkout",
            Close => "Close",
            CartIsEmpty => "Your cart is empty.",
            Subtotal => "Subtotal",
            Remove => "Remove",
            BackToCart => "Back to cart",
            PlaceOrder => "Place order",
            SendOnWhatsApp => "Send order on WhatsApp",
            NewerOrder => "A newer order replaced this one.",
            Add => "Add",
            Was => "was ",
            Previous => "‹ Previous",
            Next => "Next ›",
            PreviousProducts => "Previous products",
            NextProducts => "Next products",
            Name => "Name",
            Phone => "Phone",
            HowToReceive => "How do you want your order?",
            Delivery => "Delivery",
            Pickup => "Pick up at the shop",
            PickupOnly => "This shop does not deliver: you pick up your order at the shop.",
            House => "House or flat, building",
            Area => "Area or landmark (optional)",
            City => "City",
            Region => "State",
            RegionOptional => "State or region (optional)",
            PinCode => "PIN code",
            Postcode => "Postcode (optional)",
            DeliveryTime => "Delivery time",
            AnyTime => "Any time",
            PaymentMethod => "Payment",
            CashOnDelivery => "Cash on delivery",
            CashAtPickup => "Cash at pickup",
            Upi => "UPI",
            PayInChat => "Pay in the chat (the shop sends details)",
            Remember => "Remember my name, phone and address on this device for my next order",
            ReviewOrder => "Review order",
            ReviewTitle => "Review your order",
            ReviewExplained => "This is exactly what the shop will receive:",
            EditDetails => "Edit details",
            CopyOrderText => "Copy order text",
            Copied => "Copied. Paste it into the chat with the shop.",
            CopyFailed => {
                "This browser won't copy for me: select the order text and copy it yourself."
            }
            OpenWhatsAppWeb => "Open in WhatsApp Web",
            ScanToContinue => "Or scan this with your phone to send it from there:",
            ScanToPay => "Scan with any UPI app to pay:",
            LinkCompacted => "The order is long, so the message lists items by the shop's codes to fit in one WhatsApp link.",
            LinkSummarised => "The order is too long for one WhatsApp link: the link carries the reference and total. Copy the full order text below and paste it into the chat right after.",
            TryAgain => "Try again",
            SendOnWhatsAppInstead => "Send on WhatsApp instead",
            SentThroughWhatsApp => {
                "This order goes through WhatsApp instead; it will not be sent twice."
            }
            OrderText => "Order text",
            ChatToOrder => "Chat to order",
            CloseChat => "Close chat",
            Notes => "Notes (optional)",
            MoreOnShopSite => "More on the shop's website",
            CartRestored => "Your cart is back as it was.",
            OlderResultsHidden => "Older results are folded away.",
            ShowAgain => "Show these again",
            EarlierMessagesHidden => "Earlier messages are hidden to keep the chat quick.",
            CatalogStillLoading => "One moment, the product list is still on its way. I'll show it as soon as it arrives.",
            CartNotSaved => "This browser won't let me save your cart, so it will be kept only while this page is open.",
            NothingToOrder => "nothing in the cart can be ordered right now",
            PricesNotLoaded => "the product list hasn't loaded, so the prices can't be checked",
            OrderSent => "Thanks! Your order went to WhatsApp. Press send there if you haven't yet. Say hi to start a new order.",
            SayHi => "Hi",
            BrowseCategories => "Browse categories",
            Search => "Search",
            ViewCart => "View cart",
            Help => "Help",
            ClearCart => "Clear cart",
            Undo => "Undo",
        }
    }

    fn plural(&self, n: u64) -> Plural {
        if n == 1 {
            Plural::One
        } else {
            Plural::Other
        }
    }

    fn noun(&self, noun: Noun, form: Plural) -> &'static str {
        match (noun, form) {
            (Noun::Product, Plural::One) => "product",
            (Noun::Product, Plural::Other) => "products",
            (Noun::Item, Plural::One) => "item",
            (Noun::Item, Plural::Other) => "items",
        }
    }

    fn opening(&self, store: Option<&str>) -> String {
        let store = store.unwrap_or(self.our_shop());
        format!("Welcome to {store}! Say hi to start shopping.")
    }

    fn products_heading(&self, heading: &Heading, count: usize) -> String {
        let count = (self as &dyn Language).counted(count as u64, Noun::Product);
        match heading {
            Heading::Category(name) => format!("{name}: {count}"),
            Heading::SearchResults(q) => format!("Found {count} for \"{q}\""),
            Heading::Closest(q) => {
                format!("Nothing has every word of \"{q}\"; the closest {count}:")
            }
            Heading::Suggestions(q) => {
                format!("Nothing matches \"{q}\" exactly. Maybe one of these?")
            }
        }
    }

    fn reply(&self, reply: &Reply, store: Option<&str>, names: &dyn Names) -> String {
        match reply {
            Reply::Welcome => {
                let store = store.unwrap_or(self.our_shop());
                format!(
                    "Namaste! This is {store}. Browse our categories, type what you need \
                     (like \"atta\" or \"butter\"), or open your cart."
                )
            }
            Reply::Categories => "Here is what we sell. Pick a category:".into(),
            Reply::Subcategories { category, .. } => {
                format!("What in {}? Pick one:", names.category(category))
            }
            Reply::Products {
                heading,
                product_ids,
            } => self.products_heading(heading, product_ids.len()),
            Reply::Added {
                retailer_id,
                quantity,
            } => format!(
                "Added {quantity} x {} to your cart.",
                names.item(retailer_id)
            ),
            Reply::WhichOne { .. } => {
                "Which one do you mean? Pick one below, or type more of its name.".into()
            }
            Reply::Removed { retailer_id } => {
                format!("Removed {} from your cart.", names.item(retailer_id))
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
            Reply::Help => {
                "Type a product name to search, \"menu\" to browse categories, \"cart\" to see \
                 your cart, or \"checkout\" to order. You can also order in one line, like \
                 \"2 atta 5kg\"."
                    .into()
            }
            Reply::CatalogUnavailable => {
                "The product list isn't available right now, so I can't show products yet.".into()
            }
        }
    }

    fn all_of(&self, category: &str) -> String {
        format!("All {category}")
    }

    fn setup_problem(&self, problem: &ConfigProblem) -> String {
        format!("Set-up problem: {problem}")
    }

    fn cart_set_aside(&self, problem: &StoredCartError) -> String {
        format!("Your saved cart couldn't be read ({problem}), so it was set aside and you're starting with an empty cart.")
    }

    fn cart_change(&self, change: &CartChange, money: FormatMoney) -> String {
        match change {
            CartChange::Removed { title } => {
                format!("{title} is no longer sold here and was removed.")
            }
            CartChange::Unavailable { title } => format!(
                "{title} can't be ordered right now; it stays in your cart but not in the order."
            ),
            CartChange::PriceChanged { title, was, now } => {
                let (was, now) = (money(was), money(now));
                format!("{title} now costs {now} (it was {was}).")
            }
        }
    }

    fn since_last_visit(&self, changes: &str) -> String {
        format!("Since your last visit: {changes}")
    }

    fn catalog_failed(&self, failure: &CatalogFailure) -> String {
        format!(
            "Sorry, the product list couldn't be loaded: {failure}. You can still chat, and try again."
        )
    }

    fn handoff_blocked(&self, reason: &str) -> String {
        format!("The order can't be sent yet: {reason}. Your cart and details are kept; please tell the shop.")
    }

    fn field_problem(&self, field: Field, problem: FieldProblem) -> String {
        match (field, problem) {
            (Field::Name, FieldProblem::Missing) => {
                "Enter your name so the shop knows who is ordering."
            }
            (Field::Phone, FieldProblem::Missing) => {
                "Enter a phone number the shop can call you on."
            }
            (Field::Phone, _) => "Enter a phone number of 7 to 15 digits, like +91 98765 43210.",
            (Field::House, FieldProblem::Missing) => {
                "Enter your house or flat number and building."
            }
            (Field::City, FieldProblem::Missing) => "Enter your city.",
            (Field::Region, FieldProblem::Missing) => "Enter your state.",
            (Field::PostalCode, FieldProblem::Missing) => "Enter your 6-digit PIN code.",
            (Field::PostalCode, FieldProblem::NotAPin) => "A PIN code has 6 digits, like 400053.",
            (Field::PostalCode, _) => {
                "Enter a postcode of 3 to 10 letters or digits, like 1015 CS."
            }
            (Field::Slot, _) => "Choose one of the delivery times the shop offers.",
            (Field::Payment, _) => "Choose a way to pay that the shop offers.",
            (_, FieldProblem::TooLong { max }) => {
                return format!("Keep this under {max} characters.")
            }
            (_, _) => "Check this field.",
        }
        .to_owned()
    }

    fn delivery(&self, reference: &OrderReference, delivery: &Delivery) -> String {
        match delivery {
            Delivery::Sending => format!("Sending order {reference} to the shop…"),
            Delivery::Received { order_number: n } => {
                let number = order_number(n.as_deref());
                format!("The shop received order {reference} as{number}. Thank you! Say hi to start a new order.")
            }
            Delivery::Retrying { retry_in_ms } => format!("Not sent yet: the shop's server didn't answer. Order {reference} is kept on this device; trying again in {} s.", seconds(*retry_in_ms)),
            Delivery::WaitingForConnection => format!("Not sent yet: you're offline. Order {reference} is kept on this device and will be sent as soon as you're back online."),
            Delivery::NotSent { reason: NotSentReason::Unreachable } => format!("Not sent: the shop's server can't be reached right now. Order {reference} is kept on this device. Try again, or send it on WhatsApp with the same reference."),
            Delivery::NotSent { reason: NotSentReason::Refused(why) } => format!("The shop's server didn't accept order {reference} ({why}). You can send it on WhatsApp instead, and the shop will sort it out with you."),
            Delivery::HandedToWhatsApp => handed_to_whatsapp(self, reference),
        }
    }

    fn order_ready(&self, reference: &OrderReference, whatsapp_digits: &str) -> String {
        format!("Order {reference} is ready. Send it to the shop on WhatsApp (+{whatsapp_digits}) to confirm.")
    }

    fn availability_note(&self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some("Pre-order: delivered when it arrives"),
            Availability::AvailableForOrder => Some("Made to order: takes longer to deliver"),
            Availability::InStock | Availability::OutOfStock | Availability::Discontinued => None,
        }
    }

    fn unavailable_label(&self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => "No longer sold",
            _ => "Out of stock",
        }
    }

    fn not_in_order(&self, availability: Availability) -> String {
        let status = self.unavailable_label(availability);
        format!("{status}: not in your order")
    }

    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => "Size and colour",
            (false, true) => "Colour",
            (true, false) => "Size",
            (false, false) => "Option",
        }
    }

    fn option_of(&self, kind: &str, title: &str) -> String {
        format!("{kind} of {title}")
    }

    fn page_position(&self, first: usize, last: usize, total: usize) -> String {
        format!("{first}–{last} of {total}")
    }

    fn cart_button(&self, items: u32) -> String {
        match items {
            0 => "Cart, empty".into(),
            n => format!(
                "Cart, {}",
                (self as &dyn Language).counted(n.into(), Noun::Item)
            ),
        }
    }

    fn per(&self, measure: Measure) -> &'static str {
        match measure {
            Measure::Kilogram => "per kg",
            Measure::Litre => "per litre",
            Measure::Piece => "each",
        }
    }

    fn add_to_cart(&self, title: &str) -> String {
        format!("Add {title} to cart")
    }

    fn details_of(&self, title: &str) -> String {
        format!("Details of {title}")
    }

    fn in_cart(&self, n: u32) -> String {
        format!("{n} in cart")
    }

    fn quantity_of(&self, title: &str) -> String {
        format!("Quantity of {title}")
    }

    fn decrease(&self, title: &str) -> String {
        format!("Decrease quantity of {title}")
    }

    fn increase(&self, title: &str) -> String {
        format!("Increase quantity of {title}")
    }

    fn remove(&self, title: &str) -> String {
        format!("Remove {title}")
    }

    fn checkout_summary(&self, items: u32, total: &str) -> String {
        format!(
            "{}, total {total}",
            (self as &dyn Language).counted(items.into(), Noun::Item)
        )
    }

    fn pay_with_upi(&self, amount: &str) -> String {
        format!("Pay {amount} with UPI")
    }

    fn cart_waiting_for_prices(&self, items: u32) -> String {
        let items = (self as &dyn Language).counted(items.into(), Noun::Item);
        format!("Your cart has {items}. Prices and totals will show once the product list loads.")
    }
}
