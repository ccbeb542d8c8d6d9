//! Moving focus to an element found by selector, after the next frame so a view that
//! just re-rendered is in place.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn focus_after_render(selector: String) {
    request_animation_frame(move || {
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
