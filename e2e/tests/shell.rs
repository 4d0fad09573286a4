//! The console in Chromium behind nginx: it starts under the production CSP without errors (at the
//! root and under /console/), its navigation works, and a reloaded deep link renders its page.

use crate::common::TASK_LIMIT;
use ocp_e2e::{bail, run, Error, Harness, Mount, Options, Result};
use std::sync::Arc;

/// Waits until the console has rendered a non-empty `<h1>` (the wasm app is running).
async fn wait_app(h: &Harness) -> Result<String> {
    h.wait_text("h1", |t| !t.is_empty()).await
}

async fn loads_cleanly(h: Arc<Harness>) -> Result<()> {
    h.goto("/").await?;
    let title = wait_app(&h).await?;
    eprintln!("[e2e] {} shows <h1> {title:?}", h.app_url("/"));
    // The wasm module was fetched and instantiated by Trunk's inline loader (the CSP let both run),
    // and the app, not the static page, drew the shell.
    let started = h
        .exec(
            "return performance.getEntriesByType('resource').some(e => e.name.endsWith('_bg.wasm')) \
             && document.querySelector('header.topbar nav a') !== null;",
            vec![],
        )
        .await?;
    if started != true {
        bail!("the app did not start");
    }
    h.assert_no_errors("loading the console").await?;
    // A deep link works the same, and the app's own navigation lands on a page.
    h.open_signed_in("/tasks").await?;
    h.wait_text("h1", |t| t == "Tasks").await?;
    h.assert_no_errors("after opening /tasks").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loads_at_root_without_errors() {
    run("shell_root_loads", Options::default(), loads_cleanly).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loads_under_console_subpath_without_errors() {
    run(
        "shell_console_loads",
        Options::default().mount(Mount::Console),
        |h| async move {
            loads_cleanly(h.clone()).await?;
            // Everything the page loaded came from /console/ (and /api/), nothing from the root.
            let urls = h
                .exec(
                    "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
                    vec![],
                )
                .await?;
            for u in urls.as_array().into_iter().flatten() {
                let p = u.as_str().unwrap_or("");
                if !(p.starts_with("/console/") || p.starts_with("/api/")) {
                    bail!("the console under /console/ loaded {p}");
                }
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nav_links_show_their_pages() {
    run("shell_nav", Options::default(), |h| async move {
        h.open_signed_in("/tasks").await?;
        h.wait_text("h1", |t| t == "Tasks").await?;
        h.mark_document().await?;
        for (link, title, route) in [
            ("Add replica", "Add replicas", "/add-replica"),
            ("Switchover", "Batch switchover", "/switchover"),
            ("Tasks", "Tasks", "/tasks"),
        ] {
            h.click_link(link).await?;
            h.wait_text("h1", |t| t == title)
                .await
                .map_err(|e| Error(format!("after clicking {link:?}: {e}")))?;
            h.wait_route(route, |r| r == route).await?;
            if !h.still_same_document().await? {
                bail!("clicking {link:?} reloaded the page instead of navigating in the app");
            }
        }
        h.assert_no_errors("navigating").await
    })
    .await;
}

async fn deep_link(h: Arc<Harness>) -> Result<()> {
    let sim = h.sim();
    sim.fail_next().await?;
    let id = sim.add_full_replica(1, 1001, "zone3").await?;
    let route = format!("/tasks/{id}");
    h.open_signed_in(&route).await?;
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "Failed")
        .await?;
    let h1 = wait_app(&h).await?;
    eprintln!("[e2e] {route}: <h1> {h1:?}");
    // A full reload of the deep link: nginx serves index.html, the app renders the task again.
    h.reload().await?;
    h.ensure_signed_in(&route).await?;
    wait_app(&h).await?;
    h.wait_for("[data-testid=task-state]").await?;
    h.wait_route(&route, |r| r == route).await?;
    // The page follows the task from Failed, through the retry sent behind its back, to its end,
    // without a reload.
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| t == "Failed")
        .await?;
    h.mark_document().await?;
    sim.post(
        &format!("/api/v2/tasks/instances/{id}/retry"),
        serde_json::json!({}),
    )
    .await?
    .data()?;
    h.wait_text_for("[data-testid=task-state]", TASK_LIMIT, |t| {
        t == "Successful"
    })
    .await?;
    if !h.still_same_document().await? {
        bail!("the task page reloaded itself");
    }
    h.assert_no_errors("the task page").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloaded_deep_link_renders_the_task() {
    run("shell_deep_link", Options::default(), deep_link).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloaded_deep_link_renders_the_task_under_console() {
    run(
        "shell_deep_link_console",
        Options::default().mount(Mount::Console),
        deep_link,
    )
    .await;
}

/// Signing in through the dialog that a 401 opens over a page: the page's data then loads without
/// a reload (nothing typed is lost, and the page does not stay on its 401 error).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialog_sign_in_loads_what_was_refused() {
    run("shell_dialog_sign_in", Options::default(), |h| async move {
        h.goto("/add-replica").await?;
        h.wait_for("[role=dialog] input#username").await?;
        h.mark_document().await?;
        h.sign_in("[role=dialog] ").await?;
        h.wait_text("[data-testid=user-name]", |t| t == ocp_e2e::USER)
            .await?;
        // The clusters OCP refused before signing in are loaded now.
        h.wait_for("select#cluster option[value=\"1\"]").await?;
        h.wait_gone("[data-testid=api-error]").await?;
        if !h.still_same_document().await? {
            bail!("signing in through the dialog reloaded the page");
        }
        h.assert_no_errors("signing in through the dialog").await
    })
    .await;
}

/// The harness itself: console errors and CSP violations do reach `browser_errors()`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn harness_sees_console_errors_and_csp_violations() {
    run("shell_error_capture", Options::default(), |h| async move {
        h.goto("/").await?;
        wait_app(&h).await?;
        h.exec(
            "console.error('e2e-probe-console-error'); \
             const s = document.createElement('script'); s.textContent = 'window.__e2eInline = 1;'; \
             document.head.appendChild(s);",
            vec![],
        )
        .await?;
        let errors = ocp_e2e::poll("the probe errors", h.timeout, || async {
            let errs = h.browser_errors().await?;
            let console = errs.iter().any(|e| e.message.contains("e2e-probe-console-error"));
            let csp = errs.iter().any(|e| e.is_csp_violation());
            if console && csp {
                Ok(Some(errs))
            } else {
                Err(Error(format!("{errs:?}")))
            }
        })
        .await?;
        let ran = h.exec("return window.__e2eInline === 1;", vec![]).await?;
        if ran == true {
            bail!("an injected inline script ran: the CSP is not enforced");
        }
        eprintln!("[e2e] captured: {}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join(" | "));
        Ok(())
    })
    .await;
}
