//! Pure polling schedule for running tasks and logs: cadence, visibility, backoff with jitter,
//! rate limits and stop conditions, driven by the UI with millisecond timestamps.

use crate::rng::Rng;

/// Tunables for a [`Poller`].
#[derive(Clone, Debug, PartialEq)]
pub struct PollConfig {
    /// Delay between the end of one successful request and the start of the next while visible.
    pub interval_ms: u64,
    /// Delay used while the tab is hidden; `None` stops polling until the tab is visible again.
    pub hidden_interval_ms: Option<u64>,
    /// Backoff delay after the first consecutive failure; it doubles with each further failure.
    pub backoff_base_ms: u64,
    /// Upper bound of the backoff delay before jitter is applied.
    pub backoff_cap_ms: u64,
    /// Relative jitter applied to backoff delays: `0.2` spreads each delay over ±20 %.
    /// Values outside `0.0..=1.0` are clamped into that range.
    pub jitter: f64,
}

impl Default for PollConfig {
    fn default() -> Self {
        Self {
            interval_ms: 1_000,
            hidden_interval_ms: Some(30_000),
            backoff_base_ms: 1_000,
            backoff_cap_ms: 30_000,
            jitter: 0.2,
        }
    }
}

impl PollConfig {
    fn jitter_fraction(&self) -> f64 {
        if self.jitter.is_nan() {
            0.0
        } else {
            self.jitter.clamp(0.0, 1.0)
        }
    }

    /// Backoff delay before jitter for the `failures`-th consecutive failure (1-based):
    /// `min(cap, base * 2^(failures - 1))`; `0` failures gives `0`.
    pub fn backoff_ms(&self, failures: u32) -> u64 {
        if failures == 0 {
            return 0;
        }
        let factor = 1u64.checked_shl(failures - 1).unwrap_or(u64::MAX);
        self.backoff_base_ms
            .saturating_mul(factor)
            .min(self.backoff_cap_ms)
    }

    /// Inclusive bounds of the jittered backoff delay for the `failures`-th consecutive failure.
    /// The upper bound never exceeds `backoff_cap_ms * (1 + jitter)`.
    pub fn backoff_bounds_ms(&self, failures: u32) -> (u64, u64) {
        let d = self.backoff_ms(failures) as f64;
        let j = self.jitter_fraction();
        (
            (d * (1.0 - j)).floor() as u64,
            (d * (1.0 + j)).ceil() as u64,
        )
    }
}

/// Result of one finished request, as classified by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The request succeeded; `finished` is true when the watched task reached a final state.
    Ok {
        /// The task is in a final state and needs no more polling.
        finished: bool,
    },
    /// HTTP 429; `reset_secs` is the server's `RateLimit-Reset` (seconds from now) if it sent one.
    RateLimited {
        /// Seconds until the rate limit resets, when known.
        reset_secs: Option<u64>,
    },
    /// HTTP 401: the session is gone, polling stops and the UI sends the user to sign in.
    Unauthorized,
    /// Network error, 5xx, or a malformed response.
    Failed,
}

/// What the UI should show about a [`Poller`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollStatus {
    /// Polling normally (possibly slowed down while hidden).
    Live,
    /// The last request(s) failed; the last good data stays on screen.
    Reconnecting {
        /// Consecutive failed or rate-limited requests.
        failures: u32,
        /// When the last successful response arrived, if ever.
        last_ok_ms: Option<u64>,
        /// When the next attempt is scheduled (ignoring visibility).
        retry_at_ms: u64,
    },
    /// The task reached a final state; no polling until [`Poller::restart`].
    Finished,
    /// A 401 was received; no polling until [`Poller::restart`].
    Unauthorized,
    /// The tab is hidden and the configuration stops polling while hidden.
    Paused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    Finished,
    Unauthorized,
}

/// Polling state machine for one watched resource (one task, or one log).
///
/// The UI asks [`Poller::next_due`] or [`Poller::should_start`], calls [`Poller::start`] when it
/// sends a request and [`Poller::finish`] with its [`Outcome`]; at most one request is in flight.
#[derive(Clone, Debug)]
pub struct Poller {
    cfg: PollConfig,
    rng: Rng,
    visible: bool,
    in_flight: bool,
    generation: u64,
    in_flight_generation: u64,
    stop: Option<Stop>,
    failures: u32,
    last_ok_ms: Option<u64>,
    last_finish_ms: Option<u64>,
    retry_at_ms: Option<u64>,
    rate_limited_until_ms: Option<u64>,
    due_now_ms: Option<u64>,
}

