//! Shoppers' journeys through the session, natively: every effect the shell would carry
//! out is checked, and its results are fed back as the shell would.

use super::*;
use crate::cart::CartChange;
use crate::catalog::tests::{places, sample};
use crate::chat::Heading;
use crate::checkout::Fulfilment;
use crate::config::SettingsFile;
use crate::idempotency::IdempotencyKey;
use crate::order_status::OrderStatus;
use crate::outbox::{Delivery, NotSentReason};
use crate::terms::{DeliveryCharge, OfferRefusal};
use crate::words::{English, Language};

const ENDPOINT: &str = "https://shop.example/orders";

/// 2026-11-30T08:00:00Z, when these shoppers open the shop.
const NOW: i64 = 1_796_025_600;

fn config(settings: &[(&str, &str)]) -> StoreConfig {
    let mut settings = settings.to_vec();
    settings.push(("whatsapp", "+91 98765 43210"));
    settings.push(("catalog", "kirana.json"));
    StoreConfig::resolve(
        &|name| {
            settings
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        },
        "",
        SettingsFile::None,
    )
    .0
}

fn start(settings: &[(&str, &str)], saved: Saved) -> (Session, Vec<Effect>) {
    let config = config(settings);
    let saved = saved.read(config.max_quantity);
    let mut session = Session::new(config, Vec::new(), true, NOW);
    session.take_in(saved);
    let effects = session.start(true);
    (session, effects)
}

/// A shop that starts with `stored` as its saved cart.
fn start_with_cart(stored: &str) -> (Session, Vec<Effect>) {
    start(
        &[],
        Saved {
            cart: Some(stored.into()),
            ..Saved::default()
        },
    )
}

/// A shop whose catalog has arrived, with the effects of its start left out.
fn open_shop(settings: &[(&str, &str)]) -> Session {
    let (mut session, _) = start(settings, Saved::default());
    session.catalog_arrived(Box::new(sample()));
    session
}

fn rupees(money: &Money) -> String {
    format!("₹{}", money.amount_string())
}

fn identity(n: u32) -> OrderIdentity {
    OrderIdentity {
        reference: OrderReference::from_random(n),
        idempotency_key: IdempotencyKey::from_random([n as u8; 16]),
        created_at: "2026-11-30T08:00:00.000Z".into(),
    }
}

fn last(session: &Session) -> Content {
    session
        .conversation()
        .messages()
        .last()
        .unwrap()
        .content
        .clone()
}

fn saved(effects: &[Effect], slot: Slot) -> Option<&str> {
    effects.iter().rev().find_map(|effect| match effect {
        Effect::Save(s, value) if *s == slot => Some(value.as_str()),
        _ => None,
    })
}

fn told<'a>(effects: &'a [Effect], name: &str) -> Vec<&'a str> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Tell { event, detail } if *event == name => Some(detail.as_str()),
            _ => None,
        })
        .collect()
}

fn fill_in(session: &mut Session) {
    session.edit_form(|form| {
        form.name = "Priya Sharma".into();
        form.phone = "+91 98765 43210".into();
        form.house = "Flat 4B, Lotus Towers".into();
        form.city = "Mumbai".into();
        form.region = "Maharashtra".into();
        form.postal_code = "400053".into();
    });
}

/// A shop with 2 atta in the cart and the order reviewed.
fn reviewed(settings: &[(&str, &str)]) -> Session {
    let mut session = open_shop(settings);
    session.say("2 atta");
    fill_in(&mut session);
    session.show_panel(Panel::Checkout);
    session.review_order(identity(1), &rupees).0.unwrap();
    assert_eq!(session.panel(), Panel::Review);
    session
}

