//! The simulator for drills: the `pairs` world, a chosen pair failing at a chosen subtask, roles
//! swapped after a switchover, the per-user rate limit, and the countable request log.

mod common;
use common::*;
use ocp_sim::ratelimit::RateLimit;
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<u64> {
    v["data"]["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pairs_world_switches_over_and_a_chosen_pair_fails() {
    let mut cfg = config(5);
    cfg.pairs = 2;
    let sim = start(cfg).await;
    let (_, v) = sim.get("/api/v2/ob/clusters").await;
    assert_eq!(v["data"]["page"]["totalElements"], 5);
    assert_eq!(v["data"]["contents"][4]["type"], "STANDBY");

    let r = sim.control("/_sim/reset", json!({"pairs": 3})).await;
    assert_eq!(r["data"]["pairs"], 3);
    let (_, v) = sim.get("/api/v2/ob/clusters/4/tenants?size=100").await;
    assert_eq!(v["data"]["page"]["totalElements"], 4, "3 primaries and sys");
    let (_, v) = sim.get("/api/v2/ob/clusters/1/tenants/1001").await;
    assert_eq!(v["data"]["name"], "mysql_app", "the built-in tenants stay");
    for i in 1..=3 {
        let p = sim.tenant(4, 40_000 + i).await;
        let s = sim.tenant(5, 50_000 + i).await;
        assert_eq!(p["tenantRole"], "PRIMARY");
        assert_eq!(
            (s["tenantRole"].as_str(), s["primaryTenantId"].as_u64()),
            (Some("STANDBY"), Some(40_000 + i))
        );
    }

    sim.control(
        "/_sim/fail",
        json!({"tenantId": 40_002, "subtaskName": "Switch primary tenant to standby"}),
    )
    .await;
    let pairs: Vec<Value> = (1..=3)
        .map(|i| json!({"tenantId": 40_000 + i, "standbyTenantId": 50_000 + i}))
        .collect();
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/4/tenants/switchover",
            json!({"tenantParamList": pairs}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let tasks = ids(&v);
    assert_eq!(tasks.len(), 3);
    sim.wait_status(tasks[0], "SUCCESSFUL").await;
    let failed = sim.wait_status(tasks[1], "FAILED").await;
    assert_eq!(failed["tenantId"], 40_002);
    assert_eq!(
        sub(&failed, "Switch primary tenant to standby")["status"],
        "FAILED"
    );
    sim.wait_status(tasks[2], "SUCCESSFUL").await;

    for i in [1, 3] {
        let p = sim.tenant(4, 40_000 + i).await;
        let s = sim.tenant(5, 50_000 + i).await;
        assert_eq!(
            (p["tenantRole"].as_str(), p["primaryTenantId"].as_u64()),
            (Some("STANDBY"), Some(50_000 + i))
        );
        assert_eq!(s["tenantRole"], "PRIMARY");
        assert!(s.get("primaryTenantId").is_none());
    }
    assert_eq!(
        sim.tenant(4, 40_002).await["tenantRole"],
        "PRIMARY",
        "the failed pair did not flip"
    );
    assert_eq!(sim.tenant(5, 50_002).await["tenantRole"], "STANDBY");

    let (_, v) = sim
        .get("/api/v2/tasks/instances?clusterId=4&status=RUNNING,FAILED&type=MANUAL&sort=id,desc")
        .await;
    assert_eq!(ids(&v), [tasks[1]]);
}

async fn raw_get(sim: &Sim, user: &str, pass: &str) -> reqwest::Response {
    sim.http
        .get(sim.url("/api/v2/ob/unitSpecs"))
        .basic_auth(user, Some(pass))
        .send()
        .await
        .unwrap()
}

fn header(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_answers_429_per_user_with_headers_and_ocp_body() {
    let mut cfg = config(5);
    cfg.users.push(("ops".into(), "ops-pass".into()));
    cfg.rate_limit = Some(RateLimit {
        per_second: 0.01,
        burst: Some(3),
    });
    let sim = start(cfg).await;
    for remaining in ["2", "1", "0"] {
        let r = raw_get(&sim, USER, PASS).await;
        assert_eq!(r.status(), 200);
        assert_eq!(header(&r, "ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(
            header(&r, "ratelimit-remaining").as_deref(),
            Some(remaining)
        );
    }
    let r = raw_get(&sim, USER, PASS).await;
    assert_eq!(r.status(), 429);
    assert_eq!(header(&r, "ratelimit-limit").as_deref(), Some("3"));
    assert_eq!(header(&r, "ratelimit-remaining").as_deref(), Some("0"));
    let reset: u64 = header(&r, "ratelimit-reset").unwrap().parse().unwrap();
    assert!((1..=100).contains(&reset), "{reset}");
    let body: Value = r.json().await.unwrap();
    let sample = sample("common--rate-limit-exceeded--response.json");
    assert_shape(&sample, &body, &[]);
    assert_eq!(body["error"], sample["error"], "OCP's code 0 and message");
    assert_eq!(body["status"], 429);

    assert_eq!(
        raw_get(&sim, "ops", "ops-pass").await.status(),
        200,
        "per user"
    );
    let log = sim.requests().await;
    assert_eq!(log["rateLimited"], 1, "{log}");

    let r = sim
        .http
        .delete(sim.url("/_sim/rate-limit"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = raw_get(&sim, USER, PASS).await;
    assert_eq!(r.status(), 200);
    assert!(header(&r, "ratelimit-limit").is_none());

    sim.control("/_sim/rate-limit", json!({"perSecond": 0.01, "burst": 1}))
        .await;
    assert_eq!(raw_get(&sim, "ops", "ops-pass").await.status(), 200);
    assert_eq!(raw_get(&sim, "ops", "ops-pass").await.status(), 429);
    sim.control("/_sim/reset", json!({})).await;
    assert_eq!(
        raw_get(&sim, "ops", "ops-pass").await.status(),
        200,
        "reset refills the budgets"
    );
    assert_eq!(
        raw_get(&sim, "ops", "ops-pass").await.status(),
        429,
        "and keeps the limit"
    );
    let (_, h) = sim.get("/_sim/health").await;
    assert_eq!(
        h["data"]["rateLimit"],
        json!({"perSecond": 0.01, "burst": 1})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_limit_by_default() {
    let sim = fast().await;
    for _ in 0..60 {
        let r = raw_get(&sim, USER, PASS).await;
        assert_eq!(r.status(), 200);
        assert!(header(&r, "ratelimit-limit").is_none());
    }
    assert_eq!(sim.requests().await["rateLimited"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_log_counts_by_route_pattern() {
    let sim = fast().await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let r = sim
        .http
        .delete(sim.url("/_sim/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    for _ in 0..3 {
        sim.get("/api/v2/tasks/instances?status=RUNNING").await;
    }
    sim.get(&format!("/api/v2/tasks/instances/{id}")).await;
    sim.get("/api/v2/tasks/instances/424242").await;
    sim.post("/api/v2/tasks/instances/424242/retry", json!({}))
        .await;
    sim.control("/_sim/faults", json!({"rateLimitRate": 1.0, "count": 2}))
        .await;
    sim.get("/api/v2/ob/clusters").await;
    sim.get("/api/v2/ob/clusters").await;

    let log = sim.requests().await;
    assert_eq!(
        log["counts"],
        json!({
            "GET /api/v2/tasks/instances": 3,
            "GET /api/v2/tasks/instances/{id}": 2,
            "POST /api/v2/tasks/instances/{id}/retry": 1,
            "GET /api/v2/ob/clusters": 2,
        }),
        "control calls are not counted"
    );
    assert_eq!(
        (log["total"].as_u64(), log["rateLimited"].as_u64()),
        (Some(8), Some(2))
    );
    sim.http
        .delete(sim.url("/_sim/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(sim.handle.requests().total, 0);
}
