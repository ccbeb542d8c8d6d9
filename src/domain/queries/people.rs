//! The People list, and what a person's page shows: the deals they are a contact of
//! and the leads they came in with.

use crate::domain::model::money::Money;
use crate::domain::model::team::folded;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::sorting;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonRow {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organization: Option<OrganizationId>,
    pub organization_name: String,
}

/// Everyone whose name, email, phone or organization contains `text` (ignoring case
/// and accents), by name.
pub fn people_rows(ws: &Workspace, text: &str) -> Vec<PersonRow> {
    let needle = folded(text);
    let mut rows: Vec<PersonRow> = ws
        .people
        .values()
        .map(|p| PersonRow {
            id: p.id,
            name: p.name.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            organization: p.organization,
            organization_name: ws
                .organization_name(p.organization)
                .unwrap_or("")
                .to_string(),
        })
        .filter(|r| {
            needle.is_empty()
                || [&r.name, &r.email, &r.phone, &r.organization_name]
                    .iter()
                    .any(|field| folded(field).contains(&needle))
        })
        .collect();
    sorting::sort_by_cached_key(&mut rows, |r| (folded(&r.name), r.id));
    rows
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonDeal {
    pub id: DealId,
    pub title: String,
    pub status: DealStatus,
    pub value: Money,
    /// The person is the deal's primary contact.
    pub primary: bool,
}

/// The deals a person is a contact of: open ones first, then by title.
pub fn deals_of(ws: &Workspace, person: PersonId) -> Vec<PersonDeal> {
    let mut deals: Vec<PersonDeal> = ws
        .deals
        .values()
        .filter(|d| d.contacts().any(|p| p == person))
        .map(|d| PersonDeal {
            id: d.id,
            title: d.title.clone(),
            status: d.status,
            value: d.value,
            primary: d.person == Some(person),
        })
        .collect();
    sorting::sort_by_cached_key(&mut deals, |d| {
        (d.status != DealStatus::Open, folded(&d.title), d.id)
    });
    deals
}

/// The leads that name this person: `(lead, name, status)`.
pub fn leads_of(ws: &Workspace, person: PersonId) -> Vec<(LeadId, String, LeadStatus)> {
    let mut leads: Vec<(LeadId, String, LeadStatus)> = ws
        .leads
        .values()
        .filter(|l| l.person == Some(person))
        .map(|l| (l.id, l.name.clone(), l.status))
        .collect();
    sorting::sort_by_cached_key(&mut leads, |(id, name, _)| (folded(name), *id));
    leads
}
