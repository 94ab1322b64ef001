//! `continuum csv import` on real files and a real database: an HR export of people and a
//! learning system's completions, in the encodings and delimiters real exports have; every
//! problem by row with `--json`; all or nothing; the dry run; the second import a no-op; one
//! action in the audit trail.

mod common;

use std::path::Path;

use common::{continuum, demo_db as setup, json_fails as fails, json_ok as json, stderr, stdout};
use serde_json::Value;

fn write(home: &Path, name: &str, bytes: &[u8]) -> String {
    let path = home.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

fn counts(v: &Value) -> (u64, u64, u64) {
    (
        v["new"].as_u64().unwrap(),
        v["changed"].as_u64().unwrap(),
        v["unchanged"].as_u64().unwrap(),
    )
}

#[test]
fn an_hr_export_is_previewed_imported_once_and_recorded() {
    let (home, db) = setup();
    let h = home.path();
    // Excel's "CSV UTF-8" on a German Windows: a BOM, semicolons, a quoted newline.
    let file = write(
        h,
        "hr.csv",
        "\u{feff}Personnel number;Full name;Position;Email address;Mobile;Office phone\r\n\
         lon-002;James Whitfield;Chief Operating Officer;james.whitfield@aldermoor.example;;\r\n\
         lon-900;\"Okafor, Ada\";\"Head of\r\nResilience\";ada.okafor@aldermoor.example;+44 7700 111222;\r\n\
         X-1;Charlotte Hargreaves;;charlotte.hargreaves@aldermoor.example;;\r\n"
            .as_bytes(),
    );
    let preview = json(
        h,
        &db,
        &[
            "csv",
            "import",
            "people",
            &file,
            "--site",
            "london",
            "--dry-run",
        ],
    );
    assert_eq!(preview["dry_run"], true);
    assert_eq!(preview["encoding"], "UTF-8 with BOM");
    assert_eq!(preview["delimiter"], ";");
    assert_eq!(counts(&preview), (1, 1, 1), "{preview}");
    assert_eq!(preview["rows"][0]["line"], 2);
    assert_eq!(preview["rows"][0]["fields"][0], "title");
    assert_eq!(preview["rows"][1]["line"], 3);
    assert_eq!(preview["rows"][1]["status"], "new");
    assert_eq!(preview["columns"][4]["field"], "phones.mobile");
    assert_eq!(preview["columns"][5]["field"], "phones.office");

    // The dry run wrote nothing: the real run finds the same.
    let done = json(
        h,
        &db,
        &["csv", "import", "people", &file, "--site", "london"],
    );
    assert_eq!(counts(&done), (1, 1, 1), "{done}");
    assert_eq!(done["sites"][0], "london");
    let again = json(
        h,
        &db,
        &["csv", "import", "people", &file, "--site", "london"],
    );
    assert_eq!(counts(&again), (0, 0, 3), "{again}");
    assert_eq!(again["sites"].as_array().unwrap().len(), 0);

    let trail = json(h, &db, &["history", "--site", "london"]);
    let entries = trail.as_array().unwrap();
    let newest = &entries[0]["change"];
    let of_import: Vec<&Value> = entries.iter().filter(|e| e["change"] == *newest).collect();
    assert_eq!(of_import.len(), 2, "{of_import:?}");
    assert!(
        of_import.iter().all(|e| e["source"] == "import"),
        "{of_import:?}"
    );

    // The text form names the counts.
    let out = continuum(
        h,
        &[
            "--db", &db, "csv", "import", "people", &file, "--site", "london",
        ],
    );
    assert!(
        stdout(&out).contains("Nothing to change: 0 new, 0 changed, 3 unchanged."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_bad_training_file_lists_every_row_and_imports_nothing() {
    let (home, db) = setup();
    let h = home.path();
    let file = write(
        h,
        "lms.csv",
        b"Employee ID,Course,Completed\n\
          lon-001,crisis-leadership,2026-10-01\n\
          nobody-1,crisis-leadership,2026-10-01\n\
          lon-002,\"Basket weaving, advanced\",2026-10-01\n\
          lon-003,bcm-awareness,31/02/2026\n",
    );
    let err = fails(h, &db, &["csv", "import", "training", &file]);
    assert_eq!(err["code"], "validation", "{err}");
    let problems = err["problems"].as_array().expect("problems listed");
    assert_eq!(problems.len(), 3, "{err}");
    let lines: Vec<u64> = problems
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4, 5]);
    assert_eq!(problems[0]["path"], file.as_str());
    assert_eq!(
        problems[0]["message"],
        "column \"Employee ID\": no person with id or e-mail \"nobody-1\""
    );
    assert!(problems[2]["message"]
        .as_str()
        .unwrap()
        .starts_with("column \"Completed\": \"31/02/2026\" is not a date"));

    // The text form: file:line: message, as the issue asks.
    let out = continuum(h, &["--db", &db, "csv", "import", "training", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{file}:5: column \"Completed\": \"31/02/2026\" is not a date"
        )),
        "{}",
        stderr(&out)
    );

    // Nothing went in: the good first row is still new.
    let good = write(
        h,
        "good.csv",
        b"Employee ID,Course,Completed\nlon-001,crisis-leadership,2026-10-01\n",
    );
    let preview = json(h, &db, &["csv", "import", "training", &good, "--dry-run"]);
    assert_eq!(counts(&preview), (1, 0, 0));
}

#[test]
fn a_unicode_text_export_with_a_date_format_imports_and_reimports_as_a_no_op() {
    let (home, db) = setup();
    let h = home.path();
    let file = write(
        h,
        "lms.txt",
        &utf16le(
            "Learner email\tCourse title\tCompletion Date\r\n\
             hanako.sato@aldermoor.example\tBusiness Continuity Awareness\t04.03.2026\r\n\
             tyo-002\tcrisis-leadership\t05.03.2026\r\n",
        ),
    );
    let err = fails(h, &db, &["csv", "import", "training", &file]);
    assert_eq!(err["problems"].as_array().unwrap().len(), 2, "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("--date-format"),
        "{err}"
    );

    let done = json(
        h,
        &db,
        &[
            "csv",
            "import",
            "training",
            &file,
            "--date-format",
            "%d.%m.%Y",
        ],
    );
    assert_eq!(done["encoding"], "UTF-16LE");
    assert_eq!(done["delimiter"], "tab");
    assert_eq!(counts(&done), (2, 0, 0), "{done}");
    assert_eq!(done["rows"][0]["id"], "tyo-001/bcm-awareness/2026-03-04");
    let again = json(
        h,
        &db,
        &[
            "csv",
            "import",
            "training",
            &file,
            "--date-format",
            "%d.%m.%Y",
        ],
    );
    assert_eq!(counts(&again), (0, 0, 2), "{again}");
}

#[test]
fn windows_1252_with_a_map_and_no_site_is_refused_until_one_is_given() {
    let (home, db) = setup();
    let h = home.path();
    let file = write(
        h,
        "paie.csv",
        b"Matricule;Nom complet;Portable\r\nlon-960;Ren\xe9e L\xe9ger;+44 7700 900001\r\n",
    );
    let maps = [
        "--map",
        "Matricule=id",
        "--map",
        "Nom complet=name",
        "--map",
        "Portable=phones.mobile",
    ];
    let mut args = vec!["csv", "import", "people", &file];
    args.extend_from_slice(&maps);
    let err = fails(h, &db, &args);
    assert!(
        err["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("--site"),
        "{err}"
    );
    args.extend_from_slice(&["--site", "london"]);
    let done = json(h, &db, &args);
    assert_eq!(done["encoding"], "windows-1252");
    assert_eq!(counts(&done), (1, 0, 0));
    let out = continuum(h, &["--db", &db, "--json", "history", "--site", "london"]);
    assert!(stdout(&out).contains("Renée Léger"), "{}", stdout(&out));

    let wrong = fails(
        h,
        &db,
        &["csv", "import", "people", &file, "--map", "Matricule"],
    );
    assert_eq!(wrong["code"], "validation");
    let unknown = fails(
        h,
        &db,
        &[
            "csv",
            "import",
            "people",
            &file,
            "--site",
            "atlantis",
            "--map",
            "Matricule=id",
        ],
    );
    assert_eq!(unknown["code"], "not_found");
}
