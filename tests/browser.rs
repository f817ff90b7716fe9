//! Component tests in headless Chromium: the real widget mounted into a page section,
//! driven by clicks, checked on the DOM.
#![cfg(target_arch = "wasm32")]

use chatcart::{chat_shop, open_session, Shop};
use chatcart_core::catalog::Catalog;
use chatcart_core::config::{SettingsFile, StoreConfig};
use chatcart_core::words::English;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const CATALOG: &str = r#"{
  "format": "chatcart-catalog", "version": 1, "currency": "INR",
  "categories": [{"id": "dairy", "name": "Dairy"}],
  "products": [
    {"id": "butter", "title": "Amul Butter", "category": "dairy", "pack": "500 g", "price": "285.00"},
    {"id": "ghee", "title": "Amul Ghee", "category": "dairy", "price": "650.00", "availability": "out of stock"}
  ]
}"#;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a shop with the test catalog into a fresh <section>; `store_key` keeps each
/// test's saved cart apart.
fn mount_shop(store_key: &'static str) -> (HtmlElement, impl Drop) {
    let section: HtmlElement = document()
        .create_element("section")
        .unwrap()
        .unchecked_into();
    document().body().unwrap().append_child(&section).unwrap();
    let (config, _) = StoreConfig::resolve(
        &|name| match name {
            "whatsapp" => Some("919876543210".into()),
            "catalog" => Some(store_key.into()),
            _ => None,
        },
        "",
        SettingsFile::None,
    );
    let handle = leptos::mount::mount_to(section.clone(), move || {
        let shop = Shop::new(open_session(config, Vec::new()), &English, None);
        shop.catalog_arrived(Catalog::from_json(CATALOG, shop.config(|c| c.currency)).unwrap());
        chat_shop(shop)
    });
    (section, handle)
}

/// The button whose accessible name (aria-label, else text) is `name`.
fn button(root: &HtmlElement, name: &str) -> Option<HtmlElement> {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| {
            b.get_attribute("aria-label")
                .or_else(|| b.text_content())
                .as_deref()
                == Some(name)
        })
}

/// Types `text` into the Message box and submits it, as a shopper pressing Send.
async fn send(root: &HtmlElement, text: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector("input[aria-label=Message]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let form: web_sys::HtmlFormElement = root
        .query_selector("form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    leptos::task::tick().await;
}

fn cart_button_name(root: &HtmlElement) -> String {
    root.query_selector(".cc-cart-button")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap()
}

#[wasm_bindgen_test]
async fn browsing_and_adding_updates_the_cart() {
    let (root, _handle) = mount_shop("test-browse-add");
    leptos::task::tick().await;
    assert_eq!(cart_button_name(&root), "Cart, empty");

    button(&root, "Hi").expect("greeting quick reply").click();
    leptos::task::tick().await;
    button(&root, "Browse categories")
        .expect("browse quick reply")
        .click();
    leptos::task::tick().await;
    button(&root, "Dairy")
        .expect("category quick reply")
        .click();
    leptos::task::tick().await;

    let cards = root.query_selector_all("article").unwrap();
    assert_eq!(cards.length(), 2);
    assert!(
        button(&root, "Add Amul Ghee to cart").is_none(),
        "an out-of-stock product offers no add button"
    );
    button(&root, "Add Amul Butter to cart").unwrap().click();
    button(&root, "Add Amul Butter to cart").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(cart_button_name(&root), "Cart, 2 items");

    button(&root, "Cart, 2 items").unwrap().click();
    leptos::task::tick().await;
    let total = root
        .query_selector("[data-testid=cart-total]")
        .unwrap()
        .expect("cart total");
    assert_eq!(total.get_attribute("data-value").as_deref(), Some("570.00"));
    assert_eq!(total.text_content().as_deref(), Some("₹570.00"));

    button(&root, "Decrease quantity of Amul Butter")
        .unwrap()
        .click();
    leptos::task::tick().await;
    assert_eq!(total.get_attribute("data-value").as_deref(), Some("285.00"));
    assert_eq!(cart_button_name(&root), "Cart, 1 item");
}

#[wasm_bindgen_test]
async fn typed_text_searches_and_unknown_words_get_a_helpful_answer() {
    let (root, _handle) = mount_shop("test-search");
    leptos::task::tick().await;
    send(&root, "butter").await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Found 1 product for \"butter\""));
    assert!(button(&root, "Add Amul Butter to cart").is_some());

    send(&root, "saffron").await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Sorry, nothing matches \"saffron\""));
}
