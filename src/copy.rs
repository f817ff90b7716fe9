//! Every sentence and label the shop shows, in English, Hindi and Dutch side by side: a
//! missing translation does not compile. Merchant-facing detail (why a catalog failed,
//! set-up problems) stays English inside the translated sentence.

use chatcart_core::cart::CartChange;
use chatcart_core::catalog::{Availability, Catalog, LoadError, Variant};
use chatcart_core::chat::{Heading, Intent, Reply};
use chatcart_core::checkout::{Field, FieldProblem};
use chatcart_core::money::Money;
use chatcart_core::outbox::{Delivery, NotSentReason};
use chatcart_core::pack::Measure;

use crate::state::QuickReply;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Hi,
    Nl,
}

impl Lang {
    /// The language of a BCP 47 tag ("hi-IN" → Hindi); English for any other.
    pub fn from_locale(tag: &str) -> Lang {
        match tag
            .split(['-', '_'])
            .next()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("hi") => Lang::Hi,
            Some("nl") => Lang::Nl,
            _ => Lang::En,
        }
    }

    /// The value of the page's `lang` attribute for this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Hi => "hi",
            Lang::Nl => "nl",
        }
    }
}

/// The shop's words in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub Lang);

/// Fixed labels of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    RepliesInstantly,
    Conversation,
    SuggestedReplies,
    Message,
    MessagePlaceholder,
    Send,
    YourCart,
    Checkout,
    Close,
    CartIsEmpty,
    Subtotal,
    Remove,
    BackToCart,
    PlaceOrder,
    SendOnWhatsApp,
    NewerOrder,
    Add,
    Was,
    Previous,
    Next,
    PreviousProducts,
    NextProducts,
    Name,
    Phone,
    HowToReceive,
    Delivery,
    Pickup,
    PickupOnly,
    House,
    Area,
    City,
    Region,
    RegionOptional,
    PinCode,
    Postcode,
    DeliveryTime,
    AnyTime,
    PaymentMethod,
    CashOnDelivery,
    CashAtPickup,
    Upi,
    PayInChat,
    Remember,
    ReviewOrder,
    ReviewTitle,
    ReviewExplained,
    EditDetails,
    CopyOrderText,
    Copied,
    CopyFailed,
    OpenWhatsAppWeb,
    ScanToContinue,
    ScanToPay,
    LinkCompacted,
    LinkSummarised,
    TryAgain,
    SendOnWhatsAppInstead,
    SentThroughWhatsApp,
    OrderText,
    ChatToOrder,
    CloseChat,
    Notes,
    MoreOnShopSite,
    CartRestored,
    OlderResultsHidden,
    ShowAgain,
    EarlierMessagesHidden,
    CatalogStillLoading,
    CartNotSaved,
    NothingToOrder,
    PricesNotLoaded,
    OrderSent,
}

/// The name of a catalog item by retailer id: "Amul Butter (500 g)".
fn item_name(catalog: Option<&Catalog>, retailer_id: &str) -> String {
    catalog
        .and_then(|c| c.variant(retailer_id))
        .map_or_else(|| retailer_id.to_owned(), |(p, v)| p.display_name(v))
}

fn category_name<'a>(catalog: Option<&'a Catalog>, id: &'a str) -> &'a str {
    catalog
        .and_then(|c| c.category(id))
        .map_or(id, |c| c.name.as_str())
}

