//! The tenant operations (replicas, switchover, failover) and what they share: scope lookup, the
//! NORMAL status gate (60003), error building and task start.

mod delete_replica;
mod effect;
mod failover;
mod replica;
mod switchover;

pub use delete_replica::delete_replica;
pub use effect::apply_effect;
pub use failover::failover;
pub use replica::{add_replica, modify_replica};
pub use switchover::{precheck, switchover, validate_pairs};

use crate::engine::{Engine, SubSpec, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::i18n::tr;
use crate::world::{Cluster, Tenant, World};
use serde_json::{json, Value};
use std::collections::HashSet;

const TENANT_PKG: &str = "com.alipay.ocp.service.task.business.tenant";

fn class(name: &str) -> String {
    format!("{TENANT_PKG}.{name}")
}

fn cls_spec(name: &str, class_name: &str, timeout: u64, series: i64, ups: Vec<usize>) -> SubSpec {
    SubSpec::new(name, Some(&class(class_name)), timeout, series, ups)
}

/// The cluster and the tenant of a tenant-scoped path, both 404 when unknown.
pub fn scope(
    world: &World,
    cluster_id: u64,
    tenant_id: u64,
) -> Result<(&Cluster, &Tenant), ApiError> {
    let c = world
        .cluster(cluster_id)
        .ok_or_else(|| cluster_not_found(cluster_id))?;
    let t = world
        .tenant(tenant_id)
        .filter(|t| t.cluster_id == cluster_id)
        .ok_or_else(|| {
            ApiError::not_found(tr(
                format!("Tenant not found: id={tenant_id}, clusterId={cluster_id}"),
                format!("租户不存在：id={tenant_id}，clusterId={cluster_id}"),
            ))
        })?;
    Ok((c, t))
}

pub fn cluster_not_found(id: u64) -> ApiError {
    ApiError::not_found(tr(
        format!("Cluster not found: id={id}"),
        format!("集群不存在：id={id}"),
    ))
}

pub fn tenant_not_found(id: u64) -> ApiError {
    ApiError::not_found(tr(
        format!("Tenant not found: id={id}"),
        format!("租户不存在：id={id}"),
    ))
}

/// Whether the tenant is in a status other than NORMAL or has an unfinished task.
fn is_busy(world: &World, engine: &Engine, t: &Tenant) -> bool {
    world.tenant(t.id).is_some_and(|t| t.status != "NORMAL") || engine.busy_tenant(t.id)
}

/// OCP's 60003 unless the tenant is NORMAL with no unfinished task.
fn require_normal(world: &World, engine: &Engine, t: &Tenant) -> Result<(), ApiError> {
    if !is_busy(world, engine, t) {
        return Ok(());
    }
    let status = if t.status == "NORMAL" {
        "MODIFYING"
    } else {
        t.status.as_str()
    };
    Err(ApiError::tenant_status(&t.name, status))
}

pub(super) fn repeated(id: u64) -> String {
    tr(
        format!("tenant {id} appears more than once"),
        format!("租户 {id} 重复出现"),
    )
}

pub(super) fn busy(name: &str) -> String {
    tr(
        format!("tenant {name} is being modified"),
        format!("租户 {name} 正在变更中"),
    )
}

/// The zone of replica item `i` when it passes the checks every replica request shares, else why
/// not: blank, not a zone of the cluster, or named twice in the request (`seen`).
fn checked_zone<'a>(
    object: &str,
    c: &Cluster,
    item: &'a Value,
    i: usize,
    seen: &mut HashSet<String>,
) -> Result<&'a str, SubError> {
    let zone = item.get("zoneName").and_then(Value::as_str).unwrap_or("");
    let f = format!("[{i}].zoneName");
    if zone.is_empty() {
        Err(SubError::new(
            object,
            f,
            item.get("zoneName").cloned().unwrap_or(Value::Null),
            tr("must not be blank", "不能为空"),
        ))
    } else if !c.zones.iter().any(|z| z.name == zone) {
        Err(SubError::new(
            object,
            f,
            json!(zone),
            tr(
                format!("zone {zone} does not exist in cluster {}", c.name),
                format!("集群 {} 中不存在 zone {zone}", c.name),
            ),
        ))
    } else if !seen.insert(zone.to_string()) {
        Err(SubError::new(
            object,
            f,
            json!(zone),
            tr(
                format!("duplicate zone {zone} in request"),
                format!("请求中 zone {zone} 重复"),
            ),
        ))
    } else {
        Ok(zone)
    }
}

fn invalid(object: &str, subs: Vec<SubError>) -> ApiError {
    let first = subs
        .first()
        .map(|s| format!("{}: {}", s.field, s.message))
        .unwrap_or_default();
    let n = subs.len();
    ApiError::bad(tr(
        format!("Invalid argument, {n} field error(s); {first}"),
        format!("参数错误，共 {n} 个字段错误；{first}"),
    ))
    .with_target(object)
    .with_subs(subs)
}

fn id_field(item: &Value, key: &str) -> Option<u64> {
    match item.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
}

fn start_tenant_task(world: &mut World, engine: &mut Engine, spec: TaskSpec) -> u64 {
    for t in spec.effect.tenants() {
        if let Some(t) = world.tenant_mut(t) {
            t.status = "MODIFYING".into();
        }
    }
    engine.create(spec)
}
