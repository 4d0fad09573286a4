//! Add and modify replica: the array body's validation, the alter-tenant DAG (one parallel branch
//! per zone), and the task they start.

use super::{checked_zone, cls_spec, invalid, require_normal, scope, start_tenant_task};
use crate::engine::{Effect, Engine, SubSpec, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::i18n::tr;
use crate::world::{Cluster, Replica, Tenant, World};
use serde_json::{json, Value};
use std::collections::HashSet;

fn version_at_least(v: &str, major: u64, minor: u64) -> bool {
    let mut it = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let a = it.next().unwrap_or(0);
    let b = it.next().unwrap_or(0);
    (a, b) >= (major, minor)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReplicaOp {
    Add,
    Modify,
}

fn validate_replicas(
    world: &World,
    c: &Cluster,
    t: &Tenant,
    body: &Value,
    op: ReplicaOp,
) -> Result<Vec<Replica>, ApiError> {
    let object = if op == ReplicaOp::Add {
        "addReplicaParam"
    } else {
        "modifyReplicaParam"
    };
    let items = body.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
        ApiError::bad(tr(
            "Request body must be a non-empty JSON array of replicas",
            "请求体必须是非空的副本 JSON 数组",
        ))
    })?;
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let zf = format!("[{i}].zoneName");
        match checked_zone(object, c, item, i, &mut seen) {
            Err(e) => subs.push(e),
            Ok(zone) => {
                let has = t.replicas.iter().any(|r| r.zone_name == zone);
                if op == ReplicaOp::Add && has {
                    subs.push(SubError::new(
                        object,
                        zf,
                        json!(zone),
                        tr(
                            format!("tenant {} already has a replica in zone {zone}", t.name),
                            format!("租户 {} 在 zone {zone} 已有副本", t.name),
                        ),
                    ));
                } else if op == ReplicaOp::Modify && !has {
                    subs.push(SubError::new(
                        object,
                        zf,
                        json!(zone),
                        tr(
                            format!("tenant {} has no replica in zone {zone}", t.name),
                            format!("租户 {} 在 zone {zone} 没有副本", t.name),
                        ),
                    ));
                }
            }
        }
        let rt_val = item.get("replicaType").cloned().unwrap_or(json!("FULL"));
        let rt = rt_val.as_str().unwrap_or("");
        let rf = format!("[{i}].replicaType");
        match rt {
            "FULL" => {}
            "READONLY" if version_at_least(&c.ob_version, 4, 2) => {}
            "READONLY" => subs.push(SubError::new(
                object,
                rf,
                rt_val.clone(),
                tr(
                    format!("OceanBase {} supports FULL replicas only", c.ob_version),
                    format!("OceanBase {} 仅支持全功能型副本（FULL）", c.ob_version),
                ),
            )),
            "LOGONLY" => subs.push(SubError::new(
                object,
                rf,
                rt_val.clone(),
                tr(
                    format!(
                        "LOGONLY replicas are not supported by OceanBase {}",
                        c.ob_version
                    ),
                    format!("OceanBase {} 不支持日志型副本（LOGONLY）", c.ob_version),
                ),
            )),
            _ => subs.push(SubError::new(
                object,
                rf,
                rt_val.clone(),
                tr(
                    "replicaType must be one of FULL, READONLY, LOGONLY",
                    "replicaType 必须是 FULL、READONLY 或 LOGONLY 之一",
                ),
            )),
        }
        let pool = item.get("resourcePool");
        let mut spec_name = String::new();
        let mut count = 0;
        match pool.filter(|p| p.is_object()) {
            None => subs.push(SubError::new(
                object,
                format!("[{i}].resourcePool"),
                pool.cloned().unwrap_or(Value::Null),
                tr("must not be null", "不能为 null"),
            )),
            Some(p) => {
                let sv = p.get("unitSpecName").cloned().unwrap_or(Value::Null);
                spec_name = sv.as_str().unwrap_or("").to_string();
                if world.spec(&spec_name).is_none() {
                    subs.push(SubError::new(
                        object,
                        format!("[{i}].resourcePool.unitSpecName"),
                        sv,
                        tr(
                            format!("unit spec {spec_name:?} does not exist"),
                            format!("资源规格 {spec_name:?} 不存在"),
                        ),
                    ));
                }
                let cv = p.get("unitCount").cloned().unwrap_or(Value::Null);
                match cv.as_i64() {
                    Some(n) if n >= 1 => count = n as u64,
                    _ => subs.push(SubError::new(
                        object,
                        format!("[{i}].resourcePool.unitCount"),
                        cv,
                        tr("must be greater than or equal to 1", "必须大于或等于 1"),
                    )),
                }
            }
        }
        let zone = item.get("zoneName").and_then(Value::as_str).unwrap_or("");
        out.push(Replica {
            zone_name: zone.to_string(),
            replica_type: rt.to_string(),
            unit_spec_name: spec_name,
            unit_count: count,
        });
    }
    if subs.is_empty() {
        Ok(out)
    } else {
        Err(invalid(object, subs))
    }
}

