//! Screenshots of every page as an operator sees it, at 1400 and 800 px, light and dark, in English
//! and then in Chinese (`*-zh-*.png`), into `e2e-artifacts/screens/`:
//! `cargo run --release -p ocp-e2e --bin screens` after a release build.

use ocp_e2e::{Browser, Cdp, Error, Harness, Options, Result};
use serde_json::json;
use std::time::Duration;

async fn theme(b: &Browser, dark: bool) -> Result<()> {
    let value = if dark { "dark" } else { "light" };
    b.client
        .issue_cmd(Cdp {
            cmd: "Emulation.setEmulatedMedia",
            params: json!({"features": [{"name": "prefers-color-scheme", "value": value}]}),
        })
        .await?;
    Ok(())
}

async fn shoot(b: &Browser, name: &str) -> Result<()> {
    let dir = ocp_e2e::paths::artifacts().join("screens");
    std::fs::create_dir_all(&dir)?;
    for (w, h) in [(1400u32, 1000u32), (800, 1000)] {
        b.client.set_window_size(w, h).await?;
        for dark in [false, true] {
            theme(b, dark).await?;
            tokio::time::sleep(Duration::from_millis(400)).await;
            let png = b.screenshot().await?;
            let file = dir.join(format!(
                "{name}-{w}-{}.png",
                if dark { "dark" } else { "light" }
            ));
            std::fs::write(&file, png)?;
            eprintln!("[screens] {}", file.display());
        }
    }
    Ok(())
}

/// Opens `route`, waits for `css`, and shoots it as `name`.
async fn page(b: &Browser, name: &str, route: &str, css: &str) -> Result<()> {
    b.goto(route).await?;
    b.wait_for(css).await?;
    shoot(b, name).await
}

/// The switchover form with two pairs prechecked: one passes, one fails (its standby lags).
async fn switchover(b: &Browser, sim: &ocp_e2e::SimControl, name: &str) -> Result<()> {
    b.goto("/switchover?cluster=4").await?;
    b.wait_for("[data-testid=pair-row]").await?;
    sim.post("/_sim/lag", json!({"tenantId": 50_002, "lagSeconds": 120}))
        .await?;
    b.wait_for("select#primary-0 option[value='40001']").await?;
    b.select_by_value("#primary-0", "40001").await?;
    b.select_by_value("#standby-0", "50001").await?;
    b.click("#add-pair").await?;
    b.wait_for("select#primary-1 option[value='40002']").await?;
    b.select_by_value("#primary-1", "40002").await?;
    b.select_by_value("#standby-1", "50002").await?;
    b.click("#precheck").await?;
    b.wait_count("[data-testid=precheck][data-valid]", 2)
        .await?;
    shoot(b, name).await?;
    sim.post("/_sim/lag", json!({"tenantId": 50_002, "lagSeconds": 0}))
        .await?;
    Ok(())
}

async fn run() -> Result<()> {
    let h = Harness::start("screens", Options::default().step_ms(3000)).await?;
    let mut shown: Vec<(&str, String, &str)> = Vec::new();
    let b = h.browser();
    let sim = h.sim();
    sim.reset_with_pairs(6).await?;

    h.open_signed_in("/tasks").await?;
    b.wait_for("[data-testid=task-row], .empty, table")
        .await
        .ok();
    for _ in 0..2 {
        sim.synthetic_task("layered", 30).await?;
    }
    sim.fail_next().await?;
    let failed = sim.add_full_replica(1, 1001, "zone3").await?;
    sim.wait_failed_subtask(failed, Duration::from_secs(30))
        .await?;
    shown.push(("tasks", "/tasks".into(), "[data-testid=task-row]"));
    shown.push(("task-failed", format!("/tasks/{failed}"), "g.dag-node"));
    let chain = sim.synthetic_task("chain", 10).await?;
    shown.push(("task-chain", format!("/tasks/{chain}"), "g.dag-node"));
    let big = sim.synthetic_task("layered", 100).await?;
    shown.push(("task-100", format!("/tasks/{big}"), "g.dag-node"));
    shown.push((
        "add-replica",
        "/add-replica?cluster=1&tenant=1002".into(),
        "[data-testid=replica-row]",
    ));
    for (name, route, css) in &shown {
        page(b, name, route, css).await?;
    }
    switchover(b, &sim, "switchover").await?;

    let mut ids = Vec::new();
    for i in 0..6u64 {
        if i == 2 {
            sim.fail_next_of_tenant(40_003, "Switch primary tenant to standby")
                .await?;
        }
        let r = sim
            .post(
                "/api/v2/ob/clusters/4/tenants/switchover",
                json!({"tenantParamList": [{"tenantId": 40_001 + i, "standbyTenantId": 50_001 + i}]}),
            )
            .await?;
        let id = r.data()?["contents"][0]["id"]
            .as_u64()
            .ok_or_else(|| Error(format!("no task in {}", r.body)))?;
        ids.push(id.to_string());
    }
    let board = format!("/batch?ids={}", ids.join(","));
    b.goto(&board).await?;
    b.wait_for("[data-testid=batch-row]").await?;
    tokio::time::sleep(Duration::from_secs(8)).await;
    shoot(b, "board").await?;
    shown.push(("board", board, "[data-testid=batch-row]"));
    shown.push(("not-found", "/no-such-page".into(), "h1"));
    page(b, "not-found", "/no-such-page", "h1").await?;

    // The same pages in Chinese, chosen as an operator would: the header's language menu.
    b.select_by_value("select[data-testid=language]", "zh-CN")
        .await?;
    b.wait_text("nav a[href='/tasks']", |t| t == "任务").await?;
    for (name, route, css) in &shown {
        page(b, &format!("{name}-zh"), route, css).await?;
    }
    switchover(b, &sim, "switchover-zh").await?;
    b.goto("/sign-in").await?;
    b.wait_for("input#username").await?;
    shoot(b, "sign-in-zh").await?;
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("screens: {e}");
        std::process::exit(1);
    }
}
