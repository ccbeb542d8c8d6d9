//! People: contacts at organizations, and the contact people of deals (one primary,
//! any number besides).

use super::validate::{optional_email, optional_text, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::collections::update_where;

impl Workspace {
    fn valid_person(
        &self,
        id: PersonId,
        name: &str,
        email: &str,
        phone: &str,
        organization: Option<OrganizationId>,
    ) -> Result<Person, DomainError> {
        self.check_organization(organization)?;
        Ok(Person {
            id,
            name: text("name", name, MAX_TEXT)?,
            email: optional_email(email)?,
            phone: optional_text("phone", phone)?,
            organization,
        })
    }

    pub(super) fn create_person(
        &mut self,
        name: &str,
        email: &str,
        phone: &str,
        organization: Option<OrganizationId>,
    ) -> Result<PersonId, DomainError> {
        // Validated before an id is taken, so a refused person uses none.
        let person = self.valid_person(PersonId(0), name, email, phone, organization)?;
        let id = PersonId(self.allocate());
        self.people.insert(id, Person { id, ..person });
        Ok(id)
    }

    /// The person of that name (ignoring case) at the organization (or at none),
    /// created there when new.
    pub fn person_named(
        &mut self,
        name: &str,
        organization: Option<OrganizationId>,
    ) -> Result<PersonId, DomainError> {
        let name = name.trim();
        let existing = (self.people.values())
            .find(|p| p.organization == organization && p.name.trim().eq_ignore_ascii_case(name));
        match existing {
            Some(person) => Ok(person.id),
            None => self.create_person(name, "", "", organization),
        }
    }

    pub(super) fn edit_person(
        &mut self,
        id: PersonId,
        name: &str,
        email: &str,
        phone: &str,
        organization: Option<OrganizationId>,
    ) -> Result<(), DomainError> {
        self.check_person(Some(id))?;
        let person = self.valid_person(id, name, email, phone, organization)?;
        self.people.insert(id, person);
        Ok(())
    }

    /// Deletes a person with their activities and notes; deals and leads that named
    /// them stay, without them (a deal's next contact becomes its primary one).
    pub(super) fn delete_person(&mut self, id: PersonId) -> Result<(), DomainError> {
        self.people
            .remove(&id)
            .ok_or(DomainError::NotFound("person"))?;
        update_where(
            &mut self.deals,
            |d| d.person == Some(id) || d.participants.contains(&id),
            |d| forget_contact(d, id),
        );
        update_where(
            &mut self.leads,
            |l| l.person == Some(id),
            |l| l.person = None,
        );
        self.remove_subject(Subject::Person(id));
        Ok(())
    }

    pub(super) fn check_person(&self, person: Option<PersonId>) -> Result<(), DomainError> {
        match person {
            Some(id) if !self.people.contains_key(&id) => Err(DomainError::NotFound("person")),
            _ => Ok(()),
        }
    }

    /// Adds a contact person to a deal: its primary one when it has none.
    pub(super) fn add_deal_contact(
        &mut self,
        deal: DealId,
        person: PersonId,
    ) -> Result<(), DomainError> {
        self.check_person(Some(person))?;
        let deal = self.deal_mut(deal)?;
        if deal.contacts().any(|p| p == person) {
            return Err(DomainError::AlreadyContact);
        }
        match deal.person {
            None => deal.person = Some(person),
            Some(_) => deal.participants.push(person),
        }
        Ok(())
    }

    pub(super) fn add_new_deal_contact(
        &mut self,
        deal: DealId,
        name: &str,
        email: &str,
        phone: &str,
    ) -> Result<PersonId, DomainError> {
        let organization = self.deal(deal)?.organization;
        let person = self.create_person(name, email, phone, organization)?;
        self.add_deal_contact(deal, person)?;
        Ok(person)
    }

    pub(super) fn remove_deal_contact(
        &mut self,
        deal: DealId,
        person: PersonId,
    ) -> Result<(), DomainError> {
        let deal = self.deal_mut(deal)?;
        if !deal.contacts().any(|p| p == person) {
            return Err(DomainError::NotAContact);
        }
        forget_contact(deal, person);
        Ok(())
    }

    /// Makes one of a deal's contacts its primary one; the former primary stays a
    /// contact, first among the others.
    pub(super) fn make_primary_contact(
        &mut self,
        deal: DealId,
        person: PersonId,
    ) -> Result<(), DomainError> {
        let deal = self.deal_mut(deal)?;
        if deal.person == Some(person) {
            return Ok(());
        }
        let Some(at) = deal.participants.iter().position(|p| *p == person) else {
            return Err(DomainError::NotAContact);
        };
        deal.participants.remove(at);
        if let Some(former) = deal.person.replace(person) {
            deal.participants.insert(0, former);
        }
        Ok(())
    }

    fn deal_mut(&mut self, id: DealId) -> Result<&mut Deal, DomainError> {
        self.deals.get_mut(&id).ok_or(DomainError::NotFound("deal"))
    }
}

/// Takes a person off a deal's contacts; when they were the primary one, the first of
/// the others takes their place.
fn forget_contact(deal: &mut Deal, person: PersonId) {
    deal.participants.retain(|p| *p != person);
    if deal.person == Some(person) {
        deal.person = match deal.participants.is_empty() {
            true => None,
            false => Some(deal.participants.remove(0)),
        };
    }
}
