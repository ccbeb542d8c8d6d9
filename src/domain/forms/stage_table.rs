//! The stage table of a pipeline as one form: every row editable, one save for all,
//! and a row's unsaved edits kept while other rows change (a reorder, a deletion,
//! another tab or a teammate renaming a stage).

use super::{FieldErrors, StageForm};
use crate::domain::commands::StageDraft;
use crate::domain::model::*;

/// The edited stages, ready for `Command::EditStages`.
pub type StageEdits = Vec<(StageId, StageDraft)>;
/// Each row that could not be read, with its field errors.
pub type RowErrors = Vec<(StageId, FieldErrors)>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRowForm {
    pub id: StageId,
    /// The stage as stored, to tell what the user changed.
    pub saved: StageForm,
    pub form: StageForm,
}

impl StageRowForm {
    pub fn is_edited(&self) -> bool {
        self.form != self.saved
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageTable {
    pub rows: Vec<StageRowForm>,
}

impl StageTable {
    pub fn of(stages: &[Stage]) -> StageTable {
        StageTable::default().refreshed(stages)
    }

    /// The table for the stages as they are now, keeping the edits of rows whose
    /// stage still exists.
    pub fn refreshed(&self, stages: &[Stage]) -> StageTable {
        let rows = stages
            .iter()
            .map(|stage| {
                let saved = StageForm::of(stage);
                let form = self
                    .rows
                    .iter()
                    .find(|r| r.id == stage.id && r.is_edited())
                    .map_or_else(|| saved.clone(), |r| r.form.clone());
                StageRowForm {
                    id: stage.id,
                    saved,
                    form,
                }
            })
            .collect();
        StageTable { rows }
    }

    pub fn edited(&self) -> usize {
        self.rows.iter().filter(|r| r.is_edited()).count()
    }

    /// The drafts of the edited rows, or every edited row's field errors.
    pub fn parse(&self) -> Result<StageEdits, RowErrors> {
        let mut drafts = Vec::new();
        let mut errors = Vec::new();
        for row in self.rows.iter().filter(|r| r.is_edited()) {
            match row.form.parse() {
                Ok(draft) => drafts.push((row.id, draft)),
                Err(e) => errors.push((row.id, e)),
            }
        }
        if errors.is_empty() {
            Ok(drafts)
        } else {
            Err(errors)
        }
    }

    /// Every row back to what is stored.
    pub fn discarded(&self) -> StageTable {
        StageTable {
            rows: self
                .rows
                .iter()
                .map(|r| StageRowForm {
                    form: r.saved.clone(),
                    ..r.clone()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Command, Workspace};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
    }

    #[test]
    fn an_edit_survives_another_row_changing_and_one_save_keeps_both() {
        let mut ws = Workspace::new();
        let stages = ws.first_pipeline().stages.clone();
        let mut table = StageTable::of(&stages);
        table.rows[0].form.probability = "15".into();
        table.rows[2].form.name = "Demo done".into();
        assert_eq!(table.edited(), 2);
        // Another tab renames stage 2 meanwhile: row 2 follows it, rows 1 and 3 keep edits.
        let mut renamed = ws.clone();
        let draft = StageDraft {
            name: "Called".into(),
            probability: 20,
            rotting_days: None,
        };
        renamed
            .apply(
                &Command::EditStage {
                    stage: stages[1].id,
                    draft,
                },
                today(),
            )
            .expect("rename");
        let table = table.refreshed(&renamed.first_pipeline().stages);
        assert_eq!(table.rows[1].form.name, "Called");
        assert_eq!(table.rows[0].form.probability, "15");
        assert_eq!(table.rows[2].form.name, "Demo done");
        let edits = table.parse().expect("valid");
        assert_eq!(edits.len(), 2);
        ws.apply(&Command::EditStages { edits }, today())
            .expect("saved");
        let saved = &ws.first_pipeline().stages;
        assert_eq!(saved[0].probability, 15);
        assert_eq!(saved[2].name, "Demo done");
        assert_eq!(StageTable::of(saved).refreshed(saved).edited(), 0);
    }

    #[test]
    fn two_stages_swap_names_in_one_save_and_a_bad_row_saves_nothing() {
        let mut ws = Workspace::new();
        let stages = ws.first_pipeline().stages.clone();
        let mut table = StageTable::of(&stages);
        table.rows[0].form.name = stages[1].name.clone();
        table.rows[1].form.name = stages[0].name.clone();
        let edits = table.parse().expect("valid");
        ws.apply(&Command::EditStages { edits }, today())
            .expect("swapped");
        assert_eq!(ws.first_pipeline().stages[0].name, stages[1].name);
        assert_eq!(ws.first_pipeline().stages[1].name, stages[0].name);

        let mut table = StageTable::of(&ws.first_pipeline().stages);
        table.rows[0].form.probability = "150".into();
        table.rows[1].form.name = "Fine".into();
        let errors = table.parse().expect_err("a bad probability");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, table.rows[0].id);
        // Same names in two rows: refused as one, nothing changes.
        let mut table = StageTable::of(&ws.first_pipeline().stages);
        table.rows[2].form.name = "Same".into();
        table.rows[3].form.name = "same".into();
        let before = ws.clone();
        let edits = table.parse().expect("valid fields");
        assert!(ws.apply(&Command::EditStages { edits }, today()).is_err());
        assert_eq!(ws, before);
        assert_eq!(table.discarded().edited(), 0);
    }
}
