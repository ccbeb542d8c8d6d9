//! The week as a calendar: seven columns from Monday, each day's activities in time
//! order, with the previous and next week a click away.

use super::list::when_text;
use crate::domain::queries::agenda::{week, week_start, AgendaFilter};
use crate::domain::Command;
use crate::state::{today, use_app};
use chrono::Days;
use leptos::prelude::*;

#[component]
pub fn Week(filter: Signal<AgendaFilter>, monday: RwSignal<chrono::NaiveDate>) -> impl IntoView {
    let state = use_app();
    let days = Memo::new(move |_| {
        let filter = filter.get();
        state.workspace.with(|w| week(w, &filter, monday.get()))
    });
    let shift = move |forward: bool| {
        monday.update(|m| {
            *m = if forward {
                *m + Days::new(7)
            } else {
                *m - Days::new(7)
            };
        })
    };
    view! {
        <div class="week-nav">
            <button class="btn" on:click=move |_| shift(false)>"← Previous week"</button>
            <button class="btn" on:click=move |_| monday.set(week_start(today()))>"This week"</button>
            <button class="btn" on:click=move |_| shift(true)>"Next week →"</button>
            <span class="num" data-testid="week-of">{move || format!("Week of {}", monday.get().format("%e %B %Y"))}</span>
        </div>
        <div class="week-grid" data-testid="week">
            <For each=move || days.get() key=|(day, rows)| (*day, rows.clone()) let:day>
                {
                    let (date, rows) = day;
                    view! {
                        <section class="week-day" class:today=date == today() data-testid="week-day" data-day=date.to_string() aria-label=date.format("%A %e %B").to_string()>
                            <h2>{date.format("%a %e").to_string()}</h2>
                            <ul class="plain-list">
                                {rows.into_iter().map(|row| {
                                    let id = row.id;
                                    let done = row.done_on.is_some();
                                    view! {
                                        <li class="week-item" class:done=done data-testid="week-item" data-activity=row.subject.clone()>
                                            <span class="num muted">{when_text(&row)}</span>
                                            <span>{format!("{} · {}", row.kind.label(), row.subject)}</span>
                                            <span class="muted">{row.about_name.clone()}{if row.owner.is_empty() { String::new() } else { format!(" · {}", row.owner) }}</span>
                                            {(!done).then(|| view! {
                                                <button class="btn btn-quiet" aria-label=format!("Mark “{}” done", row.subject) on:click=move |_| { state.run(Command::CompleteActivity { activity: id }, "Complete activity"); }>"Done"</button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }
            </For>
        </div>
    }
}
