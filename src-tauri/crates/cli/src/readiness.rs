//! `continuum readiness`, `continuum forecast` and `continuum snapshot`: the readiness engine
//! from the command line. Text is for people (aligned tables, the reasons in words); `--json`
//! prints the engine's documented JSON (docs/readiness.md) unchanged.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use continuum_core::readiness::{SiteForecast, SiteReadiness, Status};
use continuum_core::Store;

use crate::error::Error;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::output::print_table;

/// Widest the "top reason" column of the table gets before it is cut with "…".
const REASON_WIDTH: usize = 90;

#[derive(Subcommand)]
pub enum Command {
    /// Readiness of every site: score, status band and the reason that matters most
    ///
    /// With --site, every component and every reason of that site. With --json, the full
    /// documented JSON (an array, one object per site).
    Readiness {
        /// Assess as of this date [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        /// Only this site (id, e.g. tokyo), in full
        #[arg(long, value_name = "ID")]
        site: Option<String>,
        /// Only the sites of this region (id, e.g. emea)
        #[arg(long, value_name = "REGION")]
        region: Option<String>,
    },
    /// What changes over the coming days if nobody acts, and when each site would drop a band
    Forecast {
        /// How many days ahead
        #[arg(long, default_value_t = 90, value_name = "N")]
        days: u32,
        /// Forecast from this date [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
    },
    /// Record today's readiness of every site in the store, to show trends over time
    ///
    /// One snapshot per site per day: recording the same day again replaces it.
    Snapshot {
        /// Record for this date instead of today
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
    },
}