impl Poller {
    /// Creates a poller whose first request is due at once. `seed` drives the jitter, so equal
    /// seeds give equal schedules. The tab is assumed visible.
    pub fn new(cfg: PollConfig, seed: u64) -> Self {
        Self {
            cfg,
            rng: Rng::new(seed),
            visible: true,
            in_flight: false,
            generation: 0,
            in_flight_generation: 0,
            stop: None,
            failures: 0,
            last_ok_ms: None,
            last_finish_ms: None,
            retry_at_ms: None,
            rate_limited_until_ms: None,
            due_now_ms: None,
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &PollConfig {
        &self.cfg
    }

    /// Absolute time (never earlier than `now_ms`) when the next request should start, or `None`
    /// when no request should be made: a request is in flight, the task is finished, a 401 was
    /// received, or the tab is hidden and hidden polling is off.
    ///
    /// A `visible` of `true` after [`Poller::set_visible`] recorded the tab as hidden counts as
    /// becoming visible: the request is due at once.
    pub fn next_due(&self, now_ms: u64, visible: bool) -> Option<u64> {
        if self.in_flight || self.stop.is_some() {
            return None;
        }
        let hidden_interval = match (visible, self.cfg.hidden_interval_ms) {
            (true, _) => None,
            (false, None) => return None,
            (false, Some(h)) => Some(h),
        };
        let rate_floor = self.rate_limited_until_ms.unwrap_or(0);
        let woke_up = visible && !self.visible;
        let due = if let Some(at) = self.due_now_ms.or(woke_up.then_some(now_ms)) {
            at.max(rate_floor)
        } else if let Some(finished) = self.last_finish_ms {
            let cadence = finished.saturating_add(hidden_interval.unwrap_or(self.cfg.interval_ms));
            match self.retry_at_ms {
                Some(retry) if hidden_interval.is_some() => retry.max(cadence),
                Some(retry) => retry,
                None => cadence,
            }
        } else {
            now_ms
        };
        Some(due.max(now_ms))
    }

    /// Whether a request should start now: [`Poller::next_due`] is due at or before `now_ms`.
    pub fn should_start(&self, now_ms: u64, visible: bool) -> bool {
        self.next_due(now_ms, visible)
            .is_some_and(|due| due <= now_ms)
    }

    /// Marks a request as in flight. Returns `false`, changing nothing, if one already is.
    pub fn start(&mut self, _now_ms: u64) -> bool {
        if self.in_flight {
            return false;
        }
        self.in_flight = true;
        self.in_flight_generation = self.generation;
        self.due_now_ms = None;
        true
    }

    /// Records the outcome of the request in flight and schedules the next one.
    ///
    /// Failures back off by `min(cap, base * 2^(n-1))` with ±jitter applied after capping, so a
    /// delay never exceeds `cap * (1 + jitter)`. A 429 waits at least until its reset time.
    /// A response to a request sent before [`Poller::restart`] cannot mark the task finished.
    pub fn finish(&mut self, now_ms: u64, outcome: Outcome) {
        let stale = self.in_flight && self.in_flight_generation != self.generation;
        self.in_flight = false;
        self.last_finish_ms = Some(now_ms);
        match outcome {
            Outcome::Ok { finished } => {
                self.failures = 0;
                self.last_ok_ms = Some(now_ms);
                self.retry_at_ms = None;
                self.rate_limited_until_ms = None;
                if finished && !stale {
                    self.stop = Some(Stop::Finished);
                }
            }
            Outcome::Failed => {
                let delay = self.record_failure();
                self.retry_at_ms = Some(now_ms.saturating_add(delay));
            }
            Outcome::RateLimited { reset_secs } => {
                let delay = self.record_failure();
                let backoff_at = now_ms.saturating_add(delay);
                let reset_at = reset_secs.map(|s| now_ms.saturating_add(s.saturating_mul(1_000)));
                self.rate_limited_until_ms = reset_at;
                self.retry_at_ms = Some(backoff_at.max(reset_at.unwrap_or(0)));
            }
            Outcome::Unauthorized => self.stop = Some(Stop::Unauthorized),
        }
    }

    /// After a user action (retry, rollback, …): resume polling and make a request due at once,
    /// even if the task was finished or a 401 was received. A pending 429 reset is still honoured.
    pub fn restart(&mut self, now_ms: u64) {
        self.stop = None;
        self.generation = self.generation.wrapping_add(1);
        self.due_now_ms = Some(now_ms);
    }

    /// Records tab visibility. Becoming visible makes a request due at once unless one is in
    /// flight (its response is fresh) or polling has stopped; a pending 429 reset is honoured.
    pub fn set_visible(&mut self, now_ms: u64, visible: bool) {
        if visible && !self.visible && !self.in_flight && self.stop.is_none() {
            self.due_now_ms = Some(self.due_now_ms.map_or(now_ms, |d| d.min(now_ms)));
        }
        self.visible = visible;
    }

    /// What the UI should show, based on the visibility last given to [`Poller::set_visible`].
    pub fn status(&self) -> PollStatus {
        match self.stop {
            Some(Stop::Finished) => return PollStatus::Finished,
            Some(Stop::Unauthorized) => return PollStatus::Unauthorized,
            None => {}
        }
        if !self.visible && self.cfg.hidden_interval_ms.is_none() {
            return PollStatus::Paused;
        }
        match (self.failures, self.retry_at_ms) {
            (0, _) | (_, None) => PollStatus::Live,
            (failures, Some(retry_at_ms)) => PollStatus::Reconnecting {
                failures,
                last_ok_ms: self.last_ok_ms,
                retry_at_ms: self.due_now_ms.unwrap_or(retry_at_ms),
            },
        }
    }

    /// When the last successful response arrived, if ever.
    pub fn last_ok_ms(&self) -> Option<u64> {
        self.last_ok_ms
    }

    /// Whether a request is in flight.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// Consecutive failed or rate-limited requests since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    fn record_failure(&mut self) -> u64 {
        self.failures = self.failures.saturating_add(1);
        let (lo, hi) = self.cfg.backoff_bounds_ms(self.failures);
        let d = self.cfg.backoff_ms(self.failures) as f64;
        let j = self.cfg.jitter_fraction();
        let u = self.rng.unit() * 2.0 - 1.0;
        ((d * (1.0 + j * u)).round() as u64).clamp(lo, hi)
    }
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
