//! [`Harness`]: simulator + nginx (+ browser) for one test, and [`run`], the test wrapper that
//! saves artifacts on failure and prints timings.

use crate::artifacts;
use crate::browser::Browser;
use crate::error::{Error, Result};
use crate::nginx::Nginx;
use crate::paths;
use crate::sim::{SimControl, SimServer};
use crate::wait::{poll, DEFAULT_TIMEOUT};
use futures_util::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Where nginx serves the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mount {
    /// At the origin root, from `dist/` (`deploy/ocp-console.conf`).
    Root,
    /// Under `/console/`, from `dist-console/` (`deploy/ocp-console-subpath.conf`).
    Console,
}

impl Mount {
    pub fn prefix(self) -> &'static str {
        match self {
            Mount::Root => "/",
            Mount::Console => "/console/",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub mount: Mount,
    /// Start Chromium (false for HTTP-only tests).
    pub browser: bool,
    /// Simulator clock: how long one subtask takes. About 120 ms: a 4-step task finishes in about a
    /// second, long enough for the UI to show it running.
    pub step_ms: u64,
    pub seed: u64,
    /// The limit of every bounded wait (`$OCP_E2E_TIMEOUT_SECS` overrides the default 15 s).
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mount: Mount::Root,
            browser: true,
            step_ms: 120,
            seed: 42,
            timeout: std::env::var("OCP_E2E_TIMEOUT_SECS")
                .ok()
                .and_then(|s| s.parse().ok())
                .map(Duration::from_secs)
                .unwrap_or(DEFAULT_TIMEOUT),
        }
    }
}

impl Options {
    pub fn http_only() -> Self {
        Options {
            browser: false,
            ..Options::default()
        }
    }
    pub fn mount(mut self, mount: Mount) -> Self {
        self.mount = mount;
        self
    }
    pub fn step_ms(mut self, step_ms: u64) -> Self {
        self.step_ms = step_ms;
        self
    }
}

pub struct Harness {
    pub name: String,
    pub opts: Options,
    /// nginx's origin, e.g. `http://127.0.0.1:41234`.
    pub origin: String,
    /// The build nginx serves.
    pub dist: PathBuf,
    pub nginx: Nginx,
    pub sim_server: SimServer,
    browser: Option<Browser>,
}

impl Harness {
    pub async fn start(name: &str, opts: Options) -> Result<Self> {
        let dist = match opts.mount {
            Mount::Root => {
                let d = paths::dist_root();
                paths::require_build(&d, "trunk build --release --offline", "OCP_E2E_DIST")?;
                d
            }
            Mount::Console => {
                let d = paths::dist_console();
                paths::require_build(
                    &d,
                    "trunk build --release --offline --public-url /console/ --dist dist-console",
                    "OCP_E2E_DIST_CONSOLE",
                )?;
                d
            }
        };
        let sim_server = SimServer::start(opts.seed, opts.step_ms).await?;
        let nginx =
            Nginx::start(opts.mount, &dist, &format!("127.0.0.1:{}", sim_server.port)).await?;
        let origin = format!("http://127.0.0.1:{}", nginx.port);
        let browser = if opts.browser {
            Some(Browser::start(&origin, opts.mount, opts.timeout).await?)
        } else {
            None
        };
        Ok(Harness {
            name: name.to_string(),
            opts,
            origin,
            dist,
            nginx,
            sim_server,
            browser,
        })
    }

    pub fn has_browser(&self) -> bool {
        self.browser.is_some()
    }

    /// The browser; panics for a harness started with [`Options::http_only`].
    pub fn browser(&self) -> &Browser {
        self.browser
            .as_ref()
            .expect("this harness was started without a browser (Options::http_only)")
    }

    /// The simulator's control and API client (direct, not through nginx).
    pub fn sim(&self) -> SimControl {
        self.sim_server.control()
    }

    /// `origin + path` for a path at the origin root (`/api/…`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// `origin + mount prefix + route`: where the console answers `route`.
    pub fn app_url(&self, route: &str) -> String {
        format!(
            "{}{}{}",
            self.origin,
            self.opts.mount.prefix(),
            route.trim_start_matches('/')
        )
    }

