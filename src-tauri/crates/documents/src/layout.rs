//! Layout: turns styled text, tables and boxes into pages of positioned items.
//!
//! printpdf gives primitives (draw this glyph run here, fill that rectangle); wrapping, tables
//! with repeated header rows, page breaks and headers/footers are this module's job. The result
//! is a plain list of pages of [`Item`]s in points, origin top-left, y down, which tests can
//! inspect (is every line inside the page? on which page did step 200 land?) before
//! [`crate::pdf`] writes them.

use crate::fonts::{breaks_anywhere, Face, Fonts};
use crate::Result;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The palette: sober, printable in greyscale, with colour only where it carries meaning.
pub mod palette {
    use super::Rgb;
    pub const INK: Rgb = Rgb(0x1d, 0x23, 0x2b);
    pub const MUTED: Rgb = Rgb(0x5b, 0x65, 0x70);
    pub const ACCENT: Rgb = Rgb(0x1f, 0x3a, 0x5f);
    pub const RULE: Rgb = Rgb(0xc9, 0xd0, 0xd8);
    pub const HEADER_FILL: Rgb = Rgb(0xe6, 0xeb, 0xf1);
    pub const GROUP_FILL: Rgb = Rgb(0xf3, 0xf5, 0xf8);
    pub const WARN_FILL: Rgb = Rgb(0xff, 0xf4, 0xe0);
    pub const WARN_EDGE: Rgb = Rgb(0xd9, 0x8c, 0x1f);
    pub const DANGER: Rgb = Rgb(0xb4, 0x23, 0x18);
    pub const DANGER_FILL: Rgb = Rgb(0xfd, 0xec, 0xea);
    pub const OK: Rgb = Rgb(0x1a, 0x7f, 0x37);
    pub const INFO_FILL: Rgb = Rgb(0xed, 0xf2, 0xf8);
    pub const WATERMARK: Rgb = Rgb(0xf2, 0xc6, 0xc2);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
}
use palette::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            color: INK,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
    pub const fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }
}

/// A piece of text in one style; paragraphs and cells are lists of spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

pub fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

/// Glyphs of one face, size and colour, placed at `x` from the start of their line.
#[derive(Debug, Clone)]
pub struct Run {
    pub face: &'static Face,
    pub size: f32,
    pub color: Rgb,
    pub text: String,
    pub x: f32,
    pub width: f32,
}

/// A wrapped line: its runs, natural width, height and baseline offset from its top.
#[derive(Debug, Clone)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
    pub height: f32,
    pub baseline: f32,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Something drawn on a page. Coordinates in points, origin top-left, y down.
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text; `top`/`bottom` bound its line box.
    Text {
        x: f32,
        baseline: f32,
        top: f32,
        bottom: f32,
        runs: Vec<Run>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
    /// Closed rings painted as one shape: filled by the even-odd rule (a ring inside another is
    /// a hole) and outlined. Each ring repeats its first point last, so every edge is stroked.
    Shape {
        rings: Vec<Vec<(f32, f32)>>,
        fill: Rgb,
        stroke: (Rgb, f32),
    },
    /// Text across the page at an angle (degrees, counter-clockwise), centred on (cx, cy).
    Watermark {
        runs: Vec<Run>,
        cx: f32,
        cy: f32,
        angle: f32,
        width: f32,
    },
}

#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// Index of the page's header context (which plan it belongs to), for headers and footers.
    pub meta: usize,
}

impl Page {
    /// The text of the page's lines in drawing order (for tests and debugging).
    pub fn lines(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { runs, .. } => Some(runs.iter().map(|r| r.text.as_str()).collect()),
                _ => None,
            })
            .collect()
    }
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    /// A4 portrait with generous margins (binding edge, room for notes).
    pub fn a4() -> Geometry {
        Geometry {
            width: 210.0 * MM,
            height: 297.0 * MM,
            left: 22.0 * MM,
            right: 18.0 * MM,
            top: 24.0 * MM,
            bottom: 22.0 * MM,
        }
    }

    /// A6 portrait: a card for a pocket or a phone screen.
    pub fn a6() -> Geometry {
        Geometry {
            width: 105.0 * MM,
            height: 148.0 * MM,
            left: 7.0 * MM,
            right: 7.0 * MM,
            top: 13.0 * MM,
            bottom: 12.0 * MM,
        }
    }

    pub fn body_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    pub fn body_bottom(&self) -> f32 {
        self.height - self.bottom
    }

    pub fn body_height(&self) -> f32 {
        self.body_bottom() - self.top
    }
}

