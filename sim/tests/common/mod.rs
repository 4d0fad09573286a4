//! Shared test harness: an in-process simulator on an ephemeral loopback port, an HTTP client,
//! bounded polling, and the key/type comparison against OCP samples.
#![allow(dead_code)]

use ocp_sim::Config;
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

pub const USER: &str = "admin";
pub const PASS: &str = "ocp-sim-admin";

pub struct Sim {
    pub base: String,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Sim {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
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
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        ocp_sim::serve(listener, cfg, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    Sim {
        base: format!("http://{addr}"),
        http: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap(),
        stop: Some(tx),
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
        let r = self
            .http
            .get(self.url(path))
            .basic_auth(USER, Some(PASS))
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap())
    }
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(self.url(path))
            .basic_auth(USER, Some(PASS))
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
    /// Polls the task every few ms until `done` holds, for at most 10 s.
    pub async fn wait_task(&self, id: u64, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let t = self.task(id).await;
            if done(&t) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "task {id} never reached {what}: {t}"
            );
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
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
