//! Generates the app's own command permissions (`allow-list-sites` / `deny-list-sites`) and the
//! Access Control List that `tauri::generate_context!` embeds. Every command registered in
//! `main.rs` must be listed here, or the capability cannot grant it and the UI's call is refused.
//!
//! The built UI (`../ui/dist`, `build.frontendDist` in tauri.conf.json) is embedded into the
//! binary at compile time, so it must exist before this crate compiles.
const COMMANDS: &[&str] = &["list_sites"];

fn main() {
    let dist = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.exists() {
        panic!(
            "the UI is not built ({} is missing): run `npm ci && npm run build` in ui/ first",
            dist.display()
        );
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
