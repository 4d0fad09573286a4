//! The batch board's rows: one per primary/standby pair (or per task, from a deep link), with
//! state, current step, progress, elapsed time and the post-switchover role check.

mod export;
mod record;
mod retry;

pub use export::{rfc3339_utc, to_csv, to_json};
pub use record::{batch_record, SentPair};
pub use retry::{RetryError, RetryGuard, RetryPlan, RetryState};

use crate::i18n::{Lang, Msg};
use crate::model::{
    DerivedState, Progress, SubtaskStatus, TaskInstance, TaskStatus, Tenant, Timestamp,
};
use crate::sort;
use crate::watcher::TaskWatcher;
use serde::{Deserialize, Serialize};

/// A pair's switchover precheck.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Precheck {
    pub passed: bool,
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// One pair of a batch as the console stored it; roles are `(primary's role, standby's role)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PairRecord {
    pub primary_id: i64,
    pub primary_name: String,
    pub standby_id: i64,
    pub standby_name: String,
    pub cluster_id: i64,
    pub cluster_name: String,
    pub standby_cluster_name: String,
    pub precheck: Option<Precheck>,
    pub task_id: Option<i64>,
    pub roles_before: Option<(String, String)>,
    pub roles_after: Option<(String, String)>,
}

/// A batch started from this console, kept in local storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BatchRecord {
    pub pairs: Vec<PairRecord>,
    pub started_ms: u64,
    pub operator: Option<String>,
}

impl BatchRecord {
    /// Stores the roles read after the switchover; false when no pair matches.
    pub fn set_roles_after(
        &mut self,
        primary_id: i64,
        standby_id: i64,
        roles: (String, String),
    ) -> bool {
        let pair = self
            .pairs
            .iter_mut()
            .find(|p| p.primary_id == primary_id && p.standby_id == standby_id);
        pair.map(|p| p.roles_after = Some(roles)).is_some()
    }
}

/// One side of a pair; any part may be unknown (a deep-linked task names only its tenant).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Side {
    pub id: Option<i64>,
    pub name: Option<String>,
    pub cluster: Option<String>,
}

impl Side {
    /// `name (id)`, or whichever is known, or "Unknown".
    pub fn label(&self, lang: Lang) -> String {
        match (&self.name, self.id) {
            (Some(n), Some(id)) => format!("{n} ({id})"),
            (Some(n), None) => n.clone(),
            (None, Some(id)) => lang.fmt(Msg::TenantN, &[&id]),
            (None, None) => lang.text(Msg::Unknown).into(),
        }
    }
}

/// A row's state; `Unknown` when no task is known (not started, not read yet, or unknown status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowState {
    Failed,
    Running,
    Retrying,
    RollingBack,
    /// Gone from OCP's running/failed list; its final state is being read.
    Finishing,
    Successful,
    RolledBack,
    Unknown,
}

impl RowState {
    pub fn of(task: Option<&TaskInstance>) -> Self {
        match task.map(TaskInstance::derived_state) {
            Some(DerivedState::Failed) => RowState::Failed,
            Some(DerivedState::Running) => RowState::Running,
            Some(DerivedState::Retrying) => RowState::Retrying,
            Some(DerivedState::RollingBack) => RowState::RollingBack,
            Some(DerivedState::Successful) => RowState::Successful,
            Some(DerivedState::RolledBack) => RowState::RolledBack,
            Some(DerivedState::Other(_)) | None => RowState::Unknown,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            RowState::Failed => Msg::StFailed,
            RowState::Running => Msg::StRunning,
            RowState::Retrying => Msg::StRetrying,
            RowState::RollingBack => Msg::StRollingBack,
            RowState::Finishing => Msg::StFinishing,
            RowState::Successful => Msg::StSuccessful,
            RowState::RolledBack => Msg::StRolledBack,
            RowState::Unknown => Msg::Unknown,
        }
    }

    /// 0 failed, 1 running (retrying and rolling back too), 2 finished or unknown.
    pub fn group(self) -> u8 {
        match self {
            RowState::Failed => 0,
            RowState::Running
            | RowState::Retrying
            | RowState::RollingBack
            | RowState::Finishing => 1,
            _ => 2,
        }
    }
}

/// Which rows to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateFilter {
    Failed,
    /// Running, retrying, rolling back or finishing.
    Running,
    Successful,
    RolledBack,
    Unknown,
}

impl StateFilter {
    pub fn accepts(self, state: RowState) -> bool {
        match self {
            StateFilter::Failed => state == RowState::Failed,
            StateFilter::Running => state.group() == 1,
            StateFilter::Successful => state == RowState::Successful,
            StateFilter::RolledBack => state == RowState::RolledBack,
            StateFilter::Unknown => state == RowState::Unknown,
        }
    }
}

/// Whether the roles flipped after a successful switchover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum VerifyState {
    /// Not successful yet, or the roles have not been read since.
    NotYet,
    Swapped,
    NotSwapped,
    /// Roles this console cannot read as PRIMARY/STANDBY.
    Unknown,
}

