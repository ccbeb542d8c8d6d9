//! The deal form: the deal panel's fields and the board's quick add.

use super::{optional_date, FieldErrors, Percent};
use crate::domain::commands::{with_organization_named, Command, DealDraft};
use crate::domain::model::money::Money;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;

/// A deal's fields as the user typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DealForm {
    pub title: String,
    pub value: String,
    pub expected_close: String,
    /// The probability override; blank uses the stage's.
    pub probability: String,
    /// An organization's name: an existing one (ignoring case) or a new one.
    pub organization: String,
    pub owner: String,
    pub source: String,
    /// The contact person's id, blank for none.
    pub person: String,
}

impl DealForm {
    /// The form filled in with a deal as it is.
    pub fn of(ws: &Workspace, deal: &Deal) -> DealForm {
        let fmt = MoneyFormat::for_settings(&ws.settings);
        DealForm {
            title: deal.title.clone(),
            value: fmt.field(deal.value),
            expected_close: deal
                .expected_close
                .map(|d| d.to_string())
                .unwrap_or_default(),
            probability: deal
                .probability_override
                .map(|p| p.to_string())
                .unwrap_or_default(),
            organization: ws
                .organization_name(deal.organization)
                .unwrap_or("")
                .to_string(),
            owner: deal.owner.clone(),
            source: deal.source.clone(),
            person: deal.person.map(|p| p.0.to_string()).unwrap_or_default(),
        }
    }

    /// This form after the deal changed elsewhere (`latest`): fields the user has not
    /// touched since `shown` show the new values; typed ones stay.
    pub fn refreshed(&self, shown: &DealForm, latest: &DealForm) -> DealForm {
        super::refreshed(self, shown, latest, |f| {
            [
                &mut f.title,
                &mut f.value,
                &mut f.expected_close,
                &mut f.probability,
                &mut f.organization,
                &mut f.owner,
                &mut f.source,
                &mut f.person,
            ]
        })
    }

    /// The command that adds this deal at the bottom of `stage`.
    pub fn create(&self, ws: &Workspace, stage: StageId) -> Result<Command, FieldErrors> {
        let draft = self.onto(ws, DealDraft::new("", Money(0), stage), None)?;
        Ok(with_organization_named(
            ws,
            &self.organization,
            |organization| {
                Command::CreateDeal(DealDraft {
                    organization,
                    ..draft
                })
            },
        ))
    }

    /// The command that saves onto `deal`, as it is now, only the fields changed since
    /// the form showed `shown`: a field someone else changed meanwhile, and this user
    /// left alone, keeps the other's value.
    pub fn edit(
        &self,
        shown: &DealForm,
        ws: &Workspace,
        deal: &Deal,
    ) -> Result<Command, FieldErrors> {
        let draft = self.onto(ws, DealDraft::from(deal), Some(shown))?;
        let id = deal.id;
        if self.organization == shown.organization {
            return Ok(Command::EditDeal { deal: id, draft });
        }
        Ok(with_organization_named(
            ws,
            &self.organization,
            |organization| Command::EditDeal {
                deal: id,
                draft: DealDraft {
                    organization,
                    ..draft
                },
            },
        ))
    }

    /// `draft` with this form's fields (only those changed since `shown`, if given).
    fn onto(
        &self,
        ws: &Workspace,
        mut draft: DealDraft,
        shown: Option<&DealForm>,
    ) -> Result<DealDraft, FieldErrors> {
        let changed =
            |field: fn(&DealForm) -> &String| shown.is_none_or(|s| field(s) != field(self));
        let fmt = MoneyFormat::for_settings(&ws.settings);
        let mut errors = FieldErrors::default();
        if changed(|f| &f.title) {
            draft.title = self.title.clone();
        }
        if changed(|f| &f.value) {
            if let Some(value) = errors.check("Value", fmt.parse_or_zero(&self.value)) {
                draft.value = value;
            }
        }
        if changed(|f| &f.expected_close) {
            if let Some(date) = errors.check("Expected close", optional_date(&self.expected_close))
            {
                draft.expected_close = date;
            }
        }
        if changed(|f| &f.probability) {
            let parsed = Percent::parse_optional(&self.probability);
            if let Some(p) = errors.check("Probability", parsed) {
                draft.probability_override = p.map(Percent::get);
            }
        }
        if changed(|f| &f.owner) {
            draft.owner = self.owner.clone();
        }
        if changed(|f| &f.source) {
            draft.source = self.source.clone();
        }
        if changed(|f| &f.person) {
            // The menu offers only people who exist; the command checks it again.
            draft.person = self.person.trim().parse().ok().map(PersonId);
        }
        errors.or(draft)
    }
}
