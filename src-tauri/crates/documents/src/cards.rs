//! Role cards: one A6 card per person in a recovery role — their roles, the first steps, who
//! they call and who calls them, where the team relocates. Small enough for a wallet, legible
//! on a phone. A card that does not fit on one A6 page continues on the next, marked so.

use crate::fonts::Fonts;
use crate::layout::{decorate, palette::*, span, Decoration, Flow, Geometry, Page, Span, Style};
use crate::model::CardsModel;
use crate::runbook::CLASSIFICATION;
use crate::Result;

const TEXT: Style = Style::new(7.5);

fn label(f: &mut Flow, text: &str) -> Result<()> {
    f.space(4.0);
    f.ensure(24.0);
    f.paragraph(
        &[span(
            text.to_uppercase(),
            Style::new(6.5).bold().color(ACCENT),
        )],
        0.0,
    )?;
    let y = f.y + 0.5;
    f.push(crate::layout::Item::Line {
        x1: f.geom.left,
        y1: y,
        x2: f.geom.width - f.geom.right,
        y2: y,
        color: RULE,
        width: 0.4,
    });
    f.y += 2.0;
    Ok(())
}

/// How much a card shows; the renderer takes the fullest that fits on one page.
#[derive(Debug, Clone, Copy)]
struct Detail {
    steps: usize,
    directions: bool,
}

const DETAILS: [Detail; 5] = [
    Detail {
        steps: 3,
        directions: true,
    },
    Detail {
        steps: 3,
        directions: false,
    },
    Detail {
        steps: 2,
        directions: false,
    },
    Detail {
        steps: 1,
        directions: false,
    },
    Detail {
        steps: 0,
        directions: false,
    },
];

pub fn render(fonts: &Fonts, m: &CardsModel) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    if m.cards.is_empty() {
        let mut f = Flow::new(fonts, Geometry::a6(), 0);
        f.paragraph(
            &[span("Nobody at this site holds a recovery role.", TEXT)],
            0.0,
        )?;
        pages.extend(f.pages);
    }
    for (i, card) in m.cards.iter().enumerate() {
        let mut best = None;
        for detail in DETAILS {
            let mut f = Flow::new(fonts, Geometry::a6(), i);
            card_body(&mut f, m, card, detail)?;
            let fits = f.pages.len() == 1;
            best = Some(f.pages);
            if fits {
                break;
            }
        }
        pages.extend(best.unwrap_or_default());
    }
    decorate_cards(fonts, m, pages)
}

