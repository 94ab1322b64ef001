//! Readiness of a whole synthetic portfolio (`continuum generate`) at 200 and 2,000 sites, with
//! the baseline the engine must stay within 1.5× of: reading, with plain rusqlite, every row the
//! engine needs (`Store::raw_read` runs the engine's own queries and only touches the
//! values). Also the dashboard from the readiness cache (start-up with nothing changed), the
//! per-site view and the 90-day forecast.
//!
//! The portfolios are generated and imported once into `target/tmp/readiness-bench/` and reused.
//!
//!     cargo bench -p continuum-core --bench readiness

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use continuum_core::readiness::Policy;
use continuum_core::store::migrate;
use continuum_core::{generate, import, Store};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

const SEED: u64 = 7;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The database of a generated portfolio of `sites` sites, built on first use.
fn portfolio_db(sites: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("readiness-bench");
    let db = dir.join(format!(
        "sites-{sites}-seed-{SEED}-{}-v{}.db",
        day(),
        migrate::LATEST
    ));
    if !db.exists() {
        let plans = dir.join(format!("plans-{sites}"));
        let _ = std::fs::remove_dir_all(&plans);
        generate::write_portfolio(&plans, sites, SEED, day()).unwrap();
        let partial = db.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).unwrap();
        import(&mut store, std::slice::from_ref(&plans)).unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::remove_dir_all(&plans);
    }
    db
}

fn bench(c: &mut Criterion) {
    let policy = Policy::default();
    let mut group = c.benchmark_group("readiness");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    for sites in [200usize, 2000] {
        let mut store = Store::open(&portfolio_db(sites)).unwrap();
        group.bench_function(BenchmarkId::new("raw_read", sites), |b| {
            b.iter(|| black_box(store.raw_read(day()).unwrap()))
        });
        group.bench_function(BenchmarkId::new("assess", sites), |b| {
            b.iter(|| black_box(store.readiness_with(day(), &policy).unwrap()))
        });
        // Start-up with nothing changed since the last run: the app's first screen, every site's
        // card and roll-up inputs read back from the readiness cache.
        store.dashboard(day(), day()).unwrap();
        group.bench_function(BenchmarkId::new("dashboard", sites), |b| {
            b.iter(|| black_box(store.dashboard(day(), day()).unwrap()))
        });
        let one = format!("site-{:05}", sites / 2);
        group.bench_function(BenchmarkId::new("assess_site", sites), |b| {
            b.iter(|| black_box(store.site_readiness_with(&one, day(), &policy).unwrap()))
        });
        group.bench_function(BenchmarkId::new("forecast_90_days", sites), |b| {
            b.iter(|| black_box(store.forecast_with(day(), 90, &policy).unwrap()))
        });
    }
    group.finish();
}

/// What a save in the app costs until the window shows the new score: the edit (one
/// transaction, checked as an import and recorded in the audit trail) and the site page the
/// command answers with (target: under 100 ms, on the demo and on 2,000 sites). Then, apart,
/// the dashboard the app refreshes afterwards (the one edited site re-scored).
fn save_to_score(c: &mut Criterion) {
    let mut group = c.benchmark_group("save_to_score");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let demo = std::env::temp_dir().join(format!("continuum-bench-demo-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&demo);
    let mut store = Store::open(&demo).unwrap();
    continuum_core::demo::load_demo(&mut store, day()).unwrap();
    let cases = [
        ("demo".to_owned(), store, "tokyo".to_owned()),
        (
            "2000".to_owned(),
            Store::open(&portfolio_db(2000)).unwrap(),
            format!("site-{:05}", 1000),
        ),
    ];
    for (name, mut store, site) in cases {
        store.dashboard(day(), day()).unwrap();
        let process = store.site(&site).unwrap().processes[0].clone();
        let mut n = 0u32;
        group.bench_function(BenchmarkId::new("save_process", &name), |b| {
            b.iter(|| {
                n += 1;
                let mut p = process.clone();
                p.minimum_staff = process.minimum_staff + 1 + n % 2;
                store.save_process(&site, p).unwrap();
                black_box(store.site_page(&site, day()).unwrap().readiness.score)
            })
        });
        // Then, off the critical path, the dashboard's roll-up with the one site re-scored.
        group.bench_function(BenchmarkId::new("dashboard_after_save", &name), |b| {
            b.iter(|| {
                n += 1;
                let mut p = process.clone();
                p.minimum_staff = process.minimum_staff + 1 + n % 2;
                store.save_process(&site, p).unwrap();
                black_box(store.dashboard(day(), day()).unwrap().sites.len())
            })
        });
    }
    let _ = std::fs::remove_file(&demo);
    group.finish();
}

criterion_group!(benches, bench, save_to_score);
criterion_main!(benches);
