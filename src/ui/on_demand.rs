//! How code downloaded on demand (`crate::split`) shows: "Loading…" meanwhile, a
//! message with "Try again" when it could not be downloaded, and all of it downloaded
//! in the background once the first page is drawn.

use super::components::empty::EmptyState;
use crate::split::{Download, NotDownloaded};
use leptos::prelude::*;
use std::future::Future;

/// Shows `loading` while `load` downloads its code, then `show` of what it gave; a failed
/// download shows `failed`, whose button calls the `Retry` it is given.
pub fn on_demand<T, F>(
    load: fn() -> F,
    show: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
    loading: impl Fn() -> AnyView + Send + Sync + 'static,
    failed: impl Fn(Retry) -> AnyView + Clone + Send + Sync + 'static,
) -> AnyView
where
    T: 'static,
    F: Future<Output = Result<T, NotDownloaded>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                let (show, failed) = (show.clone(), failed.clone());
                Suspend::new(async move {
                    match load().await {
                        Ok(value) => show(value),
                        Err(NotDownloaded) => failed(Retry(attempt)),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// Downloads again what could not be downloaded.
#[derive(Clone, Copy)]
pub struct Retry(RwSignal<u32>);

impl Retry {
    pub fn again(&self) {
        self.0.update(|n| *n += 1);
    }
}

/// What a failed download shows, announced (role="alert"): what the user asked for is
/// not coming. `what` names it ("page", "panel").
pub fn not_downloaded(what: &str, retry: Retry) -> impl IntoView {
    let title =
        format!("This {what} could not be downloaded. Check the connection, then try again.");
    view! {
        <div role="alert">
            <EmptyState title=title hint="The board works without it.">
                <button class="btn btn-primary" on:click=move |_| retry.again()>"Try again"</button>
            </EmptyState>
        </div>
    }
}

/// Downloads the rest of the app's code once the first page has been drawn, one module
/// after another, so that later a page or panel opens at once (and without the
/// network). A failed download is left for when it is needed, which tries again.
pub fn download_the_rest(downloads: Vec<fn() -> Download>) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    for download in downloads {
                        if download().await.is_err() {
                            return;
                        }
                    }
                })
            },
            std::time::Duration::ZERO,
        )
    });
}
