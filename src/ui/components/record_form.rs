//! The form of a record open in a panel (a deal, a lead): what the user typed, and the
//! record as the form last showed it. A save sends only the fields changed since shown;
//! changes made elsewhere flow into the fields the user has not touched; closing with
//! typed changes asks first.

use crate::domain::forms::FieldErrors;
use crate::domain::Command;
use crate::state::AppState;
use leptos::prelude::*;

pub struct RecordForm<F: Send + Sync + 'static> {
    /// What the inputs show and the user types.
    pub form: RwSignal<F>,
    shown: StoredValue<F>,
    /// The last save's error, for the form's error line.
    pub error: RwSignal<Option<String>>,
    /// True while the panel asks what to do with unsaved changes before closing.
    pub leaving: RwSignal<bool>,
}

impl<F: Send + Sync + 'static> Clone for RecordForm<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for RecordForm<F> {}

impl<F: Clone + PartialEq + Send + Sync + 'static> RecordForm<F> {
    /// A form showing `initial`, following the record `latest` reads (tracked) as it
    /// changes: `refresh(typed, shown, latest)` keeps what the user typed.
    pub fn new(
        initial: F,
        latest: impl Fn() -> Option<F> + 'static,
        refresh: fn(&F, &F, &F) -> F,
    ) -> RecordForm<F> {
        let record = RecordForm {
            form: RwSignal::new(initial.clone()),
            shown: StoredValue::new(initial),
            error: RwSignal::new(None),
            leaving: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let before = record.shown.get_value();
            if let Some(latest) = latest().filter(|l| *l != before) {
                record.form.update(|f| *f = refresh(f, &before, &latest));
                record.shown.set_value(latest);
            }
        });
        record
    }

    /// Whether the user typed something not saved yet.
    pub fn is_dirty(&self) -> bool {
        self.form.with_untracked(|f| *f != self.shown.get_value())
    }

    /// Closes the panel, or first asks (`leaving`) when the user typed changes not saved
    /// and the record still `exists` (a deleted one keeps nothing to save).
    pub fn close_or_ask(&self, exists: bool, close: impl FnOnce()) {
        if self.is_dirty() && exists {
            self.leaving.set(true);
        } else {
            close();
        }
    }

    /// Saves what is typed through `command(typed, shown)` (`label` names the change
    /// for undo, `done` is the toast); false, with the reason in `error`, when it cannot.
    pub fn save(
        &self,
        state: &AppState,
        label: &str,
        done: &str,
        command: impl FnOnce(&F, &F) -> Option<Result<Command, FieldErrors>>,
    ) -> bool {
        let typed = self.form.get_untracked();
        let Some(command) = command(&typed, &self.shown.get_value()) else {
            return false;
        };
        match state.dispatch_form(command, label) {
            Ok(_) => {
                self.shown.set_value(typed);
                self.error.set(None);
                state.toast(done.to_string());
                true
            }
            Err(e) => {
                self.error.set(Some(e));
                false
            }
        }
    }
}
