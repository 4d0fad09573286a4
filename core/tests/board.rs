//! The batch board: row order and counts, steps and elapsed time, deep-link rows, role checks,
//! the retry guard, and the change record's CSV and JSON.
#![cfg(not(target_arch = "wasm32"))]

use ocp_core::board::*;
use ocp_core::i18n::Lang;
use ocp_core::model::*;
use ocp_core::watcher::TaskWatcher;
use proptest::prelude::*;

const START: &str = "2024-07-23T17:38:34.021+08:00";

fn sub(id: i64, name: &str, status: SubtaskStatus) -> Subtask {
    Subtask {
        id,
        name: name.into(),
        status,
        ..Default::default()
    }
}

fn task(id: i64, status: TaskStatus, op: Operation, subs: Vec<Subtask>) -> TaskInstance {
    TaskInstance {
        id,
        name: "Switchover tenant".into(),
        status,
        operation: Some(op),
        start_time: Some(Timestamp::parse(START)),
        subtasks: subs,
        ..Default::default()
    }
}

fn pair(n: i64, task_id: Option<i64>) -> PairRecord {
    PairRecord {
        primary_id: n,
        primary_name: format!("p{n}"),
        standby_id: n + 100,
        standby_name: format!("s{n}"),
        cluster_id: 1,
        cluster_name: "c1".into(),
        standby_cluster_name: "c2".into(),
        precheck: Some(Precheck {
            passed: task_id.is_some(),
            reasons: if task_id.is_some() {
                vec![]
            } else {
                vec!["standby lags".into()]
            },
        }),
        task_id,
        ..Default::default()
    }
}

/// Six pairs: failed 30, running 10, retrying 50, successful 20, rolled back 40, and one
/// whose precheck failed so it has no task.
fn board() -> (BatchRecord, TaskWatcher) {
    use SubtaskStatus::*;
    let tasks = vec![
        task(
            30,
            TaskStatus::Failed,
            Operation::Execute,
            vec![sub(2, "b", Failed), sub(1, "a", Successful)],
        ),
        task(
            10,
            TaskStatus::Running,
            Operation::Execute,
            vec![sub(1, "a", Successful), sub(2, "b", Running)],
        ),
        task(
            50,
            TaskStatus::Running,
            Operation::Retry,
            vec![sub(1, "a", Running), sub(2, "b", Pending)],
        ),
        task(
            20,
            TaskStatus::Successful,
            Operation::Execute,
            vec![sub(1, "a", Successful)],
        ),
        task(
            40,
            TaskStatus::Successful,
            Operation::Rollback,
            vec![sub(1, "a", Pending)],
        ),
    ];
    let mut w = TaskWatcher::new(1_000);
    let record = BatchRecord {
        pairs: [30, 10, 50, 20, 40]
            .iter()
            .enumerate()
            .map(|(i, id)| pair(i as i64 + 1, Some(*id)))
            .chain([pair(9, None)])
            .collect(),
        started_ms: 1_629_875_371_000,
        operator: Some("Ops, \"DR\" team".into()),
    };
    for t in tasks {
        w.watch(t.id);
        w.apply_detail(t, 0);
    }
    (record, w)
}

#[test]
fn failed_first_then_running_then_finished_by_task_id() {
    let (record, w) = board();
    let r = rows(Some(&record), &w, 0, None);
    let order: Vec<(Option<i64>, RowState)> = r.iter().map(|r| (r.task_id, r.state)).collect();
    assert_eq!(
        order,
        vec![
            (Some(30), RowState::Failed),
            (Some(10), RowState::Running),
            (Some(50), RowState::Retrying),
            (Some(20), RowState::Successful),
            (Some(40), RowState::RolledBack),
            (None, RowState::Unknown),
        ]
    );
    assert_eq!(
        state_counts(&r),
        StateCounts {
            failed: 1,
            running: 2,
            successful: 1,
            rolled_back: 1,
            unknown: 1
        }
    );
    let running = rows(Some(&record), &w, 0, Some(StateFilter::Running));
    let ids: Vec<Option<i64>> = running.iter().map(|r| r.task_id).collect();
    assert_eq!(ids, vec![Some(10), Some(50)]);
    assert_eq!(r[0].primary.name.as_deref(), Some("p1"));
    assert_eq!(r[0].standby.id, Some(101));
}

