//! Delete replica: the `[{zoneName}]` body's validation and the delete-resource-pool DAG.

use super::{checked_zone, cls_spec, invalid, require_normal, scope, start_tenant_task};
use crate::engine::{Effect, Engine, TaskSpec};
use crate::envelope::{ApiError, SubError};
use crate::i18n::tr;
use crate::world::World;
use serde_json::{json, Value};
use std::collections::HashSet;

pub fn delete_replica(
    world: &mut World,
    engine: &mut Engine,
    cid: u64,
    tid: u64,
    body: &Value,
) -> Result<u64, ApiError> {
    let (c, t) = scope(world, cid, tid)?;
    require_normal(world, engine, t)?;
    let object = "deleteReplicaParam";
    let items = body.as_array().filter(|a| !a.is_empty()).ok_or_else(|| {
        ApiError::bad(tr(
            "Request body must be a non-empty JSON array of {zoneName}",
            "请求体必须是非空的 JSON 数组 [{zoneName}]",
        ))
    })?;
    let mut subs = Vec::new();
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let f = format!("[{i}].zoneName");
        match checked_zone(object, c, item, i, &mut seen) {
            Err(e) => subs.push(e),
            Ok(zone) if !t.replicas.iter().any(|r| r.zone_name == zone) => {
                subs.push(SubError::new(
                    object,
                    f,
                    json!(zone),
                    tr(
                        format!("tenant {} has no replica in zone {zone}", t.name),
                        format!("租户 {} 在 zone {zone} 没有副本", t.name),
                    ),
                ));
            }
            Ok(_) => {}
        }
    }
    if subs.is_empty() && seen.len() >= t.replicas.len() {
        subs.push(SubError::new(
            object,
            "[0].zoneName",
            json!(items[0].get("zoneName")),
            tr(
                "a tenant must keep at least one replica",
                "租户至少要保留一个副本",
            ),
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
