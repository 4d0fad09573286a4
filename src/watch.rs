//! Runs a `poll::Poller` in the browser: sleeps until the next request is due, tracks tab
//! visibility, and stops when the component that started it is gone.

use crate::api::Api;
use crate::session::{self, Session};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use ocp_core::error::ApiError;
use ocp_core::model::{Cluster, Page};
use ocp_core::poll::{Outcome, PollConfig, PollStatus, Poller};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Longest sleep between checks, so visibility changes and restarts are noticed quickly.
const CHECK_MS: u64 = 200;

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

pub fn tab_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
        .unwrap_or(true)
}

/// OCP's clusters, read again after each sign-in: what every page that picks a cluster starts from.
pub fn cluster_list(api: &Api) -> LocalResource<Result<Page<Cluster>, ApiError>> {
    let api = api.clone();
    session::resource(move || {
        let api = api.clone();
        async move { crate::api::list_clusters(&api).await }
    })
}

/// A running watch: its status, and a way to poll again at once (after an action).
#[derive(Clone, Copy)]
pub struct Watch {
    pub status: RwSignal<PollStatus>,
    pub last_ok_ms: RwSignal<Option<u64>>,
    restart: StoredValue<Arc<AtomicBool>>,
}

impl Watch {
    pub fn restart(&self) {
        self.restart
            .with_value(|r| r.store(true, Ordering::Relaxed));
    }
}

/// One request of a watch, boxed.
type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Outcome>>>>;

/// Starts polling with `fetch`, which performs one request and reports its outcome. It polls again
/// at once after a sign-in or a language switch (OCP's names and messages come in the new language).
/// Polling ends when the calling component is cleaned up.
pub fn watch<F, Fut>(cfg: PollConfig, fetch: F) -> Watch
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Outcome> + 'static,
{
    watch_boxed(cfg, Box::new(move || Box::pin(fetch())))
}

/// The polling loop, not generic: it exists once in the wasm whatever the watches' requests.
fn watch_boxed(cfg: PollConfig, fetch: Fetch) -> Watch {
    let status = RwSignal::new(PollStatus::Live);
    let last_ok_ms = RwSignal::new(None);
    let restart = Arc::new(AtomicBool::new(false));
    let alive = Arc::new(AtomicBool::new(true));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    {
        let epoch = use_context::<Session>().map(|s| s.epoch);
        let flag = restart.clone();
        Effect::new(move |prev: Option<(u32, crate::i18n::Lang)>| {
            let now = (epoch.map_or(0, |e| e.get()), crate::i18n::lang());
            if prev.is_some_and(|p| p != now) {
                flag.store(true, Ordering::Relaxed);
            }
            now
        });
    }
    let flag = restart.clone();
    leptos::task::spawn_local(async move {
        let mut poller = Poller::new(cfg, now_ms());
        let mut visible = tab_visible();
        while alive.load(Ordering::Relaxed) {
            let now = now_ms();
            let v = tab_visible();
            if v != visible {
                visible = v;
                poller.set_visible(now, v);
            }
            if flag.swap(false, Ordering::Relaxed) {
                poller.restart(now);
            }
            if poller.should_start(now, visible) && poller.start(now) {
                let outcome = fetch().await;
                if !alive.load(Ordering::Relaxed) || status.is_disposed() {
                    break;
                }
                poller.finish(now_ms(), outcome);
                status.set(poller.status());
                last_ok_ms.set(poller.last_ok_ms());
                continue;
            }
            let wait = poller
                .next_due(now, visible)
                .map_or(CHECK_MS, |due| due.saturating_sub(now))
                .clamp(5, CHECK_MS);
            TimeoutFuture::new(wait as u32).await;
        }
    });
    Watch {
        status,
        last_ok_ms,
        restart: StoredValue::new(restart),
    }
}