#[test]
fn step_progress_and_elapsed() {
    let (record, w) = board();
    let start = Timestamp::parse(START).epoch_ms.unwrap() as u64;
    let r = rows(Some(&record), &w, start + 5_000, None);
    let by = |id: i64| r.iter().find(|r| r.task_id == Some(id)).unwrap();
    assert_eq!(by(30).step.as_deref(), Some("b"));
    assert_eq!(by(10).step.as_deref(), Some("b"));
    assert_eq!(by(20).step, None);
    assert_eq!((by(10).progress.done, by(10).progress.total), (1, 2));
    assert_eq!(by(10).elapsed_ms, Some(5_000));
    assert_eq!(by(20).elapsed_ms, None);

    let mut t = w.task(20).unwrap().clone();
    t.finish_time = Some(Timestamp::parse("2024-07-23T09:40:04.521Z"));
    let mut w = w;
    w.apply_detail(t, 1);
    let r = rows(
        Some(&record),
        &w,
        start + 999_999,
        Some(StateFilter::Successful),
    );
    assert_eq!(r[0].elapsed_ms, Some(90_500));
}

#[test]
fn parallel_running_steps_are_joined_and_ready_comes_last() {
    use SubtaskStatus::*;
    let t = task(
        1,
        TaskStatus::Running,
        Operation::Execute,
        vec![
            sub(3, "z", Running),
            sub(2, "y", Running),
            sub(1, "x", Ready),
        ],
    );
    assert_eq!(current_step_name(&t).as_deref(), Some("y, z"));
    let t = task(
        1,
        TaskStatus::Running,
        Operation::Execute,
        vec![sub(3, "z", Ready), sub(2, "y", Successful)],
    );
    assert_eq!(current_step_name(&t).as_deref(), Some("z"));
}

#[test]
fn a_deep_link_builds_rows_from_the_tasks() {
    let mut w = TaskWatcher::new(1_000);
    let mut t = task(7, TaskStatus::Running, Operation::Execute, vec![]);
    t.tenant = Some(NamedRef {
        id: Some(5),
        name: Some("t1".into()),
        ..Default::default()
    });
    t.context = Some(serde_json::json!({
        "stringMap": {"standby_tenant_id": "6", "standby_tenant_name": "t1_sb"}
    }));
    let bare = task(8, TaskStatus::Failed, Operation::Execute, vec![]);
    w.watch_many(&[7, 8, 9]);
    w.apply_detail(t, 0);
    w.apply_detail(bare, 0);
    let r = rows(None, &w, 0, None);
    let ids: Vec<Option<i64>> = r.iter().map(|r| r.task_id).collect();
    assert_eq!(ids, vec![Some(8), Some(7), Some(9)]);
    assert_eq!(r[1].primary.label(Lang::En), "t1 (5)");
    assert_eq!(
        (r[1].standby.id, r[1].standby.name.as_deref()),
        (Some(6), Some("t1_sb"))
    );
    assert_eq!(r[0].standby.label(Lang::En), "Unknown");
    assert_eq!(r[2].state, RowState::Unknown);
}

fn tenant(id: i64, name: &str, cluster: &str, primary: Option<i64>) -> Tenant {
    Tenant {
        id,
        name: name.into(),
        cluster_name: Some(cluster.into()),
        primary_tenant_id: primary,
        ..Default::default()
    }
}

