//! The `/_sim/` control API for tests and demos: its routes, and faults, failure injection, clock
//! speed, reset and health. It is not under `/api/`, so it needs no auth, no limit and sees no faults.

use crate::engine::NextFailure;
use crate::envelope::{ok, ok_empty, ApiError, ApiResult};
use crate::faults::FaultConfig;
use crate::i18n::same_name;
use crate::Shared;
use crate::{control_drill, control_tasks};
use axum::body::Bytes;
use axum::extract::State;
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
        .route("/_sim/tasks", post(control_tasks::create_tasks))
        .route(
            "/_sim/tasks/{id}/statuses",
            post(control_tasks::set_statuses),
        )
        .route("/_sim/clock", post(clock))
        .route("/_sim/reset", post(reset))
        .route(
            "/_sim/rate-limit",
            post(control_drill::set_rate_limit)
                .delete(control_drill::clear_rate_limit)
                .get(control_drill::get_rate_limit),
        )
        .route(
            "/_sim/requests",
            get(control_drill::requests).delete(control_drill::clear_requests),
        )
        .route("/_sim/lag", post(control_drill::lag))
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, ApiError> {
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
        "pairs": sim.cfg.pairs,
        "rateLimit": sim.limiter.limit,
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
    tenant_id: Option<u64>,
    rate: Option<f64>,
}

async fn fail(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: FailReq = parse(&body)?;
    let mut sim = st.lock();
    if let Some(rate) = r.rate {
        sim.engine.fail_rate = rate.clamp(0.0, 1.0);
    }
    if r.next || (r.tenant_id.is_some() && r.task_id.is_none()) {
        sim.engine.arm(NextFailure {
            subtask_name: r.subtask_name.clone(),
            tenant_id: r.tenant_id,
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
                    || r.subtask_name
                        .as_deref()
                        .is_some_and(|n| same_name(&s.spec.name, n))
            })
            .ok_or_else(|| ApiError::not_found("No such unfinished subtask in that task"))?;
        sub.fail_once = true;
    } else if r.rate.is_none() {
        return Err(ApiError::bad(
            "Give taskId with subtaskId or subtaskName, or next: true (optionally tenantId), or rate",
        ));
    }
    Ok(ok(
        json!({"failRate": sim.engine.fail_rate, "next": r.next, "taskId": r.task_id,
                 "tenantId": r.tenant_id, "subtaskId": r.subtask_id, "subtaskName": r.subtask_name}),
    ))
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

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetReq {
    pairs: Option<usize>,
}

async fn reset(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: ResetReq = parse(&body)?;
    if r.pairs.is_some_and(|n| n > crate::pairs::MAX_PAIRS) {
        return Err(ApiError::bad(format!(
            "pairs must be at most {}",
            crate::pairs::MAX_PAIRS
        )));
    }
    let mut sim = st.lock();
    sim.reset(r.pairs);
    Ok(ok(json!({"pairs": sim.cfg.pairs})))
}
