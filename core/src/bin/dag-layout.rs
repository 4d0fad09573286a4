//! Lays out a task JSON file (an OCP response, its `data`, or a batch's `data.contents`), or a
//! generated graph, and prints node positions, edge paths, crossings, legibility figures and time
//! as JSON (or the drawing as SVG), to compare the layout with other engines on the same input.
//! Usage: `dag-layout (TASK.json | --gen SHAPE:NODES[:SEED]) [--lr] [--svg] [--sweeps N]`,
//! SHAPE one of chain, fan, layered, ops_like; `dag-layout --measure DRAWING.json` prints the
//! legibility figures of another engine's drawing (`nodes` with `id x y w h`, `edges` with
//! `from to path`).

use ocp_core::dag::export::to_svg;
use ocp_core::dag::gen;
use ocp_core::dag::graph::{Graph, NodeSpec};
use ocp_core::dag::layout::{layout, Direction, EdgeRoute, Layout, LayoutOptions, NodeBox};
use ocp_core::dag::legibility::{measure, path_points, Legibility};
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

/// A drawing read from JSON, as a [`Layout`] the legibility measure understands.
fn drawing(v: &Value) -> Option<Layout> {
    let num = |n: &Value, k: &str| n.get(k).and_then(Value::as_f64);
    let mut ids = Vec::new();
    let mut nodes = Vec::new();
    for n in v.get("nodes")?.as_array()? {
        ids.push(n.get("id")?.as_i64()?);
        let (x, y, w, h) = (num(n, "x")?, num(n, "y")?, num(n, "w")?, num(n, "h")?);
        let (layer, order) = (0, 0);
        nodes.push(NodeBox {
            x,
            y,
            w,
            h,
            layer,
            order,
        });
    }
    let index = |e: &Value, k: &str| {
        let id = e.get(k)?.as_i64()?;
        ids.iter().position(|&i| i == id)
    };
    let mut edges = Vec::new();
    for e in v.get("edges")?.as_array()? {
        let path = e.get("path")?.as_str()?.to_string();
        let pts = path_points(&path);
        let bounds = pts
            .iter()
            .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, p| {
                (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1))
            });
        let (from, to) = (index(e, "from")?, index(e, "to")?);
        edges.push(EdgeRoute {
            from,
            to,
            path,
            bounds,
            back_edge: false,
        });
    }
    let (width, height) = (
        num(v, "width").unwrap_or(0.0),
        num(v, "height").unwrap_or(0.0),
    );
    Some(Layout {
        nodes,
        edges,
        width,
        height,
        crossings: 0,
        layers: 0,
    })
}

fn figures(m: &Legibility) -> Value {
    json!({
        "drawnCrossings": m.crossings, "medianCrossingAngle": m.median_angle,
        "shallowCrossingShare": m.shallow_share, "overlapShare": m.overlap_share,
        "edgeLength": m.edge_length, "stackedArrivals": m.stacked_arrivals,
        "grazing2px": m.grazing[0], "grazing8px": m.grazing[1],
    })
}

fn fail(msg: String) -> ! {
    eprintln!("{msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(path) = args
        .iter()
        .position(|a| a == "--measure")
        .and_then(|i| args.get(i + 1))
    {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("{path}: {e}")));
        let l = drawing(&v).unwrap_or_else(|| fail(format!("{path}: not a drawing")));
        println!("{}", figures(&measure(&l)));
        return;
    }
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let (gen_arg, sweeps_arg) = (value_of("--gen"), value_of("--sweeps"));
    let file = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != gen_arg && Some(*a) != sweeps_arg);
    let defaults = LayoutOptions::default();
    let sweeps = sweeps_arg
        .map_or(Ok(defaults.sweeps), |s| s.parse())
        .unwrap_or_else(|_| fail("--sweeps takes a number".into()));
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
            sweeps,
            ..defaults
        },
    );
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if args.iter().any(|a| a == "--svg") {
        let names: Vec<(String, NodeState)> = graph
            .ids
            .iter()
            .map(|id| (id.to_string(), NodeState::default()))
            .collect();
        println!("{}", to_svg(&out, &names, ocp_core::i18n::Lang::En));
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
        "legibility": figures(&m),
        "problems": graph.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
    });
    println!("{report}");
}