#[test]
fn it_starts_by_telling_the_page_the_cart_and_then_fetches_the_catalog() {
    let (mut session, effects) = start(&[], Saved::default());
    assert_eq!(
        told(&effects, "chatcart:cart-change"),
        [r#"{"items":0,"lines":[],"subtotal":null,"currency":"INR"}"#]
    );
    assert_eq!(session.catalog_status(), CatalogStatus::Loading);
    assert_eq!(last(&session), Content::Opening);
    assert_eq!(session.quick_replies(), [QuickReply::Say(Intent::Greet)]);
    assert_eq!(
        session.load_catalog(),
        [Effect::FetchCatalog("kirana.json".into())]
    );
}

#[test]
fn a_question_before_the_catalog_arrives_is_answered_when_it_does() {
    let (mut session, _) = start(&[], Saved::default());
    session.say("menu");
    assert_eq!(last(&session), Content::Notice(Notice::CatalogStillLoading));
    session.catalog_arrived(Box::new(sample()));
    assert_eq!(last(&session), Content::Store(Reply::Categories));
    assert_eq!(
        session.quick_replies(),
        [
            QuickReply::Say(Intent::Category("staples".into())),
            QuickReply::Say(Intent::Category("dairy".into())),
        ]
    );
    assert_eq!(session.store_name(), Some("Test Kirana"));
}

#[test]
fn a_failed_catalog_is_said_and_retrying_fetches_it_again() {
    let (mut session, _) = start(&[], Saved::default());
    let failure = CatalogFailure::Http {
        url: "kirana.json".into(),
        status: 404,
        status_text: "Not Found".into(),
    };
    session.catalog_failed(failure.clone());
    assert_eq!(last(&session), Content::CatalogFailed(failure.clone()));
    assert_eq!(
        failure.to_string(),
        "the catalog at kirana.json answered 404 Not Found"
    );
    session.say("menu");
    assert_eq!(last(&session), Content::Store(Reply::CatalogUnavailable));
    assert_eq!(session.quick_replies()[0], QuickReply::RetryCatalog);
    let effects = session.choose(QuickReply::RetryCatalog);
    assert_eq!(effects, [Effect::FetchCatalog("kirana.json".into())]);
    assert_eq!(session.catalog_status(), CatalogStatus::Loading);
}

/// What the shop's header says of the catalog's download, in English.
fn loading_text(session: &Session) -> Option<String> {
    let english: &dyn Language = &English;
    session
        .catalog_loading()
        .map(|p| english.catalog_loading(p))
}

#[test]
fn the_download_is_counted_while_the_catalog_loads_and_forgotten_once_it_is_here() {
    let (mut session, _) = start(&[], Saved::default());
    session.load_catalog();
    assert_eq!(session.catalog_loading(), Some(Progress::default()));
    assert_eq!(
        loading_text(&session).as_deref(),
        Some("Loading the product list…")
    );
    let effects = session.catalog_progress(12_600_000, Some(34_200_000));
    assert!(effects.is_empty(), "progress is drawn, not saved or told");
    assert_eq!(
        session.catalog_loading(),
        Some(Progress {
            received: 12_600_000,
            total: Some(34_200_000)
        })
    );
    assert_eq!(
        loading_text(&session).as_deref(),
        Some("Loading the product list: 12 of 34 MB")
    );
    // Served compressed, a body outgrows the size its server announced.
    session.catalog_progress(35_000_000, Some(34_200_000));
    assert_eq!(
        loading_text(&session).as_deref(),
        Some("Loading the product list: 35 MB so far")
    );
    session.catalog_arrived(Box::new(sample()));
    assert_eq!(session.catalog_loading(), None);
    session.catalog_progress(36_000_000, None);
    assert_eq!(
        session.catalog_loading(),
        None,
        "a late count changes nothing"
    );
}

#[test]
fn a_download_that_stops_is_a_timeout_and_trying_again_counts_afresh() {
    let (mut session, _) = start(&[], Saved::default());
    session.load_catalog();
    session.catalog_progress(2_000_000, Some(4_237_231));
    assert_eq!(
        loading_text(&session).as_deref(),
        Some("Loading the product list: 2 of 4 MB")
    );
    let failure = CatalogFailure::TimedOut {
        url: "kirana.json".into(),
        seconds: 15,
        received: 2_000_000,
    };
    session.catalog_failed(failure.clone());
    assert_eq!(last(&session), Content::CatalogFailed(failure.clone()));
    assert_eq!(
        failure.to_string(),
        "the catalog at kirana.json stopped arriving after 2.0 MB: nothing more came for 15 seconds"
    );
    assert_eq!(session.catalog_loading(), None, "no count once it failed");
    session.catalog_progress(2_100_000, Some(4_237_231));
    assert_eq!(session.catalog_loading(), None);
    assert_eq!(session.quick_replies()[0], QuickReply::RetryCatalog);
    let effects = session.choose(QuickReply::RetryCatalog);
    assert_eq!(effects, [Effect::FetchCatalog("kirana.json".into())]);
    assert_eq!(session.catalog_loading(), Some(Progress::default()));
    session.catalog_progress(1_000_000, Some(4_237_231));
    assert_eq!(
        loading_text(&session).as_deref(),
        Some("Loading the product list: 1 of 4 MB")
    );
}

#[test]
fn one_line_orders_fill_the_cart_which_is_saved_and_told() {
    let mut session = open_shop(&[]);
    let effects = session.say("2 atta");
    assert_eq!(
        last(&session),
        Content::Store(Reply::Added {
            retailer_id: "atta-5kg".into(),
            quantity: 2
        })
    );
    assert_eq!(session.cart().quantity_of("atta-5kg"), 2);
    assert!(saved(&effects, Slot::Cart)
        .unwrap()
        .contains("\"quantity\":2"));
    assert_eq!(
        told(&effects, "chatcart:cart-change"),
        [
            r#"{"items":2,"lines":[{"retailer_id":"atta-5kg","quantity":2}],"subtotal":"498.00","currency":"INR"}"#
        ]
    );
    assert_eq!(
        session.subtotal().map(|m| m.amount_string()).as_deref(),
        Some("498.00")
    );
    let nothing_changed = session.show_details("atta-5kg".into());
    assert_eq!(
        saved(&nothing_changed, Slot::Cart),
        None,
        "saved once per change"
    );
}

#[test]
fn a_keystroke_in_the_form_saves_the_draft_alone() {
    let mut session = open_shop(&[]);
    session.say("2 atta");
    let effects = session.edit_form(|form| form.name = "P".into());
    assert_eq!(
        effects,
        [
            Effect::Save(Slot::Draft, session.checkout().form.to_storage()),
            Effect::Forget(Slot::Details),
        ]
    );
}

#[test]
fn clearing_the_cart_can_be_undone() {
    let mut session = open_shop(&[]);
    session.say("2 atta");
    session.say("clear cart");
    assert!(session.cart().is_empty());
    assert_eq!(
        session.quick_replies(),
        [QuickReply::UndoClear, QuickReply::Say(Intent::Browse)]
    );
    session.choose(QuickReply::UndoClear);
    assert_eq!(session.cart().quantity_of("atta-5kg"), 2);
    assert_eq!(last(&session), Content::Notice(Notice::CartRestored));
}

#[test]
fn a_saved_cart_meets_the_catalog_and_the_shopper_hears_what_changed() {
    let stored = r#"{"version":1,"lines":[
        {"retailer_id":"atta-5kg","quantity":1,"title":"Atta","unit_price":"230.00"},
        {"retailer_id":"gone","quantity":1,"title":"Old Soap","unit_price":"10.00"}]}"#;
    let (mut session, _) = start_with_cart(stored);
    assert_eq!(session.cart().item_count(), 2);
    session.catalog_arrived(Box::new(sample()));
    let Content::Notice(Notice::CartChanged(changes)) = last(&session) else {
        panic!("no notice of the changes: {:?}", last(&session));
    };
    assert!(
        matches!(&changes[0], CartChange::PriceChanged { title, .. } if title.starts_with("Aashirvaad"))
    );
    assert_eq!(
        changes[1],
        CartChange::Removed {
            title: "Old Soap".into()
        }
    );
    assert_eq!(session.cart().item_count(), 1);
}

#[test]
fn an_unreadable_saved_cart_is_set_aside_and_said() {
    let (session, effects) = start_with_cart("{not json");
    assert_eq!(saved(&effects, Slot::CartSetAside), Some("{not json"));
    assert!(matches!(
        last(&session),
        Content::Notice(Notice::CartSetAside(StoredCartError::Corrupt(_)))
    ));
    assert!(session.cart().is_empty());
}

#[test]
fn the_page_adds_before_the_catalog_arrives_are_carried_out_after() {
    let (mut session, _) = start(&[], Saved::default());
    let (added, _) = session.add_from_page("butter-500".into(), 2);
    assert_eq!(added, None);
    session.catalog_arrived(Box::new(sample()));
    assert_eq!(session.cart().quantity_of("butter-500"), 2);
    assert_eq!(
        session.add_from_page("ghee-1l".into(), 1).0,
        Some(false),
        "out of stock"
    );
    assert_eq!(session.add_from_page("butter-500".into(), 1).0, Some(true));
    assert_eq!(session.cart().quantity_of("butter-500"), 3);
}

#[test]
fn checkout_shows_only_with_items_and_review_only_with_an_order() {
    let mut session = open_shop(&[]);
    session.show_panel(Panel::Checkout);
    assert_eq!(
        session.panel(),
        Panel::Cart,
        "an empty cart has no checkout"
    );
    session.say("atta");
    session.cart_action(CartAction::Add {
        retailer_id: "atta-5kg".into(),
        quantity: 1,
    });
    session.show_panel(Panel::Checkout);
    assert_eq!(session.panel(), Panel::Checkout);
    assert!(
        session.quick_replies().is_empty(),
        "the panel covers the chat"
    );
    let problems = session.review_order(identity(1), &rupees).0.unwrap_err();
    assert!(!problems.is_empty());
    assert_eq!(session.checkout().errors, problems);
    assert_eq!(session.panel(), Panel::Checkout);
}

#[test]
fn without_an_endpoint_a_wrong_number_blocks_the_order() {
    let mut session = open_shop(&[("whatsapp", "12")]);
    session.say("2 atta");
    fill_in(&mut session);
    session.review_order(identity(1), &rupees).0.unwrap();
    assert!(matches!(
        session.checkout().blocked,
        Some(OrderBlocked::NoWhatsApp(_))
    ));
}

