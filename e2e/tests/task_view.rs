//! The task page against failures: retry of a failed subtask from the chart, rollback of a failed
//! task, and recovery from HTTP faults (500s, 429s, malformed bodies) while polling.

use crate::common::TASK_LIMIT;
use ocp_e2e::{bail, run, Harness, Options, Result};
use serde_json::json;
use std::sync::Arc;

/// Starts an add-replica task whose first subtask fails once, opens its page, and waits for the
/// failed node in the chart.
async fn failed_task(h: &Harness, tenant: u64, zone: &str) -> Result<u64> {
    let sim = h.sim();
    sim.fail_next().await?;
    let id = sim.add_full_replica(1, tenant, zone).await?;
    h.open_signed_in(&format!("/tasks/{id}")).await?;
    h.wait_for("svg.dag").await?;
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "Failed")
        .await?;
    h.wait_for("g.dag-node[data-status=failed]").await?;
    Ok(id)
}

async fn confirm(h: &Harness) -> Result<()> {
    h.wait_for("[role=dialog]").await?;
    h.click("button#confirm").await?;
    h.wait_gone("[role=dialog]").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_a_failed_subtask_from_the_chart() {
    run(
        "task_subtask_retry",
        Options::default(),
        |h: Arc<Harness>| async move {
            let id = failed_task(&h, 1001, "zone3").await?;
            let node = h
                .attr("g.dag-node[data-status=failed]", "data-id")
                .await?
                .unwrap_or_default();
            h.click("g.dag-node[data-status=failed]").await?;
            h.click("button[data-action=subtask-retry]").await?;
            confirm(&h).await?;
            h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
                t == "Successful"
            })
            .await?;
            h.wait_gone("g.dag-node[data-status=failed]").await?;
            let t = h.sim().task(id).await?;
            if t["status"] != "SUCCESSFUL" {
                bail!("task {id} (retried node {node}) is {} in OCP", t["status"]);
            }
            h.assert_no_errors("retrying a subtask").await
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roll_back_a_failed_task() {
    run(
        "task_rollback",
        Options::default(),
        |h: Arc<Harness>| async move {
            let id = failed_task(&h, 1005, "zone1").await?;
            // The failed add left its mark on the world: the tenant is held in MODIFYING.
            let held = h.sim().tenant(1, 1005).await?;
            if held["status"] != "MODIFYING" {
                bail!(
                    "before the rollback tenant 1005 is {}, not MODIFYING",
                    held["status"]
                );
            }
            h.click("button[data-action=rollback]").await?;
            confirm(&h).await?;
            h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
                t == "Rolled back"
            })
            .await?;
            let tenant = h.sim().tenant(1, 1005).await?;
            if tenant["status"] != "NORMAL" {
                bail!(
                    "task {id} rolled back but tenant 1005 is still {}",
                    tenant["status"]
                );
            }
            let zones = h.sim().tenant_zones(1, 1005).await?;
            if zones.iter().any(|z| z == "zone1") {
                bail!("task {id} rolled back but tenant 1005 has zones {zones:?}");
            }
            h.assert_no_errors("rolling back").await
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_page_recovers_from_http_faults() {
    run(
        "task_faults",
        // Steps of 1.5 s: the task is still running when the faults start, so the page meets them.
        Options::default().step_ms(1500),
        |h: Arc<Harness>| async move {
            let sim = h.sim();
            let id = sim.add_full_replica(1, 1004, "zone4").await?;
            h.open_signed_in(&format!("/tasks/{id}")).await?;
            h.wait_for("[data-testid=task-state]").await?;
            // Faults on every task request while the task runs to its end in the simulator …
            sim.set_faults(json!({
                "error500Rate": 0.5, "rateLimitRate": 0.2, "rateLimitResetSecs": 1,
                "malformedRate": 0.2, "pathPrefix": "/api/v2/tasks"
            }))
            .await?;
            // The page says it is reconnecting while the faults last …
            let seen = h.wait_for("[data-testid=poll-status]").await;
            let outcome = sim.wait_task_status(id, "SUCCESSFUL", TASK_LIMIT).await;
            // … then OCP is healthy again and the page must catch up on its own.
            sim.clear_faults().await?;
            seen.map_err(|e| ocp_e2e::Error(format!("no reconnecting notice under faults: {e}")))?;
            outcome?;
            h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
                t == "Successful"
            })
            .await?;
            h.wait_gone("[data-testid=poll-status]").await?;
            let progress = h.text("[data-testid=task-progress]").await?;
            let (done, total) = progress.split_once('/').unwrap_or(("", ""));
            if done.trim() != total.trim() {
                bail!("after recovery the page shows progress {progress:?}");
            }
            Ok(())
        },
    )
    .await;
}
