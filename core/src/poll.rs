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
mod tests {
    use super::*;

    fn ok() -> Outcome {
        Outcome::Ok { finished: false }
    }

    /// Runs a zero-latency poll loop over `[from, to)` in `step`-ms ticks; returns requests sent.
    fn drive(p: &mut Poller, from: u64, to: u64, step: u64, visible: bool) -> usize {
        let mut sent = 0;
        let mut t = from;
        while t < to {
            if p.should_start(t, visible) {
                assert!(p.start(t));
                p.finish(t, ok());
                sent += 1;
            }
            t += step;
        }
        sent
    }

    fn fail_delay(p: &mut Poller, now: u64) -> u64 {
        assert!(p.start(now));
        p.finish(now, Outcome::Failed);
        p.next_due(now, true).unwrap() - now
    }

    #[test]
    fn first_poll_is_due_immediately() {
        let p = Poller::new(PollConfig::default(), 1);
        assert_eq!(p.next_due(12_345, true), Some(12_345));
        assert!(p.should_start(12_345, true));
        assert_eq!(p.status(), PollStatus::Live);
    }

    #[test]
    fn steady_cadence_is_one_request_per_second() {
        let mut p = Poller::new(PollConfig::default(), 1);
        assert_eq!(drive(&mut p, 0, 60_000, 1, true), 60);
        assert_eq!(p.next_due(59_500, true), Some(60_000));
    }

    #[test]
    fn interval_is_configurable_and_measured_from_finish() {
        let cfg = PollConfig {
            interval_ms: 2_500,
            ..PollConfig::default()
        };
        let mut p = Poller::new(cfg, 1);
        p.start(0);
        p.finish(400, ok());
        assert_eq!(p.next_due(400, true), Some(2_900));
        assert!(!p.should_start(2_899, true));
        assert!(p.should_start(2_900, true));
    }

    #[test]
    fn never_two_requests_in_flight() {
        let mut p = Poller::new(PollConfig::default(), 1);
        assert!(p.start(0));
        assert!(!p.start(1));
        assert!(p.in_flight());
        assert_eq!(p.next_due(10_000, true), None);
        assert!(!p.should_start(10_000, true));
        p.set_visible(10_000, false);
        p.set_visible(10_001, true);
        assert_eq!(p.next_due(10_001, true), None);
        p.finish(10_002, ok());
        assert!(!p.in_flight());
        assert_eq!(p.next_due(10_002, true), Some(11_002));
    }

