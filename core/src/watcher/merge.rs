//! Folding a task-list entry (statuses only: no edges, times, run counts or task operation) into
//! what is known of the task, without losing what only a detail fetch carries.

use crate::model::{Operation, SubtaskStatus, TaskInstance, TaskStatus};

/// A list entry's status vector: the task status and each subtask's `(id, status, operation)` by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListItem {
    pub status: TaskStatus,
    pub steps: Vec<(i64, SubtaskStatus, Option<Operation>)>,
}

impl ListItem {
    pub fn of(task: &TaskInstance) -> Self {
        ListItem {
            status: task.status.clone(),
            steps: task
                .sorted_subtasks()
                .into_iter()
                .map(|s| (s.id, s.status.clone(), s.operation.clone()))
                .collect(),
        }
    }
}

/// The task's operation: the entry's own when sent, else what its subtasks show (a ROLLBACK or
/// RETRY step), else what was known before.
pub fn infer_operation(known: Option<&TaskInstance>, entry: &TaskInstance) -> Option<Operation> {
    if entry.operation.is_some() {
        return entry.operation.clone();
    }
    let has = |op: Operation| {
        entry
            .subtasks
            .iter()
            .any(|s| s.operation == Some(op.clone()))
    };
    if has(Operation::Rollback) {
        Some(Operation::Rollback)
    } else if has(Operation::Retry) {
        Some(Operation::Retry)
    } else {
        known.and_then(|k| k.operation.clone())
    }
}

/// Takes status and operation of the task and of each subtask from `entry`, keeps edges, times
/// and run counts from `known`. Returns true when `entry` has a subtask `known` lacks (the shape
/// changed: only a detail fetch can draw it); such a subtask is added as the list sent it.
pub fn merge_list_entry(known: &mut TaskInstance, entry: &TaskInstance) -> bool {
    known.operation = infer_operation(Some(known), entry);
    known.status = entry.status.clone();
    if entry.start_time.is_some() {
        known.start_time = entry.start_time.clone();
    }
    if entry.finish_time.is_some() {
        known.finish_time = entry.finish_time.clone();
    }
    if known.name.is_empty() {
        known.name = entry.name.clone();
    }
    if known.cluster.is_none() {
        known.cluster = entry.cluster.clone();
    }
    if known.tenant.is_none() {
        known.tenant = entry.tenant.clone();
    }
    let mut shape_changed = false;
    for s in &entry.subtasks {
        match known.subtasks.iter_mut().find(|k| k.id == s.id) {
            Some(k) => {
                k.status = s.status.clone();
                if s.operation.is_some() {
                    k.operation = s.operation.clone();
                }
            }
            None => {
                shape_changed = true;
                known.subtasks.push(s.clone());
            }
        }
    }
    shape_changed
}

/// A list entry as the best view of a task no detail has been fetched for.
pub fn from_list(known: Option<&TaskInstance>, entry: &TaskInstance) -> TaskInstance {
    let mut t = entry.clone();
    t.operation = infer_operation(known, entry);
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Subtask;

    fn sub(id: i64, status: SubtaskStatus, op: Option<Operation>) -> Subtask {
        Subtask {
            id,
            status,
            operation: op,
            ..Default::default()
        }
    }

    #[test]
    fn detail_fields_survive_and_statuses_follow_the_list() {
        let mut a = sub(1, SubtaskStatus::Running, Some(Operation::Execute));
        a.downstreams = vec![2];
        a.run_time = Some(2);
        let mut b = sub(2, SubtaskStatus::Pending, Some(Operation::Execute));
        b.upstreams = vec![1];
        let mut known = TaskInstance {
            id: 7,
            status: TaskStatus::Running,
            subtasks: vec![a, b],
            ..Default::default()
        };
        let entry = TaskInstance {
            id: 7,
            status: TaskStatus::Running,
            subtasks: vec![
                sub(2, SubtaskStatus::Running, None),
                sub(1, SubtaskStatus::Successful, None),
            ],
            ..Default::default()
        };
        assert!(!merge_list_entry(&mut known, &entry));
        let s1 = known.subtasks.iter().find(|s| s.id == 1).unwrap();
        let s2 = known.subtasks.iter().find(|s| s.id == 2).unwrap();
        assert_eq!(s1.status, SubtaskStatus::Successful);
        assert_eq!((s1.downstreams.clone(), s1.run_time), (vec![2], Some(2)));
        assert_eq!(
            (s2.status.clone(), s2.upstreams.clone()),
            (SubtaskStatus::Running, vec![1])
        );
        assert_eq!(s2.operation, Some(Operation::Execute));
    }

    #[test]
    fn a_new_subtask_is_a_shape_change() {
        let mut known = TaskInstance {
            id: 7,
            subtasks: vec![sub(1, SubtaskStatus::Running, None)],
            ..Default::default()
        };
        let entry = TaskInstance {
            id: 7,
            subtasks: vec![
                sub(1, SubtaskStatus::Running, None),
                sub(3, SubtaskStatus::Ready, None),
            ],
            ..Default::default()
        };
        assert!(merge_list_entry(&mut known, &entry));
        assert_eq!(known.subtasks.len(), 2);
    }

    #[test]
    fn operation_is_read_from_rollback_or_retry_steps() {
        let entry = |op| TaskInstance {
            status: TaskStatus::Running,
            subtasks: vec![
                sub(1, SubtaskStatus::Successful, Some(Operation::Execute)),
                sub(2, SubtaskStatus::Running, Some(op)),
            ],
            ..Default::default()
        };
        let known = TaskInstance {
            operation: Some(Operation::Execute),
            ..Default::default()
        };
        assert_eq!(
            infer_operation(Some(&known), &entry(Operation::Rollback)),
            Some(Operation::Rollback)
        );
        assert_eq!(
            infer_operation(Some(&known), &entry(Operation::Retry)),
            Some(Operation::Retry)
        );
        assert_eq!(
            infer_operation(Some(&known), &entry(Operation::Execute)),
            Some(Operation::Execute)
        );
    }
}
