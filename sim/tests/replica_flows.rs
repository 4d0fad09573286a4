//! Add, modify and delete replica run to completion and change the world; failures, retry, skip
//! and rollback reach OCP's end states; validation errors.

mod common;
use common::*;
use serde_json::json;

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
        (400, Some(60003)),
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
