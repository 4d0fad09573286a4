//! The actions OCP allows on a task and its subtasks, how each is named and confirmed, and a task's
//! elapsed time.

use crate::i18n::{duration, Lang, Msg};
use crate::model::{Subtask, TaskInstance};

/// An action an operator asked for, waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
pub enum TaskAction {
    Retry,
    Rollback,
    SubtaskRetry(i64, String),
    Skip(i64, String),
    Cancel(i64, String),
}

impl TaskAction {
    pub fn title(&self, lang: Lang) -> String {
        match self {
            TaskAction::Retry => lang.text(Msg::ActRetryTitle).into(),
            TaskAction::Rollback => lang.text(Msg::ActRollbackTitle).into(),
            TaskAction::SubtaskRetry(_, n) => lang.fmt(Msg::ActSubRetryTitle, &[n]),
            TaskAction::Skip(_, n) => lang.fmt(Msg::ActSkipTitle, &[n]),
            TaskAction::Cancel(_, n) => lang.fmt(Msg::ActCancelTitle, &[n]),
        }
    }

    pub fn explain(&self) -> Msg {
        match self {
            TaskAction::Retry => Msg::ActRetryExplain,
            TaskAction::Rollback => Msg::ActRollbackExplain,
            TaskAction::SubtaskRetry(..) => Msg::ActSubRetryExplain,
            TaskAction::Skip(..) => Msg::ActSkipExplain,
            TaskAction::Cancel(..) => Msg::ActCancelExplain,
        }
    }

    pub fn label(&self) -> Msg {
        match self {
            TaskAction::Retry => Msg::ActRetry,
            TaskAction::Rollback => Msg::ActRollback,
            TaskAction::SubtaskRetry(..) => Msg::ActSubRetry,
            TaskAction::Skip(..) => Msg::ActSkip,
            TaskAction::Cancel(..) => Msg::ActCancel,
        }
    }

    /// The `data-action` hook of its button.
    pub fn key(&self) -> &'static str {
        match self {
            TaskAction::Retry => "retry",
            TaskAction::Rollback => "rollback",
            TaskAction::SubtaskRetry(..) => "subtask-retry",
            TaskAction::Skip(..) => "skip",
            TaskAction::Cancel(..) => "cancel",
        }
    }

    /// Undoes work or gives up on it: drawn as a danger action, here and in the confirmation.
    pub fn is_destructive(&self) -> bool {
        matches!(
            self,
            TaskAction::Rollback | TaskAction::Skip(..) | TaskAction::Cancel(..)
        )
    }

    pub fn done(&self) -> Msg {
        match self {
            TaskAction::Retry => Msg::ActRetryDone,
            TaskAction::Rollback => Msg::ActRollbackDone,
            TaskAction::SubtaskRetry(..) => Msg::ActSubRetryDone,
            TaskAction::Skip(..) => Msg::ActSkipDone,
            TaskAction::Cancel(..) => Msg::ActCancelDone,
        }
    }
}

/// The actions OCP's rules allow on `task`, and on `subtask` when one is selected.
pub fn allowed_actions(task: &TaskInstance, subtask: Option<&Subtask>) -> Vec<TaskAction> {
    let mut out = Vec::new();
    if task.can_retry() {
        out.push(TaskAction::Retry);
    }
    if task.can_rollback() {
        out.push(TaskAction::Rollback);
    }
    if let Some(s) = subtask {
        if s.can_retry() {
            out.push(TaskAction::SubtaskRetry(s.id, s.name.clone()));
        }
        if s.can_skip() {
            out.push(TaskAction::Skip(s.id, s.name.clone()));
        }
        if s.can_cancel() {
            out.push(TaskAction::Cancel(s.id, s.name.clone()));
        }
    }
    out
}

/// "12.3 s" from start to finish, or to now while it runs.
pub fn elapsed(task: &TaskInstance, now: i64, lang: Lang) -> Option<String> {
    let start = task.start_time.as_ref()?.epoch_ms?;
    let end = if task.derived_state().is_finished() {
        task.finish_time
            .as_ref()
            .and_then(|t| t.epoch_ms)
            .unwrap_or(now)
    } else {
        now
    };
    Some(duration(lang, end - start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SubtaskStatus, TaskStatus};

    fn task(status: TaskStatus, sub: SubtaskStatus) -> TaskInstance {
        let s = Subtask {
            id: 2,
            name: "Step".into(),
            status: sub,
            ..Subtask::default()
        };
        TaskInstance {
            id: 1,
            status,
            subtasks: vec![s],
            ..TaskInstance::default()
        }
    }

    #[test]
    fn a_failed_task_offers_retry_and_rollback_and_its_failed_step_retry_and_skip() {
        let t = task(TaskStatus::Failed, SubtaskStatus::Failed);
        let keys: Vec<_> = allowed_actions(&t, Some(&t.subtasks[0]))
            .iter()
            .map(TaskAction::key)
            .collect();
        assert_eq!(keys, ["retry", "rollback", "subtask-retry", "skip"]);
        let t = task(TaskStatus::Running, SubtaskStatus::Running);
        let keys: Vec<_> = allowed_actions(&t, Some(&t.subtasks[0]))
            .iter()
            .map(TaskAction::key)
            .collect();
        assert_eq!(keys, ["cancel"]);
    }

    #[test]
    fn only_undoing_actions_are_destructive() {
        assert!(!TaskAction::Retry.is_destructive());
        assert!(!TaskAction::SubtaskRetry(1, "a".into()).is_destructive());
        assert!(TaskAction::Rollback.is_destructive());
        assert!(TaskAction::Skip(1, "a".into()).is_destructive());
        assert!(TaskAction::Cancel(1, "a".into()).is_destructive());
    }

    #[test]
    fn titles_name_the_subtask_in_each_language() {
        let a = TaskAction::Skip(1, "Add zone".into());
        assert_eq!(a.title(Lang::En), "Set “Add zone” to successful?");
        assert_eq!(a.title(Lang::Zh), "将“Add zone”设置为成功？");
        assert_eq!(Lang::Zh.text(TaskAction::Retry.label()), "重试任务");
    }
}
