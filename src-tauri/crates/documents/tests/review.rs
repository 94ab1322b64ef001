//! The readiness-review report: built from the readiness engine, carrying its numbers.

mod common;

use common::*;
use continuum_documents::{render_review, ReviewModel};

#[test]
fn the_review_carries_the_engine_figures_in_every_section() {
    let store = demo_store();
    let as_of = demo_date();
    let m = ReviewModel::build(&store, as_of).unwrap();
    let sites = store.readiness(as_of).unwrap();
    assert_eq!(m.sites, sites.len());
    assert_eq!(
        m.counts.ready + m.counts.at_risk + m.counts.not_ready,
        sites.len() as u64
    );
    assert_eq!(
        m.regions.iter().map(|r| r.sites.len()).sum::<usize>(),
        sites.len()
    );
    assert_eq!(m.map.len(), sites.len());
    assert!(m.trend.is_none(), "no snapshot yet");

    let doc = render_review(&m).unwrap();
    qpdf_check(&doc.pdf);
    let raw = pdf_text(&doc.pdf, true);
    let sections: Vec<String> = [
        "Contents",
        "1 Executive summary",
        "2 Sites by region",
        "3 Top gaps across the portfolio",
        "4 90-day forecast",
        "5 Management review inputs (ISO 22301 §9.3)",
        "5.1 Status of corrective actions",
        "5.2 Exercise results",
        "5.3 Changes since the last review",
        "6 Sign-off",
        "Signature",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_in_order(&raw, &sections);
    // Every site with its score, region by region.
    let rows: Vec<String> = m
        .regions
        .iter()
        .flat_map(|r| {
            std::iter::once(r.name.clone()).chain(
                r.sites
                    .iter()
                    .flat_map(|s| [s.name.clone(), s.score.to_string()]),
            )
        })
        .collect();
    assert_in_order(&raw, &rows);
    for gap in &m.top_gaps {
        assert!(raw.contains(&gap.label), "{}", gap.label);
    }
    assert!(raw.contains("東京") && raw.contains("서울"));

    let text = pdf_text(&doc.pdf, false);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), doc.pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains(&format!("Page {} of {}", i + 1, pages.len())));
    }
}

#[test]
fn the_trend_compares_with_the_last_snapshot() {
    let mut store = demo_store();
    let before = demo_date() - chrono::Days::new(30);
    store.record_snapshot(before).unwrap();
    let m = ReviewModel::build(&store, demo_date()).unwrap();
    let t = m.trend.expect("a snapshot exists");
    assert_eq!(t.since, before);
    assert_eq!(m.since, before);
    assert!(m.since_snapshot);
    let same = ReviewModel::build(&store, demo_date()).unwrap();
    assert_eq!(
        continuum_documents::render_review(&same).unwrap().pdf,
        continuum_documents::render_review(&ReviewModel::build(&store, demo_date()).unwrap())
            .unwrap()
            .pdf
    );
}
