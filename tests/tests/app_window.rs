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
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context as _};
use continuum_e2e::{
    app_binary, artifacts_dir, connect, prerequisites_or_skip, save_screenshot, target_dir,
    AppSandbox, TauriDriver, E2E_USER,
};
use fantoccini::{Client, Locator};

#[path = "app_window/exercises.rs"]
mod exercises;
#[path = "app_window/maintain.rs"]
mod maintain;
#[path = "app_window/reviews.rs"]
mod reviews;
#[path = "app_window/training.rs"]
mod training;

const TEST_TIMEOUT: Duration = Duration::from_secs(300);
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
    // Markers of one band share a colour, and the three bands' colours differ (the colours the
    // canvas draws them in, as the map's test hook reports them).
    let fills = client
        .execute(
            "const f = {}; for (const m of window.continuumMap.markers()) \
             { (f[m.status] ??= new Set()).add(m.colour); } \
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

    // Hovering a marker shows its site; clicking it opens that site: components and reasons.
    // The markers are drawn on a canvas: point at where the map says Tokyo's is drawn, on
    // whatever element is there (the map, found by hit-testing, as a user's pointer would be).
    let hovered = client
        .execute(
            "document.querySelector('[data-testid=world-map]').scrollIntoView({ block: 'center' }); \
             const m = window.continuumMap.markers().find(m => m.site === arguments[0]); \
             const target = document.elementFromPoint(m.x, m.y); \
             const at = { clientX: m.x, clientY: m.y, bubbles: true }; \
             target.dispatchEvent(new PointerEvent('pointermove', at)); \
             return new Promise(done => requestAnimationFrame(() => { \
               const tip = document.querySelector('[data-testid=map-tip]'); \
               done(tip ? [tip.dataset.site, tip.textContent] : null); }));",
            vec![serde_json::json!(DETAIL_SITE)],
        )
        .await?;
    ensure!(
        hovered[0] == DETAIL_SITE && hovered[1].as_str().is_some_and(|t| t.contains("score")),
        "hovering the Tokyo marker shows {hovered}"
    );
    client
        .execute(
            "const m = window.continuumMap.markers().find(m => m.site === arguments[0]); \
             document.elementFromPoint(m.x, m.y).dispatchEvent( \
               new MouseEvent('click', { clientX: m.x, clientY: m.y, bubbles: true }));",
            vec![serde_json::json!(DETAIL_SITE)],
        )
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
    eprintln!("[e2e] every command");
    let broken = check_commands(client, sandbox).await?;
    eprintln!("[e2e] import in the window");
    check_import_in_window(client, artifacts, &broken).await?;
    eprintln!("[e2e] editing");
    check_editing(client, artifacts, sandbox).await?;
    maintain::check_maintaining(client, artifacts, sandbox).await?;
    training::check_training(client, artifacts, sandbox).await?;
    // An exercise with a finding first: the review started next must carry it into its PDF.
    exercises::check_exercises(client, artifacts, sandbox).await?;
    reviews::check_reviews(client, artifacts, sandbox).await?;
    // The exercise calendar: every approved plan with its due date.
    goto(client, "#/exercises").await?;
    wait_ready(client, "exercises").await?;
    maintain::photo(client, artifacts, "main", "exercise-calendar").await?;
    eprintln!("[e2e] as of 2031");

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

/// Editing in the window (issue 8): an alternate added where the demo lacks one raises the
/// score and reaches the runbook; a negative RTO is refused at its field and changes nothing;
/// a step moved up from the keyboard moves in the runbook; approving a draft adds a revision
/// with the approver; the history shows each change with old and new values.
async fn check_editing(
    client: &Client,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    // A role the demo leaves short of an alternate, as the CLI reports it.
    let readiness = cli(sandbox, &["readiness", "--json"])?;
    let (site, plan, role, score_before) = readiness
        .as_array()
        .context("readiness --json is not an array")?
        .iter()
        .find_map(|s| {
            let reasons: Vec<&serde_json::Value> = s["components"]
                .as_array()?
                .iter()
                .filter_map(|c| c["reasons"].as_array())
                .flatten()
                .collect();
            // Short of an alternate, with a primary in place.
            let reason = reasons.iter().find(|r| {
                r["code"] == "alternate_missing"
                    && !reasons.iter().any(|p| {
                        p["code"] == "primary_missing"
                            && p["plan_id"] == r["plan_id"]
                            && p["role_id"] == r["role_id"]
                    })
            })?;
            Some((
                s["site_id"].as_str()?.to_owned(),
                reason["plan_id"].as_str()?.to_owned(),
                reason["role_id"].as_str()?.to_owned(),
                s["score"].as_u64()?,
            ))
        })
        .context("the demo has no role short of an alternate")?;

    goto(client, &format!("#/site/{site}")).await?;
    wait_ready(client, "site").await?;
    wait_for(
        client,
        &format!("[data-testid=site-page][data-site={site}]"),
    )
    .await?;
    dom_click(
        client,
        &format!("[data-testid=edit-role][data-plan={plan}][data-role={role}]"),
    )
    .await?;
    wait_for(client, "[data-testid=role-editor] [data-testid=candidate]").await?;
    let alternate = client
        .execute(
            "const c = document.querySelector('[data-testid=role-editor] [data-testid=candidate][data-trained=true]') \
               ?? document.querySelector('[data-testid=role-editor] [data-testid=candidate]'); \
             return [c.dataset.person, c.querySelector('strong').textContent];",
            vec![],
        )
        .await?;
    let (alternate_id, alternate_name): (String, String) = serde_json::from_value(alternate)?;
    dom_click(
        client,
        &format!("[data-testid=candidate][data-person={alternate_id}]"),
    )
    .await?;
    maintain::photo(
        client,
        artifacts,
        "[data-testid=role-editor]",
        "role-editor",
    )
    .await?;
    dom_click(client, "[data-testid=role-editor] [data-testid=save]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let after = cli(sandbox, &["readiness", "--json", "--site", &site])?;
    let after = &after[0];
    ensure!(
        after["score"].as_u64() > Some(score_before),
        "{site}: score {score_before} → {} after adding an alternate",
        after["score"]
    );
    let still_short = after["components"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| {
            c["reasons"].as_array().into_iter().flatten().any(|r| {
                r["code"] == "alternate_missing"
                    && r["plan_id"] == plan.as_str()
                    && r["role_id"] == role.as_str()
            })
        });
    ensure!(
        !still_short,
        "the alternate_missing reason for {plan}/{role} is still there"
    );
    let shown = client
        .find(Locator::Css("[data-testid=site-score] .big"))
        .await?
        .text()
        .await?;
    ensure!(
        shown.trim() == after["score"].to_string(),
        "the page shows score {shown}, the CLI {}",
        after["score"]
    );
    let runbook = pdf_text(client, sandbox, &plan).await?;
    ensure!(
        runbook.contains(&alternate_name),
        "the runbook of {plan} does not name the new alternate {alternate_name}"
    );

    // A negative RTO: refused at the field, nothing changed.
    let history_before = cli(sandbox, &["history", "--json", "--site", &site])?
        .as_array()
        .map_or(0, Vec::len);
    dom_click(client, "[data-testid=edit-process]").await?;
    set_value(client, "[data-testid=process-rto]", "-4h").await?;
    dom_click(client, "[data-testid=process-editor] [data-testid=save]").await?;
    wait_for(client, "[data-testid=field-error][data-field=rto]").await?;
    maintain::photo(
        client,
        artifacts,
        "[data-testid=process-editor]",
        "process-editor-error",
    )
    .await?;
    let history_after = cli(sandbox, &["history", "--json", "--site", &site])?
        .as_array()
        .map_or(0, Vec::len);
    ensure!(
        history_after == history_before,
        "a refused RTO recorded {} change(s)",
        history_after - history_before
    );
    dom_click(client, "[data-testid=process-editor] [data-testid=cancel]").await?;

    // Move the second step up from the keyboard, save, and read the runbook.
    goto(client, &format!("#/site/{site}/plan/{plan}")).await?;
    wait_ready(client, "plan").await?;
    dom_click(client, "[data-testid=edit-steps]").await?;
    wait_for(client, "[data-testid=steps-editor]").await?;
    let actions = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=step-action]')].slice(0, 2).map(t => t.value);",
            vec![],
        )
        .await?;
    let (first, second): (String, String) = serde_json::from_value(actions)?;
    client
        .execute(
            "const row = document.querySelectorAll('[data-testid=step-row]')[1]; row.focus(); \
             row.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }));",
            vec![],
        )
        .await?;
    maintain::photo(
        client,
        artifacts,
        "[data-testid=steps-editor] [data-testid=step-row]",
        "steps-editor",
    )
    .await?;
    dom_click(client, "[data-testid=steps-editor] [data-testid=save]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let runbook = pdf_text(client, sandbox, &plan).await?;
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (runbook, first, second) = (squash(&runbook), squash(&first), squash(&second));
    let head = |t: &str| t.chars().take(30).collect::<String>();
    match (runbook.find(&head(&second)), runbook.find(&head(&first))) {
        (Some(a), Some(b)) => ensure!(
            a < b,
            "step {second:?} is still after {first:?} in the runbook"
        ),
        _ => anyhow::bail!("the runbook of {plan} lacks the steps {first:?} / {second:?}"),
    }

    // Approve a draft: a revision with the approver, the version moved on.
    let draft_site = "seoul";
    let draft = "seoul-pandemic";
    goto(client, &format!("#/site/{draft_site}/plan/{draft}")).await?;
    wait_ready(client, "plan").await?;
    wait_for(client, "[data-testid=lifecycle][data-status=draft]").await?;
    dom_click(client, "[data-testid=approve-plan]").await?;
    let approver = client
        .execute(
            "return document.querySelector('[data-testid=approver]').value;",
            vec![],
        )
        .await?;
    set_value(
        client,
        "[data-testid=approval-summary]",
        "First issue approved after the tabletop.",
    )
    .await?;
    maintain::photo(client, artifacts, "[data-testid=approval-form]", "approval").await?;
    dom_click(client, "[data-testid=confirm-approval]").await?;
    wait_for(client, "[data-testid=lifecycle][data-status=approved]").await?;
    let plan_json = client
        .execute_async(
            "const [site, plan, done] = arguments; window.continuumApi.sitePage(site, null)\
             .then(p => done(p.data.plans.find(x => x.id === plan))).catch(e => done({ failed: e }));",
            vec![draft_site.into(), draft.into()],
        )
        .await?;
    let last = &plan_json["revisions"]
        .as_array()
        .and_then(|r| r.last().cloned())
        .unwrap_or_default();
    ensure!(
        plan_json["approver"] == approver
            && last["summary"] == "First issue approved after the tabletop.",
        "approval not recorded: {plan_json}"
    );
    ensure!(
        last["version"] == plan_json["version"],
        "revision and version differ: {plan_json}"
    );

    // The history of the plan shows the approval with old and new values.
    dom_click(client, "[data-testid=history] summary").await?;
    wait_for(client, "[data-testid=history-entry]").await?;
    let entries = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=history-entry]')].map(e => e.textContent);",
            vec![],
        )
        .await?;
    let entries: Vec<String> = serde_json::from_value(entries)?;
    ensure!(
        entries.iter().any(|e| e.contains("status")
            && e.contains("draft")
            && e.contains("approved")
            && e.contains(E2E_USER)),
        "the plan's history lacks the status change: {entries:?}"
    );
    scroll_to(client, "[data-testid=history]").await?;
    save_screenshot(client, &artifacts.join("history-light.png")).await?;
    set_value(client, "[data-testid=theme]", "dark").await?;
    save_screenshot(client, &artifacts.join("history-dark.png")).await?;
    set_value(client, "[data-testid=theme]", "light").await?;

    // And the site's history, through the CLI too: the alternate and the step order, with values.
    let trail = cli(sandbox, &["history", "--json", "--site", &site])?;
    let trail = trail.as_array().context("history --json is not an array")?;
    ensure!(
        trail
            .iter()
            .any(|e| e["new"].to_string().contains(&alternate_id)
                || e["field"]
                    .as_str()
                    .is_some_and(|f| f.contains("assignments"))),
        "the trail of {site} lacks the new alternate: {trail:?}"
    );
    ensure!(
        trail
            .iter()
            .any(|e| e["field"].as_str().is_some_and(|f| f.contains("steps"))),
        "the trail of {site} lacks the step move: {trail:?}"
    );
    for e in trail {
        for key in ["at", "who", "entity", "id", "field", "old", "new"] {
            ensure!(e.get(key).is_some(), "a history entry lacks {key}: {e}");
        }
    }
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    Ok(())
}

