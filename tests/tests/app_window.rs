//! The real app window lists the demo portfolio from a fresh database, with the readiness of
//! every site (score, status pill, top reason, band counts in the header), and clicking a site
//! opens its detail panel with the reasons in words.
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
/// Every band must show up in the demo portfolio (docs/readiness.md, "The demo portfolio").
const BANDS: &[&str] = &["ready", "at_risk", "not_ready"];
/// An at-risk demo site whose detail panel is checked and photographed.
const DETAIL_SITE: &str = "tokyo";

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
    let outcome = match check_site_list(&client, artifacts).await {
        Ok(()) => check_readiness(&client, artifacts).await,
        Err(err) => Err(err),
    };
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

async fn check_readiness(client: &Client, artifacts: &Path) -> anyhow::Result<()> {
    // Readiness is asked for after the list: wait until the band summary is shown (or failed).
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(
            "[data-testid=band-count], [data-testid=readiness-error]",
        ))
        .await
        .context("readiness did not load within 30 s")?;
    if let Ok(error) = client
        .find(Locator::Css("[data-testid=readiness-error]"))
        .await
    {
        anyhow::bail!("readiness failed in the window: {}", error.text().await?);
    }
    save_screenshot(client, &artifacts.join("app-window.png")).await?;

    let rows = client
        .find_all(Locator::Css("[data-testid=site-row]"))
        .await
        .context("finding the site rows")?;
    let pills = client
        .find_all(Locator::Css(
            "[data-testid=site-row] [data-testid=status-pill]",
        ))
        .await
        .context("finding the status pills")?;
    ensure!(
        pills.len() == rows.len(),
        "{} status pills for {} site rows",
        pills.len(),
        rows.len()
    );
    let mut statuses = Vec::with_capacity(pills.len());
    for pill in &pills {
        let status = pill.attr("data-status").await?.unwrap_or_default();
        let label = pill.text().await?;
        ensure!(!label.is_empty(), "a status pill has no label ({status})");
        statuses.push(status);
    }
    for band in BANDS {
        ensure!(
            statuses.iter().any(|s| s == band),
            "no {band} site among the demo sites: {statuses:?}"
        );
    }

    let mut total = 0;
    for count in client
        .find_all(Locator::Css("[data-testid=band-count]"))
        .await
        .context("finding the band counts")?
    {
        total += count
            .attr("data-count")
            .await?
            .context("band-count has no data-count")?
            .parse::<usize>()?;
    }
    ensure!(
        total == rows.len(),
        "the header counts {total} sites in bands but {} rows are shown",
        rows.len()
    );

    // Clicking a site opens its detail panel with its components and reasons in words.
    client
        .find(Locator::Css(&format!(
            "[data-testid=site-row][data-site-id={DETAIL_SITE}] [data-testid=site-name]"
        )))
        .await
        .with_context(|| format!("no row for {DETAIL_SITE}"))?
        .click()
        .await
        .with_context(|| format!("clicking the row of {DETAIL_SITE}"))?;
    let panel = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!(
            "[data-testid=site-detail][data-site-id={DETAIL_SITE}]"
        )))
        .await
        .context("clicking the site did not open its detail panel")?;
    let status_reason = panel
        .find(Locator::Css("[data-testid=status-reason]"))
        .await
        .context("the panel has no status reason")?
        .text()
        .await?;
    ensure!(
        !status_reason.is_empty(),
        "the panel does not say why the site is in its band"
    );
    let components = panel
        .find_all(Locator::Css("[data-testid=component]"))
        .await
        .context("finding the components in the panel")?;
    ensure!(
        components.len() == 7,
        "{} components in the panel, expected 7",
        components.len()
    );
    let mut reasons = Vec::new();
    for reason in panel
        .find_all(Locator::Css("[data-testid=reason]"))
        .await
        .context("finding the reasons in the panel")?
    {
        reasons.push(reason.text().await?);
    }
    ensure!(
        reasons.iter().any(|r| r.split_whitespace().count() >= 3),
        "the panel of {DETAIL_SITE} shows no reason in words: {reasons:?}"
    );
    for button in ["export-runbook", "export-cards"] {
        panel
            .find(Locator::Css(&format!("[data-testid={button}]")))
            .await
            .with_context(|| format!("the panel has no {button} button"))?;
    }
    client
        .find(Locator::Css("[data-testid=export-review]"))
        .await
        .context("the header has no readiness review button")?;
    eprintln!("{DETAIL_SITE}: {status_reason}; reasons: {reasons:?}");
    save_screenshot(client, &artifacts.join("site-detail.png")).await?;
    Ok(())
}
