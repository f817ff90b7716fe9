use std::collections::HashSet;

use super::*;
use crate::cart::CartChange;
use crate::download::Progress;
use crate::money::{Currency, Money};
use crate::outbox::NotSentReason;

const LANGUAGES: [&dyn Language; 3] = [&English, &Hindi, &Dutch];

// Messages built from a language's words are methods of `dyn Language`.
const EN: &dyn Language = &English;
const HI: &dyn Language = &Hindi;
const NL: &dyn Language = &Dutch;

/// Names as a catalog would give them.
struct Shelf;

impl Names for Shelf {
    fn item(&self, retailer_id: &str) -> String {
        match retailer_id {
            "amul-500" => "Amul Butter (500 g)".into(),
            other => other.into(),
        }
    }

    fn category(&self, id: &str) -> String {
        match id {
            "dairy" => "Dairy".into(),
            other => other.into(),
        }
    }
}

fn reference() -> OrderReference {
    OrderReference::parse("CC-7K3P9Q").unwrap()
}

fn rupees(amount: &str) -> Money {
    Money::parse(amount, Currency::from_code("INR").unwrap()).unwrap()
}

fn money(amount: &Money) -> String {
    format!("₹{}", amount.amount_string())
}

#[test]
fn a_locale_picks_its_language_and_english_is_the_default() {
    for (locale, tag) in [
        ("hi-IN", "hi"),
        ("hi", "hi"),
        ("HI_in", "hi"),
        ("nl", "nl"),
        ("nl-BE", "nl"),
        ("en-IN", "en"),
        ("fr-FR", "en"),
        ("", "en"),
    ] {
        assert_eq!(for_locale(locale).tag(), tag, "{locale}");
    }
    assert_eq!(for_locale("hi-IN"), &Hindi as &dyn Language);
    assert_eq!(format!("{:?}", for_locale("nl")), "Language(\"nl\")");
}

#[test]
fn every_label_is_worded_and_told_apart_in_every_language() {
    let english: HashSet<&str> = Label::ALL.iter().map(|&l| English.label(l)).collect();
    assert_eq!(english.len(), Label::ALL.len(), "two English labels alike");
    for language in LANGUAGES {
        let mut seen = HashSet::new();
        for &label in Label::ALL {
            let text = language.label(label);
            assert!(!text.trim().is_empty(), "{language:?} {label:?}");
            seen.insert(text);
        }
        assert_eq!(seen.len(), english.len(), "{language:?}: two labels alike");
    }
}

#[test]
fn the_label_list_holds_each_label_once() {
    let distinct: HashSet<Label> = Label::ALL.iter().copied().collect();
    assert_eq!(distinct.len(), Label::ALL.len());
    assert!(Label::ALL.contains(&Label::Undo));
}

#[test]
fn one_and_two_of_each_counted_noun() {
    let expected = [
        (
            &English as &dyn Language,
            Noun::Product,
            "1 product",
            "2 products",
        ),
        (&English, Noun::Item, "1 item", "2 items"),
        (&Hindi, Noun::Product, "1 सामान", "2 सामान"),
        (&Hindi, Noun::Item, "1 सामान", "2 सामान"),
        (&Dutch, Noun::Product, "1 product", "2 producten"),
        (&Dutch, Noun::Item, "1 artikel", "2 artikelen"),
    ];
    for (language, noun, one, two) in expected {
        assert_eq!(language.counted(1, noun), one);
        assert_eq!(language.counted(2, noun), two);
    }
    // Every noun is covered above, in every language.
    assert_eq!(expected.len(), Noun::ALL.len() * LANGUAGES.len());
}

#[test]
fn plural_rules_follow_cldr() {
    assert_eq!(English.plural(0), Plural::Other);
    assert_eq!(Dutch.plural(0), Plural::Other);
    assert_eq!(Hindi.plural(0), Plural::One);
    for language in LANGUAGES {
        assert_eq!(language.plural(1), Plural::One);
        assert_eq!(language.plural(11), Plural::Other);
    }
}

