//! "+ Add deal" at the top of a column: title and value, Enter to add.

use crate::domain::forms::DealForm;
use crate::domain::StageId;
use crate::state::use_app;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn QuickAdd(stage: StageId) -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = DealForm {
            title: title.get_untracked(),
            value: value.get_untracked(),
            ..DealForm::default()
        };
        let command = state.workspace.with_untracked(|w| form.create(w, stage));
        let result = state.dispatch_form(command, "Add deal");
        match result {
            Ok(_) => {
                title.set(String::new());
                value.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <When
            when=move || open.get()
            fallback=move || view! { <button class="btn btn-quiet add-deal" on:click=move |_| open.set(true)>"+ Add deal"</button> }
        >
            <form class="quick-add" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); open.set(false) }>
                <input type="text" aria-label="Deal title" placeholder="Deal title" autofocus
                    prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                <input type="text" inputmode="decimal" aria-label="Deal value" placeholder="Value"
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                <When when=move || error.get().is_some()>
                    <p class="form-error" role="alert">{move || error.get()}</p>
                </When>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">"Add"</button>
                    <button type="button" class="btn" on:click=move |_| { open.set(false); error.set(None); }>"Cancel"</button>
                </div>
            </form>
        </When>
    }
}
