//! CSV import of 100,000 training completions (the issue asks for under 5 s) into the demo
//! portfolio: reading and planning the file alone (the dry run, the wizard's preview), the
//! whole import (plan and write, one transaction), and the second import of the same file
//! (every row unchanged, nothing written). Each iteration starts from a fresh demo store.
//!
//!     cargo bench -p continuum-core --bench csv_import
//!
//! 2026-12-02, 2-core AMD EPYC shared with other builds: plan 0.51 s, import 3.50 s, again
//! 0.48 s (docs/csv-import.md).

use std::fmt::Write;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Days, NaiveDate};
use continuum_core::csv_import::{self, CsvOptions};
use continuum_core::{demo, Store};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const ROWS: usize = 100_000;

fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    demo::load_demo(&mut store, demo::written_for().unwrap()).unwrap();
    store
}

/// A learning system's export: every demo person and course, on distinct dates, with e-mail
/// for a third of the rows and a course name for another third, as real exports mix them.
fn file(store: &Store) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("csv-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("training-{ROWS}.csv"));
    let mut people = Vec::new();
    for id in store.site_ids().unwrap() {
        for p in store.site(&id).unwrap().people {
            people.push((p.id, p.email));
        }
    }
    let courses = store.portfolio().unwrap().courses;
    let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let mut text = String::from("Employee ID;Course;Completion Date\n");
    let mut n = 0usize;
    let mut day = 0u64;
    'outer: loop {
        for (i, (id, email)) in people.iter().enumerate() {
            for (j, c) in courses.iter().enumerate() {
                if n == ROWS {
                    break 'outer;
                }
                let date = start + Days::new(day + (i as u64 * 7 + j as u64) % 30);
                let who = match n % 3 {
                    1 if !email.is_empty() => email.as_str(),
                    _ => id.as_str(),
                };
                let course = match n % 3 {
                    2 => c.name.as_str(),
                    _ => c.id.as_str(),
                };
                writeln!(text, "{who};{course};{}", date.format("%d.%m.%Y")).unwrap();
                n += 1;
            }
        }
        day += 30;
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn options() -> CsvOptions {
    CsvOptions {
        date_format: Some("%d.%m.%Y".into()),
        ..CsvOptions::default()
    }
}

fn import(store: &mut Store, path: &Path) -> usize {
    let plan = csv_import::plan_training(store, path, &options()).unwrap();
    store.apply_csv(&plan).unwrap().new
}

fn bench(c: &mut Criterion) {
    let path = file(&demo_store());
    let mut check = demo_store();
    let new = import(&mut check, &path);
    assert!(
        new > ROWS * 99 / 100,
        "almost every generated row is a new record: {new}"
    );

    let mut g = c.benchmark_group("csv_import");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("plan 100k training rows (dry run)", |b| {
        let store = demo_store();
        b.iter(|| {
            let plan = csv_import::plan_training(&store, &path, &options()).unwrap();
            black_box(plan.new)
        })
    });
    g.bench_function("import 100k training rows", |b| {
        b.iter_batched(
            demo_store,
            |mut store| black_box(import(&mut store, &path)),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("import 100k training rows again (no-op)", |b| {
        b.iter(|| black_box(import(&mut check, &path)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
