//! Every OCP sample the model covers decodes, walked from the folder so a new sample needs no new code.
#![cfg(not(target_arch = "wasm32"))]

use ocp_core::error::decode_response;
use ocp_core::model::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `../shared/ocp-samples` when the shared folder sits beside the clone, else the vendored copy.
fn sample_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("../fixtures/ocp-samples"),
        root.join("../fixtures/seeds"),
    ];
    let shared = root.join("../shared/ocp-samples");
    if shared.is_dir() {
        dirs.push(shared);
    }
    dirs
}

fn json_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in sample_dirs() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(out.len() > 80, "samples missing: {}", out.len());
    out
}

fn has_subtasks(v: &Value) -> bool {
    v.get("subtasks")
        .or_else(|| v.get("tasks"))
        .is_some_and(Value::is_array)
}

fn check_task(name: &str, json: &Value, task: &TaskInstance) {
    let list = json
        .get("subtasks")
        .or_else(|| json.get("tasks"))
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(task.subtasks.len(), list.len(), "{name}");
    assert_eq!(Some(task.id), json["id"].as_i64(), "{name}");
    for (s, j) in task.subtasks.iter().zip(list) {
        assert_eq!(Some(s.id), j["id"].as_i64(), "{name}");
        assert!(
            !matches!(&s.status, SubtaskStatus::Other(x) if x.is_empty()),
            "{name}: status lost"
        );
    }
    if let Some(c) = json.get("creator").and_then(Value::as_str) {
        assert_eq!(task.creator_name().as_deref(), Some(c), "{name}");
    }
    if let Some(c) = json.pointer("/creator/name").and_then(Value::as_str) {
        assert_eq!(task.creator_name().as_deref(), Some(c), "{name}");
    }
}

#[test]
fn every_response_decodes_into_the_type_it_holds() {
    let mut covered = 0;
    for (name, text) in json_files() {
        if name.contains("--request") {
            continue;
        }
        let raw: Value = serde_json::from_str(&text).unwrap();
        let status = raw["status"].as_u64().unwrap_or(200) as u16;
        let envelope = decode_response::<Value>(status, None, &text);
        if raw["successful"] == Value::Bool(false) {
            assert!(
                envelope.is_err(),
                "{name}: an error envelope must decode as an error"
            );
            covered += 1;
            continue;
        }
        let data = envelope
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .unwrap_or(Value::Null);
        if has_subtasks(&data) {
            let task: TaskInstance = decode_response(200, None, &text).unwrap().unwrap();
            check_task(&name, &data, &task);
            covered += 1;
        } else if data
            .get("contents")
            .and_then(|c| c.get(0))
            .is_some_and(has_subtasks)
        {
            let list: Page<TaskInstance> = decode_response(200, None, &text).unwrap().unwrap();
            for (t, j) in list
                .contents
                .iter()
                .zip(data["contents"].as_array().unwrap())
            {
                check_task(&name, j, t);
            }
            covered += 1;
        } else if name.starts_with("tenant--list-unit-specs") {
            let p: Page<UnitSpec> = decode_response(200, None, &text).unwrap().unwrap();
            assert!(p
                .contents
                .iter()
                .all(|s| !s.name.is_empty() && s.max_cpu_core_count.is_some()));
            covered += 1;
        } else if name.starts_with("tenant--list-") && name.contains("tenants") {
            let p: Page<Tenant> = decode_response(200, None, &text).unwrap().unwrap();
            assert!(!p.contents.is_empty() && p.contents.iter().all(|t| t.mode.is_some()));
            assert!(p.page.is_some_and(|p| p.total_pages >= 1));
            covered += 1;
        } else if name.starts_with("tenant--get-tenant") {
            let t: TenantDetail = decode_response(200, None, &text).unwrap().unwrap();
            assert_eq!(t.zones.len(), data["zones"].as_array().unwrap().len());
            assert!(t.zones[0]
                .resource_pool
                .as_ref()
                .unwrap()
                .unit_config
                .is_some());
            covered += 1;
        } else if name.starts_with("cluster--list-clusters") {
            let p: Page<Cluster> = decode_response(200, None, &text).unwrap().unwrap();
            assert!(p
                .contents
                .iter()
                .all(|c| c.ob_version.is_some() && !c.zones.is_empty()));
            covered += 1;
        } else if name.starts_with("cluster--list-zones") {
            let p: Page<Zone> = decode_response(200, None, &text).unwrap().unwrap();
            assert!(p.contents.iter().all(|z| !z.name.is_empty()));
            covered += 1;
        } else if name.starts_with("task--retry-subtask") {
            let s: Subtask = decode_response(200, None, &text).unwrap().unwrap();
            assert_eq!(Some(s.id), data["id"].as_i64());
            covered += 1;
        } else if name.contains("precheck") {
            let p: PrecheckResult = decode_response(200, None, &text).unwrap().unwrap();
            assert_eq!(
                p.passed(),
                data.pointer("/result/valid")
                    .and_then(Value::as_bool)
                    .unwrap_or(p.valid)
            );
            covered += 1;
        }
    }
    assert!(covered >= 40, "only {covered} samples matched a model type");
}

#[test]
fn add_replica_request_sample_is_our_request_type() {
    for (name, text) in json_files() {
        if name.contains("add-replica--request") || name.contains("modify-replica--request") {
            let body: Vec<ReplicaSpec> = serde_json::from_str(&text).unwrap();
            assert!(!body.is_empty());
            let again: Value = serde_json::to_value(&body).unwrap();
            assert_eq!(
                again,
                serde_json::from_str::<Value>(&text).unwrap(),
                "{name} round trip"
            );
        }
        if name.contains("switchover--request") {
            let body: SwitchoverRequest = serde_json::from_str(&text).unwrap();
            assert_eq!(body.tenant_param_list.len(), 1);
        }
    }
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/seeds")
            .join(name),
    )
    .unwrap()
}

#[test]
fn seeds_decode_into_tasks_of_4_and_10_subtasks() {
    let add: TaskInstance = decode_response(200, None, &seed("add-replica--response.json"))
        .unwrap()
        .unwrap();
    assert_eq!(add.subtasks.len(), 4);
    assert_eq!(add.name, "Add tenant replica");
    assert_eq!(add.creator_name().as_deref(), Some("admin"));
    assert_eq!(add.derived_state(), DerivedState::Running);
    assert_eq!(add.progress(), Progress { done: 0, total: 4 });
    assert_eq!(add.current_step(), Some(304129));

    let list: TaskList = decode_response(200, None, &seed("switchover--response.json"))
        .unwrap()
        .unwrap();
    assert_eq!(list.contents.len(), 1);
    let sw = &list.contents[0];
    assert_eq!(sw.subtasks.len(), 10);
    let parallel: Vec<i64> = sw
        .subtasks
        .iter()
        .filter(|s| s.parallel_idx >= 0)
        .map(|s| s.id)
        .collect();
    assert_eq!(parallel, vec![13025763]);
    assert!(sw.subtasks.iter().any(|s| s.prohibit_rollback));
    assert_eq!(
        sw.start_time.as_ref().and_then(|t| t.epoch_ms),
        Some(1_721_727_513_977)
    );
}

#[test]
fn task_centre_shape_has_creator_object_and_refs() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/ocp-samples/task--list-tasks--response.json"),
    )
    .unwrap();
    let list: TaskList = decode_response(200, None, &text).unwrap().unwrap();
    let first = &list.contents[0];
    assert_eq!(first.creator_name().as_deref(), Some("system"));
    assert!(first.cluster_label().is_some());
    assert!(list.page.unwrap().total_elements >= 1);
}
