//! The batch board and the shared watcher in a browser: failed rows first with their step, counts and
//! filters, retry-all once per task, the header's indicator, and the hidden-tab title badge.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::App;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const LIST: &str = "/api/v2/tasks/instances?";

/// A switchover task of tenant `tenant` whose subtasks have `statuses`, in order.
fn task(id: i64, status: &str, tenant: i64, statuses: &[&str]) -> Value {
    let names = ["Precheck", "Switch roles", "Sync", "Finish"];
    let subtasks: Vec<Value> = statuses
        .iter()
        .enumerate()
        .map(|(i, st)| {
            json!({"id": id * 10 + i as i64, "name": names[i % 4], "status": st, "operation": "EXECUTE"})
        })
        .collect();
    json!({"id": id, "name": "Switchover tenant", "status": status, "operation": "EXECUTE",
        "tenant": {"id": tenant, "name": format!("t{tenant}")}, "startTime": "2024-07-23T17:38:33.977+08:00",
        "subtasks": subtasks})
}

fn list(tasks: Vec<Value>) {
    let n = tasks.len();
    ok(
        "GET",
        LIST,
        json!({"contents": tasks, "page": {"totalElements": n, "totalPages": 1, "number": 1, "size": 2000}}),
    );
}

fn signed_in() {
    signed_in_as_admin();
    ok("GET", "/api/v2/ob/clusters", json!({"contents": []}));
}

async fn mount_at(path: &str) -> (web_sys::HtmlElement, impl Drop) {
    go(path);
    let root = container();
    let h = mount_to(root.clone(), || view! { <App /> });
    (root, h)
}

fn row_ids(root: &web_sys::Element) -> Vec<String> {
    qa(root, "[data-testid=batch-row]")
        .iter()
        .filter_map(|r| r.get_attribute("data-task-id"))
        .collect()
}

