//! Putting a document together: cover, contents with page numbers, body, then headers and
//! footers with "page X of Y" once the page count is known.
//!
//! Contents take two passes: the body is laid out first (its headings record the page they
//! fall on, counted within the body); the contents are laid out once to learn how many pages
//! they take, then again with the final numbers (the number column has a fixed width, so the
//! second pass takes the same pages).

use crate::fonts::Fonts;
use crate::layout::{palette::*, span, wrap, Flow, Geometry, Heading, Item, Line, Page, Style};
use crate::Result;

pub struct Assembled {
    pub pages: Vec<Page>,
    /// (title, page index from 0) for the PDF outline.
    pub bookmarks: Vec<(String, usize)>,
}

/// Cover pages, then a contents listing the body's headings (levels 0 and 1), then the body.
pub fn with_contents(
    fonts: &Fonts,
    cover: Vec<Page>,
    body: Flow,
    contents_meta: usize,
) -> Result<Assembled> {
    let entries: Vec<Heading> = body
        .outline
        .iter()
        .filter(|h| h.level <= 1)
        .cloned()
        .collect();
    let first = contents(fonts, &entries, |_| 999, contents_meta)?;
    let offset = cover.len() + first.len();
    let numbered = contents(fonts, &entries, |page| offset + page + 1, contents_meta)?;
    debug_assert_eq!(first.len(), numbered.len());
    let mut bookmarks = vec![
        ("Cover".to_owned(), 0),
        ("Contents".to_owned(), cover.len()),
    ];
    bookmarks.extend(entries.iter().map(|h| (h.title.clone(), offset + h.page)));
    let mut pages = cover;
    pages.extend(numbered);
    pages.extend(body.pages);
    Ok(Assembled { pages, bookmarks })
}

fn contents(
    fonts: &Fonts,
    entries: &[Heading],
    number: impl Fn(usize) -> usize,
    meta: usize,
) -> Result<Vec<Page>> {
    let mut flow = Flow::new(fonts, Geometry::a4(), meta);
    flow.heading(0, "Contents")?;
    flow.outline.clear();
    let num_w = 28.0;
    let body_w = flow.geom.body_width();
    for h in entries {
        let (style, indent, before) = match h.level {
            0 => (Style::new(10.5).bold().color(ACCENT), 0.0, 8.0),
            _ => (Style::new(9.5), 14.0, 1.5),
        };
        flow.space(before);
        let lines = wrap(
            fonts,
            &[span(h.title.as_str(), style)],
            body_w - indent - num_w - 24.0,
        )?;
        let n = number(h.page).to_string();
        let num = wrap(fonts, &[span(n, style)], num_w)?;
        let total: f32 = lines.iter().map(|l| l.height).sum();
        flow.ensure(total);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            if i == last {
                let y = flow.y;
                let right = flow.geom.width - flow.geom.right;
                // Dot leaders from the end of the title to the page number.
                let from = flow.geom.left + indent + line.width + 6.0;
                let to = right - num[0].width - 6.0;
                if to > from {
                    let leader = Style::new(style.size).color(MUTED);
                    let unit = wrap(fonts, &[span(". .", leader)], f32::MAX)?[0].width
                        - wrap(fonts, &[span(".", leader)], f32::MAX)?[0].width;
                    let count = ((to - from) / unit).floor() as usize;
                    if count > 1 {
                        let dots =
                            wrap(fonts, &[span(vec!["."; count].join(" "), leader)], f32::MAX)?;
                        flow.push(text_item(to - dots[0].width, y, &dots[0]));
                    }
                }
                flow.push(text_item(right - num[0].width, y, &num[0]));
            }
            flow.place_line(flow.geom.left + indent, line);
        }
    }
    Ok(flow.pages)
}

pub fn text_item(x: f32, top: f32, line: &Line) -> Item {
    Item::Text {
        x,
        baseline: top + line.baseline,
        top,
        bottom: top + line.height,
        runs: line.runs.clone(),
    }
}
