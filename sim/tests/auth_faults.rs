//! Auth as OCP does it (Basic, session cookie with XSRF check, JSON 401s) and every HTTP fault
//! mode as a client sees it.

mod common;
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_and_missing_credentials() {
    let sim = fast().await;
    let plain = reqwest::Client::new();
    let r = plain
        .get(sim.url("/api/v2/ob/clusters"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("www-authenticate").is_none());
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["error"]["code"].as_i64(), v["successful"].as_bool()),
        (Some(30000), Some(false))
    );

    let r = plain
        .get(sim.url("/api/v2/ob/clusters"))
        .basic_auth(USER, Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], 30004);

    let r = plain
        .get(sim.url("/api/v2/ob/clusters"))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Basic auth skips the XSRF check on writes.
    let r = plain
        .post(sim.url("/api/v2/ob/clusters/1/tenants/1001/switchoverPreCheck"))
        .basic_auth(USER, Some(PASS))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = plain
        .get(sim.url("/api/v2/iam/current-user"))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["data"]["username"], USER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_login_with_and_without_xsrf() {
    let sim = fast().await;
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(sim.url("/api/v2/iam/login"))
        .form(&[("username", USER), ("password", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let r = c
        .post(sim.url("/api/v2/iam/login"))
        .form(&[("username", USER), ("password", PASS)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("JSESSIONID="))
        .expect("JSESSIONID");
    assert!(session.contains("HttpOnly") && session.contains("Path=/"));
    let xsrf_cookie = cookies
        .iter()
        .find(|c| c.starts_with("XSRF-TOKEN="))
        .expect("XSRF-TOKEN");
    assert!(!xsrf_cookie.contains("HttpOnly"));
    let xsrf = xsrf_cookie
        .trim_start_matches("XSRF-TOKEN=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["data"]["username"], USER);

    let r = c
        .get(sim.url("/api/v2/iam/current-user"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .get(sim.url("/api/v2/ob/clusters/1/tenants"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let pre = "/api/v2/ob/clusters/1/tenants/1001/switchoverPreCheck";
    let r = c.post(sim.url(pre)).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), 403, "write without X-XSRF-TOKEN");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], 30014);
    let r = c
        .post(sim.url(pre))
        .header("X-XSRF-TOKEN", "forged")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(sim.url(pre))
        .header("X-XSRF-TOKEN", &xsrf)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let r = c
        .post(sim.url("/api/v2/iam/logout"))
        .header("X-XSRF-TOKEN", &xsrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c.get(sim.url("/api/v2/ob/clusters")).send().await.unwrap();
    assert_eq!(r.status(), 401);

    let j = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = j
        .post(sim.url("/api/v2/iam/login"))
        .json(&json!({"username": USER, "password": PASS}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        j.get(sim.url("/api/v2/iam/users/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth_can_be_switched_off() {
    let mut cfg = config(5);
    cfg.auth_enabled = false;
    let sim = start(cfg).await;
    let r = reqwest::Client::new()
        .get(sim.url("/api/v2/ob/clusters"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = reqwest::Client::new()
        .post(sim.url("/api/v2/ob/clusters/1/tenants/1001/switchoverPreCheck"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

async fn raw(sim: &Sim, path: &str) -> reqwest::Result<reqwest::Response> {
    sim.http
        .get(sim.url(path))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_modes_seen_by_a_client() {
    let sim = fast().await;
    let path = "/api/v2/ob/clusters";

    sim.control("/_sim/faults", json!({"latencyMs": 150, "count": 1}))
        .await;
    let t = Instant::now();
    assert_eq!(raw(&sim, path).await.unwrap().status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(150));
    let (_, f) = sim.get("/_sim/faults").await;
    assert!(f["data"].is_null(), "count 1 applies once: {f}");

    sim.control("/_sim/faults", json!({"error500Rate": 1.0}))
        .await;
    let r = raw(&sim, path).await.unwrap();
    assert_eq!(r.status(), 500);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["successful"].as_bool(), v["status"].as_i64()),
        (Some(false), Some(500))
    );
    // The control API is never faulted.
    let h = sim.http.get(sim.url("/_sim/health")).send().await.unwrap();
    assert_eq!(h.status(), 200);

    sim.control(
        "/_sim/faults",
        json!({"rateLimitRate": 1.0, "rateLimitResetSecs": 7}),
    )
    .await;
    let r = raw(&sim, path).await.unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["ratelimit-reset"], "7");
    assert_eq!(r.headers()["ratelimit-remaining"], "0");
    assert!(r.headers().contains_key("ratelimit-limit"));
    let v: Value = r.json().await.unwrap();
    assert_shape(
        &sample("common--rate-limit-exceeded--response.json"),
        &v,
        &[],
    );
    assert_eq!(v["status"], 429);

    sim.control("/_sim/faults", json!({"dropRate": 1.0})).await;
    let dropped = match raw(&sim, path).await {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(dropped, "a dropped connection is an error for the client");

    sim.control("/_sim/faults", json!({"truncateRate": 1.0}))
        .await;
    let r = raw(&sim, path).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body = r.text().await.unwrap();
    assert!(
        body.starts_with('{') && serde_json::from_str::<Value>(&body).is_err(),
        "{body}"
    );

    sim.control("/_sim/faults", json!({"malformedRate": 1.0, "count": 4}))
        .await;
    for _ in 0..4 {
        let r = raw(&sim, path).await.unwrap();
        assert_eq!(r.status(), 200);
        let body = r.text().await.unwrap();
        assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    }
    assert_eq!(raw(&sim, path).await.unwrap().status(), 200);
    let r = raw(&sim, path)
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(r["successful"], true);

    sim.control(
        "/_sim/faults",
        json!({"error500Rate": 1.0, "pathPrefix": "/api/v2/tasks"}),
    )
    .await;
    assert_eq!(raw(&sim, path).await.unwrap().status(), 200);
    assert_eq!(
        raw(&sim, "/api/v2/tasks/instances").await.unwrap().status(),
        500
    );
    let r = sim
        .http
        .delete(sim.url("/_sim/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        raw(&sim, "/api/v2/tasks/instances").await.unwrap().status(),
        200
    );
}

async fn fault_pattern(seed: u64) -> Vec<u16> {
    let mut cfg = config(5);
    cfg.seed = seed;
    cfg.faults = Some(ocp_sim::faults::FaultConfig {
        error500_rate: 0.5,
        ..Default::default()
    });
    let sim = start(cfg).await;
    let mut out = Vec::new();
    for _ in 0..24 {
        out.push(
            raw(&sim, "/api/v2/ob/unitSpecs")
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_deterministic_under_a_seed() {
    let a = fault_pattern(11).await;
    assert_eq!(a, fault_pattern(11).await);
    assert!(a.contains(&500) && a.contains(&200));
}
