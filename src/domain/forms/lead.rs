//! The lead form: the lead panel's fields and the leads page's quick add.

use super::{optional_date, score, FieldErrors};
use crate::domain::commands::{with_organization_named, Command, LeadDraft};
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;

/// A lead's fields as the user typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadForm {
    pub name: String,
    /// An organization's name: an existing one (ignoring case) or a new one.
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub owner: String,
    /// Blank on a new lead: it starts at `LeadDraft::FIRST_SCORE`.
    pub score: String,
    pub next_follow_up: String,
    pub expected_value: String,
}

impl LeadForm {
    /// The form filled in with a lead as it is.
    pub fn of(ws: &Workspace, lead: &Lead) -> LeadForm {
        let fmt = MoneyFormat::for_settings(&ws.settings);
        LeadForm {
            name: lead.name.clone(),
            organization: ws
                .organization_name(lead.organization)
                .unwrap_or("")
                .to_string(),
            email: lead.email.clone(),
            phone: lead.phone.clone(),
            source: lead.source.clone(),
            owner: lead.owner.clone(),
            score: lead.score.to_string(),
            next_follow_up: lead
                .next_follow_up
                .map(|d| d.to_string())
                .unwrap_or_default(),
            expected_value: fmt.field(lead.expected_value),
        }
    }

    /// This form after the lead changed elsewhere (`latest`): fields the user has not
    /// touched since `shown` show the new values; typed ones stay.
    pub fn refreshed(&self, shown: &LeadForm, latest: &LeadForm) -> LeadForm {
        super::refreshed(self, shown, latest, |f| {
            [
                &mut f.name,
                &mut f.organization,
                &mut f.email,
                &mut f.phone,
                &mut f.source,
                &mut f.owner,
                &mut f.score,
                &mut f.next_follow_up,
                &mut f.expected_value,
            ]
        })
    }

    /// The command that adds this lead.
    pub fn create(&self, ws: &Workspace) -> Result<Command, FieldErrors> {
        let draft = self.onto(ws, LeadDraft::new(""), None)?;
        Ok(with_organization_named(
            ws,
            &self.organization,
            |organization| {
                Command::CreateLead(LeadDraft {
                    organization,
                    ..draft
                })
            },
        ))
    }

    /// The command that saves onto `lead`, as it is now, only the fields changed since
    /// the form showed `shown`.
    pub fn edit(
        &self,
        shown: &LeadForm,
        ws: &Workspace,
        lead: &Lead,
    ) -> Result<Command, FieldErrors> {
        let draft = self.onto(ws, LeadDraft::from(lead), Some(shown))?;
        let id = lead.id;
        if self.organization == shown.organization {
            return Ok(Command::EditLead { lead: id, draft });
        }
        Ok(with_organization_named(
            ws,
            &self.organization,
            |organization| Command::EditLead {
                lead: id,
                draft: LeadDraft {
                    organization,
                    ..draft
                },
            },
        ))
    }

    fn onto(
        &self,
        ws: &Workspace,
        mut draft: LeadDraft,
        shown: Option<&LeadForm>,
    ) -> Result<LeadDraft, FieldErrors> {
        let changed =
            |field: fn(&LeadForm) -> &String| shown.is_none_or(|s| field(s) != field(self));
        let fmt = MoneyFormat::for_settings(&ws.settings);
        let mut errors = FieldErrors::default();
        // Text fields: each the user changed (all of them on a new lead).
        for (mine, before, slot) in [
            (&self.name, shown.map(|s| &s.name), &mut draft.name),
            (&self.email, shown.map(|s| &s.email), &mut draft.email),
            (&self.phone, shown.map(|s| &s.phone), &mut draft.phone),
            (&self.source, shown.map(|s| &s.source), &mut draft.source),
            (&self.owner, shown.map(|s| &s.owner), &mut draft.owner),
        ] {
            if before != Some(mine) {
                mine.clone_into(slot);
            }
        }
        if changed(|f| &f.score) && !(shown.is_none() && self.score.trim().is_empty()) {
            if let Some(s) = errors.check("Score", score(&self.score)) {
                draft.score = s;
            }
        }
        if changed(|f| &f.next_follow_up) {
            if let Some(d) = errors.check("Next follow-up", optional_date(&self.next_follow_up)) {
                draft.next_follow_up = d;
            }
        }
        if changed(|f| &f.expected_value) {
            let parsed = fmt.parse_or_zero(&self.expected_value);
            if let Some(v) = errors.check("Expected value", parsed) {
                draft.expected_value = v;
            }
        }
        errors.or(draft)
    }
}