pub fn run(
    cmd: Command,
    db: Option<PathBuf>,
    as_json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let mut store = super::open_with_demo(db, today)?;
    match cmd {
        Command::Readiness {
            as_of,
            site,
            region,
        } => {
            let as_of = as_of.unwrap_or(today);
            let sites = match &site {
                Some(id) => vec![store.site_readiness(id, as_of)?],
                None => {
                    let mut sites = store.readiness(as_of)?;
                    if let Some(region) = &region {
                        check_region(&store, region)?;
                        sites.retain(|s| &s.region == region);
                    }
                    sites
                }
            };
            if as_json {
                print_json(&sites)?;
            } else if site.is_some() {
                detail(&sites[0]);
            } else {
                table(&sites, as_of);
            }
        }
        Command::Forecast { days, as_of } => {
            let forecast = store.forecast(as_of.unwrap_or(today), days)?;
            if as_json {
                print_json(&forecast)?;
            } else {
                forecast_text(&forecast, days);
            }
        }
        Command::Snapshot { as_of } => {
            let summary = store.record_snapshot(as_of.unwrap_or(today))?;
            if as_json {
                print_json(&summary)?;
            } else {
                let replaced = if summary.replaced > 0 {
                    " (replacing that day's earlier snapshot)"
                } else {
                    ""
                };
                println!(
                    "Recorded the readiness of {} site(s) for {}{replaced}.",
                    summary.sites, summary.date
                );
                let changed: Vec<_> = summary
                    .trend
                    .iter()
                    .filter(|t| t.change != 0 || t.status != t.previous_status)
                    .collect();
                match summary.trend.first() {
                    None => println!("No earlier snapshot to compare with."),
                    Some(_) if changed.is_empty() => {
                        println!("No change since the previous snapshot.")
                    }
                    Some(_) => {
                        let rows: Vec<[String; 5]> = changed
                            .iter()
                            .map(|t| {
                                [
                                    t.site_id.clone(),
                                    t.since.to_string(),
                                    format!("{} ({})", t.previous_score, t.previous_status.label()),
                                    format!("{} ({})", t.score, t.status.label()),
                                    format!("{:+}", t.change),
                                ]
                            })
                            .collect();
                        print_table(&["SITE", "SINCE", "THEN", "NOW", "CHANGE"], &rows, &[4]);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Streams pretty JSON to stdout: a 2,000-site portfolio is tens of megabytes of it, better
/// not held in memory twice. A reader that stops early (`| head`) is not an error.
fn print_json(value: &impl serde::Serialize) -> Result<(), Error> {
    use std::io::{ErrorKind, Write};
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(continuum_core::Error::Io {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
    .map_err(Error::from)
}

fn check_region(store: &Store, region: &str) -> Result<(), Error> {
    if store.portfolio()?.regions.iter().any(|r| r.id == region) {
        Ok(())
    } else {
        Err(continuum_core::Error::NotFound {
            kind: "region",
            id: region.to_owned(),
        }
        .into())
    }
}

/// Cuts text to a display width, ending with "…" if anything was cut.
fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

fn counts(statuses: impl Iterator<Item = Status>) -> String {
    let (mut ready, mut at_risk, mut not_ready) = (0, 0, 0);
    for s in statuses {
        match s {
            Status::Ready => ready += 1,
            Status::AtRisk => at_risk += 1,
            Status::NotReady => not_ready += 1,
        }
    }
    format!("{ready} ready, {at_risk} at risk, {not_ready} not ready")
}

fn table(sites: &[SiteReadiness], as_of: NaiveDate) {
    if sites.is_empty() {
        println!("No sites to assess.");
        return;
    }
    let rows: Vec<[String; 6]> = sites
        .iter()
        .map(|s| {
            let top = s
                .blockers
                .first()
                .or(s.reasons.first())
                .map(|r| clip(&r.message, REASON_WIDTH))
                .unwrap_or_default();
            [
                s.site_id.clone(),
                s.site_name.clone(),
                s.region_name.clone(),
                s.score.to_string(),
                s.status.label().to_owned(),
                top,
            ]
        })
        .collect();
    print_table(
        &["SITE", "NAME", "REGION", "SCORE", "STATUS", "TOP REASON"],
        &rows,
        &[3],
    );
    println!(
        "{} site(s) as of {as_of}: {}",
        sites.len(),
        counts(sites.iter().map(|s| s.status))
    );
}

fn detail(s: &SiteReadiness) {
    println!(
        "{} ({}) · {} · tier {} · {} people · as of {}",
        s.site_name, s.site_id, s.region_name, s.tier, s.headcount, s.as_of
    );
    println!(
        "Score {}, {}: {}",
        s.score,
        s.status.label(),
        s.status_reason
    );
    println!();
    let rows: Vec<[String; 4]> = s
        .components
        .iter()
        .map(|c| {
            [
                c.label.clone(),
                c.score.to_string(),
                c.weight.to_string(),
                c.reasons.len().to_string(),
            ]
        })
        .collect();
    print_table(
        &["COMPONENT", "SCORE", "WEIGHT", "REASONS"],
        &rows,
        &[1, 2, 3],
    );
    if !s.blockers.is_empty() {
        println!();
        println!("Blockers (the site is not ready until they are resolved):");
        for r in &s.blockers {
            println!("  - {}", r.message);
        }
    }
    for c in s.components.iter().filter(|c| !c.reasons.is_empty()) {
        println!();
        println!("{} ({}):", c.label, c.score);
        for r in &c.reasons {
            println!("  -{:<3} {}", r.points, r.message);
        }
    }
}

fn forecast_text(forecast: &[SiteForecast], days: u32) {
    let Some(first) = forecast.first() else {
        println!("No sites to forecast.");
        return;
    };
    let changing: Vec<&SiteForecast> = forecast
        .iter()
        .filter(|f| !f.events.is_empty() || !f.drops.is_empty())
        .collect();
    println!(
        "If nobody acts, from {} to {} ({days} days):",
        first.from, first.to
    );
    if changing.is_empty() {
        println!("nothing changes.");
        return;
    }
    let rows: Vec<[String; 6]> = changing
        .iter()
        .map(|f| {
            [
                f.site_id.clone(),
                format!("{} ({})", f.score, f.status.label()),
                f.drops
                    .first()
                    .map(|d| d.date.to_string())
                    .unwrap_or_default(),
                f.drops
                    .first()
                    .map(|d| d.to.label().to_owned())
                    .unwrap_or_default(),
                format!("{} ({})", f.end_score, f.end_status.label()),
                f.events.len().to_string(),
            ]
        })
        .collect();
    print_table(
        &["SITE", "NOW", "DROPS ON", "TO", "AT THE END", "EVENTS"],
        &rows,
        &[5],
    );
    println!();
    let mut events: Vec<(NaiveDate, &str, &str)> = changing
        .iter()
        .flat_map(|f| {
            f.events
                .iter()
                .map(|e| (e.date, f.site_id.as_str(), e.message.as_str()))
        })
        .collect();
    events.sort();
    let rows: Vec<[String; 3]> = events
        .iter()
        .map(|(d, site, m)| [d.to_string(), (*site).to_owned(), clip(m, REASON_WIDTH)])
        .collect();
    print_table(&["DATE", "SITE", "EVENT"], &rows, &[]);
    let drops = changing.iter().filter(|f| !f.drops.is_empty()).count();
    println!(
        "{} of {} site(s) change; {drops} would drop a band.",
        changing.len(),
        forecast.len()
    );
}
