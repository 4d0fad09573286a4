//! Accessibility: axe-core over every page of the console — the task list, a task with a step
//! selected and its log open, a failed task with the rollback confirmation open, the add-replica
//! form, the switchover form with a prechecked pair, a batch of two switchovers, the sign-in dialog
//! and a 404 — in light and dark colour schemes, at 1400 and 800 px wide, and five of them again in
//! Chinese at 1400 px. Fails on any serious or critical violation; every violation found goes to
//! `e2e-artifacts/axe-<page>-<theme>-<width>.json`.

use crate::common::{choose, TASK_LIMIT};
use ocp_e2e::axe::{self, Theme, Violation};
use ocp_e2e::{note, poll, run, Error, Harness, Options, Result};
use std::sync::Arc;

const WIDTHS: [u32; 2] = [1400, 800];

/// What the check found on one page, in one theme, at one width.
struct Checked {
    label: String,
    violations: Vec<Violation>,
}

/// Runs axe on the page as it is, in both themes; saves and records what it finds.
async fn check(h: &Harness, page: &str, width: u32, found: &mut Vec<Checked>) -> Result<()> {
    let url = h.client.current_url().await?.to_string();
    for theme in [Theme::Light, Theme::Dark] {
        h.set_theme(theme).await?;
        let violations = h.axe().await?;
        let label = format!("{page}-{}-{width}", theme.name());
        axe::save(&label, &url, &violations)?;
        note(&format!(
            "[e2e] axe {label}: {} violation(s), {} serious or critical{}",
            violations.len(),
            violations.iter().filter(|v| v.is_serious()).count(),
            violations
                .iter()
                .map(|v| format!(" {}[{}]×{}", v.id, v.impact, v.nodes.len()))
                .collect::<String>()
        ));
        found.push(Checked { label, violations });
    }
    Ok(())
}

/// Signs out if signed in, opens `/tasks`, and waits for the console to ask for credentials.
async fn sign_in_dialog(h: &Harness) -> Result<()> {
    if h.count("[data-testid=sign-out]").await? > 0 {
        h.click("[data-testid=sign-out]").await?;
    }
    h.goto("/tasks").await?;
    h.wait_for("input#username").await?;
    Ok(())
}

async fn task_with_log(h: &Harness, id: u64) -> Result<()> {
    h.goto(&format!("/tasks/{id}")).await?;
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
        t == "Successful"
    })
    .await?;
    h.click("g.dag-node").await?;
    h.wait_for(".subtask-panel").await?;
    h.wait_text("[data-testid=log]", |t| !t.is_empty()).await?;
    Ok(())
}

/// A failed task's page with its actions, and the rollback confirmation open over it.
async fn failed_task_confirming(h: &Harness, id: u64) -> Result<()> {
    h.goto(&format!("/tasks/{id}")).await?;
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "Failed")
        .await?;
    h.click("button[data-action=rollback]").await?;
    h.wait_for("[role=dialog] button#confirm").await?;
    Ok(())
}

async fn switchover_prechecked(h: &Harness) -> Result<()> {
    h.goto("/switchover?cluster=1").await?;
    let row = "[data-testid=pair-row]";
    h.wait_for(row).await?;
    choose(h, row, "primary", 0, "1001").await?;
    choose(h, row, "standby", 0, "1101").await?;
    h.click("button#precheck").await?;
    h.wait_for("[data-testid=precheck][data-valid=true]")
        .await?;
    Ok(())
}

