//! Everything due today or overdue, across leads and deals: complete the next step
//! and schedule the following one in one go.

use crate::domain::forms::optional_date;
use crate::domain::queries::follow_ups::follow_up_list;
use crate::domain::{Command, LeadId, Subject};
use crate::state::{today, use_app};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::global_search::{open_subject, use_open_request};
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use chrono::Days;
use leptos::prelude::*;

#[component]
pub fn FollowUps(open_lead: RwSignal<Option<LeadId>>) -> impl IntoView {
    let state = use_app();
    let deals = use_deal_ui();
    let request = use_open_request();
    let list = Memo::new(move |_| state.workspace.with(|w| follow_up_list(w, today())));
    view! {
        <When when=move || list.with(|l| !l.is_empty()) fallback=|| view! {
            <EmptyState title="Nothing due today" hint="No lead or deal has a follow-up due today or overdue. Plan next steps from a lead or deal."/>
        }>
            <ul class="plain-list follow-ups">
                <For each=move || list.get() key=|i| (i.about, i.due, i.what.clone()) let:item>
                    {
                        let about = item.about;
                        let next_subject = RwSignal::new(String::new());
                        let next_date = RwSignal::new((today() + Days::new(7)).to_string());
                        let error = RwSignal::new(None::<String>);
                        let done = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let result = optional_date(&next_date.get_untracked())
                                .and_then(|next| {
                                    let next = next.map(|due| (next_subject.get_untracked(), due));
                                    state
                                        .dispatch(Command::CompleteFollowUp { about, next }, "Complete follow-up")
                                        .map(|_| ())
                                        .map_err(|e| e.to_string())
                                });
                            match result {
                                Ok(()) => state.toast("Done; the next follow-up is scheduled.".into()),
                                Err(e) => error.set(Some(e)),
                            }
                        };
                        let open = move |_| match about {
                            Subject::Lead(id) => open_lead.set(Some(id)),
                            other => open_subject(other, deals, request),
                        };
                        view! {
                            <li class="follow-up" data-testid="follow-up" class:overdue-row=item.overdue>
                                <div>
                                    <span class=if item.overdue { "overdue" } else { "due-today" }>{if item.overdue { format!("⚠ Overdue since {}", item.due) } else { "● Due today".to_string() }}</span>
                                    " · "<span class="muted">{about.label()}</span>
                                    " · "<button class="link-button" on:click=open>{item.name.clone()}</button>
                                    " — "{item.what.clone()}
                                </div>
                                <form class="inline-form" on:submit=done>
                                    <input type="text" aria-label=format!("Next step for {}", item.name) placeholder="Next step" prop:value=next_subject on:input=move |ev| next_subject.set(event_target_value(&ev))/>
                                    <input type="date" aria-label=format!("Next date for {}", item.name) prop:value=next_date on:input=move |ev| next_date.set(event_target_value(&ev))/>
                                    <button type="submit" class="btn btn-primary">"Done & schedule next"</button>
                                </form>
                                <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
                            </li>
                        }
                    }
                </For>
            </ul>
        </When>
    }
}