    /// An HTTP client for requests through nginx: no redirects followed, no transparent
    /// decompression (so `Content-Encoding` is what nginx sent), optional cookie store.
    pub fn http(&self, cookies: bool) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(cookies)
            .timeout(Duration::from_secs(15))
            .build()
            .expect("reqwest client")
    }

    /// Opens `route` and makes sure the console is signed in: if it asks first (the `/sign-in`
    /// page, or the sign-in dialog over the page after a 401), signs in with HTTP Basic as admin
    /// ("remember for this tab" checked, so later reloads stay signed in) and waits to be back on
    /// `route` (after the dialog, opens `route` again). Done once the header shows the user.
    pub async fn open_signed_in(&self, route: &str) -> Result<()> {
        let b = self.browser();
        b.goto(route).await?;
        self.ensure_signed_in(route).await
    }

    /// See [`Harness::open_signed_in`], for the page already open at `route`.
    pub async fn ensure_signed_in(&self, route: &str) -> Result<()> {
        #[derive(PartialEq)]
        enum Seen {
            SignedIn,
            Page,
            Dialog,
        }
        let b = self.browser();
        for _ in 0..2 {
            let seen = poll(
                "the console to show the signed-in user or ask to sign in",
                self.opts.timeout,
                || async {
                    let r = b.route().await?;
                    if r.starts_with("/sign-in") && b.count("input#username").await? > 0 {
                        return Ok(Some(Seen::Page));
                    }
                    if b.count("[role=dialog] input#username").await? > 0 {
                        return Ok(Some(Seen::Dialog));
                    }
                    if let Some(u) = b.find_all("[data-testid=user-name]").await?.first() {
                        if !u.text().await?.trim().is_empty() {
                            return Ok(Some(Seen::SignedIn));
                        }
                    }
                    Err(Error(format!("at {r}, neither signed in nor asked")))
                },
            )
            .await?;
            match seen {
                Seen::SignedIn => {
                    let want = route.to_string();
                    b.wait_route(&want, |r| r == want).await?;
                    return Ok(());
                }
                Seen::Page => self.sign_in("").await?,
                Seen::Dialog => {
                    self.sign_in("[role=dialog] ").await?;
                    // What the page loaded before (and got 401 for) is not reloaded by the
                    // console after the dialog: load the page again, now with the remembered
                    // credentials (shell::dialog_sign_in_loads_what_was_refused covers the dialog).
                    b.goto(route).await?;
                }
            }
        }
        Err(Error(format!("signing in did not lead back to {route}")))
    }

    /// Fills in and submits the sign-in form (Basic method, remembered for the tab) found under
    /// `scope` (`""` for the page, `"[role=dialog] "` for the dialog).
    pub async fn sign_in(&self, scope: &str) -> Result<()> {
        let b = self.browser();
        b.fill(&format!("{scope}input#username"), crate::USER)
            .await?;
        b.fill(&format!("{scope}input#password"), crate::PASSWORD)
            .await?;
        let basic = format!("{scope}input[name=method][value=basic]");
        if b.count(&basic).await? > 0 {
            b.click(&basic).await?;
        }
        let remember = format!("{scope}input#remember");
        if let Some(r) = b.find_all(&remember).await?.first() {
            if r.prop("checked").await?.as_deref() != Some("true") {
                r.click().await?;
            }
        }
        b.click(&format!("{scope}button#submit")).await?;
        poll("the sign-in form to go away", self.opts.timeout, || async {
            let gone = b.count(&format!("{scope}input#password")).await? == 0;
            if gone {
                return Ok(Some(()));
            }
            match b.find_all("[data-testid=api-error]").await?.first() {
                Some(e) => Err(Error(format!("sign-in error: {}", e.text().await?))),
                None => Err(Error("still on the form".into())),
            }
        })
        .await
    }

    async fn shutdown(self) {
        let Harness {
            browser,
            nginx,
            sim_server,
            ..
        } = self;
        if let Some(b) = browser {
            b.close().await;
        }
        drop(nginx);
        drop(sim_server);
    }
}

impl std::ops::Deref for Harness {
    type Target = Browser;
    fn deref(&self) -> &Browser {
        self.browser()
    }
}

fn suite_start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

static PASSED: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);

/// Writes a line straight to the process's stderr: libtest captures `eprintln!` of passing tests,
/// not this, so timings show in CI logs without `--nocapture`.
pub fn note(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// How the suite went so far: tests run through [`run`], failures, and the time since the first.
pub fn suite_summary() -> String {
    let (ok, failed) = (
        PASSED.load(Ordering::Relaxed),
        FAILED.load(Ordering::Relaxed),
    );
    format!(
        "[e2e] suite: {} end-to-end tests ({ok} passed, {failed} failed) in {:.1}s",
        ok + failed,
        suite_start().elapsed().as_secs_f64()
    )
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

/// Runs one end-to-end test: starts a [`Harness`] with `opts`, runs `body`, and on an error or a
/// panic saves `e2e-artifacts/<name>.png` / `.html` / `.log`, then fails the test.
pub async fn run<F, Fut>(name: &str, opts: Options, body: F)
where
    F: FnOnce(Arc<Harness>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let suite = suite_start();
    let started = Instant::now();
    artifacts::clear(name);
    let h = match Harness::start(name, opts).await {
        Ok(h) => Arc::new(h),
        Err(e) => {
            artifacts::save_text(name, &format!("harness did not start: {e}\n"));
            panic!("[e2e] {name}: the harness did not start: {e}");
        }
    };
    let outcome = AssertUnwindSafe(body(h.clone())).catch_unwind().await;
    let failure = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.0),
        Err(p) => Some(panic_message(p)),
    };
    let saved = match &failure {
        Some(msg) => Some(artifacts::save(name, &h, msg).await),
        None => None,
    };
    match Arc::try_unwrap(h) {
        Ok(h) => h.shutdown().await,
        Err(h) => drop(h),
    }
    if failure.is_some() {
        FAILED.fetch_add(1, Ordering::Relaxed);
    } else {
        PASSED.fetch_add(1, Ordering::Relaxed);
    }
    note(&format!(
        "[e2e] {name}: {} in {:.1}s (suite so far {:.1}s)",
        if failure.is_some() { "FAILED" } else { "ok" },
        started.elapsed().as_secs_f64(),
        suite.elapsed().as_secs_f64()
    ));
    if let Some(msg) = failure {
        panic!(
            "[e2e] {name} failed: {msg}\n  artifacts: {}",
            saved.unwrap_or_default()
        );
    }
}
