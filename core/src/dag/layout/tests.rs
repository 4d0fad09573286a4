//! Whole-layout invariants on generated and hostile graphs, both directions, and layout
//! stability under reordered input.

use super::super::gen;
use super::super::graph::{Graph, NodeSpec, Problem};
use super::*;
use proptest::prelude::*;

const EPS: f64 = 1e-6;

fn lr() -> LayoutOptions {
    LayoutOptions {
        direction: Direction::LeftToRight,
        ..LayoutOptions::default()
    }
}

fn numbers(path: &str) -> Vec<f64> {
    path.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().expect("path number"))
        .collect()
}

/// Every invariant a drawable layout must hold, in either direction.
fn check(g: &Graph, l: &Layout, opts: &LayoutOptions) {
    assert_eq!(l.nodes.len(), g.len());
    assert_eq!(l.edges.len(), g.edges.len());
    assert!(l.width.is_finite() && l.height.is_finite());
    let tb = opts.direction == Direction::TopToBottom;
    for b in &l.nodes {
        assert!(b.x.is_finite() && b.y.is_finite() && b.x >= -EPS && b.y >= -EPS);
        assert!(b.x + b.w <= l.width + EPS && b.y + b.h <= l.height + EPS);
        assert!(b.layer < l.layers);
    }
    let mut by_slot: Vec<&NodeBox> = l.nodes.iter().collect();
    by_slot.sort_by_key(|b| (b.layer, b.order));
    for w in by_slot.windows(2) {
        if w[0].layer == w[1].layer {
            assert_eq!(w[0].order + 1, w[1].order);
            let gap = if tb {
                w[1].x - (w[0].x + w[0].w)
            } else {
                w[1].y - (w[0].y + w[0].h)
            };
            assert!(gap >= opts.h_gap - EPS, "neighbours overlap: {w:?}");
        }
    }
    if g.len() <= 300 {
        for (i, a) in l.nodes.iter().enumerate() {
            for b in &l.nodes[i + 1..] {
                let apart = a.x + a.w <= b.x + EPS
                    || b.x + b.w <= a.x + EPS
                    || a.y + a.h <= b.y + EPS
                    || b.y + b.h <= a.y + EPS;
                assert!(apart, "boxes overlap: {a:?} {b:?}");
            }
        }
    }
    for (e, r) in l.edges.iter().enumerate() {
        assert_eq!((r.from, r.to), g.edges[e]);
        let (a, b) = (&l.nodes[r.from], &l.nodes[r.to]);
        if !r.back_edge {
            assert!(a.layer < b.layer, "edge {e} goes against the layers");
        }
        assert!(r.path.starts_with('M'));
        let nums = numbers(&r.path);
        assert!(nums.len() >= 4 && nums.len().is_multiple_of(2));
        assert!(nums.iter().all(|v| v.is_finite()));
        for p in nums.chunks_exact(2) {
            let b = r.bounds;
            let inside = |v: f64, lo: f64, hi: f64| v >= lo - 0.051 && v <= hi + 0.051;
            assert!(
                inside(p[0], b.0, b.2) && inside(p[1], b.1, b.3),
                "edge {e}: {p:?} outside {b:?}"
            );
        }
        let (xs, ys): (Vec<f64>, Vec<f64>) = nums.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
        let touches = |vs: &[f64], edge: f64| vs.iter().any(|v| (v - edge).abs() <= 0.051);
        assert!(
            touches(&xs, r.bounds.0) && touches(&xs, r.bounds.2),
            "edge {e}: x bounds"
        );
        assert!(
            touches(&ys, r.bounds.1) && touches(&ys, r.bounds.3),
            "edge {e}: y bounds"
        );
        let (x, y) = (nums[nums.len() - 2], nums[nums.len() - 1]);
        let t = 0.051;
        let in_x = x >= b.x - t && x <= b.x + b.w + t;
        let in_y = y >= b.y - t && y <= b.y + b.h + t;
        let on_v = (x - b.x).abs() <= t || (x - b.x - b.w).abs() <= t;
        let on_h = (y - b.y).abs() <= t || (y - b.y - b.h).abs() <= t;
        assert!(
            (on_v && in_y) || (on_h && in_x),
            "edge {e} ends off its target box"
        );
    }
}

fn run(specs: &[NodeSpec], opts: &LayoutOptions) -> (Graph, Layout) {
    let g = Graph::build(specs);
    let l = layout(&g, opts);
    check(&g, &l, opts);
    (g, l)
}

/// Same nodes in another order with each list reversed.
fn shuffled(specs: &[NodeSpec]) -> Vec<NodeSpec> {
    let mut out: Vec<NodeSpec> = specs.to_vec();
    let mut s = 0x2545_f491_4f6c_dd1du64;
    for i in (1..out.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        out.swap(i, (s % (i as u64 + 1)) as usize);
    }
    for n in &mut out {
        n.upstreams.reverse();
        n.downstreams.reverse();
    }
    out
}

