//! A modal on the native `<dialog>`: the browser moves focus into it (to the
//! `autofocus` field, or the first control), keeps Tab inside, makes the page behind
//! inert, draws it above everything and gives focus back when it closes.

use crate::ui::components::when::When;
use leptos::ev::KeyboardEvent;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shows `children` as a modal while `open` is true.
#[component]
pub fn Modal(
    #[prop(into)] open: Signal<bool>,
    /// The id of the heading that names the dialog.
    labelled_by: &'static str,
    /// Escape: what dismissing means. Without it the modal stays until a choice is made.
    #[prop(optional)]
    on_dismiss: Option<Callback<()>>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = open.get();
        let Some(el) = dialog.get() else { return };
        if open && !el.open() {
            // Fails only for a dialog outside the document, which this one never is.
            let _ = el.show_modal();
            // The children may render after this effect, leaving focus on the dialog
            // itself: once they are there, focus goes to their `autofocus` field.
            request_animation_frame(move || {
                let Some(el) = dialog.get_untracked() else {
                    return;
                };
                let on_dialog = document()
                    .active_element()
                    .is_none_or(|active| active == **el);
                if let (true, Ok(Some(target))) = (on_dialog, el.query_selector("[autofocus]")) {
                    if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = target.focus();
                    }
                }
            });
        } else if !open && el.open() {
            el.close();
        }
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            // The dialog closes through `open` only, so state and screen never disagree.
            ev.prevent_default();
            ev.stop_propagation();
            if let Some(dismiss) = on_dismiss {
                dismiss.run(());
            }
        }
    };
    // The browser may still close a modal itself (a second Escape in a row).
    let on_close = move |_| {
        if open.get_untracked() {
            match on_dismiss {
                Some(dismiss) => dismiss.run(()),
                None => {
                    if let Some(el) = dialog.get_untracked() {
                        let _ = el.show_modal();
                    }
                }
            }
        }
    };
    view! {
        <dialog node_ref=dialog class="modal-dialog" aria-labelledby=labelled_by
            on:keydown=on_keydown on:close=on_close>
            <When when=move || open.get()>{children()}</When>
        </dialog>
    }
}
