//! The training matrix (site, region, everyone) and completions recorded in bulk.

mod common;

use common::demo_store;
use continuum_core::demo;
use continuum_core::model::TrainingRecord;
use continuum_core::store::training::{write_matrix_csv, MatrixScope};
use continuum_core::Error;

fn day() -> chrono::NaiveDate {
    demo::written_for().unwrap()
}

#[test]
fn the_matrix_agrees_with_the_team_view_and_puts_the_most_urgent_first() {
    let store = demo_store();
    let all = store
        .training_matrix(&MatrixScope::default(), day())
        .unwrap();
    let people: usize = store
        .list_sites()
        .unwrap()
        .iter()
        .map(|s| store.site(&s.id).unwrap().people.len())
        .sum();
    assert_eq!(all.rows.len(), people);
    assert!(all.rows.windows(2).all(|w| w[0].urgency >= w[1].urgency));
    assert!(all
        .rows
        .iter()
        .all(|r| r.cells.chars().count() == all.courses.len()));

    // Every required course the site page shows for a role holder has the same status here.
    let page = store.site_page("tokyo", day()).unwrap();
    let tokyo = store
        .training_matrix(
            &MatrixScope {
                site: Some("tokyo".into()),
                region: None,
            },
            day(),
        )
        .unwrap();
    assert!(tokyo.rows.iter().all(|r| r.site == "tokyo"));
    for role in &page.team {
        for member in role.members.iter().filter(|m| m.active) {
            let row = tokyo
                .rows
                .iter()
                .find(|r| r.person == member.person_id)
                .unwrap();
            for c in &member.training {
                let i = tokyo
                    .courses
                    .iter()
                    .position(|x| x.id == c.course_id)
                    .unwrap();
                let letter = row.cells.chars().nth(i).unwrap();
                let expected = match c.currency {
                    continuum_core::views::Currency::Current => 'C',
                    continuum_core::views::Currency::Expiring => 'E',
                    continuum_core::views::Currency::Expired => 'X',
                    continuum_core::views::Currency::Missing => 'M',
                };
                assert_eq!(letter, expected, "{} {}", member.person_id, c.course_id);
            }
        }
    }

    let apac = store
        .training_matrix(
            &MatrixScope {
                site: None,
                region: Some("apac".into()),
            },
            day(),
        )
        .unwrap();
    assert!(apac.rows.iter().any(|r| r.site == "tokyo"));
    assert!(apac.rows.iter().all(|r| apac.sites.contains_key(&r.site)));
    assert!(apac.rows.len() < all.rows.len());
    let unknown = store.training_matrix(
        &MatrixScope {
            site: Some("atlantis".into()),
            region: None,
        },
        day(),
    );
    assert!(matches!(unknown, Err(Error::NotFound { .. })));
}

#[test]
fn a_course_run_for_many_people_is_one_change_and_clears_what_was_missing() {
    let mut store = demo_store();
    let matrix = store
        .training_matrix(&MatrixScope::default(), day())
        .unwrap();
    // Everyone missing or expired on some required course, across sites, gets it today.
    let mut records = Vec::new();
    for row in &matrix.rows {
        for (i, cell) in row.cells.chars().enumerate() {
            if cell == 'M' || cell == 'X' {
                records.push(TrainingRecord {
                    person: row.person.clone(),
                    course: matrix.courses[i].id.clone(),
                    completed: day(),
                });
            }
        }
    }
    assert!(records.len() > 1, "the demo has gaps to close");
    let sites: std::collections::BTreeSet<&str> = matrix
        .rows
        .iter()
        .filter(|r| r.cells.contains(['M', 'X']))
        .map(|r| r.site.as_str())
        .collect();
    let added = store.record_completions(records.clone()).unwrap();
    assert_eq!(added, records.len());
    let after = store
        .training_matrix(&MatrixScope::default(), day())
        .unwrap();
    assert!(after.rows.iter().all(|r| !r.cells.contains(['M', 'X'])));
    let trail = store.history(Default::default()).unwrap();
    let last = trail.first().unwrap().change;
    let touched: std::collections::BTreeSet<_> = trail
        .iter()
        .filter(|e| e.change == last)
        .filter_map(|e| e.site.clone())
        .collect();
    assert_eq!(touched.len(), sites.len(), "one action across every site");
    // The same again changes nothing.
    assert_eq!(store.record_completions(records).unwrap(), 0);
    // One unknown person: nothing recorded at all.
    let bad = vec![
        TrainingRecord {
            person: "lon-001".into(),
            course: "crisis-leadership".into(),
            completed: day().succ_opt().unwrap(),
        },
        TrainingRecord {
            person: "nobody".into(),
            course: "crisis-leadership".into(),
            completed: day(),
        },
    ];
    assert!(store.record_completions(bad).is_err());
    let lon = store.site("london").unwrap();
    assert!(!lon
        .training
        .iter()
        .any(|t| t.completed == day().succ_opt().unwrap()));
}

#[test]
fn the_matrix_exports_as_csv_with_a_row_per_person() {
    let store = demo_store();
    let matrix = store
        .training_matrix(
            &MatrixScope {
                site: Some("tokyo".into()),
                region: None,
            },
            day(),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokyo-training.csv");
    assert_eq!(write_matrix_csv(&matrix, &path).unwrap(), matrix.rows.len());
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Person id,Name,Site,Roles,"));
    assert_eq!(lines.count(), matrix.rows.len());
    assert!(text.contains("Tokyo") || text.contains("東京"));
    assert!(!dir.path().join("tokyo-training.csv.part").exists());
}
