use pipewright::domain::demo::{demo_workspace, pad_log, DemoSize};
use pipewright::domain::metrics::forecast::backtest;
use pipewright::domain::metrics::index::LogIndex;
use pipewright::domain::metrics::learned::{self, History};
use pipewright::domain::metrics::ForecastSummary;
use std::time::Instant;

fn med(mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..41)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    pipewright::domain::support::sorting::sort_by(&mut v, |a, b| a.total_cmp(b));
    v[20]
}
fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut ws = demo_workspace(DemoSize::Huge, 42, today);
    pad_log(&mut ws, 50_000, today);
    let logs = LogIndex::new(&ws);
    let history = History::new(&ws, &logs, None);
    let wb = backtest(&ws, &history, today);
    println!(
        "history {:.2}",
        med(|| {
            std::hint::black_box(History::new(&ws, &logs, None));
        })
    );
    println!(
        "learned backtest {:.2}",
        med(|| {
            std::hint::black_box(learned::learned_backtest(&history, &ws, &wb));
        })
    );
    println!(
        "learned forecast {:.2}",
        med(|| {
            let _ = std::hint::black_box(learned::learned_forecast(&history, &ws, today));
        })
    );
    println!(
        "whole page {:.2}",
        med(|| {
            std::hint::black_box(ForecastSummary::compute(&ws, None, today));
        })
    );
}
