//! CSV export with the headers the importer maps back to the same fields.

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

pub fn export_csv(ws: &Workspace, entity: Entity) -> String {
    let currency = ws.settings.currency();
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
                    d.title.clone(),
                    plain(d.value),
                    currency.code.to_string(),
                    stage,
                    d.status.label().to_string(),
                    date(d.expected_close),
                    date(d.closed_on),
                    ws.organization_name(d.organization)
                        .unwrap_or("")
                        .to_string(),
                    d.owner.clone(),
                    d.source.clone(),
                    if d.status == DealStatus::Lost {
                        d.lost_reason.clone().unwrap_or_default()
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
                    l.name.clone(),
                    ws.organization_name(l.organization)
                        .unwrap_or("")
                        .to_string(),
                    l.email.clone(),
                    l.phone.clone(),
                    l.source.clone(),
                    l.status.label().to_string(),
                    l.score.to_string(),
                    date(l.next_follow_up),
                    l.owner.clone(),
                ]));
            }
        }
        Entity::Organizations => {
            for o in ws.organizations.values() {
                out.push(line(&[o.name.clone(), date(o.churned_on)]));
            }
        }
    }
    out.join("\r\n") + "\r\n"
}
