//! `Accept-Language: zh-CN` (any `zh*`) gives Chinese task names, subtask names and error messages,
//! translated on each read; English otherwise.

mod common;
use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_follow_each_request_language() {
    let sim = fast().await;
    let (s, v) = sim
        .post_in(
            "/api/v2/ob/clusters/1/tenants/1001/addReplica",
            add_body(&[("zone3", "FULL", "S1", 1), ("zone4", "FULL", "S1", 1)]),
            "zh-CN,zh;q=0.9,en;q=0.8",
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["name"], "添加副本");
    let id = v["data"]["id"].as_u64().unwrap();
    sim.wait_status(id, "SUCCESSFUL").await;

    let (_, zh) = sim
        .get_in(&format!("/api/v2/tasks/instances/{id}"), "zh")
        .await;
    let names: Vec<&str> = zh["data"]["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for n in ["准备修改租户", "创建资源池", "同步租户信息", "更新租户状态"] {
        assert!(names.contains(&n), "{names:?}");
    }
    let branch = zh["data"]["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["parallelIdx"] == 1)
        .unwrap();
    assert_eq!(branch["description"], "创建资源池（zone4）");

    let en = sim.task(id).await;
    assert_eq!(en["name"], "Add tenant replica", "translated on read");
    assert_eq!(sub(&en, "Prepare alter tenant")["status"], "SUCCESSFUL");

    let (_, v) = sim
        .get_in("/api/v2/tasks/instances?name=添加", "zh-CN")
        .await;
    assert_eq!(
        v["data"]["contents"][0]["id"], id,
        "the name filter matches the Chinese name"
    );
    assert_eq!(v["data"]["contents"][0]["name"], "添加副本");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_and_switchover_names_in_chinese() {
    let sim = fast().await;
    let (s, v) = sim.get_in("/api/v2/tasks/instances/424242", "zh-CN").await;
    assert_eq!((s, v["error"]["code"].as_i64()), (404, Some(20000)));
    assert_eq!(v["error"]["message"], "任务实例不存在：id=424242");
    let (_, v) = sim.get("/api/v2/tasks/instances/424242").await;
    assert_eq!(v["error"]["message"], "Task instance not found: id=424242");

    sim.control(
        "/_sim/fail",
        json!({"next": true, "subtaskName": "同步租户信息"}),
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
    assert_eq!(
        sub(&t, "Sync tenant information")["status"],
        "FAILED",
        "failed by its Chinese name"
    );
    let (s, v) = sim
        .post_in(
            "/api/v2/ob/clusters/1/tenants/1001/deleteReplica",
            json!([{"zoneName": "zone2"}]),
            "zh-CN",
        )
        .await;
    assert_eq!((s, v["error"]["code"].as_i64()), (400, Some(60003)));
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("租户状态不是 NORMAL：MODIFYING"),
        "{v}"
    );

    let (_, v) = sim
        .post_in(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1000, "standbyTenantId": 1003}]}),
            "zh-CN",
        )
        .await;
    assert!(
        v["error"]["subErrors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sys 租户不支持主备切换"),
        "{v}"
    );
    let (s, v) = sim
        .post_in(
            "/api/v2/ob/clusters/1/tenants/switchover",
            json!({"tenantParamList": [{"tenantId": 1002, "standbyTenantId": 1003}]}),
            "zh-CN",
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let task = &v["data"]["contents"][0];
    assert_eq!(task["name"], "租户主备切换");
    assert!(task["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "将备租户切换为主租户"));

    let r = sim
        .http
        .get(sim.url("/api/v2/ob/clusters"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["message"], "未登录，请先登录");
}
