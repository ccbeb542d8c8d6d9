//! Organizations and the people who work there.

use super::validate::{text, MAX_TEXT};
use super::Command;
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::update_where;
use chrono::NaiveDate;

impl Workspace {
    pub(super) fn create_organization(
        &mut self,
        name: &str,
    ) -> Result<OrganizationId, DomainError> {
        let name = text("organization name", name, MAX_TEXT)?;
        let id = OrganizationId(self.allocate());
        self.organizations.insert(
            id,
            Organization {
                id,
                name,
                churned_on: None,
            },
        );
        Ok(id)
    }

    /// The organization a typed name means (ignoring case), created when new.
    pub fn organization_named(&mut self, name: &str) -> Result<OrganizationId, DomainError> {
        match find_by_name(self, name) {
            Some(id) => Ok(id),
            None => self.create_organization(name),
        }
    }

    pub(super) fn rename_organization(
        &mut self,
        id: OrganizationId,
        name: &str,
    ) -> Result<(), DomainError> {
        let name = text("organization name", name, MAX_TEXT)?;
        self.organization_mut(id)?.name = name;
        Ok(())
    }

    pub(super) fn set_churn(
        &mut self,
        id: OrganizationId,
        churned_on: Option<NaiveDate>,
    ) -> Result<(), DomainError> {
        self.organization_mut(id)?.churned_on = churned_on;
        Ok(())
    }

    fn organization_mut(&mut self, id: OrganizationId) -> Result<&mut Organization, DomainError> {
        self.organizations
            .get_mut(&id)
            .ok_or(DomainError::NotFound("organization"))
    }

    /// Deletes an organization; its deals, leads and people stay, without it.
    pub(super) fn delete_organization(&mut self, id: OrganizationId) -> Result<(), DomainError> {
        self.organizations
            .remove(&id)
            .ok_or(DomainError::NotFound("organization"))?;
        update_where(
            &mut self.deals,
            |d| d.organization == Some(id),
            |d| d.organization = None,
        );
        update_where(
            &mut self.leads,
            |l| l.organization == Some(id),
            |l| l.organization = None,
        );
        update_where(
            &mut self.people,
            |p| p.organization == Some(id),
            |p| p.organization = None,
        );
        self.remove_subject(Subject::Organization(id));
        Ok(())
    }

    pub(super) fn check_organization(
        &self,
        organization: Option<OrganizationId>,
    ) -> Result<(), DomainError> {
        match organization {
            Some(id) if !self.organizations.contains_key(&id) => {
                Err(DomainError::NotFound("organization"))
            }
            _ => Ok(()),
        }
    }
}

fn find_by_name(ws: &Workspace, name: &str) -> Option<OrganizationId> {
    let name = name.trim();
    ws.organizations
        .values()
        .find(|o| o.name.trim().eq_ignore_ascii_case(name))
        .map(|o| o.id)
}

/// The command `build` makes for the organization a typed name means: none when blank,
/// the existing one, or (for a new name) wrapped so the organization is created with it.
pub fn with_organization_named(
    ws: &Workspace,
    name: &str,
    build: impl FnOnce(Option<OrganizationId>) -> Command,
) -> Command {
    let name = name.trim();
    if name.is_empty() {
        return build(None);
    }
    match find_by_name(ws, name) {
        Some(id) => build(Some(id)),
        None => Command::WithOrganizationNamed {
            name: name.to_string(),
            then: Box::new(build(None)),
        },
    }
}

impl Command {
    /// This change with its organization set; only deal, lead and person changes have one.
    pub fn with_organization(&self, organization: OrganizationId) -> Result<Command, DomainError> {
        let mut command = self.clone();
        match &mut command {
            Command::CreateDeal(draft) | Command::EditDeal { draft, .. } => {
                draft.organization = Some(organization)
            }
            Command::CreateLead(draft) | Command::EditLead { draft, .. } => {
                draft.organization = Some(organization)
            }
            Command::CreatePerson {
                organization: slot, ..
            }
            | Command::EditPerson {
                organization: slot, ..
            } => *slot = Some(organization),
            _ => return Err(DomainError::NoOrganizationField),
        }
        Ok(command)
    }
}
