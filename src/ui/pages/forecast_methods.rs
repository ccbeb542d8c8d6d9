//! The two forecast methods side by side: each month's figure and each method's
//! backtest error, and the choice of which one feeds the totals and the main chart.

use crate::domain::metrics::learned::{Uncertainty, MIN_CLOSED_DEALS};
use crate::domain::metrics::ForecastSummary;
use crate::domain::model::dates::{month_and_year, year_month};
use crate::domain::{Command, ForecastMethod, Settings};
use crate::state::use_app;
use crate::ui::format::{count, money_format};
use crate::ui::kpi::pct;
use leptos::prelude::*;

#[component]
pub fn ForecastMethods(view: Memo<ForecastSummary>) -> impl IntoView {
    let state = use_app();
    let fmt = move || money_format(&state);
    let chosen = move || state.workspace.with(|w| w.settings.forecast_method);
    let choose = move |method: ForecastMethod| {
        let settings = Settings {
            forecast_method: method,
            ..state.workspace.get_untracked().settings
        };
        state.run(
            Command::UpdateSettings(settings),
            match method {
                ForecastMethod::Weighted => "Forecast totals from the weighted method",
                ForecastMethod::Learned => "Forecast totals from the learned method",
            },
        );
    };
    let status = move || {
        view.with(|v| match &v.learned_forecast {
            Ok(learned) => {
                let mut text = format!(
                    "Learned from {} closed in the last 12 months.",
                    count(learned.closed_deals, "deal", "deals")
                );
                if learned.recorded_months < 12 {
                    text.push_str(&format!(
                        " The records start {} back, so deals that take longer than that to close are not known yet: the later months may come out low.",
                        count(learned.recorded_months as usize, "month", "months")
                    ));
                }
                if learned.weighted_deals > 0 {
                    text.push_str(&format!(
                        " {} in stages with fewer than 5 closed stays of their own: weighted at their expected close date.",
                        count(learned.weighted_deals, "open deal is", "open deals are")
                    ));
                }
                text
            }
            Err(too_little) => format!(
                "Not enough history to learn from: {} closed in the last 12 months, and the learned method needs {MIN_CLOSED_DEALS}. The weighted method is used.",
                count(too_little.closed_deals, "deal", "deals")
            ),
        })
    };
    let option = move |method: ForecastMethod, label: &'static str| {
        view! {
            <label class="inline-field">
                <input type="radio" name="forecast-method" value=format!("{method:?}").to_lowercase()
                    prop:checked=move || chosen() == method
                    on:change=move |_| choose(method)/>
                {label}
            </label>
        }
    };
    view! {
        <section class="panel wide-panel" aria-labelledby="methods-h" data-testid="forecast-methods">
            <h2 id="methods-h">"Two forecasts side by side"</h2>
            <p class="muted">"Each month's figure from both methods, and how far each was off over the last 6 months."</p>
            <details class="method-notes">
                <summary>"How they are worked out"</summary>
                <dl>
                    <dt>"Weighted"</dt>
                    <dd>"Each open deal's value × its probability, in the month of its expected close date."</dd>
                    <dt>"Learned"</dt>
                    <dd>"For each open deal, how deals that stayed in its stage as long ended, and when, in the last 12 months (deals still open counted as far as they got); plus what deals not created yet brought in, month by month."</dd>
                    <dt>"Likely range"</dt>
                    <dd>"Each open deal won or not by its chance, give or take what a chance learned from a few past deals can be off by, and deals not created yet bringing what they brought in one of the past months: 8 months in 10 should end inside it. The backtest row says how many of the last 6 did."</dd>
                    <dt>"Error expected from chance alone"</dt>
                    <dd>"Which deals close is chance: even a forecast that knew every open deal's chance would expect to miss those months by this much. With few deals a month it is large, and an error near it is as good as a forecast can be."</dd>
                </dl>
            </details>
            <fieldset class="method-choice">
                <legend>"The totals and the main chart use"</legend>
                {option(ForecastMethod::Weighted, "Weighted by probability")}
                {option(ForecastMethod::Learned, "Learned from history")}
            </fieldset>
            <p class="muted" data-testid="learned-status">{status}</p>
            // Narrower than the table, it scrolls sideways: a keyboard reaches it too.
            <div class="table-wrap" tabindex="0" role="region" aria-label="Both forecasts by month">
                <table class="data-table figures-by-row">
                    <thead><tr>
                        <th scope="col">"Month"</th>
                        <th scope="col" class="num">"Already won"</th>
                        <th scope="col" class="num">"Weighted"</th>
                        <th scope="col" class="num">"Learned"</th>
                        <th scope="col" class="num">"Learned, likely range"</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let f = fmt();
                            view.with(|v| v.side_by_side()).into_iter().map(|m| view! {
                                <tr data-month=year_month(m.month)>
                                    <th scope="row">{month_and_year(m.month)}</th>
                                    <td class="num" data-label="Already won">{f.full(m.already_won)}</td>
                                    <td class="num" data-label="Weighted" data-method="weighted">{f.full(m.weighted)}</td>
                                    <td class="num" data-label="Learned" data-method="learned">{m.learned.map_or("—".to_string(), |v| f.full(v))}</td>
                                    <td class="num" data-label="Likely range" data-method="learned-range">{m.likely.map_or("—".to_string(), |r| format!("{} – {}", f.short(r.low), f.short(r.high)))}</td>
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        {move || view.with(|v| {
                            let f = fmt();
                            let weighted = v.forecast.totals().weighted;
                            let learned = v.learned_forecast.as_ref().ok().map(|l| l.total());
                            view! {
                                <tr>
                                    <th scope="row">"Next 6 months"</th>
                                    <td class="num" data-label="Already won">{f.full(v.forecast.totals().already_won)}</td>
                                    <td class="num" data-label="Weighted">{f.full(weighted)}</td>
                                    <td class="num" data-label="Learned">{learned.map_or("—".to_string(), |l| f.full(l))}</td>
                                    <td></td>
                                </tr>
                                <tr data-testid="backtest-errors">
                                    <th scope="row">"Backtest error (MAPE, last 6 months)"</th>
                                    <td></td>
                                    <td class="num" data-label="Weighted" data-method="weighted">{pct(v.backtest.mape)}</td>
                                    <td class="num" data-label="Learned" data-method="learned">{pct(v.learned_backtest.mape)}</td>
                                    <td class="num" data-label="Likely range" data-method="learned-range">{ranges_held(v.learned_uncertainty)}</td>
                                </tr>
                                <tr data-testid="chance-alone">
                                    <th scope="row">"Error expected from chance alone"</th>
                                    <td></td>
                                    <td></td>
                                    <td class="num" data-label="Learned" data-method="learned">{pct(v.learned_uncertainty.chance_alone)}</td>
                                    <td></td>
                                </tr>
                            }
                        })}
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

/// "4 of 6 months inside": how the learned likely ranges held in the backtest.
fn ranges_held(uncertainty: Uncertainty) -> String {
    match uncertainty.months {
        0 => "—".to_string(),
        months => format!("{} of {months} months inside", uncertainty.inside),
    }
}
