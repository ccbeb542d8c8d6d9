//! Both forecast methods' backtest errors (rule 19's backtest, mean absolute percentage
//! error) on the demo presets as the app opens them today, then over other days and
//! seeds so that one lucky day cannot pass for a method that holds. Prints figures; it
//! is not a test.
//!
//!     cargo run --release --example forecast_accuracy [YYYY-MM-DD]
use chrono::{Datelike, Days, Months, NaiveDate};
use pipewright::domain::demo::{demo_workspace, DemoSize, DEMO_SEED};
use pipewright::domain::metrics::forecast::{backtest, Backtest, BacktestMonth};
use pipewright::domain::metrics::index::LogIndex;
use pipewright::domain::metrics::learned::{
    learned_backtest, learned_forecast, History, Uncertainty,
};

fn main() {
    let today = std::env::args()
        .nth(1)
        .and_then(|a| NaiveDate::parse_from_str(&a, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let pct = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{:.1} %", v * 100.0));
    for size in [DemoSize::Standard, DemoSize::Large, DemoSize::Huge] {
        let (weighted, learned) = both(size, DEMO_SEED, today);
        println!(
            "{:>6} deals on {today}: weighted MAPE {:>7}, learned MAPE {:>7} (learned ÷ weighted {:.2})",
            size.deals(),
            pct(weighted.mape),
            pct(learned.mape),
            ratio(&weighted, &learned),
        );
        for (w, l) in weighted.months.iter().zip(&learned.months) {
            println!(
                "    {}: won {:>10}, weighted {:>10} ({:>7} off), learned {:>10} ({:>7} off)",
                w.month.format("%Y-%m"),
                w.actual.0 / 100,
                w.forecast.0 / 100,
                pct(w.percentage_error),
                l.forecast.0 / 100,
                pct(l.percentage_error),
            );
        }
        let flat = best_flat_mape(&weighted.months);
        println!(
            "    best flat forecast in hindsight: MAPE {} (÷ weighted {:.2})",
            pct(flat),
            flat.unwrap_or(f64::NAN) / weighted.mape.unwrap_or(f64::NAN),
        );
        let spread = spread(size, DEMO_SEED, today);
        println!(
            "    won inside the learned likely range (10th–90th percentile) in {} of {} months; chance alone: MAPE {} (÷ weighted {:.2})",
            spread.inside,
            spread.months,
            pct(spread.chance_alone),
            spread.chance_alone.unwrap_or(f64::NAN) / weighted.mape.unwrap_or(f64::NAN),
        );
    }
    println!("\nOver 12 days a month apart and 3 seeds (learned ÷ weighted MAPE):");
    for size in [DemoSize::Standard, DemoSize::Large, DemoSize::Huge] {
        let mut ratios: Vec<f64> = Vec::new();
        for seed in [DEMO_SEED, 7, 1234] {
            for month in 0..12 {
                let day = today - Days::new(month * 30);
                let (weighted, learned) = both(size, seed, day);
                ratios.push(ratio(&weighted, &learned));
            }
        }
        pipewright::domain::support::sorting::sort_by(&mut ratios, |a, b| a.total_cmp(b));
        let within = ratios.iter().filter(|r| **r <= 0.6).count();
        println!(
            "{:>6} deals: median {:.2}, worst {:.2}, at most 0.6 in {within} of {}",
            size.deals(),
            ratios[ratios.len() / 2],
            ratios[ratios.len() - 1],
            ratios.len()
        );
    }
    println!("\nOver 40 teams of each size on one day:");
    for size in [DemoSize::Standard, DemoSize::Large] {
        many_teams(size, today);
    }
    println!("\nMonths ahead: learned forecasts made on the 1st of each of the 12 months before, 20 teams:");
    for size in [DemoSize::Standard, DemoSize::Large] {
        months_ahead(size, today);
    }
}

/// The backtest checks the month a forecast is made in; the page shows five more. For
/// forecasts made on the first of each of the 12 months before `today` (knowing that
/// day), each complete month k months ahead: how often it was won inside the likely
/// range, and what the forecast said against what was won — the open deals' part
/// against what deals open then brought, deals not created yet against the rest.
fn months_ahead(size: DemoSize, today: NaiveDate) {
    const TEAMS: u64 = 20;
    #[derive(Default, Clone, Copy)]
    struct Ahead {
        months: usize,
        inside: usize,
        open: i64,
        new: i64,
        won_from_open: i64,
        won_from_new: i64,
    }
    let current = month_start(today);
    let mut ahead = [Ahead::default(); 6];
    for seed in 0..TEAMS {
        let ws = demo_workspace(size, seed, today);
        let logs = LogIndex::new(&ws);
        let history = History::new(&ws, &logs, None);
        for back in 1..=12 {
            let made = current - Months::new(back);
            let Ok(forecast) = learned_forecast(&history, &ws, made) else {
                continue;
            };
            for (k, month) in forecast.months.iter().enumerate() {
                if month.month >= current {
                    break;
                }
                let won_in_month = (history.won.iter())
                    .filter(|(closed, _, _)| month_start(*closed) == month.month);
                let (mut from_open, mut from_new) = (0, 0);
                for (_, created, value) in won_in_month {
                    *(if *created <= made {
                        &mut from_open
                    } else {
                        &mut from_new
                    }) += value.0;
                }
                let won = from_open + from_new;
                let a = &mut ahead[k];
                a.months += 1;
                a.inside += usize::from(month.likely.low.0 <= won && won <= month.likely.high.0);
                a.open += month.open_deals.0;
                a.new += month.new_deals.0;
                a.won_from_open += from_open;
                a.won_from_new += from_new;
            }
        }
    }
    println!("{:>6} deals:", size.deals());
    for (k, a) in ahead.iter().enumerate() {
        println!(
            "    {k} ahead: inside the range {:>3.0} % of {:>3} months; forecast ÷ won {:.2} (open deals {:.2}, not created yet {:.2})",
            a.inside as f64 * 100.0 / a.months as f64,
            a.months,
            (a.open + a.new) as f64 / (a.won_from_open + a.won_from_new) as f64,
            a.open as f64 / a.won_from_open as f64,
            a.new as f64 / a.won_from_new as f64,
        );
    }
}

/// The first day of `day`'s month.
fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// One demo team is one draw of chance: at 300 deals a month's wins are a handful of
/// deals, and either method can be lucky in the six months of one team. Over `TEAMS`
/// teams of the same size (seeds 0 …) on the same day: each method's mean error, and
/// how the per-team ratio spreads.
fn many_teams(size: DemoSize, today: NaiveDate) {
    const TEAMS: u64 = 40;
    let runs: Vec<(Backtest, Backtest)> = (0..TEAMS).map(|seed| both(size, seed, today)).collect();
    let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let spreads: Vec<Uncertainty> = (0..TEAMS).map(|seed| spread(size, seed, today)).collect();
    let inside: usize = spreads.iter().map(|s| s.inside).sum();
    let months: usize = spreads.iter().map(|s| s.months).sum();
    let chance_alone = mean(spreads.iter().filter_map(|s| s.chance_alone).collect());
    let weighted = mean(runs.iter().filter_map(|(w, _)| w.mape).collect());
    let learned = mean(runs.iter().filter_map(|(_, l)| l.mape).collect());
    let mut ratios: Vec<f64> = runs.iter().map(|(w, l)| ratio(w, l)).collect();
    pipewright::domain::support::sorting::sort_by(&mut ratios, |a, b| a.total_cmp(b));
    let within = ratios.iter().filter(|r| **r <= 0.6).count();
    println!(
        "{:>6} deals, {TEAMS} teams on {today}: mean MAPE weighted {:.1} %, learned {:.1} % (÷ {:.2}); per team median {:.2}, at most 0.6 in {within}",
        size.deals(),
        weighted * 100.0,
        learned * 100.0,
        learned / weighted,
        ratios[ratios.len() / 2],
    );
    println!(
        "        won inside the likely range in {inside} of {months} months ({:.0} %); chance alone: mean MAPE {:.1} % (÷ weighted {:.2})",
        inside as f64 * 100.0 / months as f64,
        chance_alone * 100.0,
        chance_alone / weighted,
    );
}

/// How the learned likely ranges held over one team's backtest months, and the error
/// chance alone costs there (the page's own figures).
fn spread(size: DemoSize, seed: u64, today: NaiveDate) -> Uncertainty {
    let ws = demo_workspace(size, seed, today);
    let logs = LogIndex::new(&ws);
    let history = History::new(&ws, &logs, None);
    let weighted = backtest(&ws, &history, today);
    learned_backtest(&history, &ws, &weighted).1
}

fn both(size: DemoSize, seed: u64, today: NaiveDate) -> (Backtest, Backtest) {
    let ws = demo_workspace(size, seed, today);
    let logs = LogIndex::new(&ws);
    let history = History::new(&ws, &logs, None);
    let weighted = backtest(&ws, &history, today);
    let (learned, _) = learned_backtest(&history, &ws, &weighted);
    (weighted, learned)
}

fn ratio(weighted: &Backtest, learned: &Backtest) -> f64 {
    learned.mape.unwrap_or(f64::NAN) / weighted.mape.unwrap_or(f64::NAN)
}

/// The lowest MAPE any flat forecast reaches when chosen knowing the months' results:
/// how much of an error is the months' own scatter, which no forecast made on the 1st
/// can know. MAPE is piecewise linear in the forecast, so its least is at a result.
fn best_flat_mape(months: &[BacktestMonth]) -> Option<f64> {
    let won: Vec<f64> = (months.iter())
        .filter(|m| m.actual.0 > 0)
        .map(|m| m.actual.0 as f64)
        .collect();
    let mape = |flat: f64| won.iter().map(|a| (a - flat).abs() / a).sum::<f64>() / won.len() as f64;
    won.iter().map(|&flat| mape(flat)).min_by(f64::total_cmp)
}
