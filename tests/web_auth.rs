//! Sign-in in a browser: a 401 opens the dialog over the page, Basic and session login both work,
//! credentials never reach local storage, and sign-out forgets them.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::session;
use ocp_console::App;
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "s3cret-Pa55";

fn storage_text(local: bool) -> String {
    let w = window();
    let s = if local {
        w.local_storage()
    } else {
        w.session_storage()
    }
    .unwrap()
    .unwrap();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| format!("{k}={}", s.get_item(&k).unwrap().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(";")
}

fn stub_reads() {
    ok(
        "GET",
        "/api/v2/tasks/instances?",
        json!({"contents": [], "page": {"totalElements": 0, "totalPages": 0, "number": 1, "size": 20}}),
    );
    ok("GET", "/api/v2/ob/clusters", json!({"contents": []}));
}

async fn sign_in(root: &web_sys::Element, user: &str, method: &str, remember: bool) {
    wait_until("the sign-in dialog", || {
        q(root, "[role=dialog] #username").is_some()
    })
    .await;
    set_input(root, "#username", user);
    set_input(root, "#password", PASSWORD);
    click(root, &format!("input[name=method][value={method}]"));
    if remember {
        click(root, "#remember");
    }
    click(root, "[role=dialog] #submit");
}

#[wasm_bindgen_test]
async fn basic_sign_in_keeps_credentials_out_of_local_storage() {
    install_fetch_stub();
    session::sign_out();
    stub_reads();
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
    wait_until("dialog", || q(&root, "[role=dialog]").is_some()).await;
    assert!(
        text(&root, "h1").contains("Tasks"),
        "the page stays under the dialog"
    );

    fail(
        "GET",
        "/api/v2/iam/current-user",
        401,
        30004,
        "Bad credentials",
        json!([]),
    );
    sign_in(&root, "admin", "basic", true).await;
    wait_dom(&root, "OCP's message", || {
        text(&root, "[role=dialog] [data-testid=api-error]").contains("Bad credentials")
    })
    .await;
    assert!(
        !storage_text(false).contains(PASSWORD),
        "refused credentials are not kept"
    );

    ok(
        "GET",
        "/api/v2/iam/current-user",
        json!({"id": 1, "username": "admin"}),
    );
    click(&root, "[role=dialog] #submit");
    wait_dom(&root, "signed in", || {
        text(&root, "[data-testid=user-name]") == "admin"
    })
    .await;
    assert!(q(&root, "[role=dialog]").is_none());
    let last = requests()
        .into_iter()
        .rev()
        .find(|r| r.path == "/api/v2/iam/current-user")
        .unwrap();
    assert_eq!(
        last.headers["authorization"],
        session::basic_header("admin", PASSWORD)
    );
    assert!(
        !storage_text(true).contains(PASSWORD) && !storage_text(true).contains("admin"),
        "{}",
        storage_text(true)
    );
    assert!(
        storage_text(false).contains(PASSWORD),
        "remembered for this tab only"
    );
    assert!(!window().location().href().unwrap().contains(PASSWORD));

    click(&root, "[data-testid=sign-out]");
    wait_until("signed out", || q(&root, "[role=dialog]").is_some()).await;
    assert!(
        !storage_text(false).contains(PASSWORD),
        "sign-out forgets the tab copy"
    );
    assert!(!storage_text(true).contains(PASSWORD));
    assert!(session::current().is_none());
}

#[wasm_bindgen_test]
async fn session_sign_in_posts_the_form_and_echoes_xsrf() {
    install_fetch_stub();
    session::sign_out();
    stub_reads();
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
    ok(
        "POST",
        "/api/v2/iam/login",
        json!({"id": 1, "username": "ops"}),
    );
    sign_in(&root, "ops", "session", false).await;
    wait_until("login POST", || {
        posts().iter().any(|p| p.path == "/api/v2/iam/login")
    })
    .await;
    let login = posts()
        .into_iter()
        .find(|p| p.path == "/api/v2/iam/login")
        .unwrap();
    assert_eq!(
        login.body.as_deref(),
        Some(format!("username=ops&password={PASSWORD}").as_str())
    );
    assert_eq!(
        login.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert!(login.headers.get("authorization").is_none());
    wait_dom(&root, "the refused first attempt", || {
        text(&root, "[role=dialog] [data-testid=api-error]").contains("Not logged in")
    })
    .await;
    ok(
        "GET",
        "/api/v2/iam/current-user",
        json!({"id": 1, "username": "ops"}),
    );
    click(&root, "[role=dialog] #submit");
    wait_dom(&root, "signed in", || {
        text(&root, "[data-testid=user-name]") == "ops"
    })
    .await;
    assert!(!storage_text(true).contains(PASSWORD) && !storage_text(false).contains(PASSWORD));

    let doc: web_sys::HtmlDocument = wasm_bindgen::JsCast::unchecked_into(document());
    doc.set_cookie("XSRF-TOKEN=tok-123; path=/").unwrap();
    ok("POST", "/api/v2/iam/logout", json!(null));
    click(&root, "[data-testid=sign-out]");
    wait_until("logout POST", || {
        posts().iter().any(|p| p.path == "/api/v2/iam/logout")
    })
    .await;
    let logout = posts()
        .into_iter()
        .find(|p| p.path == "/api/v2/iam/logout")
        .unwrap();
    assert_eq!(logout.headers["x-xsrf-token"], "tok-123");
    assert!(logout.headers.get("authorization").is_none());
    doc.set_cookie("XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/")
        .unwrap();
    go("/");
}
