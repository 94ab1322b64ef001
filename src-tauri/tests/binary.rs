//! Makes `cargo test` build the app binary itself, with the same features as every other test
//! target, so `make test` compiles the app once per profile and the window test (tests/) reuses
//! `target/debug/continuum-app` instead of a second `cargo build` with other features.

#[test]
fn the_app_binary_is_built_for_the_window_test() {
    let app = std::path::Path::new(env!("CARGO_BIN_EXE_continuum-app"));
    assert!(app.is_file(), "{} was not built", app.display());
}
