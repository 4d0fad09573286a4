//! Times `Graph::build` + `layout` on generated OCP-like DAGs, checks the speed budget and
//! prints each drawing's legibility figures beside its crossings.

use ocp_core::dag::{gen, graph, layout, legibility};
use std::time::Instant;

const BUDGET_1K_MS: f64 = 10.0;
const BUDGET_10K_MS: f64 = 150.0;

fn main() {
    let opts = layout::LayoutOptions::default();
    println!(
        "{:<8} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}  budget",
        "shape", "nodes", "edges", "layers", "crossings", "median_ms", "min_ms", "max_ms"
    );
    let mut json = Vec::new();
    let mut figures = Vec::new();
    let mut all_ok = true;
    for &n in &[100usize, 1_000, 10_000] {
        let shapes: [(&str, Vec<graph::NodeSpec>); 4] = [
            ("chain", gen::chain(n)),
            ("fan", gen::fan(n, 4)),
            ("layered", gen::layered(n, 42)),
            ("ops_like", gen::ops_like(n, 42)),
        ];
        for (name, specs) in shapes {
            let runs = if n >= 10_000 { 7 } else { 15 };
            let g = graph::Graph::build(&specs);
            let mut result = layout::layout(&g, &opts);
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let t = Instant::now();
                let g = graph::Graph::build(std::hint::black_box(&specs));
                result = layout::layout(&g, &opts);
                times.push(t.elapsed().as_secs_f64() * 1e3);
                std::hint::black_box(&result);
            }
            times.sort_by(f64::total_cmp);
            let (median, min, max) = (times[runs / 2], times[0], times[runs - 1]);
            let budget = match n {
                1_000 => Some(BUDGET_1K_MS),
                10_000 => Some(BUDGET_10K_MS),
                _ => None,
            };
            let verdict = match budget {
                Some(b) if median <= b => "ok",
                Some(_) => {
                    all_ok = false;
                    "OVER"
                }
                None => "-",
            };
            println!(
                "{:<8} {:>6} {:>6} {:>6} {:>9} {:>9.2} {:>9.2} {:>9.2}  {}",
                name,
                g.len(),
                g.edges.len(),
                result.layers,
                result.crossings,
                median,
                min,
                max,
                verdict
            );
            let m = legibility::measure(&result);
            figures.push(format!(
                "{:<8} {:>6} {:>9} {:>9} {:>7.1} {:>8.1} {:>9.2} {:>8} {:>6} {:>6}",
                name,
                g.len(),
                result.crossings,
                m.crossings,
                m.median_angle,
                m.shallow_share * 100.0,
                m.overlap_share * 100.0,
                m.stacked_arrivals,
                m.grazing[0],
                m.grazing[1],
            ));
            json.push(format!(
                "BENCH_JSON {{\"shape\":\"{name}\",\"nodes\":{},\"edges\":{},\"layers\":{},\"crossings\":{},\"median_ms\":{median:.3},\"min_ms\":{min:.3},\"max_ms\":{max:.3},\"runs\":{runs},\"drawn_crossings\":{},\"median_angle\":{:.2},\"shallow_share\":{:.4},\"overlap_share\":{:.4},\"stacked_arrivals\":{},\"grazing_2px\":{},\"grazing_8px\":{}}}",
                g.len(),
                g.edges.len(),
                result.layers,
                result.crossings,
                m.crossings,
                m.median_angle,
                m.shallow_share,
                m.overlap_share,
                m.stacked_arrivals,
                m.grazing[0],
                m.grazing[1],
            ));
        }
    }
    println!(
        "budget {BUDGET_1K_MS} ms @1k / {BUDGET_10K_MS} ms @10k: {}",
        if all_ok { "met" } else { "NOT met" }
    );
    println!();
    println!(
        "{:<8} {:>6} {:>9} {:>9} {:>7} {:>8} {:>9} {:>8} {:>6} {:>6}",
        "shape",
        "nodes",
        "crossings",
        "drawn",
        "med_deg",
        "<20deg_%",
        "overlap_%",
        "stacked",
        "near2",
        "near8"
    );
    for line in figures {
        println!("{line}");
    }
    for line in json {
        println!("{line}");
    }
}
