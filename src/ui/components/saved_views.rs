//! Saved views of the deals list: the current filters under a name, one click to apply
//! them again, shared with the workspace (and the team, with sync).

use crate::domain::queries::deal_address::{from_lookup, to_pairs};
use crate::domain::queries::deal_list::DealQuery;
use crate::domain::Command;
use crate::state::use_app;
use crate::ui::address;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn SavedViews(query: RwSignal<DealQuery>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let views = Memo::new(move |_| state.workspace.with(|w| w.settings.saved_views.clone()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let filters = query.with_untracked(|q| address::query_string(&to_pairs(q)));
        let command = Command::SaveView {
            name: name.get_untracked(),
            query: filters,
        };
        match state.dispatch(command, "Save view") {
            Ok(_) => {
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let apply = move |text: String| {
        let (chosen, problems) = from_lookup(address::lookup(&text));
        for problem in problems {
            state.toast_error(problem);
        }
        query.set(chosen);
    };
    view! {
        <div class="saved-views" role="group" aria-label="Saved views">
            <For each=move || views.get() key=|v| (v.name.clone(), v.query.clone()) let:view>
                {
                    let (label, text) = (view.name.clone(), view.query.clone());
                    let remove = view.name.clone();
                    view! {
                        <span class="view-chip" data-testid="saved-view" data-view=view.name.clone()>
                            <button class="btn btn-small" on:click=move |_| apply(text.clone())>{label}</button>
                            <button class="btn btn-quiet btn-small" aria-label=format!("Delete the view “{}”", view.name)
                                on:click=move |_| { state.run(Command::DeleteView { name: remove.clone() }, "Delete view"); }>"×"</button>
                        </span>
                    }
                }
            </For>
            <form class="inline-form" on:submit=save>
                <input type="text" aria-label="View name" placeholder="Name these filters" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="btn btn-small">"Save view"</button>
            </form>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </When>
        </div>
    }
}
