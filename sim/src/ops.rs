//! The tenant operations (add/delete/modify replica, switchover with its pre-check, failover):
//! OCP-style validation, the subtask DAGs they create, and their effect on the world when done.

use crate::engine::{Effect, Engine, SubSpec, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::world::{Cluster, Replica, Tenant, World};
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
        .ok_or_else(|| ApiError::not_found(format!("Cluster not found: id={cluster_id}")))?;
    let t = world
        .tenant(tenant_id)
        .filter(|t| t.cluster_id == cluster_id)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Tenant not found: id={tenant_id}, clusterId={cluster_id}"
            ))
        })?;
    Ok((c, t))
}

fn busy_error(t: &Tenant) -> ApiError {
    ApiError::bad(format!(
        "Tenant {} is being modified (status {}), wait for the running task to finish",
        t.name,
        if t.status == "NORMAL" {
            "MODIFYING"
        } else {
            t.status.as_str()
        }
    ))
    .with_target(t.name.clone())
}

fn is_busy(world: &World, engine: &Engine, t: &Tenant) -> bool {
    world.tenant(t.id).is_some_and(|t| t.status != "NORMAL") || engine.busy_tenant(t.id)
}

fn invalid(object: &str, subs: Vec<SubError>) -> ApiError {
    let first = subs
        .first()
        .map(|s| format!("{}: {}", s.field, s.message))
        .unwrap_or_default();
    ApiError::bad(format!(
        "Invalid argument, {} field error(s); {first}",
        subs.len()
    ))
    .with_target(object)
    .with_subs(subs)
}

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
    let items = body
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::bad("Request body must be a non-empty JSON array of replicas"))?;
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let zone = item.get("zoneName").and_then(Value::as_str).unwrap_or("");
        let zf = format!("[{i}].zoneName");
        if zone.is_empty() {
            subs.push(SubError::new(
                object,
                zf,
                item.get("zoneName").cloned().unwrap_or(Value::Null),
                "must not be blank",
            ));
        } else if !c.zones.iter().any(|z| z.name == zone) {
            subs.push(SubError::new(
                object,
                zf,
                json!(zone),
                format!("zone {zone} does not exist in cluster {}", c.name),
            ));
        } else if !seen.insert(zone.to_string()) {
            subs.push(SubError::new(
                object,
                zf,
                json!(zone),
                format!("duplicate zone {zone} in request"),
            ));
        } else {
            let has = t.replicas.iter().any(|r| r.zone_name == zone);
            if op == ReplicaOp::Add && has {
                subs.push(SubError::new(
                    object,
                    zf,
                    json!(zone),
                    format!("tenant {} already has a replica in zone {zone}", t.name),
                ));
            } else if op == ReplicaOp::Modify && !has {
                subs.push(SubError::new(
                    object,
                    zf,
                    json!(zone),
                    format!("tenant {} has no replica in zone {zone}", t.name),
                ));
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
                format!("OceanBase {} supports FULL replicas only", c.ob_version),
            )),
            "LOGONLY" => subs.push(SubError::new(
                object,
                rf,
                rt_val.clone(),
                format!(
                    "LOGONLY replicas are not supported by OceanBase {}",
                    c.ob_version
                ),
            )),
            _ => subs.push(SubError::new(
                object,
                rf,
                rt_val.clone(),
                "replicaType must be one of FULL, READONLY, LOGONLY",
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
                "must not be null",
            )),
            Some(p) => {
                let sv = p.get("unitSpecName").cloned().unwrap_or(Value::Null);
                spec_name = sv.as_str().unwrap_or("").to_string();
                if world.spec(&spec_name).is_none() {
                    subs.push(SubError::new(
                        object,
                        format!("[{i}].resourcePool.unitSpecName"),
                        sv,
                        format!("unit spec {spec_name:?} does not exist"),
                    ));
                }
                let cv = p.get("unitCount").cloned().unwrap_or(Value::Null);
                match cv.as_i64() {
                    Some(n) if n >= 1 => count = n as u64,
                    _ => subs.push(SubError::new(
                        object,
                        format!("[{i}].resourcePool.unitCount"),
                        cv,
                        "must be greater than or equal to 1",
                    )),
                }
            }
        }
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

