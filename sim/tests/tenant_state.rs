//! OCP's tenant status rules: replica operations need NORMAL (else 60003); an add-replica keeps the
//! tenant MODIFYING until it succeeds (locality extended) or is rolled back (nothing added).

mod common;
use common::*;
use serde_json::{json, Value};

const TENANT: &str = "/api/v2/ob/clusters/1/tenants/1001";

async fn replica_ops(sim: &Sim) -> Vec<(u16, Value)> {
    vec![
        sim.post(
            &format!("{TENANT}/addReplica"),
            add_body(&[("zone4", "FULL", "S1", 1)]),
        )
        .await,
        sim.post(
            &format!("{TENANT}/modifyReplica"),
            add_body(&[("zone1", "FULL", "S2", 2)]),
        )
        .await,
        sim.post(
            &format!("{TENANT}/deleteReplica"),
            json!([{"zoneName": "zone2"}]),
        )
        .await,
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_add_keeps_modifying_and_refuses_with_60003_until_rolled_back() {
    let sim = fast().await;
    let before = sim.tenant(1, 1001).await;
    assert_eq!(before["status"], "NORMAL");
    assert_eq!(before["locality"], "FULL{1}@zone1, FULL{1}@zone2");
    let (id, t) = failed_add(&sim, 1001, "zone3", "Sync tenant information").await;
    assert_eq!(sub(&t, "Update tenant status")["status"], "PENDING");
    let during = sim.tenant(1, 1001).await;
    assert_eq!(
        during["status"], "MODIFYING",
        "a failed add stays MODIFYING"
    );
    assert_eq!(during["locality"], before["locality"]);

    for (s, v) in replica_ops(&sim).await {
        assert_eq!((s, v["error"]["code"].as_i64()), (400, Some(60003)), "{v}");
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains("not NORMAL: MODIFYING"), "{msg}");
        assert_eq!(v["successful"], false);
    }

    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/rollback"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    let t = sim.wait_status(id, "SUCCESSFUL").await;
    assert_eq!(t["operation"], "ROLLBACK");
    assert!(t["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "PENDING"));
    let after = sim.tenant(1, 1001).await;
    assert_eq!(after["status"], "NORMAL");
    assert_eq!(zones_of(&after), ["zone1", "zone2"], "the zone is gone");
    assert_eq!(
        (
            &after["locality"],
            &after["zoneList"],
            &after["primaryZone"]
        ),
        (
            &before["locality"],
            &before["zoneList"],
            &before["primaryZone"]
        )
    );
    let (s, v) = sim
        .post(
            &format!("{TENANT}/addReplica"),
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 200, "NORMAL again accepts replica operations: {v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_replica_is_modifying_while_running_and_retry_extends_the_locality() {
    let sim = start(config(100)).await;
    sim.handle
        .fail_next(Some("Update tenant status"), Some(1001));
    let (s, v) = sim
        .post(
            &format!("{TENANT}/addReplica"),
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let id = v["data"]["id"].as_u64().unwrap();
    let running = sim
        .wait_task(id, "its first step RUNNING", |t| {
            sub(t, "Prepare alter tenant")["status"] == "RUNNING"
        })
        .await;
    assert_eq!(running["status"], "RUNNING");
    assert_eq!(sim.tenant(1, 1001).await["status"], "MODIFYING");
    let (s, v) = replica_ops(&sim).await.remove(0);
    assert_eq!((s, v["error"]["code"].as_i64()), (400, Some(60003)), "{v}");

    sim.handle.set_step_ms(5);
    sim.wait_status(id, "FAILED").await;
    let failed = sim.tenant(1, 1001).await;
    assert_eq!(
        (failed["status"].as_str(), failed["zoneList"].as_str()),
        (Some("MODIFYING"), Some("zone1;zone2")),
        "only the last step changes the tenant"
    );
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/retry"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(id, "SUCCESSFUL").await;
    let t = sim.tenant(1, 1001).await;
    assert_eq!(t["status"], "NORMAL");
    assert_eq!(t["locality"], "FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3");
    assert_eq!(t["zoneList"], "zone1;zone2;zone3");
    assert_eq!(
        t["primaryZone"], "zone1;zone2",
        "a new zone gets no leaders until the primary zone is modified"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_replica_leaves_locality_and_primary_zone() {
    let sim = fast().await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/deleteReplica",
            json!([{"zoneName": "zone2"}]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    sim.wait_status(v["data"]["id"].as_u64().unwrap(), "SUCCESSFUL")
        .await;
    let t = sim.tenant(1, 1002).await;
    assert_eq!(t["locality"], "FULL{1}@zone1, FULL{1}@zone3");
    assert_eq!(t["primaryZone"], "zone1;zone3");
}