#[test]
fn an_order_goes_on_whatsapp_once_and_the_details_are_forgotten() {
    let mut session = reviewed(&[]);
    let prepared = session.checkout().review.clone().unwrap();
    assert!(prepared
        .text
        .contains("2 x Aashirvaad Whole Wheat Atta (5 kg)"));
    assert_eq!(prepared.entry.total_text, "₹498.00");
    session.place_order();
    let Content::OrderReady(entry) = last(&session) else {
        panic!("no order to send: {:?}", last(&session));
    };
    assert_eq!(session.checkout().current_order, Some(entry.reference));
    assert_eq!(
        session.place_order(),
        Vec::new(),
        "a second press finds nothing"
    );
    assert_eq!(session.conversation().messages().len(), 4);
    let effects = session.whatsapp_followed(&entry);
    let order = told(&effects, "chatcart:order");
    assert!(order[0].contains(r#""channel":"whatsapp","order_number":null,"total":"498.00""#));
    assert!(effects.contains(&Effect::Forget(Slot::Details)));
    assert!(session.cart().is_empty());
    assert!(session.checkout().form.name.is_empty());
    assert_eq!(last(&session), Content::Notice(Notice::OrderSent));
}

#[test]
fn a_shop_nobody_named_is_our_shop_in_its_orders() {
    let unnamed = r#"{"format": "chatcart-catalog", "version": 1, "currency": "INR",
        "categories": [{"id": "staples", "name": "Staples"}],
        "products": [{"id": "atta-5kg", "title": "Atta", "category": "staples", "price": "249"}]}"#;
    let (mut session, _) = start(&[], Saved::default());
    session.catalog_arrived(Box::new(
        crate::catalog::Catalog::from_json(unnamed, crate::catalog::tests::inr()).unwrap(),
    ));
    assert_eq!(session.store_name(), None);
    session.say("2 atta");
    fill_in(&mut session);
    session.review_order(identity(1), &rupees).0.unwrap();
    let prepared = session.checkout().review.clone().unwrap();
    assert!(prepared.entry.body.contains(r#""store_name":"our shop""#));
    assert!(prepared.text.contains("our shop"), "{}", prepared.text);
}

#[test]
fn a_blocked_order_is_not_said_again_after_a_form_error() {
    let mut session = open_shop(&[("whatsapp", "12")]);
    session.say("2 atta");
    fill_in(&mut session);
    session.review_order(identity(1), &rupees).0.unwrap();
    assert!(session.checkout().blocked.is_some());
    session.edit_form(|form| form.name.clear());
    assert!(session.review_order(identity(2), &rupees).0.is_err());
    assert_eq!(session.checkout().blocked, None);
}

#[test]
fn remembered_details_are_kept_after_the_order() {
    let mut session = reviewed(&[]);
    session.edit_form(|form| form.remember = true);
    session.review_order(identity(2), &rupees).0.unwrap();
    session.place_order();
    let Content::OrderReady(entry) = last(&session) else {
        panic!("no order to send");
    };
    let effects = session.whatsapp_followed(&entry);
    assert!(saved(&effects, Slot::Details)
        .unwrap()
        .contains("Priya Sharma"));
    assert_eq!(session.checkout().form.name, "Priya Sharma");
}

#[test]
fn an_order_to_the_endpoint_is_kept_until_the_server_takes_it() {
    let mut session = reviewed(&[("endpoint", ENDPOINT)]);
    let effects = session.place_order();
    let Some(Effect::Post(entry)) = effects.iter().find(|e| matches!(e, Effect::Post(_))) else {
        panic!("nothing posted: {effects:?}");
    };
    let reference = entry.reference;
    assert!(saved(&effects, Slot::Outbox)
        .unwrap()
        .contains(reference.as_str()));
    assert!(session.cart().is_empty(), "the items live in the order now");
    assert_eq!(last(&session), Content::OrderStatus(reference));

    let effects = session.order_answered(reference, None, 0.0);
    assert_eq!(
        effects,
        [Effect::Wake {
            reference,
            after_ms: 500
        }]
    );
    let effects = session.retry_due(reference);
    assert!(matches!(&effects[..], [Effect::Post(_)]));
    let effects = session.order_answered(
        reference,
        Some(EndpointAnswer {
            status: 201,
            body: r#"{"order_number":1234}"#.into(),
            retry_after_ms: None,
        }),
        0.0,
    );
    assert!(told(&effects, "chatcart:order")[0]
        .contains(r#""channel":"endpoint","order_number":"1234""#));
    assert_eq!(saved(&effects, Slot::Outbox), None);
    assert!(
        effects.contains(&Effect::Forget(Slot::Outbox)),
        "an empty outbox is not kept"
    );
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::Received {
            order_number: Some("1234".into())
        }
    );
}

#[test]
fn offline_orders_wait_for_the_connection_and_go_when_it_is_back() {
    let mut session = reviewed(&[("endpoint", ENDPOINT)]);
    session.connection(false);
    let effects = session.place_order();
    assert!(!effects.iter().any(|e| matches!(e, Effect::Post(_))));
    let Content::OrderStatus(reference) = last(&session) else {
        panic!("no order status");
    };
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::WaitingForConnection
    );
    let effects = session.connection(true);
    assert!(matches!(&effects[..], [Effect::Post(_)]));
}

#[test]
fn a_refused_order_can_go_on_whatsapp_instead_with_the_same_reference() {
    let mut session = reviewed(&[("endpoint", ENDPOINT)]);
    session.place_order();
    let Content::OrderStatus(reference) = last(&session) else {
        panic!("no order status");
    };
    let refusal = EndpointAnswer {
        status: 422,
        body: r#"{"error":"order refused","problems":["line 1: price changed"]}"#.into(),
        retry_after_ms: None,
    };
    session.order_answered(reference, Some(refusal), 0.0);
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::NotSent {
            reason: NotSentReason::Refused("order refused: line 1: price changed".into())
        }
    );
    session.send_on_whatsapp_instead(reference);
    let Content::OrderReady(entry) = last(&session) else {
        panic!("no WhatsApp hand-off");
    };
    assert_eq!(entry.reference, reference);
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::HandedToWhatsApp
    );
}

#[test]
fn orders_left_in_the_outbox_are_shown_and_sent_again_on_the_next_visit() {
    let mut first = reviewed(&[("endpoint", ENDPOINT)]);
    let effects = first.place_order();
    let outbox = saved(&effects, Slot::Outbox).unwrap().to_owned();
    let (next, effects) = start(
        &[("endpoint", ENDPOINT)],
        Saved {
            outbox: Some(outbox),
            ..Saved::default()
        },
    );
    let Content::OrderStatus(reference) = last(&next) else {
        panic!("the order is not shown");
    };
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Post(entry) if entry.reference == reference)));
    assert_eq!(saved(&effects, Slot::Outbox), None, "nothing new to save");
}

#[test]
fn orders_resumed_offline_go_when_the_connection_came_back_before_the_start() {
    let mut first = reviewed(&[("endpoint", ENDPOINT)]);
    let effects = first.place_order();
    let outbox = saved(&effects, Slot::Outbox).unwrap().to_owned();
    let config = config(&[("endpoint", ENDPOINT)]);
    let saved = Saved {
        outbox: Some(outbox),
        ..Saved::default()
    }
    .read(config.max_quantity);
    // Opened offline; online again by the time what was saved had been read.
    let mut next = Session::new(config, Vec::new(), false, NOW);
    next.take_in(saved);
    let Content::OrderStatus(reference) = last(&next) else {
        panic!("the order is not shown");
    };
    assert_eq!(
        next.delivery(&reference).unwrap().state,
        Delivery::WaitingForConnection
    );
    let effects = next.start(true);
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Post(entry) if entry.reference == reference)));
}