fn generated() -> Vec<(String, Vec<NodeSpec>)> {
    let mut all = Vec::new();
    for n in [1, 2, 3, 10, 100, 2000] {
        all.push((format!("chain({n})"), gen::chain(n)));
    }
    for n in [1, 5, 40, 300, 2000] {
        for w in [1, 2, 3, 5] {
            all.push((format!("fan({n},{w})"), gen::fan(n, w)));
        }
    }
    for n in [1, 5, 50, 300, 2000] {
        for seed in 0..4 {
            all.push((format!("layered({n},{seed})"), gen::layered(n, seed)));
        }
    }
    all
}

#[test]
fn generated_graphs_hold_every_invariant_both_ways() {
    for (name, specs) in generated() {
        for opts in [LayoutOptions::default(), lr()] {
            let (g, l) = run(&specs, &opts);
            assert!(g.problems.is_empty(), "{name}");
            assert!(l.edges.iter().all(|e| !e.back_edge), "{name}");
        }
    }
}

#[test]
fn same_shape_gives_bit_identical_layout() {
    for (name, specs) in generated() {
        let opts = LayoutOptions::default();
        let (g, l) = run(&specs, &opts);
        assert_eq!(l, layout(&g, &opts), "{name}");
        let h = Graph::build(&shuffled(&specs));
        assert_eq!(g.shape_key(), h.shape_key(), "{name}");
        assert_eq!(l, layout(&h, &opts), "{name}");
    }
}

#[test]
fn chains_are_straight() {
    for n in [1, 2, 50, 2000] {
        let (_, l) = run(&gen::chain(n), &LayoutOptions::default());
        assert!(l.nodes.iter().all(|b| b.x == l.nodes[0].x));
        assert_eq!(l.layers, n);
        assert_eq!(l.crossings, 0);
        let (_, l) = run(&gen::chain(n), &lr());
        assert!(l.nodes.iter().all(|b| b.y == l.nodes[0].y));
        assert!(l.nodes.windows(2).all(|w| w[0].x < w[1].x));
    }
}

#[test]
fn fan_branches_sit_side_by_side_in_parallel_idx_order_and_stay_straight() {
    for w in [2, 3, 5] {
        let (g, l) = run(&gen::fan(500, w), &LayoutOptions::default());
        assert_eq!(l.crossings, 0);
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); l.layers];
        for (v, b) in l.nodes.iter().enumerate() {
            rows[b.layer].push(v);
        }
        for row in &mut rows {
            row.sort_by(|&a, &b| l.nodes[a].x.total_cmp(&l.nodes[b].x));
            if row.len() > 1 {
                let p: Vec<i64> = row.iter().map(|&v| g.parallel_idx[v]).collect();
                assert!(p.windows(2).all(|q| q[0] < q[1]), "{p:?}");
            }
        }
        for (v, b) in l.nodes.iter().enumerate() {
            if let [u] = g.upstreams_of(v) {
                if g.downstreams_of(*u).len() == 1 {
                    assert_eq!(b.x, l.nodes[*u].x, "chain link bends");
                }
            }
        }
    }
}

fn ocp(nodes: &[(i64, &[i64], &[i64], i64)]) -> Vec<NodeSpec> {
    nodes
        .iter()
        .map(|&(id, up, down, parallel_idx)| NodeSpec {
            id,
            upstreams: up.to_vec(),
            downstreams: down.to_vec(),
            parallel_idx,
        })
        .collect()
}

#[test]
fn ocp_seed_tasks() {
    let add_replica = ocp(&[
        (304130, &[304129], &[304131], -1),
        (304129, &[], &[304130], -1),
        (304131, &[304130], &[304132], -1),
        (304132, &[304131], &[], -1),
    ]);
    let switchover = ocp(&[
        (13025763, &[13025759], &[13025765], 0),
        (13025760, &[13025758], &[13025759], -1),
        (13025759, &[13025760], &[13025763], -1),
        (13025762, &[13025761], &[13025757], -1),
        (13025764, &[13025766], &[], -1),
        (13025757, &[13025762], &[13025758], -1),
        (13025765, &[13025763], &[13025766], -1),
        (13025766, &[13025765], &[13025764], -1),
        (13025758, &[13025757], &[13025760], -1),
        (13025761, &[], &[13025762], -1),
    ]);
    let flow = [
        13025761, 13025762, 13025757, 13025758, 13025760, 13025759, 13025763, 13025765, 13025766,
        13025764,
    ];
    for (specs, layers, edges) in [(add_replica, 4, 3), (switchover, 10, 9)] {
        let (g, l) = run(&specs, &LayoutOptions::default());
        assert!(g.problems.is_empty());
        assert_eq!((l.layers, l.edges.len(), l.crossings), (layers, edges, 0));
        assert!(l.nodes.iter().all(|b| b.x == 0.0));
        if layers == 10 {
            for (k, id) in flow.iter().enumerate() {
                assert_eq!(l.nodes[g.index_of(*id).unwrap()].layer, k);
            }
        }
        for e in &l.edges {
            let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
            let path = format!("M110.0 {:.1} L110.0 {:.1}", a.y + a.h, b.y);
            assert_eq!(e.path, path);
        }
    }
}

