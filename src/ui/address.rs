//! Parameters in the page address after the route (`#/deals?status=won`): read when a
//! page opens, replaced (not pushed) as its filters change, so Back leaves the page
//! rather than stepping through every filter tried.

use leptos::prelude::window;
use web_sys::UrlSearchParams;

fn current() -> Option<UrlSearchParams> {
    let hash = window().location().hash().ok()?;
    let (_, query) = hash.split_once('?')?;
    UrlSearchParams::new_with_str(query).ok()
}

/// One parameter of the current address.
pub fn param(name: &str) -> Option<String> {
    current()?.get(name)
}

/// Parameters as an address writes them: "status=won&owner=Ana+Silva".
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let Ok(params) = UrlSearchParams::new() else {
        return String::new();
    };
    for (name, value) in pairs {
        params.append(name, value);
    }
    String::from(params.to_string())
}

/// Looks parameters up in such a text (a saved view).
pub fn lookup(query: &str) -> impl Fn(&str) -> Option<String> {
    let params = UrlSearchParams::new_with_str(query).ok();
    move |name| params.as_ref().and_then(|p| p.get(name))
}

/// Puts `route` (e.g. "#/deals") with these parameters in the address bar.
pub fn replace(route: &str, pairs: &[(&str, String)]) {
    let query = query_string(pairs);
    let address = if query.is_empty() {
        route.to_string()
    } else {
        format!("{route}?{query}")
    };
    // Another page may be showing by the time this runs: only its own address is kept.
    let showing = window().location().hash().unwrap_or_default();
    if showing.split('?').next() != Some(route) || showing == address {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}