async fn batch(h: &Harness, ids: &[u64]) -> Result<()> {
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    h.goto(&format!("/batch?ids={}", list.join(","))).await?;
    poll("every batch row Successful", TASK_LIMIT, || async {
        let states = h
            .find_all("[data-testid=batch-row] [data-testid=task-state]")
            .await?;
        let mut texts = Vec::new();
        for s in &states {
            texts.push(s.text().await?.trim().to_string());
        }
        if texts.len() == ids.len() && texts.iter().all(|t| t == "Successful") {
            Ok(Some(()))
        } else {
            Err(Error(format!("states {texts:?}")))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_light_and_dark() {
    run("a11y_axe", Options::default(), |h: Arc<Harness>| async move {
        axe::clear_saved();
        let sim = h.sim();
        let task = sim.add_full_replica(1, 1005, "zone1").await?;
        let pair_tasks = sim.switchover(1, &[(1004, 1102), (1002, 1003)]).await?;
        if pair_tasks.len() != 2 {
            return Err(Error(format!("the switchover started tasks {pair_tasks:?}")));
        }
        for id in std::iter::once(&task).chain(&pair_tasks) {
            sim.wait_task_status(*id, "SUCCESSFUL", TASK_LIMIT).await?;
        }
        // The next task of tenant 1202 fails at its first step.
        sim.post("/_sim/fail", serde_json::json!({"tenantId": 1202}))
            .await?
            .data()?;
        let failed = sim.add_full_replica(3, 1202, "zone4").await?;
        sim.wait_task_status(failed, "FAILED", TASK_LIMIT).await?;

        let mut found = Vec::new();
        for width in WIDTHS {
            h.set_width(width).await?;
            sign_in_dialog(&h).await?;
            check(&h, "sign-in", width, &mut found).await?;
            h.ensure_signed_in("/tasks").await?;

            h.wait_count("[data-testid=task-row]", 3).await?;
            check(&h, "tasks", width, &mut found).await?;

            task_with_log(&h, task).await?;
            check(&h, "task", width, &mut found).await?;

            failed_task_confirming(&h, failed).await?;
            check(&h, "task-rollback", width, &mut found).await?;

            h.goto("/add-replica?cluster=1&tenant=1001").await?;
            h.wait_for("[data-testid=replica-row]").await?;
            h.wait_text("pre[data-testid=body-preview]", |t| !t.is_empty())
                .await?;
            check(&h, "add-replica", width, &mut found).await?;

            switchover_prechecked(&h).await?;
            check(&h, "switchover", width, &mut found).await?;

            batch(&h, &pair_tasks).await?;
            check(&h, "batch", width, &mut found).await?;

            h.goto("/no-such-page").await?;
            h.wait_text("h1", |t| t == "Page not found").await?;
            check(&h, "not-found", width, &mut found).await?;
        }

        // The same console in Chinese, chosen from the header's language menu.
        h.set_width(1400).await?;
        h.goto("/tasks").await?;
        h.select_by_value("select[data-testid=language]", "zh-CN")
            .await?;
        h.wait_text("h1", |t| t == "任务").await?;
        h.wait_count("[data-testid=task-row]", 3).await?;
        check(&h, "tasks-zh", 1400, &mut found).await?;
        h.goto(&format!("/tasks/{failed}")).await?;
        h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "失败")
            .await?;
        check(&h, "task-zh", 1400, &mut found).await?;
        h.goto("/add-replica?cluster=1&tenant=1001").await?;
        h.wait_for("[data-testid=replica-row]").await?;
        check(&h, "add-replica-zh", 1400, &mut found).await?;
        switchover_prechecked(&h).await?;
        check(&h, "switchover-zh", 1400, &mut found).await?;
        h.goto("/no-such-page").await?;
        h.wait_text("h1", |t| t == "页面不存在").await?;
        check(&h, "not-found-zh", 1400, &mut found).await?;
        h.assert_no_errors("checking every page").await?;

        let serious: Vec<String> = found
            .iter()
            .flat_map(|c| {
                c.violations
                    .iter()
                    .filter(|v| v.is_serious())
                    .map(move |v| format!("  {}: {v}", c.label))
            })
            .collect();
        if !serious.is_empty() {
            return Err(Error(format!(
                "{} serious or critical accessibility violation(s) (all in e2e-artifacts/axe-*.json):\n{}",
                serious.len(),
                serious.join("")
            )));
        }
        Ok(())
    })
    .await;
}
