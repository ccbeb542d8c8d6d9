//! The live dashboard: KPI tiles with their change, charts, and what needs attention.

mod attention;
mod owners;

use crate::charts::dashboard::DashboardChart;
use crate::domain::metrics::owners::{of_owner, owner_table};
use crate::domain::metrics::{Dashboard, KeyFigures, Period};
use crate::domain::model::dates::{full_date, parse_iso};
use crate::domain::PipelineId;
use crate::state::{today, use_app};
use crate::ui::components::chart::{use_palette, ChartCard};
use crate::ui::components::choice_filter::ChoiceFilter;
use crate::ui::components::kpi_tile::KpiTile;
use crate::ui::components::pipeline_select::PipelineSelect;
use crate::ui::components::when::When;
use crate::ui::format::{count, money_format};
use crate::ui::idle::after_next_paint;
use crate::ui::kpi::tiles;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    ThisMonth,
    ThisQuarter,
    Last90,
    ThisYear,
    Custom,
}

impl PeriodChoice {
    const ALL: [(PeriodChoice, &'static str, &'static str); 5] = [
        (PeriodChoice::ThisMonth, "month", "This month"),
        (PeriodChoice::ThisQuarter, "quarter", "This quarter"),
        (PeriodChoice::Last90, "90", "Last 90 days"),
        (PeriodChoice::ThisYear, "year", "This year"),
        (PeriodChoice::Custom, "custom", "Custom range"),
    ];
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app();
    let choice = RwSignal::new(PeriodChoice::Last90);
    let custom_start = RwSignal::new((today() - chrono::Days::new(29)).to_string());
    let custom_end = RwSignal::new(today().to_string());
    let pipeline = RwSignal::new(None::<PipelineId>);
    // `None`: the whole team. Every figure and chart follows the owner chosen.
    let owner = RwSignal::new(None::<String>);
    // The owner menu follows a change after the figures have painted (see `charts_due`).
    let charts_due = RwSignal::new(0_u32);
    let owner_choices = Memo::new(move |_| {
        charts_due.track();
        state
            .workspace
            .with_untracked(crate::domain::metrics::owners::owners)
    });
    let period = Memo::new(move |_| {
        let t = today();
        match choice.get() {
            PeriodChoice::ThisMonth => Ok(Period::this_month(t)),
            PeriodChoice::ThisQuarter => Ok(Period::this_quarter(t)),
            PeriodChoice::Last90 => Ok(Period::last_days(t, 90)),
            PeriodChoice::ThisYear => Ok(Period::this_year(t)),
            PeriodChoice::Custom => {
                let parse = |s: String| parse_iso(&s).ok_or_else(|| format!("“{s}” is not a date"));
                Ok(Period::new(
                    parse(custom_start.get())?,
                    parse(custom_end.get())?,
                ))
            }
        }
    });
    // The tiles' figures, at once; the rest of the dashboard after they have painted.
    let figures = Memo::new(move |_| {
        let p = period.get().ok()?;
        let chosen = owner.get();
        state.workspace.with(|w| {
            let id = w.pipeline_or_first(pipeline.get()).id;
            crate::perf::measure("dashboard-compute", || {
                of_owner(w, chosen.as_deref(), |w| {
                    KeyFigures::compute(w, id, p, today())
                })
            })
        })
    });
    let dash = Memo::new(move |_| {
        charts_due.track();
        let figures = figures.get_untracked()?;
        let chosen = owner.get_untracked();
        state.workspace.with_untracked(|w| {
            let id = w.pipeline_or_first(pipeline.get_untracked()).id;
            crate::perf::measure("dashboard-details", || {
                of_owner(w, chosen.as_deref(), |w| {
                    Dashboard::around(figures, w, id, today())
                })
            })
        })
    });

    let palette = use_palette();
    let fmt = move || money_format(&state);
    // Tiles keyed by their whole text: a change rebuilds only the tiles it changed.
    let kpi_tiles = Memo::new(move |_| {
        figures
            .with(|f| f.as_ref().map(|f| tiles(f, &fmt())))
            .unwrap_or_default()
    });
    // What "Needs attention" lists, so a change that leaves it alone leaves it alone.
    let attention = Memo::new(move |_| dash.with(|d| d.as_ref().map(attention::Attention::of)));
    // Charts, "Needs attention" and the per-owner table follow a change after the next
    // paint: the tiles paint first, and working out the rest does not delay them.
    Effect::new(move |first: Option<()>| {
        state.workspace.track();
        period.track();
        pipeline.track();
        owner.track();
        if first.is_some() {
            after_next_paint(move || {
                let _ = charts_due.try_update(|n| *n = n.wrapping_add(1));
            });
        }
    });
    // The per-owner table follows like the charts: after the figures have painted.
    let owner_rows = Memo::new(move |_| {
        charts_due.track();
        let p = period.get_untracked().ok()?;
        if owner.get_untracked().is_some() {
            return None;
        }
        state.workspace.with_untracked(|w| {
            let id = w.pipeline_or_first(pipeline.get_untracked()).id;
            let rows = owner_table(w, id, p, today());
            (!rows.is_empty()).then_some(rows)
        })
    });
    let chart = move |chart: DashboardChart| {
        Signal::derive(move || {
            dash.with(|d| match d {
                None => Err("Choose a valid period.".to_string()),
                Some(d) => chart.options(d, &palette.get()),
            })
        })
    };

    view! {
        <div class="page-head">
            <h1 class="page-title">"Dashboard"</h1>
            <label class="inline-field">"Period"
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((c, _, _)) = PeriodChoice::ALL.iter().find(|(_, key, _)| *key == v) { choice.set(*c); }
                }>
                    {PeriodChoice::ALL.iter().map(|(c, key, label)| {
                        let c = *c;
                        view! { <option value=*key selected=move || choice.get() == c>{*label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <When when=move || choice.get() == PeriodChoice::Custom>
                <label class="inline-field">"From" <input type="date" prop:value=custom_start on:input=move |ev| custom_start.set(event_target_value(&ev))/></label>
                <label class="inline-field">"To" <input type="date" prop:value=custom_end on:input=move |ev| custom_end.set(event_target_value(&ev))/></label>
            </When>
            <PipelineSelect choice=pipeline/>
            <ChoiceFilter label="Owner" any="Whole team" choices=owner_choices on_change=move |o| owner.set(o)/>
            <p class="muted num" data-testid="period-label">{move || match period.get() {
                Ok(p) => format!("{} – {} ({})", full_date(p.start), full_date(p.end), count(p.days() as usize, "day", "days")),
                Err(e) => e,
            }}</p>
        </div>
        <section class="kpi-grid" aria-label="Key figures">
            <For each=move || kpi_tiles.get() key=|tile| tile.clone() let:tile>
                <KpiTile tile=tile/>
            </For>
        </section>
        {move || attention.get().map(|a| view! { <attention::NeedsAttention attention=a/> })}
        {move || owner_rows.get().map(|rows| view! { <owners::OwnerTable rows=rows fmt=fmt()/> })}
        <section class="chart-grid" aria-label="Charts">
            {DashboardChart::ALL.map(|c| view! {
                <ChartCard name=c.id() title=c.title() options=chart(c) wide=c.wide()/>
            }).collect_view()}
        </section>
    }
}
