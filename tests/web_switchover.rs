#![cfg(target_arch = "wasm32")]
//! Batch switchover in a browser: validation, precheck, one confirmed POST, OCP's errors.

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use ocp_console::api::Api;
use ocp_console::pages::SwitchoverPage;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const SWITCHOVER: &str = "/api/v2/ob/clusters/1/tenants/switchover";

#[component]
fn Harness() -> impl IntoView {
    provide_context(Api::same_origin());
    view! {
        <Router>
            <SwitchoverPage />
        </Router>
    }
}

fn stub_inventory(roles: bool) {
    ok(
        "GET",
        "/api/v2/ob/clusters",
        json!({"contents": [{"id": 1, "name": "obcluster-a"}, {"id": 2, "name": "obcluster-dr"}],
               "page": {"number": 1, "size": 100, "totalElements": 2, "totalPages": 1}}),
    );
    let t = |id: i64, name: &str, cluster: i64, role: &str, primary: Option<i64>| {
        let mut v = json!({"id": id, "name": name, "clusterId": cluster, "mode": "MYSQL", "status": "NORMAL"});
        if roles {
            v["tenantRole"] = json!(role);
            if let Some(p) = primary {
                v["primaryTenantId"] = json!(p);
            }
        }
        v
    };
    ok(
        "GET",
        "/api/v2/ob/tenants",
        json!({"contents": [
            t(1001, "mysql_app", 1, "PRIMARY", None),
            t(1004, "mysql_pay", 1, "PRIMARY", None),
            t(1005, "mysql_lonely", 1, "PRIMARY", None),
            t(1101, "mysql_app_dr", 2, "STANDBY", Some(1001)),
            t(1102, "mysql_pay_dr", 2, "STANDBY", Some(1004)),
        ]}),
    );
}

fn stub_precheck(tenant: i64, standby: i64, valid: bool, reason: Option<&str>) {
    let messages: Vec<&str> = reason.into_iter().collect();
    ok(
        "POST",
        &format!("/api/v2/ob/clusters/1/tenants/{tenant}/switchoverPreCheck"),
        json!({"valid": valid, "tenantId": tenant, "name": "t", "clusterId": 1, "clusterName": "obcluster-a",
               "standbyCheckResults": [{"tenantId": standby, "valid": valid, "messages": messages}]}),
    );
}

fn value(root: &Element, css: &str) -> String {
    let el = q(root, css).unwrap_or_else(|| panic!("no {css}"));
    match el.dyn_ref::<HtmlSelectElement>() {
        Some(s) => s.value(),
        None => el.unchecked_into::<HtmlInputElement>().value(),
    }
}

fn disabled(root: &Element, css: &str) -> bool {
    q(root, css)
        .unwrap_or_else(|| panic!("no {css}"))
        .has_attribute("disabled")
}

fn switchover_posts() -> Vec<Req> {
    posts()
        .into_iter()
        .filter(|r| r.path == SWITCHOVER)
        .collect()
}

/// The message element right after the field, pointed to by its `aria-describedby`.
fn message_of(root: &Element, field_id: &str) -> Option<String> {
    let field = q(root, &format!("#{field_id}")).unwrap_or_else(|| panic!("no #{field_id}"));
    let err = field.next_element_sibling()?;
    if !err.class_list().contains("field-error") {
        return None;
    }
    assert_eq!(err.id(), format!("{field_id}-error"));
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some(format!("{field_id}-error").as_str())
    );
    err.text_content()
}

async fn choose_cluster(root: &Element) {
    wait_until("the cluster list", || {
        q(root, "select#cluster option[value='1']").is_some()
    })
    .await;
    set_select(root, "#cluster", "1");
}

/// Two role-aware pairs: 1001 → 1101 and 1004 → 1102.
async fn fill_two_pairs(root: &Element) {
    choose_cluster(root).await;
    wait_until("the primary choices", || {
        q(root, "select#primary-0 option[value='1001']").is_some()
    })
    .await;
    set_select(root, "#primary-0", "1001");
    wait_until("the standby choices", || {
        q(root, "select#standby-0 option[value='1101']").is_some()
    })
    .await;
    set_select(root, "#standby-0", "1101");
    click(root, "#add-pair");
    wait_until("the second pair", || {
        q(root, "select#primary-1 option[value='1004']").is_some()
    })
    .await;
    set_select(root, "#primary-1", "1004");
    wait_until("its standby choices", || {
        q(root, "select#standby-1 option[value='1102']").is_some()
    })
    .await;
    set_select(root, "#standby-1", "1102");
}

async fn precheck_passes(root: &Element) {
    stub_precheck(1001, 1101, true, None);
    stub_precheck(1004, 1102, true, None);
    click(root, "#precheck");
    wait_until("both prechecks passed", || {
        qa(root, "[data-testid=precheck][data-valid=true]").len() == 2
    })
    .await;
    wait_until("submit enabled", || !disabled(root, "#submit")).await;
}

async fn open_and_confirm(root: &Element) {
    click(root, "#submit");
    wait_until("the dialog", || q(root, "[role=dialog] #confirm").is_some()).await;
    click(root, "#confirm");
}