// ---------------------------------------------------------------------------------------------
// Wrapping
// ---------------------------------------------------------------------------------------------

/// A measured fragment of one face.
#[derive(Debug, Clone)]
struct Piece {
    face: &'static Face,
    size: f32,
    color: Rgb,
    text: String,
    width: f32,
}

/// A unit the line breaker never splits (unless it is wider than the line): a word, or one
/// ideograph, with the space after it.
#[derive(Debug, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    space: Option<Piece>,
    newline_after: bool,
}

fn shape_into(fonts: &Fonts, text: &str, style: Style, out: &mut Vec<Piece>) -> Result<f32> {
    let mut total = 0.0;
    for (face, text, em) in fonts.shape(text, style.bold)? {
        let width = em * style.size;
        total += width;
        out.push(Piece {
            face,
            size: style.size,
            color: style.color,
            text,
            width,
        });
    }
    Ok(total)
}

fn words(fonts: &Fonts, spans: &[Span]) -> Result<Vec<Word>> {
    // First split into (style, text) fragments per word, then measure.
    struct Raw {
        frags: Vec<(Style, String)>,
        spaces: Option<Style>,
        closed: bool,
        newline_after: bool,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut cur = Raw {
        frags: Vec::new(),
        spaces: None,
        closed: false,
        newline_after: false,
    };
    let finish = |cur: &mut Raw, raws: &mut Vec<Raw>| {
        let done = std::mem::replace(
            cur,
            Raw {
                frags: Vec::new(),
                spaces: None,
                closed: false,
                newline_after: false,
            },
        );
        if !done.frags.is_empty() || done.newline_after {
            raws.push(done);
        }
    };
    for s in spans {
        for c in s.text.chars() {
            if c == '\n' {
                cur.newline_after = true;
                finish(&mut cur, &mut raws);
                continue;
            }
            if c.is_whitespace() {
                if !cur.frags.is_empty() {
                    cur.spaces = Some(s.style);
                }
                continue;
            }
            if cur.spaces.is_some() || cur.closed {
                finish(&mut cur, &mut raws);
            }
            if breaks_anywhere(c) && !cur.frags.is_empty() {
                finish(&mut cur, &mut raws);
            }
            match cur.frags.last_mut() {
                Some((style, text)) if *style == s.style => text.push(c),
                _ => cur.frags.push((s.style, c.to_string())),
            }
            if breaks_anywhere(c) || c == '@' || c == '/' {
                cur.closed = true;
            }
        }
    }
    finish(&mut cur, &mut raws);

    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let mut word = Word {
            newline_after: raw.newline_after,
            ..Word::default()
        };
        for (style, text) in &raw.frags {
            word.width += shape_into(fonts, text, *style, &mut word.pieces)?;
        }
        if let Some(style) = raw.spaces {
            let mut v = Vec::new();
            shape_into(fonts, " ", style, &mut v)?;
            word.space = v.pop();
        }
        out.push(word);
    }
    Ok(out)
}

/// Splits a word wider than `max` into chunks that fit, character by character.
fn split_word(fonts: &Fonts, word: Word, max: f32) -> Result<Vec<Word>> {
    let mut chunks: Vec<Word> = Vec::new();
    let mut cur = Word::default();
    for piece in word.pieces {
        for c in piece.text.chars() {
            let em: f32 = fonts
                .shape(&c.to_string(), piece.face.key.ends_with("Bold"))?
                .iter()
                .map(|r| r.2)
                .sum();
            let w = em * piece.size;
            if cur.width + w > max && !cur.pieces.is_empty() {
                chunks.push(std::mem::take(&mut cur));
            }
            match cur.pieces.last_mut() {
                Some(p)
                    if std::ptr::eq(p.face, piece.face)
                        && p.size == piece.size
                        && p.color == piece.color =>
                {
                    p.text.push(c);
                    p.width += w;
                }
                _ => cur.pieces.push(Piece {
                    text: c.to_string(),
                    width: w,
                    ..piece.clone()
                }),
            }
            cur.width += w;
        }
    }
    cur.space = word.space;
    cur.newline_after = word.newline_after;
    chunks.push(cur);
    Ok(chunks)
}

