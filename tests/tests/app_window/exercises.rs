//! Exercises in the window: an exercise of a demo site is recorded with a plan covered, a
//! participant, a scenario, a recovery time and a finding (a badly typed recovery time first
//! shown at its field), then the finding's corrective action is closed. Screenshots of the
//! editor, the close form and the recorded exercise, light and dark.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _};
use continuum_e2e::AppSandbox;
use fantoccini::Client;

use super::maintain::site_data;
use super::{dom_click, goto, maintain, set_value, wait_for, wait_ready};

const SITE: &str = "tokyo";
pub(super) const TITLE: &str = "E2E tabletop: loss of the Tokyo office";

pub(super) async fn check_exercises(
    client: &Client,
    artifacts: &Path,
    _sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    eprintln!("[e2e] exercises");
    let data = site_data(client, SITE).await?;
    let plan = data["plans"][0]["id"]
        .as_str()
        .context("tokyo has no plan")?
        .to_owned();
    let person = data["people"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["active"] != false)
        .and_then(|p| p["id"].as_str())
        .context("tokyo has nobody active")?
        .to_owned();

    goto(client, &format!("#/site/{SITE}")).await?;
    wait_ready(client, "site").await?;
    dom_click(client, "[data-testid=add-exercise]").await?;
    wait_for(client, "[data-testid=exercise-editor]").await?;
    set_value(client, "[data-testid=exercise-title]", TITLE).await?;
    set_value(client, "[data-testid=exercise-kind]", "tabletop").await?;
    dom_click(client, &format!("[data-testid=exercise-plan-{plan}]")).await?;
    wait_for(client, &format!("[data-testid=recovery-{plan}]")).await?;
    dom_click(client, &format!("[data-testid=participant-{person}]")).await?;
    set_value(
        client,
        "[data-testid=exercise-scenario]",
        "An overnight fire makes the office unusable for three weeks",
    )
    .await?;
    dom_click(client, "[data-testid=add-finding]").await?;
    wait_for(client, "[data-testid=finding-row]").await?;
    set_value(
        client,
        "[data-testid=finding-row] [data-testid=finding-description]",
        "The call tree reached only 70% of the team within 30 minutes",
    )
    .await?;
    set_value(
        client,
        "[data-testid=finding-row] [data-testid=finding-action]",
        "Reconcile mobile numbers monthly and re-test the call tree",
    )
    .await?;
    set_value(
        client,
        "[data-testid=finding-row] [data-testid=finding-severity]",
        "high",
    )
    .await?;

    // A recovery time the core cannot read is refused at its field, and nothing is saved.
    set_value(
        client,
        &format!("[data-testid=recovery-{plan}]"),
        "3 hours-ish",
    )
    .await?;
    dom_click(client, "[data-testid=exercise-editor] [data-testid=save]").await?;
    wait_for(
        client,
        "[data-testid=exercise-editor] [data-testid=field-error][data-field='results[0].recovery_time']",
    )
    .await?;
    ensure!(
        exercise(&site_data(client, SITE).await?).is_none(),
        "a refused exercise was saved"
    );
    set_value(client, &format!("[data-testid=recovery-{plan}]"), "3h 30m").await?;
    maintain::photo(
        client,
        artifacts,
        "[data-testid=exercise-editor]",
        "exercise-editor",
    )
    .await?;
    dom_click(client, "[data-testid=exercise-editor] [data-testid=save]").await?;

    let saved = poll(client, |d| exercise(d).is_some()).await?;
    let ex = exercise(&saved).context("no exercise")?;
    ensure!(ex["plans"] == serde_json::json!([plan]), "plans: {ex}");
    ensure!(
        ex["participants"] == serde_json::json!([person]),
        "participants: {ex}"
    );
    ensure!(
        ex["results"] == serde_json::json!([{ "plan": plan, "recovery_time": "3h 30m" }]),
        "results: {ex}"
    );
    ensure!(
        ex["scenario"]
            .as_str()
            .is_some_and(|s| s.contains("overnight fire")),
        "scenario: {ex}"
    );
    let finding = ex["findings"][0].clone();
    ensure!(
        finding["severity"] == "high" && finding.get("closed").is_none(),
        "finding: {finding}"
    );
    let exercise_id = ex["id"].as_str().context("no id")?.to_owned();
    let finding_id = finding["id"].as_str().context("no finding id")?.to_owned();

    // Close the finding's corrective action (the date defaults to today).
    let row = format!("#finding-{finding_id}");
    dom_click(client, &format!("{row} [data-testid=close-finding]")).await?;
    wait_for(client, "[data-testid=close-finding-form]").await?;
    maintain::photo(
        client,
        artifacts,
        "[data-testid=close-finding-form]",
        "close-finding",
    )
    .await?;
    dom_click(
        client,
        "[data-testid=close-finding-form] [data-testid=confirm-close]",
    )
    .await?;
    let closed = poll(client, |d| {
        exercise(d).is_some_and(|e| e["findings"][0].get("closed").is_some())
    })
    .await?;
    let date = exercise(&closed).unwrap()["findings"][0]["closed"].clone();
    ensure!(
        date.as_str().is_some_and(|d| d.len() == 10),
        "closed: {date}"
    );
    wait_for(
        client,
        &format!("#exercise-{exercise_id} [data-testid=participants]"),
    )
    .await?;
    let open_buttons = client
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![format!("{row} [data-testid=close-finding]").into()],
        )
        .await?;
    ensure!(open_buttons == 0, "the closed finding still offers Close");
    maintain::photo(
        client,
        artifacts,
        &format!("#exercise-{exercise_id}"),
        "exercise",
    )
    .await?;
    Ok(())
}

/// The exercise this check records, in a site's data.
fn exercise(data: &serde_json::Value) -> Option<&serde_json::Value> {
    data["exercises"]
        .as_array()?
        .iter()
        .find(|e| e["title"] == TITLE)
}

/// Reads the site's data until `done` holds (a save is asynchronous), for up to 20 s.
async fn poll(
    client: &Client,
    done: impl Fn(&serde_json::Value) -> bool,
) -> anyhow::Result<serde_json::Value> {
    let start = Instant::now();
    loop {
        let data = site_data(client, SITE).await?;
        if done(&data) {
            return Ok(data);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let errors = client
                .execute(
                    "return [...document.querySelectorAll('[data-testid=field-error], [data-testid=form-error], [data-testid=notice]')].map(e => e.textContent);",
                    vec![],
                )
                .await?;
            bail!("the exercise did not reach the store within 20 s; the window says {errors}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
