//! Which column holds which field: header names matched without regard to case, spaces, `-`,
//! `_` and other punctuation, against the synonyms real HR and learning-system exports use;
//! `--map "COLUMN=field"` overrides. Also the date reader (ISO 8601 or one given chrono format,
//! never a guess).

use chrono::format::{Item, StrftimeItems};
use chrono::NaiveDate;

use super::CsvKind;

/// A field of the plan-file format a column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Title,
    Email,
    /// A phone number with this label (`mobile`, `office`, `work`…).
    Phone(String),
    Active,
    /// The site a person belongs to.
    Site,
    Person,
    Course,
    Completed,
}

impl Field {
    /// The field's name as `--map` takes it and messages show it.
    pub fn name(&self) -> String {
        match self {
            Field::Id => "id".into(),
            Field::Name => "name".into(),
            Field::Title => "title".into(),
            Field::Email => "email".into(),
            Field::Phone(label) => format!("phones.{label}"),
            Field::Active => "active".into(),
            Field::Site => "site".into(),
            Field::Person => "person".into(),
            Field::Course => "course".into(),
            Field::Completed => "completed".into(),
        }
    }

    /// A field named in `--map`; None if the kind of file has no such field.
    pub fn parse(kind: CsvKind, name: &str) -> Option<Field> {
        let name = name.trim();
        let lower = name.to_lowercase();
        let field = match (kind, lower.as_str()) {
            (CsvKind::People, "id") => Field::Id,
            (CsvKind::People, "name") => Field::Name,
            (CsvKind::People, "title") => Field::Title,
            (CsvKind::People, "email") => Field::Email,
            (CsvKind::People, "active") => Field::Active,
            (CsvKind::People, "site") => Field::Site,
            (CsvKind::Training, "person") => Field::Person,
            (CsvKind::Training, "course") => Field::Course,
            (CsvKind::Training, "completed") => Field::Completed,
            (CsvKind::People, _) => {
                let label = lower
                    .strip_prefix("phones.")
                    .or_else(|| lower.strip_prefix("phone."))
                    .or_else(|| lower.strip_prefix("phones:"))
                    .or_else(|| lower.strip_prefix("phone:"))?
                    .trim();
                if label.is_empty() {
                    return None;
                }
                Field::Phone(label.to_owned())
            }
            (CsvKind::Training, _) => return None,
        };
        Some(field)
    }

    /// The fields `--map` accepts for a kind of file, for messages.
    pub fn names(kind: CsvKind) -> &'static str {
        match kind {
            CsvKind::People => {
                "id, name, title, email, phones.LABEL (e.g. phones.mobile), active, site"
            }
            CsvKind::Training => "person, course, completed",
        }
    }
}

/// A header name reduced to lower-case letters and digits: `E-mail` and `Email` are the same.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, by synonym, with its priority (lower wins when two columns name
/// the same field: a training file with both `Employee ID` and `Email` finds people by id).
pub fn by_synonym(kind: CsvKind, header: &str) -> Option<(Field, u8)> {
    let h = normalize(header);
    const IDS: &[&str] = &[
        "id",
        "personid",
        "employeeid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "empid",
        "workerid",
        "workernumber",
        "personnelnumber",
        "personnelno",
        "personnelid",
        "staffid",
        "staffnumber",
        "userid",
        "learnerid",
    ];
    const EMAILS: &[&str] = &[
        "email",
        "emailaddress",
        "mail",
        "workemail",
        "businessemail",
        "employeeemail",
        "learneremail",
        "useremail",
    ];
    let field = match kind {
        CsvKind::People => {
            if IDS.contains(&h.as_str()) {
                Field::Id
            } else if EMAILS.contains(&h.as_str()) {
                Field::Email
            } else {
                match h.as_str() {
                    "name" | "fullname" | "employeename" | "workername" | "displayname"
                    | "personname" => Field::Name,
                    "title" | "jobtitle" | "position" | "positiontitle" | "jobname" => Field::Title,
                    "active" | "isactive" => Field::Active,
                    "site" | "siteid" => Field::Site,
                    _ => Field::Phone(phone_label(&h)?),
                }
            }
        }
        CsvKind::Training => {
            if IDS.contains(&h.as_str()) || matches!(h.as_str(), "person" | "employee" | "learner")
            {
                Field::Person
            } else if EMAILS.contains(&h.as_str()) {
                // A person is found by id or e-mail: an e-mail column serves when there is no id.
                return Some((Field::Person, 1));
            } else {
                match h.as_str() {
                    "course" | "courseid" | "coursecode" | "coursename" | "coursetitle"
                    | "training" | "trainingid" | "trainingcode" | "trainingname" | "module"
                    | "learningitem" | "itemid" => Field::Course,
                    "completed" | "completiondate" | "completedon" | "datecompleted"
                    | "completeddate" | "completedate" | "completion" | "date" => Field::Completed,
                    _ => return None,
                }
            }
        }
    };
    Some((field, 0))
}

/// `Mobile` → mobile, `Work phone` → work, `Office phone` → office, `Phone` → phone, `Cell` →
/// mobile; None for a header that is not a phone column.
fn phone_label(h: &str) -> Option<String> {
    if matches!(h, "cell" | "cellphone" | "cellular" | "cellnumber") {
        return Some("mobile".into());
    }
    if matches!(h, "mobile" | "mobilenumber") {
        return Some("mobile".into());
    }
    for suffix in ["telephonenumber", "phonenumber", "telephone", "phone"] {
        if let Some(rest) = h.strip_suffix(suffix) {
            return Some(if rest.is_empty() { "phone" } else { rest }.to_owned());
        }
    }
    None
}

