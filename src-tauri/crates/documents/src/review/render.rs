//! Lays the review model out on pages: a summary, the world map, one table per region, the
//! ISO 22301 §9.3 inputs and the sign-off.

use continuum_core::readiness::{Counts, Status};

use super::model::*;
use super::world::{self, View};
use crate::assemble::{self, Assembled};
use crate::fonts::Fonts;
use crate::layout::{
    col, col_right, decorate, palette::*, span, Callout, Cell, Decoration, Flow, Geometry, Item,
    Rgb, Row, Span, Style, Table,
};
use crate::Result;

const BODY: Style = Style::new(9.5);
const CELL: f32 = 8.0;

/// The world map's paper: pale land with thin grey borders on a pale sea.
const LAND: Rgb = Rgb(0xf7, 0xf5, 0xf0);
const BORDER: Rgb = Rgb(0xa3, 0xa8, 0xae);
const GRATICULE: Rgb = Rgb(0xd3, 0xdb, 0xe5);

pub fn status_color(s: Status) -> Rgb {
    match s {
        Status::Ready => OK,
        Status::AtRisk => WARN_EDGE,
        Status::NotReady => DANGER,
    }
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Ready => "Ready",
        Status::AtRisk => "At risk",
        Status::NotReady => "Not ready",
    }
}

/// 2050693 → "2,050,693".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cell(text: impl Into<String>) -> Cell {
    Cell::Text(vec![span(text, Style::new(CELL))])
}

fn status_cell(s: Status) -> Cell {
    Cell::Text(vec![span(
        status_label(s),
        Style::new(CELL).bold().color(status_color(s)),
    )])
}

fn counts_line(c: &Counts, unit: &str) -> Vec<Span> {
    vec![
        span(format!("{} ", c.ready), BODY.bold().color(OK)),
        span("ready, ", BODY),
        span(format!("{} ", c.at_risk), BODY.bold().color(WARN_EDGE)),
        span("at risk, ", BODY),
        span(format!("{} ", c.not_ready), BODY.bold().color(DANGER)),
        span(format!("not ready {unit}"), BODY),
    ]
}