#[test]
fn counts_are_worded_as_before() {
    assert_eq!(EN.cart_button(0), "Cart, empty");
    assert_eq!(EN.cart_button(1), "Cart, 1 item");
    assert_eq!(EN.cart_button(2), "Cart, 2 items");
    assert_eq!(NL.cart_button(1), "Mandje, 1 artikel");
    assert_eq!(HI.cart_button(0), "कार्ट, ख़ाली");
    assert_eq!(HI.cart_button(3), "कार्ट, 3 सामान");
    assert_eq!(EN.checkout_summary(3, "₹819.00"), "3 items, total ₹819.00");
    assert_eq!(EN.checkout_summary(1, "₹49.00"), "1 item, total ₹49.00");
    assert_eq!(HI.checkout_summary(3, "₹819.00"), "3 सामान, कुल ₹819.00");
    assert_eq!(
        EN.cart_waiting_for_prices(1),
        "Your cart has 1 item. Prices and totals will show once the product list loads."
    );
    assert_eq!(
        NL.cart_waiting_for_prices(2),
        "Je mandje heeft 2 artikelen. Prijzen en totalen verschijnen zodra de productlijst geladen is."
    );
}

#[test]
fn english_texts_stay_as_they_were() {
    assert_eq!(
        EN.opening(Some("Sharma Kirana")),
        "Welcome to Sharma Kirana! Say hi to start shopping."
    );
    assert_eq!(
        EN.opening(None),
        "Welcome to our shop! Say hi to start shopping."
    );
    assert_eq!(
        EN.products_heading(&Heading::SearchResults("atta".into()), 1),
        "Found 1 product for \"atta\""
    );
    assert_eq!(
        EN.products_heading(&Heading::Category("Dairy".into()), 12),
        "Dairy: 12 products"
    );
    assert_eq!(
        EN.reply(
            &Reply::Added {
                retailer_id: "amul-500".into(),
                quantity: 2
            },
            None,
            &Shelf
        ),
        "Added 2 x Amul Butter (500 g) to your cart."
    );
    let only = Reply::WhichOne {
        candidates: vec!["amul-500".into()],
        quantity: 1,
    };
    assert_eq!(
        EN.reply(&only, None, &Shelf),
        "Not in that size; we have Amul Butter (500 g).",
        "one candidate is shown, not asked about"
    );
    let two = Reply::WhichOne {
        candidates: vec!["amul-500".into(), "amul-100".into()],
        quantity: 1,
    };
    assert!(EN.reply(&two, None, &Shelf).starts_with("Which one"));
    assert_eq!(
        EN.delivery(
            &reference(),
            &Delivery::Received {
                order_number: Some("1042".into())
            }
        ),
        "The shop received order CC-7K3P9Q as #1042. Thank you! Say hi to start a new order."
    );
    // Without a number of the server's own, no dangling "as".
    assert_eq!(
        EN.delivery(&reference(), &Delivery::Received { order_number: None }),
        "The shop received order CC-7K3P9Q. Thank you! Say hi to start a new order."
    );
    assert_eq!(
        NL.delivery(&reference(), &Delivery::Received { order_number: None }),
        "De winkel heeft bestelling CC-7K3P9Q ontvangen. Bedankt! Zeg hallo voor een nieuwe bestelling."
    );
    assert_eq!(
        EN.delivery(&reference(), &Delivery::Retrying { retry_in_ms: 2500 }),
        "Not sent yet: the shop's server didn't answer. Order CC-7K3P9Q is kept on this device; trying again in 3 s."
    );
    assert_eq!(
        EN.delivery(&reference(), &Delivery::HandedToWhatsApp),
        "CC-7K3P9Q: This order goes through WhatsApp instead; it will not be sent twice."
    );
    assert_eq!(
        EN.field_problem(Field::PostalCode, FieldProblem::NotAPin),
        "A PIN code has 6 digits, like 400053."
    );
    assert_eq!(
        EN.field_problem(Field::Notes, FieldProblem::TooLong { max: 500 }),
        "Keep this under 500 characters."
    );
    assert_eq!(
        (&English as &dyn Language).notice(&Notice::CartRestored, &money),
        "Your cart is back as it was."
    );
    assert_eq!(
        EN.order_ready(&reference(), "919876543210"),
        "Order CC-7K3P9Q is ready. Send it to the shop on WhatsApp (+919876543210) to confirm."
    );
}

