//! The agenda: overdue, today, upcoming and recently done, each row with a "Done" button
//! and a link to what it is about.

use crate::domain::queries::agenda::{agenda, AgendaFilter, AgendaRow};
use crate::domain::Command;
use crate::state::{today, use_app};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::global_search::{open_subject, use_open_request};
use crate::ui::deal::use_deal_ui;
use leptos::prelude::*;

#[component]
pub fn Agenda(filter: Signal<AgendaFilter>) -> impl IntoView {
    let state = use_app();
    let lists = Memo::new(move |_| {
        let filter = filter.get();
        state.workspace.with(|w| agenda(w, &filter, today()))
    });
    let section =
        move |title: &'static str,
              id: &'static str,
              pick: fn(&crate::domain::queries::agenda::Agenda) -> Vec<AgendaRow>| {
            view! {
                <section class="agenda-section" data-testid="agenda-section" data-section=id aria-label=title>
                    <h2>{title}" "<span class="muted num">{move || lists.with(|l| pick(l).len())}</span></h2>
                    <ul class="plain-list">
                        <For each=move || lists.with(pick) key=|r| (r.id, r.done_on, r.due_on, r.at) let:row>
                            <ActivityRow row=row/>
                        </For>
                    </ul>
                </section>
            }
        };
    let empty = move || {
        lists.with(|l| {
            l.overdue.is_empty() && l.today.is_empty() && l.upcoming.is_empty() && l.done.is_empty()
        })
    };
    view! {
        {move || empty().then(|| view! {
            <EmptyState title="No activities" hint="Plan a call, meeting or task from a deal, lead or organization, or change the filters."/>
        })}
        {section("Overdue", "overdue", |l| l.overdue.clone())}
        {section("Today", "today", |l| l.today.clone())}
        {section("Upcoming", "upcoming", |l| l.upcoming.clone())}
        {section(DONE_TITLE, "done", |l| l.done.clone())}
    }
}

/// Kept in step with `DONE_DAYS` by the test below.
const DONE_TITLE: &str = "Done in the last 14 days";

/// What a row says about when: "14:30 · 45 min" or nothing for an all-day task.
pub fn when_text(row: &AgendaRow) -> String {
    let time = row.at.map(|t| t.format("%H:%M").to_string());
    let duration = row.duration_minutes.map(|m| format!("{m} min"));
    time.into_iter()
        .chain(duration)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn ActivityRow(row: AgendaRow) -> impl IntoView {
    let state = use_app();
    let deals = use_deal_ui();
    let request = use_open_request();
    let id = row.id;
    let about = row.about;
    let what = about.label();
    let overdue = row.done_on.is_none() && row.due_on < today();
    view! {
        <li class="agenda-row" class:done=row.done_on.is_some() class:overdue-row=overdue data-testid="agenda-row" data-activity=row.subject.clone()>
            <span class="agenda-date num">{row.due_on.format("%a %e %b").to_string()}" "{when_text(&row)}</span>
            <span class="agenda-kind">{row.kind.label()}</span>
            <span class="agenda-subject">{row.subject.clone()}</span>
            <span class="muted">{what}" · "<button class="link-button" on:click=move |_| open_subject(about, deals, request)>{row.about_name.clone()}</button></span>
            <span class="agenda-owner">{if row.owner.is_empty() { "No owner".to_string() } else { row.owner.clone() }}</span>
            {match row.done_on {
                Some(done) => view! { <span class="muted">{format!("done {done}")}</span> }.into_any(),
                None => view! {
                    <button class="btn" aria-label=format!("Mark “{}” done", row.subject) on:click=move |_| { state.run(Command::CompleteActivity { activity: id }, "Complete activity"); }>"Done"</button>
                }.into_any(),
            }}
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_done_title_names_the_days_it_covers() {
        use crate::domain::queries::agenda::DONE_DAYS;
        assert!(super::DONE_TITLE.contains(&DONE_DAYS.to_string()));
    }
}