fn card_body(
    f: &mut Flow,
    m: &CardsModel,
    card: &crate::model::Card,
    detail: Detail,
) -> Result<()> {
    {
        let p = &card.person;
        f.paragraph(
            &[span(p.name.as_str(), Style::new(14.0).bold().color(INK))],
            0.0,
        )?;
        if !p.title.is_empty() {
            f.paragraph(&[span(p.title.as_str(), Style::new(7.5).color(MUTED))], 0.0)?;
        }
        let mut reach: Vec<Span> = Vec::new();
        for (label, number) in &p.phones {
            reach.push(span(format!("{number} "), TEXT.bold()));
            reach.push(span(format!("{label}   "), Style::new(6.5).color(MUTED)));
        }
        if !p.email.is_empty() {
            reach.push(span(p.email.as_str(), TEXT));
        }
        f.paragraph(&reach, 0.0)?;

        label(f, "Your roles")?;
        for r in &card.roles {
            let rank = if r.rank == 0 {
                "primary".to_owned()
            } else {
                format!("alternate {}", r.rank)
            };
            f.ensure(30.0);
            f.paragraph(
                &[
                    span(r.role.as_str(), Style::new(9.0).bold().color(ACCENT)),
                    span(
                        format!("  {rank}"),
                        Style::new(7.5)
                            .bold()
                            .color(if r.rank == 0 { INK } else { MUTED }),
                    ),
                ],
                0.0,
            )?;
            f.paragraph(
                &[span(r.plans.join(" · "), Style::new(6.5).color(MUTED))],
                0.0,
            )?;
            if let Some((plan, steps)) = r.first_steps.as_ref().filter(|_| detail.steps > 0) {
                f.space(1.5);
                f.paragraph(
                    &[span(
                        format!("First steps ({plan})"),
                        Style::new(6.5).bold().color(MUTED),
                    )],
                    0.0,
                )?;
                for (n, action, target) in steps.iter().take(detail.steps) {
                    f.paragraph(
                        &[
                            span(format!("{n}. "), TEXT.bold()),
                            span(action.as_str(), TEXT),
                            span(format!("  [{target}]"), Style::new(6.5).color(MUTED)),
                        ],
                        6.0,
                    )?;
                }
            }
            if !r.calls.is_empty() {
                f.space(1.5);
                let prefix = if r.rank == 0 {
                    "You call"
                } else {
                    "If the primary cannot be reached, you call"
                };
                f.paragraph(&[span(prefix, Style::new(6.5).bold().color(MUTED))], 0.0)?;
                for (role, name, phone) in &r.calls {
                    f.paragraph(
                        &[
                            span(format!("{name}  "), TEXT.bold()),
                            span(format!("{phone}  "), TEXT),
                            span(role.as_str(), Style::new(6.5).color(MUTED)),
                        ],
                        6.0,
                    )?;
                }
            }
            if !r.called_by.is_empty() {
                f.space(1.5);
                f.paragraph(
                    &[span("Who calls you", Style::new(6.5).bold().color(MUTED))],
                    0.0,
                )?;
                for (role, name, phone) in &r.called_by {
                    f.paragraph(
                        &[
                            span(format!("{name}  "), TEXT.bold()),
                            span(format!("{phone}  "), TEXT),
                            span(role.as_str(), Style::new(6.5).color(MUTED)),
                        ],
                        6.0,
                    )?;
                }
            } else if r.rank == 0 && !r.calls.is_empty() {
                f.paragraph(
                    &[span(
                        "Nobody calls you first: you start the call tree.",
                        Style::new(6.5).color(MUTED),
                    )],
                    0.0,
                )?;
            }
            f.space(3.0);
        }

        label(f, "Alternate location")?;
        match &m.alternate {
            Some(a) => {
                f.paragraph(&[span(a.alternate_site.as_str(), TEXT.bold())], 0.0)?;
                f.paragraph(&[span(a.address.as_str(), TEXT)], 0.0)?;
                let mut line = vec![span(format!("{} seats.", a.seats), TEXT.color(MUTED))];
                if detail.directions {
                    line.push(span(
                        format!(" {}", a.directions),
                        Style::new(6.5).color(MUTED),
                    ));
                }
                f.paragraph(&line, 0.0)?;
            }
            None => f.paragraph(
                &[span(
                    "No alternate site: follow the incident commander's instructions.",
                    TEXT,
                )],
                0.0,
            )?,
        }
    }
    Ok(())
}

fn decorate_cards(fonts: &Fonts, m: &CardsModel, mut pages: Vec<Page>) -> Result<Vec<Page>> {
    let site = format!("{} · {}", m.site.name, m.site.city);
    decorate(fonts, &mut pages, |n, total, card| {
        let name = m
            .cards
            .get(card)
            .map(|c| c.person.name.clone())
            .unwrap_or_default();
        Decoration {
            header_left: vec![
                span(site.clone(), Style::new(6.5).bold().color(ACCENT)),
                span("  Role card", Style::new(6.5).color(MUTED)),
            ],
            header_right: vec![span(name, Style::new(6.5).color(MUTED))],
            footer_left: vec![span(CLASSIFICATION, Style::new(5.5).color(MUTED))],
            footer_right: vec![span(
                format!("Generated {} · Page {n} of {total}", m.generated),
                Style::new(5.5).color(MUTED),
            )],
            watermark: m.marking.clone(),
        }
    })?;
    Ok(pages)
}

/// One bookmark per card, at its first page.
pub fn bookmarks(m: &CardsModel, pages: &[Page]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, card) in m.cards.iter().enumerate() {
        if let Some(page) = pages.iter().position(|p| p.meta == i) {
            out.push((card.person.name.clone(), page));
        }
    }
    out
}
