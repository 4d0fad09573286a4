//! Switchover: pairs swap roles, the pre-check, and the pairs' validation.

mod common;
use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switchover_of_two_pairs_swaps_roles() {
    let sim = fast().await;
    let (_, pc) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1004/switchoverPreCheck",
            json!({"tenantId": 1004, "standbyTenantId": 1102}),
        )
        .await;
    assert_eq!(pc["data"]["valid"], true, "{pc}");
    assert_eq!(pc["data"]["standbyCheckResults"][0]["clusterId"], 2);
    let (_, bad) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/switchoverPreCheck",
            json!({"standbyTenantId": 1003}),
        )
        .await;
    assert_eq!(bad["data"]["valid"], false);
    assert!(bad["data"]["standbyCheckResults"][0]["messages"][0].is_string());

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1002, "standbyTenantId": 1003}, {"tenantId": 1004, "standbyTenantId": 1102}]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let tasks = v["data"]["contents"].as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    for t in tasks {
        assert_eq!(t["subtasks"].as_array().unwrap().len(), 10);
        sim.wait_status(t["id"].as_u64().unwrap(), "SUCCESSFUL")
            .await;
    }
    let p = sim.tenant(1, 1002).await;
    let s = sim.tenant(1, 1003).await;
    assert_eq!(
        (p["tenantRole"].as_str(), p["primaryTenantId"].as_u64()),
        (Some("STANDBY"), Some(1003))
    );
    assert_eq!(s["tenantRole"], "PRIMARY");
    assert!(s.get("primaryTenantId").is_none());
    assert_eq!(sim.tenant(2, 1102).await["tenantRole"], "PRIMARY");
    assert_eq!(sim.tenant(1, 1004).await["primaryTenantId"], 1102);

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/switchover",
            json!({"tenantId": 1001, "standbyTenantId": 1101}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;
    assert_eq!(sim.tenant(2, 1101).await["tenantRole"], "PRIMARY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switchover_validation() {
    let sim = fast().await;
    let url = "/api/v2/ob/clusters/1/tenants/switchover";
    let cases = [
        (
            json!([{"tenantId": 1003, "standbyTenantId": 1002}]),
            400,
            vec![
                "tenantParamList[0].tenantId",
                "tenantParamList[0].standbyTenantId",
            ],
        ),
        (
            json!([{"tenantId": 1001, "standbyTenantId": 1003}]),
            400,
            vec!["tenantParamList[0].standbyTenantId"],
        ),
        (
            json!([{"tenantId": 1002, "standbyTenantId": 1003}, {"tenantId": 1002, "standbyTenantId": 1003}]),
            400,
            vec![
                "tenantParamList[1].tenantId",
                "tenantParamList[1].standbyTenantId",
            ],
        ),
        (
            json!([{"tenantId": 1002}]),
            400,
            vec!["tenantParamList[0].standbyTenantId"],
        ),
        (
            json!([{"tenantId": 1103, "standbyTenantId": 1201}]),
            400,
            vec!["tenantParamList[0].tenantId"],
        ),
        (
            json!([{"tenantId": 4242, "standbyTenantId": 1003}]),
            404,
            vec![],
        ),
        (
            json!([{"tenantId": 1002, "standbyTenantId": 4242}]),
            404,
            vec![],
        ),
    ];
    for (list, status, want) in cases {
        let (s, v) = sim.post(url, json!({"tenantParamList": list})).await;
        assert_eq!(s, status, "{list} -> {v}");
        assert_eq!(fields(&v), want, "{list} -> {v}");
    }
    let (s, _) = sim.post(url, json!({"tenantParamList": []})).await;
    assert_eq!(s, 400);
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/switchover",
            json!({"standbyTenantId": 1101}),
        )
        .await;
    assert_eq!((s, fields(&v)), (400, vec!["standbyTenantId".to_string()]));
    let (s, _) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/4242/switchoverPreCheck",
            json!({}),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sys_tenant_is_never_switched_over() {
    let sim = fast().await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1000, "standbyTenantId": 1003}]}),
        )
        .await;
    assert_eq!((s, v["error"]["code"].as_i64()), (400, Some(10001)), "{v}");
    assert_eq!(fields(&v)[0], "tenantParamList[0].tenantId");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("sys tenant cannot be switched over"));
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/switchover",
            json!({"tenantId": 1002, "standbyTenantId": 1100}),
        )
        .await;
    assert_eq!((s, fields(&v)), (400, vec!["standbyTenantId".to_string()]));

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1000/switchoverPreCheck",
            json!({"tenantId": 1000}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["valid"], false);
    assert!(v["data"]["messages"][0].as_str().unwrap().contains("sys"));
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/switchoverPreCheck",
            json!({"tenantId": 1002, "standbyTenantId": 1000}),
        )
        .await;
    assert_eq!(v["data"]["standbyCheckResults"][0]["valid"], false, "{v}");
    assert_eq!(sim.tenant(1, 1000).await["tenantRole"], "PRIMARY");
    let (_, v) = sim.get("/api/v2/tasks/instances").await;
    assert_eq!(v["data"]["page"]["totalElements"], 0, "no task was created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lagging_standby_fails_the_precheck() {
    let sim = fast().await;
    let precheck = || {
        sim.post(
            "/api/v2/ob/clusters/1/tenants/1002/switchoverPreCheck",
            json!({"tenantId": 1002, "standbyTenantId": 1003}),
        )
    };
    let (_, v) = precheck().await;
    assert_eq!(v["data"]["valid"], true, "{v}");
    assert_eq!(sim.tenant(1, 1003).await["syncStatus"], "NORMAL_SYNC");

    sim.control("/_sim/lag", json!({"tenantId": 1003, "lagSeconds": 120}))
        .await;
    let (_, v) = precheck().await;
    let r = &v["data"]["standbyCheckResults"][0];
    assert_eq!(
        (&v["data"]["valid"], &r["valid"]),
        (&json!(false), &json!(false)),
        "{v}"
    );
    assert!(
        r["messages"][0].as_str().unwrap().contains("log lag 120 s"),
        "{r}"
    );
    assert_eq!(r["syncStatus"], "SYNC_DELAYED");
    let t = sim.tenant(1, 1003).await;
    assert_eq!(
        (t["syncStatus"].as_str(), t["logLagSeconds"].as_u64()),
        (Some("SYNC_DELAYED"), Some(120))
    );

    sim.control("/_sim/lag", json!({"tenantId": 1003, "lagSeconds": 0}))
        .await;
    let (_, v) = precheck().await;
    assert_eq!(v["data"]["valid"], true, "{v}");
}
