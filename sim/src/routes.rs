//! The `/api/v2` endpoints: cluster, zone, tenant and unit spec reads, the tenant operations, the
//! task centre, and the IAM login/logout/current-user calls.

use crate::engine::Engine;
use crate::envelope::{ok, ok_empty, page, ApiError, ApiResult};
use crate::i18n::tr;
use crate::{auth, ops, Shared};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::collections::HashMap;

type Q = Query<HashMap<String, String>>;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/api/v2/ob/clusters", get(list_clusters))
        .route("/api/v2/ob/clusters/{id}", get(get_cluster))
        .route("/api/v2/ob/clusters/{id}/zones", get(list_zones))
        .route("/api/v2/ob/clusters/{id}/tenants", get(list_tenants))
        .route(
            "/api/v2/ob/clusters/{id}/tenants/switchover",
            post(switchover_batch),
        )
        .route("/api/v2/ob/clusters/{id}/tenants/failover", post(failover))
        .route("/api/v2/ob/clusters/{id}/tenants/{tid}", get(get_tenant))
        .route(
            "/api/v2/ob/clusters/{id}/tenants/{tid}/addReplica",
            post(add_replica),
        )
        .route(
            "/api/v2/ob/clusters/{id}/tenants/{tid}/deleteReplica",
            post(delete_replica),
        )
        .route(
            "/api/v2/ob/clusters/{id}/tenants/{tid}/modifyReplica",
            post(modify_replica),
        )
        .route(
            "/api/v2/ob/clusters/{id}/tenants/{tid}/switchoverPreCheck",
            post(precheck),
        )
        .route(
            "/api/v2/ob/clusters/{id}/tenants/{tid}/switchover",
            post(switchover_one),
        )
        .route("/api/v2/ob/tenants", get(list_all_tenants))
        .route("/api/v2/ob/unitSpecs", get(list_unit_specs))
        .route("/api/v2/tasks/instances", get(list_tasks))
        .route("/api/v2/tasks/instances/{id}", get(get_task))
        .route("/api/v2/tasks/instances/{id}/retry", post(retry_task))
        .route("/api/v2/tasks/instances/{id}/rollback", post(rollback_task))
        .route(
            "/api/v2/tasks/instances/{id}/subtasks/{sid}/retry",
            post(retry_subtask),
        )
        .route(
            "/api/v2/tasks/instances/{id}/subtasks/{sid}/skip",
            post(skip_subtask),
        )
        .route(
            "/api/v2/tasks/instances/{id}/subtasks/{sid}/cancel",
            post(cancel_subtask),
        )
        .route(
            "/api/v2/tasks/instances/{id}/subtasks/{sid}/log",
            get(subtask_log),
        )
        .route("/api/v2/iam/login", post(auth::login))
        .route("/api/v2/iam/logout", post(auth::logout))
        .route("/api/v2/iam/current-user", get(auth::me))
        .route("/api/v2/iam/users/me", get(auth::me))
}

pub async fn not_found(uri: Uri) -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        10002,
        tr(
            format!("No such resource: {}", uri.path()),
            format!("资源不存在：{}", uri.path()),
        ),
    )
    .into_response()
}

fn num(q: &HashMap<String, String>, key: &str) -> Result<Option<u64>, ApiError> {
    match q.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            ApiError::bad(tr(
                format!("Invalid value {s:?} for parameter {key}"),
                format!("参数 {key} 的值 {s:?} 无效"),
            ))
            .with_target(key.to_string())
        }),
    }
}

fn paging(q: &HashMap<String, String>) -> Result<(usize, usize), ApiError> {
    let p = num(q, "page")?.unwrap_or(1).max(1) as usize;
    let s = num(q, "size")?.unwrap_or(10).clamp(1, 2000) as usize;
    Ok((p, s))
}

fn parse_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::bad(tr(
            format!("Malformed JSON request body: {e}"),
            format!("请求体不是合法的 JSON：{e}"),
        ))
    })
}

fn path_id(s: &str, what: &str) -> Result<u64, ApiError> {
    s.parse().map_err(|_| {
        ApiError::bad(tr(
            format!("Invalid {what} {s:?}: must be an integer"),
            format!("{what} {s:?} 无效：必须是整数"),
        ))
    })
}

fn cluster_id(s: &str) -> Result<u64, ApiError> {
    path_id(s, "cluster id")
}

