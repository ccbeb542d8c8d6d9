//! Native tests of people: adding and editing them, a deal's contact people (one
//! primary, others besides), what a person's page lists, and deleting a person.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pipewright::domain::commands::{Applied, DealDraft, LeadDraft};
use pipewright::domain::queries::people::{deals_of, leads_of, people_rows};
use pipewright::domain::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

fn person(ws: &mut Workspace, name: &str, email: &str) -> PersonId {
    let command = Command::CreatePerson {
        name: name.into(),
        email: email.into(),
        phone: String::new(),
        organization: None,
    };
    match ws.apply(&command, day()) {
        Ok(Applied::Person(id)) => id,
        other => panic!("expected a person, got {other:?}"),
    }
}

fn deal(ws: &mut Workspace, title: &str) -> DealId {
    let stage = ws.pipelines[0].stages[0].id;
    match ws.apply(
        &Command::CreateDeal(DealDraft::new(title, Money(1_000), stage)),
        day(),
    ) {
        Ok(Applied::Deal(id)) => id,
        other => panic!("expected a deal, got {other:?}"),
    }
}

fn contacts(ws: &Workspace, deal: DealId) -> Vec<PersonId> {
    ws.deal(deal).expect("deal").contacts().collect()
}

#[test]
fn a_person_is_edited_and_a_bad_email_is_refused_with_its_reason() {
    let mut ws = Workspace::new();
    let ana = person(&mut ws, "Ana", "ana@acme.test");
    let edit = |email: &str| Command::EditPerson {
        person: ana,
        name: " Ana Silva ".into(),
        email: email.into(),
        phone: "+45 1234".into(),
        organization: None,
    };
    let refused = ws.apply(&edit("ana at acme"), day());
    assert_eq!(refused, Err(DomainError::BadEmail("ana at acme".into())));
    assert_eq!(
        refused.expect_err("refused").to_string(),
        "“ana at acme” is not an email address like ana@example.com"
    );
    assert_eq!(ws.people[&ana].name, "Ana");
    ws.apply(&edit("ana.silva@acme.test"), day())
        .expect("edited");
    let ana_now = &ws.people[&ana];
    assert_eq!(
        (
            ana_now.name.as_str(),
            ana_now.email.as_str(),
            ana_now.phone.as_str()
        ),
        ("Ana Silva", "ana.silva@acme.test", "+45 1234")
    );
    let before = ws.next_id;
    assert!(ws
        .apply(
            &Command::CreatePerson {
                name: "Bo".into(),
                email: "bo@@x".into(),
                phone: String::new(),
                organization: None
            },
            day()
        )
        .is_err());
    assert_eq!(ws.next_id, before, "a refused person takes no id");
    let gone = Command::EditPerson {
        person: PersonId(999_999),
        name: "X".into(),
        email: String::new(),
        phone: String::new(),
        organization: None,
    };
    assert_eq!(ws.apply(&gone, day()), Err(DomainError::NotFound("person")));
}

#[test]
fn a_deal_has_one_primary_contact_and_others_besides() {
    let mut ws = Workspace::new();
    let d = deal(&mut ws, "Acme renewal");
    let (ana, bo, cy) = (
        person(&mut ws, "Ana", ""),
        person(&mut ws, "Bo", ""),
        person(&mut ws, "Cy", ""),
    );
    for p in [ana, bo, cy] {
        ws.apply(&Command::AddDealContact { deal: d, person: p }, day())
            .expect("added");
    }
    assert_eq!(
        ws.deal(d).expect("deal").person,
        Some(ana),
        "the first is primary"
    );
    assert_eq!(contacts(&ws, d), [ana, bo, cy]);
    assert_eq!(
        ws.apply(
            &Command::AddDealContact {
                deal: d,
                person: bo
            },
            day()
        ),
        Err(DomainError::AlreadyContact)
    );
    ws.apply(
        &Command::MakePrimaryContact {
            deal: d,
            person: cy,
        },
        day(),
    )
    .expect("primary");
    assert_eq!(
        contacts(&ws, d),
        [cy, ana, bo],
        "the former primary stays, first"
    );
    ws.apply(
        &Command::RemoveDealContact {
            deal: d,
            person: cy,
        },
        day(),
    )
    .expect("removed");
    assert_eq!(
        contacts(&ws, d),
        [ana, bo],
        "the next contact becomes primary"
    );
    assert_eq!(
        ws.apply(
            &Command::RemoveDealContact {
                deal: d,
                person: cy
            },
            day()
        ),
        Err(DomainError::NotAContact)
    );
    assert_eq!(
        ws.apply(
            &Command::MakePrimaryContact {
                deal: d,
                person: cy
            },
            day()
        ),
        Err(DomainError::NotAContact)
    );
    // Choosing another primary in the deal's form keeps no double entry.
    let current = ws.deal(d).expect("deal").clone();
    let mut draft = DealDraft::from(&current);
    draft.person = Some(bo);
    ws.apply(&Command::EditDeal { deal: d, draft }, day())
        .expect("edited");
    assert_eq!(contacts(&ws, d), [bo]);
}

