//! Native benchmark of the whole dashboard computation (every metric, forecast and
//! backtest) on the 10,000-deal demo preset. Prints figures; it is not a timed test.
//!
//!     cargo run --release --example bench_dashboard
use pipewright::domain::demo::{demo_workspace, pad_log, DemoSize};
use pipewright::domain::metrics::{Dashboard, Period};
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
        let mut runs = Vec::new();
        for _ in 0..21 {
            let t = Instant::now();
            let dash = Dashboard::compute(&ws, pipeline, period, today);
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(dash);
        }
        runs.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{:>6} deals, {:>6} log entries, {:>6} activities: generate {:>7.1} ms, dashboard median {:>6.2} ms (min {:.2}, max {:.2}, 21 runs)",
            ws.deals.len(),
            ws.log.len(),
            ws.activities.len(),
            generated.as_secs_f64() * 1000.0,
            runs[runs.len() / 2],
            runs[0],
            runs[runs.len() - 1]
        );
    }
}
