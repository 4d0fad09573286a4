//! The task page in a browser: derived states, a header that polls update in place, the actions
//! OCP's rules allow, confirmation and OCP's answer, and logs shown as text.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::pages::TaskView;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function observe_header(el) {
  const rec = [];
  const obs = new MutationObserver(list => {
    for (const m of list) {
      const t = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      rec.push(m.type + ' ' + t.tagName.toLowerCase() + '.' + (t.getAttribute('class') || ''));
    }
  });
  obs.observe(el, { subtree: true, attributes: true, characterData: true, childList: true });
  globalThis.__header = { obs, rec };
}
export function header_records() {
  const { obs, rec } = globalThis.__header;
  for (const m of obs.takeRecords()) rec.push(m.type);
  return JSON.stringify(rec);
}
"#)]
extern "C" {
    fn observe_header(el: &web_sys::Element);
    fn header_records() -> String;
}

#[component]
fn Host(id: i64) -> impl IntoView {
    provide_context(Api::same_origin());
    view! { <TaskView id=id /> }
}

fn task(id: i64, status: &str, operation: &str, prohibit: bool, subs: &[(&str, &str)]) -> Value {
    let n = subs.len() as i64;
    let subtasks: Vec<Value> = subs
        .iter()
        .enumerate()
        .map(|(i, (name, st))| {
            let sid = id * 100 + i as i64;
            json!({"id": sid, "name": name, "status": st, "operation": "EXECUTE", "runTime": 1, "parallelIdx": -1,
                "upstreams": if i == 0 { json!([]) } else { json!([sid - 1]) },
                "downstreams": if i as i64 == n - 1 { json!([]) } else { json!([sid + 1]) }})
        })
        .collect();
    json!({"id": id, "name": format!("Task {id}"), "status": status, "operation": operation, "prohibitRollback": prohibit,
        "creator": {"id": 1, "name": "admin"}, "startTime": "2024-07-23T17:38:33.977+08:00", "subtasks": subtasks})
}

async fn show(id: i64) -> (web_sys::HtmlElement, impl Drop) {
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

fn actions(root: &web_sys::Element) -> Vec<String> {
    let mut v: Vec<String> = qa(root, "button[data-action]")
        .iter()
        .filter_map(|b| b.get_attribute("data-action"))
        .filter(|a| a != "current-step" && a != "remove-row")
        .collect();
    v.sort();
    v
}

#[wasm_bindgen_test]
async fn derived_states_in_the_header() {
    install_fetch_stub();
    let cases = [
        (201, "RUNNING", "EXECUTE", "Running"),
        (202, "RUNNING", "RETRY", "Retrying"),
        (203, "RUNNING", "ROLLBACK", "Rolling back"),
        (204, "FAILED", "EXECUTE", "Failed"),
        (205, "SUCCESSFUL", "EXECUTE", "Successful"),
        (206, "SUCCESSFUL", "ROLLBACK", "Rolled back"),
        (207, "PAUSED", "EXECUTE", "PAUSED"),
    ];
    for (id, status, op, _) in cases {
        ok(
            "GET",
            &format!("/api/v2/tasks/instances/{id}"),
            task(
                id,
                status,
                op,
                false,
                &[("a", "SUCCESSFUL"), ("b", "PENDING")],
            ),
        );
    }
    for (id, _, _, label) in cases {
        let (root, _h) = show(id).await;
        assert_eq!(text(&root, "[data-testid=task-state]"), label, "task {id}");
        assert_eq!(text(&root, "[data-testid=task-progress]"), "1 / 2");
        assert!(
            text(&root, ".facts").contains("admin"),
            "creator from the {{id, name}} object"
        );
    }
}

#[wasm_bindgen_test]
async fn a_poll_updates_the_header_in_place() {
    install_fetch_stub();
    let path = "/api/v2/tasks/instances/210";
    ok(
        "GET",
        path,
        task(
            210,
            "RUNNING",
            "EXECUTE",
            false,
            &[("a", "RUNNING"), ("b", "PENDING")],
        ),
    );
    let (root, _h) = show(210).await;
    assert_eq!(text(&root, "[data-testid=task-progress]"), "0 / 2");
    let h1 = q(&root, ".task-header h1").unwrap();
    observe_header(&q(&root, ".task-header").unwrap());
    ok(
        "GET",
        path,
        task(
            210,
            "RUNNING",
            "EXECUTE",
            false,
            &[("a", "SUCCESSFUL"), ("b", "RUNNING")],
        ),
    );
    wait_until("the next poll", || {
        text(&root, "[data-testid=task-progress]") == "1 / 2"
    })
    .await;
    settle(30).await;
    assert!(h1.is_connected(), "the header was replaced");
    assert_eq!(text(&root, ".percent"), "50%");
    let recs: Vec<String> = serde_json::from_str(&header_records()).unwrap();
    let unexpected: Vec<&String> = recs
        .iter()
        .filter(|r| {
            let progress = r.starts_with("attributes progress.")
                || r.starts_with("characterData span.progress");
            let text_of = |c: &str| r.starts_with("characterData ") && r.ends_with(c);
            let elapsed =
                r.contains("dl.facts") || r.starts_with("childList div.") || r.contains(" dd.");
            !(progress || text_of(".percent") || elapsed)
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "records beyond the progress and elapsed time: {unexpected:?} of {recs:?}"
    );
}

#[wasm_bindgen_test]
async fn actions_are_offered_exactly_where_the_rules_allow() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/tasks/instances/301",
        task(
            301,
            "FAILED",
            "EXECUTE",
            false,
            &[("a", "SUCCESSFUL"), ("b", "FAILED")],
        ),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances/302",
        task(302, "FAILED", "EXECUTE", true, &[("a", "FAILED")]),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances/303",
        task(
            303,
            "RUNNING",
            "EXECUTE",
            false,
            &[("a", "SUCCESSFUL"), ("b", "RUNNING")],
        ),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances/304",
        task(304, "SUCCESSFUL", "EXECUTE", false, &[("a", "SUCCESSFUL")]),
    );
    for id in [301, 302, 303, 304] {
        ok(
            "GET",
            &format!("/api/v2/tasks/instances/{id}/subtasks"),
            json!({"log": ""}),
        );
    }

    let (root, _h) = show(301).await;
    wait_until("selection of the failed step", || actions(&root).len() == 4).await;
    assert_eq!(
        actions(&root),
        vec!["retry", "rollback", "skip", "subtask-retry"]
    );
    drop(_h);

    let (root, _h) = show(302).await;
    wait_until("failed step", || {
        actions(&root).contains(&"skip".to_string())
    })
    .await;
    assert_eq!(
        actions(&root),
        vec!["retry", "skip", "subtask-retry"],
        "rollback hidden when prohibited"
    );
    drop(_h);

    let (root, _h) = show(303).await;
    wait_until("running step selected", || {
        actions(&root) == vec!["cancel".to_string()]
    })
    .await;
    click(&root, "g.dag-node[data-id='30300']");
    wait_until("a successful step offers nothing", || {
        actions(&root).is_empty()
    })
    .await;
    drop(_h);

    let (root, _h) = show(304).await;
    settle(50).await;
    assert!(actions(&root).is_empty());
}