fn spec(id: i64, up: &[i64], down: &[i64]) -> NodeSpec {
    NodeSpec {
        id,
        upstreams: up.to_vec(),
        downstreams: down.to_vec(),
        parallel_idx: 0,
    }
}

/// Lays `specs` out both ways, checking every invariant; returns the top-to-bottom result.
fn both_ways(specs: &[NodeSpec]) -> (Graph, Layout) {
    let out = run(specs, &LayoutOptions::default());
    run(specs, &lr());
    out
}

#[test]
fn hostile_inputs_are_drawn_and_reported() {
    let (g, l) = both_ways(&[]);
    assert_eq!((l.layers, l.width, l.height), (0, 0.0, 0.0));
    assert!(g.problems.is_empty());

    let (_, l) = both_ways(&[spec(7, &[], &[])]);
    assert_eq!((l.layers, l.width, l.height), (1, 220.0, 56.0));

    let (g, l) = both_ways(&[spec(1, &[], &[2]), spec(2, &[], &[])]);
    assert_eq!(g.problems, vec![Problem::Mismatch { from: 1, to: 2 }]);
    assert_eq!(l.layers, 2);

    let (g, l) = both_ways(&[spec(1, &[0], &[2, 2]), spec(2, &[1, 1], &[9])]);
    assert_eq!(l.edges.len(), 1);
    assert_eq!(g.problems.len(), 2);

    let (g, l) = both_ways(&[spec(1, &[], &[]), spec(1, &[], &[2]), spec(2, &[1], &[])]);
    assert_eq!(g.problems, vec![Problem::DuplicateId { id: 1 }]);
    assert_eq!((l.nodes.len(), l.edges.len()), (2, 1));

    let (g, l) = both_ways(&[spec(1, &[1], &[1, 2]), spec(2, &[1], &[])]);
    assert_eq!(g.problems, vec![Problem::SelfLoop { id: 1 }]);
    assert!(l.edges[0].back_edge && l.edges[0].path.contains('C'));
    assert!(!l.edges[1].back_edge);
    assert!(l.width >= 220.0 + 24.0);

    let (g, l) = both_ways(&[spec(1, &[2], &[2]), spec(2, &[1], &[1])]);
    assert_eq!(g.problems, vec![Problem::Cycle { ids: vec![1, 2] }]);
    assert_eq!(l.edges.iter().filter(|e| e.back_edge).count(), 1);
    assert_ne!(l.edges[0].path, l.edges[1].path);
}

#[test]
fn big_cycle_and_wide_layer_are_drawn() {
    let n = 10_000i64;
    let ring: Vec<NodeSpec> = (0..n)
        .map(|i| spec(i, &[(i + n - 1) % n], &[(i + 1) % n]))
        .collect();
    let (g, l) = both_ways(&ring);
    assert_eq!(g.problems.len(), 1);
    assert_eq!(l.edges.iter().filter(|e| e.back_edge).count(), 1);
    assert_eq!(l.layers, n as usize);

    let flat: Vec<NodeSpec> = (0..n).map(|i| spec(i, &[], &[])).collect();
    let (_, l) = both_ways(&flat);
    assert_eq!(l.layers, 1);
    assert_eq!(l.width, n as f64 * 220.0 + (n - 1) as f64 * 32.0);
}

#[test]
fn long_edge_blow_up_is_bounded() {
    let n = 800i64;
    let specs: Vec<NodeSpec> = (0..n)
        .map(|i| {
            let up: Vec<i64> = if i == 0 { vec![] } else { vec![i - 1, 0] };
            spec(i, &up, &[])
        })
        .collect();
    let (g, l) = both_ways(&specs);
    let down: Vec<NodeSpec> = shuffled(&specs);
    assert_eq!(l, layout(&Graph::build(&down), &LayoutOptions::default()));
    assert_eq!(g.problems.len(), g.edges.len());
    assert_eq!(l.layers, n as usize);
}

fn arb_specs() -> impl Strategy<Value = Vec<NodeSpec>> {
    let ids = || prop::collection::vec(0i64..24, 0..4);
    prop::collection::vec((0i64..20, ids(), ids(), -1i64..3), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(id, upstreams, downstreams, parallel_idx)| NodeSpec {
                id,
                upstreams,
                downstreams,
                parallel_idx,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        cases: 512,
        ..ProptestConfig::default()
    })]
    #[test]
    fn arbitrary_lists_never_break_the_layout(specs in arb_specs()) {
        let mut unique: Vec<i64> = specs.iter().map(|s| s.id).collect();
        unique.sort_unstable();
        unique.dedup();
        for opts in [LayoutOptions::default(), lr()] {
            let (g, l) = run(&specs, &opts);
            prop_assert_eq!(l.nodes.len(), unique.len());
            prop_assert!(l.edges.iter().all(|e| !e.path.is_empty()));
            let h = Graph::build(&shuffled(&specs));
            prop_assert_eq!(&l, &layout(&h, &opts));
            prop_assert_eq!(g.problems, h.problems);
        }
    }
}
