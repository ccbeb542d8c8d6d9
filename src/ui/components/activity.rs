//! Activities and notes about a deal, lead or organization: list, add, complete.

use crate::domain::forms::{optional_date, optional_minutes, optional_time};
use crate::domain::metrics::owners::owners;
use crate::domain::{ActivityDraft, ActivityKind, Command, Subject};
use crate::state::use_app;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn ActivitiesSection(about: Subject) -> impl IntoView {
    let state = use_app();
    let kind = RwSignal::new(ActivityKind::Call);
    let subject = RwSignal::new(String::new());
    let due = RwSignal::new(crate::state::today().to_string());
    let time = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let members = Memo::new(move |_| state.workspace.with(owners));
    let draft = move || -> Result<ActivityDraft, String> {
        let due_on = optional_date(&due.get_untracked())?.ok_or("Choose a date")?;
        let mut draft = ActivityDraft::new(kind.get_untracked(), subject.get_untracked(), due_on);
        draft.at = optional_time(&time.get_untracked())?;
        draft.duration_minutes = optional_minutes(&minutes.get_untracked())?;
        draft.assignee = assignee.get_untracked();
        draft.done = done.get_untracked();
        Ok(draft)
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = draft().and_then(|draft| {
            let label = if draft.done {
                "Log activity"
            } else {
                "Add activity"
            };
            state
                .dispatch(Command::AddActivity { about, draft }, label)
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(_) => {
                subject.set(String::new());
                done.set(false);
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let today = crate::state::today();
    view! {
        <section>
            <h3>"Activities " <a class="small-link" href="#/activities">"All activities →"</a></h3>
            <ul class="plain-list">
                {move || state.workspace.with(|w| w.activities_about(about).into_iter().cloned().collect::<Vec<_>>()).into_iter().map(|a| {
                    let id = a.id;
                    let overdue = a.done_on.is_none() && a.due_on < today;
                    let when = a.at.map(|t| format!(" {}", t.format("%H:%M"))).unwrap_or_default();
                    let extra = [a.duration_minutes.map(|m| format!("{m} min")), a.assignee.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li class="activity-row" class:done=a.done_on.is_some() data-testid="activity-row">
                            <span>{format!("{} · {}", a.kind.label(), a.subject)}</span>
                            <span class="num" class:overdue=overdue>{format!("{}{}{when}", if overdue { "⚠ overdue " } else { "due " }, a.due_on)}</span>
                            {(!extra.is_empty()).then(|| view! { <span class="muted">{extra}</span> })}
                            {match a.done_on {
                                Some(d) => view! { <span class="muted">{format!("done {d}")}</span> }.into_any(),
                                None => view! { <button class="btn" on:click=move |_| { state.run(Command::CompleteActivity { activity: id }, "Complete activity"); }>"Mark done"</button> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="inline-form activity-form" on:submit=add>
                <select aria-label="Activity type" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = ActivityKind::ALL.into_iter().find(|k| k.label() == v) { kind.set(k); }
                }>
                    {ActivityKind::ALL.into_iter().map(|k| view! { <option value=k.label()>{k.label()}</option> }).collect_view()}
                </select>
                <input type="text" aria-label="Activity subject" placeholder="Subject" prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev))/>
                <input type="date" aria-label="Due date" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/>
                <input type="time" aria-label="Time" prop:value=time on:input=move |ev| time.set(event_target_value(&ev))/>
                <input type="number" class="minutes" aria-label="Duration in minutes" placeholder="min" prop:value=minutes on:input=move |ev| minutes.set(event_target_value(&ev))/>
                <select aria-label="Assignee" on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="">"Owner of the record"</option>
                    {move || members.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                </select>
                <label class="inline-field"><input type="checkbox" prop:checked=done on:change=move |ev| done.set(event_target_checked(&ev))/>"Already done"</label>
                <button type="submit" class="btn">{move || if done.get() { "Log activity" } else { "Add activity" }}</button>
            </form>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </When>
        </section>
    }
}

#[component]
pub fn NotesSection(about: Subject) -> impl IntoView {
    let state = use_app();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match state.dispatch(
            Command::AddNote {
                about,
                text: text.get_untracked(),
            },
            "Add note",
        ) {
            Ok(_) => {
                text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section>
            <h3>"Notes"</h3>
            <form class="inline-form" on:submit=add>
                <textarea rows="2" aria-label="New note" placeholder="Write a note" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" class="btn">"Add note"</button>
            </form>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </When>
            <ul class="plain-list notes">
                {move || state.workspace.with(|w| w.notes_about(about).into_iter().cloned().collect::<Vec<_>>()).into_iter().map(|n| view! {
                    <li class="note"><span class="num muted">{n.written_on.to_string()}</span><p>{n.text}</p></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
