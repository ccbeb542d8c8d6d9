//! Writes the team documents of a demo preset, one JSON document per line, as "Share
//! this workspace" would send them (design document and device 0 first): the team-sync
//! benchmark seeds its server with them.
//!
//!     cargo run --release --example team_documents -- demo-10000 ana > docs.jsonl
use pipewright::domain::demo::{bundled_scenario, demo_workspace};
use pipewright::sync::design::{design_document, device_document};
use pipewright::sync::documents::{all_keys, content, to_document};
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let preset = args.next().unwrap_or_else(|| "demo-10000".into());
    let author = args.next().unwrap_or_else(|| "ana".into());
    let Some(size) = bundled_scenario(&preset) else {
        eprintln!("unknown preset “{preset}”: demo, demo-1000 or demo-10000");
        std::process::exit(2);
    };
    let ws = demo_workspace(size, 42, chrono::Local::now().date_naive());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let mut line = |doc: serde_json::Value| writeln!(out, "{doc}").expect("stdout");
    line(design_document());
    line(device_document(0, &author));
    for key in all_keys(&ws) {
        if let Some(fields) = content(&ws, &key) {
            line(to_document(&key, &fields, None, &author));
        }
    }
}
