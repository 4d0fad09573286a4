//! Browser figures for `scripts/bench`: the release build (`dist/`) behind nginx against the
//! in-process simulator, in headless Chromium. A report, not a test: it prints what it measured
//! (one `MEASURE_JSON {...}` line on stdout, progress on stderr) and fails only if it cannot
//! measure at all.
//!
//! Timings use in-page clocks (`performance.now()`, navigation start = 0), recorded by a script
//! installed before the page's own (CDP `Page.addScriptToEvaluateOnNewDocument`), never WebDriver
//! round trips:
//! - first interactive screen: the first `[data-testid=task-row]` in the DOM (MutationObserver),
//!   cold (browser cache cleared) and warm;
//! - chart: `responseEnd` of the task GET (Resource Timing) to the first `g.dag-node` followed by
//!   two animation frames (painted);
//! - one poll that changes 10 statuses: MutationObserver records on `document.body` in the time
//!   between that poll's `responseEnd` and the next one's, split into inside `g.dag-node`, elsewhere
//!   in `svg.dag`, and outside the chart, beside the same for the poll before (no change);
//! - requests per minute: `/api/` Resource Timing entries started in fixed windows.
//!
//! `BENCH_RUNS` (default 5) sets the number of runs per figure.

use ocp_e2e::{note, poll, Browser, Cdp, Error, Harness, Options, Result};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Runs in every new document before the page's scripts.
const INIT_SCRIPT: &str = r#"(() => {
  if (window.__bench) return;
  const M = { firstRow: null, nodesAt: null, painted: null, res: [], vis: [], muts: [] };
  Object.defineProperty(window, '__bench', { value: M });
  const mo = new MutationObserver(() => {
    const now = performance.now();
    if (M.firstRow === null && document.querySelector('[data-testid=task-row]')) {
      M.firstRow = now;
    }
    if (M.nodesAt === null && document.querySelector('g.dag-node')) {
      M.nodesAt = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { M.painted = performance.now(); }));
    }
    if (M.firstRow !== null || M.nodesAt !== null) mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
  new PerformanceObserver(l => {
    for (const e of l.getEntries()) {
      M.res.push({ name: e.name, start: e.startTime, end: e.responseEnd });
    }
  }).observe({ type: 'resource', buffered: true });
  document.addEventListener('visibilitychange', () =>
    M.vis.push({ t: performance.now(), state: document.visibilityState }));
})();"#;

/// Starts recording mutations of the whole body, classified by where they land.
const MUT_INSTALL: &str = r#"
  const M = window.__bench;
  M.muts = [];
  if (M.mo) M.mo.disconnect();
  const nodeOf = n => {
    const el = n && (n.nodeType === 1 ? n : n.parentElement);
    return el ? el.closest('g.dag-node') : null;
  };
  M.mo = new MutationObserver(recs => {
    const b = { t: performance.now(), recs: recs.length, attr: 0, child: 0, text: 0,
                inNode: 0, inSvg: 0, outside: 0, ids: [], where: {} };
    const ids = new Set();
    for (const r of recs) {
      if (r.type === 'attributes') b.attr++; else if (r.type === 'childList') b.child++; else b.text++;
      const g = nodeOf(r.target);
      if (g) { b.inNode++; ids.add(g.getAttribute('data-id')); continue; }
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest('svg.dag')) {
        b.inSvg++;
        for (const n of [...r.addedNodes, ...r.removedNodes]) {
          if (n.nodeType === 1 && n.matches('g.dag-node')) ids.add(n.getAttribute('data-id'));
        }
      } else {
        b.outside++;
        const c = el && el.closest('[class]');
        const k = r.type + ' in ' + (c ? c.tagName.toLowerCase() + '.' + c.getAttribute('class').split(' ')[0] : '?');
        b.where[k] = (b.where[k] || 0) + 1;
      }
    }
    b.ids = [...ids];
    M.muts.push(b);
  });
  M.mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  return true;
"#;

fn runs() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

