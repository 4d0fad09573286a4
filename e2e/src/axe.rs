//! Accessibility checks with axe-core: `axe.min.js` (installed by `scripts/setup` into
//! `.tools/node_modules/axe-core/`, or `$OCP_E2E_AXE`) read from disk and run in the page through
//! WebDriver, and the colour scheme emulated through CDP `Emulation.setEmulatedMedia`.

use crate::browser::Browser;
use crate::error::{Error, Result};
use crate::logs::Cdp;
use crate::paths;
use crate::wait::poll;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The colour scheme the page is checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// One node a rule failed on.
#[derive(Debug, Clone)]
pub struct AxeNode {
    /// axe's CSS selector path to the element (one per frame level, here always one).
    pub target: Vec<String>,
    pub html: String,
    pub summary: String,
}

/// One failed rule with every node it failed on.
#[derive(Debug, Clone)]
pub struct Violation {
    pub id: String,
    /// minor, moderate, serious or critical.
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<AxeNode>,
}

impl Violation {
    /// A violation the suite fails on: serious or critical.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }

    fn from_json(v: &Value) -> Self {
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        Violation {
            id: s("id"),
            impact: s("impact"),
            help: s("help"),
            help_url: s("helpUrl"),
            nodes: v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| AxeNode {
                    target: n["target"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|t| match t.as_str() {
                            Some(s) => s.to_string(),
                            None => t.to_string(),
                        })
                        .collect(),
                    html: n["html"].as_str().unwrap_or("").to_string(),
                    summary: n["failureSummary"].as_str().unwrap_or("").to_string(),
                })
                .collect(),
        }
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} [{}] {} ({})",
            self.id, self.impact, self.help, self.help_url
        )?;
        for n in &self.nodes {
            writeln!(f, "      at {}", n.target.join(" >>> "))?;
            for line in n.summary.lines().filter(|l| !l.trim().is_empty()) {
                writeln!(f, "         {}", line.trim())?;
            }
        }
        Ok(())
    }
}

/// Where `axe.min.js` is: `$OCP_E2E_AXE` or `<workspace>/.tools/node_modules/axe-core/axe.min.js`.
pub fn script_path() -> PathBuf {
    std::env::var_os("OCP_E2E_AXE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| paths::workspace().join(".tools/node_modules/axe-core/axe.min.js"))
}

/// The text of `axe.min.js`, read once per test process.
fn script() -> Result<&'static str> {
    static SCRIPT: OnceLock<std::result::Result<String, String>> = OnceLock::new();
    SCRIPT
        .get_or_init(|| {
            let p = script_path();
            std::fs::read_to_string(&p).map_err(|e| {
                format!(
                    "cannot read axe-core at {} ({e}): run `scripts/setup` (it installs axe-core into \
                     .tools/) or set $OCP_E2E_AXE",
                    p.display()
                )
            })
        })
        .as_deref()
        .map_err(|e| Error(e.clone()))
}

/// axe's options: violations only (passes and incomplete results are not needed).
const RUN_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
if (!window.axe) { done({error: 'axe is not loaded in this document'}); return; }
axe.run(document, {resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))
  }))}))
  .catch(e => done({error: String(e && e.stack || e)}));
"#;

/// `$OCP_E2E_AXE_CSS`: a CSS file whose rules are added to the page (through the CSSOM, which the
/// console's CSP allows) before each check — to try a style fix without rebuilding the console.
fn trial_css() -> Result<Option<String>> {
    match std::env::var_os("OCP_E2E_AXE_CSS").filter(|v| !v.is_empty()) {
        Some(p) => std::fs::read_to_string(&p)
            .map(Some)
            .map_err(|e| Error(format!("$OCP_E2E_AXE_CSS {}: {e}", p.to_string_lossy()))),
        None => Ok(None),
    }
}

/// Adds the rules of `arguments[0]` once per document, in a sheet of their own, after the console's.
const TRIAL_CSS_SCRIPT: &str = r#"
if (window.__e2eTrialCss) return;
const sheet = new CSSStyleSheet();
sheet.replaceSync(arguments[0]);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
window.__e2eTrialCss = true;
"#;

impl Browser {
    /// Emulates `prefers-color-scheme: light|dark` and waits until the document sees it.
    pub async fn set_theme(&self, theme: Theme) -> Result<()> {
        self.client
            .issue_cmd(Cdp {
                cmd: "Emulation.setEmulatedMedia",
                params: json!({"features": [{"name": "prefers-color-scheme", "value": theme.name()}]}),
            })
            .await?;
        let want = theme == Theme::Dark;
        poll(
            &format!("the page to see prefers-color-scheme: {}", theme.name()),
            self.timeout,
            || async {
                let dark = self
                    .exec(
                        "return matchMedia('(prefers-color-scheme: dark)').matches;",
                        vec![],
                    )
                    .await?;
                if dark == Value::Bool(want) {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("dark = {dark}")))
                }
            },
        )
        .await
    }

    /// Resizes the window and waits until the page's viewport is `width` CSS pixels wide (within
    /// the width of a scroll bar).
    pub async fn set_width(&self, width: u32) -> Result<()> {
        self.client.set_window_size(width, 1000).await?;
        poll(
            &format!("a {width} px wide window"),
            self.timeout,
            || async {
                let w = self.exec("return window.outerWidth;", vec![]).await?;
                match w.as_u64() {
                    Some(w) if w.abs_diff(u64::from(width)) <= 20 => Ok(Some(())),
                    _ => Err(Error(format!("outerWidth {w}"))),
                }
            },
        )
        .await
    }

    /// Injects axe-core into the current document (once per document) and runs it over the whole
    /// document; returns every violation, whatever its impact.
    pub async fn axe(&self) -> Result<Vec<Violation>> {
        let loaded = self
            .exec("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != Value::Bool(true) {
            self.exec(script()?, vec![]).await?;
        }
        if let Some(css) = trial_css()? {
            self.exec(TRIAL_CSS_SCRIPT, vec![Value::String(css)])
                .await?;
        }
        let r = self.client.execute_async(RUN_SCRIPT, vec![]).await?;
        if let Some(e) = r["error"].as_str() {
            return Err(Error(format!("axe.run failed: {e}")));
        }
        Ok(r["violations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(Violation::from_json)
            .collect())
    }
}

/// Writes `e2e-artifacts/axe-<label>.json`: the violations as axe reported them (simplified).
pub fn save(label: &str, url: &str, violations: &[Violation]) -> Result<PathBuf> {
    let dir = paths::artifacts();
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("axe-{label}.json"));
    let body = json!({
        "url": url,
        "violations": violations.iter().map(|v| json!({
            "id": v.id, "impact": v.impact, "help": v.help, "helpUrl": v.help_url,
            "nodes": v.nodes.iter().map(|n| json!({
                "target": n.target, "html": n.html, "failureSummary": n.summary
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    std::fs::write(&path, serde_json::to_string_pretty(&body)?)?;
    Ok(path)
}

/// Removes `e2e-artifacts/axe-*.json` of an earlier run.
pub fn clear_saved() {
    if let Ok(rd) = std::fs::read_dir(paths::artifacts()) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("axe-") && n.ends_with(".json") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
