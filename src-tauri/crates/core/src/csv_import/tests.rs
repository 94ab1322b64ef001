//! The import of HR and learning-system exports against the demo portfolio: synonyms, `--map`,
//! dates, unknown people and courses by row, all or nothing, the second import a no-op, the
//! trail. (Encodings, delimiters and quoting: `read`'s tests; synonyms in detail: `map`'s.)

use std::path::Path;

use super::*;
use crate::audit::{HistoryFilter, Source};
use crate::{demo, Store};

fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    demo::load_demo(&mut store, demo::written_for().unwrap()).unwrap();
    store
}

fn site_options(site: &str) -> CsvOptions {
    CsvOptions {
        site: Some(site.into()),
        ..CsvOptions::default()
    }
}

fn plan_of(store: &Store, kind: CsvKind, text: &[u8], options: &CsvOptions) -> Result<CsvPlan> {
    plan(store, kind, Path::new("hr.csv"), text, options)
}

/// The problems of a refused file, as `file:line: message`.
fn refused(result: Result<CsvPlan>) -> Vec<String> {
    match result {
        Err(Error::Csv(problems)) => problems.iter().map(|p| p.to_string()).collect(),
        Err(other) => panic!("expected problems by row, got {other}"),
        Ok(plan) => panic!("expected problems, got a plan of {} rows", plan.rows.len()),
    }
}

fn counts(plan: &CsvPlan) -> (usize, usize, usize) {
    (plan.new, plan.changed, plan.unchanged)
}

const PEOPLE: &str = "\
Employee ID;Full name;Job title;E-mail;Mobile;Work phone
lon-002;James Whitfield;Chief Operating Officer;james.whitfield@aldermoor.example;+44 7700 900684;
lon-900;\"Okafor, Ada\";\"Head of\nResilience\";ada.okafor@aldermoor.example;+44 7700 111222;+44 20 7946 0999
X-7;Charlotte Hargreaves;;CHARLOTTE.HARGREAVES@aldermoor.example;;
";

#[test]
fn people_are_matched_by_id_or_email_and_the_second_import_changes_nothing() {
    let mut store = store();
    let before = store.site("london").unwrap();
    let plan = plan_of(
        &store,
        CsvKind::People,
        PEOPLE.as_bytes(),
        &site_options("london"),
    )
    .unwrap();
    assert_eq!(plan.delimiter, ";");
    assert_eq!(plan.encoding, "UTF-8");
    assert_eq!(counts(&plan), (1, 1, 1), "{:#?}", plan.rows);
    let fields: Vec<Option<&str>> = plan.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            Some("id"),
            Some("name"),
            Some("title"),
            Some("email"),
            Some("phones.mobile"),
            Some("phones.work")
        ]
    );
    // The quoted newline: Charlotte's row starts on line 5, not 4.
    let lines: Vec<(usize, RowStatus, &str)> = plan
        .rows
        .iter()
        .map(|r| (r.line, r.status, r.id.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (2, RowStatus::Changed, "lon-002"),
            (3, RowStatus::New, "lon-900"),
            (5, RowStatus::Unchanged, "lon-001")
        ]
    );
    assert_eq!(plan.rows[0].fields, ["title"]);

    let summary = store.apply_csv(&plan).unwrap();
    assert_eq!(summary.sites, ["london"]);
    let after = store.site("london").unwrap();
    assert_eq!(after.people.len(), before.people.len() + 1);
    let ada = after.people.iter().find(|p| p.id == "lon-900").unwrap();
    assert_eq!(ada.name, "Okafor, Ada");
    assert_eq!(ada.title, "Head of\nResilience");
    assert_eq!(ada.phones.len(), 2);
    assert_eq!(ada.phones[1].label, "work");
    // Matched by e-mail: Charlotte keeps her id and her phones (empty cells change nothing).
    let charlotte = after.people.iter().find(|p| p.id == "lon-001").unwrap();
    assert_eq!(
        charlotte,
        before.people.iter().find(|p| p.id == "lon-001").unwrap()
    );

    let again = plan_of(
        &store,
        CsvKind::People,
        PEOPLE.as_bytes(),
        &site_options("london"),
    )
    .unwrap();
    assert_eq!(counts(&again), (0, 0, 3));
    let trail = store.history(HistoryFilter::default()).unwrap().len();
    let summary = store.apply_csv(&again).unwrap();
    assert!(summary.sites.is_empty());
    assert_eq!(
        store.history(HistoryFilter::default()).unwrap().len(),
        trail
    );
}

