//! The documents crate's errors. Each reads as a sentence the user can act on; `code()` gives
//! the stable machine code the app and the CLI branch on (`not_found`, `font`, `io`, …).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] continuum_core::Error),

    /// The runbook target is neither a site id nor a plan id.
    #[error("no site or plan {0:?} (site ids are listed by `continuum sites`)")]
    UnknownTarget(String),

    /// A character that no available font can draw: never rendered as an empty box.
    #[error(
        "no font can draw {character:?} (U+{:04X}) in {text:?}; install Noto Sans CJK \
         (Debian/Ubuntu: fonts-noto-cjk) or name a font file that has it in CONTINUUM_FONTS",
        *character as u32
    )]
    MissingGlyph { character: char, text: String },

    #[error("font {name}: {message}")]
    Font { name: String, message: String },

    #[error("{0}")]
    Invalid(String),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A stable code for programs: `not_found`, `font`, `validation`, `io` or the core's code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::UnknownTarget(_) => "not_found",
            Error::MissingGlyph { .. } | Error::Font { .. } => "font",
            Error::Invalid(_) => "validation",
            Error::Io { .. } => "io",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
