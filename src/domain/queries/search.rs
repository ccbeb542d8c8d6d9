//! The global search (Ctrl+K or /): deals, leads, organizations and people whose name,
//! email or organization holds the text, ignoring case and accents; names that start
//! with it first.

use crate::domain::model::team::folded;
use crate::domain::model::*;
use crate::domain::support::sorting;
use crate::domain::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Found {
    Deal(DealId),
    Lead(LeadId),
    Organization(OrganizationId),
    Person(PersonId),
}

impl Found {
    pub fn kind(self) -> &'static str {
        match self {
            Found::Deal(_) => "Deal",
            Found::Lead(_) => "Lead",
            Found::Organization(_) => "Organization",
            Found::Person(_) => "Person",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub found: Found,
    pub label: String,
    /// What else identifies it: organization, status, email.
    pub detail: String,
}

/// At most `per_kind` hits of each kind, deals first; nothing for blank text.
pub fn search(ws: &Workspace, text: &str, per_kind: usize) -> Vec<Hit> {
    let wanted = folded(text);
    if wanted.is_empty() {
        return Vec::new();
    }
    // 0: the name starts with the text, 1: another field holds it.
    let rank = |name: &str, others: &[&str]| -> Option<u8> {
        let name = folded(name);
        if name.starts_with(&wanted) {
            Some(0)
        } else if name.contains(&wanted) || others.iter().any(|o| folded(o).contains(&wanted)) {
            Some(1)
        } else {
            None
        }
    };
    let org = |id: Option<OrganizationId>| ws.organization_name(id).unwrap_or("").to_string();
    let mut out = Vec::new();
    let mut take = |mut hits: Vec<(u8, Hit)>| {
        sorting::sort_by_cached_key(&mut hits, |(rank, hit)| (*rank, folded(&hit.label)));
        out.extend(hits.into_iter().take(per_kind).map(|(_, hit)| hit));
    };
    take(
        ws.deals
            .values()
            .filter_map(|d| {
                let organization = org(d.organization);
                rank(&d.title, &[&organization]).map(|r| {
                    let detail = [organization, d.status.label().to_string()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    (
                        r,
                        Hit {
                            found: Found::Deal(d.id),
                            label: d.title.clone(),
                            detail,
                        },
                    )
                })
            })
            .collect(),
    );
    take(
        ws.leads
            .values()
            .filter_map(|l| {
                let organization = org(l.organization);
                rank(&l.name, &[&organization, &l.email]).map(|r| {
                    (
                        r,
                        Hit {
                            found: Found::Lead(l.id),
                            label: l.name.clone(),
                            detail: format!(
                                "{} · {}",
                                l.status.label(),
                                if organization.is_empty() {
                                    l.email.clone()
                                } else {
                                    organization
                                }
                            ),
                        },
                    )
                })
            })
            .collect(),
    );
    take(
        ws.organizations
            .values()
            .filter_map(|o| {
                rank(&o.name, &[]).map(|r| {
                    (
                        r,
                        Hit {
                            found: Found::Organization(o.id),
                            label: o.name.clone(),
                            detail: String::new(),
                        },
                    )
                })
            })
            .collect(),
    );
    take(
        ws.people
            .values()
            .filter_map(|p| {
                rank(&p.name, &[&p.email]).map(|r| {
                    (
                        r,
                        Hit {
                            found: Found::Person(p.id),
                            label: p.name.clone(),
                            detail: [org(p.organization), p.email.clone()]
                                .into_iter()
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(" · "),
                        },
                    )
                })
            })
            .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{demo_workspace, DemoSize};

    #[test]
    fn finds_every_kind_ignoring_case_and_accents_names_starting_with_it_first() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let ws = demo_workspace(DemoSize::Standard, 4, today);
        let org = ws
            .organizations
            .values()
            .next()
            .expect("an organization")
            .name
            .clone();
        let hits = search(&ws, &org.to_uppercase(), 5);
        assert!(hits
            .iter()
            .any(|h| h.found
                == Found::Organization(ws.organizations.values().next().expect("org").id)));
        assert!(
            hits.iter().any(|h| matches!(h.found, Found::Deal(_))),
            "deals of that organization"
        );
        assert!(
            hits.iter()
                .filter(|h| matches!(h.found, Found::Deal(_)))
                .count()
                <= 5
        );
        assert!(search(&ws, "  ", 5).is_empty());
        assert!(search(&ws, "zzzz-nothing", 5).is_empty());
        let mut ws2 = Workspace::new();
        ws2.apply(
            &crate::domain::Command::CreateOrganization {
                name: "Société Générale".into(),
            },
            today,
        )
        .expect("created");
        assert_eq!(search(&ws2, "societe gen", 5)[0].label, "Société Générale");
        let first = &search(&ws, &org[..3], 5)[0];
        assert!(folded(&first.label).starts_with(&folded(&org[..3])));
    }
}
