//! Keeping the portfolio in the window, as a manager does it: a person leaves and hands their
//! roles over; a plan is started from a template and its sections edited (the runbook then
//! prints them); an approved plan is revised while it stays in force, then the revision
//! approved; a new site is created and deleted; the readiness policy is previewed, saved (the CLI sees
//! the new bands) and undone.

use std::path::Path;

use anyhow::{ensure, Context as _};
use continuum_e2e::{save_screenshot, AppSandbox};
use fantoccini::Client;

use super::{
    cli, cli_readiness, dom_click, goto, markers, pdf_text, runbook_text, scroll_to, set_value,
    wait_for, wait_ready,
};

pub async fn check_maintaining(
    client: &Client,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    hand_over(client, artifacts).await?;
    plan_from_template(client, artifacts, sandbox).await?;
    revision(client, artifacts, sandbox).await?;
    new_site(client, artifacts).await?;
    policy(client, artifacts, sandbox).await?;
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    Ok(())
}

/// The page's site data as the core has it now.
pub(super) async fn site_data(client: &Client, site: &str) -> anyhow::Result<serde_json::Value> {
    let data = client
        .execute_async(
            "const [site, done] = arguments; window.continuumApi.sitePage(site, null)\
             .then(p => done(p.data)).catch(e => done({ failed: e }));",
            vec![site.into()],
        )
        .await?;
    ensure!(data.get("failed").is_none(), "site_page {site}: {data}");
    Ok(data)
}

pub(super) async fn photo(
    client: &Client,
    artifacts: &Path,
    css: &str,
    name: &str,
) -> anyhow::Result<()> {
    scroll_to(client, css).await?;
    save_screenshot(client, &artifacts.join(format!("{name}-light.png"))).await?;
    set_value(client, "[data-testid=theme]", "dark").await?;
    // The X capture takes what is on screen: let the new theme be painted first.
    wait_for(client, "html[data-theme=dark]").await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    save_screenshot(client, &artifacts.join(format!("{name}-dark.png"))).await?;
    set_value(client, "[data-testid=theme]", "light").await?;
    wait_for(client, "html[data-theme=light]").await?;
    Ok(())
}

