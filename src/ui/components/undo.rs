//! Undo and redo buttons (Ctrl+Z and Ctrl+Shift+Z do the same).

use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn UndoButtons() -> impl IntoView {
    let state = use_app();
    let undo_title = move || match state.undo_state.get().undo {
        Some(label) => format!("Undo: {label} (Ctrl+Z)"),
        None => "Nothing to undo".to_string(),
    };
    let redo_title = move || match state.undo_state.get().redo {
        Some(label) => format!("Redo: {label} (Ctrl+Shift+Z)"),
        None => "Nothing to redo".to_string(),
    };
    view! {
        <div class="undo-buttons" role="group" aria-label="History">
            <button
                class="btn btn-quiet"
                title=undo_title
                aria-label=undo_title
                disabled=move || state.undo_state.get().undo.is_none()
                on:click=move |_| state.undo()
            >
                "↶"<span class="btn-word">" Undo"</span>
            </button>
            <button
                class="btn btn-quiet"
                title=redo_title
                aria-label=redo_title
                disabled=move || state.undo_state.get().redo.is_none()
                on:click=move |_| state.redo()
            >
                "↷"<span class="btn-word">" Redo"</span>
            </button>
        </div>
    }
}