/// Waits up to about 12 s: the watcher's hidden-tab cadence is 5 s.
async fn wait_long(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..120 {
        if f() {
            return;
        }
        settle(100).await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
async fn failed_rows_come_first_with_their_step_and_counts_filter_the_rows() {
    signed_in();
    list(vec![
        task(1, "FAILED", 1001, &["SUCCESSFUL", "FAILED", "PENDING"]),
        task(2, "RUNNING", 1002, &["SUCCESSFUL", "SUCCESSFUL", "RUNNING"]),
    ]);
    ok(
        "GET",
        "/api/v2/tasks/instances/3",
        task(3, "SUCCESSFUL", 1003, &["SUCCESSFUL", "SUCCESSFUL"]),
    );
    let (root, _h) = mount_at("/batch?ids=3,2,1").await;
    wait_dom(&root, "three rows, failed first", || {
        row_ids(&root) == ["1", "2", "3"]
            && text(&root, "[data-task-id='3'] [data-testid=task-state]") == "Successful"
    })
    .await;
    assert_eq!(
        text(&root, "[data-task-id='1'] [data-testid=step]"),
        "Switch roles"
    );
    assert_eq!(text(&root, "[data-task-id='2'] [data-testid=step]"), "Sync");
    assert_eq!(
        text(&root, "[data-task-id='1'] [data-testid=task-state]"),
        "Failed"
    );
    assert!(text(&root, "[data-task-id='2'] .progress-cell").contains("2 / 3"));
    assert_eq!(text(&root, "[data-filter=Failed] .count"), "1");
    assert_eq!(text(&root, "[data-filter=Running] .count"), "1");
    assert_eq!(text(&root, "[data-filter=Successful] .count"), "1");
    click(&root, "[data-filter=Failed]");
    wait_dom(&root, "only the failed row", || row_ids(&root) == ["1"]).await;
    assert_eq!(
        q(&root, "[data-filter=Failed]")
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    go("/");
}

#[wasm_bindgen_test]
async fn retry_all_failed_sends_one_retry_per_failed_task_and_shows_each_answer() {
    signed_in();
    list(vec![
        task(1, "FAILED", 1001, &["FAILED", "PENDING"]),
        task(4, "FAILED", 1004, &["SUCCESSFUL", "FAILED"]),
        task(2, "RUNNING", 1002, &["RUNNING", "PENDING"]),
    ]);
    ok(
        "POST",
        "/api/v2/tasks/instances/1/retry",
        task(1, "RUNNING", 1001, &["READY", "PENDING"]),
    );
    fail(
        "POST",
        "/api/v2/tasks/instances/4/retry",
        409,
        20003,
        "Task state forbids the operation",
        json!([]),
    );
    let (root, _h) = mount_at("/batch?ids=1,2,4").await;
    wait_dom(&root, "two failed rows", || {
        text(&root, "#retry-all").contains("(2)")
    })
    .await;
    click(&root, "#retry-all");
    wait_dom(&root, "the confirmation", || {
        q(&root, "[role=dialog]").is_some()
    })
    .await;
    let listed = text(&root, "[data-testid=retry-list]");
    assert!(
        listed.contains("Task 1") && listed.contains("Task 4") && !listed.contains("Task 2"),
        "{listed}"
    );
    click(&root, "#confirm");
    if q(&root, "#confirm").is_some() {
        click(&root, "#confirm");
    }
    wait_dom(&root, "both answers", || {
        text(&root, "[data-task-id='4'] [data-testid=retry-result]").contains("20003")
            && text(&root, "[data-task-id='1'] [data-testid=retry-result]")
                .contains("Retry requested")
    })
    .await;
    assert!(text(&root, "[data-task-id='4'] [data-testid=retry-result]").contains("trace-123abc"));
    click(&root, "#retry-all");
    if q(&root, "#confirm").is_some() {
        click(&root, "#confirm");
    }
    settle(200).await;
    let retries: Vec<String> = posts()
        .into_iter()
        .filter(|p| p.path.ends_with("/retry"))
        .map(|p| p.path)
        .collect();
    assert_eq!(
        retries.iter().filter(|p| p.contains("/1/retry")).count(),
        1,
        "task 1 retried once: {retries:?}"
    );
    assert!(
        !retries.iter().any(|p| p.contains("/2/retry")),
        "{retries:?}"
    );
    go("/");
}

#[wasm_bindgen_test]
async fn the_header_counts_running_and_failed_tasks_with_links_to_the_list() {
    signed_in();
    list(vec![
        task(1, "FAILED", 1001, &["FAILED"]),
        task(2, "RUNNING", 1002, &["RUNNING"]),
        task(3, "RUNNING", 1003, &["RUNNING"]),
    ]);
    let (root, _h) = mount_at("/tasks").await;
    wait_dom(&root, "the indicator", || {
        text(&root, "[data-testid=indicator-running]").contains("2 running")
    })
    .await;
    assert!(text(&root, "[data-testid=indicator-failed]").contains("1 failed"));
    let href = q(&root, "[data-testid=indicator-failed]")
        .unwrap()
        .get_attribute("href")
        .unwrap();
    assert!(href.ends_with("/tasks?status=FAILED"), "{href}");
    go("/");
}

#[wasm_bindgen_test]
async fn a_task_failing_while_the_tab_is_hidden_badges_the_title_and_is_announced() {
    signed_in();
    list(vec![task(2, "RUNNING", 1002, &["SUCCESSFUL", "RUNNING"])]);
    let (root, _h) = mount_at("/batch?ids=2").await;
    wait_dom(&root, "the running row", || {
        text(&root, "[data-task-id='2'] [data-testid=task-state]") == "Running"
    })
    .await;
    assert!(
        document().title().starts_with("Batch"),
        "{}",
        document().title()
    );
    set_hidden(true);
    list(vec![task(2, "FAILED", 1002, &["SUCCESSFUL", "FAILED"])]);
    wait_long("the title badge", || {
        document().title().starts_with("(1 failed) Batch")
    })
    .await;
    assert!(
        text(&root, "[data-testid=live-status]").contains("Task 2 failed at “Switch roles”"),
        "{}",
        text(&root, "[data-testid=live-status]")
    );
    set_hidden(false);
    wait_until("the badge gone", || document().title().starts_with("Batch")).await;
    go("/");
}

#[wasm_bindgen_test]
async fn a_deep_linked_board_names_the_standby_from_the_tenant_list() {
    signed_in();
    list(vec![task(6, "RUNNING", 1001, &["SUCCESSFUL", "RUNNING"])]);
    ok(
        "GET",
        "/api/v2/ob/tenants",
        json!({"contents": [
            {"id": 1001, "name": "t1001", "clusterName": "obcluster-a", "tenantRole": "PRIMARY"},
            {"id": 1101, "name": "t1001_sb", "clusterName": "obcluster-dr", "tenantRole": "STANDBY", "primaryTenantId": 1001},
            {"id": 1102, "name": "other_sb", "clusterName": "obcluster-dr", "tenantRole": "STANDBY", "primaryTenantId": 1002}
        ], "page": {"totalElements": 3, "totalPages": 1, "number": 1, "size": 1000}}),
    );
    let (root, _h) = mount_at("/batch?ids=6").await;
    wait_dom(&root, "the standby named", || {
        text(&root, "[data-task-id='6'] .pair").contains("t1001_sb (1101)")
    })
    .await;
    let pair = text(&root, "[data-task-id='6'] .pair");
    assert!(
        pair.contains("t1001 (1001)") && pair.contains("obcluster-dr"),
        "{pair}"
    );
    assert!(!pair.contains("unknown"), "{pair}");
    go("/");
}
