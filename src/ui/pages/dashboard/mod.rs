//! The live dashboard: KPI tiles with their change, charts, and what needs attention.

mod attention;

use crate::charts::{self, Palette};
use crate::domain::metrics::{Dashboard, Period};
use crate::domain::model::dates::{full_date, parse_iso};
use crate::domain::PipelineId;
use crate::state::{today, use_app};
use crate::ui::components::chart::{use_dark_scheme, ChartCard};
use crate::ui::components::when::When;
use crate::ui::format::{count, money_format};
use crate::ui::idle::after_next_paint;
use crate::ui::kpi::{tiles, Trend};
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
    let pipeline = RwSignal::new(state.workspace.with_untracked(|w| w.pipelines[0].id));
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
    let dash = Memo::new(move |_| {
        let p = period.get().ok()?;
        state.workspace.with(|w| {
            let id = if w.pipeline(pipeline.get()).is_ok() {
                pipeline.get()
            } else {
                w.pipelines[0].id
            };
            crate::ui::perf::measure("dashboard-compute", || {
                Dashboard::compute(w, id, p, today())
            })
        })
    });
    let dark = use_dark_scheme();
    let palette = move || Palette::for_dark(dark.get());
    let fmt = move || money_format(&state);
    // Charts follow a change after the next paint, when the browser is idle: the figures
    // paint first, and building and drawing six charts does not delay them.
    let charts_due = RwSignal::new(0_u32);
    Effect::new(move |first: Option<()>| {
        dash.track();
        if first.is_some() {
            after_next_paint(move || {
                let _ = charts_due.try_update(|n| *n = n.wrapping_add(1));
            });
        }
    });
    let chart = move |name: &'static str,
                      build: fn(&Dashboard, &Palette) -> charts::ChartOptions| {
        Signal::derive(move || {
            charts_due.track();
            dash.with_untracked(|d| match d {
                None => Err("Choose a valid period.".to_string()),
                Some(d) => match charts::dashboard::empty_reason(name, d) {
                    Some(reason) => Err(reason.to_string()),
                    None => Ok(charts::to_options(&build(d, &palette()))),
                },
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
            <When when=move || { state.workspace.with(|w| w.pipelines.len() > 1) }>
                <label class="inline-field">"Pipeline"
                    <select on:change=move |ev| if let Ok(id) = event_target_value(&ev).parse() { pipeline.set(PipelineId(id)) }>
                        {move || state.workspace.with(|w| w.pipelines.iter().map(|p| {
                            let id = p.id;
                            view! { <option value=id.0.to_string() selected=move || pipeline.get() == id>{p.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
            </When>
            <p class="muted num" data-testid="period-label">{move || match period.get() {
                Ok(p) => format!("{} – {} ({})", full_date(p.start), full_date(p.end), count(p.days() as usize, "day", "days")),
                Err(e) => e,
            }}</p>
        </div>
        <section class="kpi-grid" aria-label="Key figures">
            {move || dash.with(|d| d.as_ref().map(|d| tiles(d, &fmt()))).unwrap_or_default().into_iter().map(|t| {
                let trend_class = match t.trend { Trend::Up => "kpi-change up", Trend::Down => "kpi-change down", _ => "kpi-change" };
                view! {
                    <article class="kpi" data-testid="kpi" data-kpi=t.id>
                        <h2 class="kpi-label">{t.label}</h2>
                        <p class="kpi-value num">{t.value}</p>
                        <p class="kpi-detail">{t.detail}</p>
                        <p class=trend_class>{t.change}</p>
                    </article>
                }
            }).collect_view()}
        </section>
        {move || dash.get().map(|d| view! { <attention::NeedsAttention dash=d/> })}
        <section class="chart-grid" aria-label="Charts">
            <ChartCard name="funnel" title="Funnel: deals reached per stage" options=chart("funnel", charts::dashboard::funnel)/>
            <ChartCard name="won-lost" title="Won and lost per month" options=chart("won-lost", charts::dashboard::won_lost_by_month)/>
            <ChartCard name="time-in-stage" title="Mean days in stage (bottleneck in red)" options=chart("time-in-stage", charts::dashboard::time_in_stage)/>
            <ChartCard name="revenue" title="Revenue won per month, trend and goal" options=chart("revenue", charts::dashboard::revenue_with_trend) wide=true/>
            <ChartCard name="lost-reasons" title="Lost reasons" options=chart("lost-reasons", charts::dashboard::lost_reasons)/>
            <ChartCard name="lead-sources" title="Lead conversion by source" options=chart("lead-sources", charts::dashboard::lead_sources)/>
        </section>
    }
}
