//! Runbooks: the model says the right things, and the PDF carries them — read back with
//! pdftotext, checked with qpdf.

mod common;

use chrono::NaiveDate;
use common::*;
use continuum_core::{Phase, PlanStatus, Span, Step};
use continuum_documents::layout::{Geometry, Item};
use continuum_documents::model::Currency;
use continuum_documents::{render_runbook, runbook, RunbookModel, Target};

fn tokyo_bcp() -> (RunbookModel, continuum_documents::Document) {
    let store = demo_store();
    let model =
        RunbookModel::build(&store, &Target::Plan("tokyo-bcp".into()), demo_date()).unwrap();
    let doc = render_runbook(&model).unwrap();
    (model, doc)
}

#[test]
fn targets_resolve_to_sites_or_plans_and_unknown_is_an_error() {
    let store = demo_store();
    assert_eq!(
        Target::resolve(&store, "tokyo").unwrap(),
        Target::Site("tokyo".into())
    );
    assert_eq!(
        Target::resolve(&store, "tokyo-bcp").unwrap(),
        Target::Plan("tokyo-bcp".into())
    );
    let err = Target::resolve(&store, "atlantis").unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert!(err.to_string().contains("atlantis"), "{err}");
}

#[test]
fn the_model_orders_processes_by_rto_and_runs_the_clock_against_it() {
    let (m, _) = tokyo_bcp();
    let plan = &m.plans[0];
    assert!(m.marking.is_none(), "an approved plan is not marked");
    let rtos: Vec<Span> = plan.processes.iter().map(|p| p.rto).collect();
    assert!(rtos.windows(2).all(|w| w[0] <= w[1]), "{rtos:?}");
    let (shortest, _) = plan.shortest_rto.clone().unwrap();
    assert_eq!(shortest, rtos[0]);

    let mut sum = 0;
    for s in &plan.steps {
        sum += s.target.minutes();
        assert_eq!(s.elapsed.minutes(), sum, "step {}", s.number);
        assert_eq!(
            s.beyond_rto,
            s.phase != Phase::Restore && sum > shortest.minutes(),
            "step {}",
            s.number
        );
    }
    assert_eq!(
        plan.steps.iter().map(|s| s.number).collect::<Vec<_>>(),
        (1..=plan.steps.len()).collect::<Vec<_>>()
    );
}

#[test]
fn the_model_finds_gaps_in_roles() {
    let store = demo_store();
    let portfolio = store.portfolio().unwrap();
    let mut data = store.site("tokyo").unwrap();
    let plan = data.plans.iter_mut().find(|p| p.id == "tokyo-bcp").unwrap();
    // No primary for the HR lead, and the IT recovery lead's alternate has left.
    plan.assignments
        .retain(|a| !(a.role == "hr-lead" && a.rank == 0));
    let it_alt = plan
        .assignments
        .iter()
        .find(|a| a.role == "it-recovery-lead" && a.rank == 1)
        .unwrap()
        .person
        .clone();
    data.people
        .iter_mut()
        .find(|p| p.id == it_alt)
        .unwrap()
        .active = false;
    let m = RunbookModel::from_data(&portfolio, &data, Some("tokyo-bcp"), demo_date());
    let plan = &m.plans[0];
    let hr = plan.roles.iter().find(|r| r.id == "hr-lead").unwrap();
    assert!(
        hr.gaps.iter().any(|g| g.contains("No primary")),
        "{:?}",
        hr.gaps
    );
    let it = plan
        .roles
        .iter()
        .find(|r| r.id == "it-recovery-lead")
        .unwrap();
    assert!(
        it.gaps.iter().any(|g| g.contains("has left")),
        "{:?}",
        it.gaps
    );
    assert!(
        it.gaps
            .iter()
            .any(|g| g.contains("1 alternate(s); 0 active")),
        "{:?}",
        it.gaps
    );
    // Training currency is judged on the generation date: far in the future, everything expired.
    let later = RunbookModel::from_data(
        &portfolio,
        &data,
        Some("tokyo-bcp"),
        NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(),
    );
    let ic = &later.plans[0].roles[0];
    assert!(ic
        .holders
        .iter()
        .flat_map(|h| &h.training)
        .all(|t| matches!(t.currency, Currency::Expired { .. } | Currency::Missing)));
    assert!(
        ic.gaps.iter().any(|g| g.contains("expired")),
        "{:?}",
        ic.gaps
    );
}