/// How dates are read: ISO 8601 always, and the given chrono format if any.
#[derive(Debug, Clone, Default)]
pub struct DateReader {
    format: Option<String>,
}

impl DateReader {
    /// Refuses a format chrono cannot read (so one typo is one message, not one per row).
    pub fn new(format: Option<&str>) -> Result<DateReader, String> {
        if let Some(f) = format {
            if f.trim().is_empty() || StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
                return Err(format!(
                    "--date-format {f:?} is not a chrono date format (e.g. %d.%m.%Y or %m/%d/%Y)"
                ));
            }
        }
        Ok(DateReader {
            format: format.map(str::to_owned),
        })
    }

    pub fn read(&self, text: &str) -> Option<NaiveDate> {
        if let Some(date) = iso(text) {
            return Some(date);
        }
        let format = self.format.as_deref()?;
        NaiveDate::parse_from_str(text, format).ok()
    }

    /// Why a value did not read, for the message after "is not a date".
    pub fn hint(&self) -> String {
        match &self.format {
            Some(f) => format!(" (expected ISO 8601 YYYY-MM-DD or {f})"),
            None => " (expected ISO 8601 YYYY-MM-DD; for another format give --date-format, \
                     e.g. %d.%m.%Y — a date like 03/04/2026 is never guessed)"
                .into(),
        }
    }
}

/// `2026-03-01`, also with a time after it (`2026-03-01T09:30:00Z`, `2026-03-01 09:30`).
fn iso(text: &str) -> Option<NaiveDate> {
    let date = match text.as_bytes().get(10) {
        None => text,
        Some(b'T' | b' ') => &text[..10],
        Some(_) => return None,
    };
    if date.len() != 10 || date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_without_case_spaces_or_punctuation() {
        for h in [
            "Employee ID",
            "employee_id",
            "EMPLOYEE-ID",
            "Worker ID",
            "Personnel number",
        ] {
            assert_eq!(by_synonym(CsvKind::People, h), Some((Field::Id, 0)), "{h}");
        }
        for h in ["E-mail", "Email address", "email"] {
            assert_eq!(
                by_synonym(CsvKind::People, h),
                Some((Field::Email, 0)),
                "{h}"
            );
        }
        assert_eq!(
            by_synonym(CsvKind::People, "Full name").unwrap().0,
            Field::Name
        );
        assert_eq!(
            by_synonym(CsvKind::People, "Job title").unwrap().0,
            Field::Title
        );
        assert_eq!(
            by_synonym(CsvKind::People, "Position").unwrap().0,
            Field::Title
        );
        let phone = |h| by_synonym(CsvKind::People, h).unwrap().0;
        assert_eq!(phone("Mobile"), Field::Phone("mobile".into()));
        assert_eq!(phone("Work phone"), Field::Phone("work".into()));
        assert_eq!(phone("Office Phone"), Field::Phone("office".into()));
        assert_eq!(phone("Phone"), Field::Phone("phone".into()));
        assert_eq!(by_synonym(CsvKind::People, "Cost centre"), None);

        let t = |h| by_synonym(CsvKind::Training, h);
        assert_eq!(t("Employee ID"), Some((Field::Person, 0)));
        assert_eq!(t("Person"), Some((Field::Person, 0)));
        assert_eq!(t("E-mail"), Some((Field::Person, 1)));
        for h in ["Course", "Course ID", "course_code"] {
            assert_eq!(t(h), Some((Field::Course, 0)), "{h}");
        }
        for h in ["Completion Date", "Completed on", "Date completed"] {
            assert_eq!(t(h), Some((Field::Completed, 0)), "{h}");
        }
    }

    #[test]
    fn map_fields_are_the_plan_file_names() {
        assert_eq!(Field::parse(CsvKind::People, "email"), Some(Field::Email));
        assert_eq!(
            Field::parse(CsvKind::People, "phones.Mobile"),
            Some(Field::Phone("mobile".into()))
        );
        assert_eq!(Field::parse(CsvKind::People, "course"), None);
        assert_eq!(
            Field::parse(CsvKind::Training, "completed"),
            Some(Field::Completed)
        );
        assert_eq!(Field::parse(CsvKind::Training, "name"), None);
    }

    #[test]
    fn dates_are_iso_or_the_given_format_never_guessed() {
        let iso_only = DateReader::new(None).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(iso_only.read("2026-03-04"), d(2026, 3, 4));
        assert_eq!(iso_only.read("2026-03-04T10:00:00Z"), d(2026, 3, 4));
        assert_eq!(iso_only.read("03/04/2026"), None);
        assert_eq!(iso_only.read("04.03.2026"), None);
        assert_eq!(iso_only.read("2026-02-30"), None);
        let german = DateReader::new(Some("%d.%m.%Y")).unwrap();
        assert_eq!(german.read("04.03.2026"), d(2026, 3, 4));
        assert_eq!(german.read("2026-03-04"), d(2026, 3, 4));
        assert_eq!(german.read("31.02.2026"), None);
        assert!(DateReader::new(Some("%Q")).is_err());
    }
}
