//! The host page's handle on one shop, set as the `chatcart` property of its element:
//! `element.chatcart.open()`, `.close()`, `.addToCart(retailerId, quantity)`. The shop's
//! events (`chatcart:mounted`, `chatcart:cart-change`, `chatcart:order`) are dispatched on
//! the same element; `chatcart:mounted` once its view is built (`open_shop`).

use chatcart_core::retailer_id::RetailerId;
use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use crate::shop::Shop;

pub fn expose(host: &web_sys::HtmlElement, shop: Shop) {
    let api = Object::new();
    let open = Closure::<dyn Fn()>::new(move || shop.open_pane());
    let close = Closure::<dyn Fn()>::new(move || shop.close_pane());
    let add = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(
        move |retailer_id: JsValue, quantity: JsValue| {
            let Some(retailer_id) = retailer_id.as_string().map(RetailerId::from) else {
                return JsValue::FALSE;
            };
            // Whole numbers from 1 up; anything else is one.
            let quantity = quantity
                .as_f64()
                .filter(|q| q.fract() == 0.0 && *q >= 1.0)
                .map_or(1, |q| q.min(f64::from(u32::MAX)) as u32);
            match shop.add_from_page(retailer_id, quantity) {
                Some(added) => JsValue::from_bool(added),
                None => JsValue::NULL,
            }
        },
    );
    let _ = Reflect::set(&api, &"open".into(), open.as_ref());
    let _ = Reflect::set(&api, &"close".into(), close.as_ref());
    let _ = Reflect::set(&api, &"addToCart".into(), add.as_ref());
    // The shop lives as long as the page; so do its handles.
    open.forget();
    close.forget();
    add.forget();
    let _ = Reflect::set(host, &"chatcart".into(), &api);
}