#[test]
fn a_site_without_approved_plans_gets_its_drafts_marked_draft() {
    let store = demo_store();
    let m = RunbookModel::build(&store, &Target::Site("dubai".into()), demo_date()).unwrap();
    assert_eq!(m.marking.as_deref(), Some("DRAFT"));
    assert!(!m.plans.is_empty());
    assert!(m.plans.iter().all(|p| !p.approved));
    let doc = render_runbook(&m).unwrap();
    let text = pdf_text(&doc.pdf, false);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), doc.pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("DRAFT"), "page {} is not marked DRAFT", i + 1);
    }
    // A site with approved plans covers only those.
    let tokyo = RunbookModel::build(&store, &Target::Site("tokyo".into()), demo_date()).unwrap();
    assert!(tokyo.marking.is_none() && tokyo.plans.iter().all(|p| p.approved));
    let site = store.site("tokyo").unwrap();
    assert_eq!(
        tokyo.plans.len(),
        site.plans
            .iter()
            .filter(|p| p.status == PlanStatus::Approved)
            .count()
    );
}

#[test]
fn the_pdf_has_every_section_step_role_and_person_in_order() {
    let (m, doc) = tokyo_bcp();
    let plan = &m.plans[0];
    qpdf_check(&doc.pdf);
    let raw = pdf_text(&doc.pdf, true);

    // Cover facts and the classification line.
    assert_in_order(
        &raw,
        &[
            "東京".into(),
            plan.title.clone(),
            format!("Version {}", plan.version),
            continuum_documents::CLASSIFICATION.into(),
        ],
    );

    // Sections in the order of the issue, after the contents.
    let sections: Vec<String> = [
        "Contents",
        "1 Purpose, scope and activation",
        "2 Recovery priorities",
        "3 Roles and call tree",
        "4 Procedures",
        "5 Resources and relocation",
        "6 Communications and contacts",
        "7 Exercises and corrective actions",
        "8 Revision history",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_in_order(&raw, &sections);

    // Processes with their numbers, in RTO order.
    let processes: Vec<String> = plan
        .processes
        .iter()
        .flat_map(|p| {
            [
                p.name.clone(),
                p.rto.to_string(),
                p.rpo.to_string(),
                p.mtpd.to_string(),
            ]
        })
        .collect();
    assert_in_order(&raw, &processes);

    // Every role with every holder, phone and e-mail.
    let roles: Vec<String> = plan
        .roles
        .iter()
        .flat_map(|r| {
            let mut v = vec![r.name.clone()];
            for h in &r.holders {
                v.push(h.contact.name.clone());
                v.extend(h.contact.phones.iter().map(|(_, n)| n.clone()));
                v.push(h.contact.email.clone());
            }
            v
        })
        .collect();
    assert_in_order(&raw, &roles);

    // Every step: number, action, role, target and elapsed time, in order.
    let steps: Vec<String> = plan
        .steps
        .iter()
        .flat_map(|s| {
            [
                s.number.to_string(),
                s.action.clone(),
                s.role.clone(),
                s.target.to_string(),
                continuum_documents::model::clock(s.elapsed),
            ]
        })
        .collect();
    assert_in_order(&raw, &steps);
    assert_eq!(
        plan.steps.iter().any(|s| s.beyond_rto),
        raw.contains("beyond RTO")
    );

    // Resources, contacts, distribution, revisions.
    let rest: Vec<String> = plan
        .resources
        .iter()
        .map(|r| r.kind.clone())
        .chain(plan.contacts.iter().map(|c| c.phone.clone()))
        .chain(plan.distribution.iter().map(|c| c.name.clone()))
        .chain(plan.revisions.iter().map(|r| r.summary.clone()))
        .collect();
    assert_in_order(&raw, &rest);
}

#[test]
fn every_page_says_page_x_of_y_and_the_contents_point_to_the_right_pages() {
    let (_, doc) = tokyo_bcp();
    let text = pdf_text(&doc.pdf, false);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let total = doc.pages.len();
    assert_eq!(pages.len(), total);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {total}", i + 1)),
            "page {}:\n{page}",
            i + 1
        );
        assert!(
            page.contains("Generated 2026-11-25")
                || page.contains(&format!("Generated {}", demo_date()))
        );
        assert!(
            page.contains("東京"),
            "header names the site on page {}",
            i + 1
        );
    }
    // The contents entry for "4 Procedures" names the page whose text starts that section.
    let contents = pages[1];
    let line = contents
        .lines()
        .find(|l| l.contains("4 Procedures"))
        .unwrap();
    let n: usize = line.split_whitespace().last().unwrap().parse().unwrap();
    assert!(
        pages[n - 1].contains("4 Procedures"),
        "contents says page {n}"
    );
}

#[test]
fn same_data_and_date_give_the_same_bytes() {
    let store = demo_store();
    let target = Target::Site("tokyo".into());
    let a = runbook(&store, &target, demo_date()).unwrap();
    let b = runbook(&store, &target, demo_date()).unwrap();
    assert!(a == b, "two renderings differ");
    let c = runbook(&store, &target, demo_date().succ_opt().unwrap()).unwrap();
    assert!(a != c, "the generation date is in the document");
    qpdf_check(&a);
    // Fonts are subset: a site runbook with CJK stays small.
    assert!(a.len() < 400_000, "{} bytes", a.len());
}

