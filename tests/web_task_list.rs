#![cfg(target_arch = "wasm32")]
//! The task centre list in a browser: rows, derived states, filters, paging, one request at a time.

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::hub::Hub;
use ocp_console::pages::TaskListPage;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../fixtures/ocp-samples/task--list-tasks--response.json");
const TASKS: &str = "/api/v2/tasks/instances";

#[component]
fn Harness() -> impl IntoView {
    provide_context(Api::same_origin());
    Hub::provide(Api::same_origin());
    view! {
        <Router>
            <TaskListPage />
        </Router>
    }
}

fn stub_clusters() {
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-a"}, {"id": 2, "name": "obcluster-dr"}]}),
    );
}

fn stub_tasks(tasks: Value, total_pages: u64) {
    ok(
        "GET",
        TASKS,
        json!({"contents": tasks,
               "page": {"number": 1, "size": 20, "totalElements": total_pages * 20, "totalPages": total_pages}}),
    );
}

fn task(id: i64, status: &str, operation: &str, subtasks: &[&str]) -> Value {
    let subs: Vec<Value> = subtasks
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"id": id * 10 + i as i64, "name": "step", "status": s}))
        .collect();
    json!({"id": id, "name": format!("Task {id}"), "status": status, "operation": operation,
           "creator": {"id": 1, "name": "admin"}, "clusterId": 1, "tenantId": 1001,
           "startTime": "2024-07-23T17:38:34.021+08:00", "subtasks": subs})
}

/// The page's own list requests (not the shared watcher's, which asks for OCP's largest page).
fn list_paths() -> Vec<String> {
    requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.starts_with(TASKS) && !r.path.contains("size=2000"))
        .map(|r| r.path)
        .collect()
}

fn row(root: &Element, id: i64) -> Element {
    q(
        root,
        &format!("[data-testid=task-row][data-task-id='{id}']"),
    )
    .unwrap_or_else(|| panic!("no row {id}"))
}

async fn wait_for_request(what: &str, pred: impl Fn(&str) -> bool) {
    for _ in 0..400 {
        if list_paths().iter().any(|p| pred(p)) {
            return;
        }
        settle(10).await;
    }
    panic!("no request for {what} among {:?}", list_paths());
}

#[wasm_bindgen_test]
async fn rows_render_from_the_task_centre_sample() {
    install_fetch_stub();
    stub_clusters();
    stub_route("GET", TASKS, 200, SAMPLE, "{}");
    go("/tasks");
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("two rows", || {
        qa(&root, "[data-testid=task-row]").len() == 2
    })
    .await;

    let first = row(&root, 6202983);
    let t = first.text_content().unwrap_or_default();
    for want in [
        "Prepare tenant",
        "ob20daily.xiaojun.chengxj",
        "zhiqiong",
        "0 / 3",
        "system",
        // 17:37:58+08:00, in the browser's zone and the en-US convention, with the zone shown.
        "2021",
        "37:58",
        "Successful",
    ] {
        assert!(t.contains(want), "{want} in {t}");
    }
    assert_eq!(
        q(&first, "a")
            .and_then(|a| a.get_attribute("href"))
            .as_deref(),
        Some("/tasks/6202983")
    );
    assert!(q(&first, ".state-successful").is_some());
    let second = row(&root, 6175879).text_content().unwrap_or_default();
    assert!(
        second.contains("6 / 6") && second.contains("admin"),
        "{second}"
    );
    assert!(text(&root, "[data-testid=page-status]").contains("Page 1 of 1"));
    let first_path = list_paths().remove(0);
    assert!(
        first_path.contains("page=1") && first_path.contains("sort=id,desc"),
        "{first_path}"
    );
}