#[test]
fn setup_problems_are_told_before_what_happened_to_the_saved_data() {
    let config = config(&[]);
    let problems = vec![ConfigProblem::Locale("??".into())];
    let saved = Saved {
        cart: Some("not a cart".into()),
        ..Saved::default()
    }
    .read(config.max_quantity);
    let mut session = Session::new(config, problems, true, NOW);
    session.take_in(saved);
    session.start(true);
    let notices: Vec<_> = session
        .conversation()
        .messages()
        .iter()
        .filter_map(|m| match &m.content {
            Content::Notice(notice) => Some(notice.clone()),
            _ => None,
        })
        .collect();
    assert!(
        matches!(
            &notices[..],
            [
                Notice::SetupProblem(ConfigProblem::Locale(_)),
                Notice::CartSetAside(_)
            ]
        ),
        "{notices:?}"
    );
}

#[test]
fn another_tabs_cart_is_followed_without_saving_it_back() {
    let mut session = open_shop(&[]);
    let elsewhere = r#"{"version":1,"lines":[{"retailer_id":"butter-500","quantity":3,"title":"Amul Butter (500 g)","unit_price":"285.00"}]}"#;
    let effects = session.cart_saved_elsewhere(read_others_cart(Some(elsewhere), 99));
    assert_eq!(session.cart().quantity_of("butter-500"), 3);
    assert_eq!(saved(&effects, Slot::Cart), None);
    assert_eq!(told(&effects, "chatcart:cart-change").len(), 1);
}

#[test]
fn searches_show_products_and_old_lists_fold() {
    let mut session = open_shop(&[]);
    session.say("amul");
    assert_eq!(
        last(&session),
        Content::Store(Reply::Products {
            heading: Heading::SearchResults("amul".into()),
            products: places(&sample(), &["butter-500", "ghee-1l"]),
        })
    );
    session.say("atta");
    session.say("butter");
    let live = session.conversation().live_product_lists(2);
    assert_eq!(live.len(), 2);
    assert!(!live.contains(&2), "the first list folded");
}

/// A catalog that arrives in pieces, as a pack will: the manifest (categories) comes first,
/// the search index and the product pages when first asked for.
struct InPieces {
    whole: crate::catalog::Catalog,
    have: Vec<Piece>,
}

const INDEX: &str = "index/am.json";
const PAGE: &str = "products/0.json";

impl InPieces {
    fn new() -> Self {
        InPieces {
            whole: sample(),
            have: Vec::new(),
        }
    }

    fn needs(&self, piece: &str) -> crate::source::Lookup<()> {
        let piece = Piece(piece.into());
        match self.have.contains(&piece) {
            true => Ok(()),
            false => Err(Missing::piece(piece)),
        }
    }
}

impl CatalogSource for InPieces {
    fn store_name(&self) -> Option<&str> {
        self.whole.store_name()
    }
    fn currency(&self) -> crate::money::Currency {
        CatalogSource::currency(&self.whole)
    }
    fn version(&self) -> &str {
        CatalogSource::version(&self.whole)
    }
    fn categories(&self) -> crate::source::Lookup<&[crate::catalog::Category]> {
        CatalogSource::categories(&self.whole)
    }
    fn subcategories(&self, category_id: &str) -> crate::source::Lookup<Vec<String>> {
        CatalogSource::subcategories(&self.whole, category_id)
    }
    fn products_in(
        &self,
        category_id: &str,
        subcategory: Option<&str>,
    ) -> crate::source::Lookup<Vec<crate::source::ProductIndex>> {
        CatalogSource::products_in(&self.whole, category_id, subcategory)
    }
    fn subcategory_named(
        &self,
        text: &str,
        fold: &dyn Fn(&str) -> String,
    ) -> crate::source::Lookup<Option<(String, String)>> {
        self.whole.subcategory_named(text, fold)
    }
    fn search(&self, query: &str) -> crate::source::Lookup<crate::search::SearchResult> {
        self.needs(INDEX)?;
        CatalogSource::search(&self.whole, query)
    }
    fn product_at(
        &self,
        at: crate::source::ProductIndex,
    ) -> crate::source::Lookup<Option<&crate::catalog::Product>> {
        self.needs(PAGE)?;
        CatalogSource::product_at(&self.whole, at)
    }
    fn product(&self, id: &str) -> crate::source::Lookup<Option<&crate::catalog::Product>> {
        self.needs(PAGE)?;
        CatalogSource::product(&self.whole, id)
    }
    fn variant(
        &self,
        retailer_id: &str,
    ) -> crate::source::Lookup<Option<(&crate::catalog::Product, &crate::catalog::Variant)>> {
        self.needs(PAGE)?;
        CatalogSource::variant(&self.whole, retailer_id)
    }
    fn arrives_in_pieces(&self) -> bool {
        true
    }
    fn place_of(&self, id: &str) -> crate::source::Lookup<Option<crate::source::ProductIndex>> {
        CatalogSource::place_of(&self.whole, id)
    }
    fn add_piece(&mut self, piece: &Piece, bytes: &[u8]) -> Result<(), crate::catalog::LoadError> {
        if bytes != b"piece" {
            return Err(crate::catalog::LoadError::Json(
                crate::catalog::CatalogError::Json("not a piece".into()),
            ));
        }
        self.have.push(piece.clone());
        Ok(())
    }
}

/// A shop whose catalog arrives in pieces, before the page of the first category's first
/// screen, fetched ahead, has arrived.
fn open_in_pieces() -> Session {
    let (mut session, _) = start(&[], Saved::default());
    let effects = session.catalog_arrived(Box::new(InPieces::new()));
    assert_eq!(effects[0], Effect::FetchPiece(Piece(PAGE.into())));
    session
}

#[test]
fn a_search_waits_for_its_piece_of_the_index_then_is_answered() {
    let mut session = open_in_pieces();
    let effects = session.say("amul");
    assert_eq!(effects, [Effect::FetchPiece(Piece(INDEX.into()))]);
    assert_eq!(last(&session), Content::Shopper("amul".into()));
    assert_eq!(
        session.say("amul butter"),
        [],
        "a piece on its way is not fetched twice"
    );
    session.piece_arrived(Piece(INDEX.into()), Ok(b"piece".to_vec()));
    assert_eq!(
        last(&session),
        Content::Store(Reply::Products {
            heading: Heading::SearchResults("amul butter".into()),
            products: places(&sample(), &["butter-500"]),
        }),
        "the latest question is the one answered"
    );
    assert!(session.say("ghee").is_empty(), "the index piece is kept");
}

#[test]
fn cart_changes_wait_for_their_product_page() {
    let mut session = open_in_pieces();
    let (added, effects) = session.add_from_page("butter-500".into(), 2);
    assert_eq!(added, None);
    assert_eq!(effects, [], "the page is on its way, fetched ahead");
    let effects = session.piece_arrived(Piece(PAGE.into()), Ok(b"piece".to_vec()));
    assert_eq!(session.cart().quantity_of("butter-500"), 2);
    assert!(saved(&effects, Slot::Cart).is_some());
}

#[test]
fn a_piece_that_cannot_be_had_is_said_and_what_waited_is_given_up() {
    let mut session = open_in_pieces();
    session.say("amul");
    let failure = CatalogFailure::Unreachable { url: INDEX.into() };
    session.piece_arrived(Piece(INDEX.into()), Err(failure.clone()));
    assert_eq!(last(&session), Content::PieceFailed(failure));
    let effects = session.say("amul");
    assert_eq!(
        effects,
        [Effect::FetchPiece(Piece(INDEX.into()))],
        "asked again, fetched again"
    );
    session.piece_arrived(Piece(INDEX.into()), Ok(b"garbage".to_vec()));
    assert!(matches!(
        last(&session),
        Content::PieceFailed(CatalogFailure::Unusable { .. })
    ));
}