fn start_tenant_task(world: &mut World, engine: &mut Engine, spec: TaskSpec) -> u64 {
    for t in spec.effect.tenants() {
        if let Some(t) = world.tenant_mut(t) {
            t.status = "MODIFYING".into();
        }
    }
    engine.create(spec)
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
    if is_busy(world, engine, t) {
        return Err(busy_error(t));
    }
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

pub fn delete_replica(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    tid: u64,
    body: &Value,
) -> Result<u64, ApiError> {
    let (c, t) = scope(world, cid, tid)?;
    if is_busy(world, engine, t) {
        return Err(busy_error(t));
    }
    let object = "deleteReplicaParam";
    let items = body.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
        ApiError::bad("Request body must be a non-empty JSON array of {zoneName}")
    })?;
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let zone = item.get("zoneName").and_then(Value::as_str).unwrap_or("");
        let f = format!("[{i}].zoneName");
        if zone.is_empty() {
            subs.push(SubError::new(
                object,
                f,
                item.get("zoneName").cloned().unwrap_or(Value::Null),
                "must not be blank",
            ));
        } else if !c.zones.iter().any(|z| z.name == zone) {
            subs.push(SubError::new(
                object,
                f,
                json!(zone),
                format!("zone {zone} does not exist in cluster {}", c.name),
            ));
        } else if !seen.insert(zone.to_string()) {
            subs.push(SubError::new(
                object,
                f,
                json!(zone),
                format!("duplicate zone {zone} in request"),
            ));
        } else if !t.replicas.iter().any(|r| r.zone_name == zone) {
            subs.push(SubError::new(
                object,
                f,
                json!(zone),
                format!("tenant {} has no replica in zone {zone}", t.name),
            ));
        }
    }
    if subs.is_empty() && seen.len() >= t.replicas.len() {
        subs.push(SubError::new(
            object,
            "[0].zoneName",
            json!(items[0].get("zoneName")),
            "a tenant must keep at least one replica",
        ));
    }
    if !subs.is_empty() {
        return Err(invalid(object, subs));
    }
    let zones: Vec<String> = items
        .iter()
        .filter_map(|i| i.get("zoneName").and_then(Value::as_str).map(String::from))
        .collect();
    let n = zones.len();
    let mut specs = vec![
        cls_spec(
            "Prepare alter tenant",
            "PrepareAlterTenantTask",
            300,
            3,
            vec![],
        ),
        cls_spec(
            "Wait alter locality",
            "WaitAlterLocalityTask",
            3600,
            2,
            vec![0],
        ),
        cls_spec(
            "Prepare resource pool",
            "PrepareResourcePoolTask",
            300,
            5,
            vec![1],
        ),
    ];
    specs[0].id_offset = Some(0);
    specs[1].id_offset = Some(n as u64 + 1);
    specs[2].id_offset = Some(n as u64 + 4);
    let mut branch_ix = Vec::new();
    for (i, z) in zones.iter().enumerate() {
        let mut s = cls_spec(
            "Delete resource pool",
            "DeleteResourcePoolTask",
            300,
            0,
            vec![2],
        );
        s.parallel_idx = i as i64;
        s.description = if n > 1 {
            format!("Delete resource pool ({z})")
        } else {
            s.name.clone()
        };
        s.id_offset = Some(1 + i as u64);
        branch_ix.push(specs.len());
        specs.push(s);
    }
    let sync = specs.len();
    let mut s = cls_spec(
        "Sync tenant information",
        "SyncTenantInfoTask",
        300,
        4,
        branch_ix,
    );
    s.id_offset = Some(n as u64 + 2);
    specs.push(s);
    let mut s = cls_spec(
        "Update tenant status",
        "UpdateTenantStatusTask",
        300,
        1,
        vec![sync],
    );
    s.id_offset = Some(n as u64 + 3);
    specs.push(s);
    let ctx = json!({
        "listMap": {"zone_names": zones},
        "parallel": n > 1,
        "parallelIdx": -1,
        "stringMap": {"tenant_id": t.id.to_string(), "cluster_id": c.id.to_string()},
    });
    let spec = TaskSpec {
        name: "Delete tenant replica".into(),
        cluster_id: Some(cid),
        tenant_id: Some(tid),
        creator: "admin".into(),
        prohibit_rollback: false,
        context: Some(ctx),
        effect: Effect::DeleteReplica {
            tenant_id: tid,
            zones,
        },
        subs: specs,
        frozen: false,
    };
    Ok(start_tenant_task(world, engine, spec))
}

