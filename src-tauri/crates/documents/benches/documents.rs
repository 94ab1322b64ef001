//! Document generation end to end (store → model → layout → PDF bytes): a 40-step plan
//! runbook, a site runbook of 10 plans, the role cards of a site, and the readiness review of a
//! generated portfolio of 2,000 sites (built once into `target/tmp/documents-bench/`).
//!
//!     cargo bench -p continuum-documents --bench documents

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use continuum_core::{demo, generate, import, Phase, Span, Step, Store};
use continuum_documents::{cards, review, runbook, Target};
use criterion::{criterion_group, criterion_main, Criterion};

fn day() -> NaiveDate {
    demo::written_for().expect("demo date")
}

/// The demo portfolio, with tokyo-bcp grown to 40 steps and Tokyo given 10 approved plans.
fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    demo::load_demo(&mut store, day()).unwrap();
    let mut plan = store.plan("tokyo-bcp").unwrap();
    let base = plan.steps.clone();
    plan.steps = (0..40)
        .map(|i| {
            let s = &base[i % base.len()];
            Step {
                phase: [Phase::Respond, Phase::Recover, Phase::Restore][i * 3 / 40],
                target_time: Span::from_minutes(10),
                ..s.clone()
            }
        })
        .collect();
    store.save_plan("tokyo", plan.clone()).unwrap();
    let approved: Vec<_> = store
        .site("tokyo")
        .unwrap()
        .plans
        .into_iter()
        .filter(|p| p.status == continuum_core::PlanStatus::Approved)
        .collect();
    for i in approved.len()..10 {
        let mut extra = approved[i % approved.len()].clone();
        extra.id = format!("{}-copy-{i}", extra.id);
        extra.title = format!("{} (copy {i})", extra.title);
        store.save_plan("tokyo", extra).unwrap();
    }
    store
}

/// A generated portfolio of `sites` sites, imported once and reused.
fn portfolio(sites: usize) -> Store {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("documents-bench");
    let db = dir.join(format!("sites-{sites}-{}.db", day()));
    if !db.exists() {
        let plans = dir.join(format!("plans-{sites}"));
        let _ = std::fs::remove_dir_all(&plans);
        generate::write_portfolio(&plans, sites, 7, day()).unwrap();
        let partial = db.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).unwrap();
        import(&mut store, std::slice::from_ref(&plans)).unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::remove_dir_all(&plans);
    }
    Store::open(&db).unwrap()
}

fn bench(c: &mut Criterion) {
    let store = store();
    let mut group = c.benchmark_group("documents");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    let plan = Target::Plan("tokyo-bcp".into());
    let site = Target::Site("tokyo".into());
    // Warm the process-wide font cache (a one-off per process, as in the CLI or the app).
    eprintln!(
        "40-step plan runbook: {} bytes",
        runbook(&store, &plan, day()).unwrap().len()
    );
    eprintln!(
        "10-plan site runbook: {} bytes",
        runbook(&store, &site, day()).unwrap().len()
    );
    group.bench_function("runbook_plan_40_steps", |b| {
        b.iter(|| black_box(runbook(&store, &plan, day()).unwrap()))
    });
    group.bench_function("runbook_site_10_plans", |b| {
        b.iter(|| black_box(runbook(&store, &site, day()).unwrap()))
    });
    group.bench_function("cards_site", |b| {
        b.iter(|| black_box(cards(&store, "tokyo", day()).unwrap()))
    });
    group.finish();

    let big = portfolio(2000);
    let pdf = review(&big, day()).unwrap();
    eprintln!("2,000-site review: {} bytes", pdf.len());
    let mut group = c.benchmark_group("review");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("review_2000_sites", |b| {
        b.iter(|| black_box(review(&big, day()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
