//! From the bytes of an export to a header and records: the encoding (a BOM decides; else UTF-8
//! if the bytes are valid UTF-8, else Windows-1252, what Excel on Windows writes), the delimiter
//! (`,` `;` or tab, whichever the header line has most of, outside quotes), then the `csv`
//! crate. Each record keeps the line it starts on (the header is line 1), so a row with a
//! quoted newline in it is still named by the line an editor shows (counted from the record's
//! byte position, see `Lines`).

use std::borrow::Cow;

use csv::{ReaderBuilder, StringRecord, Trim};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// A decoded, split file.
#[derive(Debug, Clone)]
pub struct Table {
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: String,
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Each record with the line it starts on.
    pub rows: Vec<(usize, StringRecord)>,
}

/// A problem of the whole file or of one line (`line` None: the whole file).
pub type ReadProblem = (Option<usize>, String);

/// Reads a whole file; every malformed row is a problem, the rest are still read.
pub fn table(bytes: &[u8]) -> Result<(Table, Vec<ReadProblem>), ReadProblem> {
    let (text, encoding) = decode(bytes)?;
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err((None, "the file is empty: there is no header line".into()));
    }
    let delimiter = delimiter(text);
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return Err((Some(1), format!("the header line does not read: {e}"))),
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut record = StringRecord::new();
    let mut lines = Lines::new(text.as_bytes());
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.at(p.byte() as usize));
                if record.iter().all(str::is_empty) {
                    continue;
                }
                if record.len() != headers.len() {
                    problems.push((
                        Some(line),
                        format!(
                            "{} field(s), but the header has {}",
                            record.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                rows.push((line, record.clone()));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push((line, format!("does not read as CSV: {e}")));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    let table = Table {
        encoding,
        delimiter,
        headers,
        rows,
    };
    Ok((table, problems))
}

/// The line a record starts on, from the byte offset the `csv` crate gives for it. Its own
/// `Position::line` is one short for a record after a blank line (the blank line is skipped
/// without being counted), so the line is counted here: one pass over the text in all.
struct Lines<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a [u8]) -> Self {
        Lines {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        // A record's offset may be that of the line break(s) before it.
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.counted_to {
            let between = &self.text[self.counted_to..start];
            self.line += between.iter().filter(|&&b| b == b'\n').count();
            self.counted_to = start;
        }
        self.line
    }
}

/// The text of the file and the name of its encoding.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, String), ReadProblem> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err((
                None,
                format!(
                    "the file starts with a {} byte-order mark but is not {0} text",
                    encoding.name()
                ),
            ));
        }
        let name = match encoding == UTF_8 {
            true => "UTF-8 with BOM".to_owned(),
            false => encoding.name().to_owned(),
        };
        return Ok((text, name));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return Err((
                None,
                "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 or as \
                 UTF-16 with a BOM (\"Unicode text\")"
                    .into(),
            ));
        }
        return Ok((Cow::Borrowed(text), "UTF-8".into()));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text, WINDOWS_1252.name().to_owned()))
}

/// `,` `;` or tab: whichever the header line holds most of outside quotes (`,` when none).
pub fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = match big_endian {
            true => vec![0xFE, 0xFF],
            false => vec![0xFF, 0xFE],
        };
        for unit in text.encode_utf16() {
            let pair = match big_endian {
                true => unit.to_be_bytes(),
                false => unit.to_le_bytes(),
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn delimiter_is_taken_from_the_header_line() {
        assert_eq!(delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(delimiter("a;b;c\n1,2"), b';');
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("\"Name, full\";Email\n"), b';');
        assert_eq!(delimiter("single"), b',');
    }

    #[test]
    fn encodings_utf8_with_and_without_bom_utf16_and_windows_1252() {
        let (t, e) = table(b"Name,Email\nJos\xc3\xa9,j@x\n").unwrap().0.pipe();
        assert_eq!((t.as_str(), e.as_str()), ("José", "UTF-8"));

        let (t, e) = table(b"\xef\xbb\xbfName,Email\nJos\xc3\xa9,j@x\n")
            .unwrap()
            .0
            .pipe();
        assert_eq!((t.as_str(), e.as_str()), ("José", "UTF-8 with BOM"));

        let (t, e) = table(&utf16("Name\tEmail\r\nJosé\tj@x\r\n", false))
            .unwrap()
            .0
            .pipe();
        assert_eq!((t.as_str(), e.as_str()), ("José", "UTF-16LE"));

        let (t, e) = table(&utf16("Name;Email\nJosé;j@x\n", true))
            .unwrap()
            .0
            .pipe();
        assert_eq!((t.as_str(), e.as_str()), ("José", "UTF-16BE"));

        let (t, e) = table(b"Name;Email\r\nJos\xe9;j@x\r\n").unwrap().0.pipe();
        assert_eq!((t.as_str(), e.as_str()), ("José", "windows-1252"));
    }

    #[test]
    fn a_bom_header_is_clean_and_utf16_without_bom_is_refused() {
        let (table, _) = table(b"\xef\xbb\xbfEmployee ID,Name\n1,a\n").unwrap();
        assert_eq!(table.headers[0], "Employee ID");
        let err = super::table(b"N\0a\0m\0e\0\n\0").unwrap_err();
        assert!(
            err.1.contains("UTF-16 without a byte-order mark"),
            "{err:?}"
        );
    }

    #[test]
    fn quoted_fields_keep_delimiters_and_newlines_and_rows_keep_their_lines() {
        let text = "Name,Title,Email\n\"Doe, Jane\",\"Head of\nOperations\",jane@x\nBob,CFO,bob@x\n\n\"Eve\",\"a\r\nb\r\nc\",eve@x\n";
        let (table, problems) = table(text.as_bytes()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let lines: Vec<usize> = table.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(&table.rows[0].1[0], "Doe, Jane");
        assert_eq!(&table.rows[0].1[1], "Head of\nOperations");
    }

    #[test]
    fn empty_header_only_and_ragged_files() {
        assert!(table(b"").unwrap_err().1.contains("empty"));
        assert!(table(b"\r\n  \n").unwrap_err().1.contains("empty"));
        let (t, p) = table(b"Name,Email\n").unwrap();
        assert!(t.rows.is_empty() && p.is_empty());
        let (t, p) = table(b"Name,Email\na,b\nc\nd,e,f\n").unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(
            p.iter().map(|p| p.0).collect::<Vec<_>>(),
            [Some(3), Some(4)]
        );
    }

    trait Pipe {
        fn pipe(self) -> (String, String);
    }
    impl Pipe for Table {
        /// The first field of the first row and the encoding.
        fn pipe(self) -> (String, String) {
            (self.rows[0].1[0].to_owned(), self.encoding)
        }
    }
}
