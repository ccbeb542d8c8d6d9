//! Activities, a place of their own: what is overdue, due today and coming up, or the
//! week as a calendar, for the whole team or one member, of every type or one.

mod list;
mod week;

use crate::domain::metrics::owners::owners;
use crate::domain::queries::agenda::{week_start, AgendaFilter};
use crate::domain::ActivityKind;
use crate::state::{today, use_app};
use crate::ui::components::choice_filter::ChoiceFilter;
use leptos::prelude::*;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let state = use_app();
    let owner = RwSignal::new(None::<String>);
    let kind = RwSignal::new(None::<ActivityKind>);
    let as_week = RwSignal::new(false);
    let monday = RwSignal::new(week_start(today()));
    let filter = Signal::derive(move || AgendaFilter {
        owner: owner.get(),
        kind: kind.get(),
    });
    let owner_choices = Memo::new(move |_| state.workspace.with(owners));
    let kinds = Signal::derive(|| {
        ActivityKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect()
    });
    let pick_kind = move |k: Option<String>| {
        kind.set(k.and_then(|k| ActivityKind::ALL.into_iter().find(|a| a.label() == k)));
    };
    view! {
        <div class="activities-page">
            <div class="page-head">
                <h1 class="page-title">"Activities"</h1>
                    <ChoiceFilter label="Owner" any="Whole team" choices=owner_choices on_change=move |o| owner.set(o)/>
                    <ChoiceFilter label="Type" any="Every type" choices=kinds on_change=pick_kind/>
                    <div class="segmented" role="group" aria-label="Show as">
                        <button class="btn" aria-pressed=move || (!as_week.get()).to_string() on:click=move |_| as_week.set(false)>"List"</button>
                        <button class="btn" aria-pressed=move || as_week.get().to_string() on:click=move |_| as_week.set(true)>"Week"</button>
                </div>
            </div>
            <p class="muted">"Plan calls, meetings and tasks from a deal, lead or organization; log one already done there in one step."</p>
            {move || if as_week.get() {
                view! { <week::Week filter=filter monday=monday/> }.into_any()
            } else {
                view! { <list::Agenda filter=filter/> }.into_any()
            }}
        </div>
    }
}
