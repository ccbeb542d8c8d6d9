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

/// The parameter naming the open deal: kept by every page's own address changes.
pub const OPEN_DEAL: &str = "deal";

/// Puts `route` (e.g. "#/deals") with these parameters in the address bar.
pub fn replace(route: &str, pairs: &[(&str, String)]) {
    let open_deal = param(OPEN_DEAL).map(|deal| (OPEN_DEAL, deal));
    let pairs: Vec<(&str, String)> = pairs.iter().cloned().chain(open_deal).collect();
    let query = query_string(&pairs);
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
        announce();
    }
}

/// The current address with one parameter set (or removed, for `None`).
pub fn current_with(name: &str, value: Option<&str>) -> String {
    with(&window().location().hash().unwrap_or_default(), name, value)
}

/// An address (`#/deals?status=won&deal=4`) without one parameter.
pub fn without(hash: &str, name: &str) -> String {
    with(hash, name, None)
}

fn with(hash: &str, name: &str, value: Option<&str>) -> String {
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let Ok(params) = UrlSearchParams::new_with_str(query) else {
        return hash.to_string();
    };
    match value {
        Some(value) => params.set(name, value),
        None => params.delete(name),
    }
    let query = String::from(params.to_string());
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// A new history entry with this address (Back returns to the one before).
pub fn push(address: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
        announce();
    }
}

/// The current history entry's address changed in place.
pub fn replace_current(address: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
        announce();
    }
}

/// One step back in the history, as the browser's Back button.
pub fn back() {
    if let Ok(history) = window().history() {
        let _ = history.back();
    }
}

/// The event this module sends after changing the address itself (browsers send
/// `hashchange` only for links, Back and Forward), so what follows the address stays
/// current.
pub const CHANGED: &str = "pipewright-address";

fn announce() {
    if let Ok(event) = web_sys::Event::new(CHANGED) {
        let _ = window().dispatch_event(&event);
    }
}
