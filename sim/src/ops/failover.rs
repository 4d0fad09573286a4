//! Failover of standby tenants: validation and the 4-step failover DAG.

use super::{busy, id_field, invalid, is_busy, repeated, start_tenant_task};
use crate::engine::{Effect, Engine, SubSpec, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::i18n::tr;
use crate::world::World;
use serde_json::{json, Value};
use std::collections::HashSet;

pub fn failover(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    body: &Value,
) -> Result<Vec<u64>, ApiError> {
    world
        .cluster(cid)
        .ok_or_else(|| super::cluster_not_found(cid))?;
    let list = body
        .get("failoverTenantItemList")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            ApiError::bad(tr(
                "failoverTenantItemList must be a non-empty array",
                "failoverTenantItemList 必须是非空数组",
            ))
        })?;
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
                tr("must not be null", "不能为 null"),
            ));
            continue;
        };
        let t = world
            .tenant(id)
            .ok_or_else(|| super::tenant_not_found(id))?;
        if !seen.insert(id) {
            subs.push(SubError::new(object, f, json!(id), repeated(id)));
        } else if t.cluster_id != cid {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                tr(
                    format!("tenant {} does not belong to cluster {cid}", t.name),
                    format!("租户 {} 不属于集群 {cid}", t.name),
                ),
            ));
        } else if t.tenant_role != "STANDBY" {
            subs.push(SubError::new(
                object,
                f,
                json!(id),
                tr(
                    format!("tenant {} is not a standby tenant", t.name),
                    format!("租户 {} 不是备租户", t.name),
                ),
            ));
        } else if is_busy(world, engine, t) {
            subs.push(SubError::new(object, f, json!(id), busy(&t.name)));
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
