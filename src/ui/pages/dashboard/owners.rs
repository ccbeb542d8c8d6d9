//! The per-owner table: who is ahead and who is behind, each figure against the
//! previous period.

use crate::domain::metrics::owners::OwnerRow;
use crate::domain::model::money_format::MoneyFormat;
use crate::ui::kpi::pct;
use leptos::prelude::*;

/// "12 (+3)", "12 (−2)", "12 (=)".
fn against(now: usize, before: usize) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("{now} (+{})", now - before),
        std::cmp::Ordering::Less => format!("{now} (−{})", before - now),
        std::cmp::Ordering::Equal => format!("{now} (=)"),
    }
}

#[component]
pub fn OwnerTable(rows: Vec<OwnerRow>, fmt: MoneyFormat) -> impl IntoView {
    view! {
        <section class="panel wide-panel" aria-labelledby="owners-h">
            <h2 id="owners-h">"By owner"</h2>
            <p class="hint">"Closed in the period, with the previous period in brackets; open pipeline as it is today."</p>
            // Focusable: on a narrow screen the table scrolls, and keyboard users scroll too.
            <div class="table-wrap" tabindex="0" role="region" aria-label="Figures by owner">
                <table class="data-table num" data-testid="owner-table">
                    <thead><tr>
                        <th scope="col">"Owner"</th>
                        <th scope="col">"Won"</th>
                        <th scope="col">"Won value"</th>
                        <th scope="col">"Win rate"</th>
                        <th scope="col">"Sales cycle (median)"</th>
                        <th scope="col">"Open deals"</th>
                        <th scope="col">"Weighted pipeline"</th>
                        <th scope="col">"Activities done"</th>
                        <th scope="col">"This month against goal"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-owner=r.owner.clone()>
                                <th scope="row">{r.owner.clone()}</th>
                                <td>{against(r.closed.won, r.closed_previous.won)}</td>
                                <td>{format!("{} ({})", fmt.short(r.closed.won_value), fmt.short(r.closed_previous.won_value))}</td>
                                <td>{format!("{} ({})", pct(r.closed.win_rate), pct(r.closed_previous.win_rate))}</td>
                                <td>{r.closed.cycle_median_days.map_or("—".to_string(), |d| format!("{d:.0} days"))}</td>
                                <td>{r.open_count}</td>
                                <td>{fmt.short(r.weighted)}</td>
                                <td>{against(r.activities_done, r.activities_done_previous)}</td>
                                <td>{match r.monthly_goal {
                                    Some(goal) => format!("{} of {}", fmt.short(r.won_this_month), fmt.short(goal)),
                                    None => format!("{} (no goal)", fmt.short(r.won_this_month)),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
