//! An import applied a chunk at a time, so the page stays responsive and shows progress,
//! without losing what the user does meanwhile: the rows are applied to a copy of the
//! workspace as it was when the job started, and the result is handed over only if the
//! workspace is still that one; otherwise the job starts over on the current workspace.
//! The import stays one change (one undo step) made on top of everything else, the
//! pipelines and stages it creates included.

use super::apply::apply_row;
use super::import::PlannedRow;
use super::stage_values::{ImportSetup, Made};
use crate::domain::{DomainError, Workspace};
use chrono::NaiveDate;

pub struct ImportJob {
    started_from: Workspace,
    result: Workspace,
    setup: ImportSetup,
    made: Made,
    rows: Vec<(usize, PlannedRow)>,
    next: usize,
    failures: Vec<String>,
    today: NaiveDate,
}

/// What `finish` found. One value per import, moved straight on: boxing buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Finished {
    /// The imported workspace and the rows that failed ("line 7: …").
    Done(Workspace, Vec<String>),
    /// The workspace changed meanwhile: the job started over on it; step again.
    StartedOver,
}

impl ImportJob {
    /// Makes the pipelines and stages of `setup` on a copy of `workspace`, ready for the
    /// rows; `Err` when one cannot be made (nothing changes then).
    pub fn new(
        workspace: Workspace,
        rows: Vec<(usize, PlannedRow)>,
        setup: ImportSetup,
        today: NaiveDate,
    ) -> Result<ImportJob, DomainError> {
        let mut result = workspace.clone();
        let made = setup.apply(&mut result, today)?;
        Ok(ImportJob {
            started_from: workspace,
            result,
            setup,
            made,
            rows,
            next: 0,
            failures: Vec::new(),
            today,
        })
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// Applies up to `chunk` more rows; returns how many are done.
    pub fn step(&mut self, chunk: usize) -> usize {
        let end = (self.next + chunk).min(self.rows.len());
        for (line, row) in &self.rows[self.next..end] {
            if let Err(e) = apply_row(&mut self.result, row, &self.made, self.today) {
                self.failures.push(format!("line {line}: {e}"));
            }
        }
        self.next = end;
        end
    }

    pub fn is_done(&self) -> bool {
        self.next == self.rows.len()
    }

    /// Once every row is applied: the result when `current` is still the workspace the
    /// job started from; otherwise the job starts over from `current` (`Err` when what
    /// it creates can no longer be made there).
    pub fn finish(&mut self, current: &Workspace) -> Result<Finished, DomainError> {
        if *current == self.started_from {
            let result = std::mem::replace(&mut self.result, Workspace::empty());
            return Ok(Finished::Done(result, std::mem::take(&mut self.failures)));
        }
        let mut result = current.clone();
        self.made = self.setup.apply(&mut result, self.today)?;
        self.started_from = current.clone();
        self.result = result;
        self.next = 0;
        self.failures.clear();
        Ok(Finished::StartedOver)
    }
}
