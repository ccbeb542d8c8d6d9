//! CSV export with the headers the importer maps back to the same fields.

use super::formula::neutralise;
use super::mapping::{Entity, Field};
use super::parse::quote;
use crate::domain::{DealId, DealStatus, LeadId, Workspace};

fn line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| quote(f, ','))
        .collect::<Vec<_>>()
        .join(",")
}

/// A text cell a user wrote, safe to open in a spreadsheet.
fn text(value: &str) -> String {
    neutralise(value)
}

/// Which records of a kind an export holds.
enum Only<'a> {
    /// All deals and organizations; the leads not yet converted (a converted one is
    /// its deal now).
    All,
    Deals(&'a [DealId]),
    Leads(&'a [LeadId]),
}

pub fn export_csv(ws: &Workspace, entity: Entity) -> String {
    export_some(ws, entity, Only::All)
}

/// The deals a filtered list shows, in its order, with the same columns as a full
/// export; ids no longer in the workspace are left out.
pub fn export_deals(ws: &Workspace, ids: &[DealId]) -> String {
    export_some(ws, Entity::Deals, Only::Deals(ids))
}

/// The leads chosen in the leads list, in its order, as `export_deals` does.
pub fn export_leads(ws: &Workspace, ids: &[LeadId]) -> String {
    export_some(ws, Entity::Leads, Only::Leads(ids))
}

fn export_some(ws: &Workspace, entity: Entity, only: Only) -> String {
    let currency = ws.settings.currency;
    let plain = |m: crate::domain::Money| {
        let unit = currency.unit();
        if currency.decimals == 0 {
            m.0.to_string()
        } else {
            format!(
                "{}.{:0w$}",
                m.0 / unit,
                (m.0 % unit).abs(),
                w = currency.decimals as usize
            )
        }
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut out = vec![line(
        &Field::for_entity(entity)
            .iter()
            .filter(|f| f.is_exported())
            .map(|f| f.label().to_string())
            .collect::<Vec<_>>(),
    )];
    match entity {
        Entity::Deals => {
            let deals: Vec<&crate::domain::Deal> = match only {
                Only::Deals(ids) => ids.iter().filter_map(|id| ws.deals.get(id)).collect(),
                _ => ws.deals.values().collect(),
            };
            for d in deals {
                let (pipeline, stage) = ws
                    .stage(d.stage)
                    .map(|(p, s)| (text(&p.name), text(&s.name)))
                    .unwrap_or_default();
                let person = d.person.and_then(|p| ws.people.get(&p));
                out.push(line(&[
                    text(&d.title),
                    plain(d.value),
                    currency.code.to_string(),
                    pipeline,
                    stage,
                    d.status.label().to_string(),
                    d.probability_override
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    date(Some(d.created_on)),
                    date(d.expected_close),
                    date(d.closed_on),
                    text(ws.organization_name(d.organization).unwrap_or("")),
                    text(person.map_or("", |p| p.name.as_str())),
                    text(&d.owner),
                    text(&d.source),
                    if d.status == DealStatus::Lost {
                        text(d.lost_reason.as_deref().unwrap_or(""))
                    } else {
                        String::new()
                    },
                    text(d.source_id.as_deref().unwrap_or("")),
                ]));
            }
        }
        Entity::Leads => {
            let leads: Vec<&crate::domain::Lead> = match only {
                Only::Leads(ids) => ids.iter().filter_map(|id| ws.leads.get(id)).collect(),
                _ => (ws.leads.values())
                    .filter(|l| l.status != crate::domain::LeadStatus::Converted)
                    .collect(),
            };
            for l in leads {
                out.push(line(&[
                    text(&l.name),
                    text(ws.organization_name(l.organization).unwrap_or("")),
                    text(&l.email),
                    text(&l.phone),
                    text(&l.source),
                    l.status.label().to_string(),
                    l.score.to_string(),
                    date(l.next_follow_up),
                    text(&l.owner),
                    date(Some(l.created_on)),
                ]));
            }
        }
        Entity::Organizations => {
            for o in ws.organizations.values() {
                out.push(line(&[text(&o.name), date(o.churned_on)]));
            }
        }
    }
    out.join("\r\n") + "\r\n"
}