#[test]
fn hindi_texts_stay_as_they_were() {
    assert_eq!(
        HI.opening(Some("शर्मा किराना")),
        "शर्मा किराना में आपका स्वागत है! ख़रीदारी शुरू करने के लिए नमस्ते कहें।"
    );
    assert_eq!(
        HI.products_heading(&Heading::SearchResults("atta".into()), 2),
        "\"atta\" के लिए 2 सामान मिले"
    );
    assert_eq!(Hindi.label(Label::Send), "भेजें");
    assert_eq!(Hindi.label(Label::YourCart), "आपका कार्ट");
    assert_eq!(
        HI.delivery(&reference(), &Delivery::Sending),
        "ऑर्डर CC-7K3P9Q दुकान को भेजा जा रहा है…"
    );
    assert_eq!(
        HI.field_problem(Field::Name, FieldProblem::Missing),
        "अपना नाम लिखें ताकि दुकान जाने कि ऑर्डर किसका है।"
    );
}

#[test]
fn without_a_store_name_hindi_and_dutch_greet_in_their_own_words() {
    let hindi = [HI.opening(None), HI.reply(&Reply::Welcome, None, &Shelf)];
    for text in &hindi {
        assert!(text.contains("हमारी दुकान"), "{text}");
        // Only the example search words ("atta", "butter") are in Latin letters.
        let latin: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|word| !word.is_empty())
            .collect();
        assert!(
            latin.iter().all(|w| ["atta", "butter"].contains(w)),
            "{text}"
        );
    }
    assert_eq!(
        NL.opening(None),
        "Welkom bij onze winkel! Zeg hallo om te beginnen met winkelen."
    );
    assert!(NL
        .reply(&Reply::Welcome, None, &Shelf)
        .starts_with("Hallo! Dit is onze winkel."));
    for language in [&Hindi as &dyn Language, &Dutch] {
        assert!(!language.opening(None).contains("our shop"));
        assert!(!language
            .reply(&Reply::Welcome, None, &Shelf)
            .contains("our shop"));
    }
}

#[test]
fn a_setup_problem_is_worded_in_the_shoppers_language_around_the_english_reason() {
    let problem = ConfigProblem::Locale("xx!".into());
    let notice = Notice::SetupProblem(problem.clone());
    let reason = problem.to_string();
    for (language, prefix) in [
        (&English as &dyn Language, "Set-up problem: "),
        (&Hindi, "सेटअप में समस्या: "),
        (&Dutch, "Probleem met de instellingen: "),
    ] {
        assert_eq!(
            language.notice(&notice, &money),
            format!("{prefix}{reason}")
        );
    }
}

#[test]
fn notices_word_typed_input() {
    let changes = vec![
        CartChange::Removed {
            title: "Amul Butter".into(),
        },
        CartChange::PriceChanged {
            title: "Atta".into(),
            was: rupees("250"),
            now: rupees("265.50"),
        },
    ];
    assert_eq!(
        (&English as &dyn Language).notice(&Notice::CartChanged(changes), &money),
        "Since your last visit: Amul Butter is no longer sold here and was removed. \
         Atta now costs ₹265.50 (it was ₹250.00)."
    );
    assert_eq!(
        (&English as &dyn Language).notice(
            &Notice::CartSetAside(StoredCartError::UnknownVersion(7)),
            &money
        ),
        "Your saved cart couldn't be read (the saved cart is version 7, which this shop does not know), so it was set aside and you're starting with an empty cart."
    );
    assert_eq!(
        (&Hindi as &dyn Language).notice(&Notice::OrderSent, &money),
        Hindi.label(Label::OrderSent)
    );
}

#[test]
fn a_blocked_order_says_why() {
    assert_eq!(
        (&English as &dyn Language).order_blocked(&OrderBlocked::NothingToOrder, &money),
        "The order can't be sent yet: nothing in the cart can be ordered right now. Your cart and details are kept; please tell the shop."
    );
    let missing = crate::handoff::WhatsAppNumberError::Missing;
    assert_eq!(
        (&Hindi as &dyn Language).order_blocked(&OrderBlocked::NoWhatsApp(missing.clone()), &money),
        HI.handoff_blocked(&missing.to_string())
    );
}

