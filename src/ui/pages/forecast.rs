//! The forecast: next six months by category against the goal, the slipped bucket,
//! the trend, learned against manual stage probabilities, the backtest, and a board
//! of expected-close months where dragging a deal changes its date.

use crate::charts::{self, Palette};
use crate::domain::commands::DealDraft;
use crate::domain::metrics::ForecastSummary;
use crate::domain::model::dates::{day_and_month, month_and_year, year_month};
use crate::domain::queries::forecast_board::{forecast_board, same_day_in, MonthCard};
use crate::domain::{Command, DealId, PipelineId, Settings};
use crate::state::{today, use_app};
use crate::ui::components::chart::{use_dark_scheme, ChartCard};
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::format::{count, money_format};
use crate::ui::kpi::pct;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let state = use_app();
    // One pipeline, or all of them summed (the default: the company's revenue).
    let scope = RwSignal::new(None::<PipelineId>);
    // A pipeline deleted meanwhile (undo, import, another tab) falls back to all.
    Effect::new(move |_| {
        if let Some(p) = scope.get() {
            if state.workspace.with(|w| w.pipeline(p).is_err()) {
                scope.set(None);
            }
        }
    });
    let view = Memo::new(move |_| {
        let scope = scope.get();
        state
            .workspace
            .with(|w| ForecastSummary::compute(w, scope, today()))
    });
    let dark = use_dark_scheme();
    let palette = move || Palette::for_dark(dark.get());
    let fmt = move || money_format(&state);
    let forecast_chart = Signal::derive(move || {
        view.with(|d| match d {
            d if d.forecast.months.iter().any(|m| m.deals > 0 || m.already_won.0 > 0) || d.forecast.slipped_deals > 0 => {
                Ok(charts::to_options(&charts::forecast::by_category(d, &palette())))
            }
            _ => Err("No open deal has an expected close date in the next six months. Give deals a close date.".into()),
        })
    });
    let trend_chart = Signal::derive(move || {
        view.with(|d| match d {
            d if d.trend.history.iter().any(|(_, v)| v.0 > 0) => {
                Ok(charts::to_options(&charts::forecast::trend(d, &palette())))
            }
            _ => Err("No revenue won in the last 12 months: the trend needs history.".into()),
        })
    });
    let backtest_chart = Signal::derive(move || {
        view.with(|d| match d {
            d if d
                .backtest
                .months
                .iter()
                .any(|m| m.actual.0 > 0 || m.forecast.0 > 0) =>
            {
                Ok(charts::to_options(&charts::forecast::backtest(
                    d,
                    &palette(),
                )))
            }
            _ => Err("Nothing was forecast or won in the last 6 months.".into()),
        })
    });
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
            <When when=move || { state.workspace.with(|w| w.pipelines.len() > 1) }>
                <label class="inline-field">"Pipeline"
                    <select on:change=move |ev| scope.set(event_target_value(&ev).parse().ok().map(PipelineId))>
                        <option value="" selected=move || scope.get().is_none()>"All pipelines"</option>
                        {move || state.workspace.with(|w| w.pipelines.iter().map(|p| {
                            let id = p.id;
                            view! { <option value=id.0.to_string() selected=move || scope.get() == Some(id)>{p.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
            </When>
        </div>
        <section class="kpi-grid" aria-label="Forecast totals">
            {move || view.with(|d| {
                let f = fmt();
                let months = &d.forecast.months;
                let total: i64 = months.iter().map(|m| m.weighted.0).sum();
                let won: i64 = months.iter().map(|m| m.already_won.0).sum();
                let commit: i64 = months.iter().map(|m| m.categories.commit.0).sum();
                vec![
                    ("Weighted, next 6 months", f.short(crate::domain::Money(total)), format!("{} already won", f.short(crate::domain::Money(won)))),
                    ("Commit (≥ 80 %)", f.short(crate::domain::Money(commit)), "full value of likely deals".to_string()),
                    ("Slipped", f.short(d.forecast.slipped_weighted), format!("{} past the close date", count(d.forecast.slipped_deals, "deal", "deals"))),
                    ("Backtest error (MAPE)", pct(d.backtest.mape), "mean over the last 6 months with wins".to_string()),
                ]
            }).into_iter().map(|(label, value, detail)| view! {
                <article class="kpi"><h2 class="kpi-label">{label}</h2><p class="kpi-value num">{value}</p><p class="kpi-detail">{detail}</p></article>
            }).collect_view()}
        </section>
        <section class="chart-grid two-up">
            <ChartCard name="forecast" title="Next 6 months by category, against the goal" options=forecast_chart wide=true/>
            <ChartCard name="trend" title="Trend forecast (least squares over 12 months)" options=trend_chart/>
            <ChartCard name="backtest" title="Backtest: forecast on the 1st vs won" options=backtest_chart/>
        </section>
        <section class="panel wide-panel" aria-labelledby="learned-h">
            <h2 id="learned-h">"Stage probabilities: manual and learned"</h2>
            <label class="inline-field">
                <input type="checkbox" prop:checked=uses_learned on:change=toggle_learned/>
                "Forecast with learned probabilities (stages with at least 5 closed deals in 12 months)"
            </label>
            <div class="table-wrap">
                <table class="data-table">
                    <thead><tr><th scope="col">"Stage"</th><th scope="col" class="num">"Manual"</th><th scope="col" class="num">"Learned"</th><th scope="col" class="num">"Closed deals (12 months)"</th></tr></thead>
                    <tbody>
                        {move || view.with(|d| d.learned.clone()).into_iter().map(|l| view! {
                            <tr>
                                <td>{l.name.clone()}</td>
                                <td class="num">{format!("{} %", l.manual)}</td>
                                <td class="num">{l.learned.map_or("not enough history".to_string(), |v| pct(Some(v)))}</td>
                                <td class="num">{format!("{} ({} won)", l.closed, l.won)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <ForecastBoard scope=scope.into()/>
    }
}

/// A draft of a deal with a new expected close date, everything else unchanged.
fn with_close_date(
    state: &crate::state::AppState,
    deal: DealId,
    date: NaiveDate,
) -> Option<DealDraft> {
    state.workspace.with_untracked(|w| {
        w.deal(deal).ok().map(|d| DealDraft {
            expected_close: Some(date),
            ..DealDraft::from(d)
        })
    })
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
                            <section class="stage-column" data-testid="month-column" data-month=year_month(month)
                                on:dragover=move |ev| ev.prevent_default()
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    let Some(id) = crate::ui::pages::dragged_deal(&ev) else { return };
                                    let original = state.workspace.with_untracked(|w| w.deal(id).ok().and_then(|d| d.expected_close));
                                    if let Some(draft) = with_close_date(&state, id, same_day_in(month, original)) {
                                        state.run(Command::EditDeal { deal: id, draft }, "Change expected close date");
                                    }
                                }>
                                <header class="stage-head">
                                    <h3 class="stage-name">{month_and_year(month)}</h3>
                                    <p class="stage-meta num">{format!("{} · {}", count(deals.len(), "deal", "deals"), f.short(total))}</p>
                                </header>
                                {if deals.is_empty() {
                                    view! { <p class="column-empty">"No deals expected to close this month."</p> }.into_any()
                                } else {
                                    deals.into_iter().take(40).map(|MonthCard { deal: id, title, value, close }| { let label = title.clone(); view! {
                                        <article class="deal-card" draggable="true" tabindex="0" data-testid="forecast-card" data-deal=label
                                            on:dragstart=move |ev| if let Some(dt) = ev.data_transfer() { let _ = dt.set_data("text/plain", &format!("deal:{}", id.0)); }
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