fn replica_context(c: &Cluster, t: &Tenant, zones: &[String]) -> Value {
    let mut list = json!({});
    if zones.len() > 1 {
        list["zone_names"] = json!(zones);
    }
    json!({
        "listMap": list,
        "parallel": zones.len() > 1,
        "parallelIdx": -1,
        "stringMap": {
            "tenant_id": t.id.to_string(),
            "cluster_id": c.id.to_string(),
            "zone_name": zones.first().cloned().unwrap_or_default(),
        }
    })
}

/// Prepare alter tenant, then one parallel branch per zone (none for a single zone, exactly like
/// OCP's 4-step chain), then Wait alter locality, Sync tenant information, Update tenant status.
fn alter_subs(zones: &[String], branch: (&str, &str)) -> Vec<SubSpec> {
    let mut subs = vec![cls_spec(
        "Prepare alter tenant",
        "PrepareAlterTenantTask",
        300,
        3,
        vec![],
    )];
    let mut wait_ups = vec![0];
    if zones.len() > 1 {
        wait_ups.clear();
        for (i, z) in zones.iter().enumerate() {
            let mut s = cls_spec(branch.0, branch.1, 300, 4 + i as i64, vec![0]);
            s.parallel_idx = i as i64;
            s.description = format!("{} ({z})", branch.0);
            wait_ups.push(subs.len());
            subs.push(s);
        }
    }
    let w = subs.len();
    subs.push(cls_spec(
        "Wait alter locality",
        "WaitAlterLocalityTask",
        3600,
        0,
        wait_ups,
    ));
    subs.push(cls_spec(
        "Sync tenant information",
        "SyncTenantInfoTask",
        300,
        1,
        vec![w],
    ));
    subs.push(cls_spec(
        "Update tenant status",
        "UpdateTenantStatusTask",
        300,
        2,
        vec![w + 1],
    ));
    subs
}

pub fn add_replica(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    tid: u64,
    body: &Value,
) -> Result<u64, ApiError> {
    change_replicas(world, engine, cid, tid, body, ReplicaOp::Add)
}

pub fn modify_replica(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    tid: u64,
    body: &Value,
) -> Result<u64, ApiError> {
    change_replicas(world, engine, cid, tid, body, ReplicaOp::Modify)
}

fn change_replicas(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    tid: u64,
    body: &Value,
    op: ReplicaOp,
) -> Result<u64, ApiError> {
    let (c, t) = scope(world, cid, tid)?;
    require_normal(world, engine, t)?;
    let replicas = validate_replicas(world, c, t, body, op)?;
    let zones: Vec<String> = replicas.iter().map(|r| r.zone_name.clone()).collect();
    let context = Some(replica_context(c, t, &zones));
    let (name, effect, subs) = match op {
        ReplicaOp::Modify => (
            "Modify tenant replica",
            Effect::ModifyReplica {
                tenant_id: tid,
                replicas,
            },
            alter_subs(&zones, ("Modify resource pool", "ModifyResourcePoolTask")),
        ),
        ReplicaOp::Add => (
            "Add tenant replica",
            Effect::AddReplica {
                tenant_id: tid,
                replicas,
            },
            alter_subs(&zones, ("Create resource pool", "CreateResourcePoolTask")),
        ),
    };
    let spec = TaskSpec {
        name: name.into(),
        cluster_id: Some(cid),
        tenant_id: Some(tid),
        creator: "admin".into(),
        prohibit_rollback: false,
        context,
        effect,
        subs,
        frozen: false,
    };
    Ok(start_tenant_task(world, engine, spec))
}
