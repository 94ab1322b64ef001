//! The real app window on a fresh database with the demo portfolio: the world map shows one
//! marker per site in the band the CLI's readiness gives; a region filter narrows map and list;
//! searching a person finds them with their roles; clicking a marker opens the site with its
//! components and reasons; a plan opens; an as-of date in 2031 turns every site not ready; every
//! command is called once through the real IPC (so a renamed command or argument fails here);
//! importing a folder with a broken file lists the problems and changes nothing. Screenshots of
//! every main view, light and dark, go to target/e2e/.
//!
//! Run after building the UI and the app:
//! `CONTINUUM_E2E=1 xvfb-run -a cargo test -p continuum-e2e -- --nocapture`

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context as _};
use continuum_e2e::{
    app_binary, artifacts_dir, connect, prerequisites_or_skip, save_screenshot, target_dir,
    AppSandbox, TauriDriver,
};
use fantoccini::{Client, Locator};

const TEST_TIMEOUT: Duration = Duration::from_secs(150);
/// An at-risk demo site whose page is checked and photographed.
const DETAIL_SITE: &str = "tokyo";
const REGION: &str = "apac";

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
    let outcome = tokio::time::timeout(TEST_TIMEOUT, drive(&driver, &app, &artifacts, &sandbox))
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
async fn drive(
    driver: &TauriDriver,
    app: &Path,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    let client = connect(driver, app).await?;
    let outcome = check(&client, artifacts, sandbox).await;
    if outcome.is_err() {
        let _ = save_screenshot(&client, &artifacts.join("failure.png")).await;
    }
    match tokio::time::timeout(Duration::from_secs(10), client.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => eprintln!("ending the WebDriver session failed: {err}"),
        Err(_) => eprintln!("ending the WebDriver session timed out"),
    }
    outcome
}

