//! The `/_sim/` control API for tests and demos: faults, failure injection, synthetic task graphs,
//! clock speed, reset and health. It is not under `/api/`, so it needs no auth and sees no faults.

use crate::engine::{Effect, Engine, NextFailure, SubSpec, TaskSpec};
use crate::envelope::{ok, ok_empty, ApiError, ApiResult};
use crate::faults::FaultConfig;
use crate::rng::Rng;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/_sim/health", get(health))
        .route(
            "/_sim/faults",
            post(set_faults).delete(clear_faults).get(get_faults),
        )
        .route("/_sim/fail", post(fail))
        .route("/_sim/tasks", post(create_tasks))
        .route("/_sim/tasks/{id}/statuses", post(set_statuses))
        .route("/_sim/clock", post(clock))
        .route("/_sim/reset", post(reset))
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, ApiError> {
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    serde_json::from_slice(body).map_err(|e| ApiError::bad(format!("Invalid control request: {e}")))
}

async fn health(State(st): State<Shared>) -> ApiResult {
    let sim = st.lock();
    Ok(ok(json!({
        "ok": true,
        "seed": sim.cfg.seed,
        "stepMs": sim.engine.step_ms,
        "authEnabled": sim.cfg.auth_enabled,
        "tasks": sim.engine.tasks.len(),
        "failRate": sim.engine.fail_rate,
        "faults": sim.faults,
    })))
}

async fn set_faults(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let f: FaultConfig = parse(&body)?;
    st.lock().faults = Some(f.clone());
    Ok(ok(serde_json::to_value(f).unwrap_or_default()))
}

async fn clear_faults(State(st): State<Shared>) -> ApiResult {
    st.lock().faults = None;
    Ok(ok_empty())
}