impl VerifyState {
    pub fn label(self) -> Msg {
        match self {
            VerifyState::NotYet => Msg::BvNotYet,
            VerifyState::Swapped => Msg::BvSwapped,
            VerifyState::NotSwapped => Msg::BvNotSwapped,
            VerifyState::Unknown => Msg::Unknown,
        }
    }
}

fn is_role(role: &str, want: &str) -> bool {
    role.trim().eq_ignore_ascii_case(want)
}

/// Swapped when the primary was PRIMARY and became STANDBY while the standby went the other way.
pub fn verify(before: (&str, &str), after: (&str, &str)) -> VerifyState {
    let known = |r: &str| is_role(r, "PRIMARY") || is_role(r, "STANDBY");
    if ![before.0, before.1, after.0, after.1]
        .into_iter()
        .all(known)
        || !is_role(before.0, "PRIMARY")
        || !is_role(before.1, "STANDBY")
    {
        return VerifyState::Unknown;
    }
    if is_role(after.0, "STANDBY") && is_role(after.1, "PRIMARY") {
        VerifyState::Swapped
    } else {
        VerifyState::NotSwapped
    }
}

fn verify_pair(pair: &PairRecord, state: RowState) -> VerifyState {
    match (&pair.roles_after, state) {
        (Some(after), RowState::Successful) => {
            let (b0, b1) = pair
                .roles_before
                .as_ref()
                .map_or(("PRIMARY", "STANDBY"), |(a, b)| (a.as_str(), b.as_str()));
            verify((b0, b1), (after.0.as_str(), after.1.as_str()))
        }
        _ => VerifyState::NotYet,
    }
}

/// Pairs whose switchover succeeded and whose tenants' roles are still to be read again.
pub fn pairs_needing_verify(record: &BatchRecord, watcher: &TaskWatcher) -> Vec<(i64, i64)> {
    record
        .pairs
        .iter()
        .filter(|p| p.roles_after.is_none())
        .filter(|p| {
            let task = p.task_id.and_then(|id| watcher.task(id));
            RowState::of(task) == RowState::Successful
        })
        .map(|p| (p.primary_id, p.standby_id))
        .collect()
}

/// One row of the board.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    /// Index into the record's pairs; `None` for a row built from a task alone.
    pub pair: Option<usize>,
    pub task_id: Option<i64>,
    pub primary: Side,
    pub standby: Side,
    pub state: RowState,
    /// The first FAILED step by id, else the RUNNING one(s), else the READY one(s).
    pub step: Option<String>,
    pub progress: Progress,
    pub started: Option<Timestamp>,
    pub finished: Option<Timestamp>,
    /// From the start to the finish, or to now while unfinished.
    pub elapsed_ms: Option<u64>,
    pub verify: VerifyState,
}

/// The step an operator looks at; parallel running (or ready) steps are joined with ", ".
pub fn current_step_name(task: &TaskInstance) -> Option<String> {
    let sorted = task.sorted_subtasks();
    if let Some(s) = sorted.iter().find(|s| s.status == SubtaskStatus::Failed) {
        return Some(s.name.clone());
    }
    [SubtaskStatus::Running, SubtaskStatus::Ready]
        .iter()
        .map(|want| {
            let names: Vec<&str> = sorted
                .iter()
                .filter(|s| &s.status == want)
                .map(|s| s.name.as_str())
                .collect();
            names.join(", ")
        })
        .find(|n| !n.is_empty())
}

fn elapsed_ms(task: &TaskInstance, now_ms: u64) -> Option<u64> {
    let start = task.start_time.as_ref()?.epoch_ms?;
    let end = match task.finish_time.as_ref().and_then(|t| t.epoch_ms) {
        Some(end) => end,
        None if matches!(task.status, TaskStatus::Running | TaskStatus::Failed) => {
            i64::try_from(now_ms).ok()?
        }
        None => return None,
    };
    u64::try_from(end - start).ok()
}

