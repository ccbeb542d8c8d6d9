//! The organizations list: customer status, deals, leads and people per organization.

use crate::domain::metrics::customers::{first_wins, is_customer_on};
use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::sorting;
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
