//! A side panel beside the page. Not modal: the page behind stays usable, so focus is
//! often outside the panel; Escape closes it wherever focus is, unless something
//! already used the key (a modal dialog, a quick-add form). With two panels open (a
//! deal opened from an organization), the one drawn on top — later in the page —
//! closes first.

use leptos::html::Aside;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[component]
pub fn Drawer(
    /// The id of the heading that names the panel.
    labelled_by: &'static str,
    on_close: impl Fn() + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<Aside>::new();
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !ev.default_prevented() && is_topmost(panel) {
            ev.prevent_default();
            on_close();
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <aside class="drawer" role="dialog" aria-modal="false" aria-labelledby=labelled_by node_ref=panel>
            {children()}
        </aside>
    }
}

/// A panel's head: its heading (`title_id` names the `Drawer`), what follows the heading
/// (a status badge) and the ✕ that closes it.
#[component]
pub fn DrawerHead<T: IntoView + 'static>(
    title_id: &'static str,
    title: T,
    /// "Close deal panel": what the ✕ says to a screen reader.
    close_label: &'static str,
    on_close: impl Fn() + Send + Sync + 'static,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="drawer-head">
            <h2 id=title_id class="drawer-title">{title}</h2>
            {children.map(|badge| badge())}
            <button class="btn btn-quiet" aria-label=close_label on:click=move |_| on_close()>"✕"</button>
        </header>
    }
}

/// Whether this panel is the last one in the page, so drawn above any other.
fn is_topmost(panel: NodeRef<Aside>) -> bool {
    let Some(this) = panel.get_untracked() else {
        return false;
    };
    let last = document()
        .query_selector_all(".drawer")
        .ok()
        .and_then(|all| all.item(all.length().saturating_sub(1)));
    last.is_some_and(|last| JsValue::from(last) == JsValue::from(this))
}
