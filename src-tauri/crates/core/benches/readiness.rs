//! Readiness of a whole synthetic portfolio (`continuum generate`) at 200 and 2,000 sites, with
//! the baseline the engine must stay within 1.5× of: reading, with plain rusqlite, every row the
//! engine needs (`Store::raw_read` runs the engine's own queries and only touches the
//! values). Also the cached readiness (start-up with nothing changed), the per-site view and the
//! 90-day forecast.
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
        // Start-up with nothing changed since the last run: every site read back from the cache.
        store.readiness_cached(day()).unwrap();
        group.bench_function(BenchmarkId::new("readiness_cached", sites), |b| {
            b.iter(|| black_box(store.readiness_cached(day()).unwrap()))
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

criterion_group!(benches, bench);
criterion_main!(benches);
