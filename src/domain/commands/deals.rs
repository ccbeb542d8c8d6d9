//! Deals: create, edit, move between stages, win, lose, reopen, delete.

use super::validate::{amount, optional_text, probability, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::money::Money;
use crate::domain::model::team::canonical_owner;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::update_where;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The fields a user fills in for a deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealDraft {
    pub title: String,
    pub value: Money,
    pub stage: StageId,
    pub probability_override: Option<u8>,
    pub expected_close: Option<NaiveDate>,
    pub organization: Option<OrganizationId>,
    pub person: Option<PersonId>,
    pub owner: String,
    pub source: String,
}

impl DealDraft {
    /// A new deal in `stage` with only a title and value; the rest left empty.
    pub fn new(title: impl Into<String>, value: Money, stage: StageId) -> DealDraft {
        DealDraft {
            title: title.into(),
            value,
            stage,
            probability_override: None,
            expected_close: None,
            organization: None,
            person: None,
            owner: String::new(),
            source: String::new(),
        }
    }
}

impl From<&Deal> for DealDraft {
    /// The deal's editable fields as they are, to change one or two.
    fn from(d: &Deal) -> DealDraft {
        DealDraft {
            title: d.title.clone(),
            value: d.value,
            stage: d.stage,
            probability_override: d.probability_override,
            expected_close: d.expected_close,
            organization: d.organization,
            person: d.person,
            owner: d.owner.clone(),
            source: d.source.clone(),
        }
    }
}

/// A deal's fields once every rule has passed.
struct ValidDeal {
    title: String,
    pipeline: PipelineId,
    owner: String,
    source: String,
}

impl Workspace {
    fn validate_deal(&self, draft: &DealDraft) -> Result<ValidDeal, DomainError> {
        let title = text("deal title", &draft.title, MAX_TEXT)?;
        amount(draft.value)?;
        if let Some(p) = draft.probability_override {
            probability(p)?;
        }
        self.check_organization(draft.organization)?;
        self.check_person(draft.person)?;
        Ok(ValidDeal {
            title,
            pipeline: self.stage(draft.stage)?.0.id,
            owner: canonical_owner(&self.settings.team, &optional_text("owner", &draft.owner)?),
            source: optional_text("source", &draft.source)?,
        })
    }

    fn bottom_rank(&self, stage: StageId) -> i64 {
        self.deals
            .values()
            .filter(|d| d.stage == stage)
            .map(|d| d.rank)
            .max()
            .map_or(0, |r| r + 1024)
    }

    pub(crate) fn create_deal(
        &mut self,
        draft: &DealDraft,
        from_lead: Option<LeadId>,
        today: NaiveDate,
    ) -> Result<DealId, DomainError> {
        let valid = self.validate_deal(draft)?;
        let id = DealId(self.allocate());
        let deal = Deal {
            id,
            title: valid.title,
            value: draft.value,
            pipeline: valid.pipeline,
            stage: draft.stage,
            rank: self.bottom_rank(draft.stage),
            status: DealStatus::Open,
            lost_reason: None,
            lost_note: None,
            probability_override: draft.probability_override,
            expected_close: draft.expected_close,
            created_on: today,
            closed_on: None,
            organization: draft.organization,
            person: draft.person,
            participants: Vec::new(),
            owner: valid.owner,
            source: valid.source,
            last_touched_on: today,
            from_lead,
            source_id: None,
        };
        self.deals.insert(id, deal);
        self.log_event(id, today, DealEvent::EnteredStage(draft.stage));
        if draft.expected_close.is_some() {
            self.log_event(id, today, DealEvent::ExpectedClose(draft.expected_close));
        }
        Ok(id)
    }

    pub(super) fn edit_deal(
        &mut self,
        id: DealId,
        draft: &DealDraft,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let valid = self.validate_deal(draft)?;
        let current = self.deal(id)?.clone();
        let stage_changed = current.stage != draft.stage;
        if stage_changed && current.status != DealStatus::Open {
            return Err(DomainError::DealClosed(current.status.label()));
        }
        let deal = Deal {
            title: valid.title,
            value: draft.value,
            probability_override: draft.probability_override,
            expected_close: draft.expected_close,
            organization: draft.organization,
            person: draft.person,
            // A contact made primary is no longer among the others.
            participants: (current.participants.iter())
                .filter(|p| Some(**p) != draft.person)
                .copied()
                .collect(),
            owner: valid.owner,
            source: valid.source,
            last_touched_on: current.last_touched_on.max(today),
            ..current
        };
        self.deals.insert(id, deal);
        // Kept so a backtest knows the date as it stood then (rule 19).
        if current.expected_close != draft.expected_close {
            self.log_event(id, today, DealEvent::ExpectedClose(draft.expected_close));
        }
        if stage_changed {
            self.move_deal(id, draft.stage, None, today)?;
        }
        Ok(())
    }

    pub(super) fn move_deal(
        &mut self,
        id: DealId,
        stage: StageId,
        before: Option<DealId>,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let deal = self.deal(id)?.clone();
        if deal.status != DealStatus::Open {
            return Err(DomainError::DealClosed(deal.status.label()));
        }
        let pipeline = self.stage(stage)?.0.id;
        let rank = self.rank_before(stage, before, id);
        self.place_deal(deal, stage, pipeline, rank, today);
        Ok(())
    }

    /// `move_deal` to the end of the column, for many deals in one change: each column's
    /// last rank is found once and kept in `bottoms`, so moving k deals scans the deals
    /// once per column instead of once per deal.
    pub(super) fn move_deal_to_bottom(
        &mut self,
        id: DealId,
        stage: StageId,
        bottoms: &mut HashMap<StageId, Option<i64>>,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let deal = self.deal(id)?.clone();
        if deal.status != DealStatus::Open || deal.stage == stage {
            // Closed: refused as always. Within its own column: ranked among the others.
            bottoms.remove(&stage);
            return self.move_deal(id, stage, None, today);
        }
        let pipeline = self.stage(stage)?.0.id;
        let bottom = *bottoms.entry(stage).or_insert_with(|| {
            self.deals
                .values()
                .filter(|d| d.stage == stage && d.status == DealStatus::Open)
                .map(|d| d.rank)
                .max()
        });
        let rank = bottom.map_or(0, |r| r + 1024);
        bottoms.insert(stage, Some(rank));
        self.place_deal(deal, stage, pipeline, rank, today);
        Ok(())
    }

    fn place_deal(
        &mut self,
        deal: Deal,
        stage: StageId,
        pipeline: PipelineId,
        rank: i64,
        today: NaiveDate,
    ) {
        let id = deal.id;
        let entering = deal.stage != stage;
        self.deals.insert(
            id,
            Deal {
                stage,
                pipeline,
                rank,
                ..deal
            },
        );
        if entering {
            self.log_event(id, today, DealEvent::EnteredStage(stage));
        }
    }

    /// A rank that places a deal just before `before` in the column (or at its end),
    /// renumbering the column when the gap is used up.
    fn rank_before(&mut self, stage: StageId, before: Option<DealId>, moving: DealId) -> i64 {
        let column: Vec<(DealId, i64)> = self
            .stage_deals(stage)
            .into_iter()
            .filter(|d| d.id != moving)
            .map(|d| (d.id, d.rank))
            .collect();
        let position = before
            .and_then(|b| column.iter().position(|(id, _)| *id == b))
            .unwrap_or(column.len());
        let after_rank = position.checked_sub(1).map(|i| column[i].1);
        let before_rank = column.get(position).map(|c| c.1);
        match (after_rank, before_rank) {
            (None, None) => 0,
            (Some(a), None) => a + 1024,
            (None, Some(b)) => b - 1024,
            (Some(a), Some(b)) if b - a > 1 => a + (b - a) / 2,
            _ => {
                // No room left between neighbours: space the column out again.
                for (i, (id, _)) in column.iter().enumerate() {
                    if let Some(d) = self.deals.get_mut(id) {
                        d.rank = (i as i64 + if i >= position { 1 } else { 0 }) * 1024;
                    }
                }
                position as i64 * 1024
            }
        }
    }

    pub(super) fn win_deal(&mut self, id: DealId, today: NaiveDate) -> Result<(), DomainError> {
        self.close_deal(id, DealStatus::Won, None, String::new(), today)
    }

    pub(super) fn lose_deal(
        &mut self,
        id: DealId,
        reason: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let reason = match text("lost reason", reason, MAX_TEXT) {
            Err(DomainError::Empty(_)) => return Err(DomainError::LostReasonMissing),
            other => other?,
        };
        let note = optional_text("note", note)?;
        self.close_deal(id, DealStatus::Lost, Some(reason), note, today)
    }

    fn close_deal(
        &mut self,
        id: DealId,
        status: DealStatus,
        reason: Option<String>,
        note: String,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let deal = self
            .deals
            .get_mut(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        if deal.status != DealStatus::Open {
            return Err(DomainError::DealClosed(deal.status.label()));
        }
        deal.status = status;
        deal.closed_on = Some(today);
        deal.lost_reason = reason;
        deal.lost_note = (!note.is_empty()).then_some(note);
        deal.last_touched_on = today;
        let event = if status == DealStatus::Won {
            DealEvent::Won
        } else {
            DealEvent::Lost
        };
        self.log_event(id, today, event);
        Ok(())
    }

    pub(super) fn reopen_deal(&mut self, id: DealId, today: NaiveDate) -> Result<(), DomainError> {
        let deal = self
            .deals
            .get_mut(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        if deal.status == DealStatus::Open {
            return Err(DomainError::DealAlreadyOpen);
        }
        deal.status = DealStatus::Open;
        deal.closed_on = None;
        deal.lost_reason = None;
        deal.lost_note = None;
        deal.last_touched_on = today;
        let stage = deal.stage;
        self.log_event(id, today, DealEvent::Reopened);
        let rank = self.rank_before(stage, None, id);
        if let Some(d) = self.deals.get_mut(&id) {
            d.rank = rank;
        }
        Ok(())
    }

    pub(super) fn delete_deal(&mut self, id: DealId) -> Result<(), DomainError> {
        self.deals
            .remove(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        self.log.retain(|e| e.deal != id);
        self.remove_subject(Subject::Deal(id));
        update_where(
            &mut self.leads,
            |l| l.converted_deal == Some(id),
            |l| l.converted_deal = None,
        );
        Ok(())
    }

    fn log_event(&mut self, deal: DealId, on: NaiveDate, event: DealEvent) {
        self.log.push_back(LogEntry { deal, on, event });
    }
}
