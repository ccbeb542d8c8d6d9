//! The owner of a deal or lead, picked from the team list (Settings → Team members).
//! Without a list it is typed; a typed name that is a member's becomes that member.

use crate::domain::model::team::member_named;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn OwnerField(
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let state = use_app();
    let team = Memo::new(move |_| state.workspace.with(|w| w.settings.team.clone()));
    view! {
        {move || if team.with(Vec::is_empty) {
            view! {
                <label>"Owner" <input type="text" prop:value=move || value.get() on:input=move |ev| on_change.run(event_target_value(&ev))/></label>
            }.into_any()
        } else {
            // An owner from before the list (or an import) stays choosable as it is.
            let current = value.get_untracked();
            let outside = (!current.trim().is_empty() && team.with_untracked(|t| member_named(t, &current).is_none()))
                .then(|| current.clone());
            view! {
                <label>"Owner"
                    <select on:change=move |ev| on_change.run(event_target_value(&ev))>
                        <option value="" selected=move || value.get().trim().is_empty()>"No owner"</option>
                        {team.get().into_iter().map(|m| {
                            let (name, label) = (m.name.clone(), m.name.clone());
                            view! { <option value=name selected=move || value.with(|v| member_named(std::slice::from_ref(&m), v).is_some())>{label}</option> }
                        }).collect_view()}
                        {outside.map(|name| view! { <option value=name.clone() selected=move || value.get() == name>{format!("{name} (not on the team list)")}</option> })}
                    </select>
                </label>
            }.into_any()
        }}
    }
}
