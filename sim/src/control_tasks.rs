//! Control of tasks: synthetic tasks of a chosen DAG shape (`POST /_sim/tasks`) and direct subtask
//! status changes (`POST /_sim/tasks/{id}/statuses`).

use crate::control::parse;
use crate::engine::{Effect, Engine, TaskSpec};
use crate::envelope::{ok, ApiError, ApiResult};
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TaskReq {
    shape: String,
    size: usize,
    seed: Option<u64>,
    #[serde(default)]
    width: Option<usize>,
    #[serde(rename = "static", default)]
    frozen: bool,
}

pub async fn create_tasks(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: TaskReq = parse(&body)?;
    if r.size == 0 || r.size > 100_000 {
        return Err(ApiError::bad("size must be between 1 and 100000"));
    }
    let mut sim = st.lock();
    let seed = r.seed.unwrap_or(sim.cfg.seed);
    let subs = crate::synthetic::synthetic(&r.shape, r.size, r.width, seed)?;
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
pub async fn set_statuses(State(st): State<Shared>, Path(id): Path<u64>, body: Bytes) -> ApiResult {
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