async fn get_faults(State(st): State<Shared>) -> ApiResult {
    Ok(ok(
        serde_json::to_value(&st.lock().faults).unwrap_or_default()
    ))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct FailReq {
    task_id: Option<u64>,
    subtask_id: Option<u64>,
    subtask_name: Option<String>,
    next: bool,
    rate: Option<f64>,
}

async fn fail(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: FailReq = parse(&body)?;
    let mut sim = st.lock();
    if let Some(rate) = r.rate {
        sim.engine.fail_rate = rate.clamp(0.0, 1.0);
    }
    if r.next {
        sim.engine.next_failure = Some(NextFailure {
            subtask_name: r.subtask_name.clone(),
        });
    } else if let Some(tid) = r.task_id {
        let task = sim
            .engine
            .tasks
            .get_mut(&tid)
            .ok_or_else(|| ApiError::task_not_found(tid))?;
        let sub = task
            .subtasks
            .iter_mut()
            .filter(|s| s.status != "SUCCESSFUL")
            .find(|s| {
                Some(s.id) == r.subtask_id
                    || r.subtask_name.as_deref() == Some(s.spec.name.as_str())
            })
            .ok_or_else(|| ApiError::not_found("No such unfinished subtask in that task"))?;
        sub.fail_once = true;
    } else if r.rate.is_none() {
        return Err(ApiError::bad(
            "Give taskId with subtaskId or subtaskName, or next: true, or rate",
        ));
    }
    Ok(ok(
        json!({"failRate": sim.engine.fail_rate, "next": r.next, "taskId": r.task_id,
                 "subtaskId": r.subtask_id, "subtaskName": r.subtask_name}),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TaskReq {
    shape: String,
    size: usize,
    seed: Option<u64>,
    #[serde(rename = "static", default)]
    frozen: bool,
}

const STEP_NAMES: [&str; 8] = [
    "Check host resource",
    "Prepare resource pool",
    "Create resource unit",
    "Wait alter locality",
    "Sync tenant information",
    "Update log restore source",
    "Check replica status",
    "Refresh meta cache",
];

fn node(i: usize, ups: Vec<usize>, parallel_idx: i64) -> SubSpec {
    let name = format!("{} #{}", STEP_NAMES[i % STEP_NAMES.len()], i + 1);
    let mut s = SubSpec::new(
        &name,
        Some("com.alipay.ocp.service.task.business.sim.SyntheticTask"),
        300,
        i as i64,
        ups,
    );
    s.parallel_idx = parallel_idx;
    s
}

/// Subtask templates for a synthetic DAG: `chain`, `fanout` (one head, N-2 parallel branches, one
/// tail) or `layered` (random layers, each node wired to 1-3 nodes of the layer above).
pub fn synthetic(shape: &str, size: usize, seed: u64) -> Result<Vec<SubSpec>, ApiError> {
    let n = size.max(1);
    Ok(match shape {
        "chain" => (0..n)
            .map(|i| node(i, if i == 0 { vec![] } else { vec![i - 1] }, -1))
            .collect(),
        "fanout" | "wide" => {
            if n < 3 {
                return synthetic("chain", n, seed);
            }
            let mut v = vec![node(0, vec![], -1)];
            for i in 1..n - 1 {
                v.push(node(i, vec![0], (i - 1) as i64));
            }
            v.push(node(n - 1, (1..n - 1).collect(), -1));
            v
        }
        "layered" | "random" | "dag" => {
            let mut rng = Rng::new(seed);
            let max_w = ((n as f64).sqrt().ceil() as u64).max(2);
            let mut v = Vec::with_capacity(n);
            let mut prev: Vec<usize> = Vec::new();
            while v.len() < n {
                let w = (rng.range(1, max_w) as usize).min(n - v.len());
                let mut layer = Vec::with_capacity(w);
                for k in 0..w {
                    let i = v.len();
                    let mut ups = Vec::new();
                    if !prev.is_empty() {
                        let fan = rng.range(1, 3.min(prev.len() as u64)) as usize;
                        while ups.len() < fan {
                            let u = prev[rng.range(0, prev.len() as u64 - 1) as usize];
                            if !ups.contains(&u) {
                                ups.push(u);
                            }
                        }
                        ups.sort_unstable();
                    }
                    v.push(node(i, ups, if w > 1 { k as i64 } else { -1 }));
                    layer.push(i);
                }
                prev = layer;
            }
            v
        }
        other => {
            return Err(ApiError::bad(format!(
                "Unknown shape {other:?}: use chain, fanout or layered"
            )))
        }
    })
}

async fn create_tasks(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: TaskReq = parse(&body)?;
    if r.size == 0 || r.size > 100_000 {
        return Err(ApiError::bad("size must be between 1 and 100000"));
    }
    let mut sim = st.lock();
    let seed = r.seed.unwrap_or(sim.cfg.seed);
    let subs = synthetic(&r.shape, r.size, seed)?;
    let spec = TaskSpec {
        name: format!("Synthetic {} task ({} subtasks)", r.shape, r.size),
        cluster_id: Some(1),
        tenant_id: None,
        creator: "admin".into(),
        prohibit_rollback: false,
        context: None,
        effect: Effect::None,
        subs,
        frozen: r.frozen,
    };
    let id = sim.engine.create(spec);
    let task = sim.engine.task(id)?;
    Ok(ok(Engine::task_json(task, &sim.world, true)))
}

async fn clock(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let v: Value = parse(&body)?;
    let step = v
        .get("stepMs")
        .and_then(Value::as_u64)
        .ok_or_else(|| ApiError::bad("stepMs must be a positive integer"))?;
    st.lock().engine.step_ms = step.max(1);
    Ok(ok(json!({"stepMs": step.max(1)})))
}

async fn reset(State(st): State<Shared>) -> ApiResult {
    st.lock().reset();
    Ok(ok_empty())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusesReq {
    /// Change these subtasks (in this order)…
    #[serde(default)]
    subtask_ids: Option<Vec<u64>>,
    /// …or the first `count` PENDING or READY subtasks (by position in the task).
    #[serde(default)]
    count: Option<usize>,
    status: String,
}

const SETTABLE: [&str; 6] = [
    "PENDING",
    "READY",
    "RUNNING",
    "SUCCESSFUL",
    "FAILED",
    "CANCELING",
];

/// `POST /_sim/tasks/{id}/statuses {subtaskIds | count, status}`: sets subtask statuses directly,
/// for measuring what one poll that changes N statuses costs the page. The task itself keeps its
/// status (a static task stays RUNNING and static); the engine does not promote or finish anything
/// because of this call. Returns the changed subtask ids.
async fn set_statuses(State(st): State<Shared>, Path(id): Path<u64>, body: Bytes) -> ApiResult {
    let r: StatusesReq = parse(&body)?;
    let status = SETTABLE
        .iter()
        .copied()
        .find(|s| *s == r.status)
        .ok_or_else(|| ApiError::bad(format!("status must be one of {SETTABLE:?}")))?;
    let mut sim = st.lock();
    let task = sim
        .engine
        .tasks
        .get_mut(&id)
        .ok_or_else(|| ApiError::task_not_found(id))?;
    let picked: Vec<usize> = match (&r.subtask_ids, r.count) {
        (Some(ids), _) => {
            ids.iter()
                .map(|sid| {
                    task.index.get(sid).copied().ok_or_else(|| {
                        ApiError::not_found(format!("No subtask {sid} in task {id}"))
                    })
                })
                .collect::<Result<_, _>>()?
        }
        (None, Some(n)) => (0..task.subtasks.len())
            .filter(|&i| matches!(task.subtasks[i].status, "PENDING" | "READY"))
            .take(n)
            .collect(),
        (None, None) => return Err(ApiError::bad("Give subtaskIds or count")),
    };
    let t = crate::envelope::now();
    let mut changed = Vec::with_capacity(picked.len());
    for i in picked {
        let sub = &mut task.subtasks[i];
        sub.status = status;
        sub.deadline = None;
        if matches!(status, "RUNNING" | "SUCCESSFUL" | "FAILED") && sub.start_time.is_none() {
            sub.start_time = Some(t);
        }
        if matches!(status, "SUCCESSFUL" | "FAILED") {
            sub.finish_time = Some(t);
        }
        changed.push(sub.id);
    }
    Ok(ok(
        json!({"taskId": id, "status": status, "subtaskIds": changed}),
    ))
}