/// Median, min, max and the samples.
fn stats(samples: &[f64]) -> Value {
    if samples.is_empty() {
        return json!({"median": null, "min": null, "max": null, "runs": 0, "samples": []});
    }
    let mut s = samples.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    let r = |x: f64| (x * 100.0).round() / 100.0;
    json!({
        "median": r(median), "min": r(s[0]), "max": r(s[n - 1]), "runs": n,
        "samples": samples.iter().map(|&x| r(x)).collect::<Vec<_>>(),
    })
}

async fn cdp(b: &Browser, cmd: &'static str, params: Value) -> Result<Value> {
    Ok(b.client.issue_cmd(Cdp { cmd, params }).await?)
}

async fn now_ms(b: &Browser) -> Result<f64> {
    b.exec("return performance.now();", vec![])
        .await?
        .as_f64()
        .ok_or_else(|| Error("performance.now() is not a number".into()))
}

/// Waits for `window.__bench[key]` to be a number; returns it.
async fn wait_mark(b: &Browser, key: &str, limit: Duration) -> Result<f64> {
    let js = format!("return window.__bench ? window.__bench.{key} : null;");
    poll(&format!("in-page mark {key}"), limit, || async {
        Ok(b.exec(&js, vec![]).await?.as_f64())
    })
    .await
}

/// `(start, responseEnd)` of every GET of task `id` (not its logs) the page made so far.
async fn task_gets(b: &Browser, id: u64) -> Result<Vec<(f64, f64)>> {
    let v = b
        .exec(
            "const suffix = arguments[0];
             return window.__bench.res
               .filter(e => { const u = new URL(e.name); return u.pathname.endsWith(suffix); })
               .map(e => [e.start, e.end]);",
            vec![json!(format!("/api/v2/tasks/instances/{id}"))],
        )
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default())
}