#[test]
fn a_deep_link_reads_the_standby_from_the_tenant_list() {
    let mut w = TaskWatcher::new(1_000);
    let named = |id: i64, tenant: i64| {
        let mut t = task(id, TaskStatus::Running, Operation::Execute, vec![]);
        t.tenant = Some(NamedRef {
            id: Some(tenant),
            name: Some(format!("t{tenant}")),
            ..Default::default()
        });
        t
    };
    w.watch_many(&[1, 2, 3]);
    w.apply_detail(named(1, 10), 0);
    w.apply_detail(named(2, 20), 0);
    w.apply_detail(named(3, 30), 0);
    let tenants = vec![
        // 10's standby still names it.
        tenant(10, "p10", "primary", None),
        tenant(11, "s10", "dr", Some(10)),
        // 20 and 21 already swapped: 20 is the standby of 21 now.
        tenant(20, "p20", "primary", Some(21)),
        tenant(21, "s20", "dr", None),
        // 30 has two standbys: no guess.
        tenant(31, "a", "dr", Some(30)),
        tenant(32, "b", "dr", Some(30)),
    ];
    let mut r = rows(None, &w, 0, None);
    assert!(r.iter().all(|r| r.standby.label(Lang::En) == "Unknown"));
    fill_standbys(&mut r, &tenants);
    let standby = |task: i64| {
        r.iter()
            .find(|r| r.task_id == Some(task))
            .map(|r| (r.standby.label(Lang::En), r.standby.cluster.clone()))
            .unwrap()
    };
    assert_eq!(standby(1), ("s10 (11)".into(), Some("dr".into())));
    assert_eq!(standby(2), ("s20 (21)".into(), Some("dr".into())));
    assert_eq!(standby(3).0, "Unknown");
}

#[test]
fn roles_verify() {
    let cases = [
        (
            ("PRIMARY", "STANDBY"),
            ("STANDBY", "PRIMARY"),
            VerifyState::Swapped,
        ),
        (
            ("primary", "standby"),
            ("standby", "primary"),
            VerifyState::Swapped,
        ),
        (
            ("PRIMARY", "STANDBY"),
            ("PRIMARY", "STANDBY"),
            VerifyState::NotSwapped,
        ),
        (
            ("PRIMARY", "STANDBY"),
            ("PRIMARY", "PRIMARY"),
            VerifyState::NotSwapped,
        ),
        (
            ("PRIMARY", "STANDBY"),
            ("", "PRIMARY"),
            VerifyState::Unknown,
        ),
        (
            ("STANDBY", "STANDBY"),
            ("STANDBY", "PRIMARY"),
            VerifyState::Unknown,
        ),
    ];
    for (before, after, want) in cases {
        assert_eq!(verify(before, after), want, "{before:?} -> {after:?}");
    }
}

#[test]
fn successful_pairs_wait_for_a_role_check() {
    let (mut record, w) = board();
    assert_eq!(pairs_needing_verify(&record, &w), vec![(4, 104)]);
    assert!(record.set_roles_after(4, 104, ("STANDBY".into(), "PRIMARY".into())));
    assert!(!record.set_roles_after(4, 999, ("STANDBY".into(), "PRIMARY".into())));
    assert!(pairs_needing_verify(&record, &w).is_empty());
    let r = rows(Some(&record), &w, 0, None);
    let verified: Vec<(Option<i64>, VerifyState)> = r
        .iter()
        .filter(|r| r.verify != VerifyState::NotYet)
        .map(|r| (r.task_id, r.verify))
        .collect();
    assert_eq!(verified, vec![(Some(20), VerifyState::Swapped)]);
}

