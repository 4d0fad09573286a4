//! The console in Chinese and English in a browser: every page's headings and controls in zh-CN, a
//! switch from the header's menu that keeps a half-filled form, `Accept-Language` on each request
//! following the switch (the open task is read again), and the chart's legend and node labels in
//! Chinese, shortened by width.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::i18n::{self, Lang};
use ocp_console::App;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn signed_in() {
    signed_in_as_admin();
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-hz", "obVersion": "4.2.1.0",
            "zones": [{"name": "zone1"}, {"name": "zone2"}, {"name": "zone3"}]}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants?",
        json!({"contents": [{"id": 1001, "name": "mysql_app", "mode": "MYSQL", "status": "NORMAL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters/1/tenants/1001",
        json!({"id": 1001, "name": "mysql_app", "status": "NORMAL",
            "zones": [{"name": "zone1", "replicaType": "FULL"}]}),
    );
    ok(
        "GET",
        "/api/v2/ob/unitSpecs",
        json!({"contents": [{"name": "S1"}, {"name": "S2"}]}),
    );
    ok("GET", "/api/v2/ob/tenants", json!({"contents": []}));
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        json!({"contents": [task(7, "RUNNING")], "page": {"totalElements": 1, "totalPages": 1, "number": 1, "size": 20}}),
    );
    ok("GET", "/api/v2/tasks/instances/7", task(7, "RUNNING"));
}

/// A task whose names are Chinese, as OCP sends them to a zh-CN console; the second step's name is
/// too long for a node.
fn task(id: i64, status: &str) -> Value {
    let names = [
        "检查租户状态",
        "切换主租户为备租户并等待日志同步完成后再继续",
        "完成",
    ];
    let statuses = ["SUCCESSFUL", "RUNNING", "PENDING"];
    let subtasks: Vec<Value> = (0..3)
        .map(|i| {
            let sid = id * 10 + i;
            json!({"id": sid, "name": names[i as usize], "status": statuses[i as usize], "operation": "EXECUTE",
                "runTime": 1, "parallelIdx": -1,
                "upstreams": if i == 0 { json!([]) } else { json!([sid - 1]) },
                "downstreams": if i == 2 { json!([]) } else { json!([sid + 1]) }})
        })
        .collect();
    json!({"id": id, "name": "主备切换", "status": status, "operation": "EXECUTE",
        "creator": {"id": 1, "name": "admin"}, "startTime": "2024-07-23T17:38:33.977+08:00", "subtasks": subtasks})
}

async fn mount_at(path: &str, lang: Lang) -> (web_sys::HtmlElement, impl Drop) {
    i18n::set(lang);
    go(path);
    let root = container();
    let h = mount_to(root.clone(), || view! { <App /> });
    (root, h)
}

fn choose_language(root: &web_sys::Element, tag: &str) {
    set_select(root, "select[data-testid=language]", tag);
}

fn accept_language(r: &Req) -> String {
    r.headers["accept-language"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[wasm_bindgen_test]
async fn each_page_in_zh_cn_shows_its_headings_and_controls_in_chinese() {
    signed_in();
    let pages: [(&str, &str, &str); 6] = [
        (
            "/add-replica?cluster=1&tenant=1001",
            "添加副本",
            "再添加一个 Zone",
        ),
        ("/switchover", "批量主备切换", "执行预检查"),
        ("/tasks", "任务", "下一页"),
        ("/batch?ids=7", "批量主备切换", "导出变更记录（CSV）"),
        ("/sign-in", "登录", "登录"),
        ("/no-such-page", "页面不存在", "退出登录"),
    ];
    for (path, heading, control) in pages {
        let (root, h) = mount_at(path, Lang::Zh).await;
        wait_dom(&root, &format!("{path} in Chinese"), || {
            text(&root, "h1") == heading
                && qa(&root, "button, a, label, summary")
                    .iter()
                    .any(|e| e.text_content().unwrap_or_default().trim() == control)
        })
        .await;
        assert_eq!(text(&root, "nav a[href='/tasks']"), "任务", "{path}");
        assert_eq!(
            document()
                .document_element()
                .unwrap()
                .get_attribute("lang")
                .as_deref(),
            Some("zh-CN")
        );
        assert!(
            document().title().contains("OCP 租户控制台"),
            "{}",
            document().title()
        );
        drop(h);
        root.remove();
    }
    i18n::set(Lang::En);
}

#[wasm_bindgen_test]
async fn switching_language_keeps_a_half_filled_form_and_requests_follow() {
    signed_in();
    let (root, _h) = mount_at("/add-replica?cluster=1&tenant=1001", Lang::Zh).await;
    wait_dom(&root, "the zones", || {
        qa(&root, "select[name=zoneName] option:not([disabled])").len() == 3
    })
    .await;
    set_select(&root, "select[name=zoneName]", "zone3");
    set_input(&root, "input[name=unitCount]", "3");
    set_input(&root, "#tenant-search", "mysql");
    assert_eq!(text(&root, "h1"), "添加副本");
    let zh_reads = requests();
    assert!(!zh_reads.is_empty());
    assert!(
        zh_reads
            .iter()
            .all(|r| accept_language(r).starts_with("zh-CN")),
        "{zh_reads:?}"
    );

    choose_language(&root, "en-US");
    wait_dom(&root, "the page in English", || {
        text(&root, "h1") == "Add replicas"
            && text(&root, "label[for=cluster]") == "Cluster"
            && text(&root, "#add-row") == "Add another zone"
    })
    .await;
    let value = |css: &str| -> String {
        q(&root, css)
            .map(|e| {
                e.dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_else(|e| e.unchecked_into::<web_sys::HtmlSelectElement>().value())
            })
            .unwrap_or_default()
    };
    assert_eq!(value("select[name=zoneName]"), "zone3");
    assert_eq!(value("input[name=unitCount]"), "3");
    assert_eq!(value("#tenant-search"), "mysql");
    assert_eq!(value("select[name=tenant]"), "1001");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en-US")
    );
    assert_eq!(
        window()
            .local_storage()
            .unwrap()
            .unwrap()
            .get_item("ocp-console.lang")
            .unwrap()
            .as_deref(),
        Some("en-US")
    );
    assert!(posts().is_empty(), "switching sent nothing: {:?}", posts());
}

#[wasm_bindgen_test]
async fn the_task_page_is_read_again_and_the_chart_speaks_chinese() {
    signed_in();
    let (root, _h) = mount_at("/tasks/7", Lang::En).await;
    wait_dom(&root, "the chart", || {
        qa(&root, "g.dag-node").len() == 3 && !qa(&root, ".dag-legend li").is_empty()
    })
    .await;
    let task_reads = |lang: &str| {
        requests()
            .iter()
            .filter(|r| {
                r.path == "/api/v2/tasks/instances/7" && accept_language(r).starts_with(lang)
            })
            .count()
    };
    assert!(task_reads("en-US") >= 1);
    assert_eq!(task_reads("zh-CN"), 0);

    choose_language(&root, "zh-CN");
    wait_dom(&root, "the legend in Chinese", || {
        qa(&root, ".dag-legend li")
            .iter()
            .any(|li| li.text_content().unwrap_or_default().contains("成功"))
    })
    .await;
    wait_until("the task read again in Chinese", || {
        task_reads("zh-CN") >= 1
    })
    .await;

    let running = q(&root, "g.dag-node[data-status=running]").unwrap();
    let label = running.get_attribute("aria-label").unwrap();
    assert!(label.contains("运行中"), "{label}");
    assert!(text(&root, "g.dag-node[data-status=running] text.status").contains("运行中"));
    assert!(text(&root, "[data-testid=task-state]").contains("运行中"));
    assert_eq!(
        text(&root, ".dag-toolbar button[data-action=current-step]"),
        "定位到当前步骤"
    );

    // The long name: the visible part ends on a whole character, fits 24 columns, and is
    // followed by an ellipsis; the full name stays in the accessible name.
    let full = "切换主租户为备租户并等待日志同步完成后再继续";
    let shown: String = q(&running, "text.name")
        .unwrap()
        .child_nodes()
        .item(0)
        .and_then(|n| n.text_content())
        .unwrap();
    assert!(
        full.starts_with(&shown) && shown.len() < full.len(),
        "{shown}"
    );
    assert!(
        ocp_core::i18n::display_width(&shown) <= 24,
        "{shown} is too wide"
    );
    assert_eq!(text(&running, "text.more"), "…");
    assert!(label.starts_with(full), "{label}");
    i18n::set(Lang::En);
}
