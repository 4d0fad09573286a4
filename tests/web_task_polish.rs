//! The task page as a DBA meets it: only undoing actions are red in the confirmation, Tab stays in
//! it and focus returns to the button that opened it, an action's notice goes once the task moves
//! on, and a finished task's summary fills the side column.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::pages::TaskView;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Host(id: i64) -> impl IntoView {
    provide_context(Api::same_origin());
    view! { <TaskView id=id /> }
}

fn task(id: i64, status: &str, subs: &[&str]) -> Value {
    let subtasks: Vec<Value> = subs
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let sid = id * 100 + i as i64;
            json!({"id": sid, "name": format!("Step {i}"), "status": st, "operation": "EXECUTE", "runTime": 1,
                "parallelIdx": -1, "upstreams": if i == 0 { json!([]) } else { json!([sid - 1]) }})
        })
        .collect();
    json!({"id": id, "name": format!("Task {id}"), "status": status, "operation": "EXECUTE",
        "startTime": "2024-07-23T17:38:33.977+08:00", "subtasks": subtasks})
}

async fn show(id: i64) -> (web_sys::HtmlElement, impl Drop) {
    go(&format!("/tasks/{id}"));
    let root = container();
    let h = mount_to(
        root.clone(),
        move || view! { <Router><Host id=id /></Router> },
    );
    wait_until("the task", || {
        !text(&root, "[data-testid=task-state]").is_empty()
    })
    .await;
    (root, h)
}

fn active_is(css: &str) -> bool {
    let active = document().active_element();
    document().query_selector(css).ok().flatten() == active && active.is_some()
}

fn press_tab(css: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Tab");
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document()
        .query_selector(css)
        .unwrap()
        .unwrap()
        .dispatch_event(&ev)
        .unwrap();
}

#[wasm_bindgen_test]
async fn only_undoing_actions_are_red_tab_stays_in_the_dialog_and_focus_returns() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/tasks/instances/601",
        task(601, "FAILED", &["SUCCESSFUL", "FAILED"]),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances/601/subtasks",
        json!({"log": "x"}),
    );
    let (root, _h) = show(601).await;
    wait_until("retry offered", || {
        q(&root, "button[data-action=retry]").is_some()
    })
    .await;
    q(&root, "button[data-action=retry]")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    click(&root, "button[data-action=retry]");
    wait_until("the confirmation", || {
        q(&root, "[role=dialog] #confirm").is_some()
    })
    .await;
    let class = q(&root, "#confirm")
        .unwrap()
        .get_attribute("class")
        .unwrap_or_default();
    assert!(
        class.contains("primary") && !class.contains("danger"),
        "retry confirm is {class:?}"
    );
    wait_until("focus on confirm", || active_is("#confirm")).await;
    press_tab("#confirm", false);
    assert!(
        active_is("#cancel"),
        "Tab from the last button wraps to the first"
    );
    press_tab("#cancel", true);
    assert!(
        active_is("#confirm"),
        "Shift+Tab from the first wraps to the last"
    );
    click(&root, "#cancel");
    wait_until("the dialog closed", || q(&root, "[role=dialog]").is_none()).await;
    wait_until("focus back on Retry", || {
        active_is("button[data-action=retry]")
    })
    .await;

    click(&root, "button[data-action=rollback]");
    wait_until("the confirmation", || {
        q(&root, "[role=dialog] #confirm").is_some()
    })
    .await;
    let class = q(&root, "#confirm")
        .unwrap()
        .get_attribute("class")
        .unwrap_or_default();
    assert!(class.contains("danger"), "rollback confirm is {class:?}");
    click(&root, "#cancel");
    go("/");
}

#[wasm_bindgen_test]
async fn the_retry_notice_goes_once_the_task_moves_on() {
    install_fetch_stub();
    let path = "/api/v2/tasks/instances/602";
    ok("GET", path, task(602, "FAILED", &["FAILED"]));
    ok(
        "GET",
        "/api/v2/tasks/instances/602/subtasks",
        json!({"log": "x"}),
    );
    ok(
        "POST",
        "/api/v2/tasks/instances/602/retry",
        task(602, "RUNNING", &["READY"]),
    );
    let (root, _h) = show(602).await;
    wait_until("retry offered", || {
        q(&root, "button[data-action=retry]").is_some()
    })
    .await;
    click(&root, "button[data-action=retry]");
    wait_until("the confirmation", || q(&root, "#confirm").is_some()).await;
    click(&root, "#confirm");
    wait_dom(&root, "the notice", || {
        text(&root, ".notice").contains("Retry requested")
    })
    .await;
    ok("GET", path, task(602, "SUCCESSFUL", &["SUCCESSFUL"]));
    wait_dom(&root, "the finished task without the notice", || {
        text(&root, "[data-testid=task-state]") == "Successful" && q(&root, ".notice").is_none()
    })
    .await;
    go("/");
}

#[wasm_bindgen_test]
async fn a_finished_task_shows_its_summary_beside_the_chart() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/tasks/instances/603",
        task(603, "SUCCESSFUL", &["SUCCESSFUL", "SUCCESSFUL"]),
    );
    let (root, _h) = show(603).await;
    wait_dom(&root, "the summary", || {
        q(&root, "[data-testid=task-summary]").is_some()
    })
    .await;
    assert!(text(&root, "[data-testid=task-summary]").contains("2 of 2 steps successful"));
    go("/");
}
