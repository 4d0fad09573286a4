//! The add-replica form in a browser: validation before sending, the exact body, one POST per submit,
//! OCP's field errors on the fields, and nothing lost on failure.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::pages::AddReplicaPage;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Host() -> impl IntoView {
    provide_context(Api::same_origin());
    view! { <AddReplicaPage /> }
}

const ADD: &str = "/api/v2/ob/clusters/1/tenants/1001/addReplica";

fn stub_world() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-hz", "obVersion": "4.2.1.0",
        "zones": [{"name": "zone1"}, {"name": "zone2"}, {"name": "zone3"}, {"name": "zone4"}]}],
        "page": {"totalElements": 1, "totalPages": 1, "number": 1, "size": 100}}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        json!({"contents": [{"id": 1001, "name": "mysql_app", "mode": "MYSQL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants/1001",
        json!({"id": 1001, "name": "mysql_app",
        "zones": [{"name": "zone1", "replicaType": "FULL"}, {"name": "zone2", "replicaType": "FULL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/unitSpecs",
        json!({"contents": [{"name": "S1", "maxCpuCoreCount": 1, "maxMemorySize": 4},
        {"name": "S2", "maxCpuCoreCount": 2, "maxMemorySize": 8}]}),
    );
}

async fn mounted() -> (web_sys::HtmlElement, impl Drop) {
    go("/add-replica?cluster=1&tenant=1001");
    let root = container();
    let h = mount_to(root.clone(), || view! { <Router><Host /></Router> });
    wait_until("zones of the cluster", || {
        qa(&root, "select[name=zoneName] option:not([disabled])").len() == 3
    })
    .await;
    wait_until("unit specs", || {
        qa(&root, "select[name=unitSpecName] option").len() == 3
    })
    .await;
    (root, h)
}

fn fill_row(root: &web_sys::Element, n: usize, zone: &str, rtype: &str, spec: &str, count: &str) {
    let rows = qa(root, "[data-testid=replica-row]");
    let row = &rows[n];
    set_select(row, "select[name=zoneName]", zone);
    set_select(row, "select[name=replicaType]", rtype);
    set_select(row, "select[name=unitSpecName]", spec);
    set_input(row, "input[name=unitCount]", count);
}

fn field_error(root: &web_sys::Element, row: usize, name: &str) -> String {
    let rows = qa(root, "[data-testid=replica-row]");
    let field = q(&rows[row], &format!("[name={name}]")).unwrap();
    let id = field.get_attribute("aria-describedby").unwrap();
    document()
        .get_element_by_id(&id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn taken_zones_are_shown_disabled_with_the_reason() {
    stub_world();
    let (root, _h) = mounted().await;
    let disabled: Vec<String> = qa(&root, "select[name=zoneName] option[disabled]")
        .iter()
        .map(|o| o.text_content().unwrap())
        .collect();
    assert_eq!(disabled.len(), 2);
    assert!(
        disabled[0].contains("zone1") && disabled[0].contains("FULL replica"),
        "{disabled:?}"
    );
    assert!(text(&root, "[data-testid=tenant-zones]").contains("zone1 (FULL)"));
}

#[wasm_bindgen_test]
async fn invalid_input_shows_each_message_and_sends_nothing() {
    stub_world();
    let (root, _h) = mounted().await;
    fill_row(&root, 0, "", "FULL", "", "0");
    click(&root, "#add-row");
    wait_until("second row", || {
        qa(&root, "[data-testid=replica-row]").len() == 2
    })
    .await;
    fill_row(&root, 1, "zone3", "FULL", "S1", "abc");
    click(&root, "#submit");
    wait_until("messages", || !field_error(&root, 0, "zoneName").is_empty()).await;
    assert!(field_error(&root, 0, "zoneName").contains("Choose a zone"));
    assert!(field_error(&root, 0, "unitSpecName").contains("Choose a unit spec"));
    assert!(field_error(&root, 0, "unitCount").contains("from 1 to"));
    assert!(field_error(&root, 1, "unitCount").contains("whole number"));
    fill_row(&root, 0, "zone3", "FULL", "S1", "1");
    wait_until("duplicate zone", || {
        field_error(&root, 1, "zoneName").contains("another row")
    })
    .await;
    settle(50).await;
    assert!(
        posts().is_empty(),
        "nothing may be sent while the form is invalid"
    );
}

#[wasm_bindgen_test]
async fn a_valid_submission_sends_exactly_the_body_once() {
    stub_world();
    stub_held("POST", ADD, 200, &json!({"data": {"id": 777, "name": "Add tenant replica", "status": "RUNNING"}, "successful": true}).to_string());
    let (root, _h) = mounted().await;
    fill_row(&root, 0, "zone3", "FULL", "S2", "2");
    click(&root, "#add-row");
    wait_until("second row", || {
        qa(&root, "[data-testid=replica-row]").len() == 2
    })
    .await;
    fill_row(&root, 1, "zone4", "READONLY", "S1", "1");
    let expected = json!([
        {"zoneName": "zone3", "replicaType": "FULL", "resourcePool": {"unitSpecName": "S2", "unitCount": 2}},
        {"zoneName": "zone4", "replicaType": "READONLY", "resourcePool": {"unitSpecName": "S1", "unitCount": 1}}
    ]);
    wait_until("preview", || {
        serde_json::from_str::<Value>(&text(&root, "[data-testid=body-preview]")).ok()
            == Some(expected.clone())
    })
    .await;
    click(&root, "#submit");
    click(&root, "#submit");
    submit(&root, "form");
    wait_until("the POST", || posts().len() == 1).await;
    wait_until("button disabled while in flight", || {
        q(&root, "#submit")
            .unwrap()
            .unchecked_into::<web_sys::HtmlButtonElement>()
            .disabled()
    })
    .await;
    submit(&root, "form");
    settle(30).await;
    release_held();
    wait_until("navigation to the task", || {
        window().location().pathname().unwrap() == "/tasks/777"
    })
    .await;
    let sent = posts();
    assert_eq!(
        sent.len(),
        1,
        "double click, Enter and a submit while in flight send one request"
    );
    assert_eq!(sent[0].path, ADD);
    assert_eq!(
        serde_json::from_str::<Value>(sent[0].body.as_deref().unwrap()).unwrap(),
        expected
    );
    assert_eq!(sent[0].headers["content-type"], "application/json");
    go("/");
}

#[wasm_bindgen_test]
async fn ocp_field_errors_land_on_the_fields_and_keep_the_input() {
    stub_world();
    fail(
        "POST",
        ADD,
        400,
        10001,
        "Invalid replica request",
        json!([
            {"object": "addReplica", "field": "[0].resourcePool.unitCount", "rejectedValue": 9, "message": "not enough servers in zone3"},
            {"field": "[0].zoneName", "message": "zone3 is being changed"}
        ]),
    );
    let (root, _h) = mounted().await;
    fill_row(&root, 0, "zone3", "FULL", "S1", "9");
    click(&root, "#submit");
    wait_until("the banner", || {
        !text(&root, "[data-testid=api-error]").is_empty()
    })
    .await;
    assert!(text(&root, "[data-testid=api-error]").contains("Invalid replica request"));
    assert_eq!(text(&root, "[data-testid=trace-id]"), "trace-123abc");
    assert!(field_error(&root, 0, "unitCount").contains("not enough servers in zone3"));
    assert!(field_error(&root, 0, "zoneName").contains("zone3 is being changed"));
    let row = &qa(&root, "[data-testid=replica-row]")[0];
    assert_eq!(
        q(row, "input[name=unitCount]")
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "9"
    );
    assert_eq!(
        q(row, "select[name=zoneName]")
            .unwrap()
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value(),
        "zone3"
    );
    assert_eq!(posts().len(), 1);
}

#[wasm_bindgen_test]
async fn a_network_error_keeps_the_input_and_is_not_resent() {
    stub_world();
    stub_network_error("POST", ADD);
    let (root, _h) = mounted().await;
    fill_row(&root, 0, "zone4", "FULL", "S2", "3");
    click(&root, "#submit");
    wait_until("the banner", || {
        text(&root, "[data-testid=api-error]").contains("Cannot reach OCP")
    })
    .await;
    settle(1_500).await; // past the first backoff (1 s ± 20 %) a retry would take
    assert_eq!(posts().len(), 1, "a failed POST is never retried by itself");
    let row = &qa(&root, "[data-testid=replica-row]")[0];
    assert_eq!(
        q(row, "input[name=unitCount]")
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "3"
    );
    assert!(!q(&root, "#submit")
        .unwrap()
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
    click(&root, "#submit");
    wait_until("a second POST only when asked", || posts().len() == 2).await;
}

#[wasm_bindgen_test]
async fn a_failed_tenant_list_shows_the_error_and_retry_loads_it() {
    stub_world();
    fail(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        500,
        10000,
        "OCP is down",
        json!([]),
    );
    go("/add-replica?cluster=1");
    let root = container();
    let _h = mount_to(root.clone(), || view! { <Router><Host /></Router> });
    wait_dom(&root, "the tenant list's error", || {
        text(&root, "[data-testid=tenants-error]").contains("OCP is down")
    })
    .await;
    assert_eq!(
        text(&root, "[data-testid=tenants-error] [data-testid=trace-id]"),
        "trace-123abc"
    );
    assert!(q(&root, "select[name=tenant] option[value='1001']").is_none());

    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        json!({"contents": [{"id": 1001, "name": "mysql_app", "mode": "MYSQL"}]}),
    );
    click(&root, "#retry-tenants");
    wait_dom(&root, "the tenants after a retry", || {
        q(&root, "select[name=tenant] option[value='1001']").is_some()
    })
    .await;
    wait_dom(&root, "the error gone", || {
        q(&root, "[data-testid=tenants-error]").is_none()
    })
    .await;
    let asks = requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v2/ob/clusters/1/tenants?"))
        .count();
    assert_eq!(asks, 2, "one request, one retry");
}
