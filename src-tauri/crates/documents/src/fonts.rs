//! Fonts: which face draws which character, and how wide it is.
//!
//! Latin, Greek and Cyrillic come from Noto Sans, shipped as bytes by the `notosans` crate, so
//! the common case needs nothing from the system. No crate ships CJK, so ideographs, kana and
//! Hangul come from Noto Sans CJK found on the system with `fontdb` (Debian: `fonts-noto-cjk`),
//! in the flavour that suits the site's country (JP, SC, TC, HK or KR glyph forms). DejaVu Sans,
//! if installed, is the last resort for anything else (Arabic, Hebrew, symbols).
//!
//! A character that no face covers is an error that names the character and the text it is in:
//! a runbook with a blank box where a name should be is worse than no runbook.
//!
//! Faces are parsed once per process and kept for its lifetime (they are a few, and large).
//! Widths are the faces' own `hmtx` advances, read through the same cmap printpdf encodes with,
//! so what we measure is what gets drawn.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

use crate::{Error, Result};

/// One parsed face, alive for the whole process.
pub struct Face {
    /// The PDF resource name, e.g. `NotoSans-Bold`; stable, so output is deterministic.
    pub key: String,
    pub font: ParsedFont,
    units_per_em: f32,
    /// Glyph and advance (em) of ASCII, looked up once; other characters are cached as met
    /// (cmap and hmtx lookups are the hot path of line breaking).
    ascii: [Option<(u16, f32)>; 128],
    others: Mutex<HashMap<char, Option<(u16, f32)>>>,
    /// Ascender and descender (positive, below the baseline) in em.
    pub ascent: f32,
    pub descent: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key)
    }
}

impl Face {
    fn parse(key: &str, bytes: &[u8], index: usize) -> Result<Face> {
        let mut warnings = Vec::new();
        let font =
            ParsedFont::from_bytes(bytes, index, &mut warnings).ok_or_else(|| Error::Font {
                name: key.to_owned(),
                message: format!("cannot be parsed ({} warning(s))", warnings.len()),
            })?;
        let m = &font.pdf_font_metrics;
        let units_per_em = f32::from(m.units_per_em.max(1));
        let ascent = f32::from(m.ascender) / units_per_em;
        let descent = (-f32::from(m.descender)).max(0.0) / units_per_em;
        let mut face = Face {
            key: key.to_owned(),
            font,
            units_per_em,
            ascent,
            descent,
            ascii: [None; 128],
            others: Mutex::default(),
        };
        for c in 0..128u8 {
            face.ascii[c as usize] = face.lookup(c as char);
        }
        Ok(face)
    }

    fn lookup(&self, c: char) -> Option<(u16, f32)> {
        let glyph = self.font.lookup_glyph_index(c as u32).filter(|&g| g != 0)?;
        Some((
            glyph,
            f32::from(self.font.get_horizontal_advance(glyph)) / self.units_per_em,
        ))
    }

    /// The glyph for a character and its advance width in em, if the face has one (glyph 0
    /// means "missing").
    pub fn metrics(&self, c: char) -> Option<(u16, f32)> {
        if c.is_ascii() {
            return self.ascii[c as usize];
        }
        let mut others = self.others.lock().unwrap_or_else(|e| e.into_inner());
        *others.entry(c).or_insert_with(|| self.lookup(c))
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        self.metrics(c).map(|m| m.0)
    }
}

/// The CJK glyph forms to prefer (the same ideograph is drawn differently in Japan, mainland
/// China, Taiwan, Hong Kong and Korea).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CjkFlavour {
    Japanese,
    SimplifiedChinese,
    TraditionalChinese,
    HongKong,
    Korean,
}

impl CjkFlavour {
    /// The flavour for a site's ISO 3166 country code; Japanese where the country says nothing.
    pub fn for_country(country: &str) -> CjkFlavour {
        match country.to_ascii_uppercase().as_str() {
            "CN" | "SG" => CjkFlavour::SimplifiedChinese,
            "TW" => CjkFlavour::TraditionalChinese,
            "HK" | "MO" => CjkFlavour::HongKong,
            "KR" | "KP" => CjkFlavour::Korean,
            _ => CjkFlavour::Japanese,
        }
    }

    fn families(self) -> [&'static str; 5] {
        let all = [
            "Noto Sans CJK JP",
            "Noto Sans CJK SC",
            "Noto Sans CJK TC",
            "Noto Sans CJK HK",
            "Noto Sans CJK KR",
        ];
        let first = match self {
            CjkFlavour::Japanese => 0,
            CjkFlavour::SimplifiedChinese => 1,
            CjkFlavour::TraditionalChinese => 2,
            CjkFlavour::HongKong => 3,
            CjkFlavour::Korean => 4,
        };
        let mut order = all;
        order[..=first].rotate_right(1);
        order
    }
}

/// Families searched after Noto Sans CJK, for scripts neither Noto Sans nor CJK covers.
const LAST_RESORT: [&str; 1] = ["DejaVu Sans"];
/// Length of the system part of a chain: the five CJK flavours and the last resorts.
const CHAIN: usize = 5 + LAST_RESORT.len();

/// A face in the document's fallback chain; index into [`Fonts::faces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceRef(pub u8);