#[test]
fn the_saved_cart_and_a_products_details_wait_for_its_page() {
    let stored = r#"{"version":1,"lines":[
        {"retailer_id":"butter-500","quantity":1,"title":"Amul Butter","unit_price":"280.00"}]}"#;
    let (mut session, _) = start_with_cart(stored);
    let effects = session.catalog_arrived(Box::new(InPieces::new()));
    assert_eq!(effects, [Effect::FetchPiece(Piece(PAGE.into()))]);
    assert_eq!(session.subtotal(), None, "not priced without its page");
    let effects = session.show_details("butter-500".into());
    assert!(effects.is_empty(), "the page is on its way already");
    assert_eq!(last(&session), Content::Opening);
    session.piece_arrived(Piece(PAGE.into()), Ok(b"piece".to_vec()));
    let messages = session.conversation().messages();
    assert!(matches!(
        &messages[1].content,
        Content::Notice(Notice::CartChanged(changes)) if changes.len() == 1
    ));
    assert_eq!(messages[2].content, Content::Detail("butter-500".into()));
    assert_eq!(
        session.subtotal().map(|m| m.amount_string()).as_deref(),
        Some("285.00")
    );
}

#[test]
fn a_failed_piece_gives_up_only_what_waited_for_it() {
    let mut session = open_in_pieces();
    session.say("amul");
    session.add_from_page("butter-500".into(), 1);
    session.piece_arrived(
        Piece(INDEX.into()),
        Err(CatalogFailure::Unreachable { url: INDEX.into() }),
    );
    session.piece_arrived(Piece(PAGE.into()), Ok(b"piece".to_vec()));
    assert_eq!(session.cart().quantity_of("butter-500"), 1);
    assert_eq!(session.catalog_arrivals(), 2, "the catalog and one piece");
}

#[test]
fn a_screen_of_products_fetches_its_page_once_and_again_only_when_asked() {
    let mut session = open_in_pieces();
    let shown = places(&sample(), &["butter-500", "ghee-1l"]);
    let fetch_page = [Effect::FetchPiece(Piece(PAGE.into()))];
    assert!(session.show_products(&shown).is_empty(), "fetched ahead");
    assert!(!session.could_not_fetch(&shown), "on its way");
    let failure = CatalogFailure::Unreachable { url: PAGE.into() };
    session.piece_arrived(Piece(PAGE.into()), Err(failure));
    assert!(session.could_not_fetch(&shown));
    assert!(
        session.show_products(&shown).is_empty(),
        "a redraw does not hammer a failing host"
    );
    assert_eq!(
        session.retry_products(&shown),
        fetch_page,
        "the shopper asked"
    );
    session.piece_arrived(Piece(PAGE.into()), Ok(b"piece".to_vec()));
    assert!(session.show_products(&shown).is_empty(), "here now");
}

#[test]
fn typing_fetches_ahead_only_from_a_catalog_in_pieces() {
    let mut session = open_in_pieces();
    assert_eq!(
        session.typing("amul"),
        [Effect::FetchPiece(Piece(INDEX.into()))]
    );
    assert_eq!(last(&session), Content::Opening, "nothing is said");
    let mut whole = open_shop(&[]);
    assert!(whole.typing("amul").is_empty());
}

#[test]
fn pieces_failing_together_are_told_once_until_the_shopper_asks_again() {
    let mut session = open_in_pieces();
    session.say("amul");
    session.show_products(&places(&sample(), &["butter-500"]));
    let failure = |piece: &str| CatalogFailure::Unreachable { url: piece.into() };
    session.piece_arrived(Piece(INDEX.into()), Err(failure(INDEX)));
    session.piece_arrived(Piece(PAGE.into()), Err(failure(PAGE)));
    let told = |session: &Session| {
        let messages = session.conversation().messages();
        messages
            .iter()
            .filter(|m| matches!(m.content, Content::PieceFailed(_)))
            .count()
    };
    assert_eq!(told(&session), 1);
    assert_eq!(
        session.quick_replies(),
        [
            QuickReply::Say(Intent::Browse),
            QuickReply::Say(Intent::Search(String::new())),
            QuickReply::Say(Intent::Cart),
        ],
        "the shopper can go on"
    );
    session.say("amul");
    session.piece_arrived(Piece(INDEX.into()), Err(failure(INDEX)));
    assert_eq!(told(&session), 2, "asked again, told again");
}

#[test]
fn a_cart_change_fetches_even_a_piece_that_failed_and_is_told_when_given_up() {
    let mut session = open_in_pieces();
    let failure = CatalogFailure::Unreachable { url: PAGE.into() };
    // The page fetched ahead fails: the shopper asked nothing, so this is said once.
    session.piece_arrived(Piece(PAGE.into()), Err(failure.clone()));
    assert!(
        session
            .show_products(&places(&sample(), &["atta-5kg"]))
            .is_empty(),
        "not fetched ahead again"
    );
    let (added, effects) = session.add_from_page("butter-500".into(), 1);
    assert_eq!(added, None);
    assert_eq!(
        effects,
        [Effect::FetchPiece(Piece(PAGE.into()))],
        "someone waits: fetched again"
    );
    let before = session.conversation().messages().len();
    session.piece_arrived(Piece(PAGE.into()), Err(failure.clone()));
    assert_eq!(
        session.conversation().messages().len(),
        before + 1,
        "the add that could not happen is said"
    );
    assert_eq!(last(&session), Content::PieceFailed(failure));
}

/// A shop whose settings file says `settings` (the demo store's when `None`), its catalog
/// here.
fn shop_with_terms(settings: Option<&str>) -> Session {
    let text = settings.unwrap_or(include_str!("../../../../public/demo-shop.json"));
    let mut session = shop_with_terms_unread(text);
    // As the widget's checkout code does when it comes.
    session.read_terms();
    assert!(
        !session
            .conversation()
            .messages()
            .iter()
            .any(|m| matches!(m.content, Content::Notice(Notice::SetupProblem(_)))),
        "the terms were read"
    );
    session
}

/// A shop whose settings file says `text`, its terms not read yet, its catalog here.
fn shop_with_terms_unread(text: &str) -> Session {
    let (config, problems) = StoreConfig::resolve(
        &|name| match name {
            "whatsapp" => Some("+91 98765 43210".into()),
            "catalog" => Some("kirana.json".into()),
            _ => None,
        },
        "",
        SettingsFile::Fetched {
            url: "shop.json".into(),
            text: text.into(),
        },
    );
    assert!(problems.is_empty(), "{problems:?}");
    let mut session = Session::new(config, problems, true, NOW);
    session.start(true);
    session.catalog_arrived(Box::new(sample()));
    session
}

fn figures(session: &Session) -> [String; 4] {
    let charges = session.charges().expect("prices and terms are here");
    [
        charges.subtotal,
        charges.delivery_amount(),
        charges.discount_amount(),
        charges.total,
    ]
    .map(|m| m.amount_string())
}

