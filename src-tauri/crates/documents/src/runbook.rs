//! The runbook renderer: lays a [`RunbookModel`] out as an A4 document in the order a recovery
//! team needs it (cover, contents, then per plan: purpose and activation, recovery priorities,
//! roles and call tree, procedures, resources, communications, exercises, revisions).

use crate::assemble::{self, Assembled};
use crate::fonts::Fonts;
use crate::layout::{
    col, col_right, decorate, palette::*, span, Callout, Cell, Decoration, Flow, Geometry, Row,
    Span, Style, Table,
};
use crate::model::{clock, Contact, Currency, PlanModel, RunbookModel, Training};
use crate::Result;

pub const CLASSIFICATION: &str = "Confidential — contains personal contact data";

const BODY: Style = Style::new(9.5);
const SMALL: Style = Style::new(8.0);
const CELL: f32 = 8.5;

fn cell(text: impl Into<String>) -> Cell {
    Cell::Text(vec![span(text, Style::new(CELL))])
}

fn cell_bold(text: impl Into<String>) -> Cell {
    Cell::Text(vec![span(text, Style::new(CELL).bold())])
}

/// A cell with a main line and a muted second line.
fn cell_two(main: &str, sub: &str) -> Cell {
    let mut spans = vec![span(main, Style::new(CELL))];
    if !sub.is_empty() {
        spans.push(span(
            format!("\n{sub}"),
            Style::new(CELL - 1.0).color(MUTED),
        ));
    }
    Cell::Text(spans)
}

