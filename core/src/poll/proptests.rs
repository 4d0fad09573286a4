//! The poll schedule's properties over random outcomes and times.

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
