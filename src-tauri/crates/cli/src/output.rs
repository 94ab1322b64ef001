//! What each command prints: a table or sentence for people, JSON for scripts.

use std::path::Path;

use continuum_core::portfolio_io::ExportSummary;
use continuum_core::{ImportSummary, SiteSummary};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub(crate) fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
}

pub fn init(as_json: bool, path: &Path, existed: bool, demo_loaded: bool) {
    if as_json {
        print_json(&json!({ "database": path, "created": !existed, "demo_loaded": demo_loaded }));
    } else {
        let state = if existed { "opened" } else { "created" };
        let demo = if demo_loaded {
            ", demo portfolio loaded"
        } else {
            ""
        };
        println!("Database {state}: {}{demo}", path.display());
    }
}

pub fn import(as_json: bool, summary: &ImportSummary) {
    if as_json {
        print_json(summary);
    } else {
        let catalogue = if summary.portfolio {
            "the portfolio catalogues and "
        } else {
            ""
        };
        println!(
            "Imported {catalogue}{} site(s), {} rows.",
            summary.sites.len(),
            summary.rows
        );
    }
}

pub fn export(as_json: bool, summary: &ExportSummary) {
    if as_json {
        print_json(summary);
    } else {
        println!("Wrote {} plan file(s).", summary.files.len());
    }
}

pub fn generate(as_json: bool, dir: &Path, files: usize) {
    if as_json {
        print_json(&json!({ "dir": dir, "files": files }));
    } else {
        println!("Wrote {files} plan file(s) to {}.", dir.display());
    }
}

pub fn sites(as_json: bool, sites: &[SiteSummary]) {
    if as_json {
        print_json(&sites);
        return;
    }
    if sites.is_empty() {
        println!("No sites yet. Import plan files with `continuum import DIR`.");
        return;
    }
    let rows: Vec<[String; 6]> = sites
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                s.name.clone(),
                format!("{}, {}", s.city, s.country),
                s.region_name.clone(),
                s.plans.to_string(),
                s.people.to_string(),
            ]
        })
        .collect();
    print_table(
        &["SITE", "NAME", "LOCATION", "REGION", "PLANS", "PEOPLE"],
        &rows,
        &[4, 5],
    );
    println!("{} site(s)", sites.len());
}

/// Prints aligned columns, measuring display width (東京 is four columns wide, not two).
pub(crate) fn print_table<const N: usize>(
    header: &[&str; N],
    rows: &[[String; N]],
    right: &[usize],
) {
    let mut widths = header.map(|h| h.width());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.width());
            if right.contains(&i) {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < N {
                    out.push_str(&pad);
                }
            }
            if i + 1 < N {
                out.push_str("  ");
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
