//! The training matrix in the window: the demo's expired training shows in red; recording a
//! completion turns the cell current and raises the site's score; the CSV wizard imports a
//! learning system's export (semicolons, German dates) after its preview.

use std::path::Path;

use anyhow::{ensure, Context as _};
use continuum_e2e::AppSandbox;
use fantoccini::Client;

use super::maintain::photo;
use super::{cli, dom_click, goto, set_value, wait_for, wait_ready};

pub(super) async fn check_training(
    client: &Client,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    goto(client, "#/training").await?;
    wait_ready(client, "training").await?;
    wait_for(client, "[data-testid=matrix-row]").await?;
    // An expired cell a role requires, in red.
    let found = client
        .execute(
            "const c = document.querySelector('[data-testid=matrix-cell][data-state=expired]:not(.optional)'); \
             if (!c) return null; const row = c.closest('[data-testid=matrix-row]'); \
             return [row.dataset.person, c.dataset.course, row.querySelector('a').getAttribute('href'), \
                     getComputedStyle(c).color, getComputedStyle(document.documentElement).getPropertyValue('--not-ready').trim()];",
            vec![],
        )
        .await?;
    let (person, course, href, colour, red): (String, String, String, String, String) =
        serde_json::from_value(found).context("the demo shows no expired training")?;
    let site = href.trim_start_matches("#/site/").to_owned();
    ensure!(
        !red.is_empty() && colour != "rgb(0, 0, 0)",
        "expired cell colour {colour}"
    );
    photo(client, artifacts, "[data-testid=matrix-body]", "training").await?;

    let score = |sandbox: &AppSandbox| -> anyhow::Result<u64> {
        cli(sandbox, &["readiness", "--json", "--site", &site])?[0]["score"]
            .as_u64()
            .context("no score")
    };
    let before = score(sandbox)?;
    dom_click(
        client,
        &format!("[data-person='{person}'] [data-testid=matrix-cell][data-course='{course}']"),
    )
    .await?;
    dom_click(client, "[data-testid=record-completion]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    // Now current, the row has left the urgent top of the list: find it.
    set_value(client, "[data-testid=matrix-find]", &person).await?;
    wait_for(
        client,
        &format!("[data-person='{person}'] [data-testid=matrix-cell][data-course='{course}'][data-state=current]"),
    )
    .await?;
    let after = score(sandbox)?;
    ensure!(
        after > before,
        "{site}: score {before} → {after} after recording {course} for {person}"
    );

    // The CSV wizard: a learning system's export with semicolons and dd.mm.yyyy dates.
    set_value(client, "[data-testid=matrix-find]", "").await?;
    let people: Vec<String> = serde_json::from_value(
        client
            .execute(
                "return [...document.querySelectorAll('[data-testid=matrix-row]')].slice(0, 3).map(r => r.dataset.person);",
                vec![],
            )
            .await?,
    )?;
    let file = sandbox.path().join("lms-export.csv");
    let mut text = String::from("Employee ID;Course;Completion Date\n");
    for p in &people {
        text.push_str(&format!("{p};{course};01.12.2026\n"));
    }
    std::fs::write(&file, text)?;
    dom_click(client, "[data-testid=csv-import-open]").await?;
    wait_for(client, "[data-testid=csv-wizard]").await?;
    set_value(client, "[data-testid=csv-kind]", "training").await?;
    set_value(client, "[data-testid=csv-date-format]", "%d.%m.%Y").await?;
    client
        .execute(
            "window.continuumUi.nextCsvFile = arguments[0];",
            vec![file.to_string_lossy().into_owned().into()],
        )
        .await?;
    dom_click(client, "[data-testid=csv-choose]").await?;
    wait_for(client, "[data-testid=csv-summary]").await?;
    let summary = client
        .find(fantoccini::Locator::Css("[data-testid=csv-summary]"))
        .await?
        .text()
        .await?;
    ensure!(summary.contains("new"), "the preview says {summary:?}");
    photo(client, artifacts, "[data-testid=csv-wizard]", "csv-wizard").await?;
    // Clear the last notice, so the one awaited is the import's.
    client
        .execute(
            "document.querySelector('[data-testid=dismiss]')?.click();",
            vec![],
        )
        .await?;
    dom_click(client, "[data-testid=csv-import]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let said = client
        .find(fantoccini::Locator::Css("[data-testid=notice]"))
        .await?
        .text()
        .await?;
    ensure!(said.contains("Imported"), "the import says {said:?}");
    let trail = cli(sandbox, &["history", "--json", "--limit", "5"])?;
    ensure!(
        trail
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["source"] == "import" && e["entity"] == "training"),
        "the CSV import is not in the trail: {trail}"
    );
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    Ok(())
}