fn push_piece(runs: &mut Vec<Run>, piece: &Piece, x: f32) {
    if let Some(last) = runs.last_mut() {
        if std::ptr::eq(last.face, piece.face)
            && last.size == piece.size
            && last.color == piece.color
        {
            last.text.push_str(&piece.text);
            last.width = x + piece.width - last.x;
            return;
        }
    }
    runs.push(Run {
        face: piece.face,
        size: piece.size,
        color: piece.color,
        text: piece.text.clone(),
        x,
        width: piece.width,
    });
}

fn make_line(words: &[Word], fallback_size: f32) -> Line {
    let mut runs = Vec::new();
    let mut x = 0.0;
    let mut size: f32 = 0.0;
    for (i, w) in words.iter().enumerate() {
        for p in &w.pieces {
            push_piece(&mut runs, p, x);
            x += p.width;
            size = size.max(p.size);
        }
        if i + 1 < words.len() {
            if let Some(space) = &w.space {
                push_piece(&mut runs, space, x);
                x += space.width;
            }
        }
    }
    if size == 0.0 {
        size = fallback_size;
    }
    let height = size * LEADING;
    Line {
        runs,
        width: x,
        height,
        baseline: (height - size) / 2.0 + 0.8 * size,
    }
}

/// Wraps styled text to lines no wider than `max` (words wider than a line are split).
/// A `\n` in the text forces a break. Empty text gives no lines.
pub fn wrap(fonts: &Fonts, spans: &[Span], max: f32) -> Result<Vec<Line>> {
    let fallback = spans.first().map(|s| s.style.size).unwrap_or(10.0);
    let mut all = Vec::new();
    // A missing glyph is reported with the whole text it is in, not the word.
    let whole = |e: crate::Error| match e {
        crate::Error::MissingGlyph { character, .. } => crate::Error::MissingGlyph {
            character,
            text: spans.iter().map(|s| s.text.as_str()).collect(),
        },
        e => e,
    };
    for w in words(fonts, spans).map_err(whole)? {
        if w.width > max {
            all.extend(split_word(fonts, w, max)?);
        } else {
            all.push(w);
        }
    }
    let mut lines = Vec::new();
    let mut start = 0;
    let mut x = 0.0;
    for i in 0..all.len() {
        let w = &all[i];
        if i > start {
            let gap = all[i - 1].space.as_ref().map_or(0.0, |s| s.width);
            if x + gap + w.width > max + 0.01 {
                lines.push(make_line(&all[start..i], fallback));
                start = i;
                x = 0.0;
            } else {
                x += gap;
            }
        }
        x += w.width;
        if w.newline_after {
            lines.push(make_line(&all[start..=i], fallback));
            start = i + 1;
            x = 0.0;
        }
    }
    if start < all.len() {
        lines.push(make_line(&all[start..], fallback));
    }
    Ok(lines)
}

/// One line of text, cut with an ellipsis if wider than `max`.
pub fn one_line(fonts: &Fonts, spans: &[Span], max: f32) -> Result<Line> {
    let lines = wrap(fonts, spans, max)?;
    let fallback = spans.first().map(|s| s.style.size).unwrap_or(10.0);
    let Some(first) = lines.first() else {
        return Ok(make_line(&[], fallback));
    };
    if lines.len() == 1 {
        return Ok(first.clone());
    }
    let style = spans
        .last()
        .map(|s| s.style)
        .unwrap_or(Style::new(fallback));
    let mut text = first.text();
    loop {
        let candidate = vec![span(format!("{}…", text.trim_end()), style)];
        let line = wrap(fonts, &candidate, f32::MAX)?.remove(0);
        if line.width <= max || text.is_empty() {
            return Ok(line);
        }
        text.pop();
    }
}

// ---------------------------------------------------------------------------------------------
// Tables and boxes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the table width.
    pub weight: f32,
    pub align: Align,
}

pub fn col(title: &str, weight: f32) -> Column {
    Column {
        title: title.to_owned(),
        weight,
        align: Align::Left,
    }
}

pub fn col_right(title: &str, weight: f32) -> Column {
    Column {
        title: title.to_owned(),
        weight,
        align: Align::Right,
    }
}

#[derive(Debug, Clone)]
pub enum Cell {
    Text(Vec<Span>),
    /// An empty tick box to mark the step done on paper.
    Tick,
}

#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<Cell>),
    /// Cells on a tinted background (a flagged row).
    Tinted(Vec<Cell>, Rgb),
    /// A full-width group heading (e.g. a phase); kept with the row after it.
    Group(Vec<Span>),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Font size of the cells.
    pub size: f32,
    pub header: bool,
}