/// The faces one document draws with: for each weight a chain Noto Sans → Noto Sans CJK (the
/// preferred flavour) → last resort. System faces are looked up only when a character needs them.
pub struct Fonts {
    flavour: CjkFlavour,
    /// Regular and bold chains of system faces, each resolved when first needed.
    chains: [[OnceLock<Option<&'static Face>>; CHAIN]; 2],
}

impl Fonts {
    pub fn new(flavour: CjkFlavour) -> Fonts {
        Fonts {
            flavour,
            chains: Default::default(),
        }
    }

    fn latin(bold: bool) -> Result<&'static Face> {
        static LATIN: OnceLock<[Face; 2]> = OnceLock::new();
        if let Some(faces) = LATIN.get() {
            return Ok(&faces[bold as usize]);
        }
        let regular = Face::parse("NotoSans-Regular", notosans::REGULAR_TTF, 0)?;
        let bold_face = Face::parse("NotoSans-Bold", notosans::BOLD_TTF, 0)?;
        let faces = LATIN.get_or_init(|| [regular, bold_face]);
        Ok(&faces[bold as usize])
    }

    /// The face that draws `c` in the given weight, or `None` if no face has it. System faces
    /// are loaded one family at a time, only when a character needs them: in practice only the
    /// preferred CJK flavour is ever parsed.
    pub fn face_for(&self, c: char, bold: bool) -> Result<Option<&'static Face>> {
        let latin = Self::latin(bold)?;
        if latin.metrics(c).is_some() {
            return Ok(Some(latin));
        }
        let chain = &self.chains[bold as usize];
        let families = self.flavour.families();
        for (i, family) in families.iter().chain(LAST_RESORT.iter()).enumerate() {
            if let Some(face) = chain[i].get_or_init(|| system_face(family, bold)) {
                if face.metrics(c).is_some() {
                    return Ok(Some(face));
                }
            }
        }
        Ok(None)
    }

    /// Splits `text` into runs of one face each and measures them (widths in em). Control
    /// characters are dropped; a character no face covers is an error naming it and the text.
    pub fn shape(&self, text: &str, bold: bool) -> Result<Vec<(&'static Face, String, f32)>> {
        let mut runs: Vec<(&'static Face, String, f32)> = Vec::new();
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let c = if c.is_whitespace() { ' ' } else { c };
            let face = self.face_for(c, bold)?.ok_or_else(|| Error::MissingGlyph {
                character: c,
                text: text.to_owned(),
            })?;
            let width = face.metrics(c).map_or(0.0, |m| m.1);
            match runs.last_mut() {
                Some((f, s, w)) if std::ptr::eq(*f, face) => {
                    s.push(c);
                    *w += width;
                }
                _ => runs.push((face, c.to_string(), width)),
            }
        }
        Ok(runs)
    }
}

/// The system font database, scanned once per process.
fn system_db() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        // Extra font files or directories, separated like PATH: for machines without the
        // packaged fonts.
        if let Some(extra) = std::env::var_os("CONTINUUM_FONTS") {
            for path in std::env::split_paths(&extra) {
                if path.is_dir() {
                    db.load_fonts_dir(&path);
                } else {
                    let _ = db.load_font_file(&path);
                }
            }
        }
        db
    })
}

/// A face of an installed family, parsed once and kept for the life of the process.
fn system_face(family: &str, bold: bool) -> Option<&'static Face> {
    type Faces = HashMap<(String, bool), Option<&'static Face>>;
    static CACHE: OnceLock<Mutex<Faces>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.get(&(family.to_owned(), bold)) {
        return *found;
    }
    let found = (|| {
        let db = system_db();
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: if bold {
                fontdb::Weight::BOLD
            } else {
                fontdb::Weight::NORMAL
            },
            ..Default::default()
        };
        let id = db.query(&query)?;
        let info = db.face(id)?;
        let weight = if info.weight.0 >= 600 {
            "Bold"
        } else {
            "Regular"
        };
        let key = format!("{}-{weight}", family.replace(' ', ""));
        // A family without a bold face answers both queries with the same face: share it.
        if let Some(same) = cache.values().flatten().find(|f| f.key == key) {
            return Some(*same);
        }
        let face = db.with_face_data(id, |data, index| {
            Face::parse(&key, data, index as usize).ok()
        })??;
        Some(&*Box::leak(Box::new(face)))
    })();
    cache.insert((family.to_owned(), bold), found);
    found
}

/// Whether a character is one that CJK text may break a line after (ideographs, kana, CJK
/// punctuation); Hangul is written with spaces and breaks at them.
pub fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_comes_from_the_shipped_face_and_measures() {
        let fonts = Fonts::new(CjkFlavour::Japanese);
        let runs = fonts
            .shape("São Paulo, Kraków, München — Ελλάδα, Москва", false)
            .unwrap();
        assert_eq!(runs.len(), 1, "all in Noto Sans");
        assert_eq!(runs[0].0.key, "NotoSans-Regular");
        let narrow = fonts.shape("iiii", false).unwrap()[0].2;
        let wide = fonts.shape("WWWW", false).unwrap()[0].2;
        assert!(
            wide > 2.0 * narrow,
            "real advances, not a fixed width: {narrow} vs {wide}"
        );
    }

    #[test]
    fn cjk_and_hangul_come_from_the_system() {
        let fonts = Fonts::new(CjkFlavour::Japanese);
        let runs = fonts.shape("東京 佐藤 花子 서울", true).unwrap();
        let keys: Vec<&str> = runs.iter().map(|r| r.0.key.as_str()).collect();
        assert!(keys.contains(&"NotoSansCJKJP-Bold"), "{keys:?}");
        let korean = Fonts::new(CjkFlavour::for_country("KR"));
        assert_eq!(
            korean.shape("서울", false).unwrap()[0].0.key,
            "NotoSansCJKKR-Regular"
        );
    }

    #[test]
    fn an_uncovered_character_is_a_clear_error() {
        let fonts = Fonts::new(CjkFlavour::Japanese);
        // A private-use character no font has.
        let err = fonts.shape("Site \u{10FFFD}", false).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("U+10FFFD") && text.contains("Site"), "{text}");
    }
}