#[wasm_bindgen_test]
async fn invalid_pairs_show_messages_next_to_fields_and_send_nothing() {
    install_fetch_stub();
    stub_inventory(false);
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the tenant list", || {
        qa(&root, "#known-tenants option").len() == 5
    })
    .await;
    for _ in 0..3 {
        click(&root, "#add-pair");
    }
    wait_until("four pairs", || {
        qa(&root, "[data-testid=pair-row]").len() == 4
    })
    .await;
    assert!(
        q(&root, "input[name=primary]#primary-3").is_some(),
        "free entry without roles"
    );
    set_input(&root, "#primary-1", "1001");
    set_input(&root, "#standby-1", "1001");
    set_input(&root, "#primary-2", "1004");
    set_input(&root, "#standby-2", "1101");
    set_input(&root, "#primary-3", "1005");
    set_input(&root, "#standby-3", "1101");
    settle(30).await;
    assert!(
        qa(&root, ".field-error").is_empty(),
        "no message before the first attempt"
    );

    click(&root, "#precheck");
    wait_until("messages", || !qa(&root, ".field-error").is_empty()).await;
    assert_eq!(
        message_of(&root, "cluster").as_deref(),
        Some("Choose a cluster.")
    );
    assert_eq!(
        message_of(&root, "primary-0").as_deref(),
        Some("Choose a tenant.")
    );
    assert_eq!(
        message_of(&root, "standby-0").as_deref(),
        Some("Choose a tenant.")
    );
    assert_eq!(
        message_of(&root, "standby-1").as_deref(),
        Some("A tenant cannot be paired with itself.")
    );
    assert_eq!(message_of(&root, "primary-2"), None);
    assert_eq!(message_of(&root, "standby-2"), None);
    assert_eq!(
        message_of(&root, "standby-3").as_deref(),
        Some("Tenant 1101 is already in another pair.")
    );
    assert!(disabled(&root, "#submit"));
    click(&root, "#submit");

    set_input(&root, "#standby-1", "1102");
    wait_until("the message goes live", || {
        message_of(&root, "standby-1").is_none()
    })
    .await;
    settle(50).await;
    assert!(
        posts().is_empty(),
        "nothing is sent while invalid: {:?}",
        posts()
    );
    assert!(q(&root, "[role=dialog]").is_none());
}

#[wasm_bindgen_test]
async fn valid_batch_prechecks_confirms_and_posts_once() {
    install_fetch_stub();
    stub_inventory(true);
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    fill_two_pairs(&root).await;
    let labels: Vec<String> = qa(&root, "select#standby-0 option")
        .iter()
        .filter_map(|o| o.text_content())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l == "mysql_app_dr (1101) · obcluster-dr"),
        "standby shown with name, id and cluster: {labels:?}"
    );
    assert!(
        q(&root, "select#primary-0 option[value='1005']").is_none(),
        "a primary without standby is not offered"
    );
    assert!(disabled(&root, "#submit"), "no submit before the precheck");

    precheck_passes(&root).await;
    ok(
        "POST",
        SWITCHOVER,
        json!({"contents": [{"id": 501, "name": "Switchover", "status": "RUNNING"},
                            {"id": 502, "name": "Switchover", "status": "RUNNING"}]}),
    );
    click(&root, "#submit");
    wait_until("the dialog", || {
        q(&root, "[role=dialog] #confirm").is_some()
    })
    .await;
    let dialog = text(&root, "[role=dialog]");
    assert!(
        dialog.contains(
            "mysql_app (1001, primary) becomes standby; mysql_app_dr (1101) becomes primary"
        ),
        "{dialog}"
    );
    assert!(
        dialog.contains(
            "mysql_pay (1004, primary) becomes standby; mysql_pay_dr (1102) becomes primary"
        ),
        "{dialog}"
    );
    assert!(dialog.contains("production traffic"), "{dialog}");
    assert!(
        switchover_posts().is_empty(),
        "opening the dialog sends nothing"
    );

    click(&root, "#confirm");
    click(&root, "#confirm");
    wait_until("the POST", || !switchover_posts().is_empty()).await;
    wait_until("navigation to the batch", || {
        let loc = window().location();
        loc.pathname().ok().as_deref() == Some("/batch")
            && loc.search().ok().as_deref() == Some("?ids=501,502")
    })
    .await;
    settle(300).await;
    let sent = switchover_posts();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let body: Value = serde_json::from_str(sent[0].body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"tenantParamList": [{"tenantId": 1001, "standbyTenantId": 1101},
                                   {"tenantId": 1004, "standbyTenantId": 1102}]})
    );
    let recent: Vec<i64> = ocp_console::recent::load().iter().map(|r| r.0).collect();
    assert_eq!(recent[..2], [501, 502]);
}

