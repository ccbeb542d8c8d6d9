//! A deal's contact people: the primary one first, how to reach each, and adding an
//! existing person or a new one. Each change is its own undo step.

use crate::domain::queries::contacts::{contact_choices, reach};
use crate::domain::{Command, DealId, PersonId, Subject};
use crate::state::use_app;
use crate::ui::components::global_search::{open_subject, use_open_request};
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Eq, Hash)]
struct ContactLine {
    id: PersonId,
    name: String,
    reach: String,
    primary: bool,
}

#[component]
pub fn DealContacts(deal: DealId) -> impl IntoView {
    let state = use_app();
    let (deals, request) = (use_deal_ui(), use_open_request());
    let contacts = Memo::new(move |_| {
        state.workspace.with(|w| {
            let Ok(d) = w.deal(deal) else {
                return Vec::new();
            };
            d.contacts()
                .filter_map(|id| w.people.get(&id))
                .map(|p| ContactLine {
                    id: p.id,
                    name: p.name.clone(),
                    reach: reach(p),
                    primary: d.person == Some(p.id),
                })
                .collect::<Vec<_>>()
        })
    });
    let choices = Memo::new(move |_| {
        state.workspace.with(|w| {
            let Ok(d) = w.deal(deal) else {
                return Vec::new();
            };
            let taken: Vec<PersonId> = d.contacts().collect();
            contact_choices(w, d.organization, &taken)
        })
    });
    let chosen = RwSignal::new(String::new());
    let (name, email, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let add_existing = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = chosen.get_untracked().parse().map(PersonId) else {
            error.set(Some("Choose a person to add".into()));
            return;
        };
        let command = Command::AddDealContact { deal, person: id };
        if state.dispatch_to(command, "Add contact person", error) {
            chosen.set(String::new());
        }
    };
    let add_new = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::AddNewDealContact {
            deal,
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
        };
        if state.dispatch_to(command, "Add new contact person", error) {
            for field in [name, email, phone] {
                field.set(String::new());
            }
        }
    };
    view! {
        <section data-testid="deal-contacts">
            <h3>"Contact people"</h3>
            <When when=move || contacts.with(|c| !c.is_empty()) fallback=|| view! { <p class="muted">"No contact people yet."</p> }>
                <ul class="plain-list contact-list">
                    <For each=move || contacts.get() key=|c| c.clone() let:contact>
                        {
                            let id = contact.id;
                            let remove_label = format!("Remove {} from the deal", contact.name);
                            view! {
                                <li class="contact-line" data-testid="deal-contact" data-primary=contact.primary.to_string()>
                                    <button class="link-button" on:click=move |_| open_subject(Subject::Person(id), deals, request)>{contact.name.clone()}</button>
                                    {if contact.primary {
                                        view! { <span class="badge">"Primary"</span> }.into_any()
                                    } else {
                                        view! { <button class="btn btn-quiet" on:click=move |_| { state.run(Command::MakePrimaryContact { deal, person: id }, "Make primary contact"); }>"Make primary"</button> }.into_any()
                                    }}
                                    <button class="btn btn-quiet" aria-label=remove_label on:click=move |_| { state.run(Command::RemoveDealContact { deal, person: id }, "Remove contact person"); }>"✕"</button>
                                    <span class="muted contact-reach" data-testid="contact-reach">{contact.reach.clone()}</span>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </When>
            <form class="inline-form" on:submit=add_existing aria-label="Add an existing contact person">
                <select aria-label="Person to add" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected=move || chosen.get().is_empty()>"Choose a person…"</option>
                    {move || choices.get().into_iter().map(|(id, label)| view! { <option value=id.0.to_string()>{label}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn">"Add contact"</button>
            </form>
            <form class="inline-form" novalidate on:submit=add_new aria-label="Add a new contact person">
                <input type="text" aria-label="New contact's name" placeholder="New person's name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <input type="email" aria-label="New contact's email" placeholder="Email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                <input type="tel" aria-label="New contact's phone" placeholder="Phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                <button type="submit" class="btn">"Add new person"</button>
            </form>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </When>
        </section>
    }
}
