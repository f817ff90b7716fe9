//! The shop's words in English.

use crate::checkout::Fulfilment;
use crate::order_status::OrderStatus;
use crate::pack_size::Measure;
use crate::product::Availability;

use super::{Label, Language, Noun, Plural, Template, Wordings};

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
        const LABELS: Wordings<{ Label::ALL.len() }> = wordings!(Label {
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
            CopyFailed => "This browser won't copy for me: select the order text and copy it yourself.",
            OpenWhatsAppWeb => "Open in WhatsApp Web",
            ScanToContinue => "Or scan this with your phone to send it from there:",
            ScanToPay => "Scan with any UPI app to pay:",
            LinkCompacted => "The order is long, so the message lists items by the shop's codes to fit in one WhatsApp link.",
            LinkSummarised => "The order is too long for one WhatsApp link: the link carries the reference and total. Copy the full order text below and paste it into the chat right after.",
            TryAgain => "Try again",
            SendOnWhatsAppInstead => "Send on WhatsApp instead",
            SentThroughWhatsApp => "This order goes through WhatsApp instead; it will not be sent twice.",
            OrderText => "Order text",
            ChatToOrder => "Chat to order",
            CloseChat => "Close chat",
            Notes => "Notes (optional)",
            MoreOnShopSite => "More on the shop's website",
            CartRestored => "Your cart is back as it was.",
            OlderResultsHidden => "Older results are folded away.",
            ProductsOnTheirWay => "Loading these products…",
            ShowAgain => "Show these again",
            EarlierMessagesHidden => "Earlier messages are hidden to keep the chat quick.",
            CatalogStillLoading => "One moment, the product list is still on its way. I'll show it as soon as it arrives.",
            LoadingCatalog => "Loading the product list…",
            CartNotSaved => "This browser won't let me save your cart, so it will be kept only while this page is open.",
            NothingToOrder => "nothing in the cart can be ordered right now",
            PricesNotLoaded => "the product list hasn't loaded, so the prices can't be checked",
            Loading => "Loading…",
            CartNotLoaded => "The cart couldn't load. Check your connection and try again; its items are kept.",
            SavedNotLoaded => "What you saved on this device (your cart, orders and details) couldn't load yet. Check your connection; the shop tries again by itself.",
            CheckoutNotLoaded => "The checkout couldn't load. Check your connection and try again.",
            OrderNotShown => "Your order is saved, but its message couldn't load. Check your connection and try again.",
            OrderSent => "Thanks! Your order went to WhatsApp. Press send there if you haven't yet. Say hi to start a new order.",
            SayHi => "Hi",
            BrowseCategories => "Browse categories",
            Search => "Search",
            ViewCart => "View cart",
            Help => "Help",
            ClearCart => "Clear cart",
            Undo => "Undo",
            Total => "Total",
            Discount => "Discount",
            Free => "Free",
            OfferCode => "Offer code",
            Apply => "Apply",
            TermsUnknown => "the shop's delivery charges and offers could not be loaded",
            OrdersSetAside => "Orders saved on this device earlier couldn't be read, so they were set aside and not sent. If you placed an order that the shop did not get, please tell the shop.",
            DetailsUnreadable => "Your saved name and address couldn't be read; please type them again at checkout.",
            MyOrders => "My orders",
            SentOnWhatsApp => "Sent on WhatsApp: the shop confirms there.",
            NoUpdatesHere => "The shop gives no updates here.",
            StatusUnreachable => "Couldn't reach the shop just now; this is the last news.",
            OrdersNotLoaded => "Your orders couldn't load. Check your connection and try again.",
        });
        LABELS.get(label as usize)
    }

    fn template(&self, template: Template) -> &'static str {
        const TEMPLATES: Wordings<{ Template::ALL.len() }> = wordings!(Template {
            Opening => "Welcome to {store}! Say hi to start shopping.",
            CategoryHeading => "{name}: {count}",
            SearchResultsHeading => "Found {count} for \"{query}\"",
            ClosestHeading => "Nothing has every word of \"{query}\"; the closest {count}:",
            SuggestionsHeading => "Nothing matches \"{query}\" exactly. Maybe one of these?",
            Welcome => "Namaste! This is {store}. Browse our categories, type what you need \
             (like \"atta\" or \"butter\"), or open your cart.",
            Categories => "Here is what we sell. Pick a category:",
            Subcategories => "What in {category}? Pick one:",
            Added => "Added {quantity} x {item} to your cart.",
            WhichOne => "Which one do you mean? Pick one below, or type more of its name.",
            OnlyThisOne => "Not in that size; we have {item}.",
            Removed => "Removed {item} from your cart.",
            WhichToRemove => "Which one should I take out of your cart?",
            CartCleared => "Your cart is empty now.",
            NotInCart => "There's no \"{query}\" in your cart.",
            NoMatches => "Sorry, nothing matches \"{query}\". Try another word, or browse the categories.",
            AskWhatToSearch => "What are you looking for? Type a product or brand.",
            OpenCart => "Here is your cart.",
            OpenCheckout => "Let's check out.",
            OpenOrders => "Here are the orders placed from this device.",
            NoOrdersYet => "No orders from this device yet. Tell me what you need, like \"2 atta 5kg\".",
            Help => "Type a product name to search, \"menu\" to browse categories, \"cart\" to see \
             your cart, or \"checkout\" to order. You can also order in one line, like \
             \"2 atta 5kg\".",
            CatalogUnavailable => "The product list isn't available right now, so I can't show products yet.",
            AllOf => "All {category}",
            SetupProblem => "Set-up problem: {problem}",
            CartSetAside => "Your saved cart couldn't be read ({problem}), so it was set aside and you're starting with an empty cart.",
            NoLongerSold => "{title} is no longer sold here and was removed.",
            CannotOrderNow => "{title} can't be ordered right now; it stays in your cart but not in the order.",
            PriceChanged => "{title} now costs {now} (it was {was}).",
            SinceLastVisit => "Since your last visit: {changes}",
            CatalogFailed => "Sorry, the product list couldn't be loaded: {failure}. You can still chat, and try again.",
            PieceFailed => "Sorry, some products couldn't be loaded just now: {failure}. Ask again in a moment.",
            CatalogProgress => "Loading the product list: {received} of {total} MB",
            CatalogSoFar => "Loading the product list: {received} MB so far",
            HandoffBlocked => "The order can't be sent yet: {reason}. Your cart and details are kept; please tell the shop.",
            NameMissing => "Enter your name so the shop knows who is ordering.",
            PhoneMissing => "Enter a phone number the shop can call you on.",
            NotAPhone => "Enter a phone number of 7 to 15 digits, like +91 98765 43210.",
            HouseMissing => "Enter your house or flat number and building.",
            CityMissing => "Enter your city.",
            RegionMissing => "Enter your state.",
            PinCodeMissing => "Enter your 6-digit PIN code.",
            NotAPin => "A PIN code has 6 digits, like 400053.",
            NotAPostcode => "Enter a postcode of 3 to 10 letters or digits, like 1015 CS.",
            SlotNotOffered => "Choose one of the delivery times the shop offers.",
            PaymentNotOffered => "Choose a way to pay that the shop offers.",
            TooLong => "Keep this under {max} characters.",
            CheckField => "Check this field.",
            HiddenCharacter => "Retype this: it has a hidden character, such as a tab, that cannot be used here.",
            Sending => "Sending order {reference} to the shop…",
            Received => "The shop received order {reference} as #{number}. Thank you! Say hi to start a new order.",
            ReceivedUnnumbered => "The shop received order {reference}. Thank you! Say hi to start a new order.",
            Retrying => "Not sent yet: the shop's server didn't answer. Order {reference} is kept on this device; trying again in {seconds} s.",
            WaitingForConnection => "Not sent yet: you're offline. Order {reference} is kept on this device and will be sent as soon as you're back online.",
            Unreachable => "Not sent: the shop's server can't be reached right now. Order {reference} is kept on this device. Try again, or send it on WhatsApp with the same reference.",
            Refused => "The shop's server didn't accept order {reference} ({why}). You can send it on WhatsApp instead, and the shop will sort it out with you.",
            OrderReady => "Order {reference} is ready. Send it to the shop on WhatsApp (+{digits}) to confirm.",
            NotInOrder => "{status}: not in your order",
            OptionOf => "{kind} of {title}",
            PagePosition => "{first}–{last} of {total}",
            CartEmpty => "Cart, empty",
            CartCount => "Cart, {items}",
            AddToCart => "Add {title} to cart",
            DetailsOf => "Details of {title}",
            InCart => "{n} in cart",
            QuantityOf => "Quantity of {title}",
            Decrease => "Decrease quantity of {title}",
            Increase => "Increase quantity of {title}",
            RemoveItem => "Remove {title}",
            CheckoutSummary => "{items}, total {total}",
            PayWithUpi => "Pay {amount} with UPI",
            CartWaitingForPrices => "Your cart has {items}. Prices and totals will show once the product list loads.",
            FreeDeliveryFrom => "Free delivery from {threshold}: add {more} more.",
            BelowMinimum => "The minimum order is {minimum}: add {more} more to check out.",
            NotDelivered => "We don't deliver to {pin} yet.",
            NotDeliveredTryPickup => "We don't deliver to {pin} yet; you can pick up at the shop.",
            DiscountWithCode => "Discount ({code})",
            OfferApplied => "{code} applied.",
            OfferUnknown => "{code} is not an offer of this shop.",
            OfferNotYet => "{code} starts on {date}.",
            OfferEnded => "{code} ended on {date}.",
            OfferNeedsMore => "{code} is for carts of {minimum} or more: add {more} more.",
            OfferOutdone => "{code} takes off less than the offer you already have.",
            CustomerUpdate => "{store}: order {reference} — {status}.",
            ReadyIn => "Expected in about {minutes} minutes.",
            StatusReason => "Reason: {reason}",
            ExpectedBy => "Expected by {time}.",
        });
        TEMPLATES.get(template as usize)
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

    fn availability_note(&self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some("Pre-order: delivered when it arrives"),
            Availability::AvailableForOrder => Some("Made to order: takes longer to deliver"),
            Availability::InStock | Availability::OutOfStock | Availability::Discontinued => None,
        }
    }

    fn status_name(&self, status: OrderStatus, fulfilment: Fulfilment) -> &'static str {
        let pickup = fulfilment == Fulfilment::Pickup;
        match status {
            OrderStatus::Received => "Received",
            OrderStatus::Accepted => "Accepted",
            OrderStatus::Rejected => "Rejected",
            OrderStatus::Packed if pickup => "Ready to collect",
            OrderStatus::Packed => "Packed",
            OrderStatus::OutForDelivery => "Out for delivery",
            OrderStatus::Delivered if pickup => "Collected",
            OrderStatus::Delivered => "Delivered",
            OrderStatus::Cancelled => "Cancelled",
        }
    }

    fn unavailable_label(&self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => "No longer sold",
            _ => "Out of stock",
        }
    }

    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => "Size and colour",
            (false, true) => "Colour",
            (true, false) => "Size",
            (false, false) => "Option",
        }
    }

    fn per(&self, measure: Measure) -> &'static str {
        match measure {
            Measure::Kilogram => "per kg",
            Measure::Litre => "per litre",
            Measure::Piece => "each",
        }
    }
}
