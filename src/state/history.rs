//! Undo and redo as snapshots of the (structurally shared) workspace.

use crate::domain::Workspace;
use std::collections::VecDeque;

pub const UNDO_LIMIT: usize = 200;

/// What the toolbar shows: the change Undo and Redo would take back or do again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UndoLabels {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

#[derive(Default)]
pub struct History {
    undo: VecDeque<(Workspace, String)>,
    redo: Vec<(Workspace, String)>,
}

impl History {
    /// Records the state before a change described by `label`.
    pub fn record(&mut self, before: Workspace, label: String) {
        self.undo.push_back((before, label));
        if self.undo.len() > UNDO_LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
    }

    /// The state to go back to, given the current one.
    pub fn undo(&mut self, current: Workspace) -> Option<(Workspace, String)> {
        let (before, label) = self.undo.pop_back()?;
        self.redo.push((current, label.clone()));
        Some((before, label))
    }

    pub fn redo(&mut self, current: Workspace) -> Option<(Workspace, String)> {
        let (after, label) = self.redo.pop()?;
        self.undo.push_back((current, label.clone()));
        Some((after, label))
    }

    /// Applies a change that is not one's own (from the team) to every snapshot, so
    /// undo and redo take back only one's own changes.
    pub fn rebase(&mut self, change: impl Fn(&mut Workspace)) {
        for (ws, _) in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            change(ws);
        }
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn labels(&self) -> UndoLabels {
        UndoLabels {
            undo: self.undo_label().map(String::from),
            redo: self.redo_label().map(String::from),
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|(_, l)| l.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(_, l)| l.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Settings;

    fn named(name: &str) -> Workspace {
        let mut ws = Workspace::new();
        ws.settings = Settings {
            name: name.into(),
            ..Settings::default()
        };
        ws
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth() {
        let mut h = History::default();
        h.record(named("a"), "first".into());
        h.record(named("b"), "second".into());
        let (ws, label) = h.undo(named("c")).expect("something to undo");
        assert_eq!((ws.settings.name.as_str(), label.as_str()), ("b", "second"));
        let (ws, _) = h.redo(ws).expect("something to redo");
        assert_eq!(ws.settings.name, "c");
        assert_eq!(h.undo_label(), Some("second"));
    }

    #[test]
    fn a_new_change_drops_redo_and_the_stack_is_bounded() {
        let mut h = History::default();
        for i in 0..(UNDO_LIMIT + 50) {
            h.record(named(&i.to_string()), format!("change {i}"));
        }
        let mut steps = 0;
        let mut current = named("now");
        while let Some((ws, _)) = h.undo(current.clone()) {
            current = ws;
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        assert_eq!(current.settings.name, "50");
        h.record(named("x"), "new".into());
        assert!(!h.can_redo());
    }
}
