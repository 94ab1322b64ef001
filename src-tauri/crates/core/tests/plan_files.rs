//! Import and export of plan files against real SQLite files.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use continuum_core::{demo, export, import, Error, Store};

fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../plans")
}

fn read_dir_texts(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn copy_plans(to: &Path) {
    fs::create_dir_all(to).unwrap();
    for (name, text) in read_dir_texts(&plans_dir()) {
        fs::write(to.join(name), text).unwrap();
    }
}

#[test]
fn demo_import_export_reimport_reexport_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(&dir.path().join("a.db")).unwrap();
    let summary = import(&mut first, &[plans_dir()]).unwrap();
    assert!(summary.sites.len() >= 15, "{summary:?}");
    export(&first, &dir.path().join("e1")).unwrap();

    let mut second = Store::open(&dir.path().join("b.db")).unwrap();
    import(&mut second, &[dir.path().join("e1")]).unwrap();
    export(&second, &dir.path().join("e2")).unwrap();

    let e1 = read_dir_texts(&dir.path().join("e1"));
    assert_eq!(e1, read_dir_texts(&dir.path().join("e2")));
    // The committed demo files are themselves in canonical form.
    assert_eq!(e1, read_dir_texts(&plans_dir()));
}

#[test]
fn malformed_files_are_all_reported_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    copy_plans(&plans);
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    import(&mut store, std::slice::from_ref(&plans)).unwrap();
    export(&store, &dir.path().join("before")).unwrap();

    // Three broken files: a typo'd field, an impossible date, a reference to nobody.
    let tokyo = fs::read_to_string(plans.join("tokyo.json")).unwrap();
    let typo = tokyo.replacen("\"rto\":", "\"rtoo\":", 1);
    let typo_line = typo.lines().position(|l| l.contains("\"rtoo\"")).unwrap() + 1;
    fs::write(plans.join("tokyo.json"), &typo).unwrap();

    let london = fs::read_to_string(plans.join("london.json")).unwrap();
    let first_date = london.find("\"completed\": \"").unwrap() + "\"completed\": \"".len();
    let mut bad_date = london.clone();
    bad_date.replace_range(first_date..first_date + 10, "2026-02-30");
    fs::write(plans.join("london.json"), &bad_date).unwrap();

    let paris = fs::read_to_string(plans.join("paris.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&paris).unwrap();
    let someone = data["plans"][0]["assignments"][0]["person"]
        .as_str()
        .unwrap()
        .to_owned();
    let needle = format!("\"person\": \"{someone}\"");
    let ghost_line = paris[..paris.find(&needle).unwrap()].lines().count();
    fs::write(
        plans.join("paris.json"),
        paris.replacen(&needle, "\"person\": \"nobody-42\"", 1),
    )
    .unwrap();

    // A valid change in another file must not land either.
    let sydney = fs::read_to_string(plans.join("sydney.json")).unwrap();
    fs::write(
        plans.join("sydney.json"),
        sydney.replacen("\"name\": \"Sydney\"", "\"name\": \"Sydney CBD\"", 1),
    )
    .unwrap();

    let err = import(&mut store, std::slice::from_ref(&plans)).unwrap_err();
    let Error::PlanFiles(problems) = &err else {
        panic!("expected plan-file problems, got {err}")
    };
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{shown:#?}");
    let tokyo_problem = shown.iter().find(|s| s.contains("tokyo.json")).unwrap();
    assert!(
        tokyo_problem.contains(&format!("tokyo.json:{typo_line}:")),
        "{tokyo_problem}"
    );
    assert!(
        tokyo_problem.contains("unknown field `rtoo`, expected one of"),
        "{tokyo_problem}"
    );
    let london_problem = shown.iter().find(|s| s.contains("london.json")).unwrap();
    assert!(
        london_problem.contains("input is out of range"),
        "{london_problem}"
    );
    let paris_problem = shown.iter().find(|s| s.contains("paris.json")).unwrap();
    assert!(
        paris_problem.contains(&format!("paris.json:{ghost_line}:")),
        "{paris_problem}"
    );
    assert!(
        paris_problem.contains("unknown person \"nobody-42\""),
        "{paris_problem}"
    );
    assert!(
        paris_problem.contains("plans[0].assignments[0].person"),
        "{paris_problem}"
    );

    export(&store, &dir.path().join("after")).unwrap();
    assert_eq!(
        read_dir_texts(&dir.path().join("before")),
        read_dir_texts(&dir.path().join("after"))
    );
}

#[test]
fn a_site_file_replaces_its_site_and_leaves_others_alone() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    copy_plans(&plans);
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    import(&mut store, std::slice::from_ref(&plans)).unwrap();
    let london_before = store.site("london").unwrap();

    let mut tokyo = store.site("tokyo").unwrap();
    let removed = tokyo.exercises.pop().expect("tokyo has exercises");
    tokyo.site.headcount += 1;
    let only = dir.path().join("tokyo.json");
    fs::write(&only, continuum_core::planfile::to_text(&tokyo)).unwrap();
    import(&mut store, &[only]).unwrap();

    let after = store.site("tokyo").unwrap();
    assert_eq!(after.site.headcount, tokyo.site.headcount);
    assert!(
        after.exercises.iter().all(|e| e.id != removed.id),
        "the file is the whole truth for its site"
    );
    assert_eq!(store.site("london").unwrap(), london_before);
}

#[test]
fn an_id_owned_by_another_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("e.db")).unwrap();
    import(&mut store, &[plans_dir()]).unwrap();
    let stolen = store.site("london").unwrap().people[0].id.clone();
    // A copy of Tokyo under fresh ids, plus one person whose id London already holds.
    let text = continuum_core::planfile::to_text(&store.site("tokyo").unwrap())
        .replace("\"tyo-", "\"tyo2-")
        .replace("\"tokyo-", "\"tokyo2-");
    let mut copy: continuum_core::SiteData = serde_json::from_str(&text).unwrap();
    copy.site.id = "tokyo-2".into();
    let mut thief = copy.people[0].clone();
    thief.id = stolen.clone();
    copy.people.push(thief);
    let path = dir.path().join("tokyo-2.json");
    fs::write(&path, continuum_core::planfile::to_text(&copy)).unwrap();
    let err = import(&mut store, &[path]).unwrap_err().to_string();
    assert!(
        err.contains(&format!(
            "person id {stolen:?} already belongs to site \"london\""
        )),
        "{err}"
    );
    assert!(store.site("tokyo-2").is_err());
}

