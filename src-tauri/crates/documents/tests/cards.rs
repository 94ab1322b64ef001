//! Role cards: one A6 page per person in a recovery role, with their roles, first steps, call
//! tree and the alternate location.

mod common;

use common::*;
use continuum_documents::{render_cards, CardsModel};

#[test]
fn one_card_per_person_in_a_role_with_who_calls_whom() {
    let store = demo_store();
    let m = CardsModel::build(&store, "tokyo", demo_date()).unwrap();
    let site = store.site("tokyo").unwrap();
    let in_roles: std::collections::BTreeSet<&str> = site
        .plans
        .iter()
        .filter(|p| p.status == continuum_core::PlanStatus::Approved)
        .flat_map(|p| p.assignments.iter().map(|a| a.person.as_str()))
        .filter(|id| site.people.iter().any(|p| &p.id == id && p.active))
        .collect();
    assert_eq!(m.cards.len(), in_roles.len());

    // The incident commander starts the call tree; whoever they call lists them as caller.
    let ic = m
        .cards
        .iter()
        .find(|c| {
            c.roles
                .iter()
                .any(|r| r.role == "Incident Commander" && r.rank == 0)
        })
        .unwrap();
    let ic_role = ic
        .roles
        .iter()
        .find(|r| r.role == "Incident Commander" && r.rank == 0)
        .unwrap();
    assert!(ic_role.called_by.is_empty());
    assert!(!ic_role.calls.is_empty());
    let (_, callee, _) = &ic_role.calls[0];
    let callee_card = m.cards.iter().find(|c| &c.person.name == callee).unwrap();
    assert!(callee_card.roles.iter().any(|r| r
        .called_by
        .iter()
        .any(|(_, name, _)| name == &ic.person.name)));
    assert!(ic_role
        .first_steps
        .as_ref()
        .is_some_and(|(_, s)| !s.is_empty()));
    assert!(m.alternate.is_some());

    let doc = render_cards(&m).unwrap();
    qpdf_check(&doc.pdf);
    assert_eq!(
        doc.pages.len(),
        m.cards.len(),
        "every demo card fits on one A6 page"
    );
    let text = pdf_text(&doc.pdf, false);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (card, page) in m.cards.iter().zip(&pages) {
        assert!(page.contains(&card.person.name), "{}", card.person.name);
        for r in &card.roles {
            assert!(
                page.contains(&r.role),
                "{} on {}'s card",
                r.role,
                card.person.name
            );
        }
    }
    let alt = m.alternate.unwrap();
    assert!(squash(pages[0]).contains(&squash(&alt.alternate_site)));
}

#[test]
fn unknown_site_is_not_found() {
    let store = demo_store();
    let err = CardsModel::build(&store, "atlantis", demo_date()).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn cards_of_every_demo_site_render_and_check() {
    let store = demo_store();
    for site in store.site_ids().unwrap() {
        let m = CardsModel::build(&store, &site, demo_date()).unwrap();
        let doc = render_cards(&m).unwrap();
        qpdf_check(&doc.pdf);
        assert!(doc.pages.len() >= m.cards.len(), "{site}");
    }
}
