//! The poll schedule's examples: intervals, hidden tab, backoff, 429 reset, 401 stop.

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