fn date_or_dash(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// Per-page header context: which plan the page belongs to.
struct Meta {
    plan: Option<String>,
    version: String,
}

pub fn render(fonts: &Fonts, m: &RunbookModel) -> Result<Assembled> {
    let single = m.plan_id.is_some() && m.plans.len() == 1;
    let mut metas = vec![Meta {
        plan: if single {
            m.plans.first().map(|p| p.title.clone())
        } else {
            Some("Site runbook".to_owned())
        },
        version: if single {
            m.plans.first().map(version_label).unwrap_or_default()
        } else {
            format!("{} plan(s)", m.plans.len())
        },
    }];

    // Cover.
    let mut cover = Flow::new(fonts, Geometry::a4(), 0);
    render_cover(&mut cover, m, single)?;

    // Body.
    let mut body = Flow::new(fonts, Geometry::a4(), 0);
    if m.plans.is_empty() {
        body.heading(1, "No plans")?;
        body.paragraph(&[span("This site has no approved plan and no draft. Nothing to follow yet: contact the business continuity manager.", BODY)], 0.0)?;
    }
    for (i, plan) in m.plans.iter().enumerate() {
        metas.push(Meta {
            plan: Some(plan.title.clone()),
            version: version_label(plan),
        });
        let meta = metas.len() - 1;
        if i > 0 || !single {
            body.fresh_page();
        }
        body.set_meta(meta);
        let prefix = if single {
            String::new()
        } else {
            format!("{}.", i + 1)
        };
        if !single {
            body.heading(0, &format!("{} {}", i + 1, plan.title))?;
            body.fields(&plan_fields(plan), 110.0, 9.0)?;
            body.space(6.0);
        }
        render_plan(&mut body, m, plan, &prefix)?;
    }

    let in_force = m.plans.iter().find_map(|p| p.in_force.as_ref());
    let mut doc = assemble::with_contents(fonts, cover.pages, body, 0)?;
    let site = format!("{} · {}", m.site.name, m.site.city);
    decorate(fonts, &mut doc.pages, |n, total, meta| {
        let meta = &metas[meta.min(metas.len() - 1)];
        let mut header_left = vec![span(site.clone(), Style::new(8.0).bold().color(ACCENT))];
        if let Some(plan) = &meta.plan {
            header_left.push(span(format!("  —  {plan}"), Style::new(8.0).color(MUTED)));
        }
        let header_right = match (&m.marking, in_force) {
            (Some(mark), Some(f)) => vec![span(
                format!("{mark} — NOT IN FORCE (version {} is)", f.version),
                Style::new(8.0).bold().color(DANGER),
            )],
            (Some(mark), None) => vec![span(
                format!("{mark} — NOT APPROVED"),
                Style::new(8.0).bold().color(DANGER),
            )],
            (None, _) => vec![span("Runbook", Style::new(8.0).color(MUTED))],
        };
        Decoration {
            header_left,
            header_right,
            footer_left: vec![span(CLASSIFICATION, Style::new(7.5).color(MUTED))],
            footer_right: vec![span(
                format!(
                    "{} · Generated {} · Page {n} of {total}",
                    meta.version, m.generated
                ),
                Style::new(7.5).color(MUTED),
            )],
            watermark: m.marking.clone(),
        }
    })?;
    Ok(doc)
}

/// "Version 3.2", or for a draft version "Draft version 3.3 (not in force)".
fn version_label(p: &PlanModel) -> String {
    match &p.in_force {
        Some(_) => format!("Draft version {} (not in force)", p.version),
        None => format!("Version {}", p.version),
    }
}

fn plan_fields(p: &PlanModel) -> Vec<(String, Vec<Span>)> {
    let v = |t: String| vec![span(t, Style::new(9.0))];
    let danger = Style::new(9.0).bold().color(DANGER);
    let mut status = vec![span(
        p.status.clone(),
        Style::new(9.0)
            .bold()
            .color(if p.approved { OK } else { DANGER }),
    )];
    match &p.in_force {
        Some(f) => status.push(span(
            format!(
                "  — DRAFT, not in force: the approved version {} is",
                f.version
            ),
            Style::new(9.0).color(DANGER),
        )),
        None if !p.approved => status.push(span(
            "  — not approved: use with care",
            Style::new(9.0).color(DANGER),
        )),
        None => {}
    }
    if let Some(f) = &p.in_force {
        let approved = match (&f.approver, f.approved_on) {
            (Some(who), Some(on)) => format!(", approved by {who} on {on}"),
            (None, Some(on)) => format!(", approved on {on}"),
            (Some(who), None) => format!(", approved by {who}"),
            (None, None) => String::new(),
        };
        return vec![
            ("Plan".to_owned(), v(format!("{} ({})", p.kind, p.id))),
            (
                "Version".to_owned(),
                vec![span(format!("{} — DRAFT", p.version), danger)],
            ),
            ("Status".to_owned(), status),
            (
                "In force".to_owned(),
                v(format!("Version {}{approved}", f.version)),
            ),
            ("Owner".to_owned(), v(p.owner.clone())),
            ("Last review".to_owned(), v(date_or_dash(p.last_reviewed))),
        ];
    }
    let mut review = v(date_or_dash(p.last_reviewed));
    if let Some(next) = p.next_review {
        let style = if p.review_overdue {
            Style::new(9.0).bold().color(DANGER)
        } else {
            Style::new(9.0).color(MUTED)
        };
        review.push(span(
            format!(
                "   (next review due {next}{})",
                if p.review_overdue { ", overdue" } else { "" }
            ),
            style,
        ));
    }
    vec![
        ("Plan".to_owned(), v(format!("{} ({})", p.kind, p.id))),
        ("Version".to_owned(), v(p.version.clone())),
        ("Status".to_owned(), status),
        ("Owner".to_owned(), v(p.owner.clone())),
        (
            "Approved by".to_owned(),
            v(p.approver.clone().unwrap_or_else(|| "—".to_owned())),
        ),
        ("Approval date".to_owned(), v(date_or_dash(p.approved_on))),
        ("Last review".to_owned(), review),
    ]
}

fn render_cover(f: &mut Flow, m: &RunbookModel, single: bool) -> Result<()> {
    f.space(0.0);
    f.y = f.geom.top + 30.0;
    f.paragraph(
        &[span(
            m.organisation.to_uppercase(),
            Style::new(9.0).bold().color(MUTED),
        )],
        0.0,
    )?;
    f.y += 4.0;
    let kind = if single {
        format!("{} — RUNBOOK", m.plans[0].kind.to_uppercase())
    } else {
        "SITE RUNBOOK".to_owned()
    };
    f.paragraph(&[span(kind, Style::new(10.0).bold().color(ACCENT))], 0.0)?;
    f.y += 14.0;
    f.paragraph(
        &[span(
            m.site.name.as_str(),
            Style::new(30.0).bold().color(INK),
        )],
        0.0,
    )?;
    f.paragraph(
        &[span(
            format!(
                "{}, {} · {} · Tier {} · {} staff",
                m.site.city, m.site.country, m.site.region, m.site.tier, m.site.headcount
            ),
            Style::new(10.0).color(MUTED),
        )],
        0.0,
    )?;
    f.y += 14.0;
    if single {
        let p = &m.plans[0];
        f.paragraph(
            &[span(
                p.title.as_str(),
                Style::new(18.0).bold().color(ACCENT),
            )],
            0.0,
        )?;
        f.y += 10.0;
        let mut rows = plan_fields(p);
        rows.push((
            "Generated".to_owned(),
            vec![span(m.generated.to_string(), Style::new(9.0))],
        ));
        if let Some(lead) = &m.site.lead {
            rows.push((
                "Site lead".to_owned(),
                vec![span(lead.as_str(), Style::new(9.0))],
            ));
        }
        rows.push((
            "Time zone".to_owned(),
            vec![span(m.site.time_zone.as_str(), Style::new(9.0))],
        ));
        f.fields(&rows, 110.0, 9.0)?;
    } else {
        let what = if m.marking.is_some() {
            "Draft plans of the site (none is approved yet)"
        } else {
            "All approved plans of the site"
        };
        f.paragraph(&[span(what, Style::new(14.0).bold().color(ACCENT))], 0.0)?;
        f.y += 8.0;
        let mut t = Table::new(
            vec![
                col("Plan", 4.0),
                col("Version", 1.0),
                col("Status", 1.3),
                col("Approved by", 2.2),
                col("Approved", 1.5),
                col("Last review", 1.5),
            ],
            CELL,
        );
        for p in &m.plans {
            let status = Cell::Text(vec![span(
                p.status.as_str(),
                Style::new(CELL)
                    .bold()
                    .color(if p.approved { OK } else { DANGER }),
            )]);
            t.rows.push(Row::Cells(vec![
                cell_two(&p.title, &p.kind),
                cell(p.version.as_str()),
                status,
                cell(p.approver.clone().unwrap_or_else(|| "—".into())),
                cell(date_or_dash(p.approved_on)),
                cell(date_or_dash(p.last_reviewed)),
            ]));
        }
        f.table(&t)?;
        f.y += 8.0;
        let mut rows = vec![(
            "Generated".to_owned(),
            vec![span(m.generated.to_string(), Style::new(9.0))],
        )];
        if let Some(lead) = &m.site.lead {
            rows.push((
                "Site lead".to_owned(),
                vec![span(lead.as_str(), Style::new(9.0))],
            ));
        }
        rows.push((
            "Time zone".to_owned(),
            vec![span(m.site.time_zone.as_str(), Style::new(9.0))],
        ));
        f.fields(&rows, 110.0, 9.0)?;
    }
    f.y += 10.0;
    if let Some(p) = m.plans.iter().find(|p| p.in_force.is_some()) {
        let version = p.in_force.as_ref().map_or("", |f| f.version.as_str());
        f.callout(
            Callout::Danger,
            &format!("DRAFT — not in force; the approved version {version} is"),
            &[vec![span(
                format!(
                    "This is the draft of version {} of the plan, written while version \
                     {version} stays in force. Do not use it in an incident: follow the \
                     approved version {version}.",
                    p.version
                ),
                BODY,
            )]],
            9.0,
        )?;
    } else if m.marking.is_some() {
        f.callout(
            Callout::Danger,
            "DRAFT — not approved",
            &[vec![span("No plan in this runbook has been approved. It is issued because in a disaster a draft beats nothing: follow it, and record every deviation in the incident log.", BODY)]],
            9.0,
        )?;
    }
    for p in m.plans.iter().filter(|p| p.review_overdue) {
        f.callout(
            Callout::Warning,
            &format!("Review overdue: {}", p.title),
            &[vec![span(
                format!(
                    "The review was due on {}. Check names and numbers before relying on them.",
                    date_or_dash(p.next_review)
                ),
                BODY,
            )]],
            9.0,
        )?;
    }
    // Classification at the foot of the cover.
    let lines = crate::layout::wrap(f.fonts, &[span("Handle as confidential: keep printed copies secure, hand them back when you leave a role, destroy superseded versions.", SMALL.color(MUTED))], f.geom.body_width() - 40.0)?;
    let h = 40.0 + lines.iter().map(|l| l.height).sum::<f32>();
    if f.y < f.geom.body_bottom() - h {
        f.y = f.geom.body_bottom() - h;
    }
    f.callout(Callout::Info, CLASSIFICATION, &[vec![span("Handle as confidential: keep printed copies secure, hand them back when you leave a role, destroy superseded versions.", SMALL.color(MUTED))]], 9.0)?;
    Ok(())
}

/// The eight numbered sections of a plan, in the order the runbook prints them.
const SECTIONS: [(&str, Section); 8] = [
    ("Purpose, scope and activation", purpose_and_activation),
    ("Recovery priorities", recovery_priorities),
    ("Roles and call tree", roles_and_call_tree),
    ("Procedures", procedures),
    ("Resources and relocation", resources_and_relocation),
    ("Communications and contacts", communications_and_contacts),
    ("Exercises and corrective actions", exercises_and_actions),
    ("Revision history", revision_history),
];

type Section = fn(&mut Flow, &RunbookModel, &PlanModel) -> Result<()>;

fn render_plan(f: &mut Flow, m: &RunbookModel, p: &PlanModel, prefix: &str) -> Result<()> {
    for (n, (title, section)) in SECTIONS.iter().enumerate() {
        f.heading(1, &format!("{prefix}{}  {title}", n + 1))?;
        section(f, m, p)?;
    }
    Ok(())
}

/// Why the plan exists, what it covers, and who activates it on which criteria.
fn purpose_and_activation(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    f.heading(2, "Purpose")?;
    f.paragraph(&[span(p.purpose.as_str(), BODY)], 0.0)?;
    f.heading(2, "Scope")?;
    f.paragraph(&[span(p.scope.as_str(), BODY)], 0.0)?;
    if !p.objectives.is_empty() {
        f.heading(2, "Objectives")?;
        f.bullets(
            &p.objectives
                .iter()
                .map(|o| vec![span(o.as_str(), BODY)])
                .collect::<Vec<_>>(),
            BODY,
        )?;
    }
    if !p.assumptions.is_empty() {
        f.heading(2, "Assumptions")?;
        f.bullets(
            &p.assumptions
                .iter()
                .map(|o| vec![span(o.as_str(), BODY)])
                .collect::<Vec<_>>(),
            BODY,
        )?;
    }
    f.heading(2, "Activation")?;
    let who = |list: &[(String, Vec<String>)]| -> Vec<Span> {
        let mut spans = Vec::new();
        for (i, (role, names)) in list.iter().enumerate() {
            if i > 0 {
                spans.push(span("\n", BODY));
            }
            spans.push(span(role.as_str(), BODY.bold()));
            let names = if names.is_empty() {
                "nobody assigned".to_owned()
            } else {
                names.join(", ")
            };
            spans.push(span(format!(" ({names})"), BODY));
        }
        if spans.is_empty() {
            spans.push(span("—", BODY));
        }
        spans
    };
    let criteria: Vec<Span> = if p.activation_criteria.is_empty() {
        vec![span("—", BODY)]
    } else {
        p.activation_criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                span(
                    format!("{}{}. {c}", if i > 0 { "\n" } else { "" }, i + 1),
                    BODY,
                )
            })
            .collect()
    };
    f.fields(
        &[
            (
                "Scenarios covered".to_owned(),
                vec![span(
                    if p.scenarios.is_empty() {
                        "—".to_owned()
                    } else {
                        p.scenarios.join(" · ")
                    },
                    BODY,
                )],
            ),
            ("Activate when".to_owned(), criteria),
            ("May activate".to_owned(), who(&p.activated_by)),
            ("May stand down".to_owned(), who(&p.stood_down_by)),
        ],
        100.0,
        9.5,
    )?;
    Ok(())
}