#[test]
fn a_catalog_failure_is_worded_around_its_english_reason() {
    let failure = CatalogFailure::Unreachable {
        url: "https://shop.example/catalog.json".into(),
    };
    assert_eq!(
        EN.catalog_failed(&failure),
        "Sorry, the product list couldn't be loaded: the catalog at https://shop.example/catalog.json could not be reached (network error or blocked address). You can still chat, and try again."
    );
}

#[test]
fn a_timeout_says_whether_the_catalog_never_answered_or_stopped_arriving() {
    let timed_out = |received| CatalogFailure::TimedOut {
        url: "/feeds/big.csv".into(),
        seconds: 15,
        received,
    };
    assert_eq!(
        EN.catalog_failed(&timed_out(0)),
        "Sorry, the product list couldn't be loaded: the catalog at /feeds/big.csv did not answer within 15 seconds. You can still chat, and try again."
    );
    assert_eq!(
        EN.catalog_failed(&timed_out(12_345_678)),
        "Sorry, the product list couldn't be loaded: the catalog at /feeds/big.csv stopped arriving after 12.3 MB: nothing more came for 15 seconds. You can still chat, and try again."
    );
    assert_eq!(
        timed_out(20_000).to_string(),
        "the catalog at /feeds/big.csv stopped arriving after 20000 bytes: nothing more came for 15 seconds"
    );
}

#[test]
fn the_catalogs_download_is_counted_in_whole_megabytes_in_every_language() {
    let progress = |received, total| Progress::new(received, total);
    let cases = [
        (
            EN,
            "Loading the product list: 12 of 34 MB",
            "Loading the product list: 12 MB so far",
            "Loading the product list…",
        ),
        (
            HI,
            "सामान की सूची लोड हो रही है: 34 MB में से 12 MB",
            "सामान की सूची लोड हो रही है: अब तक 12 MB",
            "सामान की सूची लोड हो रही है…",
        ),
        (
            NL,
            "De productlijst wordt geladen: 12 van 34 MB",
            "De productlijst wordt geladen: al 12 MB binnen",
            "De productlijst wordt geladen…",
        ),
    ];
    for (language, of_total, so_far, small) in cases {
        assert_eq!(
            language.catalog_loading(progress(12_600_000, Some(34_200_000))),
            of_total
        );
        assert_eq!(language.catalog_loading(progress(12_600_000, None)), so_far);
        // A compressed body: more arrived than the announced (compressed) size.
        assert_eq!(
            language.catalog_loading(progress(12_600_000, Some(3_000_000))),
            so_far
        );
        assert_eq!(language.catalog_loading(progress(0, None)), small);
        assert_eq!(
            language.catalog_loading(progress(300_000, Some(800_000))),
            small
        );
    }
}

#[test]
fn quick_replies_name_what_they_offer() {
    let whole = QuickReply::Say(Intent::WholeCategory("dairy".into()));
    assert_eq!(
        (&English as &dyn Language).quick_reply_label(&whole, &Shelf),
        "All Dairy"
    );
    assert_eq!(
        (&Hindi as &dyn Language).quick_reply_label(&whole, &Shelf),
        "सभी Dairy"
    );
    let add = QuickReply::Add {
        retailer_id: "amul-500".into(),
        quantity: 1,
    };
    assert_eq!(
        (&Dutch as &dyn Language).quick_reply_label(&add, &Shelf),
        "Amul Butter (500 g)"
    );
    assert_eq!(
        (&Dutch as &dyn Language).quick_reply_label(&QuickReply::UndoClear, &Shelf),
        "Ongedaan maken"
    );
    assert_eq!(
        (&English as &dyn Language).quick_reply_label(&QuickReply::RetryCatalog, &Shelf),
        "Try again"
    );
}

#[test]
fn a_sold_out_variant_says_so_in_lower_case() {
    let variant = Variant {
        retailer_id: "tee-xl".into(),
        size: Some("XL".into()),
        color: None,
        price: rupees("499"),
        sale_price: None,
        availability: Availability::OutOfStock,
        images: Vec::new(),
    };
    assert_eq!(
        (&English as &dyn Language).variant_option(&variant),
        "XL (out of stock)"
    );
    assert_eq!(
        (&Dutch as &dyn Language).variant_option(&variant),
        "XL (uitverkocht)"
    );
    assert_eq!(
        (&English as &dyn Language).unit_price("₹49.80", Measure::Kilogram),
        "₹49.80 per kg"
    );
    assert_eq!(
        EN.delivery(
            &reference(),
            &Delivery::NotSent {
                reason: NotSentReason::Refused("bad total".into())
            }
        ),
        "The shop's server didn't accept order CC-7K3P9Q (bad total). You can send it on WhatsApp instead, and the shop will sort it out with you."
    );
}

