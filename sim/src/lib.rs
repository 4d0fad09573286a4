//! `ocp-sim`: an HTTP server that stands in for OceanBase Cloud Platform (OCP) — its `/api/v2`
//! wire format, a seeded in-memory world, a clocked task engine, auth and injectable faults.
//!
//! Default credentials: user `admin`, password `ocp-sim-admin` (HTTP Basic or `POST /api/v2/iam/login`).

pub mod auth;
pub mod control;
pub mod engine;
pub mod envelope;
pub mod faults;
pub mod ops;
pub mod rng;
pub mod routes;
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
    pub initial_world: world::World,
    pub world: world::World,
    pub engine: engine::Engine,
    pub faults: Option<faults::FaultConfig>,
    pub fault_rng: rng::Rng,
    pub id_rng: rng::Rng,
    pub sessions: HashMap<String, Session>,
}

impl Sim {
    pub fn new(cfg: Config, world: world::World) -> Self {
        envelope::set_trace_seed(cfg.seed);
        Sim {
            engine: engine::Engine::new(cfg.seed, cfg.step_ms, cfg.fail_rate),
            initial_world: world.clone(),
            world,
            faults: cfg.faults.clone(),
            fault_rng: rng::Rng::new(cfg.seed ^ 0xfa17),
            id_rng: rng::Rng::new(cfg.seed ^ 0x5e55),
            sessions: HashMap::new(),
            cfg,
        }
    }

    pub fn reset(&mut self) {
        let sessions = std::mem::take(&mut self.sessions);
        let step = self.engine.step_ms;
        *self = Sim::new(self.cfg.clone(), self.initial_world.clone());
        self.engine.step_ms = step;
        self.sessions = sessions;
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

/// Serves the simulator on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    cfg: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let world = load_world(&cfg).map_err(std::io::Error::other)?;
    let state = Shared(Arc::new(Mutex::new(Sim::new(cfg, world))));
    let ticker = spawn_engine(state.clone());
    let result = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await;
    ticker.abort();
    result
}