fn id_field(item: &Value, key: &str) -> Option<u64> {
    match item.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
}

/// Validates the pairs of a switchover request: 404 for unknown tenants, 400 with field errors
/// for role problems and repeats.
pub fn validate_pairs(
    world: &World,
    engine: &Engine,
    cid: u64,
    list: &[Value],
    prefix: &str,
) -> Result<Vec<(u64, u64)>, ApiError> {
    world
        .cluster(cid)
        .ok_or_else(|| ApiError::not_found(format!("Cluster not found: id={cid}")))?;
    let object = "tenantSwitchoverParam";
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    let mut pairs = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let pf = format!("{prefix}[{i}].tenantId");
        let sf = format!("{prefix}[{i}].standbyTenantId");
        let (Some(p), Some(s)) = (
            id_field(item, "tenantId"),
            id_field(item, "standbyTenantId"),
        ) else {
            if id_field(item, "tenantId").is_none() {
                subs.push(SubError::new(
                    object,
                    pf,
                    item.get("tenantId").cloned().unwrap_or(Value::Null),
                    "must not be null",
                ));
            }
            if id_field(item, "standbyTenantId").is_none() {
                subs.push(SubError::new(
                    object,
                    sf,
                    item.get("standbyTenantId").cloned().unwrap_or(Value::Null),
                    "must not be null",
                ));
            }
            continue;
        };
        let pt = world
            .tenant(p)
            .ok_or_else(|| ApiError::not_found(format!("Tenant not found: id={p}")))?;
        let st = world
            .tenant(s)
            .ok_or_else(|| ApiError::not_found(format!("Tenant not found: id={s}")))?;
        if !seen.insert(p) {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                format!("tenant {p} appears more than once"),
            ));
        } else if pt.cluster_id != cid {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                format!("tenant {} does not belong to cluster {cid}", pt.name),
            ));
        } else if pt.tenant_role != "PRIMARY" {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                format!("tenant {} is not a primary tenant", pt.name),
            ));
        } else if is_busy(world, engine, pt) {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                format!("tenant {} is being modified", pt.name),
            ));
        }
        if !seen.insert(s) {
            subs.push(SubError::new(
                object,
                sf,
                json!(s),
                format!("tenant {s} appears more than once"),
            ));
        } else if st.tenant_role != "STANDBY" || st.primary_tenant_id != Some(p) {
            subs.push(SubError::new(
                object,
                sf,
                json!(s),
                format!(
                    "tenant {} is not a standby tenant of tenant {}",
                    st.name, pt.name
                ),
            ));
        } else if is_busy(world, engine, st) {
            subs.push(SubError::new(
                object,
                sf,
                json!(s),
                format!("tenant {} is being modified", st.name),
            ));
        }
        pairs.push((p, s));
    }
    if subs.is_empty() {
        Ok(pairs)
    } else {
        Err(invalid(object, subs))
    }
}