#[test]
fn the_record_survives_local_storage() {
    let (record, _) = board();
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains("\"primaryId\":1"));
    assert!(json.contains("\"startedMs\":1629875371000"));
    assert_eq!(serde_json::from_str::<BatchRecord>(&json).unwrap(), record);
    let sparse: BatchRecord = serde_json::from_str(
        r#"{"pairs":[{"primaryId":3,"standbyId":4,"rolesAfter":["STANDBY","PRIMARY"]}]}"#,
    )
    .unwrap();
    assert_eq!(
        sparse.pairs[0].roles_after,
        Some(("STANDBY".into(), "PRIMARY".into()))
    );
    assert_eq!(sparse.pairs[0].task_id, None);
}

#[test]
fn retry_plan_takes_failed_rows_and_their_common_step() {
    let (record, mut w) = board();
    let plan = RetryPlan::from_rows(&rows(Some(&record), &w, 0, None));
    assert_eq!(plan.task_ids, vec![30]);
    assert_eq!(plan.common_step.as_deref(), Some("b"));
    let mut other = w.task(10).unwrap().clone();
    other.status = TaskStatus::Failed;
    other.subtasks[0].status = SubtaskStatus::Failed;
    w.apply_detail(other, 1);
    let plan = RetryPlan::from_rows(&rows(Some(&record), &w, 0, None));
    assert_eq!(plan.task_ids, vec![10, 30]);
    assert_eq!(plan.common_step, None);
}

#[test]
fn a_refused_retry_keeps_ocps_words_and_may_be_tried_again() {
    let mut g = RetryGuard::default();
    assert_eq!(g.begin(&[1, 2, 2]), vec![1, 2]);
    let refusal = RetryError {
        code: Some(20003),
        message: "Task state forbids retry".into(),
        trace_id: Some("1d576119daa4860a".into()),
    };
    g.finish(1, Err(refusal.clone()));
    g.finish(2, Ok(()));
    assert_eq!(g.state(1), Some(&RetryState::Refused(refusal)));
    assert_eq!(
        match g.state(1) {
            Some(RetryState::Refused(e)) => e.text(),
            _ => String::new(),
        },
        "20003: Task state forbids retry (traceId 1d576119daa4860a)"
    );
    assert_eq!(g.begin(&[1, 2]), vec![1]);
    g.observe(2, RowState::Failed);
    assert_eq!(g.begin(&[2]), Vec::<i64>::new());
    g.observe(2, RowState::Retrying);
    g.observe(2, RowState::Failed);
    assert_eq!(g.begin(&[2]), vec![2]);
}

proptest! {
    #[test]
    fn the_guard_never_hands_out_an_id_twice(
        clicks in proptest::collection::vec(proptest::collection::vec(0i64..8, 0..8), 1..20),
        done in proptest::collection::vec(0i64..8, 0..8),
    ) {
        let mut g = RetryGuard::default();
        let mut sent = Vec::new();
        for (i, ids) in clicks.iter().enumerate() {
            sent.extend(g.begin(ids));
            if let Some(id) = done.get(i) {
                g.finish(*id, Ok(()));
                g.observe(*id, RowState::Failed);
            }
        }
        let mut unique = sent.clone();
        unique.sort_unstable();
        unique.dedup();
        prop_assert_eq!(unique.len(), sent.len());
    }

    #[test]
    fn utc_text_reads_back(ms in 0u64..8_000_000_000_000) {
        prop_assert_eq!(Timestamp::parse(&rfc3339_utc(ms)).epoch_ms, Some(ms as i64));
    }
}

#[test]
fn utc_text_for_a_known_instant() {
    assert_eq!(rfc3339_utc(1_629_875_371_741), "2021-08-25T07:09:31.741Z");
    assert_eq!(rfc3339_utc(1_709_164_800_000), "2024-02-29T00:00:00.000Z");
}

