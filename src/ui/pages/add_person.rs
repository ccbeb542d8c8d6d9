//! Adding a person by hand: name, email, phone and organization (an existing one,
//! ignoring case, or a new one).

use crate::domain::forms::PersonForm;
use crate::state::use_app;
use crate::ui::components::organization_names::OrganizationNames;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn AddPerson() -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let organization = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = PersonForm {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            organization: organization.get_untracked(),
        };
        let command = state.workspace.with_untracked(|w| typed.create(w));
        match state.dispatch(command, "Add person") {
            Ok(_) => {
                state.toast(format!("{} added", name.get_untracked().trim()));
                for field in [name, email, phone, organization] {
                    field.set(String::new());
                }
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="inline-form" novalidate on:submit=add aria-label="Add a person">
            <input type="text" aria-label="New person's name" placeholder="Name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            <input type="email" aria-label="New person's email" placeholder="Email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
            <input type="tel" aria-label="New person's phone" placeholder="Phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
            <input type="text" list="person-orgs" aria-label="New person's organization" placeholder="Organization" prop:value=organization on:input=move |ev| organization.set(event_target_value(&ev))/>
            <OrganizationNames id="person-orgs"/>
            <button type="submit" class="btn">"Add person"</button>
        </form>
        <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
    }
}
