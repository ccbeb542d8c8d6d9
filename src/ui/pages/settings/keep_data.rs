//! Whether the browser has promised to keep this site's data. Without that promise
//! (`navigator.storage.persist`), a browser short of disk space may clear local storage
//! — the whole workspace — without asking.

use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Asks the storage manager one of its yes/no questions; `None` where the browser
/// cannot answer (no storage manager, not a secure context).
async fn ask(
    question: fn(&web_sys::StorageManager) -> Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<bool> {
    let manager = window().navigator().storage();
    let promise = question(&manager).ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

#[component]
pub fn KeepData() -> impl IntoView {
    let state = use_app();
    // None: not known (yet, or this browser cannot tell).
    let kept = RwSignal::new(None::<bool>);
    spawn_local(async move {
        let answer = ask(web_sys::StorageManager::persisted).await;
        let _ = kept.try_set(answer);
    });
    let request = move |_| {
        spawn_local(async move {
            match ask(web_sys::StorageManager::persist).await {
                Some(true) => {
                    let _ = kept.try_set(Some(true));
                    state.toast("The browser will keep this data.".into());
                }
                Some(false) => state.toast(
                    "The browser declined (it decides by how often the site is used, or whether it is installed). Export a backup now and then.".into(),
                ),
                None => state.toast_error("This browser cannot be asked to keep data.".into()),
            }
        });
    };
    view! {
        {move || match kept.get() {
            Some(true) => view! {
                <p data-testid="keep-data">"✓ The browser keeps this data: it will not clear it to free disk space."</p>
            }.into_any(),
            Some(false) => view! {
                <p data-testid="keep-data">"The browser may clear this data when disk space runs low. "
                    <button class="btn" on:click=request>"Ask the browser to keep it"</button>
                </p>
            }.into_any(),
            None => ().into_any(),
        }}
    }
}