#[test]
fn a_whole_file_is_one_action_in_the_trail_recorded_as_an_import() {
    let mut store = store();
    let csv = "Person,Course,Completed\nlon-001,crisis-leadership,2026-10-01\n\
               tyo-001,Business Continuity Awareness,2026-10-02\nlon-002,bcm-awareness,2026-10-03\n";
    let plan = plan_of(
        &store,
        CsvKind::Training,
        csv.as_bytes(),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&plan), (3, 0, 0));
    let summary = store.apply_csv(&plan).unwrap();
    assert_eq!(summary.sites, ["london", "tokyo"]);
    let trail = store.history(HistoryFilter::default()).unwrap();
    let newest = trail[0].change;
    let of_import: Vec<_> = trail.iter().filter(|e| e.change == newest).collect();
    assert_eq!(of_import.len(), 3, "{of_import:#?}");
    assert!(of_import
        .iter()
        .all(|e| e.source == Source::Import && e.entity == "training"));
    assert_eq!(
        store.next_undo().unwrap().unwrap().summary,
        "CSV import of training from hr.csv: 3 new, 0 changed"
    );
    // Undo takes the whole file back.
    store.undo_last().unwrap();
    let again = plan_of(
        &store,
        CsvKind::Training,
        csv.as_bytes(),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&again), (3, 0, 0));
}

#[test]
fn training_finds_people_by_id_or_email_and_courses_by_id_or_name() {
    let store = store();
    let csv = "Learner email\tCourse code\tCompletion Date\n\
               charlotte.hargreaves@aldermoor.example\tCRISIS-LEADERSHIP\t2026-01-05\n\
               lon-002\tfire warden and first aid at work\t2026-01-06T09:30:00Z\n";
    let plan = plan_of(
        &store,
        CsvKind::Training,
        csv.as_bytes(),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(plan.delimiter, "tab");
    let ids: Vec<&str> = plan.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "lon-001/crisis-leadership/2026-01-05",
            "lon-002/fire-warden-first-aid/2026-01-06"
        ]
    );
}

#[test]
fn unknown_people_and_courses_and_bad_dates_are_refused_by_row_all_or_nothing() {
    let store = store();
    let trail = store.history(HistoryFilter::default()).unwrap().len();
    let csv = "Employee ID,Course,Completed\n\
               lon-001,crisis-leadership,2026-10-01\n\
               nobody-1,crisis-leadership,2026-10-01\n\
               lon-002,underwater-basket-weaving,2026-10-01\n\
               \"lon-003\",\"bcm-awareness\",\"31/02/2026\"\n\
               lon-004,bcm-awareness,03/04/2026\n\
               ,bcm-awareness,2026-10-01\n";
    let problems = refused(plan_of(
        &store,
        CsvKind::Training,
        csv.as_bytes(),
        &CsvOptions::default(),
    ));
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert_eq!(
        problems[0],
        "hr.csv:3: column \"Employee ID\": no person with id or e-mail \"nobody-1\""
    );
    assert_eq!(
        problems[1],
        "hr.csv:4: column \"Course\": no course \"underwater-basket-weaving\" in the portfolio"
    );
    assert!(
        problems[2].starts_with("hr.csv:5: column \"Completed\": \"31/02/2026\" is not a date"),
        "{}",
        problems[2]
    );
    assert!(
        problems[3].starts_with("hr.csv:6: column \"Completed\": \"03/04/2026\" is not a date"),
        "{}",
        problems[3]
    );
    assert!(problems[3].contains("--date-format"), "{}", problems[3]);
    assert_eq!(problems[4], "hr.csv:7: column \"Employee ID\" is empty");
    // Nothing planned, nothing written.
    assert_eq!(
        store.history(HistoryFilter::default()).unwrap().len(),
        trail
    );
}

