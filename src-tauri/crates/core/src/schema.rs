//! The published JSON Schemas of the plan-file format, generated from the model types. A test
//! keeps the committed copies in `docs/schema/` identical to what the types say.

use schemars::schema_for;

use crate::model::{Portfolio, SiteData};

/// The schema of a site file, pretty-printed with a trailing newline.
pub fn site_schema() -> String {
    crate::planfile::to_text(&schema_for!(SiteData))
}

/// The schema of the portfolio file, pretty-printed with a trailing newline.
pub fn portfolio_schema() -> String {
    crate::planfile::to_text(&schema_for!(Portfolio))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Set CONTINUUM_BLESS=1 to rewrite the committed schemas after changing the model.
    #[test]
    fn committed_schemas_match_the_model() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../docs/schema");
        for (file, text) in [
            ("site.schema.json", super::site_schema()),
            ("portfolio.schema.json", super::portfolio_schema()),
        ] {
            let path = dir.join(file);
            if std::env::var_os("CONTINUUM_BLESS").is_some() {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == text,
                "{} is out of date with the Rust types; run CONTINUUM_BLESS=1 cargo test -p continuum-core schema",
                path.display()
            );
        }
    }
}