/// The 10-step chain of OCP's tenant switchover; id offsets reproduce the seed's id layout.
fn switchover_subs() -> Vec<SubSpec> {
    let steps: [(&str, i64, u64, i64, bool, u64); 10] = [
        ("Prepare switchover tenant", 1, 60, -1, false, 4),
        (
            "Create standby tenant read only user",
            0,
            1800,
            -1,
            false,
            5,
        ),
        (
            "Wait all relation tenants accessible",
            8,
            3600,
            -1,
            false,
            0,
        ),
        ("Switch primary tenant to standby", 4, 1800, -1, false, 1),
        ("Switchover standby tenant to primary", 5, 1800, -1, true, 3),
        ("Reset log restore source", 2, 1800, -1, false, 2),
        ("Update log restore source", 7, 900, 0, false, 6),
        (
            "Restart tenant service name if started",
            6,
            600,
            -1,
            false,
            8,
        ),
        ("Update tenant role in meta", 9, 120, -1, false, 9),
        ("Reset switchover tenant info", 3, 120, -1, false, 7),
    ];
    steps
        .iter()
        .enumerate()
        .map(|(i, &(name, series, timeout, pidx, prohibit, off))| {
            let mut s = SubSpec::new(
                name,
                None,
                timeout,
                series,
                if i == 0 { vec![] } else { vec![i - 1] },
            );
            s.parallel_idx = pidx;
            s.prohibit_rollback = prohibit;
            s.id_offset = Some(off);
            s
        })
        .collect()
}

pub fn switchover(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    pairs: Vec<(u64, u64)>,
) -> Vec<u64> {
    pairs
        .into_iter()
        .map(|(p, s)| {
            let spec = TaskSpec {
                name: "Switchover ob tenant for network mode".into(),
                cluster_id: Some(cid),
                tenant_id: Some(p),
                creator: "admin".into(),
                prohibit_rollback: false,
                context: None,
                effect: Effect::Switchover {
                    primary: p,
                    standby: s,
                },
                subs: switchover_subs(),
                frozen: false,
            };
            start_tenant_task(world, engine, spec)
        })
        .collect()
}

pub fn precheck(
    world: &World,
    engine: &Engine,
    cid: u64,
    tid: u64,
    body: &Value,
) -> Result<Value, ApiError> {
    let (c, t) = scope(world, cid, tid)?;
    let standbys: Vec<&Tenant> = match id_field(body, "standbyTenantId") {
        Some(s) => vec![world
            .tenant(s)
            .ok_or_else(|| ApiError::not_found(format!("Tenant not found: id={s}")))?],
        None => world
            .tenants
            .iter()
            .filter(|s| s.primary_tenant_id == Some(tid))
            .collect(),
    };
    let mut primary_msgs = Vec::new();
    if t.tenant_role != "PRIMARY" {
        primary_msgs.push(format!("tenant {} is not a primary tenant", t.name));
    }
    if is_busy(world, engine, t) {
        primary_msgs.push(format!("tenant {} is being modified", t.name));
    }
    if standbys.is_empty() {
        primary_msgs.push(format!("tenant {} has no standby tenant", t.name));
    }
    let results: Vec<Value> = standbys
        .iter()
        .map(|s| {
            let mut msgs = Vec::new();
            if s.tenant_role != "STANDBY" || s.primary_tenant_id != Some(tid) {
                msgs.push(format!(
                    "tenant {} is not a standby tenant of tenant {}",
                    s.name, t.name
                ));
            }
            if is_busy(world, engine, s) {
                msgs.push(format!("tenant {} is being modified", s.name));
            }
            let sc = world.cluster(s.cluster_id);
            let mut v = json!({
                "tenantId": s.id, "name": s.name, "clusterId": s.cluster_id,
                "clusterName": sc.map(|c| c.name.clone()).unwrap_or_default(),
                "valid": msgs.is_empty(),
            });
            if !msgs.is_empty() {
                v["messages"] = json!(msgs);
            }
            v
        })
        .collect();
    let valid = primary_msgs.is_empty() && results.iter().all(|r| r["valid"] == json!(true));
    let mut v = json!({
        "valid": valid, "tenantId": t.id, "name": t.name, "clusterId": c.id,
        "clusterName": c.name, "standbyCheckResults": results,
    });
    if !primary_msgs.is_empty() {
        v["messages"] = json!(primary_msgs);
    }
    Ok(v)
}

