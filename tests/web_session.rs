//! Sign-in and polling rules a person meets: a 401 keeps what a form holds, a stale 401 after a
//! sign-in does not ask again, a 429 waits for `RateLimit-Reset`, a hidden tab polls slowly.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::pages::TaskView;
use ocp_console::session::{self, Credentials};
use ocp_console::App;
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ADD: &str = "/api/v2/ob/clusters/1/tenants/1001/addReplica";
const TASK: &str = "/api/v2/tasks/instances/5";

fn stub_add_replica_world() {
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-hz", "obVersion": "4.2.1.0",
        "zones": [{"name": "zone1"}, {"name": "zone2"}, {"name": "zone3"}]}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        json!({"contents": [{"id": 1001, "name": "mysql_app", "mode": "MYSQL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants/1001",
        json!({"id": 1001, "name": "mysql_app", "zones": [{"name": "zone1", "replicaType": "FULL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/unitSpecs",
        json!({"contents": [{"name": "S1", "maxCpuCoreCount": 1, "maxMemorySize": 4}]}),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        json!({"contents": [], "page": {"totalElements": 0, "totalPages": 0, "number": 1, "size": 20}}),
    );
}

fn basic() -> Credentials {
    Credentials::Basic {
        username: "admin".into(),
        password: "pw-1".into(),
    }
}

fn value(root: &web_sys::Element, css: &str) -> String {
    let el = q(root, css).unwrap_or_else(|| panic!("no {css}"));
    js_sys::Reflect::get(&el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn running_task() -> serde_json::Value {
    json!({"id": 5, "name": "Task 5", "status": "RUNNING", "operation": "EXECUTE",
        "startTime": "2024-07-23T17:38:33.977+08:00",
        "subtasks": [{"id": 51, "name": "Step", "status": "RUNNING", "operation": "EXECUTE", "runTime": 1,
            "parallelIdx": -1, "upstreams": [], "downstreams": []}]})
}

fn task_reads() -> usize {
    requests().iter().filter(|r| r.path == TASK).count()
}

#[component]
fn TaskHost() -> impl IntoView {
    provide_context(Api::same_origin());
    view! { <TaskView id=5 /> }
}

#[wasm_bindgen_test]
async fn a_401_on_submit_opens_the_dialog_and_keeps_what_the_form_holds() {
    install_fetch_stub();
    session::set(Some(basic()));
    stub_add_replica_world();
    ok(
        "GET",
        "/api/v2/iam/current-user",
        json!({"id": 1, "username": "admin"}),
    );
    fail("POST", ADD, 401, 30000, "Not logged in", json!([]));
    go("/add-replica?cluster=1&tenant=1001");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <App /> });
    wait_dom(&root, "the zones", || {
        qa(&root, "select[name=zoneName] option:not([disabled])").len() == 3
    })
    .await;
    wait_until("the unit specs", || {
        qa(&root, "select[name=unitSpecName] option").len() == 2
    })
    .await;
    set_select(&root, "select[name=zoneName]", "zone3");
    set_select(&root, "select[name=unitSpecName]", "S1");
    set_input(&root, "input[name=unitCount]", "3");
    click(&root, "#submit");
    wait_dom(&root, "the sign-in dialog", || {
        q(&root, "[role=dialog] #username").is_some()
    })
    .await;
    assert_eq!(value(&root, "select[name=zoneName]"), "zone3");
    assert_eq!(value(&root, "input[name=unitCount]"), "3");

    set_input(&root, "[role=dialog] #username", "admin");
    set_input(&root, "[role=dialog] #password", "pw-2");
    click(&root, "[role=dialog] #submit");
    wait_dom(&root, "the dialog closed", || {
        q(&root, "[role=dialog]").is_none()
    })
    .await;
    assert_eq!(value(&root, "select[name=zoneName]"), "zone3");
    assert_eq!(value(&root, "select[name=unitSpecName]"), "S1");
    assert_eq!(value(&root, "input[name=unitCount]"), "3");
    assert_eq!(
        posts().iter().filter(|p| p.path == ADD).count(),
        1,
        "nothing resent by itself"
    );
    go("/");
}

#[wasm_bindgen_test]
async fn a_stale_401_after_signing_in_is_sent_again_instead_of_asking_again() {
    install_fetch_stub();
    session::sign_out();
    stub_add_replica_world();
    stub_held(
        "GET",
        "/api/v2/tasks/instances?",
        401,
        &json!({"successful": false, "status": 401, "traceId": "t-401",
            "error": {"code": 30000, "message": "Not logged in"}})
        .to_string(),
    );
    fail(
        "GET",
        "/api/v2/iam/current-user",
        401,
        30000,
        "Not logged in",
        json!([]),
    );
    go("/tasks");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <App /> });
    wait_dom(&root, "the sign-in dialog", || {
        q(&root, "[role=dialog] #username").is_some()
    })
    .await;
    ok(
        "GET",
        "/api/v2/iam/current-user",
        json!({"id": 1, "username": "admin"}),
    );
    set_input(&root, "[role=dialog] #username", "admin");
    set_input(&root, "[role=dialog] #password", "pw-1");
    click(&root, "[role=dialog] #submit");
    wait_dom(&root, "signed in", || {
        text(&root, "[data-testid=user-name]") == "admin" && q(&root, "[role=dialog]").is_none()
    })
    .await;
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        json!({"contents": [], "page": {"totalElements": 0, "totalPages": 0, "number": 1, "size": 20}}),
    );
    release_held();
    let signed = session::basic_header("admin", "pw-1");
    wait_until("the list read again with the new credentials", || {
        requests()
            .iter()
            .filter(|r| r.path.starts_with("/api/v2/tasks/instances?"))
            .any(|r| r.headers["authorization"] == signed)
    })
    .await;
    settle(100).await;
    assert!(
        q(&root, "[role=dialog]").is_none(),
        "the stale 401 reopened the sign-in dialog"
    );
    go("/");
}

#[wasm_bindgen_test]
async fn after_a_429_the_next_read_waits_for_rate_limit_reset() {
    install_fetch_stub();
    let limited = json!({"successful": false, "status": 429, "traceId": "t-429",
        "error": {"code": 429, "message": "Too many requests"}});
    stub_route(
        "GET",
        TASK,
        429,
        &limited.to_string(),
        r#"{"RateLimit-Reset": "3"}"#,
    );
    go("/tasks/5");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <Router><TaskHost /></Router> });
    wait_until("the first read", || task_reads() == 1).await;
    let first = js_sys::Date::now();
    ok("GET", TASK, running_task());
    wait_until("the retry", || task_reads() >= 2).await;
    let waited = js_sys::Date::now() - first;
    assert!(
        waited >= 2_500.0,
        "retried {waited} ms after a 429 whose RateLimit-Reset said 3 s (backoff alone is about 1 s)"
    );
    go("/");
}

#[wasm_bindgen_test]
async fn a_hidden_tab_stops_the_one_second_poll_and_a_visible_one_resumes_it() {
    install_fetch_stub();
    ok("GET", TASK, running_task());
    go("/tasks/5");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <Router><TaskHost /></Router> });
    wait_until("two reads while visible", || task_reads() >= 2).await;
    set_hidden(true);
    settle(400).await;
    let hidden_from = task_reads();
    settle(3_000).await;
    let while_hidden = task_reads() - hidden_from;
    set_hidden(false);
    wait_until("polling again once visible", || {
        task_reads() > hidden_from + while_hidden
    })
    .await;
    assert_eq!(
        while_hidden, 0,
        "a hidden tab read the task {while_hidden} times in 3 s"
    );
    go("/");
}

#[wasm_bindgen_test]
async fn a_first_visit_asks_to_sign_in_without_a_red_banner_behind_the_dialog() {
    install_fetch_stub();
    session::sign_out();
    ok("GET", "/api/v2/ob/clusters", json!({"contents": []}));
    fail(
        "GET",
        "/api/v2/tasks/instances?",
        401,
        30000,
        "Not logged in",
        json!([]),
    );
    fail(
        "GET",
        "/api/v2/iam/current-user",
        401,
        30000,
        "Not logged in",
        json!([]),
    );
    go("/tasks");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <App /> });
    wait_dom(&root, "the sign-in dialog", || {
        q(&root, "[role=dialog] #username").is_some()
    })
    .await;
    wait_until("the list's 401 answered", || {
        requests()
            .iter()
            .any(|r| r.path.starts_with("/api/v2/tasks/instances?"))
    })
    .await;
    settle(100).await;
    let behind: Vec<String> = qa(&root, "[data-testid=api-error]")
        .iter()
        .filter(|e| e.closest("[role=dialog]").ok().flatten().is_none())
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert!(behind.is_empty(), "errors behind the dialog: {behind:?}");
    go("/");
}
