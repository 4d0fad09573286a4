//! Switchover of primary/standby pairs: the pairs' validation (roles, the sys tenant, busy
//! tenants), OCP's 10-step switchover DAG, and the pre-check with its per-standby results.

use super::{busy, id_field, invalid, is_busy, repeated, scope, start_tenant_task};
use crate::engine::{Effect, Engine, SubSpec, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::i18n::tr;
use crate::world::{Tenant, World};
use serde_json::{json, Value};
use std::collections::HashSet;

fn not_primary(name: &str) -> String {
    tr(
        format!("tenant {name} is not a primary tenant"),
        format!("租户 {name} 不是主租户"),
    )
}

fn not_standby_of(standby: &str, primary: &str) -> String {
    tr(
        format!("tenant {standby} is not a standby tenant of tenant {primary}"),
        format!("租户 {standby} 不是租户 {primary} 的备租户"),
    )
}

fn sys_refused() -> String {
    tr(
        "the sys tenant cannot be switched over",
        "sys 租户不支持主备切换",
    )
}

fn lagging(name: &str, secs: u64) -> String {
    tr(
        format!("standby tenant {name} is not in sync with its primary: log lag {secs} s (SYNC_DELAYED)"),
        format!("备租户 {name} 与主租户日志同步延迟 {secs} 秒（SYNC_DELAYED）"),
    )
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
        .ok_or_else(|| super::cluster_not_found(cid))?;
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
                    tr("must not be null", "不能为 null"),
                ));
            }
            if id_field(item, "standbyTenantId").is_none() {
                subs.push(SubError::new(
                    object,
                    sf,
                    item.get("standbyTenantId").cloned().unwrap_or(Value::Null),
                    tr("must not be null", "不能为 null"),
                ));
            }
            continue;
        };
        let pt = world.tenant(p).ok_or_else(|| super::tenant_not_found(p))?;
        let st = world.tenant(s).ok_or_else(|| super::tenant_not_found(s))?;
        if !seen.insert(p) {
            subs.push(SubError::new(object, pf.clone(), json!(p), repeated(p)));
        } else if World::is_sys(pt) {
            subs.push(SubError::new(object, pf.clone(), json!(p), sys_refused()));
        } else if pt.cluster_id != cid {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                tr(
                    format!("tenant {} does not belong to cluster {cid}", pt.name),
                    format!("租户 {} 不属于集群 {cid}", pt.name),
                ),
            ));
        } else if pt.tenant_role != "PRIMARY" {
            subs.push(SubError::new(
                object,
                pf.clone(),
                json!(p),
                not_primary(&pt.name),
            ));
        } else if is_busy(world, engine, pt) {
            subs.push(SubError::new(object, pf.clone(), json!(p), busy(&pt.name)));
        }
        if !seen.insert(s) {
            subs.push(SubError::new(object, sf, json!(s), repeated(s)));
        } else if World::is_sys(st) {
            subs.push(SubError::new(object, sf, json!(s), sys_refused()));
        } else if st.tenant_role != "STANDBY" || st.primary_tenant_id != Some(p) {
            subs.push(SubError::new(
                object,
                sf,
                json!(s),
                not_standby_of(&st.name, &pt.name),
            ));
        } else if is_busy(world, engine, st) {
            subs.push(SubError::new(object, sf, json!(s), busy(&st.name)));
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
        Some(s) => vec![world.tenant(s).ok_or_else(|| super::tenant_not_found(s))?],
        None => world
            .tenants
            .iter()
            .filter(|s| s.primary_tenant_id == Some(tid))
            .collect(),
    };
    let mut primary_msgs = Vec::new();
    if World::is_sys(t) {
        primary_msgs.push(sys_refused());
    } else if t.tenant_role != "PRIMARY" {
        primary_msgs.push(not_primary(&t.name));
    }
    if is_busy(world, engine, t) {
        primary_msgs.push(busy(&t.name));
    }
    if standbys.is_empty() {
        primary_msgs.push(tr(
            format!("tenant {} has no standby tenant", t.name),
            format!("租户 {} 没有备租户", t.name),
        ));
    }
    let results: Vec<Value> = standbys
        .iter()
        .map(|s| {
            let mut msgs = Vec::new();
            if World::is_sys(s) {
                msgs.push(sys_refused());
            } else if s.tenant_role != "STANDBY" || s.primary_tenant_id != Some(tid) {
                msgs.push(not_standby_of(&s.name, &t.name));
            }
            if is_busy(world, engine, s) {
                msgs.push(busy(&s.name));
            }
            if s.lag_seconds > 0 {
                msgs.push(lagging(&s.name, s.lag_seconds));
            }
            let sc = world.cluster(s.cluster_id);
            let mut v = json!({
                "tenantId": s.id, "name": s.name, "clusterId": s.cluster_id,
                "clusterName": sc.map(|c| c.name.clone()).unwrap_or_default(),
                "valid": msgs.is_empty(),
                "syncStatus": if s.lag_seconds > 0 { "SYNC_DELAYED" } else { "NORMAL_SYNC" },
                "logLagSeconds": s.lag_seconds,
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
