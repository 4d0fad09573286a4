//! The task watcher against a small stand-in for OCP's task centre: request order, paging,
//! the request budget, merging, revisions and events.
#![cfg(not(target_arch = "wasm32"))]

use ocp_core::model::*;
use ocp_core::watcher::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn make_task(id: i64, steps: i64) -> TaskInstance {
    let subtasks = (0..steps)
        .map(|k| Subtask {
            id: id * 100 + k,
            name: format!("step {k}"),
            status: if k == 0 {
                SubtaskStatus::Running
            } else {
                SubtaskStatus::Pending
            },
            operation: Some(Operation::Execute),
            run_time: Some(1),
            upstreams: if k == 0 {
                vec![]
            } else {
                vec![id * 100 + k - 1]
            },
            downstreams: if k + 1 == steps {
                vec![]
            } else {
                vec![id * 100 + k + 1]
            },
            start_time: Some(Timestamp::parse("2024-07-23T17:38:34.021+08:00")),
            ..Default::default()
        })
        .collect();
    TaskInstance {
        id,
        name: format!("Switchover {id}"),
        status: TaskStatus::Running,
        operation: Some(Operation::Execute),
        start_time: Some(Timestamp::parse("2024-07-23T17:38:34.021+08:00")),
        subtasks,
        ..Default::default()
    }
}

/// Finishes the running subtask and starts the next; the task succeeds after the last.
fn advance(t: &mut TaskInstance) {
    let running = t
        .subtasks
        .iter()
        .position(|s| s.status == SubtaskStatus::Running);
    if let Some(i) = running {
        t.subtasks[i].status = SubtaskStatus::Successful;
        match t.subtasks.get_mut(i + 1) {
            Some(next) => next.status = SubtaskStatus::Running,
            None => t.status = TaskStatus::Successful,
        }
    }
}

fn fail(t: &mut TaskInstance) {
    if let Some(s) = t
        .subtasks
        .iter_mut()
        .find(|s| s.status == SubtaskStatus::Running)
    {
        s.status = SubtaskStatus::Failed;
    }
    t.status = TaskStatus::Failed;
}

/// A rollback's end: SUCCESSFUL with operation ROLLBACK, the rolled-back steps PENDING.
fn roll_back(t: &mut TaskInstance) {
    for s in t.subtasks.iter_mut() {
        s.status = SubtaskStatus::Pending;
        s.operation = Some(Operation::Rollback);
    }
    t.status = TaskStatus::Successful;
    t.operation = Some(Operation::Rollback);
}

fn finish(t: &mut TaskInstance) {
    for s in t.subtasks.iter_mut() {
        s.status = SubtaskStatus::Successful;
    }
    t.status = TaskStatus::Successful;
}

/// OCP's task centre: the list sends statuses only, sorted by id descending, `page_size` a page.
struct Ocp {
    tasks: BTreeMap<i64, TaskInstance>,
    page_size: usize,
}

impl Ocp {
    fn new(tasks: Vec<TaskInstance>) -> Self {
        Ocp {
            tasks: tasks.into_iter().map(|t| (t.id, t)).collect(),
            page_size: 2000,
        }
    }

    fn list(&self, page: u32) -> Page<TaskInstance> {
        self.query(page, self.page_size, |s| {
            matches!(s, TaskStatus::Running | TaskStatus::Failed)
        })
    }

    fn finished(&self) -> Page<TaskInstance> {
        self.query(1, FINISHED_PAGE_SIZE as usize, |s| {
            s == &TaskStatus::Successful
        })
    }

