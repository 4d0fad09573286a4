//! The task list `GET /api/v2/tasks/instances`: OCP's filters (clusterId, status as a comma list,
//! tenantId, type, name), paging up to 2000 per page, sort, and subtasks with status and operation.

mod common;
use common::*;
use serde_json::{json, Value};

fn list(v: &Value) -> Vec<u64> {
    v["data"]["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
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
async fn status_lists_tenant_and_large_pages() {
    let sim = fast().await;
    let (failed, _) = failed_add(&sim, 1001, "zone3", "Wait alter locality").await;
    let (ok, _) = {
        let (_, v) = sim
            .post(
                "/api/v2/ob/clusters/1/tenants/1005/addReplica",
                add_body(&[("zone1", "FULL", "S1", 1)]),
            )
            .await;
        let id = v["data"]["id"].as_u64().unwrap();
        (id, sim.wait_status(id, "SUCCESSFUL").await)
    };
    sim.handle.set_step_ms(60_000);
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/addReplica",
            add_body(&[("zone4", "FULL", "S1", 1)]),
        )
        .await;
    let running = v["data"]["id"].as_u64().unwrap();

    let (_, v) = sim
        .get("/api/v2/tasks/instances?status=RUNNING,FAILED&sort=id,asc")
        .await;
    assert_eq!(list(&v), [failed, running]);
    let (_, v) = sim
        .get("/api/v2/tasks/instances?status=running, successful&sort=id,asc")
        .await;
    assert_eq!(list(&v), [ok, running], "trimmed and case-insensitive");
    let (_, v) = sim
        .get("/api/v2/tasks/instances?tenantId=1001&status=RUNNING,FAILED")
        .await;
    assert_eq!(list(&v), [failed], "the task blocking tenant 1001");
    let (_, v) = sim.get("/api/v2/tasks/instances?type=SCHEDULED").await;
    assert!(list(&v).is_empty());

    let (_, v) = sim.get("/api/v2/tasks/instances?tenantId=1001").await;
    for s in v["data"]["contents"][0]["subtasks"].as_array().unwrap() {
        assert!(s["status"].is_string() && s["operation"].is_string(), "{s}");
    }

    for _ in 0..3 {
        sim.control(
            "/_sim/tasks",
            json!({"shape": "chain", "size": 1, "static": true}),
        )
        .await;
    }
    let (_, v) = sim.get("/api/v2/tasks/instances?size=2000").await;
    assert_eq!(v["data"]["page"]["size"], 2000);
    assert_eq!(list(&v).len(), 6);
    let (_, v) = sim.get("/api/v2/tasks/instances?size=5000").await;
    assert_eq!(v["data"]["page"]["size"], 2000, "capped at OCP's 2000");
    let (_, v) = sim.get("/api/v2/tasks/instances?size=2&page=3").await;
    assert_eq!(list(&v).len(), 2);
    assert_eq!(v["data"]["page"]["totalPages"], 3);
}
