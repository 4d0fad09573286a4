//! A laid-out task whose node statuses are reactive: new task data sets only the signals that changed.

use super::graph::{Graph, NodeSpec};
use super::layout::{layout, Direction, Layout, LayoutOptions};
use crate::model::{Operation, Subtask, SubtaskStatus, TaskInstance};
use leptos::prelude::*;

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
    fn of(s: &Subtask) -> Self {
        NodeState {
            status: s.status.clone(),
            run_time: s.run_time.unwrap_or(1),
            operation: s.operation.clone(),
        }
    }
}

/// One node: fixed name and box, reactive state.
#[derive(Clone, Debug)]
pub struct LiveNode {
    pub id: i64,
    pub name: String,
    pub state: RwSignal<NodeState>,
}

/// A task's graph, its layout, and one reactive state per node (same index as `graph.ids`).
#[derive(Debug)]
pub struct LiveDag {
    pub graph: Graph,
    pub layout: Layout,
    pub nodes: Vec<LiveNode>,
    pub direction: Direction,
}

impl LiveDag {
    pub fn new(task: &TaskInstance, direction: Direction) -> Self {
        let graph = Graph::build(&node_specs(task));
        let layout = layout(
            &graph,
            &LayoutOptions {
                direction,
                ..LayoutOptions::default()
            },
        );
        let nodes = graph
            .ids
            .iter()
            .map(|id| {
                let s = task.subtasks.iter().find(|s| s.id == *id);
                LiveNode {
                    id: *id,
                    name: s
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| format!("#{id}")),
                    state: RwSignal::new(s.map(NodeState::of).unwrap_or_default()),
                }
            })
            .collect();
        LiveDag {
            graph,
            layout,
            nodes,
            direction,
        }
    }

    /// Whether `task` has the same shape, so `update` can apply it without a new layout.
    pub fn same_shape(&self, task: &TaskInstance) -> bool {
        Graph::build(&node_specs(task)).shape_key() == self.graph.shape_key()
    }

    /// Sets the state of each node whose state changed; returns how many changed.
    pub fn update(&self, task: &TaskInstance) -> usize {
        let mut changed = 0;
        for s in &task.subtasks {
            if let Some(i) = self.graph.index_of(s.id) {
                let next = NodeState::of(s);
                let node = &self.nodes[i];
                if node.state.with_untracked(|cur| *cur != next) {
                    node.state.set(next);
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Index of the step to look at: first FAILED, else RUNNING, else READY.
    pub fn current_step(&self) -> Option<usize> {
        [
            SubtaskStatus::Failed,
            SubtaskStatus::Running,
            SubtaskStatus::Canceling,
            SubtaskStatus::Ready,
        ]
        .iter()
        .find_map(|want| {
            self.nodes
                .iter()
                .position(|n| n.state.with_untracked(|s| &s.status == want))
        })
    }
}

/// "Prepare switchover tenant, running, run 2".
pub fn node_label(name: &str, state: &NodeState) -> String {
    let mut s = format!("{name}, {}", state.status.label());
    if state.run_time > 1 {
        s.push_str(&format!(", run {}", state.run_time));
    }
    if matches!(state.operation, Some(Operation::Rollback)) {
        s.push_str(", rollback");
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

/// Cuts a name to fit a node box, with an ellipsis.
pub fn ellipsize(name: &str, max_chars: usize) -> String {
    if name.chars().count() <= max_chars {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max_chars.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
