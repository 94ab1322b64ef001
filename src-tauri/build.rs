//! Builds the UI, then generates the app's own command permissions (`allow-dashboard` /
//! `deny-dashboard`, `allow-site-page`, `allow-export-runbook`, ...) and the Access Control
//! List that `tauri::generate_context!` embeds. Every command registered in `main.rs` must be listed here, or the capability cannot grant it and
//! the UI's call is refused.
//!
//! The built UI (`../ui/dist`, `build.frontendDist` in tauri.conf.json) is embedded into the
//! binary at compile time. We build the app with plain cargo, not the Tauri CLI, so there is no
//! `beforeBuildCommand`: this script plays that part, running `npm ci` (when `node_modules` is
//! missing) and `npm run build` whenever the UI's sources change. That way `cargo build` and
//! `cargo test --workspace` work from a clean clone.
use std::path::Path;
use std::process::Command;

const COMMANDS: &[&str] = &[
    "dashboard",
    "outlook",
    "search",
    "site_page",
    "export_runbook",
    "export_review",
    "export_cards",
    "import_plans",
    "export_plans",
    "open_document",
    "save_person",
    "save_process",
    "save_plan",
    "save_plan_draft",
    "plan_action",
    "role_candidates",
    "check_plan",
    "save_site",
    "create_site",
    "delete_site",
    "new_plan",
    "duplicate_plan",
    "delete_plan",
    "save_inventory",
    "hand_over",
    "portfolio",
    "policy_preview",
    "save_portfolio",
    "training_matrix",
    "record_training",
    "export_training_csv",
    "csv_preview",
    "csv_import",
    "save_exercise",
    "close_finding",
    "exercise_calendar",
    "history",
    "next_undo",
    "undo",
    "list_reviews",
    "start_review",
    "review_page",
    "add_review_item",
    "complete_review_action",
    "sign_off_review",
    "export_stored_review",
];

fn main() {
    // Watch the UI's sources, never its output (that would rerun this script on every build).
    for input in [
        "../ui/src",
        "../ui/index.html",
        "../ui/package.json",
        "../ui/package-lock.json",
        "../ui/vite.config.ts",
        "../ui/tsconfig.json",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    println!("cargo:rerun-if-env-changed=CONTINUUM_SKIP_UI_BUILD");
    if std::env::var_os("CONTINUUM_SKIP_UI_BUILD").is_none() {
        build_ui();
    }
    let dist = Path::new("../ui/dist/index.html");
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

fn build_ui() {
    let ui = Path::new("../ui");
    let npm = |args: &[&str]| {
        let status = Command::new("npm").args(args).current_dir(ui).status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => panic!("`npm {}` in ui/ failed ({s})", args.join(" ")),
            Err(e) => {
                panic!("cannot run npm to build the UI ({e}); install Node.js 20+ or run `make ui`")
            }
        }
    };
    if !ui.join("node_modules").exists() {
        npm(&["ci", "--no-audit", "--no-fund"]);
    }
    npm(&["run", "build", "--silent"]);
}
