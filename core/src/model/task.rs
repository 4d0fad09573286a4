//! Task instances and their subtasks, with the states the console derives from them.

use super::{Operation, SubtaskStatus, TaskStatus, TenantMode, Timestamp};
use crate::i18n::{Lang, Msg};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `creator` is a string in operation responses and `{id, name}` in the task centre.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Creator {
    Name(String),
    User {
        id: Option<i64>,
        name: Option<String>,
    },
}

/// By hand rather than `untagged`: serde's untagged enums buffer the value in its `Content`
/// machinery, a few KB of wasm for two variants.
impl<'de> Deserialize<'de> for Creator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameOrUser;
        impl<'de> Visitor<'de> for NameOrUser {
            type Value = Creator;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or {id, name}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Creator, E> {
                Ok(Creator::Name(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Creator, A::Error> {
                let (mut id, mut name) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = map.next_value()?,
                        "name" => name = map.next_value()?,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Creator::User { id, name })
            }
        }
        d.deserialize_any(NameOrUser)
    }
}

impl Creator {
    pub fn name(&self) -> String {
        match self {
            Creator::Name(n) => n.clone(),
            Creator::User { name: Some(n), .. } => n.clone(),
            Creator::User { id: Some(id), .. } => format!("user {id}"),
            Creator::User { .. } => String::new(),
        }
    }
}

/// The `cluster` and `tenant` objects of a task-centre response.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedRef {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub mode: Option<TenantMode>,
}

/// A task instance. Older operations send the subtasks under `tasks`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskInstance {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cluster_id: Option<i64>,
    #[serde(default)]
    pub tenant_id: Option<i64>,
    #[serde(default)]
    pub cluster: Option<NamedRef>,
    #[serde(default)]
    pub tenant: Option<NamedRef>,
    #[serde(default)]
    pub status: TaskStatus,
    #[serde(default)]
    pub operation: Option<Operation>,
    #[serde(default)]
    pub creator: Option<Creator>,
    #[serde(default)]
    pub executor: Option<String>,
    #[serde(default)]
    pub prohibit_rollback: bool,
    #[serde(default)]
    pub context: Option<serde_json::Value>,
    #[serde(default)]
    pub start_time: Option<Timestamp>,
    #[serde(default)]
    pub finish_time: Option<Timestamp>,
    #[serde(default, alias = "tasks")]
    pub subtasks: Vec<Subtask>,
}

/// One step of a task's DAG.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subtask {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub operation: Option<Operation>,
    #[serde(default)]
    pub status: SubtaskStatus,
    #[serde(default = "not_parallel", alias = "paralleIdx")]
    pub parallel_idx: i64,
    #[serde(default)]
    pub run_time: Option<i64>,
    #[serde(default)]
    pub timeout: Option<i64>,
    #[serde(default)]
    pub executor: Option<String>,
    #[serde(default)]
    pub upstreams: Vec<i64>,
    #[serde(default, alias = "downstream")]
    pub downstreams: Vec<i64>,
    #[serde(default)]
    pub prohibit_rollback: bool,
    #[serde(default)]
    pub start_time: Option<Timestamp>,
    #[serde(default)]
    pub finish_time: Option<Timestamp>,
}

fn not_parallel() -> i64 {
    -1
}

/// What an operator reads as the task's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DerivedState {
    Running,
    Retrying,
    RollingBack,
    Failed,
    Successful,
    RolledBack,
    Other(String),
}

impl DerivedState {
    /// The state as shown in `lang`; a state the console does not know reads as OCP sent it.
    pub fn title(&self, lang: Lang) -> String {
        let m = match self {
            DerivedState::Running => Msg::StRunning,
            DerivedState::Retrying => Msg::StRetrying,
            DerivedState::RollingBack => Msg::StRollingBack,
            DerivedState::Failed => Msg::StFailed,
            DerivedState::Successful => Msg::StSuccessful,
            DerivedState::RolledBack => Msg::StRolledBack,
            DerivedState::Other(s) => return s.clone(),
        };
        lang.text(m).to_string()
    }

