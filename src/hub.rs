//! One task watcher for the whole console: a single list request per interval keeps the header's
//! indicator, the batch board and the task list's refresh up to date (`ocp_core::watcher` decides).

use crate::api::{self, Api};
use crate::watch::{now_ms, watch};
use leptos::prelude::*;
use ocp_core::poll::{Outcome, PollConfig};
use ocp_core::watcher::{Event, Indicator, Request, TaskWatcher};

/// How often the list is read when only the indicator needs it.
pub const IDLE_INTERVAL_MS: u64 = 10_000;
/// While a page watches running tasks closely (the board).
pub const BUSY_INTERVAL_MS: u64 = 1_000;
/// While the tab is hidden: slower, yet soon enough for the title badge of a drill left running.
pub const HIDDEN_INTERVAL_MS: u64 = 5_000;

/// The shared watcher, its readable state, and who asks for what cadence.
#[derive(Clone, Copy)]
pub struct Hub {
    watcher: StoredValue<TaskWatcher, LocalStorage>,
    /// Bumped whenever something the watcher shows changed.
    pub revision: RwSignal<u64>,
    pub indicator: RwSignal<Indicator>,
    /// The newest transitions of watched tasks, for the live region, title and notifications.
    pub events: RwSignal<Vec<Event>>,
    demands: StoredValue<Vec<(u64, u64)>>,
    next_demand: StoredValue<u64>,
}

impl Hub {
    /// Starts the watcher for the app; it lives as long as the calling component.
    pub fn provide(api: Api) -> Self {
        let mut w = TaskWatcher::new(BUSY_INTERVAL_MS);
        w.set_indicator(true);
        let hub = Hub {
            watcher: StoredValue::new_local(w),
            revision: RwSignal::new(0),
            indicator: RwSignal::new(Indicator::default()),
            events: RwSignal::new(Vec::new()),
            demands: StoredValue::new(Vec::new()),
            next_demand: StoredValue::new(0),
        };
        provide_context(hub);
        let cfg = PollConfig {
            interval_ms: BUSY_INTERVAL_MS,
            hidden_interval_ms: Some(HIDDEN_INTERVAL_MS),
            ..PollConfig::default()
        };
        let last_round = StoredValue::new(None::<u64>);
        watch(cfg, move || {
            let api = api.clone();
            async move {
                let now = now_ms();
                let due = last_round
                    .get_value()
                    .is_none_or(|t| now.saturating_sub(t) + 50 >= hub.interval_ms());
                if !due {
                    return Outcome::Ok { finished: false };
                }
                last_round.set_value(Some(now));
                hub.round(&api).await
            }
        });
        hub
    }

    /// The list cadence now: the fastest any page asked for, else the idle one.
    fn interval_ms(&self) -> u64 {
        self.demands
            .with_value(|d| d.iter().map(|(_, ms)| *ms).min())
            .unwrap_or(IDLE_INTERVAL_MS)
    }

    /// Asks for the list every `ms` while the calling component lives.
    pub fn demand(&self, ms: u64) {
        let key = self.next_demand.get_value();
        self.next_demand.set_value(key + 1);
        self.demands.update_value(|d| d.push((key, ms)));
        let demands = self.demands;
        on_cleanup(move || {
            demands.try_update_value(|d| d.retain(|(k, _)| *k != key));
        });
    }

    /// One interval: the list (every page) and at most one detail, as the watcher decides.
    async fn round(self, api: &Api) -> Outcome {
        let mut outcome = Outcome::Ok { finished: false };
        for _ in 0..8 {
            let requests = self
                .watcher
                .try_update_value(|w| w.next_requests(now_ms()))
                .unwrap_or_default();
            if requests.is_empty() {
                break;
            }
            let mut more = false;
            for req in requests {
                if let Err(o) = self.send(api, &req).await {
                    outcome = o;
                }
                more |= matches!(req, Request::List { .. })
                    && self.watcher.with_value(TaskWatcher::more_pages);
            }
            if !more {
                break;
            }
        }
        self.publish();
        outcome
    }

    async fn send(self, api: &Api, req: &Request) -> Result<(), Outcome> {
        let result = match req {
            Request::Detail { id } => api::get_task(api, *id).await.map(|t| {
                self.watcher.update_value(|w| w.apply_detail(t, now_ms()));
            }),
            // One list request for both, so its future exists once in the wasm.
            Request::List { .. } | Request::Finished => {
                let q = req.query().unwrap_or_default();
                api::list_tasks_by(api, &q).await.map(|p| {
                    self.watcher.update_value(|w| match req {
                        Request::List { page } => w.apply_list(*page, &p, now_ms()),
                        _ => w.apply_finished(&p),
                    });
                })
            }
        };
        result.map_err(|e| {
            self.watcher.update_value(|w| w.apply_error(req));
            e.poll_outcome()
        })
    }

    fn publish(self) {
        if self.revision.is_disposed() {
            return;
        }
        let (rev, ind, events) = self
            .watcher
            .try_update_value(|w| (w.revision(), w.indicator(), w.take_events()))
            .unwrap_or_default();
        if self.revision.get_untracked() != rev {
            self.revision.set(rev);
        }
        if self.indicator.get_untracked() != ind {
            self.indicator.set(ind);
        }
        if !events.is_empty() {
            self.events.set(events);
        }
    }

    /// Watches these tasks while the calling component lives, and reads at the busy cadence.
    pub fn watch_tasks(&self, ids: &[i64]) {
        self.watcher.update_value(|w| w.watch_many(ids));
        self.demand(BUSY_INTERVAL_MS);
        let (watcher, ids) = (self.watcher, ids.to_vec());
        on_cleanup(move || {
            watcher.try_update_value(|w| ids.iter().for_each(|id| w.unwatch(*id)));
        });
    }

    /// Gives the watcher tasks an operation just returned, so it knows them before the next list.
    pub fn seed(&self, tasks: Vec<ocp_core::model::TaskInstance>) {
        self.watcher.update_value(|w| {
            for t in tasks {
                w.apply_detail(t, now_ms());
            }
        });
    }

    /// Reads the watcher: `f` sees its current state. Tracks `revision`.
    pub fn with<R>(&self, f: impl FnOnce(&TaskWatcher) -> R) -> R {
        self.revision.track();
        self.watcher.with_value(f)
    }
}

/// The app's hub, if the app provides one (a component mounted alone in a test has none).
pub fn use_hub() -> Option<Hub> {
    use_context::<Hub>()
}
