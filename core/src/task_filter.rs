//! The task list's state filter: Running, Failed, Successful and Rolled back. OCP filters by status
//! only, and a rolled-back task is SUCCESSFUL there, so the console tells the two apart itself.

use crate::i18n::Msg;
use crate::model::{DerivedState, Operation, TaskInstance};
use crate::watcher::infer_operation;

/// The states an operator can ask for: (value in the link, label).
pub const STATES: [(&str, Msg); 4] = [
    ("RUNNING", Msg::StRunning),
    ("FAILED", Msg::StFailed),
    ("SUCCESSFUL", Msg::StSuccessful),
    ("ROLLED_BACK", Msg::StRolledBack),
];

/// OCP's `status` values for the chosen states (Rolled back is asked for as SUCCESSFUL).
pub fn ocp_statuses(chosen: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in chosen {
        let s = if c == "ROLLED_BACK" {
            "SUCCESSFUL"
        } else {
            c.as_str()
        };
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

/// Whether the page must drop rows OCP sent (Successful without Rolled back, or the reverse), so its
/// counts are the console's, not OCP's.
pub fn filters_on_console(chosen: &[String]) -> bool {
    let has = |v: &str| chosen.iter().any(|c| c == v);
    has("SUCCESSFUL") != has("ROLLED_BACK")
}

/// The state a list item shows: its operation inferred from its subtasks when OCP's list omits it.
pub fn list_state(item: &TaskInstance) -> DerivedState {
    if item.operation.is_some() {
        return item.derived_state();
    }
    let mut t = item.clone();
    t.operation = infer_operation(None, item).or(Some(Operation::Execute));
    t.derived_state()
}

/// Whether `item` belongs in a list filtered to `chosen` (all when nothing is chosen).
pub fn keeps(chosen: &[String], item: &TaskInstance) -> bool {
    if !filters_on_console(chosen) {
        return true;
    }
    match list_state(item) {
        DerivedState::RolledBack => chosen.iter().any(|c| c == "ROLLED_BACK"),
        DerivedState::Successful => chosen.iter().any(|c| c == "SUCCESSFUL"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Subtask, SubtaskStatus, TaskStatus};

    fn item(op: Option<Operation>, sub_op: Operation) -> TaskInstance {
        TaskInstance {
            id: 1,
            status: TaskStatus::Successful,
            operation: op,
            subtasks: vec![Subtask {
                id: 2,
                status: SubtaskStatus::Pending,
                operation: Some(sub_op),
                ..Subtask::default()
            }],
            ..TaskInstance::default()
        }
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn rolled_back_is_asked_as_successful_and_told_apart_here() {
        assert_eq!(ocp_statuses(&v(&["ROLLED_BACK"])), v(&["SUCCESSFUL"]));
        assert_eq!(
            ocp_statuses(&v(&["SUCCESSFUL", "ROLLED_BACK", "FAILED"])),
            v(&["SUCCESSFUL", "FAILED"])
        );
        assert!(filters_on_console(&v(&["SUCCESSFUL"])));
        assert!(filters_on_console(&v(&["ROLLED_BACK", "RUNNING"])));
        assert!(!filters_on_console(&v(&["SUCCESSFUL", "ROLLED_BACK"])));
        assert!(!filters_on_console(&[]));
    }

    #[test]
    fn successful_never_lists_a_rolled_back_task() {
        let rolled = item(None, Operation::Rollback);
        let done = item(None, Operation::Execute);
        assert_eq!(list_state(&rolled), DerivedState::RolledBack);
        assert_eq!(list_state(&done), DerivedState::Successful);
        assert!(!keeps(&v(&["SUCCESSFUL"]), &rolled));
        assert!(keeps(&v(&["SUCCESSFUL"]), &done));
        assert!(keeps(&v(&["ROLLED_BACK"]), &rolled));
        assert!(!keeps(&v(&["ROLLED_BACK"]), &done));
        assert!(keeps(&v(&["SUCCESSFUL", "ROLLED_BACK"]), &rolled));
        let said = item(Some(Operation::Rollback), Operation::Execute);
        assert!(!keeps(&v(&["SUCCESSFUL"]), &said));
    }
}
