//! The architecture invariants of docs/architecture.md that a machine can check: the
//! domain has no browser and no clock, and the layers depend one way.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// Every (file, line) under `dir` that contains one of `forbidden`, comments aside.
fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in sources(dir) {
        let text = fs::read_to_string(&file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if forbidden.iter().any(|f| code.contains(f)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_domain_has_no_browser_and_no_clock() {
    let found = offenders(
        "src/domain",
        &[
            "web_sys",
            "wasm_bindgen",
            "leptos",
            "js_sys",
            "gloo",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "crate::state",
            "crate::storage",
            "crate::ui",
            "crate::charts",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn layers_depend_one_way() {
    for (layer, forbidden) in [
        ("src/state", &["crate::ui"][..]),
        (
            "src/storage",
            &["crate::ui", "crate::state", "crate::sync"][..],
        ),
        ("src/sync", &["crate::ui", "crate::state"][..]),
        (
            "src/charts",
            &["crate::ui", "crate::state", "crate::storage"][..],
        ),
    ] {
        let found = offenders(layer, forbidden);
        assert!(found.is_empty(), "{layer}: {found:#?}");
    }
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = sources("src")
        .into_iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(&file).ok()?.lines().count();
            (lines > 500).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}