#[wasm_bindgen_test]
async fn derived_states_and_mine_badge() {
    install_fetch_stub();
    stub_clusters();
    ocp_console::recent::remember(&[(7002, String::new())]);
    stub_tasks(
        json!([
            task(7001, "RUNNING", "RETRY", &["SUCCESSFUL", "RUNNING"]),
            task(7002, "SUCCESSFUL", "ROLLBACK", &["PENDING", "PENDING"]),
            task(
                7003,
                "FAILED",
                "EXECUTE",
                &["SUCCESSFUL", "FAILED", "PENDING"]
            ),
            task(7004, "RUNNING", "ROLLBACK", &["SUCCESSFUL"]),
        ]),
        1,
    );
    go("/tasks");
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("four rows", || {
        qa(&root, "[data-testid=task-row]").len() == 4
    })
    .await;
    let state = |id| text(&row(&root, id), ".state");
    assert_eq!(state(7001), "Retrying");
    assert_eq!(state(7002), "Rolled back");
    assert_eq!(state(7003), "Failed");
    assert_eq!(state(7004), "Rolling back");
    assert!(q(&row(&root, 7002), ".state-rolled-back").is_some());
    assert!(q(&row(&root, 7001), ".state-running").is_some());
    assert!(row(&root, 7001).text_content().unwrap().contains("1 / 2"));
    assert_eq!(
        text(&row(&root, 7002), ".badge.mine .sr-only"),
        "started by you"
    );
    assert!(q(&row(&root, 7001), ".badge.mine").is_none());
    let links: Vec<(String, String)> = qa(&row(&root, 7003), "a")
        .iter()
        .map(|a| {
            (
                a.text_content().unwrap_or_default(),
                a.get_attribute("href").unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        links.contains(&("Task 7003".into(), "/tasks/7003".into())),
        "the name links to the task: {links:?}"
    );
    let recent = text(&root, ".recent");
    assert!(
        recent.contains("My recent tasks") && recent.contains("7002 · Task 7002"),
        "{recent}"
    );
}

#[wasm_bindgen_test]
async fn filters_sort_and_paging_change_the_next_request() {
    install_fetch_stub();
    stub_clusters();
    stub_tasks(json!([task(8001, "FAILED", "EXECUTE", &["FAILED"])]), 3);
    go("/tasks");
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("a row", || q(&root, "[data-testid=task-row]").is_some()).await;
    wait_until("Page 1 of 3", || {
        text(&root, "[data-testid=page-status]").contains("Page 1 of 3")
    })
    .await;
    wait_until("next enabled", || {
        q(&root, "#next-page:not([disabled])").is_some()
    })
    .await;
    assert!(q(&root, "#prev-page[disabled]").is_some());
    click(&root, "#next-page");
    wait_for_request("page 2", |p| p.contains("page=2")).await;

    click(&root, "input[name=status][value=FAILED]");
    wait_for_request("status filter", |p| {
        p.contains("status=FAILED") && p.contains("page=1")
    })
    .await;

    wait_until("clusters", || {
        q(&root, "#filter-cluster option[value='1']").is_some()
    })
    .await;
    set_select(&root, "#filter-cluster", "1");
    wait_for_request("cluster filter", |p| p.contains("clusterId=1")).await;

    set_input(&root, "#filter-tenant", "1001");
    wait_for_request("tenant filter", |p| p.contains("tenantId=1001")).await;

    set_input(&root, "#filter-name", "switch over");
    let enter = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    q(&root, "#filter-name")
        .unwrap()
        .dispatch_event(&enter)
        .unwrap();
    for _ in 0..25 {
        if list_paths()
            .iter()
            .any(|p| p.contains("name=switch%20over"))
        {
            break;
        }
        settle(10).await;
    }
    assert!(
        list_paths()
            .iter()
            .any(|p| p.contains("name=switch%20over")),
        "Enter applies the name before the debounce: {:?}",
        list_paths()
    );

    click(&root, "button[data-sort=id]");
    wait_for_request("ascending ids", |p| p.contains("sort=id,asc")).await;
    click(&root, "button[data-sort=createTime]");
    wait_for_request("newest first", |p| p.contains("sort=createTime,desc")).await;

    let last = list_paths().pop().unwrap();
    for want in [
        "status=FAILED",
        "clusterId=1",
        "tenantId=1001",
        "name=switch%20over",
    ] {
        assert!(last.contains(want), "{want} kept in {last}");
    }
}

#[wasm_bindgen_test]
async fn one_request_at_a_time_and_errors_keep_the_rows() {
    install_fetch_stub();
    stub_clusters();
    let body = json!({"data": {"contents": [task(9001, "FAILED", "EXECUTE", &["FAILED"])]},
                      "successful": true, "status": 200, "traceId": "t"});
    stub_held("GET", TASKS, 200, &body.to_string());
    go("/tasks");
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the first request", || list_paths().len() == 1).await;
    click(&root, "input[name=status][value=FAILED]");
    click(&root, "input[name=status][value=SUCCESSFUL]");
    settle(100).await;
    assert_eq!(list_paths().len(), 1, "no second request while one runs");

    release_held();
    wait_until("the queued request", || list_paths().len() == 2).await;
    assert!(
        list_paths()[1].contains("status=FAILED,SUCCESSFUL"),
        "{:?}",
        list_paths()
    );
    release_held();
    wait_until("the row", || q(&root, "[data-task-id='9001']").is_some()).await;

    fail("GET", TASKS, 500, 10000, "OCP is down", json!([]));
    click(&root, "input[name=status][value=RUNNING]");
    wait_until("the banner", || {
        text(&root, "[data-testid=api-error]").contains("OCP is down")
    })
    .await;
    assert_eq!(text(&root, "[data-testid=trace-id]"), "trace-123abc");
    assert!(
        q(&root, "[data-task-id='9001']").is_some(),
        "the last good rows stay"
    );
}

#[wasm_bindgen_test]
async fn running_tasks_refresh_every_few_seconds() {
    install_fetch_stub();
    stub_clusters();
    stub_tasks(json!([task(9101, "RUNNING", "EXECUTE", &["RUNNING"])]), 1);
    go("/tasks");
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the row", || q(&root, "[data-task-id='9101']").is_some()).await;
    assert_eq!(list_paths().len(), 1);
    stub_tasks(
        json!([task(9101, "SUCCESSFUL", "EXECUTE", &["SUCCESSFUL"])]),
        1,
    );
    for _ in 0..80 {
        if list_paths().len() >= 2 {
            break;
        }
        settle(100).await;
    }
    assert_eq!(list_paths().len(), 2, "one refresh within about 5 s");
    wait_until("the refreshed state", || {
        text(&root, "[data-task-id='9101'] .state") == "Successful"
    })
    .await;
}

fn search() -> String {
    window().location().search().unwrap_or_default()
}

fn checked(root: &Element, value: &str) -> bool {
    q(root, &format!("input[name=status][value={value}]"))
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().checked())
        .unwrap_or(false)
}

fn value(root: &Element, css: &str) -> String {
    q(root, css)
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn filters_sort_and_page_live_in_the_address_and_come_back() {
    install_fetch_stub();
    stub_clusters();
    stub_tasks(json!([task(8101, "FAILED", "EXECUTE", &["FAILED"])]), 5);
    go("/tasks?status=FAILED,ROLLED_BACK&cluster=1&tenant=1001&name=switch%20over&sort=createTime,asc&page=2");
    let root: Element = container().into();
    let h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_for_request("the linked state", |p| {
        p.contains("status=FAILED,SUCCESSFUL")
            && p.contains("clusterId=1")
            && p.contains("tenantId=1001")
            && p.contains("name=switch%20over")
            && p.contains("sort=createTime,asc")
            && p.contains("page=2")
    })
    .await;
    assert!(
        checked(&root, "FAILED") && checked(&root, "ROLLED_BACK") && !checked(&root, "RUNNING")
    );
    assert_eq!(value(&root, "#filter-tenant"), "1001");
    assert_eq!(value(&root, "#filter-name"), "switch over");
    wait_until("page 2 shown", || {
        text(&root, "[data-testid=page-status]").contains("Page 2 of 5")
    })
    .await;

    let steps = window().history().unwrap().length().unwrap();
    click(&root, "input[name=status][value=RUNNING]");
    wait_until("the address follows the filter", || {
        search() == "?status=RUNNING,FAILED,ROLLED_BACK&cluster=1&tenant=1001&name=switch%20over&sort=createTime,asc"
    })
    .await;
    click(&root, "#next-page");
    wait_until("the address has the page", || search().ends_with("&page=2")).await;
    click(&root, "button[data-sort=id]");
    wait_until("the default sort and page 1 leave the address", || {
        search() == "?status=RUNNING,FAILED,ROLLED_BACK&cluster=1&tenant=1001&name=switch%20over"
    })
    .await;
    assert_eq!(
        window().history().unwrap().length().unwrap(),
        steps,
        "the address is replaced, not pushed"
    );

    // Away to a task and back: the list mounts again from the address it left.
    let left = search();
    drop(h);
    go(&format!("/tasks{left}"));
    let before = list_paths().len();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    for _ in 0..400 {
        if list_paths().len() > before {
            break;
        }
        settle(10).await;
    }
    let again = list_paths()[before].clone();
    for want in [
        "status=RUNNING,FAILED,SUCCESSFUL",
        "clusterId=1",
        "tenantId=1001",
        "name=switch%20over",
        "sort=id,desc",
        "page=1",
    ] {
        assert!(again.contains(want), "{want} in {again}");
    }
    assert!(checked(&root, "RUNNING") && checked(&root, "ROLLED_BACK"));
    go("/tasks");
}

#[wasm_bindgen_test]
async fn my_recent_tasks_keep_their_names_when_filters_hide_them() {
    install_fetch_stub();
    stub_clusters();
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("ocp-console.recent-tasks")
        .unwrap();
    ocp_console::recent::remember(&[(7201, String::new())]);
    ocp_console::recent::remember(&[(7202, "Add tenant replica".into())]);
    stub_tasks(json!([task(7201, "FAILED", "EXECUTE", &["FAILED"])]), 1);
    go("/tasks");
    let root: Element = container().into();
    let h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the row", || q(&root, "[data-task-id='7201']").is_some()).await;
    wait_until("the name learned", || {
        text(&root, ".recent").contains("7201 · Task 7201")
    })
    .await;
    drop(h);

    // The list now shows none of them (another filter): the names stay.
    stub_tasks(json!([task(7300, "RUNNING", "EXECUTE", &["RUNNING"])]), 1);
    go("/tasks?status=RUNNING");
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the other row", || {
        q(&root, "[data-task-id='7300']").is_some()
    })
    .await;
    let recent = text(&root, ".recent");
    assert!(recent.contains("7201 · Task 7201"), "{recent}");
    assert!(recent.contains("7202 · Add tenant replica"), "{recent}");
    go("/tasks");
}