pub fn failover(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    body: &Value,
) -> Result<Vec<u64>, ApiError> {
    world
        .cluster(cid)
        .ok_or_else(|| ApiError::not_found(format!("Cluster not found: id={cid}")))?;
    let list = body
        .get("failoverTenantItemList")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::bad("failoverTenantItemList must be a non-empty array"))?;
    let object = "tenantFailoverParam";
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let f = format!("failoverTenantItemList[{i}].tenantId");
        let Some(id) = id_field(item, "tenantId") else {
            subs.push(SubError::new(
                object,
                f,
                item.get("tenantId").cloned().unwrap_or(Value::Null),
                "must not be null",
            ));
            continue;
        };
        let t = world
            .tenant(id)
            .ok_or_else(|| ApiError::not_found(format!("Tenant not found: id={id}")))?;
        if !seen.insert(id) {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                format!("tenant {id} appears more than once"),
            ));
        } else if t.cluster_id != cid {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                format!("tenant {} does not belong to cluster {cid}", t.name),
            ));
        } else if t.tenant_role != "STANDBY" {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                format!("tenant {} is not a standby tenant", t.name),
            ));
        } else if is_busy(world, engine, t) {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                format!("tenant {} is being modified", t.name),
            ));
        }
        ids.push(id);
    }
    if !subs.is_empty() {
        return Err(invalid(object, subs));
    }
    Ok(ids
        .into_iter()
        .map(|id| {
            let names = [
                ("Prepare failover tenant", 60, false),
                ("Failover standby tenant to primary", 1800, true),
                ("Update tenant role in meta", 120, false),
                ("Reset failover tenant info", 120, false),
            ];
            let subs = names
                .iter()
                .enumerate()
                .map(|(i, &(n, timeout, prohibit))| {
                    let mut s = SubSpec::new(
                        n,
                        None,
                        timeout,
                        i as i64,
                        if i == 0 { vec![] } else { vec![i - 1] },
                    );
                    s.prohibit_rollback = prohibit;
                    s
                })
                .collect();
            let spec = TaskSpec {
                name: "Failover ob tenant".into(),
                cluster_id: Some(cid),
                tenant_id: Some(id),
                creator: "admin".into(),
                prohibit_rollback: false,
                context: None,
                effect: Effect::Failover { tenant_id: id },
                subs,
                frozen: false,
            };
            start_tenant_task(world, engine, spec)
        })
        .collect())
}

/// Applies a finished task to the world: its change when it succeeded, only the status otherwise.
pub fn apply_effect(world: &mut World, effect: &Effect, success: bool) {
    for id in effect.tenants() {
        if let Some(t) = world.tenant_mut(id) {
            t.status = "NORMAL".into();
        }
    }
    if !success {
        return;
    }
    match effect {
        Effect::None => {}
        Effect::AddReplica {
            tenant_id,
            replicas,
        } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.replicas.extend(replicas.iter().cloned());
            }
        }
        Effect::DeleteReplica { tenant_id, zones } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.replicas.retain(|r| !zones.contains(&r.zone_name));
            }
        }
        Effect::ModifyReplica {
            tenant_id,
            replicas,
        } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                for new in replicas {
                    if let Some(r) = t.replicas.iter_mut().find(|r| r.zone_name == new.zone_name) {
                        *r = new.clone();
                    }
                }
            }
        }
        Effect::Switchover { primary, standby } => {
            for t in world.tenants.iter_mut() {
                if t.id == *primary {
                    t.tenant_role = "STANDBY".into();
                    t.primary_tenant_id = Some(*standby);
                } else if t.id == *standby {
                    t.tenant_role = "PRIMARY".into();
                    t.primary_tenant_id = None;
                } else if t.primary_tenant_id == Some(*primary) {
                    t.primary_tenant_id = Some(*standby);
                }
            }
        }
        Effect::Failover { tenant_id } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.tenant_role = "PRIMARY".into();
                t.primary_tenant_id = None;
            }
        }
    }
}
