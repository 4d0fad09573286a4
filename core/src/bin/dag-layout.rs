//! Lays out a task JSON file (an OCP response, its `data`, or a batch's `data.contents`), or a
//! generated graph, and prints node positions, edge paths, crossings, legibility figures and time
//! as JSON (or the drawing as SVG), to compare the layout with other engines on the same input.
//! Usage: `dag-layout (TASK.json | --gen SHAPE:NODES[:SEED]) [--lr] [--svg]`,
//! SHAPE one of chain, fan, layered, ops_like.

use ocp_core::dag::export::to_svg;
use ocp_core::dag::gen;
use ocp_core::dag::graph::{Graph, NodeSpec};
use ocp_core::dag::layout::{layout, Direction, LayoutOptions};
use ocp_core::dag::legibility::measure;
use ocp_core::dag::nodes::{node_specs, NodeState};
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

/// `SHAPE:NODES[:SEED]` as generated node specs.
fn generated(arg: &str) -> Result<Vec<NodeSpec>, String> {
    let parts: Vec<&str> = arg.split(':').collect();
    let num = |i: usize, default: u64| -> Result<u64, String> {
        parts.get(i).map_or(Ok(default), |p| {
            p.parse().map_err(|_| format!("not a number: {p}"))
        })
    };
    let (n, seed) = (num(1, 1000)? as usize, num(2, 42)?);
    match parts[0] {
        "chain" => Ok(gen::chain(n)),
        "fan" => Ok(gen::fan(n, 4)),
        "layered" => Ok(gen::layered(n, seed)),
        "ops_like" => Ok(gen::ops_like(n, seed)),
        other => Err(format!("unknown shape {other}")),
    }
}

fn fail(msg: String) -> ! {
    eprintln!("{msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gen_arg = args
        .iter()
        .position(|a| a == "--gen")
        .and_then(|i| args.get(i + 1));
    let file = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != gen_arg);
    let (task_id, specs) = match (gen_arg, file) {
        (Some(g), _) => (
            Value::from(g.as_str()),
            generated(g).unwrap_or_else(|e| fail(e)),
        ),
        (None, Some(path)) => {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
            let task = serde_json::from_str(&text)
                .map_err(|e| e.to_string())
                .and_then(task_from)
                .unwrap_or_else(|e| fail(format!("{path}: {e}")));
            (json!(task.id), node_specs(&task))
        }
        (None, None) => {
            eprintln!("usage: dag-layout (TASK.json | --gen SHAPE:NODES[:SEED]) [--lr] [--svg]");
            std::process::exit(2);
        }
    };
    let direction = if args.iter().any(|a| a == "--lr") {
        Direction::LeftToRight
    } else {
        Direction::TopToBottom
    };
    let start = Instant::now();
    let graph = Graph::build(&specs);
    let out = layout(
        &graph,
        &LayoutOptions {
            direction,
            ..LayoutOptions::default()
        },
    );
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if args.iter().any(|a| a == "--svg") {
        let names: Vec<(String, NodeState)> = graph
            .ids
            .iter()
            .map(|id| (id.to_string(), NodeState::default()))
            .collect();
        println!("{}", to_svg(&out, &names));
        return;
    }
    let m = measure(&out);
    let nodes: Vec<Value> = graph
        .ids
        .iter()
        .zip(&out.nodes)
        .map(|(id, b)| json!({"id": id, "x": b.x, "y": b.y, "w": b.w, "h": b.h, "layer": b.layer, "order": b.order}))
        .collect();
    let edges: Vec<Value> = out
        .edges
        .iter()
        .map(|e| {
            let b = e.bounds;
            json!({"from": graph.ids[e.from], "to": graph.ids[e.to], "path": e.path, "backEdge": e.back_edge,
                "bounds": [b.0, b.1, b.2, b.3]})
        })
        .collect();
    let report = json!({
        "task": task_id, "nodes": nodes, "edges": edges, "width": out.width, "height": out.height,
        "layers": out.layers, "crossings": out.crossings, "ms": ms,
        "legibility": {
            "drawnCrossings": m.crossings, "medianCrossingAngle": m.median_angle,
            "shallowCrossingShare": m.shallow_share, "overlapShare": m.overlap_share,
            "edgeLength": m.edge_length, "stackedArrivals": m.stacked_arrivals,
            "grazing2px": m.grazing[0], "grazing8px": m.grazing[1],
        },
        "problems": graph.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
    });
    println!("{report}");
}
