//! The add-replica form and the tenant's state: a MODIFYING tenant blocks the form and links the task
//! that holds it, and unblocks when that task leaves OCP's running/failed list; the locality preview
//! for one and for two new zones.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::hub::Hub;
use ocp_console::pages::AddReplicaPage;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DETAIL: &str = "/api/v2/ob/clusters/1/tenants/1001";

fn detail(status: &str) -> Value {
    json!({"id": 1001, "name": "mysql_app", "status": status, "locality": "FULL{1}@zone1, FULL{1}@zone2",
        "primaryZone": "zone1;zone2",
        "zones": [{"name": "zone1", "replicaType": "FULL"}, {"name": "zone2", "replicaType": "FULL"}]})
}

fn held_by() -> Value {
    json!({"id": 77, "name": "Add tenant replica", "status": "FAILED", "operation": "EXECUTE", "tenantId": 1001,
        "subtasks": [{"id": 771, "name": "Lock tenant", "status": "SUCCESSFUL"}, {"id": 772, "name": "Create units", "status": "FAILED"}]})
}

fn list(tasks: Vec<Value>) {
    let n = tasks.len();
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        json!({"contents": tasks, "page": {"totalElements": n, "totalPages": 1, "number": 1, "size": 2000}}),
    );
}

fn stub_world(status: &str) {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-hz", "obVersion": "4.2.1.0",
        "zones": [{"name": "zone1"}, {"name": "zone2"}, {"name": "zone3"}, {"name": "zone4"}]}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        json!({"contents": [{"id": 1001, "name": "mysql_app", "mode": "MYSQL", "status": status}]}),
    );
    ok("GET", DETAIL, detail(status));
    ok(
        "GET",
        "/api/v2/ob/unitSpecs",
        json!({"contents": [{"name": "S1", "maxCpuCoreCount": 1, "maxMemorySize": 4}]}),
    );
}

fn mount() -> (web_sys::HtmlElement, impl Drop) {
    go("/add-replica?cluster=1&tenant=1001");
    let root = container();
    let h = mount_to(root.clone(), || {
        provide_context(Api::same_origin());
        Hub::provide(Api::same_origin());
        view! { <Router><AddReplicaPage /></Router> }
    });
    (root, h)
}

fn submit_disabled(root: &web_sys::Element) -> bool {
    q(root, "#submit")
        .unwrap()
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled()
}

#[wasm_bindgen_test]
async fn a_modifying_tenant_blocks_the_form_links_its_task_and_unblocks_when_it_ends() {
    stub_world("MODIFYING");
    list(vec![held_by()]);
    ok(
        "GET",
        "/api/v2/tasks/instances?tenantId=1001",
        json!({"contents": [held_by()]}),
    );
    let (root, _h) = mount();
    wait_dom(&root, "the block and its task", || {
        text(&root, "[data-testid=tenant-blocked]").contains("MODIFYING")
            && q(&root, "[data-testid=holding-task] a").is_some()
    })
    .await;
    let link = q(&root, "[data-testid=holding-task] a").unwrap();
    assert!(link.get_attribute("href").unwrap().ends_with("/tasks/77"));
    let holder = text(&root, "[data-testid=holding-task]");
    assert!(
        holder.contains("Failed") && holder.contains("Create units"),
        "{holder}"
    );
    assert!(
        submit_disabled(&root),
        "a blocked tenant cannot be submitted"
    );
    assert_eq!(text(&root, "[data-testid=tenant-status]"), "MODIFYING");

    // The task is rolled back in OCP: it leaves the running/failed list and the tenant is NORMAL.
    ok("GET", DETAIL, detail("NORMAL"));
    list(vec![]);
    wait_dom(&root, "the form unblocked", || {
        q(&root, "[data-testid=tenant-blocked]").is_none()
            && text(&root, "[data-testid=tenant-status]") == "NORMAL"
    })
    .await;
    assert!(posts().is_empty());
    go("/");
}

#[wasm_bindgen_test]
async fn the_locality_preview_shows_one_and_two_new_zones_and_warns_about_leaders() {
    stub_world("NORMAL");
    list(vec![]);
    let (root, _h) = mount();
    wait_dom(&root, "the zones", || {
        qa(&root, "select[name=zoneName] option:not([disabled])").len() == 3
    })
    .await;
    assert!(q(&root, "[data-testid=locality-preview]").is_none());
    set_select(&root, "select[name=zoneName]", "zone3");
    wait_dom(&root, "one new zone", || {
        text(&root, "[data-testid=locality-after]") == "FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3"
    })
    .await;
    let warn = text(&root, "[data-testid=leader-warning]");
    assert!(
        warn.starts_with("zone3 ") && warn.contains("zone1;zone2"),
        "{warn}"
    );
    click(&root, "#add-row");
    wait_until("second row", || {
        qa(&root, "[data-testid=replica-row]").len() == 2
    })
    .await;
    let second = &qa(&root, "[data-testid=replica-row]")[1];
    set_select(second, "select[name=zoneName]", "zone4");
    set_select(second, "select[name=replicaType]", "READONLY");
    wait_dom(&root, "two new zones", || {
        text(&root, "[data-testid=locality-after]")
            == "FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3, READONLY{1}@zone4"
    })
    .await;
    assert!(text(&root, "[data-testid=leader-warning]").starts_with("zone3, zone4 "));
    assert_eq!(
        text(&root, "[data-testid=locality-now]"),
        "FULL{1}@zone1, FULL{1}@zone2"
    );
    go("/");
}
