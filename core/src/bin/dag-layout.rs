//! Lays out a task JSON file (an OCP response, its `data`, or a batch's `data.contents`) and prints node
//! positions, crossings and time as JSON, to compare the layout with other engines on the same input.
//! Usage: `cargo run --release --bin dag-layout -- task.json [--lr]`

use ocp_core::dag::graph::Graph;
use ocp_core::dag::layout::{layout, Direction, LayoutOptions};
use ocp_core::dag::nodes::node_specs;
use ocp_core::model::TaskInstance;
use serde_json::{json, Value};
use std::time::Instant;

fn task_from(v: Value) -> Result<TaskInstance, String> {
    let candidates = [
        v.pointer("/data/contents/0").cloned(),
        v.get("data").cloned(),
        v.pointer("/contents/0").cloned(),
        Some(v),
    ];
    for c in candidates.into_iter().flatten() {
        if c.get("subtasks").or_else(|| c.get("tasks")).is_some() {
            return serde_json::from_value(c).map_err(|e| e.to_string());
        }
    }
    Err("no task with subtasks in the file".into())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: dag-layout TASK.json [--lr]");
        std::process::exit(2);
    };
    let direction = if args.iter().any(|a| a == "--lr") {
        Direction::LeftToRight
    } else {
        Direction::TopToBottom
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let task = serde_json::from_str(&text)
        .map_err(|e| e.to_string())
        .and_then(task_from)
        .unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        });
    let start = Instant::now();
    let graph = Graph::build(&node_specs(&task));
    let out = layout(
        &graph,
        &LayoutOptions {
            direction,
            ..LayoutOptions::default()
        },
    );
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let nodes: Vec<Value> = graph
        .ids
        .iter()
        .zip(&out.nodes)
        .map(|(id, b)| json!({"id": id, "x": b.x, "y": b.y, "w": b.w, "h": b.h, "layer": b.layer, "order": b.order}))
        .collect();
    let edges: Vec<Value> = out
        .edges
        .iter()
        .map(|e| json!({"from": graph.ids[e.from], "to": graph.ids[e.to], "path": e.path, "backEdge": e.back_edge}))
        .collect();
    let report = json!({
        "task": task.id, "nodes": nodes, "edges": edges, "width": out.width, "height": out.height,
        "layers": out.layers, "crossings": out.crossings, "ms": ms,
        "problems": graph.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
    });
    println!("{report}");
}
