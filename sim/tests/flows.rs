//! The operations run to completion and change the world; failures, retry, skip, rollback and
//! cancel reach OCP's end states; forbidden transitions answer 20003/20004; validation errors.

mod common;
use common::*;
use serde_json::{json, Value};

fn zones_of(t: &Value) -> Vec<String> {
    t["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_replica_runs_and_changes_the_world() {
    let sim = start(config(20)).await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S4", 1), ("zone4", "READONLY", "S2", 2)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let id = v["data"]["id"].as_u64().unwrap();
    let branches: Vec<i64> = v["data"]["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == "Create resource pool")
        .map(|s| s["parallelIdx"].as_i64().unwrap())
        .collect();
    assert_eq!(branches, vec![0, 1]);
    assert_eq!(sim.tenant(1, 1001).await["status"], "MODIFYING");
    let (s, busy) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(
        (s, busy["error"]["code"].as_i64()),
        (400, Some(10001)),
        "{busy}"
    );

    let t = sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(t["operation"], "EXECUTE");
    for s in t["subtasks"].as_array().unwrap() {
        assert_eq!(s["status"], "SUCCESSFUL");
        assert!(s["startTime"].is_string() && s["finishTime"].is_string());
        let (_, log) = sim
            .get(&format!(
                "/api/v2/tasks/instances/{id}/subtasks/{}/log",
                s["id"]
            ))
            .await;
        assert!(log["data"]["log"]
            .as_str()
            .unwrap()
            .starts_with("############{EXECUTE}{"));
    }
    let tenant = sim.tenant(1, 1001).await;
    assert_eq!(tenant["status"], "NORMAL");
    assert_eq!(zones_of(&tenant), ["zone1", "zone2", "zone3", "zone4"]);
    let z3 = &tenant["zones"][2];
    assert_eq!(z3["resourcePool"]["unitConfig"]["maxCpuCoreCount"], 4.0);
    assert_eq!(tenant["zones"][3]["replicaType"], "READONLY");
    assert_eq!(tenant["zones"][3]["resourcePool"]["unitCount"], 2);
}

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
async fn delete_modify_failover_change_the_world() {
    let sim = fast().await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/deleteReplica",
            json!([{"zoneName": "zone3"}]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;
    assert_eq!(zones_of(&sim.tenant(1, 1002).await), ["zone1", "zone2"]);

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/modifyReplica",
            add_body(&[("zone1", "FULL", "S8", 3)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;
    let t = sim.tenant(1, 1002).await;
    assert_eq!(t["zones"][0]["resourcePool"]["unitCount"], 3);
    assert_eq!(
        t["zones"][0]["resourcePool"]["unitConfig"]["maxMemorySize"],
        32
    );

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/3/tenants/failover",
            json!({"failoverTenantItemList": [{"tenantId": 1201}]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(
        v["data"]["contents"][0]["id"].as_u64().unwrap(),
        "SUCCESSFUL",
    )
    .await;
    assert_eq!(sim.tenant(3, 1201).await["tenantRole"], "PRIMARY");

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/3/tenants/failover",
            json!({"failoverTenantItemList": [{"tenantId": 1202}]}),
        )
        .await;
    assert_eq!(
        (s, fields(&v)),
        (400, vec!["failoverTenantItemList[0].tenantId".to_string()])
    );
    let (s, _) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/deleteReplica",
            json!([{"zoneName": "zone4"}]),
        )
        .await;
    assert_eq!(s, 400);
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/deleteReplica",
            json!([{"zoneName": "zone1"}, {"zoneName": "zone2"}]),
        )
        .await;
    assert_eq!(s, 400, "{v}");
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/modifyReplica",
            add_body(&[("zone4", "FULL", "S1", 0)]),
        )
        .await;
    assert_eq!(
        (s, fields(&v)),
        (
            400,
            vec![
                "[0].zoneName".to_string(),
                "[0].resourcePool.unitCount".to_string()
            ]
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_replica_validation() {
    let sim = fast().await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/9/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!((s, v["error"]["code"].as_i64()), (404, Some(10002)));
    let (s, _) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/9999/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = sim
        .post(
            "/api/v2/ob/clusters/2/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 404, "tenant of another cluster");
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[
                ("zone9", "FULL", "S1", 1),
                ("zone1", "FULL", "S1", 1),
                ("zone3", "BOGUS", "S1", 0),
                ("zone3", "FULL", "S77", 1),
                ("zone4", "LOGONLY", "S1", 1),
            ]),
        )
        .await;
    assert_eq!((s, v["error"]["code"].as_i64()), (400, Some(10001)), "{v}");
    assert_eq!(
        fields(&v),
        [
            "[0].zoneName",
            "[1].zoneName",
            "[2].replicaType",
            "[2].resourcePool.unitCount",
            "[3].zoneName",
            "[3].resourcePool.unitSpecName",
            "[4].replicaType"
        ]
    );
    let e = &v["error"]["subErrors"][0];
    assert_eq!(
        (
            e["object"].is_string(),
            e["rejectedValue"].as_str(),
            e["message"].is_string()
        ),
        (true, Some("zone9"), true)
    );
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/3/tenants/1202/addReplica",
            add_body(&[("zone4", "READONLY", "S1", 1)]),
        )
        .await;
    assert_eq!(
        (s, fields(&v)),
        (400, vec!["[0].replicaType".to_string()]),
        "4.1 is FULL only"
    );
    let (s, _) = sim
        .post("/api/v2/ob/clusters/1/tenants/1001/addReplica", json!([]))
        .await;
    assert_eq!(s, 400);
    let r = sim
        .http
        .post(sim.url("/api/v2/ob/clusters/1/tenants/1001/addReplica"))
        .basic_auth(USER, Some(PASS))
        .header("content-type", "application/json")
        .body("[{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(sim.tenant(1, 1001).await["status"], "NORMAL");
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

async fn failed_add(sim: &Sim, tenant: u64, zone: &str, step: &str) -> (u64, Value) {
    sim.control("/_sim/fail", json!({"next": true, "subtaskName": step}))
        .await;
    let (s, v) = sim
        .post(
            &format!("/api/v2/ob/clusters/1/tenants/{tenant}/addReplica"),
            add_body(&[(zone, "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let id = v["data"]["id"].as_u64().unwrap();
    (id, sim.wait_status(id, "FAILED").await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failure_then_retry() {
    let sim = fast().await;
    let (id, t) = failed_add(&sim, 1001, "zone3", "Sync tenant information").await;
    let failed = sub(&t, "Sync tenant information");
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(sub(&t, "Update tenant status")["status"], "PENDING");
    let sid = failed["id"].as_u64().unwrap();
    let (_, log) = sim
        .get(&format!("/api/v2/tasks/instances/{id}/subtasks/{sid}/log"))
        .await;
    let log = log["data"]["log"].as_str().unwrap().trim_end().to_string();
    assert!(log.lines().any(|l| l.contains(" ERROR ")), "{log}");
    assert!(log.ends_with("new state: FAILED"), "{log}");
    assert_eq!(zones_of(&sim.tenant(1, 1001).await).len(), 2);

    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/retry"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (
            v["data"]["status"].as_str(),
            v["data"]["operation"].as_str()
        ),
        (Some("RUNNING"), Some("RETRY"))
    );
    let retried = sub(&v["data"], "Sync tenant information");
    assert_eq!(
        (
            retried["status"].as_str(),
            retried["runTime"].as_i64(),
            retried["operation"].as_str()
        ),
        (Some("READY"), Some(2), Some("RETRY"))
    );
    let t = sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(t["operation"], "RETRY");
    let (_, log) = sim
        .get(&format!("/api/v2/tasks/instances/{id}/subtasks/{sid}/log"))
        .await;
    let log = log["data"]["log"].as_str().unwrap();
    assert_eq!(log.matches("############{").count(), 2);
    assert!(log.contains("############{RETRY}{"));
    assert_eq!(
        zones_of(&sim.tenant(1, 1001).await),
        ["zone1", "zone2", "zone3"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failure_then_skip_and_subtask_retry() {
    let sim = fast().await;
    let (id, t) = failed_add(&sim, 1001, "zone3", "Wait alter locality").await;
    let sid = sub(&t, "Wait alter locality")["id"].as_u64().unwrap();
    let (s, v) = sim
        .post(
            &format!("/api/v2/tasks/instances/{id}/subtasks/{sid}/skip"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let t = sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(sub(&t, "Wait alter locality")["operation"], "SKIP");
    assert_eq!(sub(&t, "Wait alter locality")["status"], "SUCCESSFUL");

    let (id, t) = failed_add(&sim, 1005, "zone1", "Prepare alter tenant").await;
    let sid = sub(&t, "Prepare alter tenant")["id"].as_u64().unwrap();
    let (s, v) = sim
        .post(
            &format!("/api/v2/tasks/instances/{id}/subtasks/{sid}/retry"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["runTime"], 2);
    sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(
        zones_of(&sim.tenant(1, 1005).await),
        ["zone2", "zone3", "zone1"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failure_then_rollback() {
    let sim = fast().await;
    let (id, _) = failed_add(&sim, 1001, "zone3", "Update tenant status").await;
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/rollback"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (
            v["data"]["status"].as_str(),
            v["data"]["operation"].as_str()
        ),
        (Some("RUNNING"), Some("ROLLBACK"))
    );
    let t = sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(t["operation"], "ROLLBACK");
    let mut runs = Vec::new();
    for s in t["subtasks"].as_array().unwrap() {
        assert_eq!(
            (s["status"].as_str(), s["operation"].as_str()),
            (Some("PENDING"), Some("ROLLBACK")),
            "{s}"
        );
        runs.push((
            s["startTime"].as_str().unwrap().to_string(),
            s["name"].as_str().unwrap().to_string(),
        ));
        let (_, log) = sim
            .get(&format!(
                "/api/v2/tasks/instances/{id}/subtasks/{}/log",
                s["id"]
            ))
            .await;
        assert!(log["data"]["log"]
            .as_str()
            .unwrap()
            .contains("############{ROLLBACK}{"));
    }
    runs.sort();
    let order: Vec<&str> = runs.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        order,
        [
            "Update tenant status",
            "Sync tenant information",
            "Wait alter locality",
            "Prepare alter tenant"
        ]
    );
    let tenant = sim.tenant(1, 1001).await;
    assert_eq!(
        (tenant["status"].as_str(), zones_of(&tenant).len()),
        (Some("NORMAL"), 2)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbidden_transitions() {
    let sim = fast().await;
    let code = |v: &Value| v["error"]["code"].as_i64();
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let pending = sub(&v["data"], "Update tenant status")["id"]
        .as_u64()
        .unwrap();
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/retry"), json!({}))
        .await;
    assert_eq!((s, code(&v)), (400, Some(20003)), "retry a running task");
    let (s, v) = sim
        .post(
            &format!("/api/v2/tasks/instances/{id}/subtasks/{pending}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(
        (s, code(&v)),
        (400, Some(20003)),
        "cancel a pending subtask"
    );
    let t = sim.wait_status(id, "SUCCESSFUL").await;
    let done = sub(&t, "Prepare alter tenant")["id"].as_u64().unwrap();
    for (path, what) in [
        (
            format!("/api/v2/tasks/instances/{id}/rollback"),
            "rollback a successful task",
        ),
        (
            format!("/api/v2/tasks/instances/{id}/retry"),
            "retry a successful task",
        ),
        (
            format!("/api/v2/tasks/instances/{id}/subtasks/{done}/retry"),
            "retry a successful subtask",
        ),
        (
            format!("/api/v2/tasks/instances/{id}/subtasks/{done}/skip"),
            "skip a successful subtask",
        ),
        (
            format!("/api/v2/tasks/instances/{id}/subtasks/{done}/cancel"),
            "cancel a successful subtask",
        ),
    ] {
        let (s, v) = sim.post(&path, json!({})).await;
        assert_eq!((s, code(&v)), (400, Some(20003)), "{what}: {v}");
    }
    let (s, v) = sim
        .post("/api/v2/tasks/instances/77/retry", json!({}))
        .await;
    assert_eq!((s, code(&v)), (404, Some(20000)));

    // A switchover whose "Switchover standby tenant to primary" step has succeeded cannot roll back.
    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Reset log restore source"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1002, "standbyTenantId": 1003}]}),
        )
        .await;
    let id = v["data"]["contents"][0]["id"].as_u64().unwrap();
    sim.wait_status(id, "FAILED").await;
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/rollback"), json!({}))
        .await;
    assert_eq!((s, code(&v)), (400, Some(20004)), "{v}");
    // Before that step it can.
    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Switch primary tenant to standby"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1004, "standbyTenantId": 1102}]}),
        )
        .await;
    let id = v["data"]["contents"][0]["id"].as_u64().unwrap();
    sim.wait_status(id, "FAILED").await;
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/rollback"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(sim.tenant(1, 1004).await["tenantRole"], "PRIMARY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_goes_canceling_then_failed() {
    let sim = start(config(300)).await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let t = sim
        .wait_task(id, "first subtask RUNNING", |t| {
            sub(t, "Prepare alter tenant")["status"] == "RUNNING"
        })
        .await;
    let sid = sub(&t, "Prepare alter tenant")["id"].as_u64().unwrap();
    let (s, v) = sim
        .post(
            &format!("/api/v2/tasks/instances/{id}/subtasks/{sid}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert!(v.get("data").is_none());
    let now = sim.task(id).await;
    assert!(matches!(
        sub(&now, "Prepare alter tenant")["status"].as_str(),
        Some("CANCELING" | "FAILED")
    ));
    let t = sim.wait_status(id, "FAILED").await;
    assert_eq!(sub(&t, "Prepare alter tenant")["status"], "FAILED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_list_filters_paging_sort() {
    let sim = fast().await;
    let mut ids = Vec::new();
    for (tenant, zone) in [(1001, "zone3"), (1005, "zone1"), (1002, "zone4")] {
        let (_, v) = sim
            .post(
                &format!("/api/v2/ob/clusters/1/tenants/{tenant}/addReplica"),
                add_body(&[(zone, "FULL", "S1", 1)]),
            )
            .await;
        ids.push(v["data"]["id"].as_u64().unwrap());
    }
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/2/tenants/failover",
            json!({"failoverTenantItemList": [{"tenantId": 1101}]}),
        )
        .await;
    let fo = v["data"]["contents"][0]["id"].as_u64().unwrap();
    for id in ids.iter().chain([&fo]) {
        sim.wait_status(*id, "SUCCESSFUL").await;
    }
    let list = |v: &Value| -> Vec<u64> {
        v["data"]["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_u64().unwrap())
            .collect()
    };
    let (_, v) = sim.get("/api/v2/tasks/instances").await;
    assert_eq!(list(&v), [fo, ids[2], ids[1], ids[0]]);
    let (_, v) = sim
        .get("/api/v2/tasks/instances?sort=id,asc&page=2&size=3")
        .await;
    assert_eq!(list(&v), [fo]);
    assert_eq!(
        v["data"]["page"],
        json!({"totalElements": 4, "totalPages": 2, "number": 2, "size": 3})
    );
    let (_, v) = sim
        .get("/api/v2/tasks/instances?clusterId=1&tenantId=1005")
        .await;
    assert_eq!(list(&v), [ids[1]]);
    let (_, v) = sim
        .get("/api/v2/tasks/instances?name=failover&status=SUCCESSFUL,FAILED&type=MANUAL")
        .await;
    assert_eq!(list(&v), [fo]);
    let (_, v) = sim.get("/api/v2/tasks/instances?status=RUNNING").await;
    assert!(list(&v).is_empty());
    let (_, v) = sim.get("/api/v2/tasks/instances?sort=createTime,asc").await;
    assert_eq!(list(&v)[0], ids[0]);
    let (s, _) = sim.get("/api/v2/tasks/instances?clusterId=abc").await;
    assert_eq!(s, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthetic_graphs_and_reset() {
    let sim = fast().await;
    for (shape, size) in [("chain", 30), ("fanout", 40), ("layered", 300)] {
        let v = sim
            .control(
                "/_sim/tasks",
                json!({"shape": shape, "size": size, "seed": 3, "static": true}),
            )
            .await;
        let subs = v["data"]["subtasks"].as_array().unwrap();
        assert_eq!(subs.len(), size);
        for s in subs {
            for u in s["upstreams"].as_array().unwrap() {
                assert!(
                    u.as_u64().unwrap() < s["id"].as_u64().unwrap(),
                    "edges go forward"
                );
            }
        }
        if shape == "fanout" {
            assert_eq!(
                subs[size - 1]["upstreams"].as_array().unwrap().len(),
                size - 2
            );
        }
    }
    let a = sim
        .control(
            "/_sim/tasks",
            json!({"shape": "layered", "size": 100, "seed": 9, "static": true}),
        )
        .await;
    let b = sim
        .control(
            "/_sim/tasks",
            json!({"shape": "layered", "size": 100, "seed": 9, "static": true}),
        )
        .await;
    let edges = |v: &Value| -> Vec<usize> {
        v["data"]["subtasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["upstreams"].as_array().unwrap().len())
            .collect()
    };
    assert_eq!(edges(&a), edges(&b), "same seed, same graph");
    let v = sim
        .control("/_sim/tasks", json!({"shape": "layered", "size": 60}))
        .await;
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;

    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;
    sim.control("/_sim/reset", json!({})).await;
    assert_eq!(zones_of(&sim.tenant(1, 1001).await).len(), 2);
    let (_, v) = sim.get("/api/v2/tasks/instances").await;
    assert_eq!(v["data"]["page"]["totalElements"], 0);
    sim.control("/_sim/clock", json!({"stepMs": 2})).await;
    let (_, h) = sim.get("/_sim/health").await;
    assert_eq!(h["data"]["stepMs"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_rate_is_deterministic() {
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let mut cfg = config(2);
        cfg.fail_rate = 0.3;
        let sim = start(cfg).await;
        let v = sim
            .control("/_sim/tasks", json!({"shape": "chain", "size": 12}))
            .await;
        let id = v["data"]["id"].as_u64().unwrap();
        let t = sim
            .wait_task(id, "finished", |t| t["status"] != "RUNNING")
            .await;
        let statuses: Vec<String> = t["subtasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["status"].as_str().unwrap().to_string())
            .collect();
        outcomes.push(statuses);
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert!(
        outcomes[0].iter().any(|s| s == "FAILED"),
        "30% over 12 steps with seed 7 fails somewhere"
    );
}
