//! Activities (calls, meetings, tasks…) and notes about a deal, lead or organization.

use super::validate::{text, MAX_NOTE, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::remove_where;
use chrono::NaiveDate;

/// What a follow-up is called when the user gives it no subject.
const DEFAULT_FOLLOW_UP: &str = "Follow up";

impl Workspace {
    pub(super) fn add_activity(
        &mut self,
        about: Subject,
        kind: ActivityKind,
        subject: &str,
        due_on: NaiveDate,
    ) -> Result<ActivityId, DomainError> {
        self.check_subject(about)?;
        let subject = text("activity subject", subject, MAX_TEXT)?;
        let id = ActivityId(self.allocate());
        self.activities.insert(
            id,
            Activity {
                id,
                kind,
                subject,
                due_on,
                done_on: None,
                about,
            },
        );
        Ok(id)
    }

    pub(super) fn complete_activity(
        &mut self,
        id: ActivityId,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let activity = self
            .activities
            .get_mut(&id)
            .ok_or(DomainError::NotFound("activity"))?;
        activity.done_on = Some(today);
        let about = activity.about;
        self.touch(about, today);
        Ok(())
    }

    pub(super) fn delete_activity(&mut self, id: ActivityId) -> Result<(), DomainError> {
        self.activities
            .remove(&id)
            .ok_or(DomainError::NotFound("activity"))?;
        Ok(())
    }

    /// Completes a subject's next step (its earliest undone activity; without one, a
    /// call logged today) and schedules the following one.
    pub(super) fn complete_follow_up(
        &mut self,
        about: Subject,
        next: Option<&(String, NaiveDate)>,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        self.check_subject(about)?;
        let current = match self.next_activity(about) {
            Some(a) => a.id,
            None => self.add_activity(about, ActivityKind::Call, "Follow-up", today)?,
        };
        self.complete_activity(current, today)?;
        // A lead's follow-up date moves on to the next step (or clears).
        if let Subject::Lead(id) = about {
            if let Some(lead) = self.leads.get_mut(&id) {
                if lead.status.is_open() && lead.next_follow_up.is_some() {
                    lead.next_follow_up = next.map(|(_, due)| *due);
                }
            }
        }
        if let Some((subject, due_on)) = next {
            let subject = match subject.trim() {
                "" => DEFAULT_FOLLOW_UP,
                typed => typed,
            };
            self.add_activity(about, ActivityKind::Task, subject, *due_on)?;
        }
        Ok(())
    }

    pub(super) fn add_note(
        &mut self,
        about: Subject,
        body: &str,
        today: NaiveDate,
    ) -> Result<NoteId, DomainError> {
        self.check_subject(about)?;
        let text = text("note", body, MAX_NOTE)?;
        let id = NoteId(self.allocate());
        self.notes.insert(
            id,
            Note {
                id,
                text,
                written_on: today,
                about,
            },
        );
        self.touch(about, today);
        Ok(id)
    }

    pub(super) fn delete_note(&mut self, id: NoteId) -> Result<(), DomainError> {
        self.notes
            .remove(&id)
            .ok_or(DomainError::NotFound("note"))?;
        Ok(())
    }

    fn check_subject(&self, about: Subject) -> Result<(), DomainError> {
        match about {
            Subject::Deal(id) => self.deal(id).map(|_| ()),
            Subject::Lead(id) => self.lead(id).map(|_| ()),
            Subject::Organization(id) => self.check_organization(Some(id)),
        }
    }

    /// Records activity on a subject (for a deal, this resets rotting).
    fn touch(&mut self, about: Subject, today: NaiveDate) {
        if let Subject::Deal(id) = about {
            if let Some(deal) = self.deals.get_mut(&id) {
                deal.last_touched_on = deal.last_touched_on.max(today);
            }
        }
    }

    /// Removes the activities and notes about a deleted record.
    pub(super) fn remove_subject(&mut self, about: Subject) {
        remove_where(&mut self.activities, |a| a.about == about);
        remove_where(&mut self.notes, |n| n.about == about);
    }
}
