//! The OCP simulator in-process through its testing handle, and [`SimControl`]: an HTTP client
//! for its `/_sim/` control API and, with Basic auth, its `/api/` (straight to the simulator, not
//! through nginx).

use crate::error::{Error, Result};
use crate::wait::poll;
use ocp_sim::testing::SimHandle;
use serde_json::{json, Value};
use std::time::Duration;

/// The simulator of a test: [`ocp_sim::testing::SimHandle`] (127.0.0.1, ephemeral port, stopped
/// on drop) with the e2e's seed and clock.
pub struct SimServer {
    pub base: String,
    pub port: u16,
    pub handle: SimHandle,
}

impl SimServer {
    pub async fn start(seed: u64, step_ms: u64) -> Result<Self> {
        let cfg = ocp_sim::Config {
            seed,
            step_ms,
            log_requests: std::env::var_os("OCP_E2E_SIM_LOG").is_some(),
            ..ocp_sim::Config::default()
        };
        let handle = SimHandle::start(cfg).await?;
        Ok(SimServer {
            base: handle.base.clone(),
            port: handle.port,
            handle,
        })
    }

    pub fn control(&self) -> SimControl {
        SimControl::new(&self.base)
    }
}

/// An OCP reply: HTTP status and JSON body (`Value::Null` when the body is not JSON).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    /// `data` of a successful reply, or an error quoting the reply.
    pub fn data(&self) -> Result<&Value> {
        if (200..300).contains(&self.status) {
            Ok(&self.body["data"])
        } else {
            Err(Error(format!(
                "OCP answered {}: {}",
                self.status, self.body
            )))
        }
    }
}

#[derive(Clone)]
pub struct SimControl {
    pub base: String,
    http: reqwest::Client,
}

