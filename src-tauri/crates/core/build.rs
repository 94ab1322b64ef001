//! Embeds the demo portfolio (`plans/*.json` at the repository root) so the app and the CLI can
//! load it on first start wherever they are installed.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let plans = manifest
        .join("../../../plans")
        .canonicalize()
        .expect("plans/ directory beside src-tauri");
    println!("cargo:rerun-if-changed={}", plans.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&plans)
        .expect("read plans/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// The demo plan files: (file name, text).\npub const FILES: &[(&str, &str)] = &[\n",
    );
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("demo_files.rs");
    std::fs::write(out, code).unwrap();
}
