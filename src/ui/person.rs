//! The person panel, over any page: their details (edited in place), organization,
//! the deals they are a contact of, their leads, activities and notes.

use crate::domain::forms::PersonForm;
use crate::domain::queries::people::{deals_of, leads_of};
use crate::domain::{Command, PersonId, Subject};
use crate::state::use_app;
use crate::ui::components::activity::{ActivitiesSection, NotesSection};
use crate::ui::components::drawer::{Drawer, DrawerHead};
use crate::ui::components::global_search::{open_subject, use_open_request};
use crate::ui::components::organization_names::OrganizationNames;
use crate::ui::components::record_form::RecordForm;
use crate::ui::components::unsaved::UnsavedPrompt;
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::format::money_format;
use leptos::prelude::*;

#[component]
pub fn PersonDetail(id: PersonId) -> impl IntoView {
    let state = use_app();
    let (deals_ui, request) = (use_deal_ui(), use_open_request());
    let Some(initial) = state
        .workspace
        .with_untracked(|w| w.people.get(&id).map(|p| PersonForm::of(w, p)))
    else {
        return ().into_any();
    };
    let record = RecordForm::new(
        initial,
        move || {
            state
                .workspace
                .with(|w| w.people.get(&id).map(|p| PersonForm::of(w, p)))
        },
        PersonForm::refreshed,
    );
    let (form, error, leaving) = (record.form, record.error, record.leaving);
    let exists = move || {
        state
            .workspace
            .with_untracked(|w| w.people.contains_key(&id))
    };
    let close = move || request.person.set(None);
    let request_close = move || record.close_or_ask(exists(), close);
    let save_now = move || {
        record.save(&state, "Edit person", "Person saved", |typed, shown| {
            state
                .workspace
                .with_untracked(|w| w.people.get(&id).map(|p| Ok(typed.edit(shown, w, p))))
        })
    };
    let confirm_delete = RwSignal::new(false);
    let delete = move |_| {
        if !confirm_delete.get_untracked() {
            confirm_delete.set(true);
        } else if state
            .run(Command::DeletePerson { person: id }, "Delete person")
            .is_some()
        {
            close();
            state.toast("Person deleted. Undo (Ctrl+Z) brings them back.".into());
        }
    };
    let title = move || form.with(|f| f.name.clone());
    let organization = move || {
        state.workspace.with(|w| {
            let org = w.people.get(&id)?.organization?;
            Some((org, w.organization_name(Some(org))?.to_string()))
        })
    };
    let deals = Memo::new(move |_| state.workspace.with(|w| deals_of(w, id)));
    let leads = Memo::new(move |_| state.workspace.with(|w| leads_of(w, id)));
    let fmt = move || money_format(&state);
    let field = move |label: &'static str,
                      kind: &'static str,
                      get: fn(&PersonForm) -> &String,
                      set: fn(&mut PersonForm, String)| {
        view! {
            <label>{label}
                <input type=kind prop:value=move || form.with(|f| get(f).clone()) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </label>
        }
    };
    view! {
        <Drawer labelled_by="person-panel-title" on_close=request_close>
            <DrawerHead title_id="person-panel-title" title=title close_label="Close person panel" on_close=request_close/>
            <When when=move || leaving.get()>
                <UnsavedPrompt what="person"
                    on_save=Callback::new(move |_| { leaving.set(false); if save_now() { close() } })
                    on_discard=Callback::new(move |_| close())
                    on_keep=Callback::new(move |_| leaving.set(false))/>
            </When>
            {move || organization().map(|(org, name)| view! {
                <p class="muted">"Works at "<button class="link-button" on:click=move |_| open_subject(Subject::Organization(org), deals_ui, request)>{name}</button></p>
            })}
            <form class="form-grid" novalidate aria-label="Person details" on:submit=move |ev| { ev.prevent_default(); save_now(); }>
                {field("Name", "text", |f| &f.name, |f, v| f.name = v)}
                {field("Email", "email", |f| &f.email, |f, v| f.email = v)}
                {field("Phone", "tel", |f| &f.phone, |f, v| f.phone = v)}
                <label>"Organization"
                    <input type="text" list="person-org-names" prop:value=move || form.with(|f| f.organization.clone()) on:input=move |ev| form.update(|f| f.organization = event_target_value(&ev))/>
                </label>
                <OrganizationNames id="person-org-names"/>
                <When when=move || error.get().is_some()>
                    <p class="form-error span-2" role="alert">{move || error.get()}</p>
                </When>
                <div class="span-2 actions">
                    <button type="submit" class="btn btn-primary">"Save changes"</button>
                    <button type="button" class="btn btn-danger" on:click=delete>{move || if confirm_delete.get() { "Click again to delete" } else { "Delete person" }}</button>
                </div>
            </form>
            <section data-testid="person-deals"><h3>"Deals"</h3>
                <When when=move || deals.with(|d| !d.is_empty()) fallback=|| view! { <p class="muted">"Not a contact of any deal."</p> }>
                    <ul class="plain-list">{move || deals.get().into_iter().map(|d| {
                        let deal = d.id;
                        view! {
                            <li>
                                <button class="link-button" on:click=move |_| { request.person.set(None); deals_ui.open_deal.set(Some(deal)); }>{d.title}</button>" "
                                <span class=format!("status-badge status-{}", d.status.label())>{d.status.label()}</span>" "
                                <span class="num muted">{fmt().full(d.value)}</span>
                                {d.primary.then(|| view! { " " <span class="muted">"primary contact"</span> })}
                            </li>
                        }
                    }).collect_view()}</ul>
                </When>
            </section>
            <When when=move || leads.with(|l| !l.is_empty())>
                <section><h3>"Leads"</h3>
                    <ul class="plain-list">{move || leads.get().into_iter().map(|(lead, name, status)| view! {
                        <li><button class="link-button" on:click=move |_| open_subject(Subject::Lead(lead), deals_ui, request)>{name}</button>{format!(" — {}", status.label())}</li>
                    }).collect_view()}</ul>
                </section>
            </When>
            <ActivitiesSection about=Subject::Person(id)/>
            <NotesSection about=Subject::Person(id)/>
        </Drawer>
    }
    .into_any()
}
