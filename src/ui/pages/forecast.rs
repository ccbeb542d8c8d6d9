//! The forecast: next six months against the goal by the chosen method, the slipped
//! bucket, the trend, both methods side by side with their backtests, learned against
//! manual stage probabilities, and a board of expected-close months where dragging a
//! deal changes its date.

use crate::charts::forecast::ForecastChart;
use crate::domain::metrics::owners::{of_owner, owners};
use crate::domain::metrics::ForecastSummary;
use crate::domain::model::dates::{day_and_month, month_and_year, year_month};
use crate::domain::queries::forecast_board::{forecast_board, move_to_month, MonthCard};
use crate::domain::{Command, PipelineId, Settings};
use crate::state::{today, use_app};
use crate::ui::components::chart::{use_palette, ChartCard};
use crate::ui::components::choice_filter::ChoiceFilter;
use crate::ui::components::kpi_tile::KpiTile;
use crate::ui::components::pipeline_select::PipelineSelect;
use crate::ui::deal::use_deal_ui;
use crate::ui::drag::{dragged_deal, start_dragging_deal};
use crate::ui::format::{count, money_format};
use crate::ui::kpi::forecast_tiles;
use crate::ui::kpi::pct;
use crate::ui::pages::forecast_methods::ForecastMethods;
use crate::ui::touch_drag::{DropTarget, TouchDrag};
use leptos::prelude::*;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let state = use_app();
    // One pipeline, or all of them summed (the default: the company's revenue).
    let scope = RwSignal::new(None::<PipelineId>);
    // `None`: the whole team; otherwise every figure is of that owner's deals.
    let owner = RwSignal::new(None::<String>);
    let owner_choices = Memo::new(move |_| state.workspace.with(owners));
    let view = Memo::new(move |_| {
        let chosen = owner.get();
        // A pipeline deleted meanwhile (undo, import, another tab) falls back to all.
        state.workspace.with(|w| {
            let scope = scope.get().filter(|p| w.pipeline(*p).is_ok());
            // Measured for the benchmark's budget: both methods and both backtests.
            crate::perf::measure("forecast-compute", || {
                of_owner(w, chosen.as_deref(), |w| {
                    ForecastSummary::compute(w, scope, today())
                })
            })
        })
    });
    let palette = use_palette();
    let fmt = move || money_format(&state);
    let chart = move |chart: ForecastChart| {
        Signal::derive(move || view.with(|d| chart.options(d, &palette.get())))
    };
    let uses_learned = move || state.workspace.with(|w| w.settings.forecast_uses_learned);
    let toggle_learned = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let settings = Settings {
            forecast_uses_learned: on,
            ..state.workspace.get_untracked().settings
        };
        state.run(
            Command::UpdateSettings(settings),
            if on {
                "Forecast from learned probabilities"
            } else {
                "Forecast from manual probabilities"
            },
        );
    };

    view! {
        <div class="page-head">
            <h1 class="page-title">"Forecast"</h1>
            <PipelineSelect choice=scope all="All pipelines"/>
            <ChoiceFilter label="Owner" any="Whole team" choices=owner_choices on_change=move |o| owner.set(o)/>
        </div>
        <section class="kpi-grid" aria-label="Forecast totals">
            {move || view.with(|d| forecast_tiles(d, &fmt())).into_iter().map(|tile| view! { <KpiTile tile=tile/> }).collect_view()}
        </section>
        <section class="chart-grid two-up">
            {ForecastChart::ALL.map(|c| view! {
                <ChartCard name=c.id() title=c.title() options=chart(c) wide=c.wide()/>
            }).collect_view()}
        </section>
        <ForecastMethods view=view/>
        <section class="panel wide-panel" aria-labelledby="learned-h">
            <h2 id="learned-h">"Stage probabilities: manual and learned"</h2>
            <label class="inline-field">
                <input type="checkbox" prop:checked=uses_learned on:change=toggle_learned/>
                "Forecast with learned probabilities (stages with at least 5 closed deals in 12 months)"
            </label>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Stage probabilities by stage">
                <table class="data-table figures-by-row">
                    <thead><tr><th scope="col">"Stage"</th><th scope="col" class="num">"Manual"</th><th scope="col" class="num">"Learned"</th><th scope="col" class="num">"Closed deals (12 months)"</th></tr></thead>
                    <tbody>
                        {move || view.with(|d| d.learned.clone()).into_iter().map(|l| view! {
                            <tr>
                                <th scope="row">{l.name.clone()}</th>
                                <td class="num" data-label="Manual">{format!("{} %", l.manual)}</td>
                                <td class="num" data-label="Learned">{l.learned.map_or("not enough history".to_string(), |v| pct(Some(v)))}</td>
                                <td class="num" data-label="Closed deals (12 months)">{format!("{} ({} won)", l.closed, l.won)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <ForecastBoard scope=scope.into()/>
    }
}

#[component]
fn ForecastBoard(scope: Signal<Option<PipelineId>>) -> impl IntoView {
    let state = use_app();
    let deals_ui = use_deal_ui();
    let fmt = move || money_format(&state);
    let columns = move || {
        let scope = scope.get();
        state.workspace.with(|w| forecast_board(w, scope, today()))
    };
    view! {
        <section class="panel wide-panel" aria-labelledby="fboard-h">
            <h2 id="fboard-h">"Forecast board"</h2>
            <p class="muted">"Open deals by expected close month. Drag a deal to another month to change its date."</p>
            <div class="board forecast-board">
                {move || {
                    let f = fmt();
                    columns().into_iter().map(|column| {
                        let (month, total) = (column.month, column.total());
                        let deals = column.cards;
                        view! {
                            <section class="stage-column" data-testid="month-column" data-month=year_month(month) data-drop=DropTarget::Month(month).attribute()
                                on:dragover=move |ev| ev.prevent_default()
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    let Some(id) = dragged_deal(&ev) else { return };
                                    if let Some(command) = state.workspace.with_untracked(|w| move_to_month(w, id, month)) {
                                        state.run(command, "Change expected close date");
                                    }
                                }>
                                <header class="stage-head">
                                    <h3 class="stage-name">{month_and_year(month)}</h3>
                                    <p class="stage-meta num">{format!("{} · {}", count(deals.len(), "deal", "deals"), f.short(total))}</p>
                                </header>
                                {if deals.is_empty() {
                                    view! { <p class="column-empty">"No deals expected to close this month."</p> }.into_any()
                                } else {
                                    deals.into_iter().take(40).map(|MonthCard { deal: id, title, value, close }| { let label = title.clone(); let touch = TouchDrag::new(); view! {
                                        <article class="deal-card" draggable="true" tabindex="0" data-testid="forecast-card" data-deal=label
                                            on:dragstart=move |ev| start_dragging_deal(&ev, id)
                                            class:touch-carried=move || touch.offset.get().is_some()
                                            style:transform=move || touch.offset.get().map(|(x, y)| format!("translate({x}px, {y}px)"))
                                            on:touchstart=move |ev| touch.start(&ev, || ())
                                            on:touchmove=move |ev| touch.moved(&ev)
                                            on:touchend=move |ev| if let Some(DropTarget::Month(to)) = touch.end(&ev).filter(|t| *t != DropTarget::Month(month)) {
                                                if let Some(command) = state.workspace.with_untracked(|w| move_to_month(w, id, to)) {
                                                    state.run(command, "Change expected close date");
                                                }
                                            }
                                            on:touchcancel=move |_| touch.cancel()
                                            on:click=move |_| deals_ui.open_deal.set(Some(id))
                                            on:keydown=move |ev| if ev.key() == "Enter" { deals_ui.open_deal.set(Some(id)) }>
                                            <p class="deal-title">{title}</p>
                                            <p class="deal-meta num"><span class="deal-value">{f.short(value)}</span><span class="deal-close">{day_and_month(close)}</span></p>
                                        </article>
                                    }}).collect_view().into_any()
                                }}
                            </section>
                        }
                    }).collect_view()
                }}
            </div>
        </section>
    }
}