impl Table {
    pub fn new(columns: Vec<Column>, size: f32) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            size,
            header: true,
        }
    }
}

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const TICK: f32 = 8.0;

struct LaidRow {
    cells: Vec<LaidCell>,
    fill: Option<Rgb>,
    group: bool,
}

enum LaidCell {
    Lines(Vec<Line>),
    Tick,
}

impl LaidRow {
    fn height(&self, size: f32) -> f32 {
        let content = self
            .cells
            .iter()
            .map(|c| match c {
                LaidCell::Lines(lines) => lines
                    .iter()
                    .map(|l| l.height)
                    .sum::<f32>()
                    .max(size * LEADING),
                LaidCell::Tick => TICK + 2.0,
            })
            .fold(0.0, f32::max);
        content + 2.0 * PAD_Y
    }
}

/// The kinds of callout box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Callout {
    Warning,
    Danger,
    Info,
}

/// An entry of the outline (contents and PDF bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    /// Index of the page within its flow.
    pub page: usize,
}

// ---------------------------------------------------------------------------------------------
// Flow: blocks placed top to bottom, breaking pages as needed
// ---------------------------------------------------------------------------------------------

pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub geom: Geometry,
    pub pages: Vec<Page>,
    pub y: f32,
    meta: usize,
    pub outline: Vec<Heading>,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a Fonts, geom: Geometry, meta: usize) -> Flow<'a> {
        let mut flow = Flow {
            fonts,
            geom,
            pages: Vec::new(),
            y: geom.top,
            meta,
            outline: Vec::new(),
        };
        flow.new_page();
        flow
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.geom.width,
            height: self.geom.height,
            items: Vec::new(),
            meta: self.meta,
        });
        self.y = self.geom.top;
    }

    /// Starts a new page unless the current one is still empty.
    pub fn fresh_page(&mut self) {
        if !self.page().items.is_empty() {
            self.new_page();
        }
    }

    /// Sets the header context for the current (if still empty) and the following pages.
    pub fn set_meta(&mut self, meta: usize) {
        self.meta = meta;
        let page = self.page_mut();
        if page.items.is_empty() {
            page.meta = meta;
        }
    }

    pub fn page(&self) -> &Page {
        self.pages.last().expect("a flow always has a page")
    }

    fn page_mut(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    pub fn push(&mut self, item: Item) {
        self.page_mut().items.push(item);
    }

    fn at_top(&self) -> bool {
        self.y <= self.geom.top + 0.01
    }

    pub fn room(&self) -> f32 {
        self.geom.body_bottom() - self.y
    }

    /// Breaks the page unless `h` more points fit (or the page is still empty).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space; never carried over to the top of a new page.
    pub fn space(&mut self, h: f32) {
        if self.at_top() {
            return;
        }
        if self.y + h > self.geom.body_bottom() {
            self.new_page();
        } else {
            self.y += h;
        }
    }

    pub fn place_line(&mut self, x: f32, line: &Line) {
        if line.runs.is_empty() {
            self.y += line.height;
            return;
        }
        self.push(Item::Text {
            x,
            baseline: self.y + line.baseline,
            top: self.y,
            bottom: self.y + line.height,
            runs: line.runs.clone(),
        });
        self.y += line.height;
    }

    /// A wrapped paragraph, `indent` points from the left margin.
    pub fn paragraph(&mut self, spans: &[Span], indent: f32) -> Result<()> {
        let lines = wrap(self.fonts, spans, self.geom.body_width() - indent)?;
        for line in &lines {
            self.ensure(line.height);
            self.place_line(self.geom.left + indent, line);
        }
        Ok(())
    }

    /// A bulleted list.
    pub fn bullets(&mut self, items: &[Vec<Span>], style: Style) -> Result<()> {
        let indent = 12.0;
        for item in items {
            let lines = wrap(self.fonts, item, self.geom.body_width() - indent)?;
            for (i, line) in lines.iter().enumerate() {
                self.ensure(line.height);
                if i == 0 {
                    let bullet = wrap(self.fonts, &[span("•", style.color(MUTED))], 20.0)?;
                    let mut b = bullet[0].clone();
                    b.height = line.height;
                    b.baseline = line.baseline;
                    let y = self.y;
                    self.place_line(self.geom.left + 3.0, &b);
                    self.y = y;
                }
                self.place_line(self.geom.left + indent, line);
            }
            self.y += 1.5;
        }
        Ok(())
    }

    /// A numbered heading; level 1 starts sections, level 2 sub-sections. Kept with what follows.
    pub fn heading(&mut self, level: u8, title: &str) -> Result<()> {
        let (style, before, after, keep) = match level {
            0 => (Style::new(17.0).bold().color(ACCENT), 0.0, 8.0, 120.0),
            1 => (Style::new(14.0).bold().color(ACCENT), 14.0, 6.0, 90.0),
            _ => (Style::new(10.5).bold().color(ACCENT), 8.0, 3.0, 60.0),
        };
        self.space(before);
        let lines = wrap(self.fonts, &[span(title, style)], self.geom.body_width())?;
        let h: f32 = lines.iter().map(|l| l.height).sum();
        self.ensure(h + keep);
        self.outline.push(Heading {
            level,
            title: title.to_owned(),
            page: self.pages.len() - 1,
        });
        for line in &lines {
            self.place_line(self.geom.left, line);
        }
        if level <= 1 {
            let y = self.y + 1.5;
            self.push(Item::Line {
                x1: self.geom.left,
                y1: y,
                x2: self.geom.width - self.geom.right,
                y2: y,
                color: ACCENT,
                width: if level == 0 { 1.2 } else { 0.6 },
            });
            self.y += 3.0;
        }
        self.y += after;
        Ok(())
    }

    /// Label–value pairs in two columns, without rules.
    pub fn fields(
        &mut self,
        rows: &[(String, Vec<Span>)],
        label_width: f32,
        size: f32,
    ) -> Result<()> {
        let label = Style::new(size).bold().color(MUTED);
        let value_w = self.geom.body_width() - label_width;
        for (name, value) in rows {
            let l = wrap(self.fonts, &[span(name.as_str(), label)], label_width - 6.0)?;
            let v = wrap(self.fonts, value, value_w)?;
            let h = l
                .iter()
                .map(|x| x.height)
                .sum::<f32>()
                .max(v.iter().map(|x| x.height).sum());
            if h <= self.geom.body_height() {
                self.ensure(h);
            }
            let top = self.y;
            for line in &l {
                self.ensure(line.height);
                self.place_line(self.geom.left, line);
            }
            let after_label = self.y;
            if after_label >= top {
                self.y = top;
            }
            for line in &v {
                self.ensure(line.height);
                self.place_line(self.geom.left + label_width, line);
            }
            self.y = self.y.max(after_label) + 2.0;
        }
        Ok(())
    }

    fn lay_row(&self, cells: &[Cell], widths: &[f32]) -> Result<Vec<LaidCell>> {
        cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| {
                Ok(match cell {
                    Cell::Text(spans) => LaidCell::Lines(wrap(self.fonts, spans, w - 2.0 * PAD_X)?),
                    Cell::Tick => LaidCell::Tick,
                })
            })
            .collect()
    }

    /// A table; rows never split unless one is taller than a page, and the header row is
    /// repeated at the top of every page the table continues on.
    pub fn table(&mut self, t: &Table) -> Result<()> {
        let total: f32 = t.columns.iter().map(|c| c.weight).sum();
        let body_w = self.geom.body_width();
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.weight / total * body_w)
            .collect();
        let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
        let header = if t.header {
            let cells: Vec<Cell> = t
                .columns
                .iter()
                .map(|c| {
                    Cell::Text(vec![span(
                        c.title.as_str(),
                        Style::new(t.size).bold().color(ACCENT),
                    )])
                })
                .collect();
            Some(LaidRow {
                cells: self.lay_row(&cells, &widths)?,
                fill: Some(HEADER_FILL),
                group: false,
            })
        } else {
            None
        };
        let mut rows = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            rows.push(match row {
                Row::Cells(cells) => LaidRow {
                    cells: self.lay_row(cells, &widths)?,
                    fill: None,
                    group: false,
                },
                Row::Tinted(cells, fill) => LaidRow {
                    cells: self.lay_row(cells, &widths)?,
                    fill: Some(*fill),
                    group: false,
                },
                Row::Group(spans) => LaidRow {
                    cells: vec![LaidCell::Lines(wrap(
                        self.fonts,
                        spans,
                        body_w - 2.0 * PAD_X,
                    )?)],
                    fill: Some(GROUP_FILL),
                    group: true,
                },
            });
        }
        let header_h = header.as_ref().map_or(0.0, |h| h.height(t.size));
        let first_h = rows.first().map_or(0.0, |r| r.height(t.size));
        self.ensure(header_h + first_h.min(self.geom.body_height() - header_h));
        if let Some(h) = &header {
            self.draw_row(h, &widths, &aligns, t.size, None);
        }
        for (i, row) in rows.iter().enumerate() {
            let mut need = row.height(t.size);
            if row.group {
                need += rows.get(i + 1).map_or(0.0, |r| r.height(t.size));
            }
            let fits_a_page = need <= self.geom.body_height() - header_h;
            if need > self.room() && fits_a_page {
                self.new_page();
                if let Some(h) = &header {
                    self.draw_row(h, &widths, &aligns, t.size, None);
                }
            }
            if row.height(t.size) <= self.room() {
                self.draw_row(row, &widths, &aligns, t.size, None);
            } else {
                // Taller than what is left of a page: split between lines.
                let mut from = vec![0usize; row.cells.len()];
                loop {
                    let done = self.draw_row(row, &widths, &aligns, t.size, Some(&mut from));
                    if done {
                        break;
                    }
                    self.new_page();
                    if let Some(h) = &header {
                        self.draw_row(h, &widths, &aligns, t.size, None);
                    }
                }
            }
        }
        Ok(())
    }

    /// Draws a row at the cursor. With `from`, draws only the lines that fit from each cell's
    /// offset on, advances the offsets, and says whether the row is complete.
    fn draw_row(
        &mut self,
        row: &LaidRow,
        widths: &[f32],
        aligns: &[Align],
        size: f32,
        from: Option<&mut Vec<usize>>,
    ) -> bool {
        let left = self.geom.left;
        let top = self.y;
        let mut complete = true;
        let (h, slices): (f32, Vec<(usize, usize)>) = match from {
            None => (
                row.height(size),
                row.cells.iter().map(|c| (0, cell_len(c))).collect(),
            ),
            Some(offsets) => {
                let avail = self.room() - 2.0 * PAD_Y;
                let mut content: f32 = 0.0;
                let mut slices = Vec::new();
                for (cell, off) in row.cells.iter().zip(offsets.iter_mut()) {
                    match cell {
                        LaidCell::Lines(lines) => {
                            let mut used = 0.0;
                            let start = *off;
                            let mut end = start;
                            while end < lines.len() && used + lines[end].height <= avail {
                                used += lines[end].height;
                                end += 1;
                            }
                            if end == start && end < lines.len() && self.at_top() {
                                end += 1; // never loop forever on a line taller than a page
                            }
                            if end < lines.len() {
                                complete = false;
                            }
                            *off = end;
                            slices.push((start, end));
                            content = content.max(used);
                        }
                        LaidCell::Tick => {
                            slices.push((0, if *off == 0 { 1 } else { 0 }));
                            *off = 1;
                            content = content.max(TICK + 2.0);
                        }
                    }
                }
                (content + 2.0 * PAD_Y, slices)
            }
        };
        let full_w: f32 = widths.iter().sum();
        if let Some(fill) = row.fill {
            self.push(Item::Rect {
                x: left,
                y: top,
                w: full_w,
                h,
                fill: Some(fill),
                stroke: None,
            });
        }
        let mut x = left;
        for (i, (cell, (start, end))) in row.cells.iter().zip(slices).enumerate() {
            let w = if row.group { full_w } else { widths[i] };
            match cell {
                LaidCell::Lines(lines) => {
                    self.y = top + PAD_Y;
                    for line in &lines[start..end] {
                        let dx = match (row.group, aligns.get(i).copied().unwrap_or(Align::Left)) {
                            (false, Align::Right) => w - 2.0 * PAD_X - line.width,
                            _ => 0.0,
                        };
                        self.place_line(x + PAD_X + dx.max(0.0), line);
                    }
                }
                LaidCell::Tick if end > start => {
                    self.push(Item::Rect {
                        x: x + PAD_X,
                        y: top + PAD_Y + 1.0,
                        w: TICK,
                        h: TICK,
                        fill: Some(WHITE),
                        stroke: Some((INK, 0.7)),
                    });
                }
                LaidCell::Tick => {}
            }
            x += w;
        }
        self.y = top + h;
        self.push(Item::Line {
            x1: left,
            y1: self.y,
            x2: left + full_w,
            y2: self.y,
            color: RULE,
            width: 0.5,
        });
        complete
    }

    /// A boxed note: a warning (amber), danger (red) or info (blue-grey), with a title line.
    pub fn callout(
        &mut self,
        kind: Callout,
        title: &str,
        body: &[Vec<Span>],
        size: f32,
    ) -> Result<()> {
        let (fill, edge) = match kind {
            Callout::Warning => (WARN_FILL, WARN_EDGE),
            Callout::Danger => (DANGER_FILL, DANGER),
            Callout::Info => (INFO_FILL, ACCENT),
        };
        let pad = 6.0;
        let icon = 14.0;
        let inner_x = self.geom.left + 3.0 + pad + icon + 4.0;
        let inner_w = self.geom.width - self.geom.right - pad - inner_x;
        let mut lines = wrap(
            self.fonts,
            &[span(title, Style::new(size + 0.5).bold().color(edge))],
            inner_w,
        )?;
        for para in body {
            lines.extend(wrap(self.fonts, para, inner_w)?);
        }
        let total: f32 = lines.iter().map(|l| l.height).sum::<f32>() + 2.0 * pad;
        if total <= self.geom.body_height() {
            self.ensure(total);
        }
        let mut i = 0;
        while i < lines.len() {
            let top = self.y;
            let avail = self.room() - 2.0 * pad;
            let mut j = i;
            let mut h = 0.0;
            while j < lines.len() && (h + lines[j].height <= avail || j == i) {
                h += lines[j].height;
                j += 1;
            }
            let box_h = h + 2.0 * pad;
            let body_w = self.geom.body_width();
            self.push(Item::Rect {
                x: self.geom.left,
                y: top,
                w: body_w,
                h: box_h,
                fill: Some(fill),
                stroke: None,
            });
            self.push(Item::Rect {
                x: self.geom.left,
                y: top,
                w: 3.0,
                h: box_h,
                fill: Some(edge),
                stroke: None,
            });
            if i == 0 {
                let ix = self.geom.left + 3.0 + pad;
                let iy = top + pad + 0.5;
                self.push(Item::Polygon {
                    points: vec![
                        (ix + icon / 2.0, iy),
                        (ix + icon, iy + icon * 0.9),
                        (ix, iy + icon * 0.9),
                    ],
                    fill: edge,
                });
                let bang = wrap(
                    self.fonts,
                    &[span("!", Style::new(8.0).bold().color(WHITE))],
                    20.0,
                )?;
                let b = &bang[0];
                self.push(Item::Text {
                    x: ix + icon / 2.0 - b.width / 2.0,
                    baseline: iy + icon * 0.82,
                    top: iy,
                    bottom: iy + icon,
                    runs: b.runs.clone(),
                });
            }
            self.y = top + pad;
            for line in &lines[i..j] {
                self.place_line(inner_x, line);
            }
            self.y = top + box_h;
            i = j;
            if i < lines.len() {
                self.new_page();
            }
        }
        self.y += 4.0;
        Ok(())
    }
}