    /// CSS class suffix.
    pub fn class(&self) -> &'static str {
        match self {
            DerivedState::Running | DerivedState::Retrying | DerivedState::RollingBack => "running",
            DerivedState::Failed => "failed",
            DerivedState::Successful => "successful",
            DerivedState::RolledBack => "rolled-back",
            DerivedState::Other(_) => "other",
        }
    }

    pub fn is_finished(&self) -> bool {
        !matches!(
            self,
            DerivedState::Running | DerivedState::Retrying | DerivedState::RollingBack
        )
    }
}

/// SUCCESSFUL subtasks out of all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// Whole percent, 0 for an empty task.
    pub fn percent(&self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0) as u32
    }
}

impl TaskInstance {
    pub fn derived_state(&self) -> DerivedState {
        let op = self.operation.clone().unwrap_or_default();
        match (&self.status, op) {
            (TaskStatus::Running, Operation::Retry) => DerivedState::Retrying,
            (TaskStatus::Running, Operation::Rollback) => DerivedState::RollingBack,
            (TaskStatus::Running, _) => DerivedState::Running,
            (TaskStatus::Failed, _) => DerivedState::Failed,
            (TaskStatus::Successful, Operation::Rollback) => DerivedState::RolledBack,
            (TaskStatus::Successful, _) => DerivedState::Successful,
            (TaskStatus::Other(s), _) if s.is_empty() => DerivedState::Other("Unknown".into()),
            (TaskStatus::Other(s), _) => DerivedState::Other(s.clone()),
        }
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self
                .subtasks
                .iter()
                .filter(|s| s.status == SubtaskStatus::Successful)
                .count(),
            total: self.subtasks.len(),
        }
    }

    /// OCP allows a task retry only on a FAILED task.
    pub fn can_retry(&self) -> bool {
        self.status == TaskStatus::Failed
    }

    /// Rollback ("Abort" in OCP's UI): FAILED and not prohibited.
    pub fn can_rollback(&self) -> bool {
        self.status == TaskStatus::Failed && !self.prohibit_rollback
    }

    pub fn creator_name(&self) -> Option<String> {
        self.creator
            .as_ref()
            .map(Creator::name)
            .filter(|n| !n.is_empty())
    }

    pub fn cluster_label(&self) -> Option<String> {
        let r = self.cluster.as_ref();
        r.and_then(|r| r.name.clone()).or_else(|| {
            r.and_then(|r| r.id)
                .or(self.cluster_id)
                .map(|id| format!("cluster {id}"))
        })
    }

    pub fn tenant_label(&self) -> Option<String> {
        let r = self.tenant.as_ref();
        r.and_then(|r| r.name.clone()).or_else(|| {
            r.and_then(|r| r.id)
                .or(self.tenant_id)
                .map(|id| format!("tenant {id}"))
        })
    }

    /// Subtasks sorted by id: OCP's array order is not meaningful.
    pub fn sorted_subtasks(&self) -> Vec<&Subtask> {
        crate::sort::by_key(&self.subtasks, |s| [crate::sort::i64_key(s.id), 0, 0]).collect()
    }

    /// The step an operator wants to look at: the first FAILED, else RUNNING, else READY (by id).
    pub fn current_step(&self) -> Option<i64> {
        let sorted = self.sorted_subtasks();
        [
            SubtaskStatus::Failed,
            SubtaskStatus::Running,
            SubtaskStatus::Canceling,
            SubtaskStatus::Ready,
        ]
        .iter()
        .find_map(|want| sorted.iter().find(|s| &s.status == want).map(|s| s.id))
    }
}

impl Subtask {
    /// Retry and "set to successful" are offered on a FAILED subtask.
    pub fn can_retry(&self) -> bool {
        self.status == SubtaskStatus::Failed
    }

    pub fn can_skip(&self) -> bool {
        self.status == SubtaskStatus::Failed
    }

    /// Cancel stops a RUNNING subtask.
    pub fn can_cancel(&self) -> bool {
        self.status == SubtaskStatus::Running
    }

    /// How long the subtask ran, once it has finished.
    pub fn took_ms(&self) -> Option<i64> {
        let start = self.start_time.as_ref()?.epoch_ms?;
        let end = self.finish_time.as_ref()?.epoch_ms?;
        (end >= start).then_some(end - start)
    }
}