impl SimControl {
    pub fn new(base: &str) -> Self {
        SimControl {
            base: base.trim_end_matches('/').to_string(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("reqwest client"),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Reply> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if path.starts_with("/api/") {
            req = req.basic_auth(crate::USER, Some(crate::PASSWORD));
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let text = resp.text().await?;
        Ok(Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        })
    }

    pub async fn get(&self, path: &str) -> Result<Reply> {
        self.send(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Result<Reply> {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> Result<Reply> {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    // --- control API ---

    /// The next subtask to run fails once (optionally only the subtask named `subtask_name`).
    pub async fn fail_next(&self) -> Result<()> {
        self.post("/_sim/fail", json!({"next": true}))
            .await?
            .data()?;
        Ok(())
    }
    pub async fn set_faults(&self, faults: Value) -> Result<()> {
        self.post("/_sim/faults", faults).await?.data()?;
        Ok(())
    }
    pub async fn clear_faults(&self) -> Result<()> {
        let r = self.delete("/_sim/faults").await?;
        if r.status != 200 {
            return Err(Error(format!("DELETE /_sim/faults: {}", r.status)));
        }
        Ok(())
    }
    pub async fn set_step_ms(&self, step_ms: u64) -> Result<()> {
        self.post("/_sim/clock", json!({"stepMs": step_ms}))
            .await?
            .data()?;
        Ok(())
    }
    pub async fn reset(&self) -> Result<()> {
        let r = self.post("/_sim/reset", json!({})).await?;
        if r.status != 200 {
            return Err(Error(format!("POST /_sim/reset: {}", r.status)));
        }
        Ok(())
    }
    /// Resets the world with `pairs` drill pairs (primaries 40001.. on cluster 4, standbys 50001..
    /// on cluster 5).
    pub async fn reset_with_pairs(&self, pairs: usize) -> Result<()> {
        self.post("/_sim/reset", json!({"pairs": pairs}))
            .await?
            .data()?;
        Ok(())
    }
    /// The next task of `tenant` fails once at the subtask named `subtask`.
    pub async fn fail_next_of_tenant(&self, tenant: u64, subtask: &str) -> Result<()> {
        self.post(
            "/_sim/fail",
            json!({"tenantId": tenant, "subtaskName": subtask}),
        )
        .await?
        .data()?;
        Ok(())
    }
    /// OCP's per-user limit: `per_second` requests per second, bursts of `burst`.
    pub async fn set_rate_limit(&self, per_second: f64, burst: u64) -> Result<()> {
        self.post(
            "/_sim/rate-limit",
            json!({"perSecond": per_second, "burst": burst}),
        )
        .await?
        .data()?;
        Ok(())
    }
    /// `{counts: {"GET /api/v2/tasks/instances": n, …}, total, rateLimited}` since the last clear.
    pub async fn requests(&self) -> Result<Value> {
        Ok(self.get("/_sim/requests").await?.data()?.clone())
    }
    pub async fn clear_requests(&self) -> Result<()> {
        self.delete("/_sim/requests").await?.data()?;
        Ok(())
    }
    /// A synthetic task (`shape`: chain, fanout or layered); returns its id.
    pub async fn synthetic_task(&self, shape: &str, size: usize) -> Result<u64> {
        let r = self
            .post("/_sim/tasks", json!({"shape": shape, "size": size}))
            .await?;
        id_of(r.data()?)
    }

    // --- OCP API (Basic auth) ---

    /// `POST …/addReplica` with `replicas` (OCP's array body); returns the task id.
    pub async fn add_replica(&self, cluster: u64, tenant: u64, replicas: Value) -> Result<u64> {
        let r = self
            .post(
                &format!("/api/v2/ob/clusters/{cluster}/tenants/{tenant}/addReplica"),
                replicas,
            )
            .await?;
        id_of(r.data()?)
    }
    /// Adds one FULL S1 replica in `zone` to `tenant`; returns the task id.
    pub async fn add_full_replica(&self, cluster: u64, tenant: u64, zone: &str) -> Result<u64> {
        self.add_replica(
            cluster,
            tenant,
            json!([{"zoneName": zone, "replicaType": "FULL",
                     "resourcePool": {"unitSpecName": "S1", "unitCount": 1}}]),
        )
        .await
    }
    /// `POST …/tenants/switchover` with `(primary, standby)` pairs; returns the task ids.
    pub async fn switchover(&self, cluster: u64, pairs: &[(u64, u64)]) -> Result<Vec<u64>> {
        let list: Vec<Value> = pairs
            .iter()
            .map(|(p, s)| json!({"tenantId": p, "standbyTenantId": s}))
            .collect();
        let r = self
            .post(
                &format!("/api/v2/ob/clusters/{cluster}/tenants/switchover"),
                json!({"tenantParamList": list}),
            )
            .await?;
        r.data()?["contents"]
            .as_array()
            .ok_or_else(|| Error(format!("no task list in {}", r.body)))?
            .iter()
            .map(id_of)
            .collect()
    }
    pub async fn tenant(&self, cluster: u64, tenant: u64) -> Result<Value> {
        let r = self
            .get(&format!("/api/v2/ob/clusters/{cluster}/tenants/{tenant}"))
            .await?;
        Ok(r.data()?.clone())
    }
    /// Zone names of the tenant's replicas.
    pub async fn tenant_zones(&self, cluster: u64, tenant: u64) -> Result<Vec<String>> {
        let t = self.tenant(cluster, tenant).await?;
        Ok(t["zones"]
            .as_array()
            .map(|zs| {
                zs.iter()
                    .filter_map(|z| z["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }
    pub async fn task(&self, id: u64) -> Result<Value> {
        let r = self.get(&format!("/api/v2/tasks/instances/{id}")).await?;
        Ok(r.data()?.clone())
    }
    /// Waits until task `id` has `status` (RUNNING, FAILED, SUCCESSFUL …) according to OCP.
    pub async fn wait_task_status(&self, id: u64, status: &str, limit: Duration) -> Result<Value> {
        poll(&format!("task {id} to be {status}"), limit, || async move {
            let t = self.task(id).await?;
            if t["status"] == status {
                Ok(Some(t))
            } else {
                Err(Error(format!("status {}", t["status"])))
            }
        })
        .await
    }
    /// Waits until a subtask of task `id` is FAILED; returns the subtask's id.
    pub async fn wait_failed_subtask(&self, id: u64, limit: Duration) -> Result<u64> {
        poll(
            &format!("a failed subtask in task {id}"),
            limit,
            || async move {
                let t = self.task(id).await?;
                let failed = t["subtasks"].as_array().and_then(|s| {
                    s.iter()
                        .find(|s| s["status"] == "FAILED")
                        .and_then(|s| s["id"].as_u64())
                });
                match failed {
                    Some(sid) => Ok(Some(sid)),
                    None => Err(Error(format!("task status {}", t["status"]))),
                }
            },
        )
        .await
    }
}

fn id_of(v: &Value) -> Result<u64> {
    v["id"]
        .as_u64()
        .ok_or_else(|| Error(format!("no task id in {v}")))
}