pub fn render(fonts: &Fonts, m: &ReviewModel) -> Result<Assembled> {
    let mut cover = Flow::new(fonts, Geometry::a4(), 0);
    cover.y = cover.geom.top + 40.0;
    cover.paragraph(
        &[span(
            m.organisation.to_uppercase(),
            Style::new(9.0).bold().color(MUTED),
        )],
        0.0,
    )?;
    cover.y += 6.0;
    cover.paragraph(
        &[span("Readiness review", Style::new(30.0).bold().color(INK))],
        0.0,
    )?;
    cover.paragraph(
        &[span(
            "Input to the management review — ISO 22301 §9.3",
            Style::new(13.0).color(ACCENT),
        )],
        0.0,
    )?;
    cover.y += 18.0;
    cover.fields(
        &[
            (
                "As of".to_owned(),
                vec![span(m.as_of.to_string(), BODY.bold())],
            ),
            (
                "Previous review".to_owned(),
                vec![span(
                    if m.since_snapshot {
                        format!("{} (last readiness snapshot)", m.since)
                    } else {
                        format!("{} (no snapshot: twelve months back)", m.since)
                    },
                    BODY,
                )],
            ),
            (
                "Portfolio".to_owned(),
                vec![span(
                    format!(
                        "{} sites, {} people",
                        thousands(m.sites as u64),
                        thousands(m.headcount)
                    ),
                    BODY,
                )],
            ),
            ("Overall".to_owned(), counts_line(&m.counts, "sites")),
        ],
        110.0,
        9.5,
    )?;
    if let Some(stored) = &m.stored {
        cover.y += 8.0;
        cover.fields(
            &[
                (
                    "Review".to_owned(),
                    vec![span(
                        format!("#{} — {}", stored.id, stored.scope),
                        BODY.bold(),
                    )],
                ),
                (
                    "Status".to_owned(),
                    vec![match &stored.signed_off_at {
                        Some(at) => span(
                            format!(
                                "Signed off {} by {}",
                                day_of(at),
                                stored.signed_by.join(", ")
                            ),
                            BODY.bold().color(OK),
                        ),
                        None => span("Open: not signed off", BODY.bold().color(WARN_EDGE)),
                    }],
                ),
            ],
            110.0,
            9.5,
        )?;
    }
    cover.y += 20.0;
    map(&mut cover, m)?;

    let mut f = Flow::new(fonts, Geometry::a4(), 0);
    summary(&mut f, m)?;
    f.heading(1, "2  Sites by region")?;
    for (i, r) in m.regions.iter().enumerate() {
        f.heading(2, &format!("2.{} {}", i + 1, r.name))?;
        let mut line = counts_line(&r.counts, "sites");
        line.push(span(
            format!(" · average score {}", r.average_score),
            BODY.color(MUTED),
        ));
        f.paragraph(&line, 0.0)?;
        f.space(3.0);
        let mut t = Table::new(
            vec![
                col("Site", 2.3),
                col_right("Tier", 0.6),
                col_right("Staff", 0.8),
                col_right("Score", 0.8),
                col("Status", 1.5),
                col("Top reasons", 5.6),
            ],
            CELL,
        );
        for s in &r.sites {
            let mut score = vec![span(s.score.to_string(), Style::new(CELL).bold())];
            if let Some(c) = s.change.filter(|c| *c != 0) {
                score.push(span(
                    format!("\n{c:+}"),
                    Style::new(CELL - 1.0).color(if c > 0 { OK } else { DANGER }),
                ));
            }
            let reasons = if s.reasons.is_empty() {
                "—".to_owned()
            } else {
                s.reasons
                    .iter()
                    .map(|r| format!("• {r}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            t.rows.push(Row::Cells(vec![
                cell(s.name.as_str()),
                cell(s.tier.to_string()),
                cell(thousands(u64::from(s.headcount))),
                Cell::Text(score),
                status_cell(s.status),
                Cell::Text(vec![span(reasons, Style::new(CELL - 0.5))]),
            ]));
        }
        f.table(&t)?;
    }

    f.heading(1, "3  Top gaps across the portfolio")?;
    f.paragraph(
        &[span(
            "Ranked by the score they cost, weighted by site criticality.",
            BODY.color(MUTED),
        )],
        0.0,
    )?;
    f.space(3.0);
    let mut t = Table::new(
        vec![
            col("Gap", 4.5),
            col("Component", 1.8),
            col_right("Sites", 0.8),
            col_right("Staff", 1.0),
            col_right("Impact", 1.0),
        ],
        CELL,
    );
    for g in &m.top_gaps {
        t.rows.push(Row::Cells(vec![
            Cell::Text(vec![span(g.label.as_str(), Style::new(CELL).bold())]),
            cell(g.component.as_str()),
            cell(thousands(u64::from(g.sites))),
            cell(thousands(g.headcount)),
            cell(format!("{:.1}", g.impact)),
        ]));
    }
    f.table(&t)?;

    f.heading(1, &format!("4  {FORECAST_DAYS}-day forecast"))?;
    let mut line = vec![span(
        format!("If nobody acts, by {}: ", m.forecast.to),
        BODY,
    )];
    line.extend(counts_line(&m.forecast.end_counts, "sites"));
    line.push(span(
        format!(
            " (today {} ready, {} at risk, {} not ready).",
            m.counts.ready, m.counts.at_risk, m.counts.not_ready
        ),
        BODY.color(MUTED),
    ));
    f.paragraph(&line, 0.0)?;
    f.space(3.0);
    if m.forecast.drops.is_empty() {
        f.paragraph(&[span("No site drops a band in the period.", BODY)], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![
                col("Site", 2.0),
                col("Region", 1.8),
                col("Now", 1.0),
                col("Drops on", 1.3),
                col("To", 1.0),
                col("First cause", 5.0),
            ],
            CELL,
        );
        for d in &m.forecast.drops {
            t.rows.push(Row::Cells(vec![
                cell(d.site.as_str()),
                cell(d.region.as_str()),
                status_cell(d.status),
                Cell::Text(vec![span(d.drops_on.to_string(), Style::new(CELL).bold())]),
                status_cell(d.to),
                cell(d.cause.as_str()),
            ]));
        }
        f.table(&t)?;
    }

    iso_inputs(&mut f, m)?;
    match &m.stored {
        Some(stored) => stored_review(&mut f, stored)?,
        None => sign_off(&mut f, m)?,
    }

    let mut doc = assemble::with_contents(fonts, cover.pages, f, 0)?;
    decorate(fonts, &mut doc.pages, |n, total, _| Decoration {
        header_left: vec![
            span(
                m.organisation.as_str(),
                Style::new(8.0).bold().color(ACCENT),
            ),
            span("  —  Readiness review", Style::new(8.0).color(MUTED)),
        ],
        header_right: vec![span(
            format!("As of {}", m.as_of),
            Style::new(8.0).color(MUTED),
        )],
        footer_left: vec![span(
            "Confidential — management review",
            Style::new(7.5).color(MUTED),
        )],
        footer_right: vec![span(
            format!("Generated {} · Page {n} of {total}", m.as_of),
            Style::new(7.5).color(MUTED),
        )],
        watermark: None,
    })?;
    Ok(doc)
}

