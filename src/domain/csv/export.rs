//! CSV export with the headers the importer maps back to the same fields.

use super::formula::neutralise;
use super::mapping::{Entity, Field};
use super::parse::quote;
use crate::domain::{DealStatus, Workspace};

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

pub fn export_csv(ws: &Workspace, entity: Entity) -> String {
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
            .map(|f| f.label().to_string())
            .collect::<Vec<_>>(),
    )];
    match entity {
        Entity::Deals => {
            for d in ws.deals.values() {
                let stage = ws
                    .stage(d.stage)
                    .map(|(_, s)| s.name.clone())
                    .unwrap_or_default();
                out.push(line(&[
                    text(&d.title),
                    plain(d.value),
                    currency.code.to_string(),
                    stage,
                    d.status.label().to_string(),
                    date(d.expected_close),
                    date(d.closed_on),
                    text(ws.organization_name(d.organization).unwrap_or("")),
                    text(&d.owner),
                    text(&d.source),
                    if d.status == DealStatus::Lost {
                        text(d.lost_reason.as_deref().unwrap_or(""))
                    } else {
                        String::new()
                    },
                ]));
            }
        }
        Entity::Leads => {
            for l in ws.leads.values().filter(|l| {
                l.status.is_open() || l.status == crate::domain::LeadStatus::Disqualified
            }) {
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