/// A person holding several roles leaves: every role goes to a successor in one save, and
/// they are inactive.
async fn hand_over(client: &Client, artifacts: &Path) -> anyhow::Result<()> {
    let site = "london";
    let data = site_data(client, site).await?;
    // The active person holding the most roles (assignments) in the site's plans.
    let plans = data["plans"].as_array().cloned().unwrap_or_default();
    let count = |id: &str| {
        plans
            .iter()
            .flat_map(|p| p["assignments"].as_array().cloned().unwrap_or_default())
            .filter(|a| a["person"] == id)
            .count()
    };
    let person = data["people"]
        .as_array()
        .context("no people")?
        .iter()
        .filter(|p| p["active"] != false)
        .filter_map(|p| p["id"].as_str())
        .max_by_key(|id| count(id))
        .context("nobody holds a role")?
        .to_owned();
    ensure!(count(&person) >= 2, "{person} holds fewer than two roles");

    goto(client, &format!("#/site/{site}")).await?;
    wait_ready(client, "site").await?;
    dom_click(
        client,
        &format!("[data-person={person}] [data-testid=deactivate-person]"),
    )
    .await?;
    wait_for(client, "[data-testid=hand-over] [data-testid=handover-row]").await?;
    // The next in line is proposed; where nobody is, take the first one offered.
    client
        .execute(
            "for (const s of document.querySelectorAll('[data-testid=successor]')) { \
               if (!s.value) { s.value = s.options[1].value; s.dispatchEvent(new Event('change', { bubbles: true })); } }",
            vec![],
        )
        .await?;
    photo(client, artifacts, "[data-testid=hand-over]", "hand-over").await?;
    dom_click(client, "[data-testid=confirm-handover]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let after = site_data(client, site).await?;
    let gone = after["people"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == person.as_str())
        .context("the person was deleted instead of deactivated")?;
    ensure!(gone["active"] == false, "{person} is still active: {gone}");
    let still: Vec<String> = after["plans"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["assignments"].as_array().cloned().unwrap_or_default())
        .filter(|a| a["person"] == person.as_str())
        .map(|a| a.to_string())
        .collect();
    ensure!(still.is_empty(), "{person} still holds {still:?}");
    wait_for(
        client,
        &format!("[data-person={person}] [data-testid=reactivate-person]"),
    )
    .await?;
    Ok(())
}

/// A plan from the IT DR template, its purpose rewritten in the plan editor; the runbook
/// prints the new purpose.
async fn plan_from_template(
    client: &Client,
    artifacts: &Path,
    sandbox: &AppSandbox,
) -> anyhow::Result<()> {
    let site = "dublin";
    goto(client, &format!("#/site/{site}")).await?;
    wait_ready(client, "site").await?;
    dom_click(client, "[data-testid=new-plan-button]").await?;
    wait_for(client, "[data-testid=new-plan]").await?;
    set_value(
        client,
        "[data-testid=new-plan-kind]",
        "it_disaster_recovery",
    )
    .await?;
    set_value(client, "[data-testid=new-plan-id]", "dublin-itdr-e2e").await?;
    photo(client, artifacts, "[data-testid=new-plan]", "new-plan").await?;
    dom_click(client, "[data-testid=create-plan]").await?;
    wait_for(client, "[data-testid=plan-page][data-plan=dublin-itdr-e2e]").await?;
    wait_ready(client, "plan").await?;

    dom_click(client, "[data-testid=edit-plan]").await?;
    wait_for(client, "[data-testid=plan-editor]").await?;
    let purpose = "Restore the Dublin payment systems from the Cork data centre.";
    set_value(client, "[data-testid=plan-purpose]", purpose).await?;
    set_value(
        client,
        "[data-testid=plan-objectives]",
        "Payments back within 4 hours\nNo lost transactions",
    )
    .await?;
    photo(
        client,
        artifacts,
        "[data-testid=plan-editor]",
        "plan-editor",
    )
    .await?;
    dom_click(client, "[data-testid=plan-editor] [data-testid=save]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let runbook = pdf_text(client, sandbox, "dublin-itdr-e2e").await?;
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    ensure!(
        squash(&runbook).contains("Restore the Dublin payment systems"),
        "the runbook lacks the edited purpose"
    );
    ensure!(
        squash(&runbook).contains("No lost transactions"),
        "the runbook lacks the edited objectives"
    );
    // Steps move by dragging their handle too (HTML5 drag and drop in the web view).
    dom_click(client, "[data-testid=edit-steps]").await?;
    wait_for(
        client,
        "[data-testid=steps-editor] [data-testid=running-total]",
    )
    .await?;
    let order: Vec<String> = serde_json::from_value(
        client
            .execute(
                "const actions = () => [...document.querySelectorAll('[data-testid=step-action]')].map(t => t.value);                  const before = actions();                  const dt = new DataTransfer();                  const handle = document.querySelectorAll('[data-testid=step-handle]')[2];                  const target = document.querySelectorAll('[data-testid=step-row]')[0];                  handle.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));                  target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));                  target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));                  return [before[2], actions()[0]];",
                vec![],
            )
            .await?,
    )?;
    ensure!(
        order.len() == 2 && order[0] == order[1],
        "dragging step 3 onto step 1 did not move it: {order:?}"
    );
    wait_for(
        client,
        "[data-testid=steps-editor] [data-testid=step-elapsed]",
    )
    .await?;
    photo(
        client,
        artifacts,
        "[data-testid=steps-editor]",
        "steps-editor-dragged",
    )
    .await?;
    dom_click(client, "[data-testid=steps-editor] [data-testid=cancel]").await?;

    let trail = cli(sandbox, &["history", "--json", "--plan", "dublin-itdr-e2e"])?;
    ensure!(
        trail
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["field"].as_str().is_some_and(|f| f.contains("purpose"))),
        "the trail lacks the purpose change: {trail}"
    );
    Ok(())
}

/// A new site from the header: it opens on its own page and is on the map.
async fn new_site(client: &Client, artifacts: &Path) -> anyhow::Result<()> {
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    dom_click(client, "[data-testid=new-site]").await?;
    wait_for(client, "[data-testid=site-editor]").await?;
    for (css, value) in [
        ("[data-testid=site-name-input]", "Reykjavík Operations"),
        ("[data-testid=site-city]", "Reykjavík"),
        ("[data-testid=site-country]", "IS"),
        ("[data-testid=site-region]", "emea"),
        ("[data-testid=site-zone]", "Atlantic/Reykjavik"),
        ("[data-testid=site-lat]", "64.15"),
        ("[data-testid=site-lon]", "-21.94"),
        ("[data-testid=site-headcount]", "40"),
    ] {
        set_value(client, css, value).await?;
    }
    photo(client, artifacts, "[data-testid=site-editor]", "new-site").await?;
    dom_click(client, "[data-testid=site-editor] [data-testid=save]").await?;
    wait_for(
        client,
        "[data-testid=site-page][data-site=reykjavik-operations]",
    )
    .await?;
    goto(client, "#/").await?;
    wait_ready(client, "dashboard").await?;
    let mut on_map = false;
    for _ in 0..40 {
        on_map = markers(client).await?.contains_key("reykjavik-operations");
        if on_map {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    ensure!(on_map, "the new site has no marker on the map");

    // And deleted again, after a confirmation that says what goes with it.
    goto(client, "#/site/reykjavik-operations").await?;
    wait_ready(client, "site").await?;
    dom_click(client, "[data-testid=delete-site]").await?;
    wait_for(client, "[data-testid=confirm-delete-site]").await?;
    photo(
        client,
        artifacts,
        "[data-testid=confirm-delete-site]",
        "delete-site",
    )
    .await?;
    dom_click(
        client,
        "[data-testid=confirm-delete-site] [data-testid=confirm-delete]",
    )
    .await?;
    wait_ready(client, "dashboard").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    ensure!(
        !markers(client).await?.contains_key("reykjavik-operations"),
        "the deleted site is still on the map"
    );
    Ok(())
}

/// A stricter policy: the preview names the sites that would fall; saved, the CLI sees them
/// fall; undone, they are back.
async fn policy(client: &Client, artifacts: &Path, sandbox: &AppSandbox) -> anyhow::Result<()> {
    let before = cli_readiness(sandbox)?;
    goto(client, "#/settings").await?;
    wait_ready(client, "settings").await?;
    set_value(client, "[data-testid=policy-ready_at]", "99").await?;
    wait_for(client, "[data-testid=band-change]").await?;
    let falling: Vec<(String, String)> = serde_json::from_value(
        client
            .execute(
                "return [...document.querySelectorAll('[data-testid=band-change]')].map(r => [r.dataset.site, r.dataset.after]);",
                vec![],
            )
            .await?,
    )?;
    ensure!(!falling.is_empty(), "the preview shows no band change");
    photo(
        client,
        artifacts,
        "[data-testid=policy-preview]",
        "settings",
    )
    .await?;
    ensure!(
        cli_readiness(sandbox)? == before,
        "a preview changed the stored readiness"
    );
    dom_click(client, "[data-testid=save-settings]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let after = cli_readiness(sandbox)?;
    for (site, band) in &falling {
        ensure!(
            after.get(site) == Some(band),
            "{site}: the preview said {band}, the CLI says {:?}",
            after.get(site)
        );
    }
    dom_click(client, "[data-testid=undo]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    let mut undone = cli_readiness(sandbox)?;
    for _ in 0..20 {
        if undone == before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        undone = cli_readiness(sandbox)?;
    }
    ensure!(undone == before, "undo did not restore the policy's bands");
    Ok(())
}

/// Revise keeps the approved version in force: the draft's new purpose is only in the draft's
/// runbook (marked DRAFT) until the draft is approved, which moves the version on.
async fn revision(client: &Client, artifacts: &Path, sandbox: &AppSandbox) -> anyhow::Result<()> {
    let site = "sydney";
    let data = site_data(client, site).await?;
    let plan = data["plans"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["status"] == "approved")
        .context("sydney has no approved plan")?;
    let (id, version) = (
        plan["id"].as_str().unwrap_or_default().to_owned(),
        plan["version"].as_str().unwrap_or_default().to_owned(),
    );
    let readiness_before =
        cli(sandbox, &["readiness", "--json", "--site", site])?[0]["score"].clone();
    goto(client, &format!("#/site/{site}/plan/{id}")).await?;
    wait_ready(client, "plan").await?;
    dom_click(client, "[data-testid=revise-plan]").await?;
    wait_for(client, "[data-testid=plan-page][data-version=draft]").await?;
    wait_for(
        client,
        "[data-testid=lifecycle][data-draft=true][data-status=draft]",
    )
    .await?;

    dom_click(client, "[data-testid=edit-plan]").await?;
    wait_for(client, "[data-testid=plan-editor]").await?;
    let purpose = "Revised after the harbour flood exercise: recover from Parramatta.";
    set_value(client, "[data-testid=plan-purpose]", purpose).await?;
    dom_click(client, "[data-testid=plan-editor] [data-testid=save]").await?;
    wait_for(client, "[data-testid=notice][data-kind=done]").await?;
    photo(
        client,
        artifacts,
        "[data-testid=version-switch]",
        "plan-draft",
    )
    .await?;

    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let in_force = squash(&runbook_text(client, sandbox, &id, false).await?);
    let draft = squash(&runbook_text(client, sandbox, &id, true).await?);
    ensure!(
        !in_force.contains("harbour flood"),
        "the runbook in force has the draft's text"
    );
    ensure!(
        draft.contains("harbour flood") && draft.contains("DRAFT"),
        "the draft's runbook lacks its text or the DRAFT mark"
    );
    let readiness_draft =
        cli(sandbox, &["readiness", "--json", "--site", site])?[0]["score"].clone();
    ensure!(
        readiness_draft == readiness_before,
        "a draft changed readiness: {readiness_before} → {readiness_draft}"
    );

    // Approve the draft: it replaces the version in force.
    dom_click(client, "[data-testid=approve-plan]").await?;
    set_value(
        client,
        "[data-testid=approval-summary]",
        "Recovery moved to Parramatta.",
    )
    .await?;
    dom_click(client, "[data-testid=confirm-approval]").await?;
    wait_for(
        client,
        "[data-testid=lifecycle][data-draft=false][data-status=approved]",
    )
    .await?;
    let after = site_data(client, site).await?;
    let approved = after["plans"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == id.as_str())
        .context("the plan is gone")?;
    ensure!(
        approved["version"] != version.as_str() && approved["draft"].is_null(),
        "approval did not replace the plan in force: {approved}"
    );
    let now = squash(&pdf_text(client, sandbox, &id).await?);
    ensure!(
        now.contains("harbour flood"),
        "the approved runbook lacks the revised purpose"
    );
    ensure!(
        !now.contains("NOT IN FORCE"),
        "the approved runbook is still marked as a draft"
    );
    Ok(())
}