fn summary(f: &mut Flow, m: &ReviewModel) -> Result<()> {
    f.heading(1, "1  Executive summary")?;
    // Three tiles: sites and people per band.
    let w = f.geom.body_width();
    let gap = 10.0;
    let tile_w = (w - 2.0 * gap) / 3.0;
    let tile_h = 62.0;
    f.ensure(tile_h + 10.0);
    let top = f.y;
    for (i, (status, sites, people)) in [
        (Status::Ready, m.counts.ready, m.headcount_counts.ready),
        (Status::AtRisk, m.counts.at_risk, m.headcount_counts.at_risk),
        (
            Status::NotReady,
            m.counts.not_ready,
            m.headcount_counts.not_ready,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let x = f.geom.left + i as f32 * (tile_w + gap);
        let color = status_color(status);
        f.push(Item::Rect {
            x,
            y: top,
            w: tile_w,
            h: tile_h,
            fill: Some(GROUP_FILL),
            stroke: None,
        });
        f.push(Item::Rect {
            x,
            y: top,
            w: tile_w,
            h: 3.0,
            fill: Some(color),
            stroke: None,
        });
        let lines = [
            vec![span(
                status_label(status).to_uppercase(),
                Style::new(8.0).bold().color(color),
            )],
            vec![
                span(sites.to_string(), Style::new(22.0).bold().color(INK)),
                span(" sites", Style::new(9.0).color(MUTED)),
            ],
            vec![span(
                format!("{} people", thousands(people)),
                Style::new(8.5).color(MUTED),
            )],
        ];
        f.y = top + 8.0;
        for l in lines {
            let laid = crate::layout::wrap(f.fonts, &l, tile_w - 16.0)?;
            for line in &laid {
                f.place_line(x + 8.0, line);
            }
        }
    }
    f.y = top + tile_h + 10.0;
    let covered = m.headcount_counts.ready;
    let pct = if m.headcount > 0 {
        covered as f64 * 100.0 / m.headcount as f64
    } else {
        0.0
    };
    f.paragraph(
        &[
            span(
                format!(
                    "{} sites and {} people. ",
                    thousands(m.sites as u64),
                    thousands(m.headcount)
                ),
                BODY,
            ),
            span(
                format!(
                    "{} people ({pct:.0}%) work at sites that are ready. ",
                    thousands(covered)
                ),
                BODY.bold(),
            ),
            span(
                format!(
                    "Average readiness score {}, {} weighted by headcount and criticality.",
                    m.average_score, m.weighted_score
                ),
                BODY,
            ),
        ],
        0.0,
    )?;
    f.space(4.0);
    match &m.trend {
        Some(t) => {
            let mut spans = vec![
                span(format!("Since the last snapshot ({}): ", t.since), BODY.bold()),
                span(format!("{} of {} sites improved, {} worsened; average change {:+.1} points.", t.improved, t.compared, t.worsened, t.average_change), BODY),
            ];
            if !t.band_changes.is_empty() {
                let list: Vec<String> = t.band_changes.iter().take(12).map(|(s, a, b)| format!("{s} ({} → {})", status_label(*a), status_label(*b))).collect();
                spans.push(span(format!(" Band changes: {}{}.", list.join(", "), if t.band_changes.len() > 12 { ", …" } else { "" }), BODY));
            }
            f.paragraph(&spans, 0.0)?;
        }
        None => f.paragraph(&[span("No earlier readiness snapshot to compare with: record one (continuum snapshot) so the next review can show the trend.", BODY.color(MUTED))], 0.0)?,
    }
    if m.actions.overdue > 0 {
        f.space(4.0);
        f.callout(
            Callout::Warning,
            &format!("{} corrective action(s) overdue", m.actions.overdue),
            &[vec![span(
                "See section 5.1; the review should confirm owners and new dates.",
                Style::new(9.0),
            )]],
            9.0,
        )?;
    }
    Ok(())
}

/// The world map: an equirectangular projection over a graticule, the Natural Earth countries
/// the app draws (see [`super::world`]) and one dot per site in the colour of its band.
fn map(f: &mut Flow, m: &ReviewModel) -> Result<()> {
    let w = f.geom.body_width();
    let h = w / 2.0 * 0.8; // latitudes −60…84 are enough for offices
    f.ensure(h + 30.0);
    let view = View {
        x0: f.geom.left,
        y0: f.y,
        w,
        h,
        lat_top: 84.0,
        lat_bottom: -60.0,
    };
    let (x0, y0) = (view.x0, view.y0);
    f.push(Item::Rect {
        x: x0,
        y: y0,
        w,
        h,
        fill: Some(INFO_FILL),
        stroke: None,
    });
    // The graticule lies on the sea, under the land, as on a paper map.
    for lon in (-150..=150).step_by(30) {
        let x = view.x(f64::from(lon));
        f.push(Item::Line {
            x1: x,
            y1: y0,
            x2: x,
            y2: y0 + h,
            color: GRATICULE,
            width: 0.3,
        });
    }
    for lat in (-30..=60).step_by(30) {
        let y = view.y(f64::from(lat));
        f.push(Item::Line {
            x1: x0,
            y1: y,
            x2: x0 + w,
            y2: y,
            color: GRATICULE,
            width: if lat == 0 { 0.6 } else { 0.3 },
        });
    }
    for country in world::countries()? {
        let rings = view.rings(country);
        if !rings.is_empty() {
            f.push(Item::Shape {
                rings,
                fill: LAND,
                stroke: (BORDER, 0.3),
            });
        }
    }
    f.push(Item::Rect {
        x: x0,
        y: y0,
        w,
        h,
        fill: None,
        stroke: Some((RULE, 0.5)),
    });
    // Worst last, so a red dot is never hidden under a green one.
    let mut points: Vec<&MapPoint> = m.map.iter().collect();
    points.sort_by_key(|p| std::cmp::Reverse(p.status));
    let r = if points.len() > 200 { 1.6 } else { 3.2 };
    for p in points {
        let (cx, cy) = (view.x(p.longitude), view.y(p.latitude));
        f.push(Item::Polygon {
            points: circle(cx, cy, r + 0.8),
            fill: WHITE,
        });
        f.push(Item::Polygon {
            points: circle(cx, cy, r),
            fill: status_color(p.status),
        });
    }
    f.y = y0 + h + 6.0;
    // Legend: a swatch and a label per band.
    let mut lx = x0;
    let top = f.y;
    for s in [Status::Ready, Status::AtRisk, Status::NotReady] {
        f.push(Item::Rect {
            x: lx,
            y: top + 2.5,
            w: 6.0,
            h: 6.0,
            fill: Some(status_color(s)),
            stroke: None,
        });
        let line = crate::layout::wrap(
            f.fonts,
            &[span(status_label(s), Style::new(8.0).color(MUTED))],
            100.0,
        )?
        .remove(0);
        f.y = top;
        f.place_line(lx + 9.0, &line);
        lx += 9.0 + line.width + 14.0;
    }
    let line = crate::layout::wrap(
        f.fonts,
        &[span(
            "Sites by readiness band (equirectangular projection)",
            Style::new(8.0).color(MUTED),
        )],
        x0 + w - lx,
    )?
    .remove(0);
    f.y = top;
    f.place_line(lx, &line);
    Ok(())
}

fn circle(cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    (0..16)
        .map(|i| (i as f32 * std::f32::consts::TAU / 16.0).sin_cos())
        .map(|(s, c)| (cx + r * c, cy + r * s))
        .collect()
}

fn iso_inputs(f: &mut Flow, m: &ReviewModel) -> Result<()> {
    f.heading(1, "5  Management review inputs (ISO 22301 §9.3)")?;
    f.heading(2, "5.1 Status of corrective actions")?;
    let a = &m.actions;
    f.paragraph(
        &[
            span(format!("{} open, ", a.open), BODY.bold()),
            span(format!("of which {} overdue", a.overdue), BODY.bold().color(if a.overdue > 0 { DANGER } else { INK })),
            span(
                format!(
                    ". Open by severity: {} critical, {} high, {} medium, {} low. {} closed since {}.",
                    a.open_by_severity[0], a.open_by_severity[1], a.open_by_severity[2], a.open_by_severity[3], a.closed_since, m.since
                ),
                BODY,
            ),
        ],
        0.0,
    )?;
    if !a.overdue_list.is_empty() {
        f.space(3.0);
        let mut t = Table::new(
            vec![
                col("Site", 1.6),
                col("Corrective action", 5.0),
                col("Severity", 1.1),
                col("Owner", 1.7),
                col("Due", 1.2),
            ],
            CELL,
        );
        for r in &a.overdue_list {
            t.rows.push(Row::Cells(vec![
                cell(r.site.as_str()),
                cell(r.action.as_str()),
                cell(r.severity.as_str()),
                cell(r.owner.as_str()),
                Cell::Text(vec![span(
                    r.due.to_string(),
                    Style::new(CELL).bold().color(DANGER),
                )]),
            ]));
        }
        f.table(&t)?;
        if a.overdue > a.overdue_list.len() {
            f.paragraph(
                &[span(
                    format!("… and {} more overdue.", a.overdue - a.overdue_list.len()),
                    Style::new(8.5).color(MUTED),
                )],
                0.0,
            )?;
        }
    }

    f.heading(
        2,
        "5.2 Exercise results: recovery time achieved against RTO",
    )?;
    if m.exercises.is_empty() {
        f.paragraph(
            &[span(
                format!("No exercise recorded a recovery time since {}.", m.since),
                BODY,
            )],
            0.0,
        )?;
    } else {
        let met = m
            .exercises
            .iter()
            .filter(|e| e.rto_minutes.is_some_and(|r| e.recovery_minutes <= r))
            .count();
        f.paragraph(
            &[
                span(
                    format!(
                        "{} result(s) since {}; misses listed first.",
                        m.exercises_total, m.since
                    ),
                    BODY,
                ),
                span(
                    format!(" {met} of the {} shown within RTO.", m.exercises.len()),
                    BODY.color(MUTED),
                ),
            ],
            0.0,
        )?;
        f.space(3.0);
        let mut t = Table::new(
            vec![
                col("Date", 1.2),
                col("Site", 1.5),
                col("Exercise / plan", 4.2),
                col("Outcome", 1.5),
                col_right("Achieved", 1.1),
                col_right("RTO", 0.9),
            ],
            CELL,
        );
        for e in &m.exercises {
            let achieved = continuum_core::Span::from_minutes(e.recovery_minutes).to_string();
            let rto = e
                .rto_minutes
                .map(|r| continuum_core::Span::from_minutes(r).to_string())
                .unwrap_or_else(|| "—".into());
            let miss = e.rto_minutes.is_some_and(|r| e.recovery_minutes > r);
            let style = if miss {
                Style::new(CELL).bold().color(DANGER)
            } else {
                Style::new(CELL).color(OK)
            };
            t.rows.push(Row::Cells(vec![
                cell(e.date.to_string()),
                cell(e.site.as_str()),
                Cell::Text(vec![
                    span(e.exercise.as_str(), Style::new(CELL)),
                    span(format!("\n{}", e.plan), Style::new(CELL - 1.0).color(MUTED)),
                ]),
                cell(e.outcome.as_str()),
                Cell::Text(vec![span(achieved, style)]),
                cell(rto),
            ]));
        }
        f.table(&t)?;
    }

    f.heading(2, "5.3 Changes since the last review")?;
    if m.changes.is_empty() {
        f.paragraph(
            &[span(
                format!("No plan was revised since {}.", m.since),
                BODY,
            )],
            0.0,
        )?;
    } else {
        f.paragraph(
            &[span(
                format!(
                    "{} plan revision(s) since {}{}.",
                    m.changes_total,
                    m.since,
                    if m.changes_total > m.changes.len() {
                        "; the latest are listed"
                    } else {
                        ""
                    }
                ),
                BODY,
            )],
            0.0,
        )?;
        f.space(3.0);
        let mut t = Table::new(
            vec![
                col("Date", 1.2),
                col("Site", 1.5),
                col("Plan", 3.0),
                col("Version", 0.9),
                col("Summary", 4.4),
            ],
            CELL,
        );
        for c in &m.changes {
            t.rows.push(Row::Cells(vec![
                cell(c.date.to_string()),
                cell(c.site.as_str()),
                cell(c.plan.as_str()),
                cell(c.version.as_str()),
                cell(c.summary.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

fn sign_off(f: &mut Flow, m: &ReviewModel) -> Result<()> {
    f.fresh_page();
    f.heading(1, "6  Sign-off")?;
    f.paragraph(&[span(format!("Reviewed by top management on the basis of this report as of {}. Record the decisions and actions of the review (ISO 22301 §9.3.3), then sign.", m.as_of), BODY)], 0.0)?;
    f.space(10.0);
    let label = Style::new(8.5).bold().color(MUTED);
    let w = f.geom.body_width();
    let x = f.geom.left;
    // Decisions box with writing lines.
    f.paragraph(&[span("Decisions and actions", label)], 0.0)?;
    f.space(2.0);
    let box_h = 230.0;
    f.ensure(box_h);
    let top = f.y;
    f.push(Item::Rect {
        x,
        y: top,
        w,
        h: box_h,
        fill: None,
        stroke: Some((RULE, 0.8)),
    });
    let mut y = top + 22.0;
    while y < top + box_h - 4.0 {
        f.push(Item::Line {
            x1: x + 8.0,
            y1: y,
            x2: x + w - 8.0,
            y2: y,
            color: Rgb(0xe1, 0xe5, 0xea),
            width: 0.5,
        });
        y += 20.0;
    }
    f.y = top + box_h + 16.0;
    // Signature lines.
    for row in [
        ["Reviewer", "Role"],
        ["Signature", "Date"],
        ["Next review due", "Distribution"],
    ] {
        f.ensure(44.0);
        let top = f.y;
        for (i, name) in row.iter().enumerate() {
            let cx = x + i as f32 * (w / 2.0 + 6.0);
            let cw = w / 2.0 - 6.0;
            f.push(Item::Line {
                x1: cx,
                y1: top + 26.0,
                x2: cx + cw,
                y2: top + 26.0,
                color: INK,
                width: 0.6,
            });
            let lines = crate::layout::wrap(f.fonts, &[span(*name, label)], cw)?;
            f.y = top + 29.0;
            f.place_line(cx, &lines[0]);
        }
        f.y = top + 48.0;
    }
    Ok(())
}

/// The date part of an RFC 3339 time.
fn day_of(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

fn item_table(f: &mut Flow, items: &[ItemRow], empty: &str) -> Result<()> {
    if items.is_empty() {
        return f.paragraph(&[span(empty, BODY.color(MUTED))], 0.0);
    }
    let mut t = Table::new(
        vec![
            col("Action", 5.2),
            col("Owner", 1.8),
            col("Due", 1.3),
            col("Status", 1.6),
        ],
        CELL,
    );
    for a in items {
        let color = match a.status.as_str() {
            "overdue" => DANGER,
            "open" => INK,
            _ => OK,
        };
        t.rows.push(Row::Cells(vec![
            cell(a.text.as_str()),
            cell(a.owner.as_str()),
            cell(a.due.map(|d| d.to_string()).unwrap_or_default()),
            Cell::Text(vec![span(
                a.status.as_str(),
                Style::new(CELL).bold().color(color),
            )]),
        ]));
    }
    f.table(&t)
}

/// A stored review's own record in place of the blank sign-off page: its decisions, its
/// actions, the previous review's actions and the sign-off.
fn stored_review(f: &mut Flow, s: &StoredReview) -> Result<()> {
    f.fresh_page();
    f.heading(1, &format!("6  Review #{}: decisions and actions", s.id))?;
    f.paragraph(
        &[span(
            format!(
                "{} review, started {} by {}. Decisions and actions recorded under ISO 22301 §9.3.3.",
                s.scope,
                day_of(&s.started_at),
                s.started_by
            ),
            BODY,
        )],
        0.0,
    )?;
    f.heading(2, "6.1 Decisions")?;
    if s.decisions.is_empty() {
        f.paragraph(&[span("No decision was recorded.", BODY.color(MUTED))], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![col("#", 0.4), col("Decision", 7.5), col("Recorded by", 2.0)],
            CELL,
        );
        for (i, d) in s.decisions.iter().enumerate() {
            t.rows.push(Row::Cells(vec![
                cell((i + 1).to_string()),
                cell(d.text.as_str()),
                cell(d.recorded_by.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    f.heading(2, "6.2 Actions")?;
    item_table(f, &s.actions, "No action was recorded.")?;
    f.heading(2, "6.3 Actions of the previous review")?;
    match &s.previous {
        None => f.paragraph(
            &[span(
                "This is the first review of its scope.",
                BODY.color(MUTED),
            )],
            0.0,
        )?,
        Some(previous) => {
            f.paragraph(
                &[span(
                    format!("Review {previous}, status as of this review's date."),
                    BODY,
                )],
                0.0,
            )?;
            f.space(3.0);
            item_table(
                f,
                &s.previous_actions,
                "The previous review recorded no action.",
            )?;
        }
    }
    f.heading(1, "7  Sign-off")?;
    match &s.signed_off_at {
        Some(at) => {
            f.paragraph(
                &[
                    span("Signed off on ", BODY),
                    span(
                        format!("{} ({} UTC)", day_of(at), at.get(11..16).unwrap_or("")),
                        BODY.bold(),
                    ),
                    span(" by:", BODY),
                ],
                0.0,
            )?;
            for name in &s.signed_by {
                f.paragraph(&[span(format!("• {name}"), BODY.bold())], 8.0)?;
            }
            f.space(4.0);
            f.paragraph(
                &[span(
                    "A readiness snapshot of every site was recorded as of the review's date at sign-off.",
                    BODY.color(MUTED),
                )],
                0.0,
            )?;
        }
        None => f.paragraph(
            &[span(
                "Not signed off yet: this review is still open.",
                BODY.bold().color(WARN_EDGE),
            )],
            0.0,
        )?,
    }
    Ok(())
}