async fn check(client: &Client, artifacts: &Path, sandbox: &AppSandbox) -> anyhow::Result<()> {
    wait_ready(client, "dashboard").await?;
    ensure!(
        client.title().await? == "Continuum",
        "unexpected document title"
    );

    // The map: one marker per site, each in the band the CLI computes from the same database.
    let expected = cli_readiness(sandbox)?;
    ensure!(
        expected.len() >= 15,
        "the demo has {} sites",
        expected.len()
    );
    let on_map = markers(client).await?;
    ensure!(
        on_map == expected,
        "map markers {on_map:?}\ndiffer from `continuum readiness`: {expected:?}"
    );
    for band in ["ready", "at_risk", "not_ready"] {
        ensure!(on_map.values().any(|s| s == band), "no {band} marker");
    }
    // Markers of one band share a colour, and the three bands' colours differ.
    let fills = client
        .execute(
            "const f = {}; for (const m of document.querySelectorAll('[data-testid=map-marker]')) \
             { (f[m.dataset.status] ??= new Set()).add(getComputedStyle(m).fill); } \
             return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [...v]]));",
            vec![],
        )
        .await?;
    let colour = |band: &str| fills[band].as_array().cloned().unwrap_or_default();
    for band in ["ready", "at_risk", "not_ready"] {
        ensure!(
            colour(band).len() == 1,
            "{band} markers have colours {:?}",
            colour(band)
        );
    }
    ensure!(
        colour("ready") != colour("at_risk") && colour("at_risk") != colour("not_ready"),
        "band colours are not distinct: {fills}"
    );
    save_screenshot(client, &artifacts.join("dashboard-light.png")).await?;

    // A region filter narrows the map and the list.
    set_value(client, "[data-testid=region-filter]", REGION).await?;
    wait_for(
        client,
        &format!("[data-testid=dashboard][data-region={REGION}]"),
    )
    .await?;
    let in_region = region_sites(sandbox, REGION)?;
    let shown = markers(client).await?;
    ensure!(
        shown.keys().cloned().collect::<BTreeSet<_>>() == in_region,
        "region {REGION}: markers {shown:?}, expected {in_region:?}"
    );
    let rows = client
        .find_all(Locator::Css("[data-testid=site-row]"))
        .await?;
    ensure!(
        rows.len() == in_region.len(),
        "{} rows for {} sites",
        rows.len(),
        in_region.len()
    );
    save_screenshot(client, &artifacts.join("region-light.png")).await?;

    // Searching a person's name finds them, with their site and roles.
    let (person, site_name) = demo_person()?;
    let search = client.find(Locator::Css("[data-testid=search]")).await?;
    search
        .send_keys(&person)
        .await
        .context("type into the search box")?;
    let hit = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=search-hit][data-kind=person]"))
        .await
        .with_context(|| format!("no person hit for {person:?}"))?;
    let text = hit.text().await?;
    ensure!(
        text.contains(&person) && text.contains(&site_name),
        "person hit reads {text:?}"
    );
    client
        .execute("document.activeElement.blur()", vec![])
        .await
        .context("leave the search box")?;

    // Clicking a marker opens that site: components and reasons.
    client
        .find(Locator::Css(&format!(
            "[data-testid=map-marker][data-site={DETAIL_SITE}]"
        )))
        .await?
        .click()
        .await
        .context("click the Tokyo marker")?;
    wait_ready(client, "site").await?;
    wait_for(
        client,
        &format!("[data-testid=site-page][data-site={DETAIL_SITE}]"),
    )
    .await?;
    let components = client
        .find_all(Locator::Css("[data-testid=component]"))
        .await?;
    ensure!(components.len() == 7, "{} components", components.len());
    let reasons = client
        .find_all(Locator::Css("[data-testid=reason]"))
        .await?;
    ensure!(!reasons.is_empty(), "no reasons on the {DETAIL_SITE} page");
    ensure!(
        !reasons[0].text().await?.trim().is_empty(),
        "a reason without words"
    );
    save_screenshot(client, &artifacts.join("site-light.png")).await?;

    // A plan of the site opens, every section of it.
    // WebKitWebDriver refuses a native click on a table row; a DOM click is what Enter gives.
    client
        .execute(
            "document.querySelector('[data-testid=plan-row]').click()",
            vec![],
        )
        .await
        .context("click the first plan row")?;
    wait_ready(client, "plan").await?;
    let sections = client
        .find_all(Locator::Css("[data-testid=plan-section]"))
        .await?;
    ensure!(sections.len() == 8, "{} plan sections", sections.len());
    save_screenshot(client, &artifacts.join("plan-light.png")).await?;

    // Dark theme: the same views.
    set_value(client, "[data-testid=theme]", "dark").await?;
    save_screenshot(client, &artifacts.join("plan-dark.png")).await?;
    client.execute("history.back()", vec![]).await?;
    wait_ready(client, "site").await?;
    save_screenshot(client, &artifacts.join("site-dark.png")).await?;
    goto(client, &format!("#/region/{REGION}")).await?;
    wait_ready(client, "dashboard").await?;
    save_screenshot(client, &artifacts.join("region-dark.png")).await?;
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    save_screenshot(client, &artifacts.join("dashboard-dark.png")).await?;
    set_value(client, "[data-testid=theme]", "light").await?;

    // Every command once, through the app's own typed wrappers and the real IPC.
    check_commands(client, sandbox).await?;

    // As of 2031 every demo site is not ready, and the app says it is not today.
    set_value(client, "[data-testid=as-of]", "2031-06-01").await?;
    wait_for(client, "main[data-as-of='2031-06-01'][data-state=ready]").await?;
    wait_for(client, "[data-testid=as-of-banner]").await?;
    let future = markers(client).await?;
    ensure!(
        future.len() == expected.len(),
        "{} markers in 2031",
        future.len()
    );
    ensure!(
        future.values().all(|s| s == "not_ready"),
        "not every site is not ready in 2031: {future:?}"
    );
    save_screenshot(client, &artifacts.join("dashboard-2031.png")).await?;
    Ok(())
}

