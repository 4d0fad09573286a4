//! Shared test harness: the simulator's testing handle with an HTTP client, bounded polling, and
//! the key/type comparison against OCP samples.
#![allow(dead_code)]

use ocp_sim::testing::SimHandle;
use ocp_sim::Config;
use serde_json::Value;
use std::time::Duration;

pub const USER: &str = "admin";
pub const PASS: &str = "ocp-sim-admin";

/// How many polls a wait makes before it fails, a few milliseconds apart.
const POLLS: usize = 5_000;

pub struct Sim {
    pub base: String,
    pub http: reqwest::Client,
    pub handle: SimHandle,
}

pub fn config(step_ms: u64) -> Config {
    Config {
        port: 0,
        seed: 7,
        step_ms,
        log_requests: false,
        ..Config::default()
    }
}

pub async fn start(cfg: Config) -> Sim {
    let handle = SimHandle::start(cfg).await.unwrap();
    Sim {
        base: handle.base.clone(),
        http: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap(),
        handle,
    }
}

pub async fn fast() -> Sim {
    start(config(5)).await
}

impl Sim {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.get_in(path, "en-US").await
    }
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_in(path, body, "en-US").await
    }
    /// GET with `Accept-Language: lang`.
    pub async fn get_in(&self, path: &str, lang: &str) -> (u16, Value) {
        let r = self
            .http
            .get(self.url(path))
            .basic_auth(USER, Some(PASS))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap())
    }
    /// POST with `Accept-Language: lang`.
    pub async fn post_in(&self, path: &str, body: Value, lang: &str) -> (u16, Value) {
        let r = self
            .http
            .post(self.url(path))
            .basic_auth(USER, Some(PASS))
            .header("accept-language", lang)
            .json(&body)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap())
    }
    pub async fn control(&self, path: &str, body: Value) -> Value {
        let r = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success(),
            "control {path} failed: {}",
            r.status()
        );
        r.json().await.unwrap()
    }
    pub async fn task(&self, id: u64) -> Value {
        let (s, v) = self.get(&format!("/api/v2/tasks/instances/{id}")).await;
        assert_eq!(s, 200, "{v}");
        v["data"].clone()
    }
    /// Polls the task every few ms until `done` holds, at most [`POLLS`] times.
    pub async fn wait_task(&self, id: u64, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let mut t = Value::Null;
        for _ in 0..POLLS {
            t = self.task(id).await;
            if done(&t) {
                return t;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        panic!("task {id} never reached {what}: {t}")
    }
    /// The request log of `GET /_sim/requests`.
    pub async fn requests(&self) -> Value {
        let r = self
            .http
            .get(self.url("/_sim/requests"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json::<Value>().await.unwrap()["data"].clone()
    }
    pub async fn wait_status(&self, id: u64, status: &str) -> Value {
        self.wait_task(id, status, |t| t["status"] == status).await
    }
    pub async fn tenant(&self, cluster: u64, id: u64) -> Value {
        let (s, v) = self
            .get(&format!("/api/v2/ob/clusters/{cluster}/tenants/{id}"))
            .await;
        assert_eq!(s, 200, "{v}");
        v["data"].clone()
    }
}

pub fn sub<'a>(task: &'a Value, name: &str) -> &'a Value {
    task["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no subtask {name} in {task}"))
}

pub fn sample(name: &str) -> Value {
    let path = format!(
        "{}/../fixtures/ocp-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

pub fn seed(name: &str) -> Value {
    let path = format!("{}/../fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of `sample` must be in `actual` with the same JSON type, recursively (first element of
/// arrays; an empty array of scalars such as `upstreams` is fine). `allowed` lists dotted paths (e.g. `data.finishTime`) the response may lack.
pub fn assert_shape(sample: &Value, actual: &Value, allowed: &[&str]) {
    let mut errs = Vec::new();
    walk(sample, actual, "", allowed, &mut errs);
    assert!(
        errs.is_empty(),
        "shape mismatch:\n{}\nactual: {actual}",
        errs.join("\n")
    );
}

fn walk(s: &Value, a: &Value, path: &str, allowed: &[&str], errs: &mut Vec<String>) {
    if s.is_null() {
        return;
    }
    if kind(s) != kind(a) {
        errs.push(format!(
            "{path}: sample is {}, response is {}",
            kind(s),
            kind(a)
        ));
        return;
    }
    match (s, a) {
        (Value::Object(so), Value::Object(ao)) => {
            for (k, sv) in so {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match ao.get(k) {
                    Some(av) => walk(sv, av, &p, allowed, errs),
                    None if allowed.contains(&p.as_str()) => {}
                    None => errs.push(format!("{p}: missing")),
                }
            }
        }
        (Value::Array(sa), Value::Array(aa)) => {
            if let Some(s0) = sa.first() {
                match aa.first() {
                    Some(a0) => walk(s0, a0, &format!("{path}[]"), allowed, errs),
                    None if !s0.is_object() && !s0.is_array() => {}
                    None if allowed.contains(&format!("{path}[]").as_str()) => {}
                    None => errs.push(format!("{path}: empty array, sample has items")),
                }
            }
        }
        _ => {}
    }
}

pub fn add_body(zones: &[(&str, &str, &str, i64)]) -> Value {
    Value::Array(
        zones
            .iter()
            .map(|(z, t, spec, n)| {
                serde_json::json!({"zoneName": z, "replicaType": t,
                                   "resourcePool": {"unitSpecName": spec, "unitCount": n}})
            })
            .collect(),
    )
}

pub fn fields(err: &Value) -> Vec<String> {
    err["error"]["subErrors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| s["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn zones_of(t: &Value) -> Vec<String> {
    t["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap().to_string())
        .collect()
}

/// An add-replica of one FULL S1 replica in `zone` on cluster 1 that fails at subtask `step`.
pub async fn failed_add(sim: &Sim, tenant: u64, zone: &str, step: &str) -> (u64, Value) {
    sim.control(
        "/_sim/fail",
        serde_json::json!({"next": true, "subtaskName": step}),
    )
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
