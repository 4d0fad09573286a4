//! A thumbnail of a task's DAG for lists: coloured boxes at their layout positions, no text.

use super::live::LiveDag;
use leptos::prelude::*;
use std::sync::Arc;

/// Above this many nodes the thumbnail shows a note instead of the boxes.
pub const MINI_MAX_NODES: usize = 400;

#[component]
pub fn MiniDag(
    dag: Arc<LiveDag>,
    #[prop(default = 260.0)] width: f64,
    #[prop(default = 64.0)] height: f64,
) -> impl IntoView {
    let n = dag.nodes.len();
    if n > MINI_MAX_NODES {
        return view! { <span class="mini-dag muted">{format!("{n} subtasks")}</span> }.into_any();
    }
    let (lw, lh) = (dag.layout.width.max(1.0), dag.layout.height.max(1.0));
    let view_box = format!("-10 -10 {} {}", lw + 20.0, lh + 20.0);
    let boxes = dag
        .nodes
        .iter()
        .zip(&dag.layout.nodes)
        .map(|(node, b)| {
            let state = node.state;
            let name = node.name.clone();
            view! {
                <rect class=move || format!("mini-node st-{}", state.with(|s| s.status.label()))
                    x=b.x y=b.y width=b.w height=b.h rx="10">
                    <title>{name}</title>
                </rect>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <svg class="mini-dag" width=width height=height viewBox=view_box preserveAspectRatio="xMidYMid meet" aria-hidden="true">
            {boxes}
        </svg>
    }
    .into_any()
}
