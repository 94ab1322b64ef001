//! Writes laid-out pages as a PDF with printpdf.
//!
//! Output is deterministic: the same pages and date give the same bytes. printpdf names fonts
//! and the file's `/ID` from a process-wide counter, so fonts are registered under their own
//! stable names, the document dates come from the injected generation date, and the `/ID` is a
//! hash of the title and date. Only the faces actually used are embedded, each subset to the
//! glyphs drawn.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line as PLine, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};

use crate::fonts::Face;
use crate::layout::{Item, Page, Rgb, Run};

/// Document information written into the PDF.
pub struct Info<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub author: &'a str,
    pub date: NaiveDate,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

struct Writer {
    fonts: BTreeMap<String, &'static Face>,
    ops: Vec<Op>,
    height: f32,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
}

impl Writer {
    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, w: f32) {
        if self.stroke != Some((c, w)) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.stroke = Some((c, w));
        }
    }

    fn runs(&mut self, runs: &[Run], x: f32, baseline: f32, angle: Option<f32>) {
        self.ops.push(Op::StartTextSection);
        let mut current: Option<(&str, f32)> = None;
        for run in runs {
            self.fonts.entry(run.face.key.clone()).or_insert(run.face);
            if current != Some((run.face.key.as_str(), run.size)) {
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(run.face.key.clone())),
                    size: Pt(run.size),
                });
                current = Some((run.face.key.as_str(), run.size));
            }
            self.set_fill(run.color);
            let matrix = match angle {
                None => TextMatrix::Translate(Pt(x + run.x), Pt(self.height - baseline)),
                Some(a) => {
                    let (s, c) = a.to_radians().sin_cos();
                    let (dx, dy) = (x + run.x * c, -(run.x * s));
                    TextMatrix::Raw([c, s, -s, c, dx, self.height - baseline - dy])
                }
            };
            self.ops.push(Op::SetTextMatrix { matrix });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text.clone())],
            });
        }
        self.ops.push(Op::EndTextSection);
    }

    fn item(&mut self, item: &Item) {
        let h = self.height;
        match item {
            Item::Text {
                x, baseline, runs, ..
            } => self.runs(runs, *x, *baseline, None),
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => return,
                };
                if let Some(f) = fill {
                    self.set_fill(*f);
                }
                if let Some((c, w)) = stroke {
                    self.set_stroke(*c, *w);
                }
                self.ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
                width,
            } => {
                self.set_stroke(*c, *width);
                self.ops.push(Op::DrawLine {
                    line: PLine {
                        points: vec![
                            LinePoint {
                                p: pt(*x1, h - y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: pt(*x2, h - y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Polygon { points, fill } => {
                self.set_fill(*fill);
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points
                                .iter()
                                .map(|(x, y)| LinePoint {
                                    p: pt(*x, h - y),
                                    bezier: false,
                                })
                                .collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Shape {
                rings,
                fill,
                stroke,
            } => {
                self.set_fill(*fill);
                self.set_stroke(stroke.0, stroke.1);
                // Tenths of a point (0.035 mm) are plenty, and keep a map's numbers short.
                let round = |v: f32| (v * 10.0).round() / 10.0;
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: rings
                            .iter()
                            .map(|ring| PolygonRing {
                                points: ring
                                    .iter()
                                    .map(|(x, y)| LinePoint {
                                        p: pt(round(*x), round(h - y)),
                                        bezier: false,
                                    })
                                    .collect(),
                            })
                            .collect(),
                        mode: PaintMode::FillStroke,
                        winding_order: WindingOrder::EvenOdd,
                    },
                });
            }
            Item::Watermark {
                runs,
                cx,
                cy,
                angle,
                width,
            } => {
                // Start so that the run's centre lands on (cx, cy).
                let size = runs.first().map_or(0.0, |r| r.size);
                let (s, c) = angle.to_radians().sin_cos();
                let half = width / 2.0;
                let up = 0.35 * size;
                let x = cx - half * c + up * s;
                let baseline = cy + half * s + up * c;
                self.runs(runs, x, baseline, Some(*angle));
            }
        }
    }
}

/// The PDF bytes of the pages. `bookmarks` are (title, page index from 0).
pub fn write(pages: &[Page], info: &Info, bookmarks: &[(String, usize)]) -> Vec<u8> {
    let mut doc = PdfDocument::new(info.title);
    let mut used: BTreeMap<String, &'static Face> = BTreeMap::new();
    let mut pdf_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let mut w = Writer {
            fonts: BTreeMap::new(),
            ops: Vec::new(),
            height: page.height,
            fill: None,
            stroke: None,
        };
        for item in &page.items {
            w.item(item);
        }
        used.extend(w.fonts);
        pdf_pages.push(PdfPage::new(
            Mm(page.width * 25.4 / 72.0),
            Mm(page.height * 25.4 / 72.0),
            w.ops,
        ));
    }
    for (key, face) in &used {
        doc.resources.fonts.map.insert(
            FontId(key.clone()),
            printpdf::PdfFont::new(face.font.clone()),
        );
    }
    let midnight = info
        .date
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    let when = printpdf::OffsetDateTime::from_unix_timestamp(midnight)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    let meta = &mut doc.metadata.info;
    meta.creation_date = when;
    meta.modification_date = when;
    meta.metadata_date = when;
    meta.subject = info.subject.to_owned();
    meta.author = info.author.to_owned();
    meta.creator = "Continuum".to_owned();
    meta.producer = "Continuum (printpdf)".to_owned();
    for (title, page) in bookmarks {
        doc.add_bookmark(title, page + 1);
    }
    doc.with_pages(pdf_pages);

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    // A deterministic file identifier in place of printpdf's counter-based one.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (info.title, info.date.to_string(), pages.len()).hash(&mut hasher);
    let id = format!(
        "{:016x}{:016x}",
        hasher.finish(),
        hasher.finish().rotate_left(17)
    );
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::string_literal(id.clone()),
            lopdf::Object::string_literal(id),
        ]),
    );
    // printpdf writes /PageMode as a string; the specification wants a name.
    if let Ok(catalog) = lo.catalog_mut() {
        if catalog.has(b"Outlines") {
            catalog.set("PageMode", lopdf::Object::Name(b"UseOutlines".to_vec()));
        }
    }
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    bytes
}

/// Deflates every stream not yet compressed, at the fast level. lopdf's own `compress` uses the
/// slowest, which took longer than laying the document out, to save a few per cent of size.
fn compress(doc: &mut lopdf::Document) {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder = ZlibEncoder::new(
                Vec::with_capacity(stream.content.len() / 2),
                Compression::fast(),
            );
            if encoder.write_all(&stream.content).is_err() {
                continue;
            }
            if let Ok(compressed) = encoder.finish() {
                if compressed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            }
        }
    }
}