impl Words {
    /// One of three fixed texts by language.
    fn pick(self, en: &'static str, hi: &'static str, nl: &'static str) -> &'static str {
        match self.0 {
            Lang::En => en,
            Lang::Hi => hi,
            Lang::Nl => nl,
        }
    }

    pub fn label(self, label: Label) -> &'static str {
        use Label::*;
        match label {
            RepliesInstantly => self.pick("Replies instantly", "तुरंत जवाब देता है", "Antwoordt direct"),
            Conversation => self.pick("Conversation", "बातचीत", "Gesprek"),
            SuggestedReplies => self.pick("Suggested replies", "सुझाए गए जवाब", "Voorgestelde antwoorden"),
            Message => self.pick("Message", "संदेश", "Bericht"),
            MessagePlaceholder => self.pick(
                "Type a message, e.g. atta",
                "संदेश लिखें, जैसे atta",
                "Typ een bericht, bijv. atta",
            ),
            Send => self.pick("Send", "भेजें", "Verstuur"),
            YourCart => self.pick("Your cart", "आपका कार्ट", "Je mandje"),
            Checkout => self.pick("Checkout", "चेकआउट", "Afrekenen"),
            Close => self.pick("Close", "बंद करें", "Sluiten"),
            CartIsEmpty => self.pick("Your cart is empty.", "आपका कार्ट ख़ाली है।", "Je mandje is leeg."),
            Subtotal => self.pick("Subtotal", "कुल", "Subtotaal"),
            Remove => self.pick("Remove", "हटाएँ", "Verwijderen"),
            BackToCart => self.pick("Back to cart", "कार्ट पर वापस", "Terug naar mandje"),
            PlaceOrder => self.pick("Place order", "ऑर्डर करें", "Bestelling plaatsen"),
            SendOnWhatsApp => self.pick(
                "Send order on WhatsApp",
                "WhatsApp पर ऑर्डर भेजें",
                "Bestelling via WhatsApp versturen",
            ),
            NewerOrder => self.pick(
                "A newer order replaced this one.",
                "इसकी जगह नया ऑर्डर बन गया है।",
                "Een nieuwere bestelling verving deze.",
            ),
            Add => self.pick("Add", "जोड़ें", "Toevoegen"),
            Was => self.pick("was ", "पहले ", "was "),
            Previous => self.pick("‹ Previous", "‹ पिछले", "‹ Vorige"),
            Next => self.pick("Next ›", "अगले ›", "Volgende ›"),
            PreviousProducts => self.pick("Previous products", "पिछले सामान", "Vorige producten"),
            NextProducts => self.pick("Next products", "अगले सामान", "Volgende producten"),
            Name => self.pick("Name", "नाम", "Naam"),
            Phone => self.pick("Phone", "फ़ोन", "Telefoon"),
            HowToReceive => self.pick("How do you want your order?", "ऑर्डर कैसे लेना चाहेंगे?", "Hoe wil je je bestelling ontvangen?"),
            Delivery => self.pick("Delivery", "होम डिलीवरी", "Bezorgen"),
            Pickup => self.pick("Pick up at the shop", "दुकान से ले जाएँगे", "Ophalen in de winkel"),
            PickupOnly => self.pick(
                "This shop does not deliver: you pick up your order at the shop.",
                "यह दुकान डिलीवरी नहीं करती: ऑर्डर दुकान से ले जाना होगा।",
                "Deze winkel bezorgt niet: je haalt je bestelling op in de winkel.",
            ),
            House => self.pick("House or flat, building", "मकान/फ़्लैट, बिल्डिंग", "Huisnummer en straat"),
            Area => self.pick("Area or landmark (optional)", "इलाक़ा या लैंडमार्क (ज़रूरी नहीं)", "Wijk of herkenningspunt (optioneel)"),
            City => self.pick("City", "शहर", "Plaats"),
            Region => self.pick("State", "राज्य", "Staat"),
            RegionOptional => self.pick("State or region (optional)", "राज्य या क्षेत्र (ज़रूरी नहीं)", "Provincie (optioneel)"),
            PinCode => self.pick("PIN code", "पिन कोड", "Pincode"),
            Postcode => self.pick("Postcode (optional)", "पोस्टकोड (ज़रूरी नहीं)", "Postcode (optioneel)"),
            DeliveryTime => self.pick("Delivery time", "डिलीवरी का समय", "Bezorgtijd"),
            AnyTime => self.pick("Any time", "कभी भी", "Maakt niet uit"),
            PaymentMethod => self.pick("Payment", "भुगतान", "Betaling"),
            CashOnDelivery => self.pick("Cash on delivery", "डिलीवरी पर नकद", "Contant bij levering"),
            CashAtPickup => self.pick("Cash at pickup", "दुकान पर नकद", "Contant bij ophalen"),
            Upi => self.pick("UPI", "UPI", "UPI"),
            PayInChat => self.pick("Pay in the chat (the shop sends details)", "चैट में भुगतान (दुकान जानकारी भेजेगी)", "Betalen via de chat (de winkel stuurt details)"),
            Remember => self.pick(
                "Remember my name, phone and address on this device for my next order",
                "अगले ऑर्डर के लिए मेरा नाम, फ़ोन और पता इस डिवाइस पर याद रखें",
                "Onthoud mijn naam, telefoon en adres op dit apparaat voor mijn volgende bestelling",
            ),
            ReviewOrder => self.pick("Review order", "ऑर्डर देखें", "Bestelling controleren"),
            ReviewTitle => self.pick("Review your order", "अपना ऑर्डर जाँचें", "Controleer je bestelling"),
            ReviewExplained => self.pick(
                "This is exactly what the shop will receive:",
                "दुकान को ठीक यही मिलेगा:",
                "Dit is precies wat de winkel ontvangt:",
            ),
            EditDetails => self.pick("Edit details", "जानकारी बदलें", "Gegevens aanpassen"),
            CopyOrderText => self.pick("Copy order text", "ऑर्डर का टेक्स्ट कॉपी करें", "Besteltekst kopiëren"),
            Copied => self.pick("Copied. Paste it into the chat with the shop.", "कॉपी हो गया। इसे दुकान की चैट में पेस्ट करें।", "Gekopieerd. Plak het in de chat met de winkel."),
            CopyFailed => self.pick(
                "This browser won't copy for me: select the order text and copy it yourself.",
                "यह ब्राउज़र कॉपी नहीं करने देता: ऑर्डर का टेक्स्ट चुनकर ख़ुद कॉपी करें।",
                "Deze browser laat me niet kopiëren: selecteer de besteltekst en kopieer hem zelf.",
            ),
            OpenWhatsAppWeb => self.pick("Open in WhatsApp Web", "WhatsApp Web में खोलें", "Openen in WhatsApp Web"),
            ScanToContinue => self.pick(
                "Or scan this with your phone to send it from there:",
                "या फ़ोन से यह स्कैन करके वहाँ से भेजें:",
                "Of scan dit met je telefoon om het daar te versturen:",
            ),
            ScanToPay => self.pick("Scan with any UPI app to pay:", "भुगतान के लिए किसी भी UPI ऐप से स्कैन करें:", "Scan met een UPI-app om te betalen:"),
            LinkCompacted => self.pick(
                "The order is long, so the message lists items by the shop's codes to fit in one WhatsApp link.",
                "ऑर्डर लंबा है, इसलिए संदेश में सामान दुकान के कोड से लिखे हैं ताकि एक WhatsApp लिंक में आ जाए।",
                "De bestelling is lang, dus het bericht noemt artikelen bij hun winkelcode zodat het in één WhatsApp-link past.",
            ),
            LinkSummarised => self.pick(
                "The order is too long for one WhatsApp link: the link carries the reference and total. Copy the full order text below and paste it into the chat right after.",
                "ऑर्डर एक WhatsApp लिंक के लिए बहुत लंबा है: लिंक में रेफ़रेंस और कुल रकम है। नीचे से पूरा ऑर्डर कॉपी करके उसके बाद चैट में पेस्ट करें।",
                "De bestelling is te lang voor één WhatsApp-link: de link bevat het kenmerk en totaal. Kopieer de volledige besteltekst hieronder en plak die direct daarna in de chat.",
            ),
            TryAgain => self.pick("Try again", "फिर कोशिश करें", "Opnieuw proberen"),
            SendOnWhatsAppInstead => self.pick("Send on WhatsApp instead", "इसके बजाय WhatsApp पर भेजें", "In plaats daarvan via WhatsApp versturen"),
            SentThroughWhatsApp => self.pick(
                "This order goes through WhatsApp instead; it will not be sent twice.",
                "यह ऑर्डर अब WhatsApp से जाएगा; दो बार नहीं भेजा जाएगा।",
                "Deze bestelling gaat nu via WhatsApp; hij wordt niet twee keer verstuurd.",
            ),
            OrderText => self.pick("Order text", "ऑर्डर का टेक्स्ट", "Besteltekst"),
            ChatToOrder => self.pick("Chat to order", "चैट से ऑर्डर करें", "Bestel via chat"),
            CloseChat => self.pick("Close chat", "चैट बंद करें", "Chat sluiten"),
            Notes => self.pick("Notes (optional)", "नोट (ज़रूरी नहीं)", "Opmerkingen (optioneel)"),
            MoreOnShopSite => self.pick(
                "More on the shop's website",
                "दुकान की वेबसाइट पर और जानकारी",
                "Meer op de website van de winkel",
            ),
            CartRestored => self.pick(
                "Your cart is back as it was.",
                "आपका कार्ट पहले जैसा वापस आ गया।",
                "Je mandje is terug zoals het was.",
            ),
            OlderResultsHidden => self.pick(
                "Older results are folded away.",
                "पुराने नतीजे समेट दिए गए हैं।",
                "Oudere resultaten zijn ingeklapt.",
            ),
            ShowAgain => self.pick("Show these again", "इन्हें फिर दिखाएँ", "Toon deze opnieuw"),
            EarlierMessagesHidden => self.pick(
                "Earlier messages are hidden to keep the chat quick.",
                "चैट तेज़ रखने के लिए पुराने संदेश छिपाए गए हैं।",
                "Eerdere berichten zijn verborgen om de chat snel te houden.",
            ),
            CatalogStillLoading => self.pick(
                "One moment, the product list is still on its way. I'll show it as soon as it arrives.",
                "एक पल, सामान की सूची आ रही है। आते ही दिखा दूँगा।",
                "Een moment, de productlijst is onderweg. Ik laat hem zien zodra hij er is.",
            ),
            CartNotSaved => self.pick(
                "This browser won't let me save your cart, so it will be kept only while this page is open.",
                "यह ब्राउज़र आपका कार्ट सहेजने नहीं देता, इसलिए यह सिर्फ़ इस पेज के खुले रहने तक रहेगा।",
                "Deze browser laat me je mandje niet bewaren; het blijft alleen zolang deze pagina open is.",
            ),
            NothingToOrder => self.pick(
                "nothing in the cart can be ordered right now",
                "कार्ट में अभी कुछ भी ऑर्डर नहीं हो सकता",
                "niets in het mandje kan nu besteld worden",
            ),
            PricesNotLoaded => self.pick(
                "the product list hasn't loaded, so the prices can't be checked",
                "सामान की सूची लोड नहीं हुई, इसलिए दाम जाँचे नहीं जा सकते",
                "de productlijst is niet geladen, dus de prijzen kunnen niet gecontroleerd worden",
            ),
            OrderSent => self.pick(
                "Thanks! Your order went to WhatsApp. Press send there if you haven't yet. Say hi to start a new order.",
                "धन्यवाद! आपका ऑर्डर WhatsApp पर चला गया। अगर अभी तक नहीं भेजा, तो वहाँ भेजें दबाएँ। नया ऑर्डर शुरू करने के लिए नमस्ते कहें।",
                "Bedankt! Je bestelling staat in WhatsApp. Druk daar op versturen als je dat nog niet deed. Zeg hallo voor een nieuwe bestelling.",
            ),
        }
    }