    #[test]
    fn finished_task_stops_until_restart() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.finish(100, Outcome::Ok { finished: true });
        assert_eq!(p.status(), PollStatus::Finished);
        assert_eq!(p.next_due(100, true), None);
        assert_eq!(drive(&mut p, 100, 60_000, 10, true), 0);
        p.restart(60_000);
        assert_eq!(p.next_due(60_000, true), Some(60_000));
        assert_eq!(p.status(), PollStatus::Live);
        assert_eq!(drive(&mut p, 60_000, 63_000, 1, true), 3);
    }

    #[test]
    fn response_sent_before_restart_cannot_finish_the_task() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.restart(50);
        p.finish(100, Outcome::Ok { finished: true });
        assert_eq!(p.status(), PollStatus::Live);
        assert_eq!(p.last_ok_ms(), Some(100));
        assert_eq!(p.next_due(100, true), Some(100));
        p.start(100);
        p.finish(200, Outcome::Ok { finished: true });
        assert_eq!(p.status(), PollStatus::Finished);
    }

    #[test]
    fn hidden_tab_slows_down() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.set_visible(0, false);
        let sent = drive(&mut p, 0, 600_000, 10, false);
        assert!(
            (1..=20).contains(&sent),
            "{sent} requests in 10 hidden minutes"
        );
        assert_eq!(p.status(), PollStatus::Live);
    }

    #[test]
    fn hidden_interval_counts_from_last_finish() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.finish(0, ok());
        p.set_visible(200, false);
        assert_eq!(p.next_due(200, false), Some(30_000));
    }

    #[test]
    fn hidden_tab_retries_no_faster_than_hidden_interval() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.set_visible(0, false);
        p.start(0);
        p.finish(0, Outcome::Failed);
        assert_eq!(p.next_due(0, false), Some(30_000));
        assert!(p.next_due(0, true).unwrap() <= 1_200);
    }

    #[test]
    fn stop_policy_does_not_poll_while_hidden() {
        let cfg = PollConfig {
            hidden_interval_ms: None,
            ..PollConfig::default()
        };
        let mut p = Poller::new(cfg, 1);
        assert_eq!(drive(&mut p, 0, 1, 1, true), 1);
        p.set_visible(500, false);
        assert_eq!(p.status(), PollStatus::Paused);
        assert_eq!(p.next_due(500, false), None);
        assert_eq!(drive(&mut p, 500, 60_500, 1, false), 0);
        p.set_visible(60_500, true);
        assert_eq!(p.next_due(60_500, true), Some(60_500));
        assert_eq!(p.status(), PollStatus::Live);
    }

    #[test]
    fn becoming_visible_makes_a_request_due_at_once() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.finish(0, ok());
        p.set_visible(100, false);
        assert_eq!(p.next_due(5_000, false), Some(30_000));
        assert_eq!(p.next_due(5_000, true), Some(5_000));
        p.set_visible(5_000, true);
        assert!(p.should_start(5_000, true));
        p.start(5_000);
        p.finish(5_050, ok());
        assert_eq!(p.next_due(5_050, true), Some(6_050));
    }

    #[test]
    fn becoming_visible_cuts_a_failure_backoff_short() {
        let mut p = Poller::new(PollConfig::default(), 1);
        for t in [0, 10_000, 20_000, 30_000] {
            fail_delay(&mut p, t);
        }
        p.set_visible(30_100, false);
        assert!(p.next_due(30_200, false).unwrap() > 40_000);
        assert_eq!(p.next_due(30_200, true), Some(30_200));
        p.set_visible(30_200, true);
        assert_eq!(p.next_due(30_200, true), Some(30_200));
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let cfg = PollConfig::default();
        let expected = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000];
        for (n, want) in (1..).zip(expected) {
            assert_eq!(cfg.backoff_ms(n), want);
        }
        assert_eq!(cfg.backoff_ms(200), 30_000);
        let ceiling = (cfg.backoff_cap_ms as f64 * (1.0 + cfg.jitter)).ceil() as u64;
        for seed in 0..50 {
            let mut p = Poller::new(cfg.clone(), seed);
            let mut prev = (0, 0);
            let mut now = 0;
            for n in 1..=10 {
                let delay = fail_delay(&mut p, now);
                let (lo, hi) = cfg.backoff_bounds_ms(n);
                assert!(
                    lo <= delay && delay <= hi,
                    "n={n} delay={delay} not in {lo}..={hi}"
                );
                assert!(lo >= prev.0 && hi >= prev.1);
                assert!(hi <= ceiling);
                assert_eq!(p.failures(), n);
                prev = (lo, hi);
                now += delay;
            }
        }
        assert_eq!(cfg.backoff_bounds_ms(1), (800, 1_200));
        assert_eq!(cfg.backoff_bounds_ms(10), (24_000, 36_000));
    }

    #[test]
    fn jitter_is_deterministic_per_seed_and_varies_between_seeds() {
        let delays = |seed| {
            let mut p = Poller::new(PollConfig::default(), seed);
            (0..8)
                .map(|i| fail_delay(&mut p, i * 100_000))
                .collect::<Vec<_>>()
        };
        assert_eq!(delays(7), delays(7));
        assert_ne!(delays(7), delays(8));
        let firsts: std::collections::BTreeSet<u64> = (0..20).map(|s| delays(s)[0]).collect();
        assert!(firsts.len() > 5, "first delays barely vary: {firsts:?}");
    }

    #[test]
    fn rate_limit_reset_is_honoured() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(1_000);
        p.finish(
            1_000,
            Outcome::RateLimited {
                reset_secs: Some(120),
            },
        );
        assert_eq!(p.next_due(1_000, true), Some(121_000));
        p.set_visible(2_000, false);
        p.set_visible(3_000, true);
        p.restart(4_000);
        assert_eq!(p.next_due(4_000, true), Some(121_000));
        assert!(matches!(
            p.status(),
            PollStatus::Reconnecting { failures: 1, .. }
        ));
    }

    #[test]
    fn rate_limit_without_reset_backs_off() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.finish(0, Outcome::RateLimited { reset_secs: None });
        let (lo, hi) = p.config().backoff_bounds_ms(1);
        let due = p.next_due(0, true).unwrap();
        assert!((lo..=hi).contains(&due));
    }

    #[test]
    fn short_rate_limit_reset_still_backs_off() {
        let mut p = Poller::new(PollConfig::default(), 1);
        for t in [0, 10_000, 20_000, 30_000] {
            fail_delay(&mut p, t);
        }
        p.start(40_000);
        p.finish(
            40_000,
            Outcome::RateLimited {
                reset_secs: Some(1),
            },
        );
        let (lo, _) = p.config().backoff_bounds_ms(5);
        assert!(p.next_due(40_000, true).unwrap() >= 40_000 + lo);
    }

    #[test]
    fn unauthorized_stops_until_restart() {
        let mut p = Poller::new(PollConfig::default(), 1);
        p.start(0);
        p.finish(10, Outcome::Unauthorized);
        assert_eq!(p.status(), PollStatus::Unauthorized);
        assert_eq!(p.next_due(10, true), None);
        p.set_visible(20, false);
        p.set_visible(30, true);
        assert_eq!(drive(&mut p, 30, 120_000, 10, true), 0);
        p.restart(120_000);
        assert!(p.should_start(120_000, true));
    }

    #[test]
    fn status_goes_live_reconnecting_live() {
        let mut p = Poller::new(PollConfig::default(), 3);
        p.start(0);
        p.finish(100, ok());
        assert_eq!(p.status(), PollStatus::Live);
        let mut now = 1_100;
        for n in 1..=3 {
            p.start(now);
            p.finish(now, Outcome::Failed);
            let retry_at_ms = p.next_due(now, true).unwrap();
            assert_eq!(
                p.status(),
                PollStatus::Reconnecting {
                    failures: n,
                    last_ok_ms: Some(100),
                    retry_at_ms,
                }
            );
            now = retry_at_ms;
        }
        p.start(now);
        p.finish(now + 10, ok());
        assert_eq!(p.status(), PollStatus::Live);
        assert_eq!(p.failures(), 0);
        assert_eq!(p.last_ok_ms(), Some(now + 10));
        assert_eq!(p.next_due(now + 10, true), Some(now + 1_010));
        p.start(now + 1_010);
        p.finish(now + 1_010, Outcome::Failed);
        assert_eq!(p.config().backoff_ms(p.failures()), 1_000);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Event {
        Start,
        Finish(Outcome),
        Visible(bool),
        Restart,
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            any::<bool>().prop_map(|finished| Outcome::Ok { finished }),
            proptest::option::of(0u64..100_000)
                .prop_map(|reset_secs| Outcome::RateLimited { reset_secs }),
            Just(Outcome::Unauthorized),
            Just(Outcome::Failed),
        ]
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            3 => Just(Event::Start),
            3 => outcome().prop_map(Event::Finish),
            1 => any::<bool>().prop_map(Event::Visible),
            1 => Just(Event::Restart),
        ]
    }

    fn config() -> impl Strategy<Value = PollConfig> {
        (
            0u64..5_000,
            proptest::option::of(0u64..120_000),
            0u64..5_000,
            0u64..100_000,
            0.0f64..1.0,
        )
            .prop_map(
                |(interval_ms, hidden_interval_ms, base, cap, jitter)| PollConfig {
                    interval_ms,
                    hidden_interval_ms,
                    backoff_base_ms: base,
                    backoff_cap_ms: cap,
                    jitter,
                },
            )
    }

    proptest! {
        #[test]
        fn schedule_invariants_hold_for_any_event_sequence(
            cfg in config(),
            seed in any::<u64>(),
            steps in proptest::collection::vec((event(), 0u64..40_000, any::<bool>()), 0..200),
        ) {
            let mut p = Poller::new(cfg.clone(), seed);
            let mut now = 0u64;
            let mut visible = true;
            let mut max_reset_ms = 0u64;
            let ceiling = (cfg.backoff_cap_ms as f64 * (1.0 + cfg.jitter)).ceil() as u64;
            for (ev, dt, query_visible) in steps {
                now += dt;
                match ev {
                    Event::Start => {
                        let was = p.in_flight();
                        prop_assert_eq!(p.start(now), !was);
                    }
                    Event::Finish(o) => {
                        if let Outcome::RateLimited { reset_secs: Some(s) } = o {
                            max_reset_ms = max_reset_ms.max(s * 1_000);
                        }
                        p.finish(now, o);
                    }
                    Event::Visible(v) => {
                        visible = v;
                        p.set_visible(now, v);
                    }
                    Event::Restart => p.restart(now),
                }
                let bound = now
                    + ceiling
                        .max(cfg.interval_ms)
                        .max(cfg.hidden_interval_ms.unwrap_or(0))
                        .max(max_reset_ms);
                for v in [visible, query_visible] {
                    let due = p.next_due(now, v);
                    if p.in_flight() {
                        prop_assert_eq!(due, None);
                        prop_assert!(!p.should_start(now, v));
                    }
                    if let Some(due) = due {
                        prop_assert!(due >= now && due <= bound, "due {} now {} bound {}", due, now, bound);
                    }
                }
                let _ = p.status();
            }
        }
    }
}