#[test]
fn date_format_reads_the_files_dates_and_still_refuses_impossible_ones() {
    let store = store();
    let options = CsvOptions {
        date_format: Some("%d.%m.%Y".into()),
        ..CsvOptions::default()
    };
    let csv = "Person;Course;Date completed\nlon-001;bcm-awareness;04.03.2026\nlon-002;bcm-awareness;2026-03-05\n";
    let plan = plan_of(&store, CsvKind::Training, csv.as_bytes(), &options).unwrap();
    assert_eq!(plan.rows[0].id, "lon-001/bcm-awareness/2026-03-04");
    assert_eq!(plan.rows[1].id, "lon-002/bcm-awareness/2026-03-05");
    let bad = "Person;Course;Date completed\nlon-001;bcm-awareness;31.02.2026\n";
    let problems = refused(plan_of(&store, CsvKind::Training, bad.as_bytes(), &options));
    assert_eq!(
        problems,
        ["hr.csv:2: column \"Date completed\": \"31.02.2026\" is not a date (expected ISO 8601 YYYY-MM-DD or %d.%m.%Y)"]
    );
    let wrong = CsvOptions {
        date_format: Some("%d.%Q".into()),
        ..CsvOptions::default()
    };
    assert!(matches!(
        plan_of(&store, CsvKind::Training, bad.as_bytes(), &wrong),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn map_overrides_synonyms_and_names_fields_of_the_plan_file_format() {
    let store = store();
    let csv = "Personalnummer,Anzeigename,Handy,Email\nlon-901,Jo Test,+44 1,jo@x.example\n";
    let problems = refused(plan_of(
        &store,
        CsvKind::People,
        csv.as_bytes(),
        &site_options("london"),
    ));
    // Without a map only the e-mail column is known, and it matches nobody.
    assert_eq!(problems.len(), 1, "{problems:?}");
    let options = CsvOptions {
        site: Some("london".into()),
        map: vec![
            ColumnMap::parse("Personalnummer=id").unwrap(),
            ColumnMap::parse("anzeigename=name").unwrap(),
            ColumnMap::parse("Handy=phones.mobile").unwrap(),
            ColumnMap::parse("Email=-").unwrap(),
        ],
        ..CsvOptions::default()
    };
    let plan = plan_of(&store, CsvKind::People, csv.as_bytes(), &options).unwrap();
    assert_eq!(counts(&plan), (1, 0, 0));
    assert_eq!(plan.columns[3].field, None);
    let person = &plan.edits[0].people[0].1;
    assert_eq!(
        (person.name.as_str(), person.email.as_str()),
        ("Jo Test", "")
    );
    assert_eq!(person.phones[0].label, "mobile");

    let bad = CsvOptions {
        map: vec![
            ColumnMap::parse("Nope=id").unwrap(),
            ColumnMap::parse("Handy=shoe_size").unwrap(),
        ],
        ..site_options("london")
    };
    let problems = refused(plan_of(&store, CsvKind::People, csv.as_bytes(), &bad));
    assert!(
        problems.iter().any(|p| p.contains("no column \"Nope\"")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("\"shoe_size\" is not a field of people")),
        "{problems:?}"
    );
    assert!(ColumnMap::parse("no equals sign").is_err());
}

#[test]
fn people_files_need_a_site_and_rows_that_say_who() {
    let store = store();
    let csv = "Employee ID,Name\nlon-950,A\n";
    let problems = refused(plan_of(
        &store,
        CsvKind::People,
        csv.as_bytes(),
        &CsvOptions::default(),
    ));
    assert!(problems[0].contains("--site"), "{problems:?}");
    assert!(matches!(
        plan_of(
            &store,
            CsvKind::People,
            csv.as_bytes(),
            &site_options("atlantis")
        ),
        Err(Error::NotFound { .. })
    ));

    let csv = "Employee ID,Name,Email,Site\n\
               lon-950,,new@x.example,london\n\
               tyo-001,Hanako,,london\n\
               ,Someone,nobody@x.example,\n\
               lon-951,Twice,,paris\n\
               lon-951,Twice,,paris\n\
               lon-002,James,hanako.sato@aldermoor.example,\n\
               lon-952,Q,,moon\n";
    let problems = refused(plan_of(
        &store,
        CsvKind::People,
        csv.as_bytes(),
        &CsvOptions::default(),
    ));
    let lines: Vec<&str> = problems
        .iter()
        .map(|p| p.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "hr.csv:2:",
            "hr.csv:3:",
            "hr.csv:4:",
            "hr.csv:6:",
            "hr.csv:7:",
            "hr.csv:8:"
        ],
        "{problems:#?}"
    );
    assert!(
        problems[0].contains("a new person needs a name"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("belongs to site \"tokyo\""),
        "{}",
        problems[1]
    );
    assert!(problems[3].contains("also on line 5"), "{}", problems[3]);
    assert!(
        problems[4].contains("two different people (lon-002 and tyo-001)"),
        "{}",
        problems[4]
    );
    assert!(problems[5].contains("no site \"moon\""), "{}", problems[5]);
}

#[test]
fn encodings_reach_the_store_intact() {
    let mut store = store();
    // Windows-1252 with semicolons, as Excel writes it on a German or French Windows.
    let latin =
        b"Employee ID;Name;Job title\r\nlon-960;Ren\xe9e L\xe9ger;Responsable s\xfbret\xe9\r\n";
    let plan = plan_of(&store, CsvKind::People, latin, &site_options("london")).unwrap();
    assert_eq!(plan.encoding, "windows-1252");
    store.apply_csv(&plan).unwrap();
    let london = store.site("london").unwrap();
    let renee = london.people.iter().find(|p| p.id == "lon-960").unwrap();
    assert_eq!(
        (renee.name.as_str(), renee.title.as_str()),
        ("Renée Léger", "Responsable sûreté")
    );

    // UTF-16LE with a BOM and tabs, as "Unicode text" exports are.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Worker ID\tFull name\r\ntyo-900\t山田 太郎\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let plan = plan_of(&store, CsvKind::People, &utf16, &site_options("tokyo")).unwrap();
    assert_eq!(
        (plan.encoding.as_str(), plan.delimiter.as_str()),
        ("UTF-16LE", "tab")
    );
    store.apply_csv(&plan).unwrap();
    assert!(store
        .site("tokyo")
        .unwrap()
        .people
        .iter()
        .any(|p| p.name == "山田 太郎"));

    // UTF-8 with a BOM: the first header is still "Employee ID".
    let bom = "\u{feff}Employee ID,Name\nlon-961,Zoë\n";
    let plan = plan_of(
        &store,
        CsvKind::People,
        bom.as_bytes(),
        &site_options("london"),
    )
    .unwrap();
    assert_eq!(plan.columns[0].field.as_deref(), Some("id"));
    assert_eq!(plan.encoding, "UTF-8 with BOM");
}

#[test]
fn empty_and_header_only_files() {
    let store = store();
    let problems = refused(plan_of(
        &store,
        CsvKind::Training,
        b"",
        &CsvOptions::default(),
    ));
    assert_eq!(
        problems,
        ["hr.csv: the file is empty: there is no header line"]
    );
    let plan = plan_of(
        &store,
        CsvKind::Training,
        b"Person,Course,Completed\r\n",
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(counts(&plan), (0, 0, 0));
    let problems = refused(plan_of(
        &store,
        CsvKind::Training,
        b"Person,Course\nlon-001,x\n",
        &CsvOptions::default(),
    ));
    assert!(
        problems[0].starts_with("hr.csv:1: no column for completed"),
        "{problems:?}"
    );
}

#[test]
fn a_person_changed_since_the_plan_is_a_conflict_and_nothing_is_written() {
    let mut store = store();
    let csv = "Employee ID,Job title\nlon-002,COO\nlon-003,CIO\n";
    let plan = plan_of(
        &store,
        CsvKind::People,
        csv.as_bytes(),
        &site_options("london"),
    )
    .unwrap();
    let mut james = store.site("london").unwrap().people[1].clone();
    assert_eq!(james.id, "lon-002");
    james.name = "James W.".into();
    store.save_person("london", james).unwrap();
    assert!(matches!(store.apply_csv(&plan), Err(Error::Conflict(_))));
    let london = store.site("london").unwrap();
    assert_ne!(london.people[2].title, "CIO");
}