#[test]
fn the_shops_terms_price_the_cart_as_the_shopper_shops_and_the_order_carries_them() {
    let mut session = shop_with_terms(None);
    session.say("1 atta");
    assert_eq!(figures(&session), ["249.00", "30.00", "0.00", "279.00"]);
    session.edit_form(|form| form.fulfilment = Fulfilment::Pickup);
    assert_eq!(figures(&session), ["249.00", "0.00", "0.00", "249.00"]);
    session.edit_form(|form| form.fulfilment = Fulfilment::Delivery);

    session.edit_form(|form| form.offer_code = "WELCOME10".into());
    let refused = session.charges().unwrap().code_refused.unwrap();
    assert!(
        matches!(refused.1, OfferRefusal::NeedsMore { .. }),
        "{refused:?}"
    );

    session.say("2 atta");
    // 747: free delivery from 499, and 10 % off at most 70.
    assert_eq!(figures(&session), ["747.00", "0.00", "70.00", "677.00"]);
    fill_in(&mut session);
    session.show_panel(Panel::Checkout);
    session.review_order(identity(1), &rupees).0.unwrap();
    let prepared = session.checkout().review.clone().unwrap();
    assert_eq!(prepared.entry.total, "677.00");
    let json: serde_json::Value = serde_json::from_str(&prepared.entry.body).unwrap();
    assert_eq!(json["subtotal"], "747.00");
    assert_eq!(json["shipping"], "0.00");
    assert_eq!(
        json["discount"],
        serde_json::json!({"amount": "70.00", "code": "WELCOME10"})
    );
    assert_eq!(json["total"], "677.00");
}

#[test]
fn under_the_minimum_or_outside_the_zones_the_order_waits_and_says_why() {
    let settings = r#"{"schema": "chatcart-shop/1",
        "delivery": {"zones": [{"pin_codes": ["4000"], "fee": "40", "minimum_order": "300"}]},
        "pickup": {"minimum_order": "200"}}"#;
    let mut session = shop_with_terms(Some(settings));
    session.say("1 atta");
    fill_in(&mut session);
    session.show_panel(Panel::Checkout);
    let charges = session.charges().unwrap();
    assert_eq!(
        charges
            .short_of_minimum
            .map(|(minimum, more)| [minimum, more].map(|m| m.amount_string())),
        Some(["300.00".to_owned(), "51.00".to_owned()])
    );
    session.review_order(identity(1), &rupees).0.unwrap();
    assert_eq!(session.panel(), Panel::Checkout);
    let blocked = session.checkout().blocked.clone().unwrap();
    assert_eq!(
        (&English as &dyn Language).order_blocked(&blocked, &rupees),
        "The minimum order is ₹300.00: add ₹51.00 more to check out."
    );

    session.say("1 atta");
    session.edit_form(|form| form.postal_code = "110001".into());
    assert_eq!(
        session.charges().unwrap().delivery,
        DeliveryCharge::NotDelivered("110001".into())
    );
    session.review_order(identity(2), &rupees).0.unwrap();
    let blocked = session.checkout().blocked.clone().unwrap();
    assert_eq!(
        (&English as &dyn Language).order_blocked(&blocked, &rupees),
        "We don't deliver to 110001 yet; you can pick up at the shop."
    );
    // Half a PIN code is not yet a place the shop does not deliver to.
    session.edit_form(|form| form.postal_code = "1100".into());
    assert!(matches!(
        session.charges().unwrap().delivery,
        DeliveryCharge::Fee { .. }
    ));

    session.edit_form(|form| form.fulfilment = Fulfilment::Pickup);
    session.review_order(identity(3), &rupees).0.unwrap();
    assert_eq!(session.panel(), Panel::Review, "pickup takes 498 over 200");
}

#[test]
fn terms_read_when_the_checkout_comes_tell_their_problem_then_and_hold_the_order() {
    let settings = r#"{"schema": "chatcart-shop/1", "name": "Sharma Kirana",
        "offers": [{"code": "WELCOME", "amount_off": "0"}]}"#;
    let mut session = shop_with_terms_unread(settings);
    session.say("2 atta");
    assert_eq!(session.charges(), None, "not known before they are read");
    let told = |session: &Session| {
        session
            .conversation()
            .messages()
            .iter()
            .filter(|m| {
                matches!(
                    m.content,
                    Content::Notice(Notice::SetupProblem(ConfigProblem::Settings { .. }))
                )
            })
            .count()
    };
    assert_eq!(told(&session), 0, "the file's basics were right");
    let replies = session.quick_replies();
    assert!(
        replies.contains(&QuickReply::Say(Intent::Checkout)),
        "{replies:?}"
    );
    session.read_terms();
    session.read_terms();
    assert_eq!(told(&session), 1, "told once, when read");
    assert_eq!(
        session.quick_replies(),
        replies,
        "the shopper's replies follow the conversation, not the merchant's problem"
    );
    assert_eq!(session.cart().item_count(), 2);
    assert_eq!(session.charges(), None);
    fill_in(&mut session);
    session.review_order(identity(1), &rupees).0.unwrap();
    assert_eq!(session.checkout().blocked, Some(OrderBlocked::TermsUnknown));
}

#[test]
fn an_unreadable_settings_file_keeps_the_cart_and_holds_the_order() {
    let (config, problems) = StoreConfig::resolve(
        &|name| (name == "whatsapp").then(|| "+91 98765 43210".into()),
        "",
        SettingsFile::Unavailable {
            url: "shop.json".into(),
            why: "the server answered 404".into(),
        },
    );
    let mut session = Session::new(config, problems, true, NOW);
    session.start(true);
    session.catalog_arrived(Box::new(sample()));
    assert!(session.conversation().messages().iter().any(|m| matches!(
        m.content,
        Content::Notice(Notice::SetupProblem(ConfigProblem::Settings { .. }))
    )));
    session.say("2 atta");
    assert_eq!(session.cart().item_count(), 2);
    assert_eq!(session.charges(), None);
    fill_in(&mut session);
    session.review_order(identity(1), &rupees).0.unwrap();
    assert_eq!(session.checkout().blocked, Some(OrderBlocked::TermsUnknown));
}

#[test]
fn a_saved_cart_listing_an_item_thrice_comes_back_as_one_line_within_the_limit() {
    let line =
        r#"{"retailer_id":"butter-500","quantity":99,"title":"Amul Butter","unit_price":"285.00"}"#;
    let (session, _) = start_with_cart(&format!(
        r#"{{"version":1,"lines":[{line},{line},{line}]}}"#
    ));
    assert_eq!(session.cart().lines().len(), 1);
    assert_eq!(
        session.cart().item_count(),
        crate::limits::DEFAULT_MAX_QUANTITY
    );
}

