//! What a node of the task DAG is made of and shows: its shape spec, its changing state, its label,
//! icon and shortened name.

use super::graph::NodeSpec;
use crate::i18n::{shorten_to_width, Lang, Msg};
use crate::model::{Operation, Subtask, SubtaskStatus, TaskInstance};

impl From<&Subtask> for NodeSpec {
    fn from(s: &Subtask) -> Self {
        NodeSpec {
            id: s.id,
            upstreams: s.upstreams.clone(),
            downstreams: s.downstreams.clone(),
            parallel_idx: s.parallel_idx,
        }
    }
}

/// The shape of a task's DAG: what the layout depends on, and nothing else.
pub fn node_specs(task: &TaskInstance) -> Vec<NodeSpec> {
    task.sorted_subtasks()
        .into_iter()
        .map(NodeSpec::from)
        .collect()
}

/// What a node shows that changes while the task runs.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NodeState {
    pub status: SubtaskStatus,
    pub run_time: i64,
    pub operation: Option<Operation>,
}

impl NodeState {
    /// Undone by a rollback: OCP puts the step back at PENDING with operation ROLLBACK.
    pub fn rolled_back(&self) -> bool {
        self.status == SubtaskStatus::Pending && matches!(self.operation, Some(Operation::Rollback))
    }

    /// The word as shown on the node: "Rolled back" for an undone step, else its status
    /// ("Running", "运行中").
    pub fn title(&self, lang: Lang) -> String {
        if self.rolled_back() {
            lang.text(Msg::StRolledBack).into()
        } else {
            self.status.title(lang)
        }
    }

    /// The CSS and test key of what the node shows (`rolled-back`, `failed`, …).
    pub fn key(&self) -> String {
        if self.rolled_back() {
            "rolled-back".into()
        } else {
            self.status.label()
        }
    }

    pub fn icon(&self) -> &'static str {
        if self.rolled_back() {
            "↶"
        } else {
            status_icon(&self.status)
        }
    }

    pub fn of(s: &Subtask) -> Self {
        NodeState {
            status: s.status.clone(),
            run_time: s.run_time.unwrap_or(1),
            operation: s.operation.clone(),
        }
    }
}

/// "Prepare switchover tenant, Running, run 2": the node's accessible name, which begins with the
/// name and status word the node shows.
pub fn node_label(name: &str, state: &NodeState, lang: Lang) -> String {
    let sep = lang.text(Msg::ListSeparator);
    let mut s = format!("{name}{sep}{}", state.title(lang));
    if state.run_time > 1 {
        s.push_str(sep);
        s.push_str(&lang.fmt(Msg::NodeRun, &[&state.run_time]));
    }
    if matches!(state.operation, Some(Operation::Rollback)) && !state.rolled_back() {
        s.push_str(sep);
        s.push_str(lang.text(Msg::NodeRollback));
    }
    s
}

/// The icon beside a status: colour is never the only cue.
pub fn status_icon(status: &SubtaskStatus) -> &'static str {
    match status {
        SubtaskStatus::Pending => "◷",
        SubtaskStatus::Ready => "▷",
        SubtaskStatus::Running => "↻",
        SubtaskStatus::Canceling => "⊘",
        SubtaskStatus::Failed => "✕",
        SubtaskStatus::Successful => "✓",
        SubtaskStatus::Other(_) => "?",
    }
}

/// Columns of a node name drawn in full in its box (a CJK character takes two); a longer one is
/// shortened, on the chart and in the SVG export alike.
pub const NAME_COLUMNS: usize = 26;

/// Cuts a name to fit a node box of `max_cols` Latin columns, with an ellipsis; a CJK character
/// counts as two columns and is never cut.
pub fn ellipsize(name: &str, max_cols: usize) -> String {
    shorten_to_width(name, max_cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_names_status_run_and_rollback() {
        let st = NodeState {
            status: SubtaskStatus::Running,
            run_time: 2,
            operation: Some(Operation::Rollback),
        };
        let label = node_label("Prepare", &st, Lang::En);
        assert!(label.starts_with("Prepare, "), "{label}");
        assert!(
            label.contains("run 2") && label.ends_with("rollback"),
            "{label}"
        );
        assert!(!node_label(
            "A",
            &NodeState {
                run_time: 1,
                ..st.clone()
            },
            Lang::En
        )
        .contains("run 1"));
        assert_eq!(
            node_label("准备", &st, Lang::Zh),
            "准备，运行中，第 2 次，回滚"
        );
    }

    #[test]
    fn an_undone_step_reads_rolled_back_not_pending() {
        let undone = NodeState {
            status: SubtaskStatus::Pending,
            run_time: 1,
            operation: Some(Operation::Rollback),
        };
        assert!(undone.rolled_back());
        assert_eq!(
            (undone.title(Lang::En).as_str(), undone.key().as_str()),
            ("Rolled back", "rolled-back")
        );
        assert_ne!(undone.icon(), status_icon(&SubtaskStatus::Pending));
        assert_eq!(
            node_label("Add zone", &undone, Lang::En),
            "Add zone, Rolled back"
        );
        let waiting = NodeState {
            operation: Some(Operation::Execute),
            ..undone.clone()
        };
        assert!(!waiting.rolled_back());
        assert_eq!(waiting.title(Lang::En), "Pending");
        let rolling = NodeState {
            status: SubtaskStatus::Running,
            ..undone
        };
        assert!(!rolling.rolled_back());
        assert!(node_label("Add zone", &rolling, Lang::En).ends_with("Running, rollback"));
    }

    #[test]
    fn ellipsize_keeps_whole_characters() {
        assert_eq!(ellipsize("abc", 3), "abc");
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("切换租户主备", 7), "切换租…");
        assert_eq!(ellipsize("切换租户主备", 6), "切换…");
    }
}
