//! A side panel beside the page. Not modal: the page behind stays usable, so focus is
//! often outside the panel; Escape closes it wherever focus is, unless something
//! already used the key (a modal dialog, a quick-add form).

use leptos::prelude::*;

#[component]
pub fn Drawer(
    /// The id of the heading that names the panel.
    labelled_by: &'static str,
    on_close: impl Fn() + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !ev.default_prevented() {
            // Handled: a second open panel leaves this press alone.
            ev.prevent_default();
            on_close();
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <aside class="drawer" role="dialog" aria-modal="false" aria-labelledby=labelled_by>
            {children()}
        </aside>
    }
}