#[test]
fn first_start_demo_moves_dates_to_today() {
    let written_for = demo::written_for().expect("demo records its date");
    let today = written_for + chrono::Days::new(400);
    let mut store = Store::in_memory().unwrap();
    assert!(demo::load_demo_if_empty(&mut store, today).unwrap());
    assert!(
        !demo::load_demo_if_empty(&mut store, today).unwrap(),
        "loads only into an empty store"
    );

    let mut plain = Store::in_memory().unwrap();
    import(&mut plain, &[plans_dir()]).unwrap();
    let (shifted, original) = (store.site("tokyo").unwrap(), plain.site("tokyo").unwrap());
    assert_eq!(shifted.written_for, Some(today));
    assert_eq!(original.written_for, Some(written_for));
    for (a, b) in shifted.training.iter().zip(&original.training) {
        assert_eq!(a.completed - b.completed, chrono::TimeDelta::days(400));
    }
    for (a, b) in shifted.exercises.iter().zip(&original.exercises) {
        assert_eq!(a.date - b.date, chrono::TimeDelta::days(400));
    }
    assert_eq!(
        shifted.plans[0].last_reviewed.unwrap() - original.plans[0].last_reviewed.unwrap(),
        chrono::TimeDelta::days(400)
    );
}

#[test]
fn generated_portfolio_imports_cleanly_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    continuum_core::generate::write_portfolio(&dir.path().join("a"), 12, 7, day).unwrap();
    continuum_core::generate::write_portfolio(&dir.path().join("b"), 12, 7, day).unwrap();
    assert_eq!(
        read_dir_texts(&dir.path().join("a")),
        read_dir_texts(&dir.path().join("b"))
    );
    let mut store = Store::in_memory().unwrap();
    let summary = import(&mut store, &[dir.path().join("a")]).unwrap();
    assert_eq!(summary.sites.len(), 12);
    let site = store.site(&summary.sites[0]).unwrap();
    assert_eq!(site.people.len(), continuum_core::generate::PEOPLE_PER_SITE);
    assert_eq!(site.training.len(), 500);
}
