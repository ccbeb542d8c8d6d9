//! Generating a demo workspace: organizations, people, leads, deals with their whole
//! stage history, activities, notes and churn, all dated relative to `today`.

use super::builder::{ago, top_up_late_stages, Builder};
use super::close_dates::seller_dates;
use super::names::*;
use super::random::Rng;
use super::DemoSize;
use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::sorting;
use chrono::{Days, NaiveDate};

/// A pipeline and, per stage, its chance to advance, mean days and rotting limit.
type Lane<'a> = (&'a Pipeline, &'a [(f64, f64, u32)]);

/// A workspace full of demo data for `today`. The same seed and size give the same data.
pub fn demo_workspace(size: DemoSize, seed: u64, today: NaiveDate) -> Workspace {
    let mut ws = Workspace::new();
    ws.settings.name = "Demo · Northwind Sales".into();
    let deal_count = size.deals();
    // About what the team wins in a good month.
    ws.settings.monthly_goal = Some(Money(deal_count as i64 * 250 * 100));
    ws.settings.team = OWNERS
        .iter()
        .zip(crate::domain::model::team::MEMBER_COLOURS)
        .map(|(name, colour)| crate::domain::model::TeamMember {
            name: (*name).to_string(),
            initials: crate::domain::model::team::default_initials(name),
            colour: colour.to_string(),
            // The team goal shared evenly.
            monthly_goal: Some(Money(deal_count as i64 * 250 * 100 / OWNERS.len() as i64)),
        })
        .collect();
    for (stage, (_, _, rot)) in ws.pipelines[0].stages.iter_mut().zip(STAGE_FLOW) {
        stage.rotting_days = Some(rot);
    }
    let pipeline = ws.first_pipeline().clone();
    let expansion = expansion_pipeline(&mut ws);
    ws.pipelines.push(expansion.clone());
    // Each deal's pipeline and how its stages flow.
    let lanes: [Lane; 2] = [(&pipeline, &STAGE_FLOW), (&expansion, &EXPANSION_FLOW)];
    let mut b = Builder {
        ws: &mut ws,
        rng: Rng::new(seed),
        today,
    };
    // The hard cases (the second pipeline, moves between pipelines, reopened deals, odd
    // values) draw from their own stream, so the rest of the demo keeps its shape.
    let mut cases = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
    // So do the sellers' expected close dates.
    let mut dates = Rng::new(seed ^ 0x5851_f42d_4c95_7f2d);

    // Organizations, each with one contact.
    let org_count = (deal_count / 4).max(24);
    let mut orgs = Vec::with_capacity(org_count);
    for i in 0..org_count {
        let name = if i < COMPANIES.len() * SECTORS.len() {
            format!(
                "{} {}",
                COMPANIES[i % COMPANIES.len()],
                SECTORS[(i / COMPANIES.len()) % SECTORS.len()]
            )
        } else {
            format!(
                "{} {} {}",
                COMPANIES[i % COMPANIES.len()],
                SECTORS[(i / COMPANIES.len()) % SECTORS.len()],
                i / (COMPANIES.len() * SECTORS.len()) + 1
            )
        };
        let id = OrganizationId(b.id());
        b.ws.organizations.insert(
            id,
            Organization {
                id,
                name: name.clone(),
                churned_on: None,
            },
        );
        let pid = PersonId(b.id());
        let (first, last) = (*b.rng.pick(&FIRST), *b.rng.pick(&LAST));
        let domain: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        b.ws.people.insert(
            pid,
            Person {
                id: pid,
                name: format!("{first} {last}"),
                email: format!(
                    "{}.{}@{domain}.example",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                phone: format!("+1 555 {:04}", b.rng.range(0, 10_000)),
                organization: Some(id),
            },
        );
        orgs.push((id, pid));
    }

    let mut ranks = [
        vec![0i64; pipeline.stages.len()],
        vec![0i64; expansion.stages.len()],
    ];
    let reasons = b.ws.settings.lost_reasons.clone();
    for n in 0..deal_count {
        let (org, person) = orgs[b.rng.range(0, orgs.len() as i64) as usize];
        let org_name =
            b.ws.organizations
                .get(&org)
                .map(|o| o.name.clone())
                .unwrap_or_default();
        let source_i = b.rng.weighted(&SOURCES.map(|s| s.1));
        let (source, _, lift) = SOURCES[source_i];
        let owner = OWNERS[n % OWNERS.len()].to_string();
        // Created over the last 15 months (wins then cover all 12), more recently more often.
        let age = (460.0 * b.rng.unit().powf(1.3)) as i64;
        let created = ago(today, age);
        let id = DealId(b.id());
        // About one deal in seven sells more to a customer: the Expansion pipeline.
        let mut lane = usize::from(cases.chance(0.15));
        let created_in = lane;
        // Some deals stall, at any point of their life: nobody moves them after that day,
        // and they rot until the seller, cleaning up, marks them lost (below).
        let stalled_from = cases
            .chance(0.08)
            .then(|| created + Days::new(cases.range(5, 120) as u64))
            .filter(|day| *day < today);
        let mut stage_i = if b.rng.chance(0.12) { 1 } else { 0 };
        let mut day = created;
        let mut log = vec![LogEntry {
            deal: id,
            on: created,
            event: DealEvent::EnteredStage(lanes[lane].0.stages[stage_i].id),
        }];
        let mut status = DealStatus::Open;
        let mut closed_on = None;
        let mut lost_reason = None;
        loop {
            let last = lanes[lane].0.stages.len() - 1;
            let (advance, mean_days, _) = lanes[lane].1[stage_i];
            let dwell = (mean_days
                * (0.4 + 1.2 * b.rng.unit())
                * if b.rng.chance(0.1) { 2.5 } else { 1.0 }) as u64;
            let next = day + Days::new(dwell.max(1));
            if next > stalled_from.unwrap_or(today) {
                break;
            }
            day = next;
            let p = (advance * lift).min(0.95);
            if b.rng.chance(p) {
                if stage_i == last {
                    status = DealStatus::Won;
                    closed_on = Some(day);
                    log.push(LogEntry {
                        deal: id,
                        on: day,
                        event: DealEvent::Won,
                    });
                    break;
                }
                // Now and then a stage is skipped.
                stage_i = (stage_i
                    + if b.rng.chance(0.06) && stage_i + 2 <= last {
                        2
                    } else {
                        1
                    })
                .min(last);
                log.push(LogEntry {
                    deal: id,
                    on: day,
                    event: DealEvent::EnteredStage(lanes[lane].0.stages[stage_i].id),
                });
            } else if lane == 0 && stage_i <= 1 && cases.chance(0.04) {
                // The buyer turns out to be a customer already: on to Expansion.
                (lane, stage_i) = (1, 0);
                log.push(LogEntry {
                    deal: id,
                    on: day,
                    event: DealEvent::EnteredStage(expansion.stages[0].id),
                });
            } else if b.rng.chance(0.12) && stage_i > 0 {
                // A step back: the buyer needs another demo.
                stage_i -= 1;
                log.push(LogEntry {
                    deal: id,
                    on: day,
                    event: DealEvent::EnteredStage(lanes[lane].0.stages[stage_i].id),
                });
            } else {
                status = DealStatus::Lost;
                closed_on = Some(day);
                let weights = [3.0, 2.5, 1.6, 1.4, 1.0, 0.8];
                lost_reason =
                    Some(reasons[b.rng.weighted(&weights[..reasons.len().min(6)])].clone());
                log.push(LogEntry {
                    deal: id,
                    on: day,
                    event: DealEvent::Lost,
                });
                // Now and then a lost buyer comes back: the deal reopens where it stopped.
                let back = day + Days::new(cases.range(20, 90) as u64);
                if cases.chance(0.07) && back <= today {
                    (status, closed_on, lost_reason, day) = (DealStatus::Open, None, None, back);
                    log.push(LogEntry {
                        deal: id,
                        on: day,
                        event: DealEvent::Reopened,
                    });
                    continue;
                }
                break;
            }
        }
        // A stalled deal is given up some weeks after it went quiet; until then it rots.
        if let (Some(stalled), DealStatus::Open) = (stalled_from, status) {
            let given_up = stalled + Days::new(cases.range(45, 120) as u64);
            if given_up <= today {
                (status, closed_on, day) = (DealStatus::Lost, Some(given_up), given_up);
                lost_reason = Some("No decision".to_string());
                log.push(LogEntry {
                    deal: id,
                    on: given_up,
                    event: DealEvent::Lost,
                });
            }
        }
        let open = status == DealStatus::Open;
        // Open deals: most have a next step planned, some were forgotten and rot.
        let forgotten = open && (b.rng.chance(0.18) || stalled_from.is_some());
        let mut last_touched = day;
        if !forgotten {
            let done_day = if open { b.days_ago(0, 6).max(day) } else { day };
            let kind = *b.rng.pick(&ActivityKind::ALL);
            b.activity(
                Subject::Deal(id),
                kind,
                format!("Follow up with {org_name}"),
                done_day,
                Some(done_day),
            );
            last_touched = last_touched.max(done_day);
        }
        if open && !forgotten && b.rng.chance(0.85) {
            let due = b.days_ago(-14, 6);
            let kind = *b.rng.pick(&ActivityKind::ALL);
            b.activity(
                Subject::Deal(id),
                kind,
                format!("{} about {}", kind.label(), PRODUCTS[n % PRODUCTS.len()]),
                due,
                None,
            );
        }
        // The seller's expected close date and its changes: a forgotten deal's date was
        // last looked at on its last move, a stalled one's when it stalled.
        let kept_up_until = match (forgotten, stalled_from) {
            (_, Some(stalled)) => stalled,
            (true, None) => day,
            (false, None) => closed_on.unwrap_or(today),
        };
        let until = closed_on.unwrap_or(today);
        let typical_cycle_days = lanes[created_in].1.iter().map(|(_, days, _)| days).sum();
        let seller = seller_dates(
            &mut dates,
            id,
            created,
            typical_cycle_days,
            until,
            kept_up_until,
        );
        let expected_close = seller.last;
        log.extend(seller.changes);
        // Into date order; a day's stage entry stays before that day's change of date.
        sorting::sort_by_key(&mut log, |e| e.on);
        ranks[lane][stage_i] += 1024;
        // Most prices are round; some carry a negotiated discount to the cent.
        let list_price = b.value();
        let value = if cases.chance(0.3) {
            Money(list_price.0 * (100 - cases.range(3, 18)) / 100)
        } else {
            list_price
        };
        let deal = Deal {
            id,
            title: format!(
                "{org_name} — {}",
                PRODUCTS[b.rng.range(0, PRODUCTS.len() as i64) as usize]
            ),
            value,
            pipeline: lanes[lane].0.id,
            stage: lanes[lane].0.stages[stage_i].id,
            rank: ranks[lane][stage_i],
            status,
            lost_reason,
            lost_note: None,
            probability_override: (open && b.rng.chance(0.05)).then(|| b.rng.range(5, 96) as u8),
            expected_close,
            created_on: created,
            closed_on,
            organization: Some(org),
            person: Some(person),
            owner: owner.clone(),
            source: source.to_string(),
            last_touched_on: last_touched,
            from_lead: None,
            source_id: None,
            participants: Vec::new(),
        };
        b.ws.deals.insert(id, deal);
        for entry in log {
            b.ws.log.push_back(entry);
        }
        // About a third of deals came from a converted lead.
        if b.rng.chance(0.33) {
            let lead_created = created - Days::new(b.rng.range(5, 40) as u64);
            let lead_id = LeadId(b.id());
            let person_rec = b.ws.people.get(&person).cloned();
            b.ws.leads.insert(
                lead_id,
                Lead {
                    id: lead_id,
                    name: person_rec
                        .as_ref()
                        .map(|p| format!("{} ({org_name})", p.name))
                        .unwrap_or_else(|| org_name.clone()),
                    organization: Some(org),
                    person: Some(person),
                    email: person_rec
                        .as_ref()
                        .map(|p| p.email.clone())
                        .unwrap_or_default(),
                    phone: person_rec.map(|p| p.phone).unwrap_or_default(),
                    source: source.to_string(),
                    status: LeadStatus::Converted,
                    disqualify_reason: None,
                    score: b.rng.range(60, 100) as u8,
                    next_follow_up: None,
                    owner,
                    created_on: lead_created,
                    expected_value: Money(0),
                    converted_deal: Some(id),
                    status_history: vec![
                        (lead_created, LeadStatus::New),
                        (lead_created + Days::new(2), LeadStatus::Contacted),
                        (created, LeadStatus::Converted),
                    ],
                },
            );
            if let Some(d) = b.ws.deals.get_mut(&id) {
                d.from_lead = Some(lead_id);
            }
        }
    }

    top_up_late_stages(&mut b, &pipeline, deal_count);
    top_up_late_stages(&mut b, &expansion, deal_count / 6);

    // Leads still being worked, and some disqualified.
    let open_leads = deal_count * 2 / 3 - b.ws.leads.len().min(deal_count * 2 / 3);
    let statuses = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Nurturing,
        LeadStatus::Qualified,
        LeadStatus::Disqualified,
    ];
    for n in 0..open_leads {
        let (org, person) = orgs[b.rng.range(0, orgs.len() as i64) as usize];
        let status = statuses[b.rng.weighted(&[0.25, 0.25, 0.2, 0.12, 0.18])];
        let created = b.days_ago(0, 150);
        let id = LeadId(b.id());
        let p = b.ws.people.get(&person).cloned();
        let org_name =
            b.ws.organizations
                .get(&org)
                .map(|o| o.name.clone())
                .unwrap_or_default();
        let source = SOURCES[b.rng.weighted(&SOURCES.map(|s| s.1))].0;
        let mut history = vec![(created, LeadStatus::New)];
        if status != LeadStatus::New {
            history.push((
                (created + Days::new(b.rng.range(1, 20) as u64)).min(today),
                status,
            ));
        }
        let expected_value = b.value();
        let score = match status {
            LeadStatus::Qualified => b.rng.range(65, 95),
            LeadStatus::Disqualified => b.rng.range(0, 25),
            _ => b.rng.range(10, 70),
        } as u8;
        let disqualify_reason = (status == LeadStatus::Disqualified).then(|| {
            (*b.rng
                .pick(&["No budget", "Not a fit", "Student", "Competitor"]))
            .to_string()
        });
        let follow_up = status.is_open().then(|| b.days_ago(-10, 12));
        b.ws.leads.insert(
            id,
            Lead {
                id,
                name: p
                    .as_ref()
                    .map(|p| format!("{} ({org_name})", p.name))
                    .unwrap_or_else(|| org_name.clone()),
                organization: Some(org),
                person: Some(person),
                email: p.as_ref().map(|p| p.email.clone()).unwrap_or_default(),
                phone: p.map(|p| p.phone).unwrap_or_default(),
                source: source.to_string(),
                status,
                disqualify_reason,
                score,
                next_follow_up: follow_up,
                owner: OWNERS[n % OWNERS.len()].to_string(),
                created_on: created,
                expected_value,
                converted_deal: None,
                status_history: history,
            },
        );
        if status != LeadStatus::New {
            let done = (created + Days::new(1)).min(today);
            b.activity(
                Subject::Lead(id),
                ActivityKind::Call,
                "Intro call".into(),
                done,
                Some(done),
            );
        }
    }

    // Some customers churn a while after their first win.
    let first = crate::domain::metrics::customers::first_wins(b.ws);
    let mut customers: Vec<_> = first.into_iter().collect();
    sorting::sort(&mut customers);
    for (org, win) in customers {
        if b.rng.chance(0.15) {
            let churn = win + Days::new(b.rng.range(30, 240) as u64);
            if churn <= today {
                if let Some(o) = b.ws.organizations.get_mut(&org) {
                    o.churned_on = Some(churn);
                }
            }
        }
    }
    ws
}

/// The second pipeline, "Expansion", with its stages' probabilities and rotting limits.
fn expansion_pipeline(ws: &mut Workspace) -> Pipeline {
    let id = PipelineId(ws.allocate());
    let stages = EXPANSION_STAGES
        .iter()
        .zip(EXPANSION_FLOW)
        .map(|((name, probability), (_, _, rot))| Stage {
            id: StageId(ws.allocate()),
            name: (*name).to_string(),
            probability: *probability,
            rotting_days: Some(rot),
        })
        .collect();
    Pipeline {
        id,
        name: "Expansion".into(),
        stages,
    }
}
