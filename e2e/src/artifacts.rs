//! Evidence of a failed test in `e2e-artifacts/`: a screenshot, the page source, and a log with the
//! failure, the current URL, the browser's console and the nginx error log.

use crate::harness::Harness;
use crate::paths;
use std::fmt::Write as _;
use std::path::PathBuf;

fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn path(name: &str, ext: &str) -> PathBuf {
    paths::artifacts().join(format!("{}.{ext}", file_stem(name)))
}

/// Removes what an earlier run left for `name`, so the directory shows the latest run only.
pub fn clear(name: &str) {
    for ext in ["png", "html", "log"] {
        let _ = std::fs::remove_file(path(name, ext));
    }
}

/// Writes `<name>.log` only (when there is no harness to ask).
pub fn save_text(name: &str, text: &str) {
    let _ = std::fs::create_dir_all(paths::artifacts());
    let _ = std::fs::write(path(name, "log"), text);
}

/// Saves what can be saved; returns a description of the files written.
pub async fn save(name: &str, h: &Harness, failure: &str) -> String {
    let _ = std::fs::create_dir_all(paths::artifacts());
    let mut log = format!("test: {name}\nfailure: {failure}\norigin: {}\n", h.origin);
    let mut written = Vec::new();
    if h.has_browser() {
        let b = h.browser();
        if let Ok(u) = b.client.current_url().await {
            let _ = writeln!(log, "url: {u}");
        }
        match b.screenshot().await {
            Ok(png) if std::fs::write(path(name, "png"), &png).is_ok() => {
                written.push(path(name, "png"))
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(log, "screenshot failed: {e}");
            }
        }
        match b.source().await {
            Ok(html) if std::fs::write(path(name, "html"), &html).is_ok() => {
                written.push(path(name, "html"))
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(log, "page source failed: {e}");
            }
        }
        match b.logs().await {
            Ok(entries) => {
                let _ = writeln!(log, "\nbrowser log ({} entries):", entries.len());
                for e in entries {
                    let _ = writeln!(log, "  {e}");
                }
            }
            Err(e) => {
                let _ = writeln!(log, "browser log failed: {e}");
            }
        }
    }
    let _ = writeln!(log, "\nnginx error.log:\n{}", h.nginx.error_log());
    if std::fs::write(path(name, "log"), log).is_ok() {
        written.push(path(name, "log"));
    }
    written
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