fn cell_len(c: &LaidCell) -> usize {
    match c {
        LaidCell::Lines(l) => l.len(),
        LaidCell::Tick => 1,
    }
}

// ---------------------------------------------------------------------------------------------
// Headers, footers, watermark
// ---------------------------------------------------------------------------------------------

/// What goes around the body of one page.
pub struct Decoration {
    pub header_left: Vec<Span>,
    pub header_right: Vec<Span>,
    pub footer_left: Vec<Span>,
    pub footer_right: Vec<Span>,
    pub watermark: Option<String>,
}

/// Adds header, footer and watermark to every page; `f` gets the page number (from 1), the
/// page count and the page's header context.
pub fn decorate(
    fonts: &Fonts,
    pages: &mut [Page],
    f: impl Fn(usize, usize, usize) -> Decoration,
) -> Result<()> {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let d = f(i + 1, total, page.meta);
        let g = geometry_of(page);
        let right_edge = page.width - g.right;
        let width = right_edge - g.left;
        let mut items = Vec::new();
        if let Some(mark) = &d.watermark {
            let size = (page.width / 5.0).min(110.0);
            let line = one_line(
                fonts,
                &[span(
                    mark.as_str(),
                    Style::new(size).bold().color(WATERMARK),
                )],
                f32::MAX,
            )?;
            items.push(Item::Watermark {
                runs: line.runs,
                cx: page.width / 2.0,
                cy: page.height / 2.0,
                angle: 45.0,
                width: line.width,
            });
        }
        // Header: one line above a hairline.
        let hy = g.top - 0.45 * g.top;
        let right = one_line(fonts, &d.header_right, width * 0.45)?;
        let left = one_line(fonts, &d.header_left, width - right.width - 12.0)?;
        items.push(text_at(g.left, hy, &left));
        items.push(text_at(right_edge - right.width, hy, &right));
        let rule_y = hy + left.height.max(right.height) + 2.0;
        items.push(Item::Line {
            x1: g.left,
            y1: rule_y,
            x2: right_edge,
            y2: rule_y,
            color: RULE,
            width: 0.6,
        });
        // Footer: a hairline, then one line.
        let fy = page.height - g.bottom + 0.3 * g.bottom;
        items.push(Item::Line {
            x1: g.left,
            y1: fy - 3.0,
            x2: right_edge,
            y2: fy - 3.0,
            color: RULE,
            width: 0.6,
        });
        let fr = one_line(fonts, &d.footer_right, width * 0.6)?;
        let fl = one_line(fonts, &d.footer_left, width - fr.width - 12.0)?;
        items.push(text_at(g.left, fy, &fl));
        items.push(text_at(right_edge - fr.width, fy, &fr));
        // The watermark goes under everything else; header and footer on top.
        let body = std::mem::take(&mut page.items);
        let mut all = Vec::with_capacity(body.len() + items.len());
        if d.watermark.is_some() {
            all.push(items.remove(0));
        }
        all.extend(body);
        all.extend(items);
        page.items = all;
    }
    Ok(())
}

