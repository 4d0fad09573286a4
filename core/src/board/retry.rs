//! "Retry all failed": which tasks, and a guard that sends one retry per task however often the
//! button is pressed, with each row's outcome kept for display.

use super::{BoardRow, RowState};
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::sort;
use std::collections::BTreeMap;

/// The FAILED rows' tasks, and the step they all failed at when it is the same one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryPlan {
    pub task_ids: Vec<i64>,
    pub common_step: Option<String>,
}

impl RetryPlan {
    pub fn from_rows(rows: &[BoardRow]) -> Self {
        let failed: Vec<&BoardRow> = rows
            .iter()
            .filter(|r| r.state == RowState::Failed)
            .collect();
        let ids: Vec<i64> = failed.iter().filter_map(|r| r.task_id).collect();
        let mut task_ids: Vec<i64> = sort::by_key(&ids, |id| [sort::i64_key(*id), 0, 0])
            .copied()
            .collect();
        task_ids.dedup();
        let first = failed.first().and_then(|r| r.step.clone());
        let common_step = first.filter(|s| failed.iter().all(|r| r.step.as_ref() == Some(s)));
        RetryPlan {
            task_ids,
            common_step,
        }
    }
}

/// OCP's refusal of a retry (20003: the task is not FAILED; 20004: rollback prohibited).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryError {
    pub code: Option<i64>,
    pub message: String,
    pub trace_id: Option<String>,
}

impl RetryError {
    pub fn from_api(e: &ApiError, lang: Lang) -> Self {
        RetryError {
            code: e.code(),
            message: e.message_in(lang),
            trace_id: e.trace_id().map(str::to_string),
        }
    }

    /// `20003: message (traceId abc)`.
    pub fn text(&self) -> String {
        let mut out = match self.code {
            Some(c) => format!("{c}: {}", self.message),
            None => self.message.clone(),
        };
        if let Some(t) = &self.trace_id {
            out.push_str(&format!(" (traceId {t})"));
        }
        out
    }
}

/// A row's retry, as the guard knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryState {
    InFlight,
    /// OCP accepted it; `resumed` once the task was seen running again.
    Sent {
        resumed: bool,
    },
    Refused(RetryError),
}

/// Hands out each task id once per retry: again only after a refusal, or after the retried
/// task ran and failed anew.
#[derive(Clone, Debug, Default)]
pub struct RetryGuard {
    states: BTreeMap<i64, RetryState>,
}

impl RetryGuard {
    /// The ids of `ids` to send a retry for now; they are in flight from here.
    pub fn begin(&mut self, ids: &[i64]) -> Vec<i64> {
        let mut out = Vec::new();
        for id in ids {
            let free = matches!(self.states.get(id), None | Some(RetryState::Refused(_)));
            if free {
                self.states.insert(*id, RetryState::InFlight);
                out.push(*id);
            }
        }
        out
    }

    pub fn finish(&mut self, id: i64, result: Result<(), RetryError>) {
        let state = match result {
            Ok(()) => RetryState::Sent { resumed: false },
            Err(e) => RetryState::Refused(e),
        };
        self.states.insert(id, state);
    }

    /// Follows a row: a retried task seen running and then FAILED again may be retried again.
    pub fn observe(&mut self, id: i64, state: RowState) {
        match (self.states.get_mut(&id), state) {
            (Some(RetryState::Sent { resumed }), s) if s.group() == 1 => *resumed = true,
            (Some(RetryState::Sent { resumed: true }), RowState::Failed) => {
                self.states.remove(&id);
            }
            _ => {}
        }
    }

    pub fn observe_rows(&mut self, rows: &[BoardRow]) {
        for r in rows {
            if let Some(id) = r.task_id {
                self.observe(id, r.state);
            }
        }
    }

    pub fn state(&self, id: i64) -> Option<&RetryState> {
        self.states.get(&id)
    }
}
