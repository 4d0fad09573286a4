//! Rolled back as its own state in the task list's filter and on the chart; and the chart opening at
//! a readable size and keeping its centre when the window is resized.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::dag::{DagChart, LiveDag};
use ocp_console::hub::Hub;
use ocp_console::pages::TaskListPage;
use ocp_core::dag::layout::Direction;
use ocp_core::model::TaskInstance;
use serde_json::{json, Value};
use std::sync::Arc;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TASKS: &str = "/api/v2/tasks/instances?";

/// A finished list item: its subtasks' operation is all the list says of a rollback.
fn finished(id: i64, sub_operation: &str) -> Value {
    json!({"id": id, "name": format!("Task {id}"), "status": "SUCCESSFUL", "clusterId": 1, "tenantId": 1001,
        "subtasks": [{"id": id * 10, "name": "step", "status": if sub_operation == "ROLLBACK" { "PENDING" } else { "SUCCESSFUL" },
            "operation": sub_operation}]})
}

fn page_requests() -> Vec<String> {
    requests()
        .into_iter()
        .filter(|r| r.path.starts_with(TASKS) && !r.path.contains("size=2000"))
        .map(|r| r.path)
        .collect()
}

fn row_ids(root: &web_sys::Element) -> Vec<String> {
    qa(root, "[data-testid=task-row]")
        .iter()
        .filter_map(|r| r.get_attribute("data-task-id"))
        .collect()
}

#[wasm_bindgen_test]
async fn successful_never_lists_a_rolled_back_task_and_rolled_back_has_its_own_filter() {
    install_fetch_stub();
    ok("GET", "/api/v2/ob/clusters", json!({"contents": []}));
    ok(
        "GET",
        TASKS,
        json!({"contents": [finished(1, "ROLLBACK"), finished(2, "EXECUTE")],
            "page": {"number": 1, "size": 20, "totalElements": 2, "totalPages": 1}}),
    );
    go("/tasks");
    let root = container();
    let _h = mount_to(root.clone(), || {
        provide_context(Api::same_origin());
        Hub::provide(Api::same_origin());
        view! { <Router><TaskListPage /></Router> }
    });
    wait_dom(&root, "both rows", || row_ids(&root).len() == 2).await;
    assert!(q(&root, "[data-testid=console-filtered]").is_none());

    click(&root, "input[name=status][value=SUCCESSFUL]");
    wait_dom(&root, "only the successful task", || {
        row_ids(&root) == ["2"]
    })
    .await;
    assert!(page_requests()
        .last()
        .unwrap()
        .contains("status=SUCCESSFUL"));
    assert!(q(&root, "[data-testid=console-filtered]").is_some());

    click(&root, "input[name=status][value=SUCCESSFUL]");
    click(&root, "input[name=status][value=ROLLED_BACK]");
    wait_dom(&root, "only the rolled-back task", || {
        row_ids(&root) == ["1"]
    })
    .await;
    let last = page_requests().last().unwrap().clone();
    assert!(
        last.contains("status=SUCCESSFUL") && !last.contains("ROLLED"),
        "{last}"
    );
    go("/");
}

fn chain(n: i64, rolled_back: bool) -> TaskInstance {
    let subtasks: Vec<Value> = (1..=n)
        .map(|i| {
            json!({"id": i, "name": format!("Step {i} of the switchover"), "status": if rolled_back { "PENDING" } else { "SUCCESSFUL" },
                "operation": if rolled_back { "ROLLBACK" } else { "EXECUTE" }, "parallelIdx": -1,
                "upstreams": if i > 1 { json!([i - 1]) } else { json!([]) }})
        })
        .collect();
    serde_json::from_value(json!({"id": 9, "name": "Task", "status": "SUCCESSFUL",
        "operation": if rolled_back { "ROLLBACK" } else { "EXECUTE" }, "subtasks": subtasks}))
    .unwrap()
}

fn mount_chart(task: &TaskInstance) -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    root.style().set_property("width", "960px").unwrap();
    let dag = Arc::new(LiveDag::new(task, Direction::TopToBottom));
    let h = mount_to(root.clone(), move || {
        let selected = RwSignal::new(None::<i64>);
        view! { <DagChart dag=dag.clone() selected=selected on_select=Callback::new(|_| {}) /> }
    });
    (root, h)
}

fn zoom(root: &web_sys::Element) -> f64 {
    text(root, ".zoom")
        .trim_end_matches('%')
        .parse()
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn undone_steps_read_rolled_back_on_the_chart() {
    let (root, _h) = mount_chart(&chain(3, true));
    wait_dom(&root, "the nodes", || qa(&root, "g.dag-node").len() == 3).await;
    let node = q(&root, "g.dag-node").unwrap();
    assert_eq!(
        node.get_attribute("data-status").as_deref(),
        Some("rolled-back")
    );
    assert!(node
        .get_attribute("aria-label")
        .unwrap()
        .contains("Rolled back"));
    assert!(text(&root, "g.dag-node text.status").contains("Rolled back"));
    assert!(text(&root, ".legend-item.st-rolled-back").contains('3'));
    assert!(text(&root, ".legend-item.st-pending").contains('0'));
}

#[wasm_bindgen_test]
async fn a_ten_step_chain_opens_readable_and_a_resize_keeps_it_centred() {
    let (root, _h) = mount_chart(&chain(10, false));
    wait_dom(&root, "the nodes", || !qa(&root, "g.dag-node").is_empty()).await;
    wait_until("the first measure", || zoom(&root) > 0.0).await;
    assert!(zoom(&root) >= 75.0, "opened at {}%", zoom(&root));
    let canvas: web_sys::Element = q(&root, ".dag-canvas").unwrap();
    let centre_x = |root: &web_sys::Element| {
        let r = q(root, "g.dag-node").unwrap().get_bounding_client_rect();
        let c = q(root, ".dag-canvas").unwrap().get_bounding_client_rect();
        (r.x() + r.width() / 2.0) - (c.x() + c.width() / 2.0)
    };
    let before = centre_x(&root);
    root.style().set_property("width", "600px").unwrap();
    window()
        .dispatch_event(&web_sys::Event::new("resize").unwrap())
        .unwrap();
    wait_until("the canvas narrower", || {
        canvas.get_bounding_client_rect().width() < 700.0
    })
    .await;
    wait_until("the chart re-centred", || {
        (centre_x(&root) - before).abs() < 2.0
    })
    .await;
}