    fn query(&self, page: u32, size: usize, want: fn(&TaskStatus) -> bool) -> Page<TaskInstance> {
        let open: Vec<&TaskInstance> = self
            .tasks
            .values()
            .rev()
            .filter(|t| want(&t.status))
            .collect();
        let total_pages = open.len().div_ceil(size).max(1) as u64;
        let contents = open
            .iter()
            .skip((page as usize - 1) * size)
            .take(size)
            .map(|t| TaskInstance {
                id: t.id,
                name: t.name.clone(),
                status: t.status.clone(),
                start_time: t.start_time.clone(),
                subtasks: t
                    .subtasks
                    .iter()
                    .map(|s| Subtask {
                        id: s.id,
                        name: s.name.clone(),
                        status: s.status.clone(),
                        operation: s.operation.clone(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            })
            .collect();
        Page {
            contents,
            page: Some(PageInfo {
                total_elements: open.len() as u64,
                total_pages,
                number: u64::from(page),
                size: size as u64,
            }),
        }
    }

    /// One interval of the driver: sends what the watcher asks, answers, follows further pages.
    fn tick(&self, w: &mut TaskWatcher, now_ms: u64) -> Vec<Request> {
        let mut all = Vec::new();
        let mut reqs = w.next_requests(now_ms);
        while !reqs.is_empty() {
            for r in &reqs {
                match r {
                    Request::List { page } => w.apply_list(*page, &self.list(*page), now_ms),
                    Request::Detail { id } => match self.tasks.get(id) {
                        Some(t) => w.apply_detail(t.clone(), now_ms),
                        None => w.apply_error(r),
                    },
                    Request::Finished => w.apply_finished(&self.finished()),
                }
            }
            all.extend(reqs);
            reqs = if w.more_pages() {
                w.next_requests(now_ms)
            } else {
                Vec::new()
            };
        }
        all
    }
}

fn details(reqs: &[Request]) -> Vec<i64> {
    reqs.iter()
        .filter_map(|r| match r {
            Request::Detail { id } => Some(*id),
            _ => None,
        })
        .collect()
}

fn lists(reqs: &[Request]) -> usize {
    reqs.iter()
        .filter(|r| matches!(r, Request::List { .. }))
        .count()
}

#[test]
fn list_query_is_the_global_running_failed_query() {
    let r = Request::List { page: 3 };
    assert_eq!(
        r.path(),
        "/api/v2/tasks/instances?status=RUNNING,FAILED&size=2000&page=3&sort=id,desc"
    );
    assert_eq!(Request::Detail { id: 42 }.query(), None);
    assert_eq!(
        Request::Detail { id: 42 }.path(),
        "/api/v2/tasks/instances/42"
    );
}

#[test]
fn details_go_selected_then_left_then_unseen_then_reshaped() {
    let mut t2 = make_task(2, 3);
    roll_back(&mut t2);
    let mut ocp = Ocp::new(vec![make_task(1, 3), t2, make_task(3, 2), make_task(5, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch_many(&[1, 2, 3]);
    w.apply_detail(ocp.tasks[&3].clone(), 0);
    let first = ocp.tick(&mut w, 0);
    assert_eq!((lists(&first), details(&first).len()), (1, 0));

    roll_back(ocp.tasks.get_mut(&1).unwrap());
    let t3 = ocp.tasks.get_mut(&3).unwrap();
    t3.subtasks.push(Subtask {
        id: 399,
        name: "added".into(),
        status: SubtaskStatus::Ready,
        run_time: Some(1),
        ..Default::default()
    });
    w.select(Some(5));
    let mut order = Vec::new();
    for i in 1..=7 {
        let reqs = ocp.tick(&mut w, i * 1_000);
        assert_eq!(lists(&reqs), 1);
        let slot: Vec<&Request> = reqs
            .iter()
            .filter(|r| !matches!(r, Request::List { .. }))
            .collect();
        assert!(slot.len() <= 1);
        order.extend(slot.into_iter().cloned());
    }
    let detail = |id| Request::Detail { id };
    assert_eq!(
        order,
        vec![
            detail(5),
            Request::Finished,
            detail(1),
            detail(2),
            detail(3)
        ]
    );
    assert_eq!(w.task(1).unwrap().derived_state(), DerivedState::RolledBack);
    assert_eq!(w.task(2).unwrap().derived_state(), DerivedState::RolledBack);
    let t3 = w.task(3).unwrap();
    assert_eq!(t3.subtasks.len(), 3);
    assert!(t3.subtasks.iter().all(|s| s.run_time == Some(1)));
}

#[test]
fn a_task_leaving_the_list_is_read_once() {
    let mut ocp = Ocp::new((1..=3).map(|id| make_task(id, 3)).collect());
    let mut w = TaskWatcher::new(1_000);
    w.watch_many(&[1, 2, 3]);
    let mut reads = Vec::new();
    for i in 0..30u64 {
        if i == 5 {
            finish(ocp.tasks.get_mut(&2).unwrap());
        }
        reads.extend(details(&ocp.tick(&mut w, i * 1_000)));
    }
    assert_eq!(reads, vec![2]);
    assert_eq!(w.task(2).unwrap().status, TaskStatus::Successful);
    let ev = w.take_events();
    assert_eq!(ev, vec![Event::Succeeded { id: 2 }]);
    assert!(w.take_events().is_empty());
}

#[test]
fn further_pages_come_in_the_same_cycle_and_absence_waits_for_the_last() {
    let mut ocp = Ocp::new((1..=5).map(|id| make_task(id, 2)).collect());
    ocp.page_size = 2;
    let mut w = TaskWatcher::new(1_000);
    w.watch(1);
    let reqs = ocp.tick(&mut w, 0);
    assert_eq!(
        reqs,
        vec![
            Request::List { page: 1 },
            Request::List { page: 2 },
            Request::List { page: 3 }
        ]
    );
    assert_eq!(w.task(1).unwrap().status, TaskStatus::Running);
    assert_eq!(w.indicator().running, 5);

    finish(ocp.tasks.get_mut(&1).unwrap());
    assert_eq!(w.next_requests(1_000), vec![Request::List { page: 1 }]);
    w.apply_list(1, &ocp.list(1), 1_000);
    assert!(!w.awaiting_final(1));
    assert!(w.more_pages());
    assert_eq!(w.next_requests(1_000), vec![Request::List { page: 2 }]);
    w.apply_list(2, &ocp.list(2), 1_000);
    assert!(!w.more_pages());
    assert!(w.awaiting_final(1));
    assert_eq!(w.indicator().running, 4);
}

#[test]
fn a_failed_page_concludes_nothing() {
    let mut ocp = Ocp::new((1..=3).map(|id| make_task(id, 2)).collect());
    ocp.page_size = 2;
    let mut w = TaskWatcher::new(1_000);
    w.watch(1);
    ocp.tick(&mut w, 0);
    finish(ocp.tasks.get_mut(&1).unwrap());
    ocp.tasks.insert(4, make_task(4, 2));
    w.next_requests(1_000);
    w.apply_list(1, &ocp.list(1), 1_000);
    w.next_requests(1_000);
    w.apply_error(&Request::List { page: 2 });
    assert!(!w.awaiting_final(1));
    assert_eq!(w.next_requests(1_500), vec![]);
    assert_eq!(w.next_requests(2_000), vec![Request::List { page: 1 }]);
}

#[test]
fn a_task_created_after_the_list_was_read_is_not_taken_as_finished() {
    let ocp = Ocp::new(vec![make_task(1, 2)]);
    let mut w = TaskWatcher::new(1_000);
    w.set_indicator(true);
    assert_eq!(w.next_requests(0), vec![Request::List { page: 1 }]);
    w.watch(9);
    w.apply_list(1, &ocp.list(1), 0);
    assert!(!w.awaiting_final(9));
    assert_eq!(w.detail_candidate(0), None);
    w.apply_list(1, &ocp.list(1), 1_000);
    assert_eq!(w.next_requests(1_000), vec![Request::List { page: 1 }]);
    w.apply_list(1, &ocp.list(1), 1_000);
    assert_eq!(w.detail_candidate(1_000), Some(9));
}

#[test]
fn a_detail_newer_than_the_list_wins() {
    let mut ocp = Ocp::new(vec![make_task(4, 2), make_task(6, 2)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch_many(&[4, 6]);
    ocp.tick(&mut w, 0);
    let stale = ocp.list(1);
    assert_eq!(w.next_requests(1_000), vec![Request::List { page: 1 }]);
    finish(ocp.tasks.get_mut(&4).unwrap());
    w.apply_detail(ocp.tasks[&4].clone(), 1_100);
    w.apply_list(1, &stale, 1_200);
    assert_eq!(w.task(4).unwrap().status, TaskStatus::Successful);
    assert_eq!(w.take_events(), vec![Event::Succeeded { id: 4 }]);

    let without_six = ocp.list(1);
    assert_eq!(w.next_requests(2_000), vec![Request::List { page: 1 }]);
    w.apply_detail(ocp.tasks[&6].clone(), 2_100);
    let mut gone = without_six.clone();
    gone.contents.retain(|t| t.id != 6);
    w.apply_list(1, &gone, 2_200);
    assert!(!w.awaiting_final(6));

    let before = ocp.list(1);
    assert_eq!(w.next_requests(3_000), vec![Request::List { page: 1 }]);
    advance(ocp.tasks.get_mut(&6).unwrap());
    w.apply_detail(ocp.tasks[&6].clone(), 3_100);
    w.apply_list(1, &before, 3_200);
    let six = w.task(6).unwrap();
    assert_eq!(six.subtasks[0].status, SubtaskStatus::Successful);
    assert_eq!(six.subtasks[1].status, SubtaskStatus::Running);
}

#[test]
fn the_list_updates_statuses_and_keeps_detail_edges() {
    let mut ocp = Ocp::new(vec![make_task(7, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch(7);
    w.apply_detail(ocp.tasks[&7].clone(), 0);
    advance(ocp.tasks.get_mut(&7).unwrap());
    let reqs = ocp.tick(&mut w, 1_000);
    assert!(details(&reqs).is_empty());
    let t = w.task(7).unwrap();
    let by_id = |id: i64| t.subtasks.iter().find(|s| s.id == id).unwrap();
    assert_eq!(by_id(700).status, SubtaskStatus::Successful);
    assert_eq!(by_id(701).status, SubtaskStatus::Running);
    assert_eq!(by_id(701).upstreams, vec![700]);
    assert_eq!(by_id(700).downstreams, vec![701]);
    assert!(by_id(702).start_time.is_some());
    assert_eq!(t.operation, Some(Operation::Execute));
}

#[test]
fn revision_moves_only_on_change() {
    let mut ocp = Ocp::new(vec![make_task(1, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch(1);
    ocp.tick(&mut w, 0);
    let r0 = w.revision();
    for i in 1..5 {
        ocp.tick(&mut w, i * 1_000);
    }
    assert_eq!(w.revision(), r0);
    advance(ocp.tasks.get_mut(&1).unwrap());
    ocp.tick(&mut w, 5_000);
    let r1 = w.revision();
    assert!(r1 > r0);
    ocp.tick(&mut w, 6_000);
    assert_eq!(w.revision(), r1);
    ocp.tasks.insert(50, make_task(50, 1));
    ocp.tick(&mut w, 7_000);
    assert!(w.revision() > r1);
    assert_eq!(
        w.indicator(),
        Indicator {
            running: 2,
            failed: 0
        }
    );
    assert_eq!(w.counts().running, 1);
}

#[test]
fn failure_retry_and_success_are_events() {
    let mut ocp = Ocp::new(vec![make_task(1, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch(1);
    ocp.tick(&mut w, 0);
    advance(ocp.tasks.get_mut(&1).unwrap());
    fail(ocp.tasks.get_mut(&1).unwrap());
    ocp.tick(&mut w, 1_000);
    assert_eq!(w.counts().failed, 1);
    assert_eq!(w.indicator().failed, 1);
    let t = ocp.tasks.get_mut(&1).unwrap();
    t.status = TaskStatus::Running;
    t.subtasks[1].status = SubtaskStatus::Running;
    t.subtasks[1].operation = Some(Operation::Retry);
    ocp.tick(&mut w, 2_000);
    assert_eq!(w.task(1).unwrap().derived_state(), DerivedState::Retrying);
    finish(ocp.tasks.get_mut(&1).unwrap());
    for i in 3..6 {
        ocp.tick(&mut w, i * 1_000);
    }
    assert_eq!(
        w.take_events(),
        vec![
            Event::Failed {
                id: 1,
                step_name: Some("step 1".into())
            },
            Event::Succeeded { id: 1 }
        ]
    );
    assert!(w.all_finished());
}

#[test]
fn a_rolled_back_task_is_not_a_success() {
    let mut ocp = Ocp::new(vec![make_task(1, 2), make_task(2, 2)]);
    let mut w = TaskWatcher::new(1_000);
    w.watch_many(&[1, 2]);
    ocp.tick(&mut w, 0);
    let t = ocp.tasks.get_mut(&1).unwrap();
    fail(t);
    ocp.tick(&mut w, 1_000);
    let t = ocp.tasks.get_mut(&1).unwrap();
    t.status = TaskStatus::Running;
    t.subtasks[0].status = SubtaskStatus::Running;
    t.subtasks[0].operation = Some(Operation::Rollback);
    ocp.tick(&mut w, 2_000);
    assert_eq!(
        w.task(1).unwrap().derived_state(),
        DerivedState::RollingBack
    );
    let t = ocp.tasks.get_mut(&1).unwrap();
    t.status = TaskStatus::Successful;
    t.operation = Some(Operation::Rollback);
    t.subtasks[0].status = SubtaskStatus::Pending;
    finish(ocp.tasks.get_mut(&2).unwrap());
    for i in 3..8 {
        ocp.tick(&mut w, i * 1_000);
    }
    let c = w.counts();
    assert_eq!((c.rolled_back, c.successful, c.running), (1, 1, 0));
    let ev = w.take_events();
    assert!(ev.contains(&Event::RolledBack { id: 1 }));
    assert!(!ev.contains(&Event::Succeeded { id: 1 }));
}

#[test]
fn no_list_without_an_open_task_unless_the_indicator_is_on() {
    let mut t = make_task(1, 1);
    finish(&mut t);
    let mut w = TaskWatcher::new(1_000);
    w.watch(1);
    w.apply_detail(t, 0);
    assert_eq!(w.next_requests(1_000), vec![]);
    w.set_indicator(true);
    assert_eq!(w.next_requests(2_000), vec![Request::List { page: 1 }]);
}

#[test]
fn a_selected_running_task_is_refreshed_on_its_own_cadence() {
    let ocp = Ocp::new(vec![make_task(1, 3)]);
    let mut w = TaskWatcher::new(1_000);
    w.select(Some(1));
    let mut reads = Vec::new();
    for i in 0..25u64 {
        for id in details(&ocp.tick(&mut w, i * 1_000)) {
            reads.push((id, i * 1_000));
        }
    }
    let every = SELECTED_REFRESH_MS;
    assert_eq!(reads, vec![(1, 0), (1, every), (1, 2 * every)]);
    assert_eq!(w.counts(), Counts::default());
}

mod budget;