#[test]
fn a_stored_order_goes_only_where_this_page_sends_orders_and_keeps_only_the_shops_links() {
    let mut first = reviewed(&[("endpoint", ENDPOINT), ("upi", "sharmakirana@okaxis")]);
    first.edit_form(|form| form.payment = crate::checkout::Payment::Upi);
    first.review_order(identity(2), &rupees).0.unwrap();
    let effects = first.place_order();
    let honest = saved(&effects, Slot::Outbox).unwrap().to_owned();
    let mut outbox: serde_json::Value = serde_json::from_str(&honest).unwrap();
    let entry = &mut outbox["entries"][0];
    assert!(entry["upi_link"]
        .as_str()
        .unwrap()
        .starts_with("upi://pay?pa=sharmakirana@okaxis&"));
    entry["endpoint"] = "https://evil.example/steal".into();
    entry["upi_link"] = "javascript:alert(1)".into();
    let tampered = outbox.to_string();
    let open_with = |settings: &[(&str, &str)]| {
        start(
            settings,
            Saved {
                outbox: Some(tampered.clone()),
                ..Saved::default()
            },
        )
    };

    let (next, effects) = open_with(&[("endpoint", ENDPOINT), ("upi", "sharmakirana@okaxis")]);
    let posted: Vec<&OutboxEntry> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Post(entry) => Some(entry.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].endpoint, ENDPOINT,
        "the page's endpoint, not the stored one"
    );
    assert_eq!(
        posted[0].upi_link, None,
        "a link that is not the shop's UPI is dropped"
    );
    assert!(
        posted[0].whatsapp.is_some(),
        "the shop's own WhatsApp hand-off is kept"
    );
    assert!(matches!(last(&next), Content::OrderStatus(_)));

    // A page without an endpoint posts it nowhere: the order goes through WhatsApp.
    let (next, effects) = open_with(&[]);
    assert!(!effects.iter().any(|e| matches!(e, Effect::Post(_))));
    assert!(matches!(last(&next), Content::OrderReady(_)));

    // A hand-off to another number is dropped; with no way to send, the order is kept.
    let mut outbox: serde_json::Value = serde_json::from_str(&tampered).unwrap();
    outbox["entries"][0]["whatsapp"]["link"] = "javascript:alert(2)".into();
    let (next, effects) = start(
        &[],
        Saved {
            outbox: Some(outbox.to_string()),
            ..Saved::default()
        },
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::Post(_))));
    let Content::OrderStatus(reference) = last(&next) else {
        panic!("the order is not shown: {:?}", last(&next));
    };
    assert!(matches!(
        next.delivery(&reference).unwrap().state,
        Delivery::NotSent { .. }
    ));
    assert_eq!(
        next.deliveries().outbox().entries.len(),
        1,
        "kept on the device"
    );
}

#[test]
fn unreadable_saved_orders_are_set_aside_and_lost_details_are_said() {
    let (session, effects) = start(
        &[("endpoint", ENDPOINT)],
        Saved {
            outbox: Some("{\"version\":1,\"entries\":[{\"reference\":".into()),
            draft: Some("{not json".into()),
            ..Saved::default()
        },
    );
    assert_eq!(
        saved(&effects, Slot::OutboxSetAside),
        Some("{\"version\":1,\"entries\":[{\"reference\":")
    );
    let notices: Vec<&Content> = session
        .conversation()
        .messages()
        .iter()
        .map(|m| &m.content)
        .filter(|c| matches!(c, Content::Notice(_)))
        .collect();
    assert_eq!(
        notices,
        [
            &Content::Notice(Notice::OrdersSetAside),
            &Content::Notice(Notice::DetailsUnreadable)
        ]
    );
    // A draft that cannot be read falls back to the details kept on the device.
    let details = CheckoutForm {
        name: "Priya".into(),
        ..CheckoutForm::default()
    }
    .to_storage();
    let (session, _) = start(
        &[],
        Saved {
            draft: Some("{not json".into()),
            details: Some(details),
            ..Saved::default()
        },
    );
    assert_eq!(session.checkout().form.name, "Priya");
    assert!(!session
        .conversation()
        .messages()
        .iter()
        .any(|m| m.content == Content::Notice(Notice::DetailsUnreadable)));
}

/// An order placed at the endpoint and taken by the server, which gave `body`.
fn taken(body: &str) -> (Session, OrderReference) {
    let mut session = reviewed(&[("endpoint", ENDPOINT)]);
    session.place_order();
    let reference = session.checkout().current_order.unwrap_or_else(|| {
        let Content::OrderStatus(reference) = last(&session) else {
            panic!("no order under way");
        };
        reference
    });
    session.order_answered(
        reference,
        Some(EndpointAnswer {
            status: 201,
            body: body.into(),
            retry_after_ms: None,
        }),
        0.0,
    );
    (session, reference)
}

fn ok(body: &str) -> Option<EndpointAnswer> {
    Some(EndpointAnswer {
        status: 200,
        body: body.into(),
        retry_after_ms: None,
    })
}

fn questions(effects: &[Effect]) -> Vec<&StatusQuery> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::AskStatus(query) => Some(query),
            _ => None,
        })
        .collect()
}

fn shop_status(session: &Session) -> ShopStatus {
    let taken = session.placed().orders()[0].taken.as_ref();
    taken.expect("taken by the server").status.clone()
}

