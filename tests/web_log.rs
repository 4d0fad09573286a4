//! The subtask log alone in a browser: numbered lines, ERROR and WARN lines marked, run tabs that
//! control a tab panel (arrow keys too), a Download button, and a poll that appends adding only
//! the new lines.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::api::Api;
use ocp_console::components::LogView;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function observe_log(el) {
  const rec = [];
  const obs = new MutationObserver(list => { for (const m of list) rec.push(m); });
  obs.observe(el, { subtree: true, attributes: true, characterData: true, childList: true });
  globalThis.__log = { obs, rec };
}
export function log_records() {
  const { obs, rec } = globalThis.__log;
  rec.push(...obs.takeRecords());
  let added = 0, removed = 0;
  const other = [];
  for (const m of rec) {
    if (m.type === 'childList') {
      for (const n of m.addedNodes) if (n.nodeType === 1 && n.classList.contains('log-line')) added++;
      for (const n of m.removedNodes) if (n.nodeType === 1 || n.nodeType === 3) removed++;
    } else {
      const t = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      other.push(m.type + ' ' + t.tagName.toLowerCase() + '.' + (t.getAttribute('class') || ''));
    }
  }
  return JSON.stringify({ added, removed, other });
}
export function capture_downloads() {
  globalThis.__downloads = [];
  HTMLAnchorElement.prototype.click = function () { globalThis.__downloads.push(this.download); };
}
export function downloads() { return JSON.stringify(globalThis.__downloads || []); }
"#)]
extern "C" {
    fn observe_log(el: &web_sys::Element);
    fn log_records() -> String;
    fn capture_downloads();
    fn downloads() -> String;
}

#[component]
fn Host(sid: i64, running: bool) -> impl IntoView {
    provide_context(Api::same_origin());
    view! { <LogView task_id=9 subtask_id=sid running=Signal::stored(running) /> }
}

const HEAD: &str = "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############\n";

fn serve(sid: i64, log: &str) {
    ok(
        "GET",
        &format!("/api/v2/tasks/instances/9/subtasks/{sid}/log"),
        json!({ "log": log }),
    );
}

async fn show(sid: i64, running: bool, lines: usize) -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    let h = mount_to(
        root.clone(),
        move || view! { <Host sid=sid running=running /> },
    );
    wait_dom(&root, "the log's lines", || {
        qa(&root, ".log-line").len() == lines
    })
    .await;
    (root, h)
}

