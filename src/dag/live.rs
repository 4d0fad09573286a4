//! A laid-out task whose node statuses are reactive: new task data sets only the signals that changed.

use leptos::prelude::*;
use ocp_core::dag::graph::Graph;
use ocp_core::dag::layout::{layout, Direction, Layout, LayoutOptions};
use ocp_core::dag::nodes::{node_specs, NodeState};
use ocp_core::model::{SubtaskStatus, TaskInstance};

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
