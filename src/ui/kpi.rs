//! KPI tiles' text: values and their change against the previous period. Pure, so
//! the rules for "—" and the arrows are tested natively.

use crate::domain::metrics::forecast::COMMIT_PERCENT;
use crate::domain::metrics::{ForecastSummary, KeyFigures};
use crate::domain::Money;
use crate::ui::format::{count, MoneyFormat};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tile {
    /// The `data-kpi` id.
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub detail: String,
    /// "▲ 4.2 pts vs previous 90 days", or why there is no comparison.
    pub change: String,
    /// Good, bad or neither, for the colour beside the arrow.
    pub trend: Trend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trend {
    Up,
    Down,
    Flat,
    None,
}

pub fn pct(r: Option<f64>) -> String {
    r.map_or("—".into(), |r| format!("{:.1} %", r * 100.0))
}

fn points_change(now: Option<f64>, before: Option<f64>) -> (String, Trend) {
    match (now, before) {
        (Some(n), Some(b)) => {
            let delta = (n - b) * 100.0;
            if delta.abs() < 0.05 {
                ("no change".into(), Trend::Flat)
            } else if delta > 0.0 {
                (format!("▲ {delta:.1} pts"), Trend::Up)
            } else {
                (format!("▼ {:.1} pts", -delta), Trend::Down)
            }
        }
        _ => ("no comparison".into(), Trend::None),
    }
}

fn relative_change(now: Option<f64>, before: Option<f64>) -> (String, Trend) {
    match (now, before) {
        (Some(n), Some(b)) if b != 0.0 => {
            let delta = (n - b) / b.abs() * 100.0;
            if delta.abs() < 0.05 {
                ("no change".into(), Trend::Flat)
            } else if delta > 0.0 {
                (format!("▲ {delta:.0} %"), Trend::Up)
            } else {
                (format!("▼ {:.0} %", -delta), Trend::Down)
            }
        }
        _ => ("no comparison".into(), Trend::None),
    }
}

/// "3 : 2" when anything closed, "—" when nothing did (rule 3).
pub fn win_loss(won: usize, lost: usize) -> String {
    if won + lost == 0 {
        "—".into()
    } else {
        format!("{won} : {lost}")
    }
}

pub fn tiles(d: &KeyFigures, fmt: &MoneyFormat) -> Vec<Tile> {
    let vs = format!(
        "vs previous {}",
        count(d.period.days() as usize, "day", "days")
    );
    let with = |(text, trend): (String, Trend)| {
        let change = if trend == Trend::None {
            text
        } else {
            format!("{text} {vs}")
        };
        (change, trend)
    };
    let c = &d.closed;
    let p = &d.closed_previous;
    let money = |v: Option<f64>| v.map_or("—".into(), |v| fmt.short(Money(v.round() as i64)));
    let (win_change, win_trend) = with(points_change(c.win_rate, p.win_rate));
    let (wl_change, wl_trend) = with(relative_change(c.win_loss_ratio, p.win_loss_ratio));
    let (size_change, size_trend) = with(relative_change(c.average_deal_size, p.average_deal_size));
    let (cycle_change, cycle_trend) = with(relative_change(c.cycle_mean_days, p.cycle_mean_days));
    let (lead_change, lead_trend) = with(points_change(d.leads.rate, d.leads_previous.rate));
    let (ret_change, ret_trend) = with(points_change(d.retention.rate, d.retention_previous.rate));
    vec![
        Tile {
            id: "win-rate",
            label: "Win rate".into(),
            value: pct(c.win_rate),
            detail: format!(
                "{} won of {} closed · by value {}",
                c.won,
                c.won + c.lost,
                pct(c.win_rate_by_value)
            ),
            change: win_change,
            trend: win_trend,
        },
        Tile {
            id: "win-loss",
            label: "Won : lost".into(),
            value: win_loss(c.won, c.lost),
            detail: format!(
                "ratio {}",
                c.win_loss_ratio.map_or("—".into(), |r| format!("{r:.2}"))
            ),
            change: wl_change,
            trend: wl_trend,
        },
        Tile {
            id: "avg-deal-size",
            label: "Average deal size".into(),
            value: money(c.average_deal_size),
            detail: format!("{} won in total", fmt.short(c.won_value)),
            change: size_change,
            trend: size_trend,
        },
        Tile {
            id: "cycle-days",
            label: "Sales cycle".into(),
            value: c
                .cycle_mean_days
                .map_or("—".into(), |v| format!("{v:.1} days")),
            detail: c
                .cycle_median_days
                .map_or("median —".into(), |m| format!("median {m:.1} days")),
            change: cycle_change,
            // A shorter cycle is the good direction.
            trend: match cycle_trend {
                Trend::Up => Trend::Down,
                Trend::Down => Trend::Up,
                t => t,
            },
        },
        Tile {
            id: "weighted-pipeline",
            label: "Weighted pipeline".into(),
            value: fmt.short(d.open.weighted),
            detail: format!(
                "{} worth {}",
                count(d.open.count, "open deal", "open deals"),
                fmt.short(d.open.value)
            ),
            change: "as of today".into(),
            trend: Trend::None,
        },
        Tile {
            id: "velocity",
            label: "Sales velocity".into(),
            value: d.velocity.map_or("—".into(), |v| {
                format!("{} / day", fmt.short(Money(v.round() as i64)))
            }),
            detail: "open deals × deal size × win rate ÷ cycle".into(),
            change: "as of today".into(),
            trend: Trend::None,
        },
        Tile {
            id: "lead-conversion",
            label: "Lead conversion".into(),
            value: pct(d.leads.rate),
            detail: format!(
                "{} of {} converted",
                d.leads.converted,
                count(d.leads.created, "new lead", "new leads")
            ),
            change: lead_change,
            trend: lead_trend,
        },
        Tile {
            id: "retention-rate",
            label: "Customer retention".into(),
            value: pct(d.retention.rate),
            detail: format!(
                "{} at start, {} at end, {} new",
                count(d.retention.at_start, "customer", "customers"),
                d.retention.at_end,
                d.retention.new
            ),
            change: ret_change,
            trend: ret_trend,
        },
    ]
}

/// The Forecast page's totals; they compare with nothing, so they have no change line.
pub fn forecast_tiles(view: &ForecastSummary, fmt: &MoneyFormat) -> Vec<Tile> {
    let f = &view.forecast;
    let totals = f.totals();
    let tile = |id, label: String, value: String, detail: String| Tile {
        id,
        label,
        value,
        detail,
        change: String::new(),
        trend: Trend::None,
    };
    let won = format!("{} already won", fmt.short(totals.already_won));
    let (total, backtest) = match view.learned_in_use() {
        Some(learned) => (
            tile(
                "forecast-learned",
                "Learned, next 6 months".into(),
                fmt.short(learned.total()),
                won,
            ),
            tile(
                "forecast-backtest",
                "Backtest error (MAPE)".into(),
                pct(view.learned_backtest.mape),
                format!("learned method; weighted {}", pct(view.backtest.mape)),
            ),
        ),
        None => (
            tile(
                "forecast-weighted",
                "Weighted, next 6 months".into(),
                fmt.short(totals.weighted),
                won,
            ),
            tile(
                "forecast-backtest",
                "Backtest error (MAPE)".into(),
                pct(view.backtest.mape),
                "mean over the last 6 months with wins".into(),
            ),
        ),
    };
    vec![
        total,
        tile(
            "forecast-commit",
            format!("Commit (≥ {COMMIT_PERCENT} %)"),
            fmt.short(totals.commit),
            "full value of likely deals".into(),
        ),
        tile(
            "forecast-slipped",
            "Slipped".into(),
            fmt.short(f.slipped_weighted),
            format!(
                "{} past the close date",
                count(f.slipped_deals, "deal", "deals")
            ),
        ),
        tile(
            "forecast-undated",
            "No close date".into(),
            fmt.short(f.undated_weighted),
            format!(
                "weighted, {} without an expected close date: in no month",
                count(f.undated_deals, "open deal", "open deals")
            ),
        ),
        backtest,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_values_show_dashes_and_changes_have_arrows() {
        assert_eq!(pct(None), "—");
        assert_eq!(pct(Some(0.4286)), "42.9 %");
        assert_eq!(win_loss(0, 0), "—");
        assert_eq!(win_loss(1, 0), "1 : 0");
        assert_eq!(points_change(Some(0.5), Some(0.4)).0, "▲ 10.0 pts");
        assert_eq!(points_change(Some(0.4), Some(0.5)).1, Trend::Down);
        assert_eq!(points_change(Some(0.4), None).0, "no comparison");
        assert_eq!(relative_change(Some(150.0), Some(100.0)).0, "▲ 50 %");
        assert_eq!(relative_change(Some(1.0), Some(0.0)).1, Trend::None);
    }
}