fn text_at(v: &serde_json::Value, keys: &[&str]) -> Option<String> {
    let maps = [Some(v), v.get("stringMap")];
    maps.into_iter().flatten().find_map(|m| {
        keys.iter().find_map(|k| match m.get(*k)? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    })
}

/// The standby tenant a switchover task's `context` names, if it names one.
pub fn standby_from_context(task: &TaskInstance) -> Side {
    let Some(ctx) = task.context.as_ref() else {
        return Side::default();
    };
    Side {
        id: text_at(ctx, &["standbyTenantId", "standby_tenant_id"]).and_then(|s| s.parse().ok()),
        name: text_at(ctx, &["standbyTenantName", "standby_tenant_name"]),
        cluster: text_at(ctx, &["standbyClusterName", "standby_cluster_name"]),
    }
}

/// The other tenant of a switchover task's pair from OCP's tenant list, when neither a stored record
/// nor the task's `context` names it (OCP's switchover tasks do not): the one tenant naming
/// `tenant_id` as its primary, or, once the roles swapped, the primary `tenant_id` now names.
pub fn partner_from_tenants(tenant_id: i64, tenants: &[Tenant]) -> Side {
    let mut standbys = tenants
        .iter()
        .filter(|t| t.primary_tenant_id == Some(tenant_id) && t.id != tenant_id);
    let found = match (standbys.next(), standbys.next()) {
        (Some(one), None) => Some(one),
        (Some(_), Some(_)) => None,
        (None, _) => tenants
            .iter()
            .find(|t| t.id == tenant_id)
            .and_then(|t| t.primary_tenant_id)
            .and_then(|p| tenants.iter().find(|t| t.id == p)),
    };
    found.map_or_else(Side::default, |t| Side {
        id: Some(t.id),
        name: non_empty(&t.name),
        cluster: t.cluster_name.clone(),
    })
}

/// Fills the unknown standby of deep-linked rows from OCP's tenant list.
pub fn fill_standbys(rows: &mut [BoardRow], tenants: &[Tenant]) {
    for r in rows.iter_mut() {
        if r.pair.is_none() && r.standby.id.is_none() && r.standby.name.is_none() {
            if let Some(p) = r.primary.id {
                r.standby = partner_from_tenants(p, tenants);
            }
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn row(
    pair: Option<(usize, &PairRecord)>,
    task_id: Option<i64>,
    watcher: &TaskWatcher,
    now_ms: u64,
) -> BoardRow {
    let task = task_id.and_then(|id| watcher.task(id));
    let state = match task_id {
        Some(id) if watcher.awaiting_final(id) => RowState::Finishing,
        _ => RowState::of(task),
    };
    let (primary, standby) = match pair {
        Some((_, p)) => (
            Side {
                id: Some(p.primary_id),
                name: non_empty(&p.primary_name),
                cluster: non_empty(&p.cluster_name),
            },
            Side {
                id: Some(p.standby_id),
                name: non_empty(&p.standby_name),
                cluster: non_empty(&p.standby_cluster_name),
            },
        ),
        None => (
            Side {
                id: task.and_then(|t| t.tenant.as_ref().and_then(|r| r.id).or(t.tenant_id)),
                name: task.and_then(|t| t.tenant.as_ref().and_then(|r| r.name.clone())),
                cluster: task.and_then(TaskInstance::cluster_label),
            },
            task.map(standby_from_context).unwrap_or_default(),
        ),
    };
    BoardRow {
        pair: pair.map(|(i, _)| i),
        task_id,
        primary,
        standby,
        state,
        step: task.and_then(current_step_name),
        progress: task.map(TaskInstance::progress).unwrap_or_default(),
        started: task.and_then(|t| t.start_time.clone()),
        finished: task.and_then(|t| t.finish_time.clone()),
        elapsed_ms: task.and_then(|t| elapsed_ms(t, now_ms)),
        verify: pair.map_or(VerifyState::NotYet, |(_, p)| verify_pair(p, state)),
    }
}

/// The board: one row per pair of `record`, or per watched task when there is no record (a deep
/// link). The record's task ids must be watched. Failed rows first, then running, then the
/// rest; by task id within each, rows without a task last.
pub fn rows(
    record: Option<&BatchRecord>,
    watcher: &TaskWatcher,
    now_ms: u64,
    filter: Option<StateFilter>,
) -> Vec<BoardRow> {
    let mut out: Vec<BoardRow> = match record {
        Some(r) => r
            .pairs
            .iter()
            .enumerate()
            .map(|(i, p)| row(Some((i, p)), p.task_id, watcher, now_ms))
            .collect(),
        None => watcher
            .watched_ids()
            .into_iter()
            .map(|id| row(None, Some(id), watcher, now_ms))
            .collect(),
    };
    out.retain(|r| filter.is_none_or(|f| f.accepts(r.state)));
    let key = |r: &BoardRow| {
        let id = r.task_id.map_or(u64::MAX, sort::i64_key);
        [u64::from(r.state.group()), id, 0]
    };
    sort::by_key(&out, key).cloned().collect()
}

/// Rows by state, for the filter chips.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub failed: usize,
    /// Running, retrying, rolling back or finishing.
    pub running: usize,
    pub successful: usize,
    pub rolled_back: usize,
    pub unknown: usize,
}

pub fn state_counts(rows: &[BoardRow]) -> StateCounts {
    let mut c = StateCounts::default();
    for r in rows {
        match r.state {
            RowState::Failed => c.failed += 1,
            RowState::Running
            | RowState::Retrying
            | RowState::RollingBack
            | RowState::Finishing => c.running += 1,
            RowState::Successful => c.successful += 1,
            RowState::RolledBack => c.rolled_back += 1,
            RowState::Unknown => c.unknown += 1,
        }
    }
    c
}