fn text_at(x: f32, top: f32, line: &Line) -> Item {
    Item::Text {
        x,
        baseline: top + line.baseline,
        top,
        bottom: top + line.height,
        runs: line.runs.clone(),
    }
}

/// The geometry pages of this size were laid out with.
fn geometry_of(page: &Page) -> Geometry {
    if page.width < 400.0 {
        Geometry::a6()
    } else {
        Geometry::a4()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::CjkFlavour;

    fn fonts() -> Fonts {
        Fonts::new(CjkFlavour::Japanese)
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let f = fonts();
        let text = "Account for everyone on site with the roll-call and the fire-warden sweep; report anyone missing.";
        let lines = wrap(&f, &[span(text, Style::new(10.0))], 150.0).unwrap();
        assert!(lines.len() >= 3, "{}", lines.len());
        for l in &lines {
            assert!(l.width <= 150.01, "{} is {} wide", l.text(), l.width);
        }
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn breaks_cjk_anywhere_and_splits_overlong_words() {
        let f = fonts();
        let lines = wrap(
            &f,
            &[span(
                "東京消防庁警視庁大阪リカバリーオフィス",
                Style::new(10.0),
            )],
            50.0,
        )
        .unwrap();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 50.01));
        let long = "recovery.jp@ravenscourt.example.com.very.long.address";
        let lines = wrap(&f, &[span(long, Style::new(10.0))], 60.0).unwrap();
        assert!(lines.iter().all(|l| l.width <= 60.01));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), long);
    }

    #[test]
    fn newline_forces_a_break_and_styles_make_runs() {
        let f = fonts();
        let spans = [
            span("Primary: ", Style::new(9.0).bold()),
            span("佐藤 花子\n+81 90 4976 4197", Style::new(9.0)),
        ];
        let lines = wrap(&f, &spans, 400.0).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Primary: 佐藤 花子");
        assert!(lines[0].runs.len() >= 2);
    }

    #[test]
    fn tables_repeat_their_header_and_stay_on_the_page() {
        let f = fonts();
        let mut flow = Flow::new(&f, Geometry::a4(), 0);
        let mut t = Table::new(vec![col("No.", 1.0), col("Action", 6.0)], 9.0);
        for i in 1..=120 {
            t.rows.push(Row::Cells(vec![
                Cell::Text(vec![span(i.to_string(), Style::new(9.0))]),
                Cell::Text(vec![span(
                    format!("Step {i} does a thing"),
                    Style::new(9.0),
                )]),
            ]));
        }
        flow.table(&t).unwrap();
        assert!(flow.pages.len() >= 3);
        for page in &flow.pages {
            assert_eq!(
                page.lines().first().map(String::as_str),
                Some("No."),
                "header repeated"
            );
            for item in &page.items {
                if let Item::Text { top, bottom, .. } = item {
                    assert!(
                        *top >= flow.geom.top - 0.01 && *bottom <= flow.geom.body_bottom() + 0.01
                    );
                }
            }
        }
    }
}