/// Scrolls an element to the middle of the window, for a photograph of it.
async fn scroll_to(client: &Client, css: &str) -> anyhow::Result<()> {
    client
        .execute(
            "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });",
            vec![css.into()],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    Ok(())
}

/// Clicks an element the way a script does (WebKitWebDriver refuses native clicks on some).
async fn dom_click(client: &Client, css: &str) -> anyhow::Result<()> {
    wait_for(client, css).await?;
    let done = client
        .execute(
            "const e = document.querySelector(arguments[0]); if (!e) return false; e.click(); return true;",
            vec![css.into()],
        )
        .await?;
    ensure!(done == true, "no element {css} to click");
    Ok(())
}

/// Writes the runbook of `target` through the app and gives back its text (pdftotext).
async fn pdf_text(client: &Client, sandbox: &AppSandbox, target: &str) -> anyhow::Result<String> {
    runbook_text(client, sandbox, target, false).await
}

/// The text of the runbook of `target` (of its draft with `draft`), written through the app.
async fn runbook_text(
    client: &Client,
    sandbox: &AppSandbox,
    target: &str,
    draft: bool,
) -> anyhow::Result<String> {
    let dir = sandbox.path().join("exports");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{target}-{draft}-{}.pdf", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let r = client
        .execute_async(
            "const [t, p, d, done] = arguments; window.continuumApi.exportRunbook(t, p, d)\
             .then(w => done(w)).catch(e => done({ failed: e }));",
            vec![
                target.into(),
                path.to_string_lossy().into_owned().into(),
                draft.into(),
            ],
        )
        .await?;
    ensure!(r.get("failed").is_none(), "runbook of {target}: {r}");
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .context("run pdftotext (poppler-utils)")?;
    ensure!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Imports the broken folder the way the Import button does once the folder is chosen (the
/// native dialog itself cannot be driven): the window lists the problem in tokyo.json, and the
/// site list is what it was.
async fn check_import_in_window(
    client: &Client,
    artifacts: &Path,
    broken: &Path,
) -> anyhow::Result<()> {
    let rows = |client: &Client| {
        let client = client.clone();
        async move {
            client
                .execute(
                    "return [...document.querySelectorAll('[data-testid=site-row]')]\
                     .map(r => r.dataset.site + ' ' + r.dataset.status + ' ' + r.textContent);",
                    vec![],
                )
                .await
        }
    };
    let before = rows(client).await?;
    client
        .execute(
            "window.continuumUi.importFrom(arguments[0]); return true;",
            vec![broken.to_string_lossy().into_owned().into()],
        )
        .await?;
    wait_for(
        client,
        "[data-testid=notice][data-kind=error] [data-testid=problem]",
    )
    .await?;
    let problems = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=problem]')].map(p => p.textContent);",
            vec![],
        )
        .await?;
    let problems: Vec<String> = serde_json::from_value(problems)?;
    ensure!(
        problems.iter().any(|p| p.contains("tokyo.json:")),
        "the window's problems do not name tokyo.json with a line: {problems:?}"
    );
    let notice = client
        .find(Locator::Css("[data-testid=notice]"))
        .await?
        .text()
        .await?;
    ensure!(
        notice.contains("nothing was imported"),
        "the notice does not say nothing was imported: {notice}"
    );
    save_screenshot(client, &artifacts.join("import-problems.png")).await?;
    ensure!(
        rows(client).await? == before,
        "the site list changed after a refused import"
    );
    dom_click(client, "[data-testid=notice] [data-testid=dismiss]").await?;
    Ok(())
}

/// Calls every command through `window.continuumApi` (ui/src/api.ts) and checks the answers;
/// gives back the folder of broken plan files it imported.
async fn check_commands(client: &Client, sandbox: &AppSandbox) -> anyhow::Result<PathBuf> {
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

          // Settings: read, preview (saves nothing), save unchanged.
          const catalogue = await api.portfolio();
          r.portfolio = catalogue.regions.length;
          r.preview = (await api.policyPreview({ ready_at: 99, at_risk_at: 98 }, null)).sites;
          r.savePortfolio = (await api.savePortfolio(catalogue)).name === catalogue.name;
          // Keeping a site: create, edit, people, a plan from a template, inventory, a
          // hand-over, a copied plan, a deleted plan, a stale edit refused, the site deleted.
          const tokyo = await api.sitePage("tokyo", null);
          r.checkPlan = (await api.checkPlan("tokyo", tokyo.data.plans[0])).plan_id;
          const lab = { id: "e2e-lab", name: "E2E Lab", country: "IS", region: tokyo.data.site.region, city: "Reykjavík",
                        latitude: 64.1, longitude: -21.9, time_zone: "Atlantic/Reykjavik", tier: 4, headcount: 3 };
          let p = await api.createSite(lab, null);
          const first = p.stamp;
          p = await api.saveSite(p.stamp, { ...lab, headcount: 4 }, null);
          r.saveSite = p.data.site.headcount;
          p = await api.savePerson("e2e-lab", p.stamp, { id: "e2e-lab-ana", name: "Ana Test" }, null);
          p = await api.savePerson("e2e-lab", p.stamp, { id: "e2e-lab-ben", name: "Ben Test" }, null);
          p = await api.newPlan("e2e-lab", p.stamp, { kind: "pandemic", id: "e2e-lab-pandemic", title: "E2E Pandemic", owner: "e2e-lab-ana" }, null);
          r.newPlan = p.data.plans[0].steps.length;
          p = await api.saveInventory("e2e-lab", p.stamp, [{ kind: "laptop", quantity: 3, location: "Store" }], null);
          r.inventory = p.data.inventory.length;
          const plan = p.data.plans[0];
          const role = plan.roles[0].role;
          p = await api.savePlan("e2e-lab", p.stamp, { ...plan, assignments: [{ role, person: "e2e-lab-ana", rank: 0 }] }, null);
          p = await api.handOver("e2e-lab", p.stamp, "e2e-lab-ana", [{ plan: plan.id, role, person: "e2e-lab-ben" }], null);
          r.handOver = [p.data.plans[0].assignments[0].person, p.data.people[0].active];
          p = await api.duplicatePlan("e2e-lab", p.stamp, tokyo.data.plans[0].id, "e2e-lab-copy", "e2e-lab-ben", null);
          r.duplicate = p.data.plans.map((x) => x.id);
          p = await api.deletePlan("e2e-lab", p.stamp, "e2e-lab-copy", null);
          r.deletePlan = p.data.plans.length;
          r.stale = await err(api.saveSite(first, { ...lab, headcount: 5 }, null));
          await api.deleteSite("e2e-lab", p.stamp);
          r.deleteSite = await err(api.sitePage("e2e-lab", null));
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
    ensure!(r["portfolio"].as_u64() >= Some(3), "portfolio: {r}");
    ensure!(r["preview"] == r["dashboard"], "policy_preview: {r}");
    ensure!(r["savePortfolio"] == true, "save_portfolio: {r}");
    ensure!(r["checkPlan"].is_string(), "check_plan: {r}");
    ensure!(r["saveSite"] == 4, "create_site / save_site: {r}");
    ensure!(r["newPlan"].as_u64() >= Some(2), "new_plan: {r}");
    ensure!(r["inventory"] == 1, "save_inventory: {r}");
    ensure!(
        r["handOver"] == serde_json::json!(["e2e-lab-ben", false]),
        "hand_over: {r}"
    );
    ensure!(
        r["duplicate"] == serde_json::json!(["e2e-lab-pandemic", "e2e-lab-copy"]),
        "duplicate_plan: {r}"
    );
    ensure!(r["deletePlan"] == 1, "delete_plan: {r}");
    ensure!(r["stale"]["code"] == "conflict", "a stale edit: {r}");
    ensure!(r["deleteSite"]["code"] == "not_found", "delete_site: {r}");
    Ok(broken)
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
            "return window.continuumMap.markers().map(m => [m.site, m.status]);",
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
