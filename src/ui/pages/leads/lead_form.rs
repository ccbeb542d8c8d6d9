//! Quick add of a lead: name, organization, email, phone, source.

use crate::domain::command::{Applied, LeadDraft};
use crate::domain::organizations::with_organization_named;
use crate::domain::{Command, LeadId, Money};
use crate::state::use_app;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn AddLead(on_added: impl Fn(LeadId) + Copy + 'static) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let organization = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = (|| -> Result<LeadId, String> {
            if name.get_untracked().trim().is_empty() {
                return Err("lead name must not be empty".into());
            }
            let draft = LeadDraft {
                name: name.get_untracked(),
                organization: None,
                person: None,
                email: email.get_untracked(),
                phone: phone.get_untracked(),
                source: source.get_untracked(),
                score: 10,
                next_follow_up: None,
                owner: String::new(),
                expected_value: Money(0),
            };
            let command = state.workspace.with_untracked(|w| {
                with_organization_named(w, &organization.get_untracked(), |organization| {
                    Command::CreateLead(LeadDraft {
                        organization,
                        ..draft
                    })
                })
            });
            match state
                .dispatch(command, "Add lead")
                .map_err(|e| e.to_string())?
            {
                Applied::Lead(id) => Ok(id),
                _ => Err("the lead was not created".into()),
            }
        })();
        match result {
            Ok(id) => {
                for field in [name, organization, email, phone, source] {
                    field.set(String::new());
                }
                error.set(None);
                on_added(id);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form add-lead" on:submit=submit aria-label="Add a lead">
            <input type="text" aria-label="Lead name" placeholder="Lead name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            <input type="text" aria-label="Lead organization" placeholder="Organization" prop:value=organization on:input=move |ev| organization.set(event_target_value(&ev))/>
            <input type="email" aria-label="Lead email" placeholder="Email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
            <input type="tel" aria-label="Lead phone" placeholder="Phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
            <input type="text" aria-label="Lead source" placeholder="Source (e.g. Referral)" prop:value=source on:input=move |ev| source.set(event_target_value(&ev))/>
            <button type="submit" class="btn btn-primary">"Add lead"</button>
        </form>
        <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
    }
}