/// RFC 4180 reader, for the round trip.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_quotes_what_needs_quoting_and_reads_back() {
    let (mut record, w) = board();
    record.pairs[0].primary_name = "tenant, \"a\"\nline two".into();
    record.pairs[5].precheck = Some(Precheck {
        passed: false,
        reasons: vec!["lag, 30 s".into(), "log \"gap\"".into()],
    });
    let r = rows(Some(&record), &w, 0, None);
    let csv = to_csv(Some(&record), &r);
    assert!(csv.contains("\"tenant, \"\"a\"\"\nline two\""));
    assert!(csv.starts_with("operator,batch_started,"));
    let table = read_csv(&csv);
    assert_eq!(table.len(), r.len() + 1);
    assert!(table.iter().all(|l| l.len() == table[0].len()));
    let col = |name: &str| table[0].iter().position(|h| h == name).unwrap();
    let first = &table[1];
    assert_eq!(first[col("primary_name")], record.pairs[0].primary_name);
    assert_eq!(first[col("operator")], "Ops, \"DR\" team");
    assert_eq!(first[col("task_id")], "30");
    assert_eq!(first[col("outcome")], "Failed");
    assert_eq!(first[col("start_time")], START);
    let last = &table[6];
    assert_eq!(last[col("task_id")], "");
    assert_eq!(last[col("precheck")], "failed");
    assert_eq!(last[col("precheck_reasons")], "lag, 30 s; log \"gap\"");

    let anonymous = to_csv(None, &rows(None, &w, 0, None));
    let table = read_csv(&anonymous);
    assert!(table.iter().all(|l| l.len() == table[0].len()));
    assert_eq!(table[1][0], "");
}

#[test]
fn json_change_record() {
    let (record, w) = board();
    let r = rows(Some(&record), &w, 0, None);
    let v: serde_json::Value = serde_json::from_str(&to_json(Some(&record), &r)).unwrap();
    assert_eq!(v["operator"], "Ops, \"DR\" team");
    assert_eq!(v["startedAt"], "2021-08-25T07:09:31.000Z");
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6);
    assert_eq!(pairs[0]["taskId"], 30);
    assert_eq!(pairs[0]["precheck"]["passed"], true);
    assert_eq!(pairs[0]["primary"]["name"], "p1");
    assert_eq!(pairs[4]["outcome"], "Rolled back");
    assert_eq!(pairs[5]["taskId"], serde_json::Value::Null);
    assert_eq!(pairs[5]["precheck"]["reasons"][0], "standby lags");
}

#[test]
fn a_task_gone_from_the_list_is_finishing_until_read() {
    let mut w = TaskWatcher::new(1_000);
    w.watch(5);
    let running = task(5, TaskStatus::Running, Operation::Execute, vec![]);
    assert_eq!(
        w.next_requests(0),
        vec![ocp_core::watcher::Request::List { page: 1 }]
    );
    let page = |contents| Page {
        contents,
        page: None,
    };
    w.apply_list(1, &page(vec![running]), 0);
    assert_eq!(rows(None, &w, 0, None)[0].state, RowState::Running);
    assert_eq!(
        w.next_requests(1_000),
        vec![ocp_core::watcher::Request::List { page: 1 }]
    );
    w.apply_list(1, &page(vec![]), 1_000);
    let r = rows(None, &w, 1_000, Some(StateFilter::Running));
    assert_eq!((r[0].task_id, r[0].state), (Some(5), RowState::Finishing));
    w.apply_detail(
        task(5, TaskStatus::Successful, Operation::Execute, vec![]),
        2_000,
    );
    assert_eq!(rows(None, &w, 2_000, None)[0].state, RowState::Successful);
}

#[test]
fn a_pair_without_names_reads_as_ids() {
    let record = BatchRecord {
        pairs: vec![PairRecord {
            primary_id: 3,
            standby_id: 4,
            ..Default::default()
        }],
        ..Default::default()
    };
    let r = rows(Some(&record), &TaskWatcher::new(1_000), 0, None);
    assert_eq!(
        (r[0].primary.label(Lang::En), r[0].standby.label(Lang::Zh)),
        ("tenant 3".to_string(), "租户 4".to_string())
    );
    assert_eq!(r[0].state, RowState::Unknown);
}
