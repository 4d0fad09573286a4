//! The console's forms end to end (DOM hooks from DOM.md): add a replica, batch switchover; each
//! lands on its task page(s), follows them to the end without a reload, and the simulator's world
//! changed accordingly.

use crate::common::{batch_ids, choose, fill_add_replica, task_id, TASK_LIMIT};
use ocp_e2e::{bail, poll, run, Error, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_replica_through_the_form() {
    run("forms_add_replica", Options::default(), |h| async move {
        h.open_signed_in("/add-replica").await?;
        h.wait_text("h1", |t| t == "Add replicas").await?;
        fill_add_replica(&h, "zone3").await?;
        // The request preview shows what will be sent.
        let preview = h
            .wait_text("pre[data-testid=body-preview]", |t| t.contains("zone3"))
            .await?;
        eprintln!("[e2e] add-replica body preview: {preview}");

        h.mark_document().await?;
        h.click("button#submit").await?;
        let route = h
            .wait_route("/tasks/{id}", |r| task_id(r).is_some())
            .await?;
        let id = task_id(&route).unwrap_or_default();
        h.wait_for("[data-testid=task-state]").await?;
        h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
            t == "Successful"
        })
        .await?;
        if !h.still_same_document().await? {
            bail!("the page reloaded between submit and the task's end");
        }
        let progress = h.text("[data-testid=task-progress]").await?;
        let (done, total) = progress.split_once('/').unwrap_or(("", ""));
        if done.trim() != total.trim() || done.trim().is_empty() {
            bail!("a successful task shows progress {progress:?}");
        }

        let sim = h.sim();
        let task = sim.task(id).await?;
        if task["status"] != "SUCCESSFUL" || task["tenantId"] != 1001 {
            bail!("task {id} in OCP: {task}");
        }
        let zones = sim.tenant_zones(1, 1001).await?;
        if !zones.iter().any(|z| z == "zone3") {
            bail!("tenant 1001 has zones {zones:?}, no zone3");
        }
        h.assert_no_errors("adding a replica").await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_switchover_of_two_pairs() {
    run(
        "forms_batch_switchover",
        Options::default(),
        |h| async move {
            h.open_signed_in("/switchover").await?;
            h.wait_text("h1", |t| t == "Batch switchover").await?;
            h.select_by_value("select#cluster", "1").await?;
            let row = "[data-testid=pair-row]";
            h.wait_for(row).await?;
            if h.count(row).await? < 2 {
                h.click("button#add-pair").await?;
                h.wait_count(row, 2).await?;
            }
            for (n, (primary, standby)) in
                [("1001", "1101"), ("1004", "1102")].into_iter().enumerate()
            {
                choose(&h, row, "primary", n, primary).await?;
                choose(&h, row, "standby", n, standby).await?;
            }
            h.click("button#precheck").await?;
            poll("both prechecks valid", h.timeout, || async {
                let all = h.find_all("[data-testid=precheck]").await?;
                let mut valid = 0;
                let mut seen = Vec::new();
                for p in &all {
                    let v = p.attr("data-valid").await?;
                    if v.as_deref() == Some("true") {
                        valid += 1;
                    }
                    seen.push(v);
                }
                if valid == 2 && all.len() == 2 {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("data-valid {seen:?}")))
                }
            })
            .await?;

            h.mark_document().await?;
            h.click("button#submit").await?;
            h.wait_for("[role=dialog]").await?;
            h.click("button#confirm").await?;
            let route = h
                .wait_route("/batch?ids=a,b", |r| {
                    r.starts_with("/batch?") && batch_ids(r).len() == 2
                })
                .await?;
            let ids = batch_ids(&route);
            let rows = h.wait_count("[data-testid=batch-row]", 2).await?;
            let mut row_ids = Vec::new();
            for r in rows {
                if let Some(id) = r.attr("data-task-id").await? {
                    row_ids.push(id.parse::<u64>().unwrap_or_default());
                }
            }
            row_ids.sort_unstable();
            let mut want = ids.clone();
            want.sort_unstable();
            if row_ids != want {
                bail!("batch rows show tasks {row_ids:?}, the route names {want:?}");
            }
            poll("both batch rows Successful", TASK_LIMIT, || async {
                let states = h
                    .find_all("[data-testid=batch-row] [data-testid=task-state]")
                    .await?;
                let mut texts = Vec::new();
                for s in &states {
                    texts.push(s.text().await?.trim().to_string());
                }
                if texts.len() == 2 && texts.iter().all(|t| t == "Successful") {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("states {texts:?}")))
                }
            })
            .await?;
            if !h.still_same_document().await? {
                bail!("the page reloaded between submit and the tasks' end");
            }

            let sim = h.sim();
            for id in &ids {
                let t = sim.task(*id).await?;
                if t["status"] != "SUCCESSFUL" {
                    bail!("task {id}: {}", t["status"]);
                }
            }
            for (cluster, tenant, role) in [
                (2, 1101, "PRIMARY"),
                (1, 1001, "STANDBY"),
                (2, 1102, "PRIMARY"),
                (1, 1004, "STANDBY"),
            ] {
                let t = sim.tenant(cluster, tenant).await?;
                if t["tenantRole"] != role {
                    bail!(
                        "tenant {tenant} is {} after the switchover, expected {role}",
                        t["tenantRole"]
                    );
                }
            }
            h.assert_no_errors("the batch switchover").await
        },
    )
    .await;
}