#[wasm_bindgen_test]
async fn an_action_is_confirmed_sent_once_and_ocp_answer_shown() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/tasks/instances/401",
        task(401, "FAILED", "EXECUTE", false, &[("a", "FAILED")]),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances/401/subtasks",
        json!({"log": "x"}),
    );
    fail(
        "POST",
        "/api/v2/tasks/instances/401/rollback",
        400,
        20004,
        "Rollback is prohibited for this task",
        json!([]),
    );
    let (root, _h) = show(401).await;
    wait_until("rollback offered", || {
        actions(&root).contains(&"rollback".to_string())
    })
    .await;
    click(&root, "button[data-action=rollback]");
    wait_until("confirmation", || q(&root, "[role=dialog]").is_some()).await;
    assert!(text(&root, "[role=dialog]").contains("Roll back"));
    assert!(posts().is_empty(), "nothing is sent before confirming");
    click(&root, "#confirm");
    click(&root, "#confirm");
    wait_until("OCP's answer", || {
        text(&root, "[data-testid=api-error]").contains("Rollback is prohibited")
    })
    .await;
    assert!(text(&root, "[data-testid=api-error]").contains("20004"));
    assert_eq!(text(&root, "[data-testid=trace-id]"), "trace-123abc");
    assert_eq!(posts().len(), 1);
    assert!(q(&root, "[role=dialog]").is_none());
}

#[wasm_bindgen_test]
async fn logs_are_text_split_into_runs() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/tasks/instances/501",
        task(501, "FAILED", "RETRY", false, &[("a", "FAILED")]),
    );
    let log = "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############\nfirst run\n\
               ############{RETRY}{2021-08-25T15:10:32.697+08:00}############\n<script>window.__xss = 1</script><b>bold</b>\n";
    ok(
        "GET",
        "/api/v2/tasks/instances/501/subtasks/50100/log",
        json!({"log": log}),
    );
    let (root, _h) = show(501).await;
    wait_until("the log", || {
        text(&root, "[data-testid=log]").contains("window.__xss")
    })
    .await;
    let shown = text(&root, "[data-testid=log]");
    assert!(
        shown.contains("<script>window.__xss = 1</script><b>bold</b>"),
        "{shown}"
    );
    assert!(
        q(&root, "[data-testid=log] script").is_none() && q(&root, "[data-testid=log] b").is_none()
    );
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__xss".into())
        .unwrap()
        .is_undefined());
    let tabs: Vec<String> = qa(&root, ".log-tabs button")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(tabs, vec!["Run 1 · EXECUTE", "Run 2 · RETRY"]);
    click(&root, ".log-tabs button");
    wait_until("first run", || {
        text(&root, "[data-testid=log]").contains("first run")
    })
    .await;
}