#[test]
fn a_new_contact_is_made_at_the_deals_organization_in_one_step() {
    let mut ws = Workspace::new();
    let Ok(Applied::Organization(acme)) = ws.apply(
        &Command::CreateOrganization {
            name: "Acme".into(),
        },
        day(),
    ) else {
        panic!("organization")
    };
    let d = deal(&mut ws, "Acme pilot");
    let mut draft = DealDraft::from(ws.deal(d).expect("deal"));
    draft.organization = Some(acme);
    ws.apply(&Command::EditDeal { deal: d, draft }, day())
        .expect("edited");
    let people_before = ws.people.len();
    assert!(ws
        .apply(
            &Command::AddNewDealContact {
                deal: d,
                name: "  ".into(),
                email: String::new(),
                phone: String::new()
            },
            day()
        )
        .is_err());
    assert_eq!(
        ws.people.len(),
        people_before,
        "nothing is made when refused"
    );
    let Ok(Applied::Person(dee)) = ws.apply(
        &Command::AddNewDealContact {
            deal: d,
            name: "Dee".into(),
            email: "dee@acme.test".into(),
            phone: String::new(),
        },
        day(),
    ) else {
        panic!("new contact")
    };
    assert_eq!(ws.people[&dee].organization, Some(acme));
    assert_eq!(contacts(&ws, d), [dee]);
}

#[test]
fn a_persons_page_lists_their_deals_and_leads_and_deleting_them_cleans_up() {
    let mut ws = Workspace::new();
    let (ana, bo) = (person(&mut ws, "Ana", ""), person(&mut ws, "Bo", ""));
    let (zulu, alpha) = (deal(&mut ws, "Zulu"), deal(&mut ws, "alpha"));
    for (d, p) in [(zulu, ana), (alpha, bo), (alpha, ana)] {
        ws.apply(&Command::AddDealContact { deal: d, person: p }, day())
            .expect("added");
    }
    ws.apply(&Command::WinDeal { deal: alpha }, day())
        .expect("won");
    let mut lead = LeadDraft::new("Ana's inquiry");
    lead.person = Some(ana);
    ws.apply(&Command::CreateLead(lead), day()).expect("lead");
    let listed: Vec<(String, bool)> = deals_of(&ws, ana)
        .into_iter()
        .map(|d| (d.title, d.primary))
        .collect();
    assert_eq!(
        listed,
        [("Zulu".to_string(), true), ("alpha".to_string(), false)],
        "open deals first"
    );
    assert_eq!(leads_of(&ws, ana).len(), 1);
    for command in [
        Command::AddNote {
            about: Subject::Person(bo),
            text: "Prefers email".into(),
        },
        Command::AddActivity {
            about: Subject::Person(bo),
            draft: ActivityDraft::new(ActivityKind::Call, "Intro", day()),
        },
    ] {
        ws.apply(&command, day()).expect("about the person");
    }
    ws.apply(&Command::DeletePerson { person: bo }, day())
        .expect("deleted");
    assert_eq!(contacts(&ws, alpha), [ana], "Ana becomes primary");
    assert!(ws.notes_about(Subject::Person(bo)).is_empty());
    assert!(ws.activities_about(Subject::Person(bo)).is_empty());
}

#[test]
fn the_people_list_finds_by_any_field_ignoring_accents() {
    let mut ws = Workspace::new();
    person(&mut ws, "Zoë Brandt", "zoe@globex.test");
    person(&mut ws, "ana Silva", "");
    let names = |text: &str| -> Vec<String> {
        people_rows(&ws, text).into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names(""), ["ana Silva", "Zoë Brandt"]);
    assert_eq!(names("zoe"), ["Zoë Brandt"]);
    assert_eq!(names("GLOBEX"), ["Zoë Brandt"]);
}
