//! Every endpoint's success and error bodies against the matching OCP sample or seed: same keys,
//! same JSON types.

mod common;
use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_endpoints_match_samples() {
    let sim = fast().await;
    let (s, v) = sim.get("/api/v2/ob/clusters").await;
    assert_eq!(s, 200);
    assert_shape(&sample("cluster--list-clusters--response.json"), &v, &[]);
    assert_eq!(v["data"]["page"]["totalElements"], 3);

    let (_, v) = sim.get("/api/v2/ob/clusters/1/zones").await;
    assert_shape(&sample("cluster--list-zones--response.json"), &v, &[]);
    assert_eq!(v["data"]["contents"].as_array().unwrap().len(), 4);

    let (_, v) = sim.get("/api/v2/ob/clusters/1/tenants").await;
    assert_shape(
        &sample("tenant--list-cluster-tenants--response.json"),
        &v,
        &[],
    );

    let (s, v) = sim.get("/api/v2/ob/clusters/1").await;
    assert_eq!(s, 200);
    let list = sample("cluster--list-clusters--response.json");
    assert_shape(&list["data"]["contents"][0], &v["data"], &[]);

    let (_, v) = sim
        .get("/api/v2/ob/tenants?name=mysql&status=NORMAL,CREATING&page=1&size=3")
        .await;
    assert_shape(&sample("tenant--list-all-tenants--response.json"), &v, &[]);
    assert_eq!(v["data"]["page"]["totalElements"], 6);
    assert_eq!(v["data"]["contents"].as_array().unwrap().len(), 3);

    let (_, v) = sim.get("/api/v2/ob/clusters/1/tenants?name=crm").await;
    assert_eq!(v["data"]["page"]["totalElements"], 2);

    let (_, v) = sim.get("/api/v2/ob/clusters/1/tenants/1001").await;
    assert_shape(&sample("tenant--get-tenant--response.json"), &v, &[]);

    let (_, v) = sim.get("/api/v2/ob/unitSpecs").await;
    assert_shape(&sample("tenant--list-unit-specs--response.json"), &v, &[]);
    let names: Vec<&str> = v["data"]["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"S1") && names.contains(&"S2") && names.contains(&"S4"));

    // Error bodies share the only error sample's envelope and error keys.
    let rl = sample("common--rate-limit-exceeded--response.json");
    for path in [
        "/api/v2/ob/clusters/99",
        "/api/v2/ob/clusters/1/tenants/4242",
        "/api/v2/tasks/instances/1",
        "/api/v2/nope",
    ] {
        let (s, v) = sim.get(path).await;
        assert_eq!(s, 404, "{path}");
        assert_shape(&rl, &v, &[]);
        assert_eq!(v["successful"], false);
    }
    let (_, v) = sim.get("/api/v2/tasks/instances/1").await;
    assert_eq!(v["error"]["code"], 20000);
    let (_, v) = sim.get("/api/v2/ob/clusters/99").await;
    assert_eq!(v["error"]["code"], 10002);
}

fn chain_order(task: &Value) -> Vec<String> {
    let subs = task["subtasks"].as_array().unwrap();
    let by_id: HashMap<u64, &Value> = subs
        .iter()
        .map(|s| (s["id"].as_u64().unwrap(), s))
        .collect();
    let mut cur = subs
        .iter()
        .find(|s| s["upstreams"].as_array().unwrap().is_empty())
        .unwrap();
    let mut out = vec![cur["name"].as_str().unwrap().to_string()];
    while let Some(d) = cur["downstreams"].as_array().unwrap().first() {
        cur = by_id[&d.as_u64().unwrap()];
        out.push(cur["name"].as_str().unwrap().to_string());
    }
    out
}

fn step_facts(task: &Value) -> Vec<(String, Value, Value, Value, Value, Value)> {
    let mut v: Vec<_> = task["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["className"].clone(),
                s["timeout"].clone(),
                s["seriesId"].clone(),
                s["parallelIdx"].clone(),
                s.get("prohibitRollback").cloned().unwrap_or(json!(false)),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_match_seeds_and_samples() {
    let sim = start(config(200)).await;
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let seed_add = seed("add-replica--response.json");
    assert_shape(&seed_add, &v, &[]);
    assert_shape(&sample("tenant--add-replica--response.json"), &v, &[]);
    assert_eq!(step_facts(&v["data"]), step_facts(&seed_add["data"]));
    assert_eq!(chain_order(&v["data"]), chain_order(&seed_add["data"]));
    assert_eq!(v["data"]["creator"], "admin");
    assert_eq!(v["data"]["context"]["stringMap"]["zone_name"], "zone3");

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1002, "standbyTenantId": 1003}]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let seed_sw = seed("switchover--response.json");
    assert_shape(&seed_sw, &v, &[]);
    let (ours, theirs) = (&v["data"]["contents"][0], &seed_sw["data"]["contents"][0]);
    assert_eq!(step_facts(ours), step_facts(theirs));
    assert_eq!(chain_order(ours), chain_order(theirs));

    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1005/deleteReplica",
            json!([{"zoneName": "zone3"}]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_shape(&sample("tenant--delete-replica--response.json"), &v, &[]);

    // The modifyReplica sample uses the old `tasks` shape with `creator` as an object; the task
    // returned is compared against the add-replica shape instead.
    let (s, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1004/modifyReplica",
            add_body(&[("zone1", "FULL", "S2", 2)]),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_shape(&sample("tenant--add-replica--response.json"), &v, &[]);
    assert_eq!(v["data"]["name"], "Modify tenant replica");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_centre_matches_samples() {
    let sim = fast().await;
    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Update tenant status"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let t = sim.wait_status(id, "FAILED").await;
    let failed = sub(&t, "Update tenant status")["id"].as_u64().unwrap();
    let done = sub(&t, "Prepare alter tenant")["id"].as_u64().unwrap();

    let (_, v) = sim.get(&format!("/api/v2/tasks/instances/{id}")).await;
    assert_shape(&sample("task--get-task--response.json"), &v, &[]);
    assert_eq!(v["data"]["creator"]["name"], "admin");
    assert_eq!(v["data"]["tenant"]["name"], "mysql_app");
    assert_eq!(v["data"]["cluster"]["obClusterId"], 101);

    let (_, v) = sim.get("/api/v2/tasks/instances?page=1&size=10").await;
    assert_shape(&sample("task--list-tasks--response.json"), &v, &[]);

    let (_, v) = sim
        .get(&format!("/api/v2/tasks/instances/{id}/subtasks/{done}/log"))
        .await;
    assert_shape(&sample("task--get-subtask-log--response.json"), &v, &[]);

    let (s, v) = sim
        .post(
            &format!("/api/v2/tasks/instances/{id}/subtasks/{failed}/retry"),
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_shape(&sample("task--retry-subtask--response.json"), &v, &[]);
    sim.wait_status(id, "SUCCESSFUL").await;

    // Retry and rollback answer the task at once, RUNNING again, so it has no finishTime yet.
    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Update tenant status"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone4", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    sim.wait_status(id, "FAILED").await;
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/retry"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_shape(
        &sample("task--retry-task--response.json"),
        &v,
        &["data.finishTime"],
    );
    sim.wait_status(id, "SUCCESSFUL").await;

    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Update tenant status"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1005/addReplica",
            add_body(&[("zone1", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let t = sim.wait_status(id, "FAILED").await;
    let failed = sub(&t, "Update tenant status")["id"].as_u64().unwrap();
    let r = sim
        .http
        .post(sim.url(&format!(
            "/api/v2/tasks/instances/{id}/subtasks/{failed}/skip"
        )))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_shape(&sample("task--skip-subtask--response.json"), &v, &[]);
    assert!(v.get("data").is_none());
    sim.wait_status(id, "SUCCESSFUL").await;

    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "Sync tenant information"}),
    )
    .await;
    let (_, v) = sim
        .post(
            "/api/v2/ob/clusters/1/tenants/1002/addReplica",
            add_body(&[("zone4", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    sim.wait_status(id, "FAILED").await;
    let (s, v) = sim
        .post(&format!("/api/v2/tasks/instances/{id}/rollback"), json!({}))
        .await;
    assert_eq!(s, 200, "{v}");
    let rb = sample("task--rollback-task--response.json");
    // Subtasks after the failed one never ran, so the first array item of ours may lack run times.
    assert_shape(
        &rb,
        &v,
        &[
            "data.finishTime",
            "data.subtasks[].startTime",
            "data.subtasks[].finishTime",
            "data.subtasks[].executor",
        ],
    );

    let slow = start(config(400)).await;
    let (_, v) = slow
        .post(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1)]),
        )
        .await;
    let id = v["data"]["id"].as_u64().unwrap();
    let t = slow
        .wait_task(id, "a RUNNING subtask", |t| {
            sub(t, "Prepare alter tenant")["status"] == "RUNNING"
        })
        .await;
    let sid = sub(&t, "Prepare alter tenant")["id"].as_u64().unwrap();
    let r = slow
        .http
        .post(slow.url(&format!(
            "/api/v2/tasks/instances/{id}/subtasks/{sid}/cancel"
        )))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_shape(&sample("task--cancel-subtask--response.json"), &v, &[]);
    assert_eq!(v["successful"], true);
}
