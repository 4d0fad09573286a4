//! OCP's tenant rules before anything is sent: an add-replica that failed at its first step leaves
//! the tenant MODIFYING; the form says so and links the task; rolled back from there, the tenant is
//! NORMAL again and the same form adds the replica.

use crate::common::{task_id, TASK_LIMIT};
use ocp_e2e::{bail, run, Harness, Options, Result};

const FORM: &str = "/add-replica?cluster=1&tenant=1001";

async fn fill_zone3(h: &Harness) -> Result<()> {
    let row = "[data-testid=replica-row]";
    h.wait_for(row).await?;
    h.select_nth(&format!("{row} select[name=zoneName]"), 0, "zone3")
        .await?;
    h.select_nth(&format!("{row} select[name=unitSpecName]"), 0, "S1")
        .await?;
    h.fill_nth(&format!("{row} input[name=unitCount]"), 0, "1")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_add_blocks_the_form_until_rolled_back_then_the_add_succeeds() {
    run("tenant_state_blocked", Options::default(), |h| async move {
        let sim = h.sim();
        sim.fail_next().await?;
        let failed = sim.add_full_replica(1, 1001, "zone3").await?;
        sim.wait_failed_subtask(failed, TASK_LIMIT).await?;

        h.open_signed_in(FORM).await?;
        h.wait_text("[data-testid=tenant-blocked]", |t| t.contains("MODIFYING"))
            .await?;
        let href = h
            .attr("[data-testid=holding-task] a", "href")
            .await?
            .unwrap_or_default();
        if !href.ends_with(&format!("/tasks/{failed}")) {
            bail!("the block links {href:?}, not task {failed}");
        }
        if h.attr("button#submit", "disabled").await?.is_none() {
            bail!("the form can be sent for a MODIFYING tenant");
        }

        h.click("[data-testid=holding-task] a").await?;
        h.wait_route("/tasks/{id}", |r| task_id(r) == Some(failed))
            .await?;
        h.click("button[data-action=rollback]").await?;
        h.wait_for("[role=dialog]").await?;
        h.click("button#confirm").await?;
        h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
            t == "Rolled back"
        })
        .await?;

        h.goto(FORM).await?;
        h.wait_text("[data-testid=tenant-status]", |t| t == "NORMAL")
            .await?;
        fill_zone3(&h).await?;
        h.click("button#submit").await?;
        let route = h
            .wait_route("/tasks/{id}", |r| task_id(r).is_some_and(|id| id != failed))
            .await?;
        h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
            t == "Successful"
        })
        .await?;
        let zones = sim.tenant_zones(1, 1001).await?;
        if !zones.iter().any(|z| z == "zone3") {
            bail!("after {route} tenant 1001 has zones {zones:?}");
        }
        let tenant = sim.tenant(1, 1001).await?;
        if tenant["status"] != "NORMAL" {
            bail!("tenant 1001 is {} after the add", tenant["status"]);
        }
        h.assert_no_errors("the blocked form").await
    })
    .await;
}
