//! The organizations list: customer status, deals, leads and people per organization.

use super::command::{Applied, Command};
use super::error::DomainError;
use super::ids::*;
use super::metrics::customers::{first_wins, is_customer_on};
use super::model::*;
use super::money::Money;
use super::workspace::Workspace;
use crate::domain::sorting;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OrganizationRow {
    pub id: OrganizationId,
    pub name: String,
    /// First win (customer since), if any.
    pub customer_since: Option<NaiveDate>,
    pub churned_on: Option<NaiveDate>,
    pub is_customer: bool,
    pub open_deals: usize,
    pub won_value: Money,
    pub leads: usize,
    pub people: usize,
}

pub fn organization_rows(ws: &Workspace, text: &str, today: NaiveDate) -> Vec<OrganizationRow> {
    let wins = first_wins(ws);
    let mut open: HashMap<OrganizationId, usize> = HashMap::new();
    let mut won: HashMap<OrganizationId, Money> = HashMap::new();
    for d in ws.deals.values() {
        let Some(org) = d.organization else { continue };
        match d.status {
            DealStatus::Open => *open.entry(org).or_default() += 1,
            DealStatus::Won => *won.entry(org).or_default() += d.value,
            DealStatus::Lost => {}
        }
    }
    let mut leads: HashMap<OrganizationId, usize> = HashMap::new();
    for l in ws.leads.values().filter_map(|l| l.organization) {
        *leads.entry(l).or_default() += 1;
    }
    let mut people: HashMap<OrganizationId, usize> = HashMap::new();
    for p in ws.people.values().filter_map(|p| p.organization) {
        *people.entry(p).or_default() += 1;
    }
    let text = text.trim().to_lowercase();
    let mut rows: Vec<OrganizationRow> = ws
        .organizations
        .values()
        .filter(|o| text.is_empty() || o.name.to_lowercase().contains(&text))
        .map(|o| {
            let since = wins.get(&o.id).copied();
            OrganizationRow {
                id: o.id,
                name: o.name.clone(),
                customer_since: since,
                churned_on: o.churned_on,
                is_customer: since.is_some_and(|s| is_customer_on(s, o.churned_on, today)),
                open_deals: open.get(&o.id).copied().unwrap_or(0),
                won_value: won.get(&o.id).copied().unwrap_or_default(),
                leads: leads.get(&o.id).copied().unwrap_or(0),
                people: people.get(&o.id).copied().unwrap_or(0),
            }
        })
        .collect();
    sorting::sort_by(&mut rows, |a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    rows
}

impl Workspace {
    /// The organization a typed name means (ignoring case), created when new.
    pub(super) fn organization_named(
        &mut self,
        name: &str,
        today: NaiveDate,
    ) -> Result<OrganizationId, DomainError> {
        if let Some(id) = find_by_name(self, name) {
            return Ok(id);
        }
        match self.apply_in_place(
            &Command::CreateOrganization {
                name: name.to_string(),
            },
            today,
        )? {
            Applied::Organization(id) => Ok(id),
            _ => Err(DomainError::NotFound("organization")),
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
            } => *slot = Some(organization),
            _ => return Err(DomainError::NoOrganizationField),
        }
        Ok(command)
    }
}
