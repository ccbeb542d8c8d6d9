//! Quick add of a lead: name, organization, email, phone, source. On a phone the form
//! waits behind a "New lead" button, so the list starts on the first screen.

use crate::domain::commands::Applied;
use crate::domain::forms::LeadForm;
use crate::domain::LeadId;
use crate::state::use_app;
use crate::ui::components::phone_fold::PhoneFold;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn AddLead(on_added: impl Fn(LeadId) + Copy + Send + 'static) -> impl IntoView {
    let state = use_app();
    let form = RwSignal::new(LeadForm::default());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = state
            .workspace
            .with_untracked(|w| form.with_untracked(|f| f.create(w)));
        let result = state.dispatch_form(command, "Add lead");
        match result {
            Ok(Applied::Lead(id)) => {
                form.set(LeadForm::default());
                error.set(None);
                on_added(id);
            }
            Ok(_) => {}
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <PhoneFold id="add-lead-form" label="New lead".to_string()>
        <form class="inline-form add-lead" on:submit=submit aria-label="Add a lead">
            <input type="text" aria-label="Lead name" placeholder="Lead name" prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
            <input type="text" aria-label="Lead organization" placeholder="Organization" prop:value=move || form.with(|f| f.organization.clone()) on:input=move |ev| form.update(|f| f.organization = event_target_value(&ev))/>
            <input type="email" aria-label="Lead email" placeholder="Email" prop:value=move || form.with(|f| f.email.clone()) on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))/>
            <input type="tel" aria-label="Lead phone" placeholder="Phone" prop:value=move || form.with(|f| f.phone.clone()) on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))/>
            <input type="text" aria-label="Lead source" placeholder="Source (e.g. Referral)" prop:value=move || form.with(|f| f.source.clone()) on:input=move |ev| form.update(|f| f.source = event_target_value(&ev))/>
            <button type="submit" class="btn btn-primary">"Add lead"</button>
        </form>
        </PhoneFold>
        <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
    }
}