async fn list_clusters(State(st): State<Shared>, q: Q) -> ApiResult {
    let (p, s) = paging(&q)?;
    let sim = st.lock();
    let items = sim
        .world
        .clusters
        .iter()
        .map(|c| sim.world.cluster_json(c))
        .collect();
    Ok(ok(page(items, p, s)))
}

fn find_cluster(sim: &crate::Sim, id: &str) -> Result<u64, ApiError> {
    let id = cluster_id(id)?;
    sim.world
        .cluster(id)
        .map(|c| c.id)
        .ok_or_else(|| ops::cluster_not_found(id))
}

async fn get_cluster(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let sim = st.lock();
    let id = find_cluster(&sim, &id)?;
    let c = sim.world.cluster(id).expect("cluster exists");
    Ok(ok(sim.world.cluster_json(c)))
}

async fn list_zones(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let sim = st.lock();
    let id = find_cluster(&sim, &id)?;
    let c = sim.world.cluster(id).expect("cluster exists");
    let zones: Vec<Value> = (0..c.zones.len())
        .map(|i| sim.world.zone_json(c, i))
        .collect();
    Ok(ok(json!({"contents": zones})))
}

/// `status=A,B` as upper-case values; absent or empty means no filter.
fn status_list(q: &HashMap<String, String>) -> Vec<String> {
    q.get("status")
        .map(|v| {
            v.split(',')
                .map(|x| x.trim().to_uppercase())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn tenant_items(sim: &crate::Sim, cluster: Option<u64>, q: &HashMap<String, String>) -> Vec<Value> {
    let name = q.get("name").map(|s| s.to_lowercase()).unwrap_or_default();
    let mode = q.get("mode").map(|s| s.to_uppercase());
    let statuses = status_list(q);
    sim.world
        .tenants
        .iter()
        .filter(|t| cluster.is_none_or(|c| t.cluster_id == c))
        .filter(|t| t.name.to_lowercase().contains(&name))
        .filter(|t| mode.as_ref().is_none_or(|m| t.mode == *m))
        .filter(|t| statuses.is_empty() || statuses.contains(&t.status))
        .map(|t| sim.world.tenant_json(t))
        .collect()
}

async fn list_tenants(State(st): State<Shared>, Path(id): Path<String>, q: Q) -> ApiResult {
    let (p, s) = paging(&q)?;
    let sim = st.lock();
    let id = find_cluster(&sim, &id)?;
    Ok(ok(page(tenant_items(&sim, Some(id), &q), p, s)))
}

async fn list_all_tenants(State(st): State<Shared>, q: Q) -> ApiResult {
    let (p, s) = paging(&q)?;
    let sim = st.lock();
    Ok(ok(page(tenant_items(&sim, None, &q), p, s)))
}

async fn get_tenant(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
) -> ApiResult {
    let sim = st.lock();
    let (_, t) = ops::scope(&sim.world, cluster_id(&id)?, path_id(&tid, "tenant id")?)?;
    Ok(ok(sim.world.tenant_detail_json(t)))
}

async fn list_unit_specs(State(st): State<Shared>, q: Q) -> ApiResult {
    let (p, s) = paging(&q)?;
    let sim = st.lock();
    let items = sim
        .world
        .unit_specs
        .iter()
        .map(crate::world::World::spec_json)
        .collect();
    Ok(ok(page(items, p, s)))
}

type TenantOp =
    fn(&mut crate::world::World, &mut Engine, u64, u64, &Value) -> Result<u64, ApiError>;

fn tenant_op(st: &Shared, id: &str, tid: &str, body: &Bytes, f: TenantOp) -> ApiResult {
    let (cid, tid) = (cluster_id(id)?, path_id(tid, "tenant id")?);
    let mut sim = st.lock();
    let crate::Sim { world, engine, .. } = &mut *sim;
    ops::scope(world, cid, tid)?;
    let body = parse_body(body)?;
    let task = f(world, engine, cid, tid, &body)?;
    Ok(ok(Engine::task_json(engine.task(task)?, world, false)))
}

async fn add_replica(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    tenant_op(&st, &id, &tid, &body, ops::add_replica)
}

async fn delete_replica(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    tenant_op(&st, &id, &tid, &body, ops::delete_replica)
}

async fn modify_replica(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    tenant_op(&st, &id, &tid, &body, ops::modify_replica)
}

async fn precheck(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let (cid, tid) = (cluster_id(&id)?, path_id(&tid, "tenant id")?);
    let sim = st.lock();
    ops::scope(&sim.world, cid, tid)?;
    let body = if body.is_empty() {
        json!({})
    } else {
        parse_body(&body)?
    };
    Ok(ok(ops::precheck(&sim.world, &sim.engine, cid, tid, &body)?))
}

async fn switchover_one(
    State(st): State<Shared>,
    Path((id, tid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let (cid, tid) = (cluster_id(&id)?, path_id(&tid, "tenant id")?);
    let mut sim = st.lock();
    let crate::Sim { world, engine, .. } = &mut *sim;
    ops::scope(world, cid, tid)?;
    let mut body = parse_body(&body)?;
    if !body.is_object() {
        return Err(ApiError::bad(tr(
            "Request body must be a JSON object {tenantId, standbyTenantId}",
            "请求体必须是 JSON 对象 {tenantId, standbyTenantId}",
        )));
    }
    if body.get("tenantId").is_none() {
        body["tenantId"] = json!(tid);
    }
    if body
        .get("tenantId")
        .and_then(Value::as_u64)
        .is_some_and(|t| t != tid)
    {
        return Err(ApiError::bad(tr(
            "tenantId in the body does not match the path",
            "请求体中的 tenantId 与路径不一致",
        ))
        .with_target("tenantId"));
    }
    let pairs = ops::validate_pairs(world, engine, cid, std::slice::from_ref(&body), "").map_err(
        |mut e| {
            for s in e.sub_errors.iter_mut() {
                s.field = s.field.trim_start_matches("[0].").to_string();
            }
            e
        },
    )?;
    let ids = ops::switchover(world, engine, cid, pairs);
    Ok(ok(Engine::task_json(engine.task(ids[0])?, world, false)))
}

async fn switchover_batch(
    State(st): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let cid = cluster_id(&id)?;
    let mut sim = st.lock();
    let crate::Sim { world, engine, .. } = &mut *sim;
    world
        .cluster(cid)
        .ok_or_else(|| ops::cluster_not_found(cid))?;
    let body = parse_body(&body)?;
    let list = body
        .get("tenantParamList")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            ApiError::bad(tr(
                "tenantParamList must be a non-empty array",
                "tenantParamList 必须是非空数组",
            ))
            .with_target("tenantParamList")
        })?;
    let pairs = ops::validate_pairs(world, engine, cid, list, "tenantParamList")?;
    let ids = ops::switchover(world, engine, cid, pairs);
    let tasks: Vec<Value> = ids
        .iter()
        .filter_map(|i| engine.tasks.get(i))
        .map(|t| Engine::task_json(t, world, false))
        .collect();
    Ok(ok(json!({"contents": tasks})))
}

async fn failover(State(st): State<Shared>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let cid = cluster_id(&id)?;
    let mut sim = st.lock();
    let crate::Sim { world, engine, .. } = &mut *sim;
    world
        .cluster(cid)
        .ok_or_else(|| ops::cluster_not_found(cid))?;
    let body = parse_body(&body)?;
    let ids = ops::failover(world, engine, cid, &body)?;
    let tasks: Vec<Value> = ids
        .iter()
        .filter_map(|i| engine.tasks.get(i))
        .map(|t| Engine::task_json(t, world, false))
        .collect();
    Ok(ok(json!({"contents": tasks})))
}

fn sort_key(t: &crate::engine::Task, field: &str) -> String {
    match field {
        "createTime" => format!("{:020}{:020}", t.create_time.timestamp_micros(), t.id),
        "startTime" => format!(
            "{:020}{:020}",
            t.start_time.map(|s| s.timestamp_micros()).unwrap_or(0),
            t.id
        ),
        "finishTime" => format!(
            "{:020}{:020}",
            t.finish_time.map(|s| s.timestamp_micros()).unwrap_or(0),
            t.id
        ),
        "name" => format!("{}\u{0}{:020}", t.name, t.id),
        "status" => format!("{}\u{0}{:020}", t.status, t.id),
        _ => format!("{:020}", t.id),
    }
}

async fn list_tasks(State(st): State<Shared>, q: Q) -> ApiResult {
    let (p, s) = paging(&q)?;
    let statuses = status_list(&q);
    let cluster = num(&q, "clusterId")?;
    let tenant = num(&q, "tenantId")?;
    let name = q.get("name").map(|s| s.to_lowercase()).unwrap_or_default();
    let kind = q
        .get("type")
        .map(|s| s.to_uppercase())
        .filter(|s| !s.is_empty());
    let sort = q.get("sort").cloned().unwrap_or_else(|| "id,desc".into());
    let (field, dir) = sort.split_once(',').unwrap_or((sort.as_str(), "asc"));
    let field = field.trim().to_string();
    if !matches!(
        field.as_str(),
        "id" | "createTime" | "startTime" | "finishTime" | "name" | "status"
    ) {
        return Err(ApiError::bad(tr(
            format!("Unsupported sort field {field:?}"),
            format!("不支持的排序字段 {field:?}"),
        ))
        .with_target("sort"));
    }
    let desc = dir.trim().eq_ignore_ascii_case("desc");
    let sim = st.lock();
    let mut tasks: Vec<&crate::engine::Task> = sim
        .engine
        .tasks
        .values()
        .filter(|t| statuses.is_empty() || statuses.iter().any(|x| x == t.status))
        .filter(|t| cluster.is_none_or(|c| t.cluster_id == Some(c)))
        .filter(|t| tenant.is_none_or(|c| t.tenant_id == Some(c)))
        .filter(|t| {
            t.name.to_lowercase().contains(&name)
                || crate::i18n::name_in(&t.name, crate::i18n::Lang::Zh).contains(&name)
        })
        .filter(|_| kind.as_deref().is_none_or(|k| k == "MANUAL"))
        .collect();
    tasks.sort_by_cached_key(|t| sort_key(t, &field));
    if desc {
        tasks.reverse();
    }
    let items = tasks
        .iter()
        .map(|t| Engine::task_json(t, &sim.world, true))
        .collect();
    Ok(ok(page(items, p, s)))
}

fn task_id(s: &str) -> Result<u64, ApiError> {
    s.parse().map_err(|_| {
        ApiError::bad(tr(
            format!("Invalid task id {s:?}"),
            format!("任务 id {s:?} 无效"),
        ))
    })
}

async fn get_task(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let sim = st.lock();
    let t = sim.engine.task(task_id(&id)?)?;
    Ok(ok(Engine::task_json(t, &sim.world, true)))
}

async fn retry_task(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let id = task_id(&id)?;
    let mut sim = st.lock();
    sim.engine.retry_task(id)?;
    Ok(ok(Engine::task_json(
        sim.engine.task(id)?,
        &sim.world,
        true,
    )))
}

async fn rollback_task(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let id = task_id(&id)?;
    let mut sim = st.lock();
    sim.engine.rollback_task(id)?;
    Ok(ok(Engine::task_json(
        sim.engine.task(id)?,
        &sim.world,
        true,
    )))
}

fn ids(id: &str, sid: &str) -> Result<(u64, u64), ApiError> {
    Ok((
        task_id(id)?,
        sid.parse().map_err(|_| {
            ApiError::bad(tr(
                format!("Invalid subtask id {sid:?}"),
                format!("子任务 id {sid:?} 无效"),
            ))
        })?,
    ))
}

fn subtask_value(sim: &crate::Sim, id: u64, sid: u64) -> ApiResult {
    let t = sim.engine.task(id)?;
    let s = t
        .index
        .get(&sid)
        .map(|&i| &t.subtasks[i])
        .ok_or_else(|| ApiError::subtask_not_found(sid))?;
    Ok(ok(Engine::subtask_json(s)))
}

async fn retry_subtask(
    State(st): State<Shared>,
    Path((id, sid)): Path<(String, String)>,
) -> ApiResult {
    let (id, sid) = ids(&id, &sid)?;
    let mut sim = st.lock();
    sim.engine.retry_subtask(id, sid)?;
    subtask_value(&sim, id, sid)
}

async fn skip_subtask(
    State(st): State<Shared>,
    Path((id, sid)): Path<(String, String)>,
) -> ApiResult {
    let (id, sid) = ids(&id, &sid)?;
    st.lock().engine.skip_subtask(id, sid)?;
    Ok(ok_empty())
}

async fn cancel_subtask(
    State(st): State<Shared>,
    Path((id, sid)): Path<(String, String)>,
) -> ApiResult {
    let (id, sid) = ids(&id, &sid)?;
    st.lock().engine.cancel_subtask(id, sid)?;
    Ok(ok_empty())
}

async fn subtask_log(
    State(st): State<Shared>,
    Path((id, sid)): Path<(String, String)>,
) -> ApiResult {
    let (id, sid) = ids(&id, &sid)?;
    let sim = st.lock();
    let t = sim.engine.task(id)?;
    let s = t
        .index
        .get(&sid)
        .map(|&i| &t.subtasks[i])
        .ok_or_else(|| ApiError::subtask_not_found(sid))?;
    Ok(ok(json!({"log": s.log})))
}
