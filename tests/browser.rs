//! Browser tests (wasm-bindgen-test in headless Chromium): the real local storage and
//! the mounted app.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use pipewright::domain::Workspace;
use pipewright::storage::browser::BrowserStore;
use pipewright::storage::{keys, KeyValueStore, Loaded, Repository};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    window()
        .local_storage()
        .expect("storage allowed")
        .expect("storage present")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer fired");
}

/// Mounts the app in a fresh element; the returned handle unmounts it when dropped.
fn mount_app() -> (web_sys::HtmlElement, impl Drop) {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), pipewright::App);
    (host, handle)
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = host.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
fn the_repository_saves_to_and_loads_from_real_local_storage() {
    local_storage().clear().expect("clear");
    let repo = Repository::new(BrowserStore::open().expect("local storage usable"));
    assert!(matches!(repo.load(), Loaded::Nothing));
    let mut ws = Workspace::new();
    ws.settings.name = "Browser test".into();
    let revision = repo.save(&ws, 0).expect("saved");
    assert_eq!(revision, 1);
    // A second handle sees what the first wrote: it really is in local storage.
    let other = Repository::new(BrowserStore::open().expect("local storage usable"));
    match other.load() {
        Loaded::Found {
            workspace,
            revision,
        } => {
            assert_eq!(workspace.settings.name, "Browser test");
            assert_eq!(revision, 1);
        }
        other => panic!("expected the saved workspace, got {other:?}"),
    }
    assert!(local_storage()
        .get_item(keys::WORKSPACE)
        .expect("read")
        .is_some());
    // A stale writer is refused rather than overwriting.
    assert!(other.save(&ws, 0).is_err());
}

#[wasm_bindgen_test]
fn value_lengths_are_counted_in_utf16_units_as_the_quota_is() {
    local_storage().clear().expect("clear");
    let store = BrowserStore::open().expect("local storage usable");
    store.set("pipewright.units", "héllo😀").expect("set");
    // Five letters and one emoji (a surrogate pair).
    assert_eq!(store.units("pipewright.units"), Ok(Some(7)));
    assert_eq!(store.units("pipewright.absent"), Ok(None));
    local_storage().clear().expect("clear");
}

#[wasm_bindgen_test]
fn a_full_local_storage_reports_quota_exceeded() {
    local_storage().clear().expect("clear");
    let store = BrowserStore::open().expect("local storage usable");
    // Chromium allows about 5 M UTF-16 units per origin.
    let big = "x".repeat(6 * 1024 * 1024);
    assert_eq!(
        store.set("pipewright.too-big", &big),
        Err(pipewright::storage::StoreError::QuotaExceeded)
    );
    local_storage().clear().expect("clear");
}

#[wasm_bindgen_test]
async fn the_app_mounts_navigates_and_shows_the_default_stages() {
    local_storage().clear().expect("clear");
    window().location().set_hash("#/board").expect("hash");
    let (host, _mounted) = mount_app();
    leptos::task::tick().await;
    assert_eq!(texts(&host, "h1"), vec!["Board".to_string()]);
    assert_eq!(texts(&host, ".stage-name").len(), 5);
    window().location().set_hash("#/leads").expect("hash");
    sleep(30).await;
    assert_eq!(texts(&host, "h1"), vec!["Leads".to_string()]);
    // Mounting alone never writes: nothing changed yet. Waited past the save delay, so
    // a save scheduled at mount would have happened.
    sleep(pipewright::state::SAVE_DELAY_MS as i32 + 200).await;
    assert!(local_storage()
        .get_item(keys::WORKSPACE)
        .expect("read")
        .is_none());
}

#[wasm_bindgen_test]
async fn unreadable_stored_data_shows_recovery_and_is_not_overwritten() {
    local_storage().clear().expect("clear");
    local_storage()
        .set_item(keys::WORKSPACE, "{not json")
        .expect("write");
    let (host, _mounted) = mount_app();
    leptos::task::tick().await;
    let screen = host
        .query_selector("[data-testid=storage-error]")
        .expect("selector");
    assert!(screen.is_some(), "the recovery screen is shown");
    assert_eq!(
        local_storage()
            .get_item(keys::WORKSPACE)
            .expect("read")
            .as_deref(),
        Some("{not json")
    );
    // "Start fresh" keeps the text under a backup key.
    let buttons = host.query_selector_all("button").expect("buttons");
    let start_fresh = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .starts_with("Start fresh")
        })
        .expect("a start-fresh button");
    start_fresh.unchecked_into::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    let store = BrowserStore::open().expect("usable");
    let backups: Vec<String> = store
        .keys()
        .expect("keys")
        .into_iter()
        .filter(|k| k.starts_with(keys::BACKUP_PREFIX))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        store.get(&backups[0]).expect("read").as_deref(),
        Some("{not json")
    );
    assert!(host
        .query_selector("[data-testid=storage-error]")
        .expect("selector")
        .is_none());
    local_storage().clear().expect("clear");
}

/// Runs JavaScript in the page (events the tests cannot build through web-sys's features).
fn run_js(code: &str) {
    js_sys::eval(code).expect("the script runs");
}

/// Another tab's save is read in one task and shown in the next: a change made between
/// the two is replayed on top of their data, never dropped with the workspace read before.
#[wasm_bindgen_test]
async fn a_change_made_while_another_tabs_save_is_read_is_kept_with_theirs() {
    use pipewright::domain::commands::DealDraft;
    use pipewright::domain::{Command, Money};
    local_storage().clear().expect("clear");
    let today = pipewright::state::today();
    let mut ws = Workspace::new();
    let (first, second) = (ws.pipelines[0].stages[0].id, ws.pipelines[0].stages[1].id);
    for title in ["Mine", "Theirs"] {
        let draft = DealDraft::new(title, Money(10_000), first);
        ws.apply(&Command::CreateDeal(draft), today)
            .expect("created");
    }
    let theirs = *ws.deals.keys().next_back().expect("their deal");
    let other_tab = Repository::new(BrowserStore::open().expect("usable"));
    let revision = other_tab.save(&ws, 0).expect("saved");
    window().location().set_hash("#/board").expect("hash");
    let (_host, _mounted) = mount_app();
    leptos::task::tick().await;

    let move_theirs = Command::MoveDeal {
        deal: theirs,
        stage: second,
        before: None,
    };
    ws.apply(&move_theirs, today).expect("moved");
    other_tab.save(&ws, revision).expect("saved");
    run_js("window.dispatchEvent(new StorageEvent('storage', { key: 'pipewright.revision' }))");
    // After the task that reads their save, before the one that shows it.
    sleep(0).await;
    run_js(
        "[...document.querySelectorAll('[data-testid=deal-card]')]
            .find((card) => card.textContent.includes('Mine'))
            .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true }))",
    );
    sleep(pipewright::state::SAVE_DELAY_MS as i32 + 300).await;

    let Loaded::Found { workspace, .. } =
        Repository::new(BrowserStore::open().expect("usable")).load()
    else {
        panic!("the workspace is stored");
    };
    let stages: Vec<(String, pipewright::domain::StageId)> = (workspace.deals.values())
        .map(|d| (d.title.clone(), d.stage))
        .collect();
    assert_eq!(
        stages,
        vec![("Mine".to_string(), second), ("Theirs".to_string(), second)],
        "both moves are stored"
    );
    local_storage().clear().expect("clear");
}