/// Calls every command through `window.continuumApi` (ui/src/api.ts) and checks the answers.
async fn check_commands(client: &Client, sandbox: &AppSandbox) -> anyhow::Result<()> {
    let out = sandbox.path().join("exports");
    std::fs::create_dir_all(&out)?;
    let broken = sandbox.path().join("broken-plans");
    std::fs::create_dir_all(&broken)?;
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans");
    for entry in std::fs::read_dir(&plans)? {
        let path = entry?.path();
        let name = path.file_name().unwrap().to_owned();
        let mut text = std::fs::read_to_string(&path)?;
        if name == "london.json" {
            // A change that must not land, since another file of the same import is broken.
            text = text.replacen("\"London\"", "\"London (changed)\"", 1);
        }
        if name == "tokyo.json" {
            text.truncate(text.len() / 2);
        }
        std::fs::write(broken.join(name), text)?;
    }
    let script = r#"
        const [out, broken, done] = arguments;
        const api = window.continuumApi;
        const r = {};
        const err = async (p) => { try { await p; return null; } catch (e) { return e; } };
        (async () => {
          const before = await api.dashboard(null);
          r.dashboard = before.sites.length;
          r.outlook = (await api.outlook(null, 90)).days;
          r.search = (await api.search("tokyo")).length;
          r.sitePage = (await api.sitePage("tokyo", "2026-12-01")).data.site.id;
          r.runbook = (await api.exportRunbook("tokyo", out + "/tokyo-runbook.pdf")).pages;
          r.cards = (await api.exportCards("tokyo", out + "/tokyo-cards.pdf")).pages;
          r.review = (await api.exportReview(out + "/review.pdf", null)).pages;
          r.exportPlans = (await api.exportPlans(out + "/plans")).files.length;
          r.importError = await err(api.importPlans(broken));
          const after = await api.dashboard(null);
          r.unchanged = JSON.stringify(before.sites) === JSON.stringify(after.sites);
          r.openError = await err(api.openDocument(out + "/never-written.pdf"));
          r.notFound = await err(api.sitePage("atlantis", null));
          done(r);
        })().catch((e) => done({ failed: e }));
    "#;
    let r = client
        .execute_async(
            script,
            vec![
                out.to_string_lossy().into_owned().into(),
                broken.to_string_lossy().into_owned().into(),
            ],
        )
        .await?;
    ensure!(r.get("failed").is_none(), "a command failed: {r}");
    ensure!(r["dashboard"].as_u64() >= Some(15), "dashboard: {r}");
    ensure!(r["outlook"] == 90, "outlook: {r}");
    ensure!(r["search"].as_u64() >= Some(1), "search: {r}");
    ensure!(r["sitePage"] == "tokyo", "site_page: {r}");
    for pdf in ["runbook", "cards", "review"] {
        ensure!(r[pdf].as_u64() >= Some(1), "{pdf}: {r}");
    }
    for file in ["tokyo-runbook.pdf", "tokyo-cards.pdf", "review.pdf"] {
        let bytes = std::fs::read(out.join(file)).with_context(|| format!("{file} not written"))?;
        ensure!(bytes.starts_with(b"%PDF"), "{file} is not a PDF");
    }
    ensure!(r["exportPlans"].as_u64() >= Some(16), "export_plans: {r}");
    ensure!(
        out.join("plans/portfolio.json").exists(),
        "no portfolio.json exported"
    );
    let import = &r["importError"];
    ensure!(
        import["code"] == "validation",
        "import_plans of a broken folder: {import}"
    );
    let problems = import["problems"].as_array().cloned().unwrap_or_default();
    ensure!(
        problems.iter().any(|p| p["path"]
            .as_str()
            .is_some_and(|f| f.ends_with("tokyo.json"))),
        "the problems do not name tokyo.json: {import}"
    );
    ensure!(
        r["unchanged"] == true,
        "a refused import changed the portfolio: {r}"
    );
    ensure!(
        r["openError"]["code"] == "validation",
        "open_document of an unknown file: {r}"
    );
    ensure!(
        r["notFound"]["code"] == "not_found",
        "site_page of an unknown site: {r}"
    );
    Ok(())
}

