//! One operator journey with the simulator's faults on for the whole run: every task request
//! (`/api/v2/tasks…`: list, reads, logs, and the retry itself) answers after about 150 ms and a few
//! per cent each are 500s, dropped connections, 429s, truncated and malformed bodies. The journey
//! signs in, adds a replica through the form, reloads the task page, watches the task to its end,
//! then retries a task the simulator makes fail. It must complete without a panic or any browser
//! error other than the injected failed loads, and the console must send no POST the operator did
//! not ask for (the simulator's request log counts them).

use crate::common::{fill_add_replica, task_id};
use ocp_e2e::{bail, note, poll, run, Error, Harness, Options, Result, SimControl};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Longer than the forms' limit: every task read may take a few attempts with backoff.
const LIMIT: Duration = Duration::from_secs(60);

fn faults() -> Value {
    json!({
        "latencyMs": 150,
        "error500Rate": 0.05,
        "dropRate": 0.05,
        "rateLimitRate": 0.05,
        "rateLimitResetSecs": 1,
        "truncateRate": 0.05,
        "malformedRate": 0.05,
        "pathPrefix": "/api/v2/tasks"
    })
}

/// POSTs in the simulator's request log whose route ends with `suffix` (faulted ones included).
async fn posts(sim: &SimControl, suffix: &str) -> Result<u64> {
    let r = sim.requests().await?;
    Ok(r["counts"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.starts_with("POST ") && k.ends_with(suffix))
        .map(|(_, n)| n.as_u64().unwrap_or(0))
        .sum())
}

/// Fails on any browser error except the failed loads the faults cause on purpose (an
/// `/api/v2/tasks` request answered with an error status or cut off); returns how many of those
/// the browser saw.
async fn no_errors_but_injected(h: &Harness, context: &str) -> Result<usize> {
    let (injected, others): (Vec<_>, Vec<_>) = h
        .logs()
        .await?
        .into_iter()
        .partition(|e| e.source == "network" && e.message.contains("/api/v2/tasks"));
    let errs: Vec<_> = others.into_iter().filter(|e| e.is_error()).collect();
    if errs.is_empty() {
        Ok(injected.len())
    } else {
        let list: Vec<String> = errs.iter().map(ToString::to_string).collect();
        bail!(
            "{context}: the browser reported {} error(s):\n  {}",
            list.len(),
            list.join("\n  ")
        )
    }
}

/// Waits for the task page to show `state`.
async fn wait_state(h: &Harness, state: &str) -> Result<()> {
    h.wait_text_for("[data-testid=task-state]", LIMIT, |t| t == state)
        .await
        .map(|_| ())
}

/// Retries the failed task `id` from its page as an operator would: asks once, and asks again
/// only if OCP still has the task failed after the console reported an error. Returns how many
/// times the operator asked.
async fn retry_task(h: &Harness, id: u64) -> Result<u64> {
    let sim = h.sim();
    let mut asked = 0;
    loop {
        h.click("button[data-action=retry]").await?;
        h.wait_for("[role=dialog]").await?;
        h.click("button#confirm").await?;
        asked += 1;
        h.wait_gone("[role=dialog]").await?;
        #[derive(PartialEq)]
        enum Seen {
            Moved,
            Refused,
        }
        let seen = poll("the retry to take or fail", LIMIT, || async {
            let state = h.text("[data-testid=task-state]").await?;
            if state != "Failed" || h.count("p.notice").await? > 0 {
                return Ok(Some(Seen::Moved));
            }
            if h.count("[data-testid=api-error]").await? > 0 {
                return Ok(Some(Seen::Refused));
            }
            Err(Error(format!("state {state}")))
        })
        .await?;
        if seen == Seen::Moved {
            return Ok(asked);
        }
        // The console said the retry failed: ask OCP (itself under faults) whether it took.
        let status = poll("OCP's view of the task", LIMIT, || async {
            Ok(sim.task(id).await?["status"].as_str().map(str::to_string))
        })
        .await?;
        if status != "FAILED" {
            // It took; the page catches up on its own.
            return Ok(asked);
        }
        if asked >= 5 {
            bail!("task {id}: five retries refused");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_under_faults() {
    run(
        "faults_journey",
        // Slow enough steps that the reload lands while the task runs.
        Options::default().step_ms(400),
        |h: Arc<Harness>| async move {
            let started = Instant::now();
            let sim = h.sim();
            sim.set_faults(faults()).await?;
            sim.clear_requests().await?;

            // Sign in and add a replica through the form.
            h.open_signed_in("/add-replica").await?;
            h.wait_text("h1", |t| t == "Add replicas").await?;
            fill_add_replica(&h, "zone3").await?;
            h.wait_text("pre[data-testid=body-preview]", |t| t.contains("zone3"))
                .await?;
            h.click("button#submit").await?;
            let route = h
                .wait_route("/tasks/{id}", |r| task_id(r).is_some())
                .await?;
            let first = task_id(&route).unwrap_or_default();

            // Reload the task page (while the task runs) and watch it to its end.
            h.wait_for("[data-testid=task-state]").await?;
            h.reload().await?;
            h.ensure_signed_in(&route).await?;
            wait_state(&h, "Successful").await?;
            sim.wait_task_status(first, "SUCCESSFUL", LIMIT).await?;

            // A task that fails (the next one of tenant 1005), retried from its page.
            sim.post("/_sim/fail", json!({"tenantId": 1005}))
                .await?
                .data()?;
            let second = sim.add_full_replica(1, 1005, "zone1").await?;
            h.goto(&format!("/tasks/{second}")).await?;
            wait_state(&h, "Failed").await?;
            let asked = retry_task(&h, second).await?;
            wait_state(&h, "Successful").await?;
            sim.wait_task_status(second, "SUCCESSFUL", LIMIT).await?;

            // No POST the operator did not ask for: one add through the form (plus the one this
            // test made directly), and one retry per time the operator asked.
            let adds = posts(&sim, "addReplica").await?;
            let retries = posts(&sim, "/retry").await?;
            let log = sim.requests().await?;
            let injected = no_errors_but_injected(&h, "the journey under faults").await?;
            note(&format!(
                "[e2e] faults journey: {adds} addReplica POSTs, {retries} retry POSTs for {asked} \
                 retry request(s), {} API requests ({} answered 429), {injected} failed loads in \
                 the browser, in {:.1}s",
                log["total"],
                log["rateLimited"],
                started.elapsed().as_secs_f64()
            ));
            // The journey proves nothing if no fault reached the console.
            if injected == 0 {
                bail!("no injected fault reached the browser: {log}");
            }
            if adds != 2 {
                bail!("{adds} addReplica POSTs, expected 2 (one from the form, one from the test): {log}");
            }
            if retries != asked {
                bail!("{retries} retry POSTs for {asked} retry request(s) of the operator: {log}");
            }
            sim.clear_faults().await
        },
    )
    .await;
}