#[test]
fn cjk_and_accented_names_come_out_as_text() {
    let store = demo_store();
    for (site, needles) in [
        ("tokyo", vec!["東京", "佐藤 花子"]),
        ("seoul", vec!["서울"]),
        ("shanghai", vec!["上海"]),
        ("sao-paulo", vec!["São Paulo"]),
        ("munchen", vec!["München"]),
        ("krakow", vec!["Kraków"]),
    ] {
        let pdf = runbook(&store, &Target::Site(site.into()), demo_date()).unwrap();
        let text = pdf_text(&pdf, false);
        for n in needles {
            assert!(text.contains(n), "{site}: {n} missing");
        }
    }
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it() {
    let store = demo_store();
    let portfolio = store.portfolio().unwrap();
    let mut data = store.site("london").unwrap();
    data.site.name = "London \u{10FFFD}".into();
    let m = RunbookModel::from_data(&portfolio, &data, None, demo_date());
    let err = render_runbook(&m).err().expect("must not render tofu");
    assert_eq!(err.code(), "font");
    assert!(
        err.to_string().contains("U+10FFFD") && err.to_string().contains("London"),
        "{err}"
    );
}

#[test]
fn a_200_step_plan_paginates_without_clipping() {
    let store = demo_store();
    let portfolio = store.portfolio().unwrap();
    let mut data = store.site("tokyo").unwrap();
    let plan = data.plans.iter_mut().find(|p| p.id == "tokyo-bcp").unwrap();
    let roles: Vec<String> = plan.roles.iter().map(|r| r.role.clone()).collect();
    plan.steps = (1..=200)
        .map(|i| Step {
            phase: if i <= 60 {
                Phase::Respond
            } else if i <= 150 {
                Phase::Recover
            } else {
                Phase::Restore
            },
            action: format!(
                "Step {i:03}: {}",
                "confirm the status with the owner and record it in the incident log; "
                    .repeat(1 + i % 4)
            ),
            role: roles[i % roles.len()].clone(),
            target_time: Span::from_minutes(5 + (i as i64 % 3) * 5),
        })
        .collect();
    let m = RunbookModel::from_data(&portfolio, &data, Some("tokyo-bcp"), demo_date());
    let doc = render_runbook(&m).unwrap();
    qpdf_check(&doc.pdf);
    if let Some(dir) = std::env::var_os("CONTINUUM_DOCS_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("200-steps.pdf"), &doc.pdf).unwrap();
    }

    // Nothing outside the page, nor in the margins but the header and footer.
    let g = Geometry::a4();
    for (n, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                top,
                bottom,
                runs,
                ..
            } = item
            {
                let right = x + runs.last().map_or(0.0, |r| r.x + r.width);
                assert!(
                    *x >= g.left - 0.01 && right <= g.width - g.right + 0.01,
                    "page {}: {:?} spills sideways",
                    n + 1,
                    runs[0].text
                );
                assert!(
                    *top >= 0.0 && *bottom <= g.height,
                    "page {}: off the page",
                    n + 1
                );
                let in_body = *top >= g.top - 0.01 && *bottom <= g.body_bottom() + 0.01;
                let in_header = *bottom <= g.top;
                let in_footer = *top >= g.body_bottom();
                assert!(
                    in_body || in_header || in_footer,
                    "page {}: {:?} straddles a margin",
                    n + 1,
                    runs[0].text
                );
            }
        }
    }
    // The procedure table's header row is repeated on every page it continues on.
    let step_pages: Vec<_> = doc
        .pages
        .iter()
        .filter(|p| {
            p.lines()
                .iter()
                .any(|l| l.starts_with("Step 1") || l.starts_with("Step 0"))
        })
        .collect();
    assert!(
        step_pages.len() >= 10,
        "{} pages of steps",
        step_pages.len()
    );
    for p in &step_pages {
        assert!(
            p.lines().iter().any(|l| l == "Responsible"),
            "header row repeated"
        );
    }
    // All 200 steps, in order, in the PDF, the late ones flagged against the RTO.
    assert!(m.plans[0].steps.iter().any(|s| s.beyond_rto));
    let raw = pdf_text(&doc.pdf, true);
    assert!(squash(&raw).contains("beyondRTO"));
    let needles: Vec<String> = (1..=200).map(|i| format!("Step {i:03}:")).collect();
    assert_in_order(&raw, &needles);
}

#[test]
fn write_runbook_writes_only_the_path_given() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    continuum_documents::write_runbook(
        &store,
        &Target::Plan("seoul-bcp".into()),
        demo_date(),
        &path,
    )
    .unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.pdf")]);
    check_file(&path);
}
