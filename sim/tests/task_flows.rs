//! The task centre: forbidden transitions answer 20003/20004, cancel, synthetic graphs, reset,
//! and seeded failure rates.

mod common;
use common::*;
use serde_json::{json, Value};

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
            let head = &subs[0];
            assert_eq!(
                head["downstreams"].as_array().unwrap().len(),
                4,
                "four branches"
            );
            let branches: Vec<i64> = subs
                .iter()
                .filter(|s| s["upstreams"].as_array().unwrap().len() == 1)
                .map(|s| s["parallelIdx"].as_i64().unwrap())
                .collect();
            assert!(
                branches.contains(&0) && branches.contains(&3),
                "{branches:?}"
            );
        } else {
            assert!(subs.iter().all(|s| s["parallelIdx"] == -1));
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
    let core: Vec<usize> = ocp_core::dag::gen::layered(100, 9)
        .iter()
        .map(|n| n.upstreams.len())
        .collect();
    assert_eq!(edges(&a), core, "the shape of ocp-core's generator");
    let v = sim
        .control(
            "/_sim/tasks",
            json!({"shape": "fanout", "size": 12, "width": 2, "static": true}),
        )
        .await;
    assert_eq!(
        v["data"]["subtasks"][0]["downstreams"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "width sets the branches"
    );
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
