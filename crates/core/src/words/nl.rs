//! The shop's words in Dutch.

use crate::checkout::Fulfilment;
use crate::order_status::OrderStatus;
use crate::pack_size::Measure;
use crate::product::Availability;

use super::{Label, Language, Noun, Plural, Template, Wordings};

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
        const LABELS: Wordings<{ Label::ALL.len() }> = wordings!(Label {
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
            ProductsOnTheirWay => "Deze producten worden geladen…",
            ShowAgain => "Toon deze opnieuw",
            EarlierMessagesHidden => "Eerdere berichten zijn verborgen om de chat snel te houden.",
            CatalogStillLoading => "Een moment, de productlijst is onderweg. Ik laat hem zien zodra hij er is.",
            LoadingCatalog => "De productlijst wordt geladen…",
            CartNotSaved => "Deze browser laat me je mandje niet bewaren; het blijft alleen zolang deze pagina open is.",
            NothingToOrder => "niets in het mandje kan nu besteld worden",
            PricesNotLoaded => "de productlijst is niet geladen, dus de prijzen kunnen niet gecontroleerd worden",
            Loading => "Laden…",
            CartNotLoaded => "Het mandje kon niet laden. Controleer je verbinding en probeer het opnieuw; wat erin zit, blijft bewaard.",
            SavedNotLoaded => "Wat je op dit apparaat bewaarde (je mandje, bestellingen en gegevens) kon nog niet laden. Controleer je verbinding; de winkel probeert het vanzelf opnieuw.",
            CheckoutNotLoaded => "De kassa kon niet laden. Controleer je verbinding en probeer het opnieuw.",
            OrderNotShown => "Je bestelling is bewaard, maar het bericht kon niet laden. Controleer je verbinding en probeer het opnieuw.",
            OrderSent => "Bedankt! Je bestelling staat in WhatsApp. Druk daar op versturen als je dat nog niet deed. Zeg hallo voor een nieuwe bestelling.",
            SayHi => "Hallo",
            BrowseCategories => "Categorieën bekijken",
            Search => "Zoeken",
            ViewCart => "Mandje bekijken",
            Help => "Hulp",
            ClearCart => "Mandje leegmaken",
            Undo => "Ongedaan maken",
            Total => "Totaal",
            Discount => "Korting",
            Free => "Gratis",
            OfferCode => "Kortingscode",
            Apply => "Toepassen",
            TermsUnknown => "de bezorgkosten en aanbiedingen van de winkel konden niet worden geladen",
            OrdersSetAside => "Eerder op dit apparaat bewaarde bestellingen konden niet worden gelezen; ze zijn apart gezet en niet verstuurd. Heb je een bestelling geplaatst die de winkel niet kreeg, laat het de winkel dan weten.",
            DetailsUnreadable => "Je bewaarde naam en adres konden niet worden gelezen; vul ze bij het afrekenen opnieuw in.",
            MyOrders => "Mijn bestellingen",
            SentOnWhatsApp => "Verstuurd via WhatsApp: de winkel bevestigt daar.",
            NoUpdatesHere => "De winkel geeft hier geen updates.",
            StatusUnreachable => "De winkel was nu niet bereikbaar; dit is het laatste nieuws.",
            OrdersNotLoaded => "Je bestellingen konden niet laden. Controleer je verbinding en probeer het opnieuw.",
        });
        LABELS.get(label as usize)
    }

    fn template(&self, template: Template) -> &'static str {
        const TEMPLATES: Wordings<{ Template::ALL.len() }> = wordings!(Template {
            Opening => "Welkom bij {store}! Zeg hallo om te beginnen met winkelen.",
            CategoryHeading => "{name}: {count}",
            SearchResultsHeading => "{count} gevonden voor \"{query}\"",
            ClosestHeading => "Niets bevat alle woorden van \"{query}\"; de {count} die er het dichtst bij komen:",
            SuggestionsHeading => "Niets past precies bij \"{query}\". Misschien een van deze?",
            Welcome => "Hallo! Dit is {store}. Bekijk onze categorieën, typ wat je nodig hebt \
             (zoals \"atta\" of \"butter\") of open je mandje.",
            Categories => "Dit verkopen we. Kies een categorie:",
            Subcategories => "Wat zoek je in {category}? Kies er een:",
            Added => "{quantity} x {item} toegevoegd aan je mandje.",
            WhichOne => "Welke bedoel je? Kies hieronder, of typ meer van de naam.",
            OnlyThisOne => "Niet in die maat; we hebben {item}.",
            Removed => "{item} uit je mandje gehaald.",
            WhichToRemove => "Welke moet ik uit je mandje halen?",
            CartCleared => "Je mandje is nu leeg.",
            NotInCart => "Er zit geen \"{query}\" in je mandje.",
            NoMatches => "Sorry, niets past bij \"{query}\". Probeer een ander woord of bekijk de categorieën.",
            AskWhatToSearch => "Wat zoek je? Typ een product of merk.",
            OpenCart => "Hier is je mandje.",
            OpenCheckout => "Laten we afrekenen.",
            OpenOrders => "Dit zijn de bestellingen die op dit apparaat zijn geplaatst.",
            NoOrdersYet => "Nog geen bestellingen op dit apparaat. Zeg wat je nodig hebt, zoals \"2 atta 5kg\".",
            Help => "Typ een productnaam om te zoeken, \"menu\" voor de categorieën, \"mandje\" voor \
             je mandje of \"afrekenen\" om te bestellen. Je kunt ook in één regel bestellen, \
             zoals \"2 atta 5kg\".",
            CatalogUnavailable => "De productlijst is nu niet beschikbaar, dus ik kan nog geen producten tonen.",
            AllOf => "Alle {category}",
            SetupProblem => "Probleem met de instellingen: {problem}",
            CartSetAside => "Je bewaarde mandje kon niet worden gelezen ({problem}), dus het is apart gezet en je begint met een leeg mandje.",
            NoLongerSold => "{title} wordt hier niet meer verkocht en is verwijderd.",
            CannotOrderNow => "{title} kan nu niet besteld worden; het blijft in je mandje maar niet in de bestelling.",
            PriceChanged => "{title} kost nu {now} (was {was}).",
            SinceLastVisit => "Sinds je laatste bezoek: {changes}",
            CatalogFailed => "Sorry, de productlijst kon niet worden geladen: {failure}. Je kunt blijven chatten en het opnieuw proberen.",
            PieceFailed => "Sorry, sommige producten konden nu niet worden geladen: {failure}. Vraag het zo nog eens.",
            CatalogProgress => "De productlijst wordt geladen: {received} van {total} MB",
            CatalogSoFar => "De productlijst wordt geladen: al {received} MB binnen",
            HandoffBlocked => "De bestelling kan nog niet worden verstuurd: {reason}. Je mandje en gegevens blijven bewaard; laat het de winkel weten.",
            NameMissing => "Vul je naam in zodat de winkel weet wie bestelt.",
            PhoneMissing => "Vul een telefoonnummer in waarop de winkel je kan bellen.",
            NotAPhone => "Vul een telefoonnummer van 7 tot 15 cijfers in, zoals +31 6 12345678.",
            HouseMissing => "Vul je straat en huisnummer in.",
            CityMissing => "Vul je woonplaats in.",
            RegionMissing => "Vul je provincie in.",
            PinCodeMissing => "Vul je postcode in.",
            NotAPin => "Een Indiase pincode heeft 6 cijfers, zoals 400053.",
            NotAPostcode => "Vul een postcode van 3 tot 10 letters of cijfers in, zoals 1015 CS.",
            SlotNotOffered => "Kies een van de bezorgtijden van de winkel.",
            PaymentNotOffered => "Kies een betaalwijze die de winkel aanbiedt.",
            TooLong => "Houd dit onder de {max} tekens.",
            CheckField => "Controleer dit veld.",
            HiddenCharacter => "Typ dit opnieuw: er staat een onzichtbaar teken in, zoals een tab, dat hier niet kan.",
            Sending => "Bestelling {reference} wordt naar de winkel verstuurd…",
            Received => "De winkel heeft bestelling {reference} ontvangen als #{number}. Bedankt! Zeg hallo voor een nieuwe bestelling.",
            ReceivedUnnumbered => "De winkel heeft bestelling {reference} ontvangen. Bedankt! Zeg hallo voor een nieuwe bestelling.",
            Retrying => "Nog niet verstuurd: de server van de winkel antwoordde niet. Bestelling {reference} blijft op dit apparaat bewaard; nieuwe poging over {seconds} s.",
            WaitingForConnection => "Nog niet verstuurd: je bent offline. Bestelling {reference} blijft op dit apparaat bewaard en gaat zodra je weer online bent.",
            Unreachable => "Niet verstuurd: de server van de winkel is nu niet bereikbaar. Bestelling {reference} blijft op dit apparaat bewaard. Probeer opnieuw, of stuur hem via WhatsApp met hetzelfde kenmerk.",
            Refused => "De server van de winkel nam bestelling {reference} niet aan ({why}). Je kunt hem via WhatsApp sturen; de winkel regelt het met je.",
            OrderReady => "Bestelling {reference} is klaar. Stuur hem via WhatsApp (+{digits}) naar de winkel om te bevestigen.",
            NotInOrder => "{status}: niet in je bestelling",
            OptionOf => "{kind} van {title}",
            PagePosition => "{first}–{last} van {total}",
            CartEmpty => "Mandje, leeg",
            CartCount => "Mandje, {items}",
            AddToCart => "{title} aan mandje toevoegen",
            DetailsOf => "Details van {title}",
            InCart => "{n} in mandje",
            QuantityOf => "Aantal van {title}",
            Decrease => "Minder van {title}",
            Increase => "Meer van {title}",
            RemoveItem => "{title} verwijderen",
            CheckoutSummary => "{items}, totaal {total}",
            PayWithUpi => "Betaal {amount} met UPI",
            CartWaitingForPrices => "Je mandje heeft {items}. Prijzen en totalen verschijnen zodra de productlijst geladen is.",
            FreeDeliveryFrom => "Gratis bezorging vanaf {threshold}: nog {more} te gaan.",
            BelowMinimum => "De minimale bestelling is {minimum}: voeg nog {more} toe om af te rekenen.",
            NotDelivered => "We bezorgen nog niet in {pin}.",
            NotDeliveredTryPickup => "We bezorgen nog niet in {pin}; je kunt je bestelling in de winkel ophalen.",
            DiscountWithCode => "Korting ({code})",
            OfferApplied => "{code} is toegepast.",
            OfferUnknown => "{code} is geen aanbieding van deze winkel.",
            OfferNotYet => "{code} gaat in op {date}.",
            OfferEnded => "{code} is afgelopen op {date}.",
            OfferNeedsMore => "{code} geldt vanaf {minimum}: voeg nog {more} toe.",
            OfferOutdone => "{code} geeft minder korting dan de aanbieding die je al hebt.",
            CustomerUpdate => "{store}: bestelling {reference} — {status}.",
            ReadyIn => "Verwacht over ongeveer {minutes} minuten.",
            StatusReason => "Reden: {reason}",
            ExpectedBy => "Verwacht rond {time}.",
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
            (Noun::Product, Plural::Other) => "producten",
            (Noun::Item, Plural::One) => "artikel",
            (Noun::Item, Plural::Other) => "artikelen",
        }
    }

    fn availability_note(&self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some("Voorbestelling: geleverd zodra het binnen is"),
            Availability::AvailableForOrder => Some("Op bestelling: levering duurt langer"),
            Availability::InStock | Availability::OutOfStock | Availability::Discontinued => None,
        }
    }

    fn status_name(&self, status: OrderStatus, fulfilment: Fulfilment) -> &'static str {
        let pickup = fulfilment == Fulfilment::Pickup;
        match status {
            OrderStatus::Received => "Ontvangen",
            OrderStatus::Accepted => "Geaccepteerd",
            OrderStatus::Rejected => "Afgewezen",
            OrderStatus::Packed if pickup => "Klaar om op te halen",
            OrderStatus::Packed => "Ingepakt",
            OrderStatus::OutForDelivery => "Onderweg",
            OrderStatus::Delivered if pickup => "Opgehaald",
            OrderStatus::Delivered => "Bezorgd",
            OrderStatus::Cancelled => "Geannuleerd",
        }
    }

    fn unavailable_label(&self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => "Niet meer verkrijgbaar",
            _ => "Uitverkocht",
        }
    }

    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => "Maat en kleur",
            (false, true) => "Kleur",
            (true, false) => "Maat",
            (false, false) => "Optie",
        }
    }

    fn per(&self, measure: Measure) -> &'static str {
        match measure {
            Measure::Kilogram => "per kg",
            Measure::Litre => "per liter",
            Measure::Piece => "per stuk",
        }
    }
}
