//! Headless Chromium through chromedriver and fantoccini, with bounded-wait helpers that find
//! elements by CSS selector afresh on every poll (the console re-renders: no stale handles kept).

use crate::error::{Error, Result};
use crate::harness::Mount;
use crate::logs::{self, LogEntry};
use crate::paths;
use crate::procs::{wait_port, Proc};
use crate::wait::poll;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
enum LogMode {
    SeLog,
    Cdp,
}

pub struct Browser {
    pub client: Client,
    /// The nginx origin, e.g. `http://127.0.0.1:41234`.
    pub origin: String,
    pub mount: Mount,
    pub timeout: Duration,
    log_mode: LogMode,
    logs: Mutex<Vec<LogEntry>>,
    profile: PathBuf,
    driver: Proc,
}

impl Browser {
    pub async fn start(origin: &str, mount: Mount, timeout: Duration) -> Result<Self> {
        let chromium = paths::binary(
            "OCP_E2E_CHROMIUM",
            &[
                "/usr/bin/chromium",
                "chromium",
                "chromium-browser",
                "google-chrome",
            ],
        )?;
        let driver_bin = paths::binary("CHROMEDRIVER", &["/usr/bin/chromedriver", "chromedriver"])?;
        let profile = paths::temp_dir("chromium")?;
        let port = paths::free_port()?;
        let out = std::fs::File::create(profile.join("chromedriver.out"))?;
        let mut driver = Proc::spawn(
            "chromedriver",
            std::process::Command::new(&driver_bin)
                .arg(format!("--port={port}"))
                .arg("--silent")
                .stdin(std::process::Stdio::null())
                .stdout(out.try_clone()?)
                .stderr(out),
        )?;
        wait_port(&mut driver, port, Duration::from_secs(15), "").await?;

        let user_data = profile.join("user-data");
        std::fs::create_dir_all(&user_data)?;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", user_data.display()),
                    "--window-size=1400,1000", "--lang=en-US",
                ],
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
        caps.insert(
            "timeouts".into(),
            json!({"implicit": 0, "pageLoad": 30000, "script": 30000}),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}/"))
            .await
            .map_err(|e| {
                Error(format!(
                    "cannot open a Chromium session ({} via {}): {e}",
                    chromium.display(),
                    driver_bin.display()
                ))
            })?;

