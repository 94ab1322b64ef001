//! A readiness review (ISO 22301 §9.3) in the window: started for the portfolio, its inputs
//! gathered, a decision and an action recorded, signed off; the stored review's PDF holds them
//! and the finding of the exercise recorded just before.

use std::path::Path;

use anyhow::{ensure, Context as _};
use continuum_e2e::AppSandbox;
use fantoccini::Client;

use super::maintain::photo;
use super::{dom_click, goto, set_value, wait_for, wait_ready};

pub(super) async fn check_reviews(
    client: &Client,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    goto(client, "#/reviews").await?;
    wait_ready(client, "reviews").await?;
    set_value(client, "[data-testid=review-scope]", "portfolio").await?;
    dom_click(client, "[data-testid=review-start-button]").await?;
    wait_ready(client, "review").await?;
    wait_for(client, "[data-testid=review-page]").await?;

    let decision = "Fund a second recovery suite for Tokyo by Q2.";
    set_value(client, "[data-testid=review-decision-text]", decision).await?;
    dom_click(client, "[data-testid=review-decide] button[type=submit]").await?;
    wait_for(client, "[data-testid=review-decisions] li").await?;
    set_value(
        client,
        "[data-testid=review-action-text]",
        "Renew the expired crisis leadership training in Tokyo.",
    )
    .await?;
    set_value(client, "[data-testid=review-action-owner]", "Mina Okafor").await?;
    set_value(client, "[data-testid=review-action-due]", "2027-01-31").await?;
    dom_click(client, "[data-testid=review-act] button[type=submit]").await?;
    wait_for(client, "[data-testid=review-action]").await?;
    photo(client, artifacts, "[data-testid=review-page]", "review").await?;
    set_value(
        client,
        "[data-testid=review-signers]",
        "Mina Okafor\nKenji Sato",
    )
    .await?;
    dom_click(client, "[data-testid=review-sign-off] button[type=submit]").await?;
    wait_for(client, "[data-testid=review-signed]").await?;

    // The stored review's PDF, written through the app's command.
    let id: u64 = serde_json::from_value(
        client
            .execute("return Number(location.hash.split('/').pop());", vec![])
            .await?,
    )?;
    let path = sandbox
        .path()
        .join("exports")
        .join(format!("review-{id}.pdf"));
    std::fs::create_dir_all(path.parent().context("no parent")?)?;
    let r = client
        .execute_async(
            "const [id, p, done] = arguments; window.continuumApi.exportStoredReview(id, p)\
             .then(w => done(w)).catch(e => done({ failed: e }));",
            vec![id.into(), path.to_string_lossy().into_owned().into()],
        )
        .await?;
    ensure!(r.get("failed").is_none(), "export_stored_review: {r}");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ensure!(
        text.contains("second recovery suite"),
        "the review PDF lacks the decision"
    );
    ensure!(
        text.contains("Kenji Sato"),
        "the review PDF lacks the sign-off"
    );
    // The exercise recorded before the review (exercises.rs): its result or its finding's
    // corrective action.
    let title = super::exercises::TITLE
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ensure!(
        text.contains(&title) || text.contains("Reconcile mobile numbers monthly"),
        "the review PDF lacks the exercise recorded before it"
    );
    goto(client, "#/reviews").await?;
    wait_ready(client, "reviews").await?;
    wait_for(client, "[data-testid=review-row]").await?;
    photo(client, artifacts, "[data-testid=reviews]", "reviews").await?;
    Ok(())
}