fn numbers(root: &web_sys::Element) -> Vec<String> {
    qa(root, ".log-line .ln")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn lines_are_numbered_and_errors_and_warnings_marked() {
    install_fetch_stub();
    serve(
        71,
        &format!("{HEAD}2021-08-25 15:09:32.716  INFO 1 --- start\n2021-08-25 15:09:33.001 ERROR 1 --- boom\n2021-08-25 15:09:33.100  WARN 1 --- slow\n"),
    );
    let (root, _h) = show(71, false, 3).await;
    assert_eq!(numbers(&root), ["1", "2", "3"]);
    let lines = qa(&root, ".log-line");
    let class = |i: usize| lines[i].get_attribute("class").unwrap_or_default();
    let marker = |i: usize| text(&lines[i], ".mk");
    assert!(
        !class(0).contains("lv-") && marker(0).is_empty(),
        "{}",
        class(0)
    );
    assert!(
        class(1).contains("lv-error") && !marker(1).is_empty(),
        "{}",
        class(1)
    );
    assert!(
        class(2).contains("lv-warn") && !marker(2).is_empty(),
        "{}",
        class(2)
    );
    assert_ne!(marker(1), marker(2), "error and warning look different");
    assert!(text(&lines[1], ".lt").ends_with("ERROR 1 --- boom"));
}

#[wasm_bindgen_test]
async fn run_tabs_control_the_log_panel() {
    install_fetch_stub();
    serve(
        72,
        &format!("{HEAD}first\n############{{RETRY}}{{2021-08-25T15:10:32.697+08:00}}############\nsecond\n"),
    );
    let (root, _h) = show(72, false, 1).await;
    let panel = q(&root, "[data-testid=log]").unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("tabpanel"));
    let panel_id = panel.id();
    assert!(!panel_id.is_empty());
    assert!(q(&root, "[role=tablist]").is_some());
    let tabs = qa(&root, "[role=tablist] [role=tab]");
    assert_eq!(tabs.len(), 2);
    for t in &tabs {
        assert_eq!(t.get_attribute("aria-controls"), Some(panel_id.clone()));
    }
    let selected = |i: usize| tabs[i].get_attribute("aria-selected");
    assert_eq!(
        (selected(0).as_deref(), selected(1).as_deref()),
        (Some("false"), Some("true"))
    );
    assert_eq!(panel.get_attribute("aria-labelledby"), Some(tabs[1].id()));
    assert_eq!(text(&root, ".log-line .lt"), "second");
    click(&root, "[role=tab]");
    wait_dom(&root, "the first run", || {
        text(&root, ".log-line .lt") == "first"
    })
    .await;
    assert_eq!(panel.get_attribute("aria-labelledby"), Some(tabs[0].id()));
    assert_eq!(
        tabs[0].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("End");
    init.set_bubbles(true);
    let end = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    tabs[0].dispatch_event(&end).unwrap();
    wait_dom(&root, "End selects and focuses the last run", || {
        tabs[1].get_attribute("aria-selected").as_deref() == Some("true")
            && document().active_element().as_ref() == Some(&tabs[1])
    })
    .await;
    assert_eq!(tabs[0].get_attribute("tabindex").as_deref(), Some("-1"));
}

#[wasm_bindgen_test]
async fn download_saves_the_whole_log_under_the_subtask_id() {
    install_fetch_stub();
    capture_downloads();
    serve(73, &format!("{HEAD}only line\n"));
    let (root, _h) = show(73, false, 1).await;
    let button = q(&root, "button[data-testid=log-download]").expect("a download button");
    assert_eq!(button.text_content().as_deref(), Some("Download"));
    click(&root, "button[data-testid=log-download]");
    let saved: Value = serde_json::from_str(&downloads()).unwrap();
    assert_eq!(saved, json!(["subtask_73.log"]));
}

#[wasm_bindgen_test]
async fn a_poll_that_appends_adds_only_the_new_lines() {
    install_fetch_stub();
    let first = format!("{HEAD}one\ntwo ERROR here\nthree\n");
    serve(74, &first);
    let (root, _h) = show(74, true, 3).await;
    let kept = qa(&root, ".log-line");
    observe_log(&q(&root, "[data-testid=log]").unwrap());
    serve(74, &format!("{first}four\nfive WARN\n"));
    wait_dom(&root, "the appended lines", || {
        qa(&root, ".log-line").len() == 5
    })
    .await;
    let rec: Value = serde_json::from_str(&log_records()).unwrap();
    assert_eq!(
        rec,
        json!({"added": 2, "removed": 0, "other": []}),
        "only two line elements added"
    );
    let now = qa(&root, ".log-line");
    for (old, new) in kept.iter().zip(&now) {
        assert!(old.is_same_node(Some(new)), "a shown line was replaced");
    }
    assert_eq!(numbers(&root), ["1", "2", "3", "4", "5"]);
    assert!(now[4]
        .get_attribute("class")
        .unwrap_or_default()
        .contains("lv-warn"));

    serve(74, &format!("{HEAD}rewritten\n"));
    wait_dom(&root, "the rebuilt log", || {
        qa(&root, ".log-line").len() == 1
    })
    .await;
    assert_eq!(text(&root, ".log-line .lt"), "rewritten");
    assert!(!kept[0].is_connected(), "a changed log is rebuilt");
}
