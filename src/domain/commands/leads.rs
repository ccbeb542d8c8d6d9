//! Leads: create, edit, move through the status lifecycle, convert into a deal, delete.

use super::deals::DealDraft;
use super::validate::{amount, optional_text, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::money::Money;
use crate::domain::model::team::canonical_owner;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::update_where;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The fields a user fills in for a lead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDraft {
    pub name: String,
    pub organization: Option<OrganizationId>,
    pub person: Option<PersonId>,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub score: u8,
    pub next_follow_up: Option<NaiveDate>,
    pub owner: String,
    pub expected_value: Money,
}

impl LeadDraft {
    /// The score a lead starts with when nobody has judged it yet.
    pub const FIRST_SCORE: u8 = 10;

    /// A new lead with only a name; the rest left empty.
    pub fn new(name: impl Into<String>) -> LeadDraft {
        LeadDraft {
            name: name.into(),
            organization: None,
            person: None,
            email: String::new(),
            phone: String::new(),
            source: String::new(),
            score: LeadDraft::FIRST_SCORE,
            next_follow_up: None,
            owner: String::new(),
            expected_value: Money(0),
        }
    }
}

impl From<&Lead> for LeadDraft {
    fn from(l: &Lead) -> LeadDraft {
        LeadDraft {
            name: l.name.clone(),
            organization: l.organization,
            person: l.person,
            email: l.email.clone(),
            phone: l.phone.clone(),
            source: l.source.clone(),
            score: l.score,
            next_follow_up: l.next_follow_up,
            owner: l.owner.clone(),
            expected_value: l.expected_value,
        }
    }
}

impl Workspace {
    fn lead_from_draft(
        &self,
        id: LeadId,
        draft: &LeadDraft,
        today: NaiveDate,
    ) -> Result<Lead, DomainError> {
        if draft.score > 100 {
            return Err(DomainError::Score(draft.score as i64));
        }
        amount(draft.expected_value)?;
        self.check_organization(draft.organization)?;
        self.check_person(draft.person)?;
        Ok(Lead {
            id,
            name: text("lead name", &draft.name, MAX_TEXT)?,
            organization: draft.organization,
            person: draft.person,
            email: optional_text("email", &draft.email)?,
            phone: optional_text("phone", &draft.phone)?,
            source: optional_text("source", &draft.source)?,
            status: LeadStatus::New,
            disqualify_reason: None,
            score: draft.score,
            next_follow_up: draft.next_follow_up,
            owner: canonical_owner(&self.settings.team, &optional_text("owner", &draft.owner)?),
            created_on: today,
            expected_value: draft.expected_value,
            converted_deal: None,
            status_history: vec![(today, LeadStatus::New)],
        })
    }

    pub(crate) fn create_lead(
        &mut self,
        draft: &LeadDraft,
        today: NaiveDate,
    ) -> Result<LeadId, DomainError> {
        let lead = self.lead_from_draft(LeadId(0), draft, today)?;
        let id = LeadId(self.allocate());
        self.leads.insert(id, Lead { id, ..lead });
        Ok(id)
    }

    pub(super) fn edit_lead(&mut self, id: LeadId, draft: &LeadDraft) -> Result<(), DomainError> {
        let current = self.lead(id)?.clone();
        let edited = self.lead_from_draft(id, draft, current.created_on)?;
        let lead = Lead {
            status: current.status,
            disqualify_reason: current.disqualify_reason.clone(),
            converted_deal: current.converted_deal,
            status_history: current.status_history.clone(),
            ..edited
        };
        self.leads.insert(id, lead);
        Ok(())
    }

    pub(super) fn set_lead_status(
        &mut self,
        id: LeadId,
        status: LeadStatus,
        reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        // Conversion creates the deal; it has its own command.
        if self.lead(id)?.status == LeadStatus::Converted || status == LeadStatus::Converted {
            return Err(DomainError::LeadConverted);
        }
        let reason = match status {
            LeadStatus::Disqualified => Some(text(
                "disqualification reason",
                reason.unwrap_or(""),
                MAX_TEXT,
            )?),
            _ => None,
        };
        let lead = self
            .leads
            .get_mut(&id)
            .ok_or(DomainError::NotFound("lead"))?;
        if lead.status != status {
            lead.status_history.push((today, status));
        }
        lead.status = status;
        lead.disqualify_reason = reason;
        Ok(())
    }

    /// The person a lead's email and phone belong to, when it has either: the person
    /// already known by that email, or a new one named after the lead (without the
    /// organization the demo and imports append in brackets).
    fn contact_of(&mut self, lead: &Lead) -> Result<Option<PersonId>, DomainError> {
        let email = lead.email.trim();
        if email.is_empty() && lead.phone.trim().is_empty() {
            return Ok(None);
        }
        let known = self
            .people
            .values()
            .find(|p| !email.is_empty() && p.email.trim().eq_ignore_ascii_case(email))
            .map(|p| p.id);
        if known.is_some() {
            return Ok(known);
        }
        let org = self
            .organization_name(lead.organization)
            .map(|o| format!(" ({o})"));
        let name = match &org {
            Some(suffix) => lead
                .name
                .strip_suffix(suffix.as_str())
                .unwrap_or(&lead.name),
            None => &lead.name,
        };
        self.create_person(name, email, &lead.phone, lead.organization)
            .map(Some)
    }

    /// Creates the deal a lead becomes (with its organization, person, owner and source;
    /// its notes are copied to the deal) and marks the lead converted.
    pub(super) fn convert_lead(
        &mut self,
        id: LeadId,
        title: &str,
        value: Money,
        stage: StageId,
        today: NaiveDate,
    ) -> Result<DealId, DomainError> {
        let lead = self.lead(id)?.clone();
        if lead.status == LeadStatus::Converted {
            return Err(DomainError::LeadConverted);
        }
        let person = match lead.person {
            Some(person) => Some(person),
            None => self.contact_of(&lead)?,
        };
        let draft = DealDraft {
            organization: lead.organization,
            person,
            owner: lead.owner.clone(),
            source: lead.source.clone(),
            ..DealDraft::new(title, value, stage)
        };
        let deal = self.create_deal(&draft, Some(id), today)?;
        let notes: Vec<Note> = self
            .notes_about(Subject::Lead(id))
            .into_iter()
            .cloned()
            .collect();
        for note in notes {
            let note_id = NoteId(self.allocate());
            self.notes.insert(
                note_id,
                Note {
                    id: note_id,
                    about: Subject::Deal(deal),
                    ..note
                },
            );
        }
        if let Some(lead) = self.leads.get_mut(&id) {
            lead.status = LeadStatus::Converted;
            lead.converted_deal = Some(deal);
            lead.status_history.push((today, LeadStatus::Converted));
        }
        Ok(deal)
    }

    pub(super) fn delete_lead(&mut self, id: LeadId) -> Result<(), DomainError> {
        self.leads
            .remove(&id)
            .ok_or(DomainError::NotFound("lead"))?;
        self.remove_subject(Subject::Lead(id));
        update_where(
            &mut self.deals,
            |d| d.from_lead == Some(id),
            |d| d.from_lead = None,
        );
        Ok(())
    }
}
