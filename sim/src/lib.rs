//! `ocp-sim`: an HTTP server that stands in for OceanBase Cloud Platform (OCP) — its `/api/v2`
//! wire format, a seeded in-memory world, a clocked task engine, auth and injectable faults.
//!
//! Default credentials: user `admin`, password `ocp-sim-admin` (HTTP Basic or `POST /api/v2/iam/login`).

pub mod auth;
pub mod control;
pub mod control_drill;
pub mod control_tasks;
pub mod engine;
pub mod envelope;
pub mod faults;
pub mod i18n;
pub mod ops;
pub mod pairs;
pub mod ratelimit;
pub mod requests;
pub mod routes;
pub mod synthetic;
pub mod task_json;
pub mod testing;
pub mod world;

use axum::Router;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub const DEFAULT_USER: &str = "admin";
pub const DEFAULT_PASSWORD: &str = "ocp-sim-admin";
pub const DEFAULT_PORT: u16 = 8700;

#[derive(Debug, Clone)]
pub struct Config {
    pub port: u16,
    pub bind: IpAddr,
    pub seed: u64,
    /// How long one subtask run takes, in milliseconds (jittered ±25 % by the seed).
    pub step_ms: u64,
    pub auth_enabled: bool,
    /// (username, password) pairs accepted by Basic auth and login.
    pub users: Vec<(String, String)>,
    /// A JSON file shaped like [`world::World`] replacing the built-in world.
    pub world_file: Option<PathBuf>,
    pub fail_rate: f64,
    pub faults: Option<faults::FaultConfig>,
    /// Log one line per request to stderr.
    pub log_requests: bool,
    /// Primary/standby tenant pairs added across two extra clusters (see [`pairs`]).
    pub pairs: usize,
    /// OCP's per-user request limit; `None` is unlimited.
    pub rate_limit: Option<ratelimit::RateLimit>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: DEFAULT_PORT,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            seed: 42,
            step_ms: 1000,
            auth_enabled: true,
            users: vec![(DEFAULT_USER.into(), DEFAULT_PASSWORD.into())],
            world_file: None,
            fail_rate: 0.0,
            faults: None,
            log_requests: true,
            pairs: 0,
            rate_limit: None,
        }
    }
}

#[derive(Debug)]
pub struct Session {
    pub username: String,
    pub xsrf: String,
}

#[derive(Debug)]
pub struct Sim {
    pub cfg: Config,
    /// The loaded world before pairs are added; [`Sim::reset`] starts again from it.
    pub base_world: world::World,
    pub initial_world: world::World,
    pub world: world::World,
    pub engine: engine::Engine,
    pub faults: Option<faults::FaultConfig>,
    pub fault_rng: ocp_core::rng::Rng,
    pub id_rng: ocp_core::rng::Rng,
    pub sessions: HashMap<String, Session>,
    pub limiter: ratelimit::Limiter,
    pub requests: requests::RequestLog,
}

impl Sim {
    /// A fresh simulator over `base` plus `cfg.pairs` drill pairs.
    pub fn new(cfg: Config, base: world::World) -> Self {
        envelope::set_trace_seed(cfg.seed);
        let world = pairs::with_pairs(base.clone(), cfg.pairs);
        Sim {
            engine: engine::Engine::new(cfg.seed, cfg.step_ms, cfg.fail_rate),
            base_world: base,
            initial_world: world.clone(),
            world,
            limiter: ratelimit::Limiter::new(cfg.rate_limit),
            requests: requests::RequestLog::default(),
            faults: cfg.faults.clone(),
            fault_rng: ocp_core::rng::Rng::new(cfg.seed ^ 0xfa17),
            id_rng: ocp_core::rng::Rng::new(cfg.seed ^ 0x5e55),
            sessions: HashMap::new(),
            cfg,
        }
    }

    /// Back to the initial world with no tasks, an empty request log and full rate-limit budgets,
    /// keeping sessions, clock speed and the rate limit; `pairs` replaces the number of drill pairs.
    pub fn reset(&mut self, pairs: Option<usize>) {
        let sessions = std::mem::take(&mut self.sessions);
        let step = self.engine.step_ms;
        let limit = self.limiter.limit;
        if let Some(n) = pairs {
            self.cfg.pairs = n;
        }
        *self = Sim::new(self.cfg.clone(), self.base_world.clone());
        self.engine.step_ms = step;
        self.sessions = sessions;
        self.limiter.set(limit);
    }
}

#[derive(Clone)]
pub struct Shared(pub Arc<Mutex<Sim>>);

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, Sim> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn load_world(cfg: &Config) -> Result<world::World, String> {
    match &cfg.world_file {
        None => Ok(world::World::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
    }
}

pub fn app(state: Shared) -> Router {
    let api = routes::router()
        .merge(control::router())
        .fallback(routes::not_found)
        .with_state(state.clone());
    api.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        ratelimit::layer,
    ))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        auth::layer,
    ))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        faults::layer,
    ))
    .layer(axum::middleware::from_fn_with_state(
        state,
        faults::log_layer,
    ))
}

fn spawn_engine(state: Shared) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let step = {
                let mut sim = state.lock();
                let Sim { world, engine, .. } = &mut *sim;
                engine.tick(world);
                engine.step_ms
            };
            tokio::time::sleep(Duration::from_millis((step / 5).clamp(1, 50))).await;
        }
    })
}

/// The simulator's state for `cfg`: its world loaded, nothing served yet.
pub fn new_state(cfg: Config) -> std::io::Result<Shared> {
    let world = load_world(&cfg).map_err(std::io::Error::other)?;
    Ok(Shared(Arc::new(Mutex::new(Sim::new(cfg, world)))))
}

/// Serves the simulator on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    cfg: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_state(listener, new_state(cfg)?, shutdown).await
}

/// Serves an existing state on `listener` until `shutdown` completes.
pub async fn serve_state(
    listener: tokio::net::TcpListener,
    state: Shared,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let ticker = spawn_engine(state.clone());
    let result = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await;
    ticker.abort();
    result
}
