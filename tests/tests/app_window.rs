//! The real app window lists the demo portfolio from a fresh database.
//!
//! Run after building the UI and the app:
//! `CONTINUUM_E2E=1 xvfb-run -a cargo test -p continuum-e2e -- --nocapture`

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context as _};
use continuum_e2e::{
    app_binary, artifacts_dir, connect, prerequisites_or_skip, save_screenshot, AppSandbox,
    TauriDriver,
};
use fantoccini::{Client, Locator};

/// Sites of the demo portfolio that must show up, non-ASCII names on purpose.
const EXPECTED_SITES: &[&str] = &["東京", "São Paulo", "München"];
const MIN_SITES: usize = 15;
const TEST_TIMEOUT: Duration = Duration::from_secs(90);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_window_lists_demo_sites() {
    let Some(prereqs) = prerequisites_or_skip("app_window_lists_demo_sites") else {
        return;
    };
    let app = app_binary();
    let sandbox = AppSandbox::new().expect("sandbox for the app");
    let artifacts = artifacts_dir();
    let driver = TauriDriver::start(
        &prereqs,
        &sandbox.env(),
        &artifacts.join("tauri-driver.log"),
    )
    .unwrap_or_else(|err| panic!("{err:#}"));

    let started = Instant::now();
    // A WebDriver command can block forever if the web view stops rendering: bound the whole run.
    let outcome = tokio::time::timeout(TEST_TIMEOUT, drive(&driver, &app, &artifacts))
        .await
        .unwrap_or_else(|_| {
            Err(anyhow!(
                "the window was not checked within {TEST_TIMEOUT:?}"
            ))
        });
    let log = driver.log();
    let log_path = driver.log_path().to_path_buf();
    drop(driver); // SIGTERM: tauri-driver stops WebKitWebDriver, which closes the app.

    if let Err(err) = outcome {
        panic!(
            "{err:#}\n--- tauri-driver and app output ({}) ---\n{log}",
            log_path.display()
        );
    }
    assert!(
        sandbox.db_path().exists(),
        "the app did not create its database at CONTINUUM_DB={}",
        sandbox.db_path().display()
    );
    eprintln!("app window checked in {:.1?}", started.elapsed());
}

/// Opens a session (which launches the app), checks the window, and always ends the session.
async fn drive(driver: &TauriDriver, app: &Path, artifacts: &Path) -> anyhow::Result<()> {
    let client = connect(driver, app).await?;
    let outcome = check_site_list(&client, artifacts).await;
    match tokio::time::timeout(Duration::from_secs(10), client.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => eprintln!("ending the WebDriver session failed: {err}"),
        Err(_) => eprintln!("ending the WebDriver session timed out"),
    }
    outcome
}

async fn check_site_list(client: &Client, artifacts: &Path) -> anyhow::Result<()> {
    // The page marks the outcome of `list_sites` on <main data-state>: ready or error.
    let main = client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(
            "main[data-state='ready'], main[data-state='error']",
        ))
        .await
        .context("the site list did not finish loading within 30 s")?;
    if main.attr("data-state").await?.as_deref() == Some("error") {
        let code = client
            .find(Locator::Css("[data-testid=error-code]"))
            .await?
            .text()
            .await?;
        let message = client
            .find(Locator::Css("[data-testid=error-message]"))
            .await?
            .text()
            .await?;
        if let Err(err) = save_screenshot(client, &artifacts.join("app-window.png")).await {
            eprintln!("no screenshot of the error: {err:#}");
        }
        anyhow::bail!("list_sites failed in the window: [{code}] {message}");
    }
    save_screenshot(client, &artifacts.join("app-window.png")).await?;

    ensure!(
        client.title().await? == "Continuum",
        "unexpected document title"
    );
    let header = client.find(Locator::Css("header h1")).await?.text().await?;
    ensure!(header == "Continuum", "header reads {header:?}");

    let rows = client
        .find_all(Locator::Css("[data-testid=site-row]"))
        .await?;
    let mut texts = Vec::with_capacity(rows.len());
    for row in &rows {
        ensure!(
            row.attr("data-site-id")
                .await?
                .is_some_and(|id| !id.is_empty()),
            "a site row has no data-site-id"
        );
        texts.push(row.text().await?);
    }
    eprintln!("{} site rows, e.g. {:?}", texts.len(), texts.first());

    let count: usize = client
        .find(Locator::Css("[data-testid=site-count]"))
        .await?
        .attr("data-count")
        .await?
        .context("site-count has no data-count")?
        .parse()
        .context("site-count's data-count is not a number")?;
    ensure!(
        count == rows.len(),
        "site-count says {count} but {} rows are shown",
        rows.len()
    );
    ensure!(
        count >= MIN_SITES,
        "only {count} sites listed, expected at least {MIN_SITES}"
    );
    for name in EXPECTED_SITES {
        ensure!(
            texts.iter().any(|t| t.contains(name)),
            "demo site {name:?} is not listed; rows: {texts:#?}"
        );
    }
    Ok(())
}
