//! Writes the stored form of the 10,000-deal preset padded to 50,000 log entries, for
//! the browser benchmark to put in local storage.
//!
//!     cargo run --release --example export_workspace > bench-results/workspace-50k.txt
use pipewright::domain::demo::{demo_workspace, pad_log, DemoSize};
use pipewright::storage::encode_for_storage;

fn main() {
    let today = chrono::Local::now().date_naive();
    let mut ws = demo_workspace(DemoSize::Huge, 42, today);
    pad_log(&mut ws, 50_000, today);
    print!("{}", encode_for_storage(&ws));
}
