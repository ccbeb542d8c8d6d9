//! A deal's contact person, chosen from the people (its organization's first), with how
//! to reach them.

use crate::domain::queries::contacts::{contact_choices, reach};
use crate::domain::{DealId, PersonId};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ContactField(
    deal: DealId,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let state = use_app();
    let choices = Memo::new(move |_| {
        state.workspace.with(|w| {
            let organization = w.deals.get(&deal).and_then(|d| d.organization);
            contact_choices(w, organization)
        })
    });
    let chosen_reach = move || {
        let id = value.get().parse().ok().map(PersonId)?;
        state
            .workspace
            .with(|w| w.people.get(&id).map(reach))
            .filter(|r| !r.is_empty())
    };
    view! {
        <label>"Contact person"
            <select on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>"No contact"</option>
                {move || choices.get().into_iter().map(|(id, label)| {
                    let key = id.0.to_string();
                    let mine = key.clone();
                    view! { <option value=key selected=move || value.get() == mine>{label}</option> }
                }).collect_view()}
            </select>
            {move || chosen_reach().map(|r| view! { <span class="muted" data-testid="contact-reach">{r}</span> })}
        </label>
    }
}
