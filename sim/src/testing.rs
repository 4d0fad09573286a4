//! The simulator in-process for tests: [`SimHandle`] serves on 127.0.0.1 at an ephemeral port,
//! gives its base URL and direct control of its state, and shuts the server down when dropped.

use crate::engine::NextFailure;
use crate::ratelimit::RateLimit;
use crate::requests::RequestLog;
use crate::{Config, Shared, Sim};
use std::sync::MutexGuard;
use tokio::sync::oneshot;

pub struct SimHandle {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub port: u16,
    state: Shared,
    stop: Option<oneshot::Sender<()>>,
}

impl SimHandle {
    /// Binds 127.0.0.1:0 and serves `cfg` (its `port` and `bind` are ignored) on the current runtime.
    pub async fn start(cfg: Config) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let state = crate::new_state(Config { port, ..cfg })?;
        let (tx, rx) = oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(async move {
            let stopped = async {
                let _ = rx.await;
            };
            if let Err(e) = crate::serve_state(listener, served, stopped).await {
                eprintln!("ocp-sim: stopped with an error: {e}");
            }
        });
        Ok(SimHandle {
            base: format!("http://127.0.0.1:{port}"),
            port,
            state,
            stop: Some(tx),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The live simulator, locked; hold it briefly.
    pub fn sim(&self) -> MutexGuard<'_, Sim> {
        self.state.lock()
    }

    /// `POST /_sim/reset`, optionally with a new number of drill pairs.
    pub fn reset(&self, pairs: Option<usize>) {
        self.sim().reset(pairs);
    }

    pub fn set_step_ms(&self, step_ms: u64) {
        self.sim().engine.step_ms = step_ms.max(1);
    }

    /// The next created task (of `tenant`, if given) fails once at its subtask named `subtask`
    /// (English or Chinese), or at its first subtask.
    pub fn fail_next(&self, subtask: Option<&str>, tenant: Option<u64>) {
        self.sim().engine.arm(NextFailure {
            subtask_name: subtask.map(str::to_string),
            tenant_id: tenant,
        });
    }

    pub fn set_rate_limit(&self, limit: Option<RateLimit>) {
        self.sim().limiter.set(limit);
    }

    /// What `GET /_sim/requests` answers.
    pub fn requests(&self) -> RequestLog {
        self.sim().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.sim().requests = RequestLog::default();
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}
