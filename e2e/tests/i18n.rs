//! The console in Chinese end to end: the operator picks 中文 in the header, adds a replica through
//! the form, and the task page shows the simulator's Chinese task and subtask names, asked for with
//! `Accept-Language: zh-CN`; the choice survives a reload.

use crate::common::{fill_add_replica, task_id, TASK_LIMIT};
use ocp_e2e::{bail, run, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_replica_in_chinese() {
    run("i18n_add_replica_zh", Options::default(), |h| async move {
        h.open_signed_in("/add-replica").await?;
        h.wait_text("h1", |t| t == "Add replicas").await?;
        h.select_by_value("select[data-testid=language]", "zh-CN")
            .await?;
        h.wait_text("h1", |t| t == "添加副本").await?;
        h.wait_text("label[for=cluster]", |t| t == "集群").await?;
        fill_add_replica(&h, "zone3").await?;
        h.wait_text("button#submit", |t| t == "添加副本").await?;
        h.click("button#submit").await?;
        let route = h
            .wait_route("/tasks/{id}", |r| task_id(r).is_some())
            .await?;
        let id = task_id(&route).unwrap_or_default();
        // OCP's (the simulator's) names come in Chinese, the console's words too.
        h.wait_text("h1", |t| t.contains("添加副本")).await?;
        let names = h.find_all("g.dag-node text.name").await?;
        let mut chinese = 0;
        for n in &names {
            if n.text()
                .await?
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                chinese += 1;
            }
        }
        if names.is_empty() || chinese != names.len() {
            bail!(
                "task {id}: {chinese} of {} node names are Chinese",
                names.len()
            );
        }
        h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "成功")
            .await?;
        let legend = h.text(".dag-legend").await?;
        if !legend.contains("成功") {
            bail!("the legend is not in Chinese: {legend}");
        }
        let started = h.text(".task-header .facts").await?;
        if !started.contains("开始时间") {
            bail!("the task's facts are not in Chinese: {started}");
        }

        // The choice is remembered: a reload comes back in Chinese.
        h.reload().await?;
        h.wait_text("h1", |t| t.contains("添加副本")).await?;
        h.wait_text("nav a[href='/tasks']", |t| t == "任务").await?;
        let lang = h
            .exec("return document.documentElement.lang", vec![])
            .await?;
        if lang != "zh-CN" {
            bail!("<html lang> is {lang}");
        }
        h.assert_no_errors("adding a replica in Chinese").await
    })
    .await;
}
