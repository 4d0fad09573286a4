//! The app shell mounts and each route renders its heading.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::App;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn each_route_renders_its_heading() {
    install_fetch_stub();
    ok(
        "GET",
        "/api/v2/iam/current-user",
        serde_json::json!({"id": 1, "username": "admin"}),
    );
    ok(
        "GET",
        "/api/v2/ob/clusters",
        serde_json::json!({"contents": [], "page": {"totalElements": 0, "totalPages": 0, "number": 1, "size": 100}}),
    );
    ok(
        "GET",
        "/api/v2/ob/tenants",
        serde_json::json!({"contents": []}),
    );
    ok(
        "GET",
        "/api/v2/ob/unitSpecs",
        serde_json::json!({"contents": []}),
    );
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        serde_json::json!({"contents": [], "page": {"totalElements": 0, "totalPages": 0, "number": 1, "size": 20}}),
    );
    for (path, heading) in [
        ("/add-replica", "Add replicas"),
        ("/switchover", "Batch switchover"),
        ("/tasks", "Tasks"),
        ("/no-such-page", "Page not found"),
    ] {
        go(path);
        let root = container();
        let _h = mount_to(root.clone(), || view! { <App /> });
        let shown = || text(&root, "h1").contains(heading);
        for _ in 0..300 {
            if shown() {
                break;
            }
            settle(10).await;
        }
        assert!(
            shown(),
            "{path}: base={:?} loc={:?} {}",
            ocp_console::app::base_path(),
            window().location().href(),
            root.inner_html()
        );
        let nav = text(&root, "nav");
        assert!(
            nav.contains("Add replica") && nav.contains("Switchover") && nav.contains("Tasks"),
            "{nav}"
        );
    }
    go("/");
}