/// Waits until <main> shows `view` with its data loaded (or fails on an error panel).
async fn wait_ready(client: &Client, view: &str) -> anyhow::Result<()> {
    let main = client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&format!(
            "main[data-view={view}][data-state=ready], main[data-state=error]"
        )))
        .await
        .with_context(|| format!("the {view} view did not load within 30 s"))?;
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
        anyhow::bail!("the {view} view failed: [{code}] {message}");
    }
    Ok(())
}

async fn wait_for(client: &Client, css: &str) -> anyhow::Result<()> {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("{css} did not appear within 20 s"))?;
    Ok(())
}

async fn goto(client: &Client, hash: &str) -> anyhow::Result<()> {
    client
        .execute("location.hash = arguments[0]", vec![hash.into()])
        .await?;
    Ok(())
}

/// Sets an input's or select's value the way a person would, firing its change event.
async fn set_value(client: &Client, css: &str, value: &str) -> anyhow::Result<()> {
    let done = client
        .execute(
            "const e = document.querySelector(arguments[0]); if (!e) return false; \
             e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true })); \
             e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![css.into(), value.into()],
        )
        .await?;
    ensure!(done == true, "no element {css}");
    Ok(())
}

/// Site id → band of every marker on the map.
async fn markers(client: &Client) -> anyhow::Result<BTreeMap<String, String>> {
    let value = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=map-marker]')].map(m => [m.dataset.site, m.dataset.status]);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value::<Vec<(String, String)>>(value)?
        .into_iter()
        .collect())
}

fn cli(sandbox: &AppSandbox, args: &[&str]) -> anyhow::Result<serde_json::Value> {
    let bin = target_dir().join("debug/continuum");
    let output = std::process::Command::new(&bin)
        .arg("--db")
        .arg(sandbox.db_path())
        .args(args)
        .output()
        .with_context(|| {
            format!(
                "run {} (build it with `cargo build -p continuum-cli`)",
                bin.display()
            )
        })?;
    ensure!(
        output.status.success(),
        "continuum {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout)?)
}

/// Site id → band, as `continuum readiness --json` gives them.
fn cli_readiness(sandbox: &AppSandbox) -> anyhow::Result<BTreeMap<String, String>> {
    let value = cli(sandbox, &["readiness", "--json"])?;
    let sites = value
        .as_array()
        .context("readiness --json is not an array")?;
    Ok(sites
        .iter()
        .map(|s| {
            (
                s["site_id"].as_str().unwrap_or_default().to_owned(),
                s["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect())
}

fn region_sites(sandbox: &AppSandbox, region: &str) -> anyhow::Result<BTreeSet<String>> {
    let value = cli(sandbox, &["readiness", "--json", "--region", region])?;
    Ok(value
        .as_array()
        .context("readiness --json is not an array")?
        .iter()
        .filter_map(|s| s["site_id"].as_str().map(str::to_owned))
        .collect())
}

/// A person of the demo's Tokyo site who holds a role, and the site's name.
fn demo_person() -> anyhow::Result<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans/tokyo.json");
    let site: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let assigned = site["plans"][0]["assignments"][0]["person"]
        .as_str()
        .context("no assignment")?;
    let person = site["people"]
        .as_array()
        .context("no people")?
        .iter()
        .find(|p| p["id"] == assigned)
        .context("assigned person not listed")?;
    Ok((
        person["name"].as_str().unwrap_or_default().to_owned(),
        site["site"]["name"].as_str().unwrap_or_default().to_owned(),
    ))
}