/// The `{name}` holes of a template, sorted.
fn holes(template: &str) -> Vec<&str> {
    let mut holes: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|after| after.split_once('}').map(|(name, _)| name))
        .collect();
    holes.sort_unstable();
    holes
}

#[test]
fn every_language_has_the_same_holes_in_each_template() {
    for &template in Template::ALL {
        let english = holes(English.template(template));
        for language in LANGUAGES {
            let text = language.template(template);
            assert!(!text.trim().is_empty(), "{language:?} {template:?}");
            assert_eq!(holes(text), english, "{language:?} {template:?}");
        }
    }
}

#[test]
fn fill_puts_each_value_in_its_hole_and_leaves_the_rest() {
    let holes = [("n", "2"), ("item", "Atta {5kg}")];
    assert_eq!(fill("{n} x {item}!", &holes), "2 x Atta {5kg}!");
    assert_eq!(fill("{item}{n}{n}", &holes), "Atta {5kg}22");
    assert_eq!(fill("no holes", &holes), "no holes");
    assert_eq!(fill("{misspelt} {n}", &holes), "{misspelt} 2");
    assert_eq!(fill("{n} and { unclosed", &holes), "2 and { unclosed");
    assert_eq!(fill("", &[]), "");
}

#[test]
fn a_customer_is_told_each_step_in_the_shops_language() {
    use crate::checkout::Fulfilment;
    use crate::order_status::{OrderStatus, StatusChange};
    let step = |status, ready_in_minutes, reason: Option<&str>| StatusChange {
        status,
        at: "2026-11-30T10:00:00Z".into(),
        by: "inbox".into(),
        reason: reason.map(Into::into),
        ready_in_minutes,
    };
    let english = for_locale("en");
    assert_eq!(
        english.customer_update(
            "Demo Kirana",
            &reference(),
            Fulfilment::Delivery,
            &step(OrderStatus::Accepted, Some(45), None)
        ),
        "Demo Kirana: order CC-7K3P9Q — Accepted. Expected in about 45 minutes."
    );
    assert_eq!(
        english.customer_update(
            "Demo Kirana",
            &reference(),
            Fulfilment::Pickup,
            &step(OrderStatus::Packed, None, None)
        ),
        "Demo Kirana: order CC-7K3P9Q — Ready to collect."
    );
    assert_eq!(
        for_locale("hi").customer_update(
            "Demo Kirana",
            &reference(),
            Fulfilment::Delivery,
            &step(OrderStatus::Rejected, None, Some("आज दुकान बंद है"))
        ),
        "Demo Kirana: ऑर्डर CC-7K3P9Q — अस्वीकार किया गया। कारण: आज दुकान बंद है"
    );
    // Every status has a name of its own in every language, for each way of receiving.
    for language in ["en", "hi", "nl"].map(for_locale) {
        for fulfilment in [Fulfilment::Delivery, Fulfilment::Pickup] {
            let names: std::collections::HashSet<&str> = OrderStatus::ALL
                .iter()
                .map(|s| language.status_name(*s, fulfilment))
                .collect();
            assert_eq!(names.len(), OrderStatus::ALL.len(), "{}", language.tag());
        }
    }
}

#[test]
fn wordings_are_found_by_their_place() {
    const THREE: Wordings<3> = Wordings::new("Add\nकार्ट में डालें\n\n");
    assert_eq!(
        [THREE.get(0), THREE.get(1), THREE.get(2)],
        ["Add", "कार्ट में डालें", ""]
    );
    // The first and the last of a language's wordings.
    assert_eq!(English.label(Label::RepliesInstantly), "Replies instantly");
    assert_eq!(
        Hindi.label(Label::OrdersNotLoaded),
        "आपके ऑर्डर लोड नहीं हो सके। अपना कनेक्शन देखें और फिर से कोशिश करें।"
    );
    assert_eq!(
        Dutch.template(Template::ExpectedBy),
        "Verwacht rond {time}."
    );
}
