//! The task and subtask JSON of OCP: the shape operations return and the shape `GET` returns, names
//! in the request's language.

use crate::engine::{Engine, Subtask, Task, EXECUTOR};
use crate::envelope::{fmt_ts, fmt_ts_secs};
use crate::i18n;
use crate::world::World;
use serde_json::{json, Value};

impl Engine {
    pub fn subtask_json(s: &Subtask) -> Value {
        let mut v = json!({
            "id": s.id,
            "name": i18n::name(&s.spec.name),
            "description": i18n::name(&s.spec.description),
            "seriesId": s.spec.series_id,
            "nodeType": "JAVA_TASK",
            "operation": s.operation,
            "status": s.status,
            "parallelIdx": s.spec.parallel_idx,
            "runTime": s.run_time,
            "timeout": s.spec.timeout,
            "upstreams": s.upstreams,
            "downstreams": s.downstreams,
            "prohibitRollback": s.spec.prohibit_rollback,
            "createTime": fmt_ts_secs(&s.create_time),
        });
        if let Some(c) = &s.spec.class_name {
            v["className"] = json!(c);
        }
        if let Some(t) = &s.start_time {
            v["startTime"] = json!(fmt_ts(t));
            v["executor"] = json!(EXECUTOR);
        }
        if let Some(t) = &s.finish_time {
            v["finishTime"] = json!(fmt_ts(t));
        }
        v
    }

    /// `full` gives the GET shape (creator object, cluster and tenant objects); otherwise the shape
    /// operations return (creator a string).
    pub fn task_json(task: &Task, world: &World, full: bool) -> Value {
        let mut v = json!({
            "id": task.id,
            "name": i18n::name(&task.name),
            "type": "MANUAL",
            "status": task.status,
            "operation": task.operation,
            "executor": EXECUTOR,
            "prohibitRollback": task.prohibit_rollback,
            "taskDefinitionId": -1,
            "createTime": fmt_ts_secs(&task.create_time),
            "subtasks": task.subtasks.iter().map(Self::subtask_json).collect::<Vec<_>>(),
        });
        if let Some(c) = task.cluster_id {
            v["clusterId"] = json!(c);
        }
        if let Some(t) = task.tenant_id {
            v["tenantId"] = json!(t);
        }
        if let Some(ctx) = &task.context {
            v["context"] = ctx.clone();
        }
        if let Some(t) = &task.start_time {
            v["startTime"] = json!(fmt_ts(t));
        }
        if let Some(t) = &task.finish_time {
            v["finishTime"] = json!(fmt_ts(t));
        }
        if full {
            v["creator"] = json!({"id": 100, "name": task.creator});
            if let Some(c) = task.cluster_id.and_then(|c| world.cluster(c)) {
                v["cluster"] = json!({"id": c.id, "name": c.name, "obClusterId": c.ob_cluster_id, "type": c.kind});
            }
            if let Some(t) = task.tenant_id.and_then(|t| world.tenant(t)) {
                v["tenant"] = json!({"id": t.id, "name": t.name, "obTenantId": t.ob_tenant_id, "mode": t.mode});
            }
        } else {
            v["creator"] = json!(task.creator);
        }
        v
    }
}
