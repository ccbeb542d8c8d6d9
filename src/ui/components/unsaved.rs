//! Closing a panel whose form has changes not saved asks first: save, discard, or keep
//! editing. Nothing typed is thrown away without a word.

use leptos::prelude::*;

#[component]
pub fn UnsavedPrompt(
    /// "deal", "lead": what the changes are to.
    what: &'static str,
    on_save: Callback<()>,
    on_discard: Callback<()>,
    on_keep: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="confirm" role="alertdialog" aria-label="Unsaved changes" data-testid="unsaved-prompt">
            <p>{format!("You changed this {what} without saving. Save the changes before closing?")}</p>
            <div class="actions">
                <button class="btn btn-primary" on:click=move |_| on_save.run(())>"Save and close"</button>
                <button class="btn btn-danger" on:click=move |_| on_discard.run(())>"Discard changes"</button>
                <button class="btn" on:click=move |_| on_keep.run(())>"Keep editing"</button>
            </div>
        </div>
    }
}