    pub fn opening(self, store: &str) -> String {
        match self.0 {
            Lang::En => format!("Welcome to {store}! Say hi to start shopping."),
            Lang::Hi => format!("{store} में आपका स्वागत है! ख़रीदारी शुरू करने के लिए नमस्ते कहें।"),
            Lang::Nl => format!("Welkom bij {store}! Zeg hallo om te beginnen met winkelen."),
        }
    }

    fn count(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::En, 1) => "1 product".into(),
            (Lang::En, n) => format!("{n} products"),
            (Lang::Hi, n) => format!("{n} सामान"),
            (Lang::Nl, 1) => "1 product".into(),
            (Lang::Nl, n) => format!("{n} producten"),
        }
    }

    /// The line above a list of product cards.
    pub fn products_heading(self, heading: &Heading, count: usize) -> String {
        let count = self.count(count);
        match (heading, self.0) {
            (Heading::Category(name), _) => format!("{name}: {count}"),
            (Heading::SearchResults(q), Lang::En) => format!("Found {count} for \"{q}\""),
            (Heading::SearchResults(q), Lang::Hi) => format!("\"{q}\" के लिए {count} मिले"),
            (Heading::SearchResults(q), Lang::Nl) => format!("{count} gevonden voor \"{q}\""),
            (Heading::Closest(q), Lang::En) => {
                format!("Nothing has every word of \"{q}\"; the closest {count}:")
            }
            (Heading::Closest(q), Lang::Hi) => {
                format!("\"{q}\" के सभी शब्दों वाला कुछ नहीं मिला; सबसे मिलते-जुलते {count}:")
            }
            (Heading::Suggestions(q), Lang::En) => {
                format!("Nothing matches \"{q}\" exactly. Maybe one of these?")
            }
            (Heading::Suggestions(q), Lang::Hi) => {
                format!("\"{q}\" से ठीक-ठीक कुछ नहीं मिला। शायद इनमें से कोई?")
            }
            (Heading::Suggestions(q), Lang::Nl) => {
                format!("Niets past precies bij \"{q}\". Misschien een van deze?")
            }
            (Heading::Closest(q), Lang::Nl) => {
                format!("Niets bevat alle woorden van \"{q}\"; de {count} die er het dichtst bij komen:")
            }
        }
    }

    pub fn reply(self, reply: &Reply, store: &str, catalog: Option<&Catalog>) -> String {
        let lang = self.0;
        match reply {
            Reply::Welcome => match lang {
                Lang::En => format!(
                    "Namaste! This is {store}. Browse our categories, type what you need \
                     (like \"atta\" or \"butter\"), or open your cart."
                ),
                Lang::Hi => format!(
                    "नमस्ते! यह {store} है। श्रेणियाँ देखें, जो चाहिए वह लिखें \
                     (जैसे \"atta\" या \"butter\"), या अपना कार्ट खोलें।"
                ),
                Lang::Nl => format!(
                    "Hallo! Dit is {store}. Bekijk onze categorieën, typ wat je nodig hebt \
                     (zoals \"atta\" of \"butter\") of open je mandje."
                ),
            },
            Reply::Categories => self
                .pick(
                    "Here is what we sell. Pick a category:",
                    "हमारे यहाँ यह सब मिलता है। एक श्रेणी चुनें:",
                    "Dit verkopen we. Kies een categorie:",
                )
                .into(),
            Reply::Subcategories { category, .. } => {
                let name = category_name(catalog, category);
                match lang {
                    Lang::En => format!("What in {name}? Pick one:"),
                    Lang::Hi => format!("{name} में क्या चाहिए? एक चुनें:"),
                    Lang::Nl => format!("Wat zoek je in {name}? Kies er een:"),
                }
            }
            Reply::Products {
                heading,
                product_ids,
            } => self.products_heading(heading, product_ids.len()),
            Reply::Added {
                retailer_id,
                quantity,
            } => {
                let item = item_name(catalog, retailer_id);
                match lang {
                    Lang::En => format!("Added {quantity} x {item} to your cart."),
                    Lang::Hi => format!("{quantity} x {item} आपके कार्ट में जोड़ दिया।"),
                    Lang::Nl => format!("{quantity} x {item} toegevoegd aan je mandje."),
                }
            }
            Reply::WhichOne { .. } => self
                .pick(
                    "Which one do you mean? Pick one below, or type more of its name.",
                    "आपका मतलब कौन-सा है? नीचे से चुनें, या नाम थोड़ा और लिखें।",
                    "Welke bedoel je? Kies hieronder, of typ meer van de naam.",
                )
                .into(),
            Reply::Removed { retailer_id } => {
                let item = item_name(catalog, retailer_id);
                match lang {
                    Lang::En => format!("Removed {item} from your cart."),
                    Lang::Hi => format!("{item} आपके कार्ट से हटा दिया।"),
                    Lang::Nl => format!("{item} uit je mandje gehaald."),
                }
            }
            Reply::WhichToRemove { .. } => self
                .pick(
                    "Which one should I take out of your cart?",
                    "कार्ट से कौन-सा हटाऊँ?",
                    "Welke moet ik uit je mandje halen?",
                )
                .into(),
            Reply::CartCleared => self
                .pick("Your cart is empty now.", "आपका कार्ट अब ख़ाली है।", "Je mandje is nu leeg.")
                .into(),
            Reply::NotInCart { query } => match lang {
                Lang::En => format!("There's no \"{query}\" in your cart."),
                Lang::Hi => format!("आपके कार्ट में \"{query}\" नहीं है।"),
                Lang::Nl => format!("Er zit geen \"{query}\" in je mandje."),
            },
            Reply::NoMatches { query } => match lang {
                Lang::En => format!(
                    "Sorry, nothing matches \"{query}\". Try another word, or browse the categories."
                ),
                Lang::Hi => format!(
                    "माफ़ कीजिए, \"{query}\" से कुछ नहीं मिला। कोई और शब्द लिखें या श्रेणियाँ देखें।"
                ),
                Lang::Nl => format!(
                    "Sorry, niets past bij \"{query}\". Probeer een ander woord of bekijk de categorieën."
                ),
            },
            Reply::AskWhatToSearch => self
                .pick(
                    "What are you looking for? Type a product or brand.",
                    "आप क्या ढूँढ रहे हैं? कोई सामान या ब्रांड लिखें।",
                    "Wat zoek je? Typ een product of merk.",
                )
                .into(),
            Reply::OpenCart => self
                .pick("Here is your cart.", "यह रहा आपका कार्ट।", "Hier is je mandje.")
                .into(),
            Reply::OpenCheckout => self
                .pick("Let's check out.", "चलिए, ऑर्डर पूरा करते हैं।", "Laten we afrekenen.")
                .into(),
            Reply::Help => self
                .pick(
                    "Type a product name to search, \"menu\" to browse categories, \"cart\" to see \
                     your cart, or \"checkout\" to order. You can also order in one line, like \
                     \"2 atta 5kg\".",
                    "खोजने के लिए सामान का नाम लिखें, श्रेणियों के लिए \"मेनू\", कार्ट के लिए \
                     \"कार्ट\", या ऑर्डर के लिए \"चेकआउट\"। एक लाइन में भी ऑर्डर कर सकते हैं, जैसे \
                     \"2 atta 5kg\"।",
                    "Typ een productnaam om te zoeken, \"menu\" voor de categorieën, \"mandje\" voor \
                     je mandje of \"afrekenen\" om te bestellen. Je kunt ook in één regel bestellen, \
                     zoals \"2 atta 5kg\".",
                )
                .into(),
            Reply::CatalogUnavailable => self
                .pick(
                    "The product list isn't available right now, so I can't show products yet.",
                    "सामान की सूची अभी उपलब्ध नहीं है, इसलिए अभी सामान नहीं दिखा सकते।",
                    "De productlijst is nu niet beschikbaar, dus ik kan nog geen producten tonen.",
                )
                .into(),
        }
    }

    pub fn quick_reply_label(self, quick: &QuickReply, catalog: Option<&Catalog>) -> String {
        let fixed = |en, hi, nl| self.pick(en, hi, nl).to_owned();
        match quick {
            QuickReply::Say(Intent::Greet) => fixed("Hi", "नमस्ते", "Hallo"),
            QuickReply::Say(Intent::Browse) => {
                fixed("Browse categories", "श्रेणियाँ देखें", "Categorieën bekijken")
            }
            QuickReply::Say(Intent::Search(_)) => fixed("Search", "खोजें", "Zoeken"),
            QuickReply::Say(Intent::Cart) => fixed("View cart", "कार्ट देखें", "Mandje bekijken"),
            QuickReply::Say(Intent::Checkout) => fixed("Checkout", "चेकआउट", "Afrekenen"),
            QuickReply::Say(Intent::Help) => fixed("Help", "मदद", "Hulp"),
            QuickReply::Say(Intent::ClearCart) => {
                fixed("Clear cart", "कार्ट ख़ाली करें", "Mandje leegmaken")
            }
            QuickReply::Say(Intent::WholeCategory(id)) => {
                let name = category_name(catalog, id);
                match self.0 {
                    Lang::En => format!("All {name}"),
                    Lang::Hi => format!("सभी {name}"),
                    Lang::Nl => format!("Alle {name}"),
                }
            }
            QuickReply::Say(Intent::Subcategory { name, .. }) => name.clone(),
            QuickReply::Say(Intent::Category(id)) => category_name(catalog, id).to_owned(),
            QuickReply::Say(Intent::Order(request)) => request.query.clone(),
            QuickReply::UndoClear => fixed("Undo", "वापस लाएँ", "Ongedaan maken"),
            QuickReply::RetryCatalog => fixed("Try again", "फिर कोशिश करें", "Opnieuw proberen"),
            QuickReply::Add { retailer_id, .. } | QuickReply::Remove { retailer_id } => {
                item_name(catalog, retailer_id)
            }
        }
    }

    /// What a shopper should know before adding an item that is orderable but not in stock.
    pub fn availability_note(self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some(self.pick(
                "Pre-order: delivered when it arrives",
                "प्री-ऑर्डर: आने पर पहुँचाया जाएगा",
                "Voorbestelling: geleverd zodra het binnen is",
            )),
            Availability::AvailableForOrder => Some(self.pick(
                "Made to order: takes longer to deliver",
                "ऑर्डर पर बनता है: पहुँचने में ज़्यादा समय लगता है",
                "Op bestelling: levering duurt langer",
            )),
            _ => None,
        }
    }

    /// Why an item cannot be added.
    pub fn unavailable_label(self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => {
                self.pick("No longer sold", "अब नहीं बिकता", "Niet meer verkrijgbaar")
            }
            _ => self.pick("Out of stock", "स्टॉक में नहीं", "Uitverkocht"),
        }
    }

    /// The name of a product's choice: "Size", "Colour" or both.
    pub fn option_kind(self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => self.pick("Size and colour", "साइज़ और रंग", "Maat en kleur"),
            (false, true) => self.pick("Colour", "रंग", "Kleur"),
            (true, false) => self.pick("Size", "साइज़", "Maat"),
            (false, false) => self.pick("Option", "विकल्प", "Optie"),
        }
    }

    /// One entry of the variant picker: "M, Blue", "XL (out of stock)".
    pub fn variant_option(self, variant: &Variant) -> String {
        let label = variant
            .label()
            .unwrap_or_else(|| variant.retailer_id.clone());
        if variant.can_order() {
            label
        } else {
            format!(
                "{label} ({})",
                self.unavailable_label(variant.availability).to_lowercase()
            )
        }
    }

    /// The picker's accessible name: "Size of Cotton T-shirt".
    pub fn option_of(self, kind: &str, title: &str) -> String {
        match self.0 {
            Lang::En => format!("{kind} of {title}"),
            Lang::Hi => format!("{title} का {kind}"),
            Lang::Nl => format!("{kind} van {title}"),
        }
    }

    /// "9–16 of 48"
    pub fn page_position(self, first: usize, last: usize, total: usize) -> String {
        match self.0 {
            Lang::En => format!("{first}–{last} of {total}"),
            Lang::Hi => format!("{total} में से {first}–{last}"),
            Lang::Nl => format!("{first}–{last} van {total}"),
        }
    }

    pub fn cart_button(self, items: u32) -> String {
        match (self.0, items) {
            (Lang::En, 0) => "Cart, empty".into(),
            (Lang::En, 1) => "Cart, 1 item".into(),
            (Lang::En, n) => format!("Cart, {n} items"),
            (Lang::Hi, 0) => "कार्ट, ख़ाली".into(),
            (Lang::Hi, n) => format!("कार्ट, {n} सामान"),
            (Lang::Nl, 0) => "Mandje, leeg".into(),
            (Lang::Nl, 1) => "Mandje, 1 artikel".into(),
            (Lang::Nl, n) => format!("Mandje, {n} artikelen"),
        }
    }

    /// A unit price for comparing packs: "₹49.80 per kg", "₹10.00 each".
    pub fn unit_price(self, price: &str, per: Measure) -> String {
        let measure = match per {
            Measure::Kilogram => self.pick("per kg", "प्रति किलो", "per kg"),
            Measure::Litre => self.pick("per litre", "प्रति लीटर", "per liter"),
            Measure::Piece => self.pick("each", "प्रति पीस", "per stuk"),
        };
        format!("{price} {measure}")
    }

    pub fn add_to_cart(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Add {title} to cart"),
            Lang::Hi => format!("{title} कार्ट में जोड़ें"),
            Lang::Nl => format!("{title} aan mandje toevoegen"),
        }
    }

    pub fn details_of(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Details of {title}"),
            Lang::Hi => format!("{title} का विवरण"),
            Lang::Nl => format!("Details van {title}"),
        }
    }

    pub fn in_cart(self, n: u32) -> String {
        match self.0 {
            Lang::En => format!("{n} in cart"),
            Lang::Hi => format!("कार्ट में {n}"),
            Lang::Nl => format!("{n} in mandje"),
        }
    }

    pub fn quantity_of(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Quantity of {title}"),
            Lang::Hi => format!("{title} की मात्रा"),
            Lang::Nl => format!("Aantal van {title}"),
        }
    }

    pub fn decrease(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Decrease quantity of {title}"),
            Lang::Hi => format!("{title} की मात्रा घटाएँ"),
            Lang::Nl => format!("Minder van {title}"),
        }
    }

    pub fn increase(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Increase quantity of {title}"),
            Lang::Hi => format!("{title} की मात्रा बढ़ाएँ"),
            Lang::Nl => format!("Meer van {title}"),
        }
    }

    pub fn remove(self, title: &str) -> String {
        match self.0 {
            Lang::En => format!("Remove {title}"),
            Lang::Hi => format!("{title} हटाएँ"),
            Lang::Nl => format!("{title} verwijderen"),
        }
    }

    /// A cart line that can no longer be ordered: "Out of stock: not in your order".
    pub fn not_in_order(self, availability: Availability) -> String {
        let status = self.unavailable_label(availability);
        match self.0 {
            Lang::En => format!("{status}: not in your order"),
            Lang::Hi => format!("{status}: आपके ऑर्डर में नहीं"),
            Lang::Nl => format!("{status}: niet in je bestelling"),
        }
    }

    /// Above the checkout form: "3 items, total ₹819.00".
    pub fn checkout_summary(self, items: u32, total: &str) -> String {
        match (self.0, items) {
            (Lang::En, 1) => format!("1 item, total {total}"),
            (Lang::En, n) => format!("{n} items, total {total}"),
            (Lang::Hi, n) => format!("{n} सामान, कुल {total}"),
            (Lang::Nl, 1) => format!("1 artikel, totaal {total}"),
            (Lang::Nl, n) => format!("{n} artikelen, totaal {total}"),
        }
    }

    pub fn field_problem(self, field: Field, problem: FieldProblem) -> String {
        match (field, problem) {
            (Field::Name, FieldProblem::Missing) => self.pick(
                "Enter your name so the shop knows who is ordering.",
                "अपना नाम लिखें ताकि दुकान जाने कि ऑर्डर किसका है।",
                "Vul je naam in zodat de winkel weet wie bestelt.",
            ),
            (Field::Phone, FieldProblem::Missing) => self.pick(
                "Enter a phone number the shop can call you on.",
                "वह फ़ोन नंबर लिखें जिस पर दुकान आपको कॉल कर सके।",
                "Vul een telefoonnummer in waarop de winkel je kan bellen.",
            ),
            (Field::Phone, _) => self.pick(
                "Enter a phone number of 7 to 15 digits, like +91 98765 43210.",
                "7 से 15 अंकों का फ़ोन नंबर लिखें, जैसे +91 98765 43210।",
                "Vul een telefoonnummer van 7 tot 15 cijfers in, zoals +31 6 12345678.",
            ),
            (Field::House, FieldProblem::Missing) => self.pick(
                "Enter your house or flat number and building.",
                "अपना मकान या फ़्लैट नंबर और बिल्डिंग लिखें।",
                "Vul je straat en huisnummer in.",
            ),
            (Field::City, FieldProblem::Missing) => {
                self.pick("Enter your city.", "अपना शहर लिखें।", "Vul je woonplaats in.")
            }
            (Field::Region, FieldProblem::Missing) => self.pick(
                "Enter your state.",
                "अपना राज्य लिखें।",
                "Vul je provincie in.",
            ),
            (Field::PostalCode, FieldProblem::Missing) => self.pick(
                "Enter your 6-digit PIN code.",
                "अपना 6 अंकों का पिन कोड लिखें।",
                "Vul je postcode in.",
            ),
            (Field::PostalCode, FieldProblem::NotAPin) => self.pick(
                "A PIN code has 6 digits, like 400053.",
                "पिन कोड में 6 अंक होते हैं, जैसे 400053।",
                "Een Indiase pincode heeft 6 cijfers, zoals 400053.",
            ),
            (Field::PostalCode, _) => self.pick(
                "Enter a postcode of 3 to 10 letters or digits, like 1015 CS.",
                "3 से 10 अक्षरों या अंकों का पोस्टकोड लिखें।",
                "Vul een postcode van 3 tot 10 letters of cijfers in, zoals 1015 CS.",
            ),
            (Field::Slot, _) => self.pick(
                "Choose one of the delivery times the shop offers.",
                "दुकान के दिए गए डिलीवरी समय में से एक चुनें।",
                "Kies een van de bezorgtijden van de winkel.",
            ),
            (Field::Payment, _) => self.pick(
                "Choose a way to pay that the shop offers.",
                "दुकान के दिए गए भुगतान के तरीक़ों में से एक चुनें।",
                "Kies een betaalwijze die de winkel aanbiedt.",
            ),
            (_, FieldProblem::TooLong { max }) => {
                return match self.0 {
                    Lang::En => format!("Keep this under {max} characters."),
                    Lang::Hi => format!("इसे {max} अक्षरों से कम रखें।"),
                    Lang::Nl => format!("Houd dit onder de {max} tekens."),
                }
            }
            (_, _) => self.pick(
                "Check this field.",
                "यह जानकारी जाँचें।",
                "Controleer dit veld.",
            ),
        }
        .to_owned()
    }

    pub fn catalog_failed(self, reason: &str) -> String {
        match self.0 {
            Lang::En => format!(
                "Sorry, the product list couldn't be loaded: {reason}. You can still chat, and try again."
            ),
            Lang::Hi => format!(
                "माफ़ कीजिए, सामान की सूची लोड नहीं हो सकी: {reason}। आप बात जारी रख सकते हैं और फिर कोशिश कर सकते हैं।"
            ),
            Lang::Nl => format!(
                "Sorry, de productlijst kon niet worden geladen: {reason}. Je kunt blijven chatten en het opnieuw proberen."
            ),
        }
    }

    pub fn cart_change(self, change: &CartChange, money: &dyn Fn(&Money) -> String) -> String {
        match (change, self.0) {
            (CartChange::Removed { title }, Lang::En) => {
                format!("{title} is no longer sold here and was removed.")
            }
            (CartChange::Removed { title }, Lang::Hi) => {
                format!("{title} अब यहाँ नहीं बिकता, इसलिए हटा दिया गया।")
            }
            (CartChange::Removed { title }, Lang::Nl) => {
                format!("{title} wordt hier niet meer verkocht en is verwijderd.")
            }
            (CartChange::Unavailable { title }, Lang::En) => format!(
                "{title} can't be ordered right now; it stays in your cart but not in the order."
            ),
            (CartChange::Unavailable { title }, Lang::Hi) => {
                format!("{title} अभी ऑर्डर नहीं हो सकता; यह कार्ट में रहेगा पर ऑर्डर में नहीं।")
            }
            (CartChange::Unavailable { title }, Lang::Nl) => format!(
                "{title} kan nu niet besteld worden; het blijft in je mandje maar niet in de bestelling."
            ),
            (CartChange::PriceChanged { title, was, now }, lang) => {
                let (was, now) = (money(was), money(now));
                match lang {
                    Lang::En => format!("{title} now costs {now} (it was {was})."),
                    Lang::Hi => format!("{title} अब {now} का है (पहले {was})।"),
                    Lang::Nl => format!("{title} kost nu {now} (was {was})."),
                }
            }
        }
    }

    pub fn cart_changed(self, lines: &[String]) -> String {
        let lines = lines.join(" ");
        match self.0 {
            Lang::En => format!("Since your last visit: {lines}"),
            Lang::Hi => format!("आपके पिछली बार आने के बाद से: {lines}"),
            Lang::Nl => format!("Sinds je laatste bezoek: {lines}"),
        }
    }

    pub fn cart_set_aside(self, problem: &str) -> String {
        match self.0 {
            Lang::En => format!("Your saved cart couldn't be read ({problem}), so it was set aside and you're starting with an empty cart."),
            Lang::Hi => format!("आपका सहेजा हुआ कार्ट पढ़ा नहीं जा सका ({problem}), इसलिए उसे अलग रख दिया गया है और आप ख़ाली कार्ट से शुरू कर रहे हैं।"),
            Lang::Nl => format!("Je bewaarde mandje kon niet worden gelezen ({problem}), dus het is apart gezet en je begint met een leeg mandje."),
        }
    }

    /// Names the number the order goes to, so a shopper can tell a look-alike shop link.
    pub fn order_ready(self, reference: &str, whatsapp_digits: &str) -> String {
        match self.0 {
            Lang::En => format!("Order {reference} is ready. Send it to the shop on WhatsApp (+{whatsapp_digits}) to confirm."),
            Lang::Hi => format!("ऑर्डर {reference} तैयार है। पुष्टि के लिए इसे WhatsApp (+{whatsapp_digits}) पर दुकान को भेजें।"),
            Lang::Nl => format!("Bestelling {reference} is klaar. Stuur hem via WhatsApp (+{whatsapp_digits}) naar de winkel om te bevestigen."),
        }
    }

    pub fn pay_with_upi(self, amount: &str) -> String {
        match self.0 {
            Lang::En => format!("Pay {amount} with UPI"),
            Lang::Hi => format!("UPI से {amount} का भुगतान करें"),
            Lang::Nl => format!("Betaal {amount} met UPI"),
        }
    }

    /// Where an order sent to the shop's server stands.
    pub fn delivery(self, reference: &str, delivery: &Delivery) -> String {
        match (self.0, delivery) {
            (Lang::En, Delivery::Sending) => format!("Sending order {reference} to the shop…"),
            (Lang::Hi, Delivery::Sending) => format!("ऑर्डर {reference} दुकान को भेजा जा रहा है…"),
            (Lang::Nl, Delivery::Sending) => format!("Bestelling {reference} wordt naar de winkel verstuurd…"),
            (lang, Delivery::Received { order_number }) => {
                let number = order_number.as_deref().map(|n| format!(" #{n}")).unwrap_or_default();
                match lang {
                    Lang::En => format!("The shop received order {reference} as{number}. Thank you! Say hi to start a new order."),
                    Lang::Hi => format!("दुकान को ऑर्डर {reference}{number} मिल गया। धन्यवाद! नया ऑर्डर शुरू करने के लिए नमस्ते कहें।"),
                    Lang::Nl => format!("De winkel heeft bestelling {reference} ontvangen als{number}. Bedankt! Zeg hallo voor een nieuwe bestelling."),
                }
            }
            (Lang::En, Delivery::Retrying { retry_in_ms }) => format!("Not sent yet: the shop's server didn't answer. Order {reference} is kept on this device; trying again in {} s.", retry_in_ms.div_ceil(1000)),
            (Lang::Hi, Delivery::Retrying { retry_in_ms }) => format!("अभी नहीं भेजा गया: दुकान के सर्वर ने जवाब नहीं दिया। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है; {} सेकंड में फिर कोशिश होगी।", retry_in_ms.div_ceil(1000)),
            (Lang::Nl, Delivery::Retrying { retry_in_ms }) => format!("Nog niet verstuurd: de server van de winkel antwoordde niet. Bestelling {reference} blijft op dit apparaat bewaard; nieuwe poging over {} s.", retry_in_ms.div_ceil(1000)),
            (Lang::En, Delivery::WaitingForConnection) => format!("Not sent yet: you're offline. Order {reference} is kept on this device and will be sent as soon as you're back online."),
            (Lang::Hi, Delivery::WaitingForConnection) => format!("अभी नहीं भेजा गया: आप ऑफ़लाइन हैं। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है और इंटरनेट आते ही भेज दिया जाएगा।"),
            (Lang::Nl, Delivery::WaitingForConnection) => format!("Nog niet verstuurd: je bent offline. Bestelling {reference} blijft op dit apparaat bewaard en gaat zodra je weer online bent."),
            (Lang::En, Delivery::NotSent { reason: NotSentReason::Unreachable }) => format!("Not sent: the shop's server can't be reached right now. Order {reference} is kept on this device. Try again, or send it on WhatsApp with the same reference."),
            (Lang::Hi, Delivery::NotSent { reason: NotSentReason::Unreachable }) => format!("नहीं भेजा गया: दुकान का सर्वर अभी नहीं मिल रहा। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है। फिर कोशिश करें, या इसी रेफ़रेंस के साथ WhatsApp पर भेजें।"),
            (Lang::Nl, Delivery::NotSent { reason: NotSentReason::Unreachable }) => format!("Niet verstuurd: de server van de winkel is nu niet bereikbaar. Bestelling {reference} blijft op dit apparaat bewaard. Probeer opnieuw, of stuur hem via WhatsApp met hetzelfde kenmerk."),
            (Lang::En, Delivery::NotSent { reason: NotSentReason::Refused(why) }) => format!("The shop's server didn't accept order {reference} ({why}). You can send it on WhatsApp instead, and the shop will sort it out with you."),
            (Lang::Hi, Delivery::NotSent { reason: NotSentReason::Refused(why) }) => format!("दुकान के सर्वर ने ऑर्डर {reference} स्वीकार नहीं किया ({why})। आप इसे WhatsApp पर भेज सकते हैं, दुकान आपसे बात कर लेगी।"),
            (Lang::Nl, Delivery::NotSent { reason: NotSentReason::Refused(why) }) => format!("De server van de winkel nam bestelling {reference} niet aan ({why}). Je kunt hem via WhatsApp sturen; de winkel regelt het met je."),
            (_, Delivery::HandedToWhatsApp) => format!("{reference}: {}", self.label(Label::SentThroughWhatsApp)),
        }
    }

    pub fn handoff_blocked(self, reason: &str) -> String {
        match self.0 {
            Lang::En => format!("The order can't be sent yet: {reason}. Your cart and details are kept; please tell the shop."),
            Lang::Hi => format!("ऑर्डर अभी भेजा नहीं जा सकता: {reason}। आपका कार्ट और जानकारी सुरक्षित हैं; कृपया दुकान को बताएँ।"),
            Lang::Nl => format!("De bestelling kan nog niet worden verstuurd: {reason}. Je mandje en gegevens blijven bewaard; laat het de winkel weten."),
        }
    }

    pub fn cart_waiting_for_prices(self, items: u32) -> String {
        match (self.0, items) {
            (Lang::En, 1) => "Your cart has 1 item. Prices and totals will show once the product list loads.".into(),
            (Lang::En, n) => format!("Your cart has {n} items. Prices and totals will show once the product list loads."),
            (Lang::Hi, n) => format!("आपके कार्ट में {n} सामान हैं। सूची लोड होते ही दाम और कुल दिखेंगे।"),
            (Lang::Nl, 1) => "Je mandje heeft 1 artikel. Prijzen en totalen verschijnen zodra de productlijst geladen is.".into(),
            (Lang::Nl, n) => format!("Je mandje heeft {n} artikelen. Prijzen en totalen verschijnen zodra de productlijst geladen is."),
        }
    }
}

// Why a catalog failed, for the merchant: English, set inside `Words::catalog_failed`.

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
