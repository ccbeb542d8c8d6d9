//! Native benchmark of the dashboard's metrics and of the Forecast page's computation
//! (forecast, learned probabilities, trend, backtest) on the demo presets. Prints
//! figures; it is not a timed test.
//!
//!     cargo run --release --example bench_dashboard
use pipewright::domain::demo::{demo_workspace, pad_log, DemoSize};
use pipewright::domain::metrics::{Dashboard, ForecastSummary, Period};
use std::time::Instant;

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
    for (size, log_target) in [
        (DemoSize::Large, 0),
        (DemoSize::Huge, 0),
        (DemoSize::Huge, 50_000),
    ] {
        let started = Instant::now();
        let mut ws = demo_workspace(size, 42, today);
        pad_log(&mut ws, log_target, today);
        let generated = started.elapsed();
        let pipeline = ws.pipelines[0].id;
        let period = Period::last_days(today, 90);
        let dashboard = median_ms(|| {
            std::hint::black_box(Dashboard::compute(&ws, pipeline, period, today));
        });
        let forecast = median_ms(|| {
            std::hint::black_box(ForecastSummary::compute(&ws, None, today));
        });
        println!(
            "{:>6} deals, {:>6} log entries, {:>6} activities: generate {:>7.1} ms, dashboard median {:>6.2} ms (min {:.2}, max {:.2}), forecast page median {:>6.2} ms (21 runs)",
            ws.deals.len(),
            ws.log.len(),
            ws.activities.len(),
            generated.as_secs_f64() * 1000.0,
            dashboard.1,
            dashboard.0,
            dashboard.2,
            forecast.1,
        );
    }
}

/// (min, median, max) milliseconds over 21 runs.
fn median_ms(mut run: impl FnMut()) -> (f64, f64, f64) {
    let mut runs: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    pipewright::domain::support::sorting::sort_by(&mut runs, |a, b| a.total_cmp(b));
    (runs[0], runs[runs.len() / 2], runs[runs.len() - 1])
}
