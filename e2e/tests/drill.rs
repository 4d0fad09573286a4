//! A disaster-recovery drill end to end: twenty pairs switched over from the form, OCP's rate limit
//! on, one pair failing at a chosen step; the board shows it, retries it once, and verifies every
//! pair's roles swapped, while the watch stays within a bound that does not grow with the pairs.

use crate::common::{batch_ids, TASK_LIMIT};
use ocp_e2e::{bail, poll, run, Error, Harness, Options, Result};
use serde_json::Value;
use std::time::Instant;

const PAIRS: usize = 20;
const FAILING_STEP: &str = "Switch primary tenant to standby";

async fn choose(h: &Harness, row: &str, name: &str, n: usize, value: &str) -> Result<()> {
    h.select_nth(&format!("{row} select[name={name}]"), n, value)
        .await
}

/// The simulator's count of one `METHOD /path-pattern`.
fn count(requests: &Value, key: &str) -> u64 {
    requests["counts"][key].as_u64().unwrap_or(0)
}

/// Every row's text of `[data-testid=…]`, in row order.
async fn column(h: &Harness, testid: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in h
        .find_all(&format!("[data-testid=batch-row] [data-testid={testid}]"))
        .await?
    {
        out.push(e.text().await?.trim().to_string());
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_pair_drill_with_a_failure_and_the_rate_limit_on() {
    run(
        "drill_twenty_pairs",
        Options::default().step_ms(400),
        |h| async move {
            let sim = h.sim();
            sim.reset_with_pairs(PAIRS).await?;
            sim.set_rate_limit(10.0, 20).await?;
            let failing = 40_000 + PAIRS as u64 / 2;
            sim.fail_next_of_tenant(failing, FAILING_STEP).await?;

            h.open_signed_in("/switchover?cluster=4").await?;
            h.wait_text("h1", |t| t == "Batch switchover").await?;
            let row = "[data-testid=pair-row]";
            h.wait_for(row).await?;
            while h.count(row).await? < PAIRS {
                let n = h.count(row).await?;
                h.click("button#add-pair").await?;
                h.wait_count(row, n + 1).await?;
            }
            for i in 0..PAIRS {
                let primary = (40_001 + i).to_string();
                let standby = (50_001 + i).to_string();
                choose(&h, row, "primary", i, &primary).await?;
                choose(&h, row, "standby", i, &standby).await?;
            }
            h.click("button#precheck").await?;
            poll("every precheck passed", TASK_LIMIT, || async {
                let valid = h
                    .find_all("[data-testid=precheck][data-valid=true]")
                    .await?
                    .len();
                if valid == PAIRS {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("{valid} of {PAIRS} prechecks passed")))
                }
            })
            .await?;
            h.click("button#submit").await?;
            h.wait_for("[role=dialog]").await?;
            h.click("button#confirm").await?;
            let route = h
                .wait_route("/batch?ids=…", |r| {
                    r.starts_with("/batch?") && batch_ids(r).len() == PAIRS
                })
                .await?;
            let ids = batch_ids(&route);
            h.wait_count("[data-testid=batch-row]", PAIRS).await?;
            sim.clear_requests().await?;
            let watched_from = Instant::now();

            // The failed pair comes first, at the step that failed.
            poll("the failed pair on top at its step", TASK_LIMIT, || async {
                let states = column(&h, "task-state").await?;
                let steps = column(&h, "step").await?;
                match (states.first(), steps.first()) {
                    (Some(s), Some(step)) if s == "Failed" && step == FAILING_STEP => Ok(Some(())),
                    _ => Err(Error(format!(
                        "first row {:?} at {:?}",
                        states.first(),
                        steps.first()
                    ))),
                }
            })
            .await?;
            let failed_id: u64 = h
                .attr("[data-testid=batch-row]", "data-task-id")
                .await?
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error("no task id on the failed row".into()))?;
            if !ids.contains(&failed_id) {
                bail!("failed row {failed_id} is not one of the batch's tasks {ids:?}");
            }

            h.click("button#retry-all").await?;
            h.wait_for("[role=dialog] [data-testid=retry-list]").await?;
            h.click("button#confirm").await?;
            h.wait_gone("[role=dialog]").await?;

            poll(
                "every pair finished, roles verified",
                TASK_LIMIT * 3,
                || async {
                    let states = column(&h, "task-state").await?;
                    let verified = h
                        .find_all("[data-testid=batch-row] [data-verify=Swapped]")
                        .await?
                        .len();
                    if states.len() == PAIRS
                        && states.iter().all(|s| s == "Successful")
                        && verified == PAIRS
                    {
                        Ok(Some(()))
                    } else {
                        Err(Error(format!("states {states:?}, {verified} verified")))
                    }
                },
            )
            .await?;
            let watched = watched_from.elapsed();

            let requests = sim.requests().await?;
            eprintln!(
                "[e2e] drill requests over {:.0} s: {requests}",
                watched.as_secs_f64()
            );
            let retries = count(&requests, "POST /api/v2/tasks/instances/{id}/retry");
            if retries != 1 {
                bail!("{retries} retry requests for one failed pair");
            }
            if requests["rateLimited"].as_u64().unwrap_or(0) > 0 {
                bail!("OCP's rate limit answered 429: {requests}");
            }
            // One list per second, plus the details and final reads the watcher allows (10 a
            // minute), plus the role check: a bound that does not grow with the pairs.
            let minutes = watched.as_secs_f64() / 60.0;
            let reads = count(&requests, "GET /api/v2/tasks/instances")
                + count(&requests, "GET /api/v2/tasks/instances/{id}");
            let bound = (70.0 * minutes).ceil() as u64 + 10;
            if reads > bound {
                bail!(
                    "{reads} task reads in {:.0} s (bound {bound}): {requests}",
                    watched.as_secs_f64()
                );
            }
            // The test's own reads below are the same user's: lift the limit for them.
            sim.delete("/_sim/rate-limit").await?.data()?;
            for i in 0..PAIRS as u64 {
                let t = sim.tenant(5, 50_001 + i).await?;
                if t["tenantRole"] != "PRIMARY" {
                    bail!(
                        "standby {} is {} after the drill",
                        50_001 + i,
                        t["tenantRole"]
                    );
                }
            }
            h.assert_no_errors("the drill").await
        },
    )
    .await;
}
