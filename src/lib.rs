//! chatcart's widget: a chat-styled storefront mounted into any element with `data-chatcart`.

mod api;
mod browser;
mod cart_panel;
mod catalog_fetch;
mod checkout_form;
mod chunk_view;
mod conversation;
mod deliveries;
mod dom;
mod languages;
mod lazy;
mod my_orders;
mod one_thread;
mod order_views;
mod product_card;
mod saved;
mod shop;
mod shop_view;

use chatcart_core::config::{SettingsFile, StoreConfig};
use chatcart_core::session::Session;
use chatcart_core::words::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

// talc, not the standard library's dlmalloc: 1.5 KB less brotli in every first download
// (issue 13), for a little more memory (a 50,000-row feed read whole: 33.8 MB of wasm memory
// against 31.9 to 32.2 MB). In the page and in the in-browser tests.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use shop::{open_session, Shop};
pub use shop_view::chat_shop;

/// Mounts a widget into each `[data-chatcart]` element of the page.
pub fn start() {
    // A release stops at a panic without formatting it (scripts/build-widget.sh), and the
    // loader tells the shopper. A debug build prints the panic's message to the console first.
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
    let assets = browser::assets_base();
    for element in mount_points() {
        mount(element, &assets);
    }
}

fn mount_points() -> Vec<web_sys::HtmlElement> {
    let Some(nodes) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("[data-chatcart]").ok())
    else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect()
}

/// Reads the element's `data-*` configuration and mounts a shop into an open shadow root of
/// it, with the widget's stylesheet from `assets`: the page's CSS cannot reach inside, and
/// ours cannot leak out.
pub fn mount(host: web_sys::HtmlElement, assets: &str) {
    if host.shadow_root().is_some() {
        // Mounted already, or the page's own shadow root: the loader's `ready` waits no more.
        if !js_sys::Reflect::has(&host, &"chatcart".into()).unwrap_or(false) {
            browser::dispatch(&host, "chatcart:failed", "null");
        }
        return;
    }
    let data = host.dataset();
    match data.get("settings").filter(|url| !url.trim().is_empty()) {
        None => mount_with(host, assets, SettingsFile::None),
        // The loader asked for the file with the widget, so it is usually here already.
        Some(url) => {
            let assets = assets.to_owned();
            wasm_bindgen_futures::spawn_local(async move {
                let file = match catalog_fetch::fetch_settings(&url).await {
                    Ok(text) => SettingsFile::Fetched { url, text },
                    Err(why) => SettingsFile::Unavailable { url, why },
                };
                mount_with(host, &assets, file);
            });
        }
    }
}

fn mount_with(host: web_sys::HtmlElement, assets: &str, file: SettingsFile) {
    if host.shadow_root().is_some() {
        return; // mounted while the settings file came
    }
    let data = host.dataset();
    // Without data-locale, the shopper's own language.
    let attribute = |name: &str| {
        data.get(&data_key(name))
            .or_else(|| (name == "locale").then(browser::device_locale).flatten())
    };
    let (config, problems) = StoreConfig::resolve(&attribute, &browser::page_query(), file);
    let assets = assets.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let words = languages::words_for(&config.locale).await;
        let on_device = || shop::saved_on_device(&config);
        let open = || shop::open_session(config.clone(), problems.clone());
        let session = saved::restore(&host, on_device, open, words).await;
        open_shop(host, &assets, session, words);
    });
}

/// Mounts the shop of `session` into an open shadow root of `host`, once its words are here
/// and it holds what the device saved.
fn open_shop(
    host: web_sys::HtmlElement,
    assets: &str,
    session: Session,
    words: &'static dyn Language,
) {
    if host.shadow_root().is_some() {
        return; // mounted while the words or the saved data came
    }
    let Some(container) = browser::shadow_container(&host, &format!("{assets}chatcart.css")) else {
        web_sys::console::error_1(
            &"chatcart: this element cannot hold the shop (use a <div data-chatcart>)".into(),
        );
        // The loader's `ready` waits for each shop to start, or not.
        browser::dispatch(&host, "chatcart:failed", "null");
        return;
    };
    // This first mount draws nothing: it opens the shop under a reactive owner, with the task
    // executor that its effects (the catalog asked for) need.
    leptos::mount::mount_to(container.clone(), move || {
        let shop = Shop::new(session, words, Some(host.clone()));
        shop.load_catalog();
        // `element.chatcart` at once: a second `mount` of this element finds the shop here.
        api::expose(&host, shop);
        let owner = Owner::current().expect("a shop opens under an owner");
        // The view is built in a task of its own, so that the page can answer in between:
        // on a slow phone the two halves are shorter tasks than the whole (issue 13).
        set_timeout(
            move || {
                let view = move || chat_shop(shop);
                owner.with(|| leptos::mount::mount_to(container, view).forget());
                // The loader's `ready` waits for this (or `chatcart:failed`) from every shop:
                // once its view is there.
                browser::dispatch(&host, "chatcart:mounted", "null");
            },
            std::time::Duration::ZERO,
        );
    })
    .forget();
}

/// `store-name` is read from `dataset.storeName`.
fn data_key(attribute: &str) -> String {
    let mut key = String::with_capacity(attribute.len());
    let mut upper = false;
    for c in attribute.chars() {
        match c {
            '-' => upper = true,
            c if upper => {
                key.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => key.push(c),
        }
    }
    key
}
