//! Helpers shared by the test modules.
#![allow(dead_code)]

use ocp_e2e::{bail, poll, Error, Harness, Result};
use std::path::Path;
use std::time::Duration;

/// The name of the build output in `dist` whose name is `<stem>-<hash>` + `suffix` (`_bg.wasm`,
/// `.js`, `.css`); Trunk writes the hash, a u64, in hex without leading zeros: 1 to 16 digits.
pub fn hashed_file(dist: &Path, suffix: &str) -> Result<String> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dist)? {
        let name = e?.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(suffix) else {
            continue;
        };
        let Some((_, hash)) = stem.rsplit_once('-') else {
            continue;
        };
        if (1..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            found.push(name);
        }
    }
    found.sort();
    match found.into_iter().next() {
        Some(n) => Ok(n),
        None => bail!("no hashed *{suffix} in {}", dist.display()),
    }
}

pub fn header<'a>(resp: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    resp.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Prints a response's status line and headers (the lead copies them into the deployment notes)
/// and appends them to `e2e-artifacts/nginx-headers.txt`.
pub fn show(label: &str, resp: &reqwest::Response) {
    let mut s = format!("--- {label}: {:?} {}\n", resp.version(), resp.status());
    for (k, v) in resp.headers() {
        s.push_str(&format!("    {k}: {}\n", v.to_str().unwrap_or("<binary>")));
    }
    eprint!("{s}");
    let dir = ocp_e2e::paths::artifacts();
    let _ = std::fs::create_dir_all(&dir);
    // The first call of the run starts the file afresh.
    static FRESH: std::sync::Once = std::sync::Once::new();
    FRESH.call_once(|| {
        let _ = std::fs::remove_file(dir.join("nginx-headers.txt"));
    });
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("nginx-headers.txt"))
    {
        use std::io::Write as _;
        let _ = f.write_all(s.as_bytes());
    }
}

pub fn expect_header(resp: &reqwest::Response, name: &str, want: &str) -> Result<()> {
    match header(resp, name) {
        Some(v) if v == want => Ok(()),
        other => bail!(
            "{} {}: header {name} is {other:?}, expected {want:?}",
            resp.status(),
            resp.url()
        ),
    }
}

pub fn expect_status(resp: &reqwest::Response, want: u16) -> Result<()> {
    if resp.status().as_u16() != want {
        bail!("{}: status {}, expected {want}", resp.url(), resp.status());
    }
    Ok(())
}

/// Task ids in a `/batch?ids=1,2` route.
pub fn batch_ids(route: &str) -> Vec<u64> {
    route
        .split_once("ids=")
        .map(|(_, ids)| {
            ids.split(['&', '#'])
                .next()
                .unwrap_or("")
                .split([',', '%'])
                .filter_map(|s| s.trim_start_matches("2C").parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The task id in a `/tasks/{id}` route.
pub fn task_id(route: &str) -> Option<u64> {
    route
        .strip_prefix("/tasks/")?
        .split(['?', '#', '/'])
        .next()?
        .parse()
        .ok()
}

/// Long enough for a 4-step task at 120 ms per step with retries of a polling UI.
pub const TASK_LIMIT: Duration = Duration::from_secs(30);

pub async fn no_browser_errors(h: &Harness, context: &str) -> Result<()> {
    h.assert_no_errors(context).await
}

/// Chooses `value` in the `n`-th `{scope}select{field}`, or types it into the free-entry
/// `{scope}input{field}` when the console shows one instead (e.g. while a list is unavailable).
pub async fn choose_in(h: &Harness, scope: &str, field: &str, n: usize, value: &str) -> Result<()> {
    let select = format!("{scope}select{field}");
    let input = format!("{scope}input{field}");
    let is_select = poll(&format!("{select} or {input}"), h.timeout, || async {
        if h.find_all(&select).await?.len() > n {
            Ok(Some(true))
        } else if h.find_all(&input).await?.len() > n {
            Ok(Some(false))
        } else {
            Err(Error("neither rendered".into()))
        }
    })
    .await?;
    if is_select {
        h.select_nth(&select, n, value).await
    } else {
        h.fill_nth(&input, n, value).await
    }
}

/// [`choose_in`] for the field `[name={name}]` of the `n`-th row matching `row`.
pub async fn choose(h: &Harness, row: &str, name: &str, n: usize, value: &str) -> Result<()> {
    choose_in(h, &format!("{row} "), &format!("[name={name}]"), n, value).await
}

/// Fills the open add-replica form as an operator would: cluster 1, tenant 1001, one FULL replica
/// in `zone` with one S1 unit.
pub async fn fill_add_replica(h: &Harness, zone: &str) -> Result<()> {
    choose_in(h, "", "#cluster", 0, "1").await?;
    choose_in(h, "", "#tenant", 0, "1001").await?;
    let row = "[data-testid=replica-row]";
    h.wait_for(row).await?;
    choose(h, row, "zoneName", 0, zone).await?;
    choose(h, row, "replicaType", 0, "FULL").await?;
    choose(h, row, "unitSpecName", 0, "S1").await?;
    h.fill_nth(&format!("{row} input[name=unitCount]"), 0, "1")
        .await
}
