//! The watcher's request budget and finishing over many simulated intervals.

use super::*;

/// Requests issued in the 60 s ending at each tick.
fn worst_minute(log: &[(u64, usize)]) -> usize {
    log.iter()
        .map(|(t, _)| {
            log.iter()
                .filter(|(u, _)| *u <= *t && u + 60_000 > *t)
                .map(|(_, n)| n)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

fn simulate(n: i64, finish_at: &[u64], ticks: u64) -> (Ocp, TaskWatcher, Vec<(u64, usize)>) {
    let mut ocp = Ocp::new((1..=n).map(|id| make_task(id, 3)).collect());
    let mut w = TaskWatcher::new(1_000);
    w.set_indicator(true);
    let ids: Vec<i64> = (1..=n).collect();
    w.watch_many(&ids);
    w.select(Some(1));
    let mut log = Vec::new();
    for i in 0..ticks {
        for (k, at) in finish_at.iter().enumerate() {
            if *at == i {
                if let Some(t) = ocp.tasks.get_mut(&(k as i64 + 1)) {
                    advance(t);
                    advance(t);
                    advance(t);
                }
            }
        }
        let reqs = ocp.tick(&mut w, i * 1_000);
        assert!(lists(&reqs) <= 1, "one list request an interval");
        assert!(details(&reqs).len() <= 1, "one detail an interval");
        log.push((i * 1_000, reqs.len()));
    }
    (ocp, w, log)
}

#[test]
fn one_list_request_an_interval_whatever_the_batch_size() {
    for n in [1, 10, 50, 500] {
        let (_, _, log) = simulate(n, &[], 60);
        let total: usize = log.iter().map(|(_, k)| k).sum();
        assert!(
            total <= MAX_REQUESTS_PER_MINUTE,
            "{n} tasks: {total} requests"
        );
        assert!(log.iter().all(|(_, k)| *k >= 1), "the list every interval");
    }
}

#[test]
fn every_finished_task_is_read_in_the_end() {
    let finish_at: Vec<u64> = (0..30).map(|k| (k * 7) % 50).collect();
    let (ocp, w, log) = simulate(30, &finish_at, 400);
    assert!(worst_minute(&log) <= MAX_REQUESTS_PER_MINUTE);
    for (id, t) in &ocp.tasks {
        assert_eq!(&w.task(*id).unwrap().status, &t.status, "task {id}");
    }
    assert_eq!(w.counts().successful, 30);
    assert!(w.all_finished());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_batch_stays_in_budget_and_never_claims_too_much(
        n in 1i64..300,
        seeds in proptest::collection::vec(0u64..90, 300),
    ) {
        let finish_at: Vec<u64> = seeds.into_iter().take(n as usize).collect();
        let (ocp, w, log) = simulate(n, &finish_at, 150);
        prop_assert!(worst_minute(&log) <= MAX_REQUESTS_PER_MINUTE);
        for (id, t) in &ocp.tasks {
            if let Some(seen) = w.task(*id).map(|k| &k.status) {
                prop_assert!(seen == &t.status || t.status == TaskStatus::Successful, "task {}", id);
            }
        }
    }
}

#[test]
fn an_answer_that_never_comes_is_given_up_on() {
    let mut w = TaskWatcher::new(1_000);
    w.set_indicator(true);
    w.select(Some(3));
    assert_eq!(
        w.next_requests(0),
        vec![Request::List { page: 1 }, Request::Detail { id: 3 }]
    );
    for t in (1..30).map(|s| s * 1_000) {
        assert_eq!(w.next_requests(t), vec![], "at {t}");
    }
    assert_eq!(
        w.next_requests(30_000),
        vec![Request::List { page: 1 }, Request::Detail { id: 3 }]
    );
}

#[test]
fn an_id_that_does_not_exist_is_tried_three_times_then_once_a_minute() {
    let ocp = Ocp::new(vec![]);
    let mut w = TaskWatcher::new(1_000);
    w.watch(99);
    let mut reads = Vec::new();
    for i in 0..130 {
        for id in details(&ocp.tick(&mut w, i * 1_000)) {
            reads.push((id, i));
        }
        if i == 20 {
            assert!(!w.list_needed());
        }
    }
    let third = reads[2].1;
    assert_eq!(
        reads,
        vec![
            (99, 1),
            (99, 2),
            (99, 3),
            (99, third + 60),
            (99, third + 120)
        ]
    );
    assert_eq!(w.counts().unknown, 1);
}

#[test]
fn a_detail_older_than_the_list_keeps_the_list_statuses() {
    let mut ocp = Ocp::new(vec![make_task(1, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.select(Some(1));
    assert_eq!(
        w.next_requests(0),
        vec![Request::List { page: 1 }, Request::Detail { id: 1 }]
    );
    let old_detail = ocp.tasks[&1].clone();
    w.apply_list(1, &ocp.list(1), 0);
    advance(ocp.tasks.get_mut(&1).unwrap());
    assert_eq!(w.next_requests(1_000), vec![Request::List { page: 1 }]);
    w.apply_list(1, &ocp.list(1), 1_000);
    w.apply_detail(old_detail, 1_100);
    let t = w.task(1).unwrap();
    assert_eq!(t.subtasks[0].status, SubtaskStatus::Successful);
    assert_eq!(t.subtasks[1].status, SubtaskStatus::Running);
    assert_eq!(t.subtasks[1].upstreams, vec![100]);
}

#[test]
fn a_wave_of_finishes_is_settled_by_one_finished_query() {
    let mut ocp = Ocp::new((1..=50).map(|id| make_task(id, 3)).collect());
    let mut w = TaskWatcher::new(1_000);
    let ids: Vec<i64> = (1..=50).collect();
    w.watch_many(&ids);
    ocp.tick(&mut w, 0);
    for id in 1..=48 {
        finish(ocp.tasks.get_mut(&id).unwrap());
    }
    roll_back(ocp.tasks.get_mut(&49).unwrap());
    let mut slot = Vec::new();
    for i in 1..10 {
        let reqs = ocp.tick(&mut w, i * 1_000);
        slot.extend(
            reqs.into_iter()
                .filter(|r| !matches!(r, Request::List { .. })),
        );
    }
    assert_eq!(slot, vec![Request::Finished, Request::Detail { id: 49 }]);
    let c = w.counts();
    assert_eq!((c.successful, c.rolled_back, c.running), (48, 1, 1));
    let succeeded = w
        .take_events()
        .iter()
        .filter(|e| matches!(e, Event::Succeeded { .. }))
        .count();
    assert_eq!(succeeded, 48);
    assert_eq!(
        Request::Finished.path(),
        "/api/v2/tasks/instances?status=SUCCESSFUL&size=500&page=1&sort=id,desc"
    );
}