#[wasm_bindgen_test]
async fn ocp_sub_errors_land_on_their_fields_and_keep_the_selection() {
    install_fetch_stub();
    stub_inventory(true);
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    fill_two_pairs(&root).await;
    precheck_passes(&root).await;
    fail(
        "POST",
        SWITCHOVER,
        400,
        10001,
        "bad",
        json!([{"field": "tenantParamList[1].standbyTenantId", "message": "not its standby"}]),
    );
    open_and_confirm(&root).await;
    wait_until("the field message", || {
        message_of(&root, "standby-1").as_deref() == Some("not its standby")
    })
    .await;
    assert!(text(&root, "[data-testid=api-error]").contains("bad"));
    assert_eq!(text(&root, "[data-testid=trace-id]"), "trace-123abc");
    assert!(q(&root, "[role=dialog]").is_none(), "the dialog closes");
    assert_eq!(value(&root, "#primary-0"), "1001");
    assert_eq!(value(&root, "#standby-0"), "1101");
    assert_eq!(value(&root, "#primary-1"), "1004");
    assert_eq!(value(&root, "#standby-1"), "1102");
    assert_eq!(switchover_posts().len(), 1);
}

#[wasm_bindgen_test]
async fn network_error_keeps_input_and_never_resends_by_itself() {
    install_fetch_stub();
    stub_inventory(false);
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    choose_cluster(&root).await;
    wait_until("free entry", || q(&root, "input#primary-0").is_some()).await;
    set_input(&root, "#primary-0", "1001");
    set_input(&root, "#standby-0", "1101");
    stub_precheck(1001, 1101, true, None);
    click(&root, "#precheck");
    wait_until("the precheck passed", || {
        q(&root, "[data-testid=precheck][data-valid=true]").is_some()
    })
    .await;
    stub_network_error("POST", SWITCHOVER);
    wait_until("submit enabled", || !disabled(&root, "#submit")).await;
    open_and_confirm(&root).await;
    wait_until("the banner", || {
        text(&root, "[data-testid=api-error]").contains("Cannot reach OCP")
    })
    .await;
    settle(1_500).await; // past the first backoff (1 s ± 20 %) a retry would take
    assert_eq!(switchover_posts().len(), 1);
    assert_eq!(value(&root, "#primary-0"), "1001");
    assert_eq!(value(&root, "#standby-0"), "1101");
    assert!(q(&root, "[role=dialog]").is_none());
    assert!(!disabled(&root, "#submit"), "the user may confirm again");
}

#[wasm_bindgen_test]
async fn failed_precheck_blocks_submit_with_its_reason() {
    install_fetch_stub();
    stub_inventory(true);
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    fill_two_pairs(&root).await;
    stub_precheck(1001, 1101, true, None);
    stub_precheck(
        1004,
        1102,
        false,
        Some("Standby mysql_pay_dr lags 120 s behind"),
    );
    click(&root, "#precheck");
    wait_until("both precheck results", || {
        qa(&root, "[data-testid=precheck][data-valid]").len() == 2
    })
    .await;
    let rows = qa(&root, "[data-testid=pair-row]");
    let second = q(&rows[1], "[data-testid=precheck]").unwrap();
    assert_eq!(second.get_attribute("data-valid").as_deref(), Some("false"));
    assert!(second
        .text_content()
        .unwrap_or_default()
        .contains("Standby mysql_pay_dr lags 120 s behind"));
    let first = q(&rows[0], "[data-testid=precheck]").unwrap();
    assert_eq!(first.get_attribute("data-valid").as_deref(), Some("true"));
    assert!(disabled(&root, "#submit"));
    click(&root, "#submit");
    settle(50).await;
    assert!(q(&root, "[role=dialog]").is_none());

    set_select(&root, "#primary-1", "");
    wait_until("a changed pair drops its precheck", || {
        q(&rows[1], "[data-testid=precheck]").is_none()
    })
    .await;
    assert!(switchover_posts().is_empty());
}

#[wasm_bindgen_test]
async fn loading_errors_show_the_banner_and_keep_free_entry_usable() {
    install_fetch_stub();
    fail(
        "GET",
        "/api/v2/ob/clusters",
        500,
        10000,
        "inventory down",
        json!([]),
    );
    fail(
        "GET",
        "/api/v2/ob/tenants",
        500,
        10000,
        "inventory down",
        json!([]),
    );
    let root: Element = container().into();
    let _h = mount_to(root.clone().unchecked_into(), || view! { <Harness /> });
    wait_until("the banner", || {
        text(&root, "[data-testid=api-error]").contains("inventory down")
    })
    .await;
    wait_until("free entry of the cluster", || {
        q(&root, "input#cluster").is_some()
    })
    .await;
    set_input(&root, "#cluster", "1");
    set_input(&root, "#primary-0", "1001");
    set_input(&root, "#standby-0", "1101");
    stub_precheck(1001, 1101, true, None);
    click(&root, "#precheck");
    wait_until("the precheck passed", || {
        q(&root, "[data-testid=precheck][data-valid=true]").is_some()
    })
    .await;
    wait_until("submit enabled", || !disabled(&root, "#submit")).await;
    click(&root, "#submit");
    wait_until("the dialog", || q(&root, "[role=dialog]").is_some()).await;
    let esc = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    q(&root, "#confirm").unwrap().dispatch_event(&esc).unwrap();
    wait_until("Escape closes the dialog", || {
        q(&root, "[role=dialog]").is_none()
    })
    .await;
    assert!(switchover_posts().is_empty());
}