        // Prefer chromedriver's log endpoint; install the capture script only if it is missing.
        let log_mode = match client.issue_cmd(logs::SeLog).await {
            Ok(_) => LogMode::SeLog,
            Err(e) => {
                eprintln!("[e2e] se/log unavailable ({e}); capturing errors with a CDP script");
                client
                    .issue_cmd(logs::Cdp {
                        cmd: "Page.addScriptToEvaluateOnNewDocument",
                        params: json!({"source": logs::CAPTURE_SCRIPT}),
                    })
                    .await?;
                LogMode::Cdp
            }
        };
        Ok(Browser {
            client,
            origin: origin.trim_end_matches('/').to_string(),
            mount,
            timeout,
            log_mode,
            logs: Mutex::new(Vec::new()),
            profile,
            driver,
        })
    }

    /// The absolute URL of a console route (`/tasks/1`), under the mount's prefix.
    pub fn url(&self, route: &str) -> String {
        format!(
            "{}{}{}",
            self.origin,
            self.mount.prefix(),
            route.trim_start_matches('/')
        )
    }

    /// Navigates to a console route (a full page load).
    pub async fn goto(&self, route: &str) -> Result<()> {
        self.collect_logs().await?;
        self.client.goto(&self.url(route)).await?;
        Ok(())
    }

    pub async fn reload(&self) -> Result<()> {
        self.collect_logs().await?;
        self.client.refresh().await?;
        Ok(())
    }

    /// The current route relative to the mount, with its query: `/tasks/12`, `/batch?ids=1,2`.
    pub async fn route(&self) -> Result<String> {
        let u = self.client.current_url().await?;
        let path = u.path();
        let prefix = self.mount.prefix();
        let rel = path
            .strip_prefix(prefix.trim_end_matches('/'))
            .unwrap_or(path);
        let rel = if rel.is_empty() { "/" } else { rel };
        Ok(match u.query() {
            Some(q) => format!("{rel}?{q}"),
            None => rel.to_string(),
        })
    }

    /// Waits until the current route satisfies `pred`; returns it.
    pub async fn wait_route(&self, what: &str, pred: impl Fn(&str) -> bool) -> Result<String> {
        poll(&format!("the route to be {what}"), self.timeout, || async {
            let r = self.route().await?;
            if pred(&r) {
                Ok(Some(r))
            } else {
                Err(Error(format!("route {r}")))
            }
        })
        .await
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.find_all(css).await?.len())
    }

    /// The first element matching `css`, once there is one.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        poll(&format!("`{css}`"), self.timeout, || async {
            Ok(self.find_all(css).await?.into_iter().next())
        })
        .await
    }

    /// Waits until at least `n` elements match `css`; returns them.
    pub async fn wait_count(&self, css: &str, n: usize) -> Result<Vec<Element>> {
        poll(&format!("{n} × `{css}`"), self.timeout, || async {
            let all = self.find_all(css).await?;
            if all.len() >= n {
                Ok(Some(all))
            } else {
                Err(Error(format!("{} found", all.len())))
            }
        })
        .await
    }

    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        poll(&format!("`{css}` to go away"), self.timeout, || async {
            Ok(self.find_all(css).await?.is_empty().then_some(()))
        })
        .await
    }

    /// Waits until the first element matching `css` has text satisfying `pred`; returns the text.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> Result<String> {
        self.wait_text_for(css, self.timeout, pred).await
    }

    pub async fn wait_text_for(
        &self,
        css: &str,
        limit: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String> {
        poll(&format!("the text of `{css}`"), limit, || async {
            let Some(el) = self.find_all(css).await?.into_iter().next() else {
                return Err(Error("no such element".into()));
            };
            let t = el.text().await?;
            let t = t.trim().to_string();
            if pred(&t) {
                Ok(Some(t))
            } else {
                Err(Error(format!("{t:?}")))
            }
        })
        .await
    }

    /// The trimmed text of the first element matching `css` (waits for the element).
    pub async fn text(&self, css: &str) -> Result<String> {
        self.wait_text(css, |_| true).await
    }

    /// An attribute of the first element matching `css` (waits for the element).
    pub async fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        poll(&format!("`{css}`[{name}]"), self.timeout, || async {
            match self.find_all(css).await?.into_iter().next() {
                Some(el) => Ok(Some(el.attr(name).await?)),
                None => Ok(None),
            }
        })
        .await
    }

    /// Clicks the first element matching `css`, retrying while it is missing, stale or covered.
    pub async fn click(&self, css: &str) -> Result<()> {
        poll(&format!("a clickable `{css}`"), self.timeout, || async {
            let Some(el) = self.find_all(css).await?.into_iter().next() else {
                return Err(Error("no such element".into()));
            };
            if !el.is_enabled().await.unwrap_or(false) {
                return Err(Error("disabled".into()));
            }
            match el.click().await {
                Ok(()) => Ok(Some(())),
                Err(e) => Err(Error(format!("click failed: {e}"))),
            }
        })
        .await
    }

    /// Replaces the value of the input matching `css` with `text`, typing it (input events fire).
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        self.fill_nth(css, 0, text).await
    }

    /// Like [`Browser::fill`] on the `n`-th (from 0) input matching `css`.
    pub async fn fill_nth(&self, css: &str, n: usize, text: &str) -> Result<()> {
        poll(
            &format!("a fillable `{css}` #{n}"),
            self.timeout,
            || async {
                let Some(el) = self.find_all(css).await?.into_iter().nth(n) else {
                    return Err(Error("no such element".into()));
                };
                self.client
                    .execute(
                        "const e = arguments[0]; e.focus(); e.value = ''; \
                     e.dispatchEvent(new Event('input', {bubbles: true}));",
                        vec![serde_json::to_value(&el)?],
                    )
                    .await?;
                el.send_keys(text).await?;
                let v = el.prop("value").await?.unwrap_or_default();
                if v == text {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("value is {v:?}")))
                }
            },
        )
        .await
    }

    /// Marks the current document; [`Browser::still_same_document`] then tells whether the page
    /// was reloaded since (client-side navigation keeps the mark).
    pub async fn mark_document(&self) -> Result<()> {
        self.exec("window.__e2eMark = true;", vec![]).await?;
        Ok(())
    }

    pub async fn still_same_document(&self) -> Result<bool> {
        Ok(self
            .exec("return window.__e2eMark === true;", vec![])
            .await?
            == Value::Bool(true))
    }

    /// Selects the option with `value` in the select matching `css`, once that option exists
    /// (options often arrive from OCP after the select renders).
    pub async fn select_by_value(&self, css: &str, value: &str) -> Result<()> {
        self.select_nth(css, 0, value).await
    }

    /// Like [`Browser::select_by_value`] on the `n`-th (from 0) select matching `css`, e.g. the
    /// second row's `[data-testid=pair-row] select[name=standby]`.
    pub async fn select_nth(&self, css: &str, n: usize, value: &str) -> Result<()> {
        poll(
            &format!("option {value:?} in `{css}` #{n}"),
            self.timeout,
            || async {
                let Some(sel) = self.find_all(css).await?.into_iter().nth(n) else {
                    return Err(Error("no such select".into()));
                };
                let have = self
                    .client
                    .execute(
                        "return Array.from(arguments[0].options).map(o => o.value);",
                        vec![serde_json::to_value(&sel)?],
                    )
                    .await?;
                if !have
                    .as_array()
                    .is_some_and(|a| a.iter().any(|v| v == value))
                {
                    return Err(Error(format!("options: {have}")));
                }
                sel.select_by_value(value).await?;
                let v = sel.prop("value").await?.unwrap_or_default();
                if v == value {
                    Ok(Some(()))
                } else {
                    Err(Error(format!("value is {v:?}")))
                }
            },
        )
        .await
    }

    /// Clicks the first link (`a`) whose text is `text`.
    pub async fn click_link(&self, text: &str) -> Result<()> {
        poll(&format!("a link {text:?}"), self.timeout, || async {
            for a in self.find_all("a").await? {
                if a.text().await.map(|t| t.trim() == text).unwrap_or(false) {
                    a.click().await?;
                    return Ok(Some(()));
                }
            }
            Err(Error("no such link".into()))
        })
        .await
    }

    pub async fn exec(&self, js: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(js, args).await?)
    }

    /// Moves new log entries from the browser into the harness's list.
    async fn collect_logs(&self) -> Result<()> {
        let v = match self.log_mode {
            LogMode::SeLog => self.client.issue_cmd(logs::SeLog).await?,
            LogMode::Cdp => self
                .client
                .execute(logs::DRAIN_SCRIPT, vec![])
                .await
                .unwrap_or(Value::Null),
        };
        if let Some(entries) = v.as_array() {
            let mut all = self.logs.lock().unwrap_or_else(|e| e.into_inner());
            all.extend(entries.iter().map(LogEntry::from_json));
        }
        Ok(())
    }

    /// Every browser log entry so far.
    pub async fn logs(&self) -> Result<Vec<LogEntry>> {
        self.collect_logs().await?;
        Ok(self.logs.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    /// Console errors, uncaught exceptions and CSP violations so far (see [`LogEntry::is_error`]).
    pub async fn browser_errors(&self) -> Result<Vec<LogEntry>> {
        Ok(self
            .logs()
            .await?
            .into_iter()
            .filter(LogEntry::is_error)
            .collect())
    }

    /// Fails if the browser reported any error so far, listing them.
    pub async fn assert_no_errors(&self, context: &str) -> Result<()> {
        let errs = self.browser_errors().await?;
        if errs.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = errs.iter().map(ToString::to_string).collect();
        Err(Error(format!(
            "{context}: the browser reported {} error(s):\n  {}",
            list.len(),
            list.join("\n  ")
        )))
    }

    pub async fn screenshot(&self) -> Result<Vec<u8>> {
        Ok(self.client.screenshot().await?)
    }

    pub async fn source(&self) -> Result<String> {
        Ok(self.client.source().await?)
    }

    /// Ends the session (Chromium exits) and stops chromedriver.
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        self.driver.stop();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.driver.stop();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