/// `/api/` requests started in `[from, to)` (page clock), by path.
async fn api_requests(b: &Browser, from: f64, to: f64) -> Result<Vec<String>> {
    let v = b
        .exec(
            "const [from, to] = arguments;
             return window.__bench.res
               .filter(e => e.start >= from && e.start < to && new URL(e.name).pathname.startsWith('/api/'))
               .map(e => new URL(e.name).pathname);",
            vec![json!(from), json!(to)],
        )
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

fn progress(msg: &str) {
    note(&format!("[measure] {msg}"));
}

/// Time from navigation start to the first task row, `runs` times with the browser cache
/// cleared first and `runs` times warm.
async fn first_screen(h: &Harness, runs: usize) -> Result<Value> {
    let b = h.browser();
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for i in 0..runs * 2 {
        let is_cold = i % 2 == 0;
        if is_cold {
            cdp(b, "Network.clearBrowserCache", json!({})).await?;
        }
        b.goto("/tasks").await?;
        let t = wait_mark(b, "firstRow", Duration::from_secs(30)).await?;
        if is_cold {
            cold.push(t);
        } else {
            warm.push(t);
        }
    }
    progress(&format!("first screen: cold {cold:?} warm {warm:?}"));
    Ok(json!({"cold_ms": stats(&cold), "warm_ms": stats(&warm)}))
}

async fn static_task(h: &Harness, n: usize) -> Result<u64> {
    let r = h
        .sim()
        .post(
            "/_sim/tasks",
            json!({"shape": "layered", "size": n, "seed": 7, "static": true}),
        )
        .await?;
    r.data()?["id"]
        .as_u64()
        .ok_or_else(|| Error(format!("no task id in {}", r.body)))
}

/// Opens task `id` and returns (painted − responseEnd, first node − responseEnd, nodes in the DOM).
async fn open_chart(b: &Browser, id: u64) -> Result<(f64, f64, u64)> {
    b.goto(&format!("/tasks/{id}")).await?;
    let painted = wait_mark(b, "painted", Duration::from_secs(120)).await?;
    let nodes_at = wait_mark(b, "nodesAt", Duration::from_secs(1)).await?;
    let gets = task_gets(b, id).await?;
    let Some(&(_, end)) = gets.iter().rfind(|(_, e)| *e <= nodes_at) else {
        return Err(Error(format!(
            "no GET of task {id} ended before the chart appeared ({gets:?})"
        )));
    };
    let in_dom = b
        .exec(
            "return document.querySelectorAll('g.dag-node').length;",
            vec![],
        )
        .await?
        .as_u64()
        .unwrap_or(0);
    Ok((painted - end, nodes_at - end, in_dom))
}

/// Waits for the task GET after `after` (page clock) to end; returns its `(start, responseEnd)`.
async fn next_get(b: &Browser, id: u64, after: f64, limit: Duration) -> Result<(f64, f64)> {
    poll(
        &format!("a poll of task {id} ending after {after:.0} ms"),
        limit,
        || async {
            let gets = task_gets(b, id).await?;
            Ok(gets.into_iter().find(|&(_, e)| e > after && e > 0.0))
        },
    )
    .await
}

#[derive(Default, Clone)]
struct MutWindow {
    recs: f64,
    in_node: f64,
    in_svg: f64,
    outside: f64,
    nodes: f64,
    changed_seen: f64,
    /// Records outside the chart by type and the element they hit, most first.
    outside_where: String,
}

async fn mutations_between(b: &Browser, from: f64, to: f64, changed: &[u64]) -> Result<MutWindow> {
    let v = b
        .exec(
            "const [from, to, changed] = arguments;
             const w = { recs: 0, inNode: 0, inSvg: 0, outside: 0, ids: new Set(), where: {} };
             for (const m of window.__bench.muts) {
               if (m.t < from || m.t >= to) continue;
               w.recs += m.recs; w.inNode += m.inNode; w.inSvg += m.inSvg; w.outside += m.outside;
               m.ids.forEach(i => w.ids.add(i));
               for (const [k, n] of Object.entries(m.where)) w.where[k] = (w.where[k] || 0) + n;
             }
             const seen = changed.filter(c => w.ids.has(String(c))).length;
             const where = Object.entries(w.where).sort((a, b) => b[1] - a[1])
               .map(([k, n]) => n + ' ' + k).join(', ');
             return [w.recs, w.inNode, w.inSvg, w.outside, w.ids.size, seen, where];",
            vec![json!(from), json!(to), json!(changed)],
        )
        .await?;
    let f = |i: usize| v[i].as_f64().unwrap_or(0.0);
    Ok(MutWindow {
        outside_where: v[6].as_str().unwrap_or_default().to_string(),
        recs: f(0),
        in_node: f(1),
        in_svg: f(2),
        outside: f(3),
        nodes: f(4),
        changed_seen: f(5),
    })
}

const PENDING_IN_DOM: &str = "return [...document.querySelectorAll('g.dag-node')]
    .filter(g => ['pending', 'ready'].includes(g.getAttribute('data-status'))).length;";

/// Zooms the chart out with its own button until `want` pending nodes are in the DOM (at most 8
/// clicks), then lets two polls pass so the zoom's re-render is in no measured window. Answers
/// the clicks it took.
async fn show_pending(b: &Browser, id: u64, want: u64) -> Result<u32> {
    let count =
        || async { Ok::<_, Error>(b.exec(PENDING_IN_DOM, vec![]).await?.as_u64().unwrap_or(0)) };
    let mut clicks = 0;
    let mut have = count().await?;
    while have < want && clicks < 8 {
        let before = have;
        b.exec(
            "document.querySelector('button[aria-label=\"Zoom out\"]').click();",
            vec![],
        )
        .await?;
        clicks += 1;
        have = poll("the zoomed-out chart", Duration::from_secs(2), || async {
            let n = count().await?;
            Ok((n != before).then_some(n))
        })
        .await
        .unwrap_or(before);
    }
    if clicks > 0 {
        let t = now_ms(b).await?;
        let (_, e) = next_get(b, id, t, Duration::from_secs(60)).await?;
        next_get(b, id, e, Duration::from_secs(60)).await?;
    }
    Ok(clicks)
}

/// One poll that changes 10 statuses: returns (the change poll's window, the poll before's).
/// `on_screen` picks pending nodes present in the DOM, otherwise pending subtasks that are not.
async fn one_change(
    h: &Harness,
    id: u64,
    on_screen: bool,
) -> Result<Option<(MutWindow, MutWindow)>> {
    let b = h.browser();
    let sim = h.sim();
    let in_dom: Vec<u64> = b
        .exec(
            "return [...document.querySelectorAll('g.dag-node')]
               .filter(g => ['pending', 'ready'].includes(g.getAttribute('data-status')))
               .map(g => Number(g.getAttribute('data-id')));",
            vec![],
        )
        .await?
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let ids: Vec<u64> = if on_screen {
        in_dom.iter().copied().take(10).collect()
    } else {
        let all = b
            .exec(
                "return [...document.querySelectorAll('g.dag-node')].map(g => Number(g.getAttribute('data-id')));",
                vec![],
            )
            .await?;
        let dom: std::collections::HashSet<u64> = all
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        let t = sim.task(id).await?;
        t["subtasks"]
            .as_array()
            .map(|s| {
                s.iter()
                    .filter(|s| s["status"] == "PENDING" || s["status"] == "READY")
                    .filter_map(|s| s["id"].as_u64())
                    .filter(|i| !dom.contains(i))
                    .take(10)
                    .collect()
            })
            .unwrap_or_default()
    };
    if ids.len() < 10 {
        return Ok(None);
    }
    // Right after a poll's response (the next starts about 1 s after it ends), change the
    // statuses; the next poll must have started after the change reached the simulator.
    let t0 = now_ms(b).await?;
    let (_, base_end) = next_get(b, id, t0, Duration::from_secs(60)).await?;
    let r = sim
        .post(
            &format!("/_sim/tasks/{id}/statuses"),
            json!({"subtaskIds": ids, "status": "SUCCESSFUL"}),
        )
        .await?;
    r.data()?;
    let t_after = now_ms(b).await?;
    let (c_start, c_end) = next_get(b, id, base_end, Duration::from_secs(60)).await?;
    if c_start < t_after {
        progress(&format!(
            "task {id}: a poll started at {c_start:.0} ms, before the change was confirmed at \
             {t_after:.0} ms: sample dropped"
        ));
        return Ok(None);
    }
    let (_, d_end) = next_get(b, id, c_end, Duration::from_secs(60)).await?;
    // Let the mutation observer deliver its last batch before reading.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let change = mutations_between(b, c_end, d_end, &ids).await?;
    let before = mutations_between(b, base_end, c_end, &ids).await?;
    progress(&format!(
        "  10 changes ({}): outside the chart {}",
        if on_screen { "on screen" } else { "off screen" },
        change.outside_where
    ));
    Ok(Some((change, before)))
}

fn mut_summary(ws: &[(MutWindow, MutWindow)]) -> Value {
    let pick = |f: &dyn Fn(&MutWindow) -> f64, change: bool| -> Vec<f64> {
        ws.iter()
            .map(|(c, b)| if change { f(c) } else { f(b) })
            .collect()
    };
    json!({
        "records": stats(&pick(&|w| w.recs, true)),
        "records_in_nodes": stats(&pick(&|w| w.in_node, true)),
        "records_in_svg_outside_nodes": stats(&pick(&|w| w.in_svg, true)),
        "records_outside_svg": stats(&pick(&|w| w.outside, true)),
        "nodes_touched": stats(&pick(&|w| w.nodes, true)),
        "changed_nodes_seen": stats(&pick(&|w| w.changed_seen, true)),
        "baseline_records": stats(&pick(&|w| w.recs, false)),
        "baseline_nodes_touched": stats(&pick(&|w| w.nodes, false)),
    })
}

async fn charts(h: &Harness, runs: usize) -> Result<Value> {
    let b = h.browser();
    let mut out = serde_json::Map::new();
    for n in [100usize, 1_000, 10_000] {
        let id = static_task(h, n).await?;
        let mut painted = Vec::new();
        let mut first = Vec::new();
        let mut dom_nodes = 0;
        for _ in 0..runs {
            let (p, f, d) = open_chart(b, id).await?;
            painted.push(p);
            first.push(f);
            dom_nodes = d;
        }
        progress(&format!(
            "chart {n}: painted {painted:?} ms after the response ({dom_nodes} nodes in the DOM)"
        ));
        // Mutations per poll: on the last page opened, once it has polled twice more.
        let t = now_ms(b).await?;
        let (_, e) = next_get(b, id, t, Duration::from_secs(60)).await?;
        next_get(b, id, e, Duration::from_secs(60)).await?;
        b.exec(MUT_INSTALL, vec![]).await?;
        let mut on = Vec::new();
        let mut off = Vec::new();
        let mut zoom_clicks = 0;
        for _ in 0..runs {
            zoom_clicks += show_pending(b, id, 10).await?;
            if let Some(w) = one_change(h, id, true).await? {
                on.push(w);
            }
        }
        if dom_nodes < n as u64 {
            for _ in 0..runs {
                if let Some(w) = one_change(h, id, false).await? {
                    off.push(w);
                }
            }
        }
        progress(&format!(
            "chart {n}: 10-status polls measured: {} on screen ({zoom_clicks} zoom-out clicks to show enough pending nodes), {} off screen",
            on.len(),
            off.len()
        ));
        out.insert(
            n.to_string(),
            json!({
                "task_id": id,
                "dom_nodes": dom_nodes,
                "painted_after_response_ms": stats(&painted),
                "first_node_after_response_ms": stats(&first),
                "poll_10_changes_on_screen": mut_summary(&on),
                "zoom_out_clicks": zoom_clicks,
                "poll_10_changes_off_screen": if off.is_empty() { Value::Null } else { mut_summary(&off) },
            }),
        );
    }
    Ok(Value::Object(out))
}

/// `/api/` requests per minute over `windows` consecutive windows of `secs` seconds from now.
async fn rpm_windows(b: &Browser, windows: usize, secs: u64) -> Result<(Vec<f64>, Vec<String>)> {
    let start = now_ms(b).await?;
    tokio::time::sleep(Duration::from_secs(secs * windows as u64 + 1)).await;
    let mut rates = Vec::new();
    let mut paths = Vec::new();
    for i in 0..windows {
        let from = start + (i as u64 * secs * 1000) as f64;
        let reqs = api_requests(b, from, from + (secs * 1000) as f64).await?;
        rates.push(reqs.len() as f64 * 60.0 / secs as f64);
        paths.extend(reqs);
    }
    paths.sort();
    paths.dedup();
    Ok((rates, paths))
}

async fn requests_per_minute(h: &Harness) -> Result<Value> {
    let b = h.browser();
    let sim = h.sim();

    // Running: a static task stays RUNNING.
    let running = static_task(h, 20).await?;
    b.goto(&format!("/tasks/{running}")).await?;
    b.wait_for("g.dag-node").await?;
    let (run_rates, run_paths) = rpm_windows(b, 3, 10).await?;
    progress(&format!(
        "running: {run_rates:?} per minute ({run_paths:?})"
    ));

    // Hidden: put a second tab in front of the task page (probe for 1 s first); if headless
    // Chromium keeps the page visible, emulate hiding by overriding document.visibilityState.
    let first = b.client.window().await?;
    let tab = b.client.new_window(true).await?;
    b.client.switch_to_window(tab.handle.clone()).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    b.client.switch_to_window(first.clone()).await?;
    let vis = b.exec("return window.__bench.vis;", vec![]).await?;
    let real = vis
        .as_array()
        .is_some_and(|a| a.iter().any(|e| e["state"] == "hidden"));
    let (hid_rates, hid_paths, method) = if real {
        let secs = 30u64;
        b.client.switch_to_window(tab.handle.clone()).await?;
        tokio::time::sleep(Duration::from_secs(2 * secs + 2)).await;
        b.client.switch_to_window(first.clone()).await?;
        let vis = b.exec("return window.__bench.vis;", vec![]).await?;
        let hidden_at = vis
            .as_array()
            .and_then(|a| a.iter().rev().find(|e| e["state"] == "hidden"))
            .and_then(|e| e["t"].as_f64())
            .ok_or_else(|| Error(format!("no hidden state recorded: {vis}")))?;
        let mut rates = Vec::new();
        let mut paths = Vec::new();
        for i in 0..2 {
            let from = hidden_at + (i * secs * 1000) as f64;
            let reqs = api_requests(b, from, from + (secs * 1000) as f64).await?;
            rates.push(reqs.len() as f64 * 60.0 / secs as f64);
            paths.extend(reqs);
        }
        paths.sort();
        paths.dedup();
        (rates, paths, "real (a second tab in front of the page)")
    } else {
        b.exec(
            "Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
             Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
             document.dispatchEvent(new Event('visibilitychange'));
             return true;",
            vec![],
        )
        .await?;
        let (r, p) = rpm_windows(b, 2, 30).await?;
        b.exec(
            "delete document.visibilityState; delete document.hidden; return true;",
            vec![],
        )
        .await?;
        (r, p, "emulated (document.visibilityState overridden to 'hidden': a second tab did not hide the page in headless Chromium)")
    };
    progress(&format!(
        "hidden ({method}): {hid_rates:?} per minute ({hid_paths:?})"
    ));
    b.client.switch_to_window(tab.handle.clone()).await?;
    b.client.close_window().await?;
    b.client.switch_to_window(first).await?;

    // Finished: a short task run to the end.
    let done = sim.synthetic_task("chain", 2).await?;
    sim.wait_task_status(done, "SUCCESSFUL", Duration::from_secs(30))
        .await?;
    b.goto(&format!("/tasks/{done}")).await?;
    b.wait_text("[data-testid=task-state]", |t| t == "Successful")
        .await?;
    let (fin_rates, fin_paths) = rpm_windows(b, 2, 10).await?;
    progress(&format!(
        "finished: {fin_rates:?} per minute ({fin_paths:?})"
    ));

    Ok(json!({
        "running": {"per_minute": stats(&run_rates), "window_s": 10, "paths": run_paths},
        "hidden": {"per_minute": stats(&hid_rates), "window_s": 30, "paths": hid_paths, "method": method},
        "finished": {"per_minute": stats(&fin_rates), "window_s": 10, "paths": fin_paths},
    }))
}

/// `/api/` requests per minute while the batch board watches 1, 10 and 50 running tasks: the shared
/// watcher's one list per interval, whatever the number (the old page polled each task: ~790 at 50).
async fn board_requests_per_minute(h: &Harness) -> Result<Value> {
    let b = h.browser();
    let mut out = serde_json::Map::new();
    for n in [1usize, 10, 50] {
        let mut ids = Vec::new();
        for _ in 0..n {
            ids.push(static_task(h, 8).await?.to_string());
        }
        b.goto(&format!("/batch?ids={}", ids.join(","))).await?;
        b.wait_for("[data-testid=batch-row]").await?;
        b.wait_text("[data-filter=Running] .count", |t| t == n.to_string())
            .await?;
        let (rates, paths) = rpm_windows(b, 3, 10).await?;
        progress(&format!(
            "board watching {n} running tasks: {rates:?} per minute ({} paths)",
            paths.len()
        ));
        out.insert(
            n.to_string(),
            json!({"per_minute": stats(&rates), "window_s": 10, "distinct_paths": paths.len()}),
        );
    }
    Ok(Value::Object(out))
}

async fn measure() -> Result<Value> {
    let runs = runs();
    let started = Instant::now();
    let h = Harness::start("measure", Options::default()).await?;
    let b = h.browser();
    cdp(
        b,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": INIT_SCRIPT}),
    )
    .await?;
    // Something for the task list to show.
    for _ in 0..3 {
        h.sim().synthetic_task("chain", 4).await?;
    }
    h.open_signed_in("/tasks").await?;
    b.wait_for("[data-testid=task-row]").await?;
    progress("signed in");

    let first = first_screen(&h, runs).await?;
    let charts = charts(&h, runs).await?;
    let rpm = requests_per_minute(&h).await?;
    let board_rpm = board_requests_per_minute(&h).await?;
    let version = b
        .exec("return navigator.userAgent;", vec![])
        .await?
        .as_str()
        .unwrap_or("")
        .to_string();
    let errors: Vec<String> = b
        .browser_errors()
        .await?
        .iter()
        .map(ToString::to_string)
        .collect();
    progress(&format!("done in {:.0} s", started.elapsed().as_secs_f64()));
    Ok(json!({
        "runs": runs,
        "user_agent": version,
        "first_interactive": first,
        "chart": charts,
        "requests_per_minute": rpm,
        "board_requests_per_minute": board_rpm,
        "browser_errors": errors,
        "elapsed_s": started.elapsed().as_secs(),
    }))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    match measure().await {
        Ok(v) => println!("MEASURE_JSON {v}"),
        Err(e) => {
            eprintln!("[measure] failed: {e}");
            std::process::exit(1);
        }
    }
}
