//! The shop's words in Dutch.

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
pub struct Dutch;

impl Language for Dutch {
    fn tag(&self) -> &'static str {
        "nl"
    }

    fn our_shop(&self) -> &'static str {
        "onze winkel"
    }

    fn label(&self, label: Label) -> &'static str {
        use Label::*;
        match label {
            RepliesInstantly => "Antwoordt direct",
            Conversation => "Gesprek",
            SuggestedReplies => "Voorgestelde antwoorden",
            Message => "Bericht",
            MessagePlaceholder => "Typ een bericht, bijv. atta",
            Send => "Verstuur",
            YourCart => "Je mandje",
            Checkout => "Afrekenen",
            Close => "Sluiten",
            CartIsEmpty => "Je mandje is leeg.",
            Subtotal => "Subtotaal",
            Remove => "Verwijderen",
            BackToCart => "Terug naar mandje",
            PlaceOrder => "Bestelling plaatsen",
            SendOnWhatsApp => "Bestelling via WhatsApp versturen",
            NewerOrder => "Een nieuwere bestelling verving deze.",
            Add => "Toevoegen",
            Was => "was ",
            Previous => "‹ Vorige",
            Next => "Volgende ›",
            PreviousProducts => "Vorige producten",
            NextProducts => "Volgende producten",
            Name => "Naam",
            Phone => "Telefoon",
            HowToReceive => "Hoe wil je je bestelling ontvangen?",
            Delivery => "Bezorgen",
            Pickup => "Ophalen in de winkel",
            PickupOnly => "Deze winkel bezorgt niet: je haalt je bestelling op in de winkel.",
            House => "Huisnummer en straat",
            Area => "Wijk of herkenningspunt (optioneel)",
            City => "Plaats",
            Region => "Staat",
            RegionOptional => "Provincie (optioneel)",
            PinCode => "Pincode",
            Postcode => "Postcode (optioneel)",
            DeliveryTime => "Bezorgtijd",
            AnyTime => "Maakt niet uit",
            PaymentMethod => "Betaling",
            CashOnDelivery => "Contant bij levering",
            CashAtPickup => "Contant bij ophalen",
            Upi => "UPI",
            PayInChat => "Betalen via de chat (de winkel stuurt details)",
            Remember => "Onthoud mijn naam, telefoon en adres op dit apparaat voor mijn volgende bestelling",
            ReviewOrder => "Bestelling controleren",
            ReviewTitle => "Controleer je bestelling",
            ReviewExplained => "Dit is precies wat de winkel ontvangt:",
            EditDetails => "Gegevens aanpassen",
            CopyOrderText => "Besteltekst kopiëren",
            Copied => "Gekopieerd. Plak het in de chat met de winkel.",
            CopyFailed => "Deze browser laat me niet kopiëren: selecteer de besteltekst en kopieer hem zelf.",
            OpenWhatsAppWeb => "Openen in WhatsApp Web",
            ScanToContinue => "Of scan dit met je telefoon om het daar te versturen:",
            ScanToPay => "Scan met een UPI-app om te betalen:",
            LinkCompacted => "De bestelling is lang, dus het bericht noemt artikelen bij hun winkelcode zodat het in één WhatsApp-link past.",
            LinkSummarised => "De bestelling is te lang voor één WhatsApp-link: de link bevat het kenmerk en totaal. Kopieer de volledige besteltekst hieronder en plak die direct daarna in de chat.",
            TryAgain => "Opnieuw proberen",
            SendOnWhatsAppInstead => "In plaats daarvan via WhatsApp versturen",
            SentThroughWhatsApp => "Deze bestelling gaat nu via WhatsApp; hij wordt niet twee keer verstuurd.",
            OrderText => "Besteltekst",
            ChatToOrder => "Bestel via chat",
            CloseChat => "Chat sluiten",
            Notes => "Opmerkingen (optioneel)",
            MoreOnShopSite => "Meer op de website van de winkel",
            CartRestored => "Je mandje is terug zoals het was.",
            OlderResultsHidden => "Oudere resultaten zijn ingeklapt.",
            ShowAgain => "Toon deze opnieuw",
            EarlierMessagesHidden => "Eerdere berichten zijn verborgen om de chat snel te houden.",
            CatalogStillLoading => "Een moment, de productlijst is onderweg. Ik laat hem zien zodra hij er is.",
            CartNotSaved => "Deze browser laat me je mandje niet bewaren; het blijft alleen zolang deze pagina open is.",
            NothingToOrder => "niets in het mandje kan nu besteld worden",
            PricesNotLoaded => "de productlijst is niet geladen, dus de prijzen kunnen niet gecontroleerd worden",
            OrderSent => "Bedankt! Je bestelling staat in WhatsApp. Druk daar op versturen als je dat nog niet deed. Zeg hallo voor een nieuwe bestelling.",
            SayHi => "Hallo",
            BrowseCategories => "Categorieën bekijken",
            Search => "Zoeken",
            ViewCart => "Mandje bekijken",
            Help => "Hulp",
            ClearCart => "Mandje leegmaken",
            Undo => "Ongedaan maken",
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
            (Noun::Product, Plural::Other) => "producten",
            (Noun::Item, Plural::One) => "artikel",
            (Noun::Item, Plural::Other) => "artikelen",
        }
    }

    fn opening(&self, store: Option<&str>) -> String {
        let store = store.unwrap_or(self.our_shop());
        format!("Welkom bij {store}! Zeg hallo om te beginnen met winkelen.")
    }

    fn products_heading(&self, heading: &Heading, count: usize) -> String {
        let count = (self as &dyn Language).counted(count as u64, Noun::Product);
        match heading {
            Heading::Category(name) => format!("{name}: {count}"),
            Heading::SearchResults(q) => format!("{count} gevonden voor \"{q}\""),
            Heading::Closest(q) => {
                format!("Niets bevat alle woorden van \"{q}\"; de {count} die er het dichtst bij komen:")
            }
            Heading::Suggestions(q) => {
                format!("Niets past precies bij \"{q}\". Misschien een van deze?")
            }
        }
    }

    fn reply(&self, reply: &Reply, store: Option<&str>, names: &dyn Names) -> String {
        match reply {
            Reply::Welcome => {
                let store = store.unwrap_or(self.our_shop());
                format!(
                    "Hallo! Dit is {store}. Bekijk onze categorieën, typ wat je nodig hebt \
                     (zoals \"atta\" of \"butter\") of open je mandje."
                )
            }
            Reply::Categories => "Dit verkopen we. Kies een categorie:".into(),
            Reply::Subcategories { category, .. } => {
                format!("Wat zoek je in {}? Kies er een:", names.category(category))
            }
            Reply::Products {
                heading,
                product_ids,
            } => self.products_heading(heading, product_ids.len()),
            Reply::Added {
                retailer_id,
                quantity,
            } => format!(
                "{quantity} x {} toegevoegd aan je mandje.",
                names.item(retailer_id)
            ),
            Reply::WhichOne { .. } => {
                "Welke bedoel je? Kies hieronder, of typ meer van de naam.".into()
            }
            Reply::Removed { retailer_id } => {
                format!("{} uit je mandje gehaald.", names.item(retailer_id))
            }
            Reply::WhichToRemove { .. } => "Welke moet ik uit je mandje halen?".into(),
            Reply::CartCleared => "Je mandje is nu leeg.".into(),
            Reply::NotInCart { query } => format!("Er zit geen \"{query}\" in je mandje."),
            Reply::NoMatches { query } => format!(
                "Sorry, niets past bij \"{query}\". Probeer een ander woord of bekijk de categorieën."
            ),
            Reply::AskWhatToSearch => "Wat zoek je? Typ een product of merk.".into(),
            Reply::OpenCart => "Hier is je mandje.".into(),
            Reply::OpenCheckout => "Laten we afrekenen.".into(),
            Reply::Help => "Typ een productnaam om te zoeken, \"menu\" voor de categorieën, \"mandje\" voor \
                 je mandje of \"afrekenen\" om te bestellen. Je kunt ook in één regel bestellen, \
                 zoals \"2 atta 5kg\"."
                .into(),
            Reply::CatalogUnavailable => {
                "De productlijst is nu niet beschikbaar, dus ik kan nog geen producten tonen.".into()
            }
        }
    }

    fn all_of(&self, category: &str) -> String {
        format!("Alle {category}")
    }

    fn setup_problem(&self, problem: &ConfigProblem) -> String {
        format!("Probleem met de instellingen: {problem}")
    }

    fn cart_set_aside(&self, problem: &StoredCartError) -> String {
        format!("Je bewaarde mandje kon niet worden gelezen ({problem}), dus het is apart gezet en je begint met een leeg mandje.")
    }

    fn cart_change(&self, change: &CartChange, money: FormatMoney) -> String {
        match change {
            CartChange::Removed { title } => {
                format!("{title} wordt hier niet meer verkocht en is verwijderd.")
            }
            CartChange::Unavailable { title } => format!(
                "{title} kan nu niet besteld worden; het blijft in je mandje maar niet in de bestelling."
            ),
            CartChange::PriceChanged { title, was, now } => {
                let (was, now) = (money(was), money(now));
                format!("{title} kost nu {now} (was {was}).")
            }
        }
    }

    fn since_last_visit(&self, changes: &str) -> String {
        format!("Sinds je laatste bezoek: {changes}")
    }

    fn catalog_failed(&self, failure: &CatalogFailure) -> String {
        format!(
            "Sorry, de productlijst kon niet worden geladen: {failure}. Je kunt blijven chatten en het opnieuw proberen."
        )
    }

    fn handoff_blocked(&self, reason: &str) -> String {
        format!("De bestelling kan nog niet worden verstuurd: {reason}. Je mandje en gegevens blijven bewaard; laat het de winkel weten.")
    }

    fn field_problem(&self, field: Field, problem: FieldProblem) -> String {
        match (field, problem) {
            (Field::Name, FieldProblem::Missing) => {
                "Vul je naam in zodat de winkel weet wie bestelt."
            }
            (Field::Phone, FieldProblem::Missing) => {
                "Vul een telefoonnummer in waarop de winkel je kan bellen."
            }
            (Field::Phone, _) => {
                "Vul een telefoonnummer van 7 tot 15 cijfers in, zoals +31 6 12345678."
            }
            (Field::House, FieldProblem::Missing) => "Vul je straat en huisnummer in.",
            (Field::City, FieldProblem::Missing) => "Vul je woonplaats in.",
            (Field::Region, FieldProblem::Missing) => "Vul je provincie in.",
            (Field::PostalCode, FieldProblem::Missing) => "Vul je postcode in.",
            (Field::PostalCode, FieldProblem::NotAPin) => {
                "Een Indiase pincode heeft 6 cijfers, zoals 400053."
            }
            (Field::PostalCode, _) => {
                "Vul een postcode van 3 tot 10 letters of cijfers in, zoals 1015 CS."
            }
            (Field::Slot, _) => "Kies een van de bezorgtijden van de winkel.",
            (Field::Payment, _) => "Kies een betaalwijze die de winkel aanbiedt.",
            (_, FieldProblem::TooLong { max }) => {
                return format!("Houd dit onder de {max} tekens.")
            }
            (_, _) => "Controleer dit veld.",
        }
        .to_owned()
    }

    fn delivery(&self, reference: &OrderReference, delivery: &Delivery) -> String {
        match delivery {
            Delivery::Sending => format!("Bestelling {reference} wordt naar de winkel verstuurd…"),
            Delivery::Received { order_number: n } => {
                let number = order_number(n.as_deref());
                format!("De winkel heeft bestelling {reference} ontvangen als{number}. Bedankt! Zeg hallo voor een nieuwe bestelling.")
            }
            Delivery::Retrying { retry_in_ms } => format!("Nog niet verstuurd: de server van de winkel antwoordde niet. Bestelling {reference} blijft op dit apparaat bewaard; nieuwe poging over {} s.", seconds(*retry_in_ms)),
            Delivery::WaitingForConnection => format!("Nog niet verstuurd: je bent offline. Bestelling {reference} blijft op dit apparaat bewaard en gaat zodra je weer online bent."),
            Delivery::NotSent { reason: NotSentReason::Unreachable } => format!("Niet verstuurd: de server van de winkel is nu niet bereikbaar. Bestelling {reference} blijft op dit apparaat bewaard. Probeer opnieuw, of stuur hem via WhatsApp met hetzelfde kenmerk."),
            Delivery::NotSent { reason: NotSentReason::Refused(why) } => format!("De server van de winkel nam bestelling {reference} niet aan ({why}). Je kunt hem via WhatsApp sturen; de winkel regelt het met je."),
            Delivery::HandedToWhatsApp => handed_to_whatsapp(self, reference),
        }
    }

    fn order_ready(&self, reference: &OrderReference, whatsapp_digits: &str) -> String {
        format!("Bestelling {reference} is klaar. Stuur hem via WhatsApp (+{whatsapp_digits}) naar de winkel om te bevestigen.")
    }

    fn availability_note(&self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some("Voorbestelling: geleverd zodra het binnen is"),
            Availability::AvailableForOrder => Some("Op bestelling: levering duurt langer"),
            Availability::InStock | Availability::OutOfStock | Availability::Discontinued => None,
        }
    }

    fn unavailable_label(&self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => "Niet meer verkrijgbaar",
            _ => "Uitverkocht",
        }
    }

    fn not_in_order(&self, availability: Availability) -> String {
        let status = self.unavailable_label(availability);
        format!("{status}: niet in je bestelling")
    }

    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => "Maat en kleur",
            (false, true) => "Kleur",
            (true, false) => "Maat",
            (false, false) => "Optie",
        }
    }

    fn option_of(&self, kind: &str, title: &str) -> String {
        format!("{kind} van {title}")
    }

    fn page_position(&self, first: usize, last: usize, total: usize) -> String {
        format!("{first}–{last} van {total}")
    }

    fn cart_button(&self, items: u32) -> String {
        match items {
            0 => "Mandje, leeg".into(),
            n => format!(
                "Mandje, {}",
                (self as &dyn Language).counted(n.into(), Noun::Item)
            ),
        }
    }

    fn per(&self, measure: Measure) -> &'static str {
        match measure {
            Measure::Kilogram => "per kg",
            Measure::Litre => "per liter",
            Measure::Piece => "per stuk",
        }
    }

    fn add_to_cart(&self, title: &str) -> String {
        format!("{title} aan mandje toevoegen")
    }

    fn details_of(&self, title: &str) -> String {
        format!("Details van {title}")
    }

    fn in_cart(&self, n: u32) -> String {
        format!("{n} in mandje")
    }

    fn quantity_of(&self, title: &str) -> String {
        format!("Aantal van {title}")
    }

    fn decrease(&self, title: &str) -> String {
        format!("Minder van {title}")
    }

    fn increase(&self, title: &str) -> String {
        format!("Meer van {title}")
    }

    fn remove(&self, title: &str) -> String {
        format!("{title} verwijderen")
    }

    fn checkout_summary(&self, items: u32, total: &str) -> String {
        format!(
            "{}, totaal {total}",
            (self as &dyn Language).counted(items.into(), Noun::Item)
        )
    }

    fn pay_with_upi(&self, amount: &str) -> String {
        format!("Betaal {amount} met UPI")
    }

    fn cart_waiting_for_prices(&self, items: u32) -> String {
        let items = (self as &dyn Language).counted(items.into(), Noun::Item);
        format!("Je mandje heeft {items}. Prijzen en totalen verschijnen zodra de productlijst geladen is.")
    }
}
