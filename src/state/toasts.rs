//! Short messages over the page: a change done, or what went wrong. Errors stay longer.

use super::AppState;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub is_error: bool,
}

impl AppState {
    pub fn toast(&self, text: String) {
        self.push_toast(text, false);
    }

    pub fn toast_error(&self, text: String) {
        self.push_toast(text, true);
    }

    fn push_toast(&self, text: String, is_error: bool) {
        let id = self.next_toast.get_value();
        self.next_toast.set_value(id + 1);
        self.toasts.update(|t| t.push(Toast { id, text, is_error }));
        let toasts = self.toasts;
        set_timeout(
            move || {
                // The app may be gone (tests unmount it): never panic from a timer.
                let _ = toasts.try_update(|t| t.retain(|x| x.id != id));
            },
            Duration::from_secs(if is_error { 8 } else { 4 }),
        );
    }
}