/// What must be recovered first: the processes the plan covers, by RTO.
fn recovery_priorities(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    match &p.shortest_rto {
        Some((rto, name)) => f.paragraph(
            &[
                span(
                    "Processes in the order of their recovery time objective. Shortest RTO: ",
                    BODY,
                ),
                span(format!("{rto} ({name})"), BODY.bold()),
                span(".", BODY),
            ],
            0.0,
        )?,
        None => f.paragraph(&[span("This plan names no business process.", BODY)], 0.0)?,
    }
    f.space(4.0);
    if !p.processes.is_empty() {
        let mut t = Table::new(
            vec![
                col_right("#", 0.4),
                col("Process", 2.6),
                col("Criticality", 1.1),
                col_right("RTO", 0.8),
                col_right("RPO", 0.8),
                col_right("MTPD", 0.9),
                col_right("Staff", 0.7),
                col("Dependencies", 3.2),
            ],
            CELL,
        );
        for (i, pr) in p.processes.iter().enumerate() {
            let crit_style = if pr.criticality == "Critical" {
                Style::new(CELL).bold().color(DANGER)
            } else {
                Style::new(CELL)
            };
            t.rows.push(Row::Cells(vec![
                cell((i + 1).to_string()),
                cell_two(&pr.name, &format!("Owner: {}", pr.owner)),
                Cell::Text(vec![span(pr.criticality.as_str(), crit_style)]),
                cell_bold(pr.rto.to_string()),
                cell(pr.rpo.to_string()),
                cell(pr.mtpd.to_string()),
                cell(pr.minimum_staff.to_string()),
                cell(if pr.dependencies.is_empty() {
                    "—".to_owned()
                } else {
                    pr.dependencies.join("\n")
                }),
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

/// Who fills each recovery role (primary and ranked alternates) and who calls whom.
fn roles_and_call_tree(f: &mut Flow, m: &RunbookModel, p: &PlanModel) -> Result<()> {
    f.paragraph(
        &[span(
            format!(
                "Primary first, then alternates in call order. Training currency as of {}.",
                m.generated
            ),
            BODY.color(MUTED),
        )],
        0.0,
    )?;
    for role in &p.roles {
        f.heading(
            2,
            &format!(
                "{}{}",
                role.name,
                if role.critical {
                    " (critical role)"
                } else {
                    ""
                }
            ),
        )?;
        if !role.description.is_empty() {
            f.paragraph(&[span(role.description.as_str(), SMALL.color(MUTED))], 0.0)?;
            f.space(2.0);
        }
        let mut t = Table::new(
            vec![
                col("Rank", 1.05),
                col("Name", 2.4),
                col("Phone", 2.0),
                col("E-mail", 2.75),
                col("Training", 2.8),
            ],
            CELL,
        );
        for h in &role.holders {
            let rank = if h.rank == 0 {
                "Primary".to_owned()
            } else {
                format!("Alt. {}", h.rank)
            };
            let mut name = vec![span(h.contact.name.as_str(), Style::new(CELL).bold())];
            if !h.contact.title.is_empty() {
                name.push(span(
                    format!("\n{}", h.contact.title),
                    Style::new(CELL - 1.0).color(MUTED),
                ));
            }
            if !h.contact.active {
                name.push(span(
                    "\nLEFT — replace",
                    Style::new(CELL - 1.0).bold().color(DANGER),
                ));
            }
            let row = vec![
                cell(rank),
                Cell::Text(name),
                phones_cell(&h.contact),
                cell(h.contact.email.as_str()),
                training_cell(&h.training),
            ];
            if h.contact.active {
                t.rows.push(Row::Cells(row));
            } else {
                t.rows.push(Row::Tinted(row, DANGER_FILL));
            }
        }
        if role.holders.is_empty() {
            t.rows.push(Row::Tinted(
                vec![
                    cell("—"),
                    cell_bold("Nobody assigned"),
                    cell(""),
                    cell(""),
                    cell(""),
                ],
                DANGER_FILL,
            ));
        }
        f.table(&t)?;
        if !role.gaps.is_empty() {
            f.space(3.0);
            let body: Vec<Vec<Span>> = role
                .gaps
                .iter()
                .map(|g| vec![span(format!("• {g}"), Style::new(8.5))])
                .collect();
            f.callout(
                Callout::Warning,
                &format!("Gap in the cover of {}", role.name),
                &body,
                8.5,
            )?;
        }
    }
    f.heading(2, "Call tree")?;
    f.paragraph(&[span("On activation, each caller rings the people listed, in order. If someone cannot be reached, call the next alternate for that role and note it in the incident log.", BODY)], 0.0)?;
    f.space(3.0);
    let mut t = Table::new(vec![col("Caller", 3.0), col("Calls, in order", 6.0)], CELL);
    for link in &p.call_tree {
        let caller = match &link.caller {
            Some(c) => vec![
                span(link.caller_role.as_str(), Style::new(CELL).bold()),
                span(
                    format!("\n{}  {}", c.name, c.first_phone().unwrap_or("")),
                    Style::new(CELL),
                ),
            ],
            None => vec![
                span(link.caller_role.as_str(), Style::new(CELL).bold()),
                span("\nnobody assigned", Style::new(CELL).color(DANGER)),
            ],
        };
        let mut calls = Vec::new();
        for (i, (role, rank, c)) in link.calls.iter().enumerate() {
            let rank = if *rank == 0 {
                String::new()
            } else {
                format!(" (alternate {rank})")
            };
            calls.push(span(
                format!("{}{}. ", if i > 0 { "\n" } else { "" }, i + 1),
                Style::new(CELL).color(MUTED),
            ));
            calls.push(span(format!("{}  ", c.name), Style::new(CELL).bold()));
            calls.push(span(
                format!("{}  ", c.first_phone().unwrap_or("no phone")),
                Style::new(CELL),
            ));
            calls.push(span(format!("{role}{rank}"), Style::new(CELL).color(MUTED)));
        }
        if calls.is_empty() {
            calls.push(span("—", Style::new(CELL)));
        }
        t.rows
            .push(Row::Cells(vec![Cell::Text(caller), Cell::Text(calls)]));
    }
    f.table(&t)?;
    Ok(())
}

/// The steps, phase by phase, with owners and target times.
fn procedures(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    let rto_note = match &p.shortest_rto {
        Some((rto, name)) => format!("Elapsed is the sum of the target times from activation. Respond and recover steps that end after the shortest RTO — {rto} ({name}) — are flagged."),
        None => "Elapsed is the sum of the target times from activation.".to_owned(),
    };
    f.paragraph(
        &[
            span(
                "Tick each step when done and note the time and your initials. ",
                BODY,
            ),
            span(rto_note, BODY.color(MUTED)),
        ],
        0.0,
    )?;
    f.space(4.0);
    let mut t = Table::new(
        vec![
            col("", 0.42),
            col_right("No.", 0.62),
            col("Action", 4.6),
            col("Responsible", 2.2),
            col_right("Target", 0.95),
            col_right("Elapsed", 1.25),
            col("Done at", 0.95),
        ],
        CELL,
    );
    let mut phase = None;
    for s in &p.steps {
        if phase != Some(s.phase) {
            phase = Some(s.phase);
            t.rows.push(Row::Group(vec![span(
                format!("{} phase", s.phase.label()),
                Style::new(CELL + 0.5).bold().color(ACCENT),
            )]));
        }
        let mut who = vec![span(s.role.as_str(), Style::new(CELL).bold())];
        match &s.who {
            Some(name) => who.push(span(
                format!("\n{name}"),
                Style::new(CELL - 0.5).color(MUTED),
            )),
            None => who.push(span(
                "\nnobody assigned",
                Style::new(CELL - 0.5).bold().color(DANGER),
            )),
        }
        let elapsed = if s.beyond_rto {
            Cell::Text(vec![
                span(clock(s.elapsed), Style::new(CELL).bold().color(DANGER)),
                span("\nbeyond RTO", Style::new(CELL - 1.0).bold().color(DANGER)),
            ])
        } else {
            cell(clock(s.elapsed))
        };
        let row = vec![
            Cell::Tick,
            cell_bold(s.number.to_string()),
            cell(s.action.as_str()),
            Cell::Text(who),
            cell(s.target.to_string()),
            elapsed,
            cell(""),
        ];
        if s.beyond_rto {
            t.rows.push(Row::Tinted(row, DANGER_FILL));
        } else {
            t.rows.push(Row::Cells(row));
        }
    }
    if p.steps.is_empty() {
        f.paragraph(
            &[span(
                "This plan has no procedure steps yet.",
                BODY.color(DANGER),
            )],
            0.0,
        )?;
    } else {
        f.table(&t)?;
    }
    Ok(())
}

/// What the plan needs, where to go if the site is lost, and the vital records.
fn resources_and_relocation(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    if p.resources.is_empty() {
        f.paragraph(&[span("The plan lists no resources.", BODY)], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![
                col("Resource", 2.4),
                col_right("Required", 1.0),
                col_right("Held", 0.9),
                col("Where held", 3.6),
                col("Status", 1.3),
            ],
            CELL,
        );
        for r in &p.resources {
            let status = if r.shortfall() > 0 {
                Cell::Text(vec![span(
                    format!("Short by {}", r.shortfall()),
                    Style::new(CELL).bold().color(DANGER),
                )])
            } else {
                Cell::Text(vec![span("Sufficient", Style::new(CELL).color(OK))])
            };
            let row = vec![
                cell(r.kind.as_str()),
                cell(r.required.to_string()),
                cell(r.held.to_string()),
                cell(if r.locations.is_empty() {
                    "not held at the site".to_owned()
                } else {
                    r.locations.join("\n")
                }),
                status,
            ];
            t.rows.push(if r.shortfall() > 0 {
                Row::Tinted(row, DANGER_FILL)
            } else {
                Row::Cells(row)
            });
        }
        f.table(&t)?;
    }
    f.heading(2, "Relocation and alternate site")?;
    match &p.relocation {
        Some(r) => f.fields(
            &[
                (
                    "Alternate site".to_owned(),
                    vec![span(r.alternate_site.as_str(), BODY.bold())],
                ),
                ("Address".to_owned(), vec![span(r.address.as_str(), BODY)]),
                ("Seats".to_owned(), vec![span(r.seats.to_string(), BODY)]),
                (
                    "How to get there".to_owned(),
                    vec![span(r.directions.as_str(), BODY)],
                ),
            ],
            100.0,
            9.5,
        )?,
        None => f.paragraph(&[span("This plan does not relocate the team.", BODY)], 0.0)?,
    }
    if !p.vital_records.is_empty() {
        f.heading(2, "Vital records")?;
        let mut t = Table::new(
            vec![
                col("Record", 2.6),
                col("Copy kept at", 3.2),
                col("How to restore", 3.2),
            ],
            CELL,
        );
        for v in &p.vital_records {
            t.rows.push(Row::Cells(vec![
                cell_bold(v.record.as_str()),
                cell(v.copy_location.as_str()),
                cell(v.restore.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

/// Who must be told what, external contacts around the clock, and who holds a copy.
fn communications_and_contacts(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    if !p.communications.is_empty() {
        f.heading(2, "Communication requirements")?;
        let mut t = Table::new(
            vec![
                col("Audience", 2.0),
                col("Message", 3.4),
                col("Channel", 2.0),
                col("When", 1.8),
                col("Responsible", 1.6),
            ],
            CELL,
        );
        for c in &p.communications {
            t.rows.push(Row::Cells(vec![
                cell_bold(c.audience.as_str()),
                cell(c.message.as_str()),
                cell(c.channel.as_str()),
                cell(c.timing.as_str()),
                cell(c.role.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    f.heading(2, "External contacts (24/7)")?;
    if p.contacts.is_empty() {
        f.paragraph(&[span("No external contacts are listed.", BODY)], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![
                col("Type", 1.4),
                col("Name", 2.6),
                col("Service", 2.6),
                col("24/7 phone", 1.8),
                col("E-mail", 2.4),
            ],
            CELL,
        );
        for c in &p.contacts {
            t.rows.push(Row::Cells(vec![
                cell(c.kind.as_str()),
                cell_bold(c.name.as_str()),
                cell(c.service.as_str()),
                cell_bold(c.phone.as_str()),
                cell(if c.email.is_empty() {
                    "—"
                } else {
                    c.email.as_str()
                }),
            ]));
        }
        f.table(&t)?;
    }
    f.heading(2, "Distribution list")?;
    if p.distribution.is_empty() {
        f.paragraph(&[span("No distribution list.", BODY)], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![
                col_right("Copy", 0.6),
                col("Name", 2.6),
                col("Title", 3.0),
                col("Phone", 1.9),
                col("E-mail", 2.6),
            ],
            CELL,
        );
        for (i, c) in p.distribution.iter().enumerate() {
            t.rows.push(Row::Cells(vec![
                cell((i + 1).to_string()),
                cell_bold(c.name.as_str()),
                cell(c.title.as_str()),
                cell(c.first_phone().unwrap_or("—")),
                cell(c.email.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

/// How the plan was exercised, and the corrective actions still open.
fn exercises_and_actions(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    if p.exercises.is_empty() {
        f.paragraph(
            &[span(
                "This plan has not been exercised yet.",
                BODY.color(DANGER),
            )],
            0.0,
        )?;
    } else {
        let mut t = Table::new(
            vec![
                col("Date", 1.3),
                col("Exercise", 3.6),
                col("Type", 1.3),
                col("Outcome", 1.6),
                col("Recovery time", 1.6),
                col_right("Findings", 0.9),
            ],
            CELL,
        );
        for e in &p.exercises {
            let outcome = Cell::Text(vec![span(
                e.outcome.as_str(),
                Style::new(CELL)
                    .bold()
                    .color(if e.passed { OK } else { DANGER }),
            )]);
            let rt = match (e.recovery_time, e.within_rto) {
                (Some(t), Some(true)) => Cell::Text(vec![
                    span(t.to_string(), Style::new(CELL)),
                    span("\nwithin RTO", Style::new(CELL - 1.0).color(OK)),
                ]),
                (Some(t), Some(false)) => Cell::Text(vec![
                    span(t.to_string(), Style::new(CELL).bold().color(DANGER)),
                    span("\nbeyond RTO", Style::new(CELL - 1.0).bold().color(DANGER)),
                ]),
                (Some(t), None) => cell(t.to_string()),
                (None, _) => cell("not measured"),
            };
            t.rows.push(Row::Cells(vec![
                cell(e.date.to_string()),
                cell_two(&e.title, &e.summary),
                cell(e.kind.as_str()),
                outcome,
                rt,
                cell(e.findings.to_string()),
            ]));
        }
        f.table(&t)?;
    }
    f.heading(2, "Open corrective actions")?;
    if p.open_actions.is_empty() {
        f.paragraph(
            &[span(
                "None: every corrective action from these exercises is closed.",
                BODY,
            )],
            0.0,
        )?;
    } else {
        let mut t = Table::new(
            vec![
                col("Finding", 3.2),
                col("Corrective action", 3.2),
                col("Severity", 1.1),
                col("Owner", 1.6),
                col("Due", 1.3),
            ],
            CELL,
        );
        for a in &p.open_actions {
            let due = if a.overdue {
                Cell::Text(vec![
                    span(a.due.to_string(), Style::new(CELL).bold().color(DANGER)),
                    span("\noverdue", Style::new(CELL - 1.0).bold().color(DANGER)),
                ])
            } else {
                cell(a.due.to_string())
            };
            t.rows.push(Row::Cells(vec![
                cell_two(&a.finding, &a.id),
                cell(a.action.as_str()),
                cell(a.severity.as_str()),
                cell(a.owner.as_str()),
                due,
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

/// The plan's revision history.
fn revision_history(f: &mut Flow, _: &RunbookModel, p: &PlanModel) -> Result<()> {
    if p.revisions.is_empty() {
        f.paragraph(&[span("No revisions recorded.", BODY)], 0.0)?;
    } else {
        let mut t = Table::new(
            vec![
                col("Version", 0.9),
                col("Date", 1.3),
                col("Author", 1.9),
                col("Summary", 5.9),
            ],
            CELL,
        );
        for r in &p.revisions {
            t.rows.push(Row::Cells(vec![
                cell_bold(r.version.as_str()),
                cell(r.date.to_string()),
                cell(r.author.as_str()),
                cell(r.summary.as_str()),
            ]));
        }
        f.table(&t)?;
    }
    Ok(())
}

fn phones_cell(c: &Contact) -> Cell {
    if c.phones.is_empty() {
        return Cell::Text(vec![span("no phone", Style::new(CELL).color(DANGER))]);
    }
    let mut spans = Vec::new();
    for (i, (label, number)) in c.phones.iter().enumerate() {
        spans.push(span(
            format!("{}{number}", if i > 0 { "\n" } else { "" }),
            Style::new(CELL),
        ));
        spans.push(span(
            format!(" {label}"),
            Style::new(CELL - 1.5).color(MUTED),
        ));
    }
    Cell::Text(spans)
}

fn training_cell(training: &[Training]) -> Cell {
    if training.is_empty() {
        return Cell::Text(vec![span("none required", Style::new(CELL).color(MUTED))]);
    }
    let mut spans = Vec::new();
    for (i, t) in training.iter().enumerate() {
        let nl = if i > 0 { "\n" } else { "" };
        spans.push(span(format!("{nl}{}: ", t.course), Style::new(CELL - 0.5)));
        let (text, style) = match &t.currency {
            Currency::Current { until: Some(d) } => {
                (format!("valid to {d}"), Style::new(CELL - 0.5).color(OK))
            }
            Currency::Current { until: None } => {
                ("valid".to_owned(), Style::new(CELL - 0.5).color(OK))
            }
            Currency::Expiring { until } => (
                format!("expires {until}"),
                Style::new(CELL - 0.5).bold().color(WARN_EDGE),
            ),
            Currency::Expired { on } => (
                format!("EXPIRED {on}"),
                Style::new(CELL - 0.5).bold().color(DANGER),
            ),
            Currency::Missing => (
                "NOT TRAINED".to_owned(),
                Style::new(CELL - 0.5).bold().color(DANGER),
            ),
        };
        spans.push(span(text, style));
    }
    Cell::Text(spans)
}
