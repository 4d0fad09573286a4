//! Legibility guarantees of the routing on generated graphs of several shapes, both directions:
//! edges keep clear of foreign boxes, arrive at their own points, never run on top of each
//! other and cross at right angles.

use super::super::gen;
use super::super::graph::{Graph, NodeSpec};
use super::super::legibility::{measure, path_points};
use super::*;
use proptest::prelude::*;

/// Room every edge keeps from boxes other than its two ends.
const CLEARANCE: f64 = 8.0;

fn both_directions() -> [LayoutOptions; 2] {
    [
        LayoutOptions::default(),
        LayoutOptions {
            direction: Direction::LeftToRight,
            ..LayoutOptions::default()
        },
    ]
}

fn shapes() -> Vec<(String, Vec<NodeSpec>)> {
    let mut all = vec![("chain(30)".to_string(), gen::chain(30))];
    for w in [2, 5] {
        all.push((format!("fan(200,{w})"), gen::fan(200, w)));
    }
    for seed in 0..3 {
        all.push((format!("layered(300,{seed})"), gen::layered(300, seed)));
        all.push((format!("ops_like(300,{seed})"), gen::ops_like(300, seed)));
    }
    all
}

/// Distance from the axis-parallel segment `a`–`b` to the box, 0 when it enters it.
fn gap_to_box(a: (f64, f64), b: (f64, f64), n: &NodeBox) -> f64 {
    let (x0, x1, y0, y1) = (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
    let dx = (n.x - x1).max(x0 - (n.x + n.w)).max(0.0);
    let dy = (n.y - y1).max(y0 - (n.y + n.h)).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// Every edge is axis-parallel pieces, each checked against every foreign box (no spatial
/// index, so the check shares no code with the measure it backs up).
fn assert_clear(name: &str, l: &Layout) {
    for (e, r) in l.edges.iter().enumerate() {
        let pts = path_points(&r.path);
        for w in pts.windows(2) {
            let straight = w[0].0 == w[1].0 || w[0].1 == w[1].1;
            assert!(straight, "{name}: edge {e} has a slanted piece {w:?}");
            for (v, n) in l.nodes.iter().enumerate() {
                if v == r.from || v == r.to {
                    continue;
                }
                let d = gap_to_box(w[0], w[1], n);
                assert!(
                    d >= CLEARANCE - 0.06,
                    "{name}: edge {e} within {d} px of box {v}"
                );
            }
        }
    }
}

/// No two edges from different sources end at one point.
fn assert_own_arrivals(name: &str, l: &Layout) {
    let mut ends: Vec<((i64, i64), usize, usize)> = l
        .edges
        .iter()
        .filter_map(|r| {
            let &(x, y) = path_points(&r.path).last()?;
            Some((((x * 10.0) as i64, (y * 10.0) as i64), r.to, r.from))
        })
        .collect();
    ends.sort_unstable();
    for w in ends.windows(2) {
        let same_point = w[0].0 == w[1].0 && w[0].1 == w[1].1;
        assert!(
            !same_point || w[0].2 == w[1].2,
            "{name}: stacked arrival {w:?}"
        );
    }
}

#[test]
fn edges_keep_clear_of_foreign_boxes_both_ways() {
    for (name, specs) in shapes() {
        let g = Graph::build(&specs);
        for opts in both_directions() {
            assert_clear(&name, &layout(&g, &opts));
        }
    }
}

#[test]
fn narrow_gaps_between_boxes_still_keep_edges_clear() {
    let tight = LayoutOptions {
        h_gap: 6.0,
        ..LayoutOptions::default()
    };
    for seed in 0..2 {
        let g = Graph::build(&gen::ops_like(200, seed));
        assert_clear("ops_like h_gap 6", &layout(&g, &tight));
    }
}

#[test]
fn in_edges_from_different_sources_end_at_different_points() {
    for (name, specs) in shapes() {
        let g = Graph::build(&specs);
        for opts in both_directions() {
            assert_own_arrivals(&name, &layout(&g, &opts));
        }
    }
}

#[test]
fn edges_cross_steeply_and_never_run_together() {
    for (name, specs) in shapes() {
        let g = Graph::build(&specs);
        for opts in both_directions() {
            let m = measure(&layout(&g, &opts));
            assert!(m.shallow_share <= 0.10, "{name}: {m:?}");
            assert!(m.overlap_share < 0.01, "{name}: {m:?}");
            assert_eq!((m.stacked_arrivals, m.grazing), (0, [0, 0]), "{name}");
        }
    }
}

#[test]
fn a_diamond_arrives_at_two_ports_in_source_order() {
    let spec = |id: i64, up: &[i64], down: &[i64]| NodeSpec {
        id,
        upstreams: up.to_vec(),
        downstreams: down.to_vec(),
        parallel_idx: 0,
    };
    let g = Graph::build(&[
        spec(1, &[], &[2, 3]),
        spec(2, &[1], &[4]),
        spec(3, &[1], &[4]),
        spec(4, &[2, 3], &[]),
    ]);
    for opts in both_directions() {
        let l = layout(&g, &opts);
        let lr = opts.direction == Direction::LeftToRight;
        let across = |p: (f64, f64)| if lr { p.1 } else { p.0 };
        let end = |e: usize| across(*path_points(&l.edges[e].path).last().unwrap());
        let start = |v: usize| across((l.nodes[v].x, l.nodes[v].y));
        let (e2, e3) = (
            l.edges
                .iter()
                .position(|r| (r.from, r.to) == (1, 3))
                .unwrap(),
            l.edges
                .iter()
                .position(|r| (r.from, r.to) == (2, 3))
                .unwrap(),
        );
        assert_ne!(end(e2), end(e3));
        assert_eq!(start(1) < start(2), end(e2) < end(e3));
    }
}

fn arb_dag() -> impl Strategy<Value = Vec<NodeSpec>> {
    let ups = prop::collection::vec((1usize..4, 0usize..64), 0..4);
    prop::collection::vec((ups, 0i64..3), 1..60).prop_map(|nodes| {
        let mut specs: Vec<NodeSpec> = (0..nodes.len())
            .map(|i| NodeSpec {
                id: 1000 + i as i64,
                parallel_idx: nodes[i].1,
                ..NodeSpec::default()
            })
            .collect();
        for (i, (ups, _)) in nodes.iter().enumerate() {
            for &(back, pick) in ups {
                if i >= back {
                    let u = i - back - pick % (i - back + 1).min(3);
                    if !specs[i].upstreams.contains(&(1000 + u as i64)) {
                        specs[i].upstreams.push(1000 + u as i64);
                        specs[u].downstreams.push(1000 + i as i64);
                    }
                }
            }
        }
        specs
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        cases: 96,
        ..ProptestConfig::default()
    })]
    #[test]
    fn arbitrary_dags_keep_clear_and_arrive_apart(specs in arb_dag()) {
        let g = Graph::build(&specs);
        for opts in both_directions() {
            let l = layout(&g, &opts);
            assert_clear("arbitrary", &l);
            assert_own_arrivals("arbitrary", &l);
        }
    }
}