#[test]
fn an_order_the_server_takes_is_listed_and_asked_after_while_the_list_is_open() {
    let (mut session, reference) = taken(r#"{"order_number":1234,"status_secret":"5ec2e7"}"#);
    let listed = &session.placed().orders()[0];
    assert_eq!(listed.reference, reference);
    assert_eq!(listed.total_text, "₹498.00");
    assert_eq!(listed.placed_at, "2026-11-30T08:00:00.000Z");
    assert_eq!(listed.fulfilment, Fulfilment::Delivery);
    assert_eq!(shop_status(&session).status, OrderStatus::Received);

    let effects = session.show_panel(Panel::Orders);
    assert_eq!(session.panel(), Panel::Orders);
    assert_eq!(
        questions(&effects),
        [&StatusQuery {
            reference,
            url: format!("https://shop.example/orders/{reference}/status"),
            secret: "5ec2e7".into(),
        }]
    );
    let effects = session.status_answered(
        reference,
        ok(r#"{"reference":"x","status":"accepted","order_status":"processing","ready_in_minutes":30,"ready_by":"2026-11-30T08:30:00Z","reason":null}"#),
    );
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::WakeStatuses { after_ms: 5_000 }))
            .count(),
        1
    );
    assert!(saved(&effects, Slot::Placed)
        .unwrap()
        .contains(r#""status":"accepted""#));
    assert_eq!(
        shop_status(&session),
        ShopStatus {
            status: OrderStatus::Accepted,
            ready_by: Some("2026-11-30T08:30:00Z".into()),
            reason: None
        }
    );
    // No answer: the last news stays, said to be old, and the list asks again later.
    assert_eq!(questions(&session.statuses_due()).len(), 1);
    let effects = session.status_answered(reference, None);
    assert!(session.placed().unreachable());
    assert_eq!(shop_status(&session).status, OrderStatus::Accepted);
    assert!(effects.contains(&Effect::WakeStatuses { after_ms: 5_000 }));
    // Closed, the list is not asked after.
    session.show_panel(Panel::Closed);
    assert!(questions(&session.statuses_due()).is_empty());
    // Once delivered, it is not asked after again.
    session.show_panel(Panel::Orders);
    let effects = session.status_answered(reference, ok(r#"{"status":"delivered"}"#));
    assert!(!session.placed().unreachable());
    assert!(!effects
        .iter()
        .any(|e| matches!(e, Effect::WakeStatuses { .. })));
    assert!(questions(&session.show_panel(Panel::Orders)).is_empty());
}

#[test]
fn a_whatsapp_order_is_listed_and_never_asked_after() {
    let mut session = reviewed(&[]);
    session.place_order();
    let Content::OrderReady(entry) = last(&session) else {
        panic!("no order to send");
    };
    let effects = session.whatsapp_followed(&entry);
    assert!(saved(&effects, Slot::Placed)
        .unwrap()
        .contains(r#""taken":null"#));
    assert_eq!(session.placed().orders()[0].taken, None);
    assert!(questions(&session.show_panel(Panel::Orders)).is_empty());
    assert_eq!(session.panel(), Panel::Orders);
}

#[test]
fn orders_placed_are_kept_and_asked_after_only_at_this_pages_endpoint() {
    let (session, reference) = taken(r#"{"order_number":7,"status_secret":"5ec2e7"}"#);
    let list = session.placed().to_storage();
    let visit = |endpoint: &str, list: &str| {
        start(
            &[("endpoint", endpoint)],
            Saved {
                placed: Some(list.into()),
                ..Saved::default()
            },
        )
    };
    // The next visit asks at once, and only the server that gave the secret.
    let (mut again, effects) = visit(ENDPOINT, &list);
    assert_eq!(questions(&effects).len(), 1);
    assert_eq!(again.placed().orders()[0].reference, reference);
    let (_, effects) = visit("https://elsewhere.example/orders", &list);
    assert!(questions(&effects).is_empty());
    // A server that does not know the order by its secret is not asked again.
    again.status_answered(
        reference,
        Some(EndpointAnswer {
            status: 404,
            body: r#"{"error":"no order with this reference and secret"}"#.into(),
            retry_after_ms: None,
        }),
    );
    assert!(questions(&again.show_panel(Panel::Orders)).is_empty());
    // A list that cannot be read is set aside, not lost.
    let (session, effects) = visit(ENDPOINT, "{not json");
    assert!(session.placed().is_empty());
    assert_eq!(saved(&effects, Slot::PlacedSetAside), Some("{not json"));
    assert_eq!(session.panel(), Panel::Closed);
}

#[test]
fn asking_for_my_orders_in_the_chat_opens_them_or_says_there_are_none() {
    let mut session = open_shop(&[("endpoint", ENDPOINT)]);
    session.say("where is my order?");
    assert_eq!(last(&session), Content::Store(Reply::NoOrdersYet));
    assert_eq!(session.panel(), Panel::Closed);

    let (mut session, reference) = taken(r#"{"order_number":7,"status_secret":"5ec2e7"}"#);
    let effects = session.say("mera order");
    assert_eq!(last(&session), Content::Store(Reply::OpenOrders));
    assert_eq!(session.panel(), Panel::Orders);
    assert_eq!(questions(&effects)[0].reference, reference);
}

#[test]
fn a_tab_that_knows_more_orders_than_another_saved_saves_them_all_again() {
    let (mut session, reference) = taken(r#"{"order_number":7,"status_secret":"5ec2e7"}"#);
    // Another tab, opened before this order, saves its empty list.
    let empty = r#"{"version":1,"orders":[]}"#;
    let effects =
        session.placed_saved_elsewhere(empty.to_owned(), PlacedOrders::from_storage(empty));
    assert!(saved(&effects, Slot::Placed)
        .unwrap()
        .contains(reference.as_str()));
    // What it saved already holds everything: nothing is written back.
    let list = session.placed().to_storage();
    let effects = session.placed_saved_elsewhere(list.clone(), PlacedOrders::from_storage(&list));
    assert_eq!(saved(&effects, Slot::Placed), None);
    // A keystroke in the form does not write the list again.
    let effects = session.edit_form(|form| form.name.push('a'));
    assert_eq!(saved(&effects, Slot::Placed), None);
}

#[test]
fn a_shop_that_holds_nothing_keeps_nothing_so_the_next_visit_reads_nothing() {
    let (mut session, effects) = start(&[], Saved::default());
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Save(..) | Effect::Forget(..))),
        "{effects:?}"
    );
    session.catalog_arrived(Box::new(sample()));
    let effects = session.say("2 amul butter");
    assert!(saved(&effects, Slot::Cart).is_some());
    let effects = session.cart_action(CartAction::Clear);
    assert_eq!(saved(&effects, Slot::Cart), None);
    assert!(effects.contains(&Effect::Forget(Slot::Cart)), "{effects:?}");
    // A form typed into is a draft; typed back to nothing, it is forgotten.
    let effects = session.edit_form(|form| form.name.push('A'));
    assert!(saved(&effects, Slot::Draft).is_some());
    let effects = session.edit_form(|form| form.name.clear());
    assert!(
        effects.contains(&Effect::Forget(Slot::Draft)),
        "{effects:?}"
    );
}

#[test]
fn what_an_earlier_version_kept_empty_is_forgotten_on_the_next_visit() {
    let (_, effects) = start(
        &[],
        Saved {
            cart: Some(r#"{"version":1,"lines":[]}"#.to_owned()),
            outbox: Some(r#"{"version":1,"entries":[]}"#.to_owned()),
            placed: Some(r#"{"version":1,"orders":[]}"#.to_owned()),
            ..Saved::default()
        },
    );
    for slot in [Slot::Cart, Slot::Outbox, Slot::Placed] {
        assert!(
            effects.contains(&Effect::Forget(slot)),
            "{slot:?}: {effects:?}"
        );
    }
}

#[test]
fn an_order_whose_sending_code_is_late_is_said_as_retrying_and_not_posted_once_on_whatsapp() {
    let mut session = reviewed(&[("endpoint", ENDPOINT), ("whatsapp", "+91 98765 43210")]);
    let effects = session.place_order();
    let Some(Effect::Post(entry)) = effects.iter().find(|e| matches!(e, Effect::Post(_))) else {
        panic!("nothing posted: {effects:?}");
    };
    let reference = entry.reference;
    session.sending_delayed(reference, Some(2_000));
    session.sending_delayed(reference, Some(4_000));
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::Retrying { retry_in_ms: 4_000 }
    );
    assert!(session.still_to_send(reference));
    // Not started again meanwhile: the late try is still to be made.
    assert!(!session
        .connection(true)
        .iter()
        .any(|e| matches!(e, Effect::Post(_))));
    // Given up: the shopper may try again (a new try) or send it on WhatsApp.
    session.sending_delayed(reference, None);
    assert_eq!(
        session.delivery(&reference).unwrap().state,
        Delivery::NotSent {
            reason: NotSentReason::Unreachable
        }
    );
    assert!(session
        .try_again(reference)
        .iter()
        .any(|e| matches!(e, Effect::Post(_))));
    session.send_on_whatsapp_instead(reference);
    assert!(
        !session.still_to_send(reference),
        "gone on WhatsApp: never posted too"
    );
}

#[test]
fn saved_details_that_cannot_be_read_are_forgotten_and_an_untouched_draft_too() {
    let (_, effects) = start(
        &[],
        Saved {
            details: Some("{not json".to_owned()),
            ..Saved::default()
        },
    );
    assert!(
        effects.contains(&Effect::Forget(Slot::Details)),
        "{effects:?}"
    );
    let untouched = CheckoutForm::default().to_storage();
    let (_, effects) = start(
        &[],
        Saved {
            draft: Some(untouched),
            ..Saved::default()
        },
    );
    assert!(
        effects.contains(&Effect::Forget(Slot::Draft)),
        "{effects:?}"
    );
}

#[test]
fn an_outbox_that_cannot_be_read_stays_in_its_slot_besides_its_copy_set_aside() {
    let (_, effects) = start(
        &[],
        Saved {
            outbox: Some("{not json".to_owned()),
            ..Saved::default()
        },
    );
    assert_eq!(saved(&effects, Slot::OutboxSetAside), Some("{not json"));
    assert!(
        !effects.contains(&Effect::Forget(Slot::Outbox)),
        "{effects:?}"
    );
}
