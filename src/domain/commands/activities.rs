//! Activities (calls, meetings, tasks…) and notes about a deal, lead or organization.

use super::validate::{text, MAX_NOTE, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::team::canonical_owner;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::remove_where;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// What a follow-up is called when the user gives it no subject.
const DEFAULT_FOLLOW_UP: &str = "Follow up";

/// An activity as a form fills it in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub subject: String,
    /// The day it is due, or (when `done`) the day it happened.
    pub due_on: NaiveDate,
    pub at: Option<NaiveTime>,
    pub duration_minutes: Option<u32>,
    /// A team member's name as typed or picked; blank for the owner of the record.
    pub assignee: String,
    /// Logged after the fact: done on `due_on`, in one step.
    pub done: bool,
}

impl ActivityDraft {
    /// A planned activity with no time, duration or assignee.
    pub fn new(kind: ActivityKind, subject: impl Into<String>, due_on: NaiveDate) -> Self {
        ActivityDraft {
            kind,
            subject: subject.into(),
            due_on,
            at: None,
            duration_minutes: None,
            assignee: String::new(),
            done: false,
        }
    }
}

/// A day is 1,440 minutes: a longer activity is a typing mistake.
const MAX_DURATION: u32 = 24 * 60;

impl Workspace {
    pub(super) fn add_activity(
        &mut self,
        about: Subject,
        draft: &ActivityDraft,
        today: NaiveDate,
    ) -> Result<ActivityId, DomainError> {
        self.check_subject(about)?;
        let subject = text("activity subject", &draft.subject, MAX_TEXT)?;
        let duration_minutes = match draft.duration_minutes {
            None => None,
            Some(m @ 1..=MAX_DURATION) => u16::try_from(m).ok(),
            Some(m) => return Err(DomainError::Duration(m)),
        };
        if draft.done && draft.due_on > today {
            return Err(DomainError::DoneInFuture(draft.due_on));
        }
        let assignee =
            Some(canonical_owner(&self.settings.team, &draft.assignee)).filter(|a| !a.is_empty());
        let id = ActivityId(self.allocate());
        self.activities.insert(
            id,
            Activity {
                id,
                kind: draft.kind,
                subject,
                due_on: draft.due_on,
                at: draft.at,
                duration_minutes,
                assignee,
                done_on: draft.done.then_some(draft.due_on),
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
            None => self.add_activity(
                about,
                &ActivityDraft::new(ActivityKind::Call, "Follow-up", today),
                today,
            )?,
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
            self.add_activity(
                about,
                &ActivityDraft::new(ActivityKind::Task, subject, *due_on),
                today,
            )?;
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
            Subject::Person(id) => self.check_person(Some(id)),
        }
    }

    /// Removes the activities and notes about a deleted record.
    pub(super) fn remove_subject(&mut self, about: Subject) {
        remove_where(&mut self.activities, |a| a.about == about);
        remove_where(&mut self.notes, |n| n.about == about);
    }
}
