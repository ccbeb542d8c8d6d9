//! The organizations' names an organization field suggests (`<input list=…>`): typing
//! an existing one links to it, a new one creates it.

use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn OrganizationNames(id: &'static str) -> impl IntoView {
    let state = use_app();
    view! {
        <datalist id=id>
            {move || state.workspace.with(|w| w.organizations.values().map(|o| view! { <option value=o.name.clone()></option> }).collect_view())}
        </datalist>
    }
}
