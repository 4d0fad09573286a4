//! Layered (Sugiyama-style) layout of a subtask [`Graph`] into node boxes and SVG edge paths;
//! deterministic and dependent on the graph's shape only.

use super::graph::Graph;
use crate::sort::{f64_from_key, f64_key, i64_key, order_by, sort_keyed, Key};
use std::fmt::Write;

/// Which way layers follow each other.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Direction {
    /// Sources at the top, edges pointing down.
    #[default]
    TopToBottom,
    /// Sources on the left, edges pointing right.
    LeftToRight,
}

/// Sizes and tuning of [`layout`].
#[derive(Clone, Debug)]
pub struct LayoutOptions {
    pub direction: Direction,
    /// Box width in pixels, whatever the direction.
    pub node_width: f64,
    /// Box height in pixels, whatever the direction.
    pub node_height: f64,
    /// Gap between neighbours in the same layer (horizontal when top to bottom).
    pub h_gap: f64,
    /// Gap between consecutive layers (vertical when top to bottom).
    pub v_gap: f64,
    /// Crossing-reduction sweeps; each sweep goes down then up.
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: Direction::TopToBottom,
            node_width: 220.0,
            node_height: 56.0,
            h_gap: 32.0,
            v_gap: 48.0,
            sweeps: 4,
        }
    }
}

/// A node's box (top-left corner and size), its layer and its rank among the layer's nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub layer: usize,
    pub order: usize,
}

/// One drawn edge of the graph, in the graph's edge order.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeRoute {
    pub from: usize,
    pub to: usize,
    /// SVG path data ending on the border of the `to` box, so an arrowhead marker fits.
    pub path: String,
    /// Box `(x0, y0, x1, y1)` around the path's points, for culling.
    pub bounds: (f64, f64, f64, f64),
    /// The edge closes a cycle (or is a self-loop): drawn against the flow and worth marking.
    pub back_edge: bool,
}

/// The result of [`layout`]: boxes indexed like `Graph::ids`, routes like `Graph::edges`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeRoute>,
    /// Size of the drawing (a suitable SVG `viewBox` is `0 0 width height`).
    pub width: f64,
    pub height: f64,
    /// Edge crossings between adjacent layers, long edges counted per segment (edges left
    /// direct by the dummy budget are not counted).
    pub crossings: usize,
    /// Number of layers (0 for an empty graph).
    pub layers: usize,
}

/// Dummy nodes allowed per real node and edge, bounding work on pathological long-edge graphs.
const MAX_DUMMIES_PER_ITEM: usize = 16;

/// Compressed adjacency lists over `u32` node numbers.
struct Csr {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Csr {
    fn new(n: usize, pairs: &[(u32, u32)], reverse: bool) -> Csr {
        let mut start = vec![0u32; n + 1];
        for &(a, b) in pairs {
            start[if reverse { b } else { a } as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; pairs.len()];
        for &(a, b) in pairs {
            let (k, v) = if reverse { (b, a) } else { (a, b) };
            list[fill[k as usize] as usize] = v;
            fill[k as usize] += 1;
        }
        Csr { start, list }
    }

    fn of(&self, v: u32) -> &[u32] {
        &self.list[self.start[v as usize] as usize..self.start[v as usize + 1] as usize]
    }
}

/// Crossings between two adjacent layers (Barth–Mutzel–Jünger accumulator tree).
fn crossings_between(
    upper: &[u32],
    lower_len: usize,
    down: &Csr,
    pos: &[u32],
    tree: &mut Vec<u64>,
    buf: &mut Vec<u32>,
) -> usize {
    let mut first = 1;
    while first < lower_len {
        first *= 2;
    }
    tree.clear();
    tree.resize(2 * first - 1, 0);
    first -= 1;
    let mut count = 0u64;
    for &u in upper {
        buf.clear();
        buf.extend(down.of(u).iter().map(|&w| pos[w as usize]));
        buf.sort_unstable();
        for &p in buf.iter() {
            let mut i = p as usize + first;
            tree[i] += 1;
            while i > 0 {
                if i % 2 == 1 {
                    count += tree[i + 1];
                }
                i = (i - 1) / 2;
                tree[i] += 1;
            }
        }
    }
    count as usize
}

/// Total crossings of `edges` between adjacent `layers` (each a left-to-right list of node
/// numbers); edges between non-adjacent layers or unknown nodes are ignored.
pub fn count_crossings(layers: &[Vec<usize>], edges: &[(usize, usize)]) -> usize {
    let n = layers.iter().flatten().max().map_or(0, |&m| m + 1);
    let mut layer = vec![u32::MAX; n];
    let mut pos = vec![0u32; n];
    for (l, nodes) in layers.iter().enumerate() {
        for (p, &v) in nodes.iter().enumerate() {
            layer[v] = l as u32;
            pos[v] = p as u32;
        }
    }
    let segments: Vec<(u32, u32)> = edges
        .iter()
        .filter(|&&(a, b)| a < n && b < n && layer[a] != u32::MAX && layer[b] != u32::MAX)
        .filter_map(|&(a, b)| match layer[b].checked_sub(layer[a]) {
            Some(1) => Some((a as u32, b as u32)),
            _ if layer[a].checked_sub(layer[b]) == Some(1) => Some((b as u32, a as u32)),
            _ => None,
        })
        .collect();
    let down = Csr::new(n, &segments, false);
    let (mut tree, mut buf) = (Vec::new(), Vec::new());
    let upper: Vec<Vec<u32>> = layers
        .iter()
        .map(|l| l.iter().map(|&v| v as u32).collect())
        .collect();
    upper
        .windows(2)
        .map(|w| crossings_between(&w[0], w[1].len(), &down, &pos, &mut tree, &mut buf))
        .sum()
}

/// The proper layered graph: real nodes `0..real`, then one dummy per inner layer of a long edge.
struct Layered {
    real: usize,
    layer: Vec<u32>,
    up: Csr,
    down: Csr,
    /// Nodes layer by layer, each layer left to right; layer `l` is `order[start[l]..start[l + 1]]`.
    order: Vec<u32>,
    start: Vec<usize>,
    pos: Vec<u32>,
}

/// Reverses DFS back edges (visiting nodes and edges in id order); returns the flags per edge.
fn back_edges(g: &Graph) -> Vec<bool> {
    let n = g.len();
    let mut edge_start = vec![0usize; n + 1];
    for &(a, _) in &g.edges {
        edge_start[a + 1] += 1;
    }
    for i in 0..n {
        edge_start[i + 1] += edge_start[i];
    }
    let mut back = vec![false; g.edges.len()];
    let mut state = vec![0u8; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, k) = *top;
            let outs = g.downstreams_of(v);
            if k == outs.len() {
                state[v] = 2;
                stack.pop();
                continue;
            }
            top.1 += 1;
            let w = outs[k];
            match state[w] {
                0 => {
                    state[w] = 1;
                    stack.push((w, 0));
                }
                1 => back[edge_start[v] + k] = true,
                _ => {}
            }
        }
    }
    back
}

/// Longest-path layers over the acyclic `dag` edges, then nodes with more downstreams than
/// upstreams are pulled down next to their downstreams to shorten edges.
fn layers_of(n: usize, dag: &[(u32, u32)]) -> Vec<u32> {
    let down = Csr::new(n, dag, false);
    let mut indeg = vec![0u32; n];
    for &(_, b) in dag {
        indeg[b as usize] += 1;
    }
    let ins = indeg.clone();
    let mut topo: Vec<u32> = (0..n as u32).filter(|&v| indeg[v as usize] == 0).collect();
    let mut layer = vec![0u32; n];
    let mut head = 0;
    while head < topo.len() {
        let v = topo[head];
        head += 1;
        for &w in down.of(v) {
            layer[w as usize] = layer[w as usize].max(layer[v as usize] + 1);
            indeg[w as usize] -= 1;
            if indeg[w as usize] == 0 {
                topo.push(w);
            }
        }
    }
    for &v in topo.iter().rev() {
        let outs = down.of(v);
        if !outs.is_empty() && (ins[v as usize] as usize) < outs.len() {
            let min = outs.iter().map(|&w| layer[w as usize]).min().unwrap_or(0);
            layer[v as usize] = layer[v as usize].max(min - 1);
        }
    }
    layer
}

impl Layered {
    /// Splits long edges into dummy chains; `paths` receives each dag edge's node chain.
    /// Dummies go to the shortest edges first, up to [`MAX_DUMMIES_PER_ITEM`] per node and
    /// edge; longer edges beyond that stay direct lines outside crossing reduction.
    fn build(g: &Graph, dag: &[(u32, u32)], layer: Vec<u32>, paths: &mut Vec<Vec<u32>>) -> Self {
        let real = g.len();
        let mut layer = layer;
        let span = |&(a, b): &(u32, u32)| (layer[b as usize] - layer[a as usize] - 1) as usize;
        let budget = MAX_DUMMIES_PER_ITEM * (real + dag.len());
        let mut split = vec![true; dag.len()];
        if dag.iter().map(span).sum::<usize>() > budget {
            let by_span = order_by(dag.len(), |e| [span(&dag[e]) as u64, 0, 0]);
            let mut used = 0;
            for e in by_span.into_iter().map(|e| e as usize) {
                used += span(&dag[e]);
                split[e] = used <= budget;
            }
        }
        // A dummy takes its edge source's key; dummies that tie keep their creation order.
        let mut key: Vec<(i64, i64)> = (0..real).map(|v| (g.parallel_idx[v], g.ids[v])).collect();
        let mut segments = Vec::with_capacity(dag.len());
        for (e, &(a, b)) in dag.iter().enumerate() {
            let mut path = vec![a];
            if !split[e] {
                path.push(b);
                paths.push(path);
                continue;
            }
            for l in layer[a as usize] + 1..layer[b as usize] {
                let d = layer.len() as u32;
                layer.push(l);
                key.push((g.parallel_idx[a as usize], g.ids[a as usize]));
                segments.push((*path.last().unwrap(), d));
                path.push(d);
            }
            segments.push((*path.last().unwrap(), b));
            path.push(b);
            paths.push(path);
        }
        let n = layer.len();
        let layers = layer.iter().max().map_or(0, |&m| m as usize + 1);
        let order = order_by(n, |v| {
            [u64::from(layer[v]), i64_key(key[v].0), i64_key(key[v].1)]
        });
        let mut start = vec![0usize; layers + 1];
        for &l in &layer {
            start[l as usize + 1] += 1;
        }
        for l in 0..layers {
            start[l + 1] += start[l];
        }
        let mut lg = Layered {
            real,
            up: Csr::new(n, &segments, true),
            down: Csr::new(n, &segments, false),
            layer,
            order,
            start,
            pos: vec![0; n],
        };
        lg.renumber();
        lg
    }

    fn layers(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    fn nodes(&self, l: usize) -> &[u32] {
        &self.order[self.start[l]..self.start[l + 1]]
    }

    fn renumber(&mut self) {
        for l in 0..self.layers() {
            for (p, &v) in self.order[self.start[l]..self.start[l + 1]]
                .iter()
                .enumerate()
            {
                self.pos[v as usize] = p as u32;
            }
        }
    }

    fn crossings(&self, tree: &mut Vec<u64>, buf: &mut Vec<u32>) -> usize {
        (1..self.layers())
            .map(|l| {
                let lower = self.nodes(l).len();
                crossings_between(self.nodes(l - 1), lower, &self.down, &self.pos, tree, buf)
            })
            .sum()
    }

    /// Reorders layer `l` by the barycenter of its neighbours in the adjacent layer `from`;
    /// nodes without neighbours there, and ties, keep their relative place.
    fn reorder(&mut self, l: usize, from: usize, keys: &mut Vec<(Key, u32)>) {
        let nbrs = if from < l { &self.up } else { &self.down };
        let other = (self.nodes(from).len() as f64).max(1.0);
        let own = self.nodes(l).len() as f64;
        keys.clear();
        for &v in self.nodes(l) {
            let p = self.pos[v as usize];
            let ns = nbrs.of(v);
            let bary = if ns.is_empty() {
                (f64::from(p) + 0.5) / own
            } else {
                let sum: f64 = ns.iter().map(|&w| f64::from(self.pos[w as usize])).sum();
                (sum / ns.len() as f64 + 0.5) / other
            };
            keys.push(([f64_key(bary), u64::from(p), 0], v));
        }
        sort_keyed(keys);
        let first = self.start[l];
        for (p, &(_, v)) in keys.iter().enumerate() {
            self.order[first + p] = v;
            self.pos[v as usize] = p as u32;
        }
    }

    /// Swaps neighbours within each layer while that strictly lowers the crossings around them.
    fn transpose(&mut self, t: &mut Transpose) {
        for l in 0..self.layers() {
            let first = self.start[l];
            let nodes = &self.order[first..self.start[l + 1]];
            if nodes.len() < 2 {
                continue;
            }
            t.gather(nodes, &self.up, &self.down, &self.pos);
            let mut improved = true;
            for _ in 0..4 {
                if !improved {
                    break;
                }
                improved = false;
                for i in 0..nodes.len() - 1 {
                    let (a, b) = (t.slot[i], t.slot[i + 1]);
                    let (ab_up, ba_up) = pair_crossings(t.ups(a), t.ups(b));
                    let (ab_down, ba_down) = pair_crossings(t.downs(a), t.downs(b));
                    if ba_up + ba_down < ab_up + ab_down {
                        t.slot.swap(i, i + 1);
                        improved = true;
                    }
                }
            }
            let original: Vec<u32> = nodes.to_vec();
            for (p, &k) in t.slot.iter().enumerate() {
                let v = original[k];
                self.order[first + p] = v;
                self.pos[v as usize] = p as u32;
            }
        }
    }

    /// Barycenter sweeps down and up, each followed by transposition, keeping the order with
    /// the fewest crossings.
    fn reduce_crossings(&mut self, sweeps: usize) -> usize {
        let (mut tree, mut buf, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        let mut t = Transpose::default();
        let mut best = self.crossings(&mut tree, &mut buf);
        let mut best_order = self.order.clone();
        let layers = self.layers();
        for _ in 0..sweeps {
            if best == 0 {
                break;
            }
            for half in 0..2 {
                if half == 0 {
                    (1..layers).for_each(|l| self.reorder(l, l - 1, &mut keys));
                } else {
                    (0..layers.saturating_sub(1))
                        .rev()
                        .for_each(|l| self.reorder(l, l + 1, &mut keys));
                }
                self.transpose(&mut t);
                let c = self.crossings(&mut tree, &mut buf);
                if c < best {
                    best = c;
                    best_order.clone_from(&self.order);
                }
            }
        }
        self.order = best_order;
        self.renumber();
        best
    }

    /// Cross-axis centre of every node: alternating down/up passes pull each node to the
    /// median of its placed neighbours, resolved per layer by weighted isotonic regression so
    /// boxes keep their gaps; chain links and dummies weigh most, which keeps them straight.
    fn place(&self, half_ext: f64, gap: f64) -> Vec<f64> {
        const PASSES: usize = 5;
        let real = self.real;
        let half = |v: u32| if (v as usize) < real { half_ext } else { 0.0 };
        let sep = |a: u32, b: u32| {
            let both_real = (a as usize) < real && (b as usize) < real;
            half(a) + half(b) + if both_real { gap } else { gap / 2.0 }
        };
        let mut x = vec![0.0; self.layer.len()];
        let mut offs = Vec::new();
        for l in 0..self.layers() {
            let l = self.nodes(l);
            offsets(l, &sep, &mut offs);
            let mid = offs.last().map_or(0.0, |&o| o / 2.0);
            for (i, &v) in l.iter().enumerate() {
                x[v as usize] = offs[i] - mid;
            }
        }
        let (mut target, mut weight, mut out, mut blocks, mut med) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let layers = self.layers();
        for pass in 0..PASSES {
            let downward = pass % 2 == 0;
            let (nbrs, back) = if downward {
                (&self.up, &self.down)
            } else {
                (&self.down, &self.up)
            };
            for step in 1..layers {
                let l = if downward { step } else { layers - 1 - step };
                let nodes = self.nodes(l);
                target.clear();
                weight.clear();
                for &v in nodes {
                    let ns = nbrs.of(v);
                    if ns.is_empty() {
                        target.push(x[v as usize]);
                        weight.push(0.05);
                        continue;
                    }
                    med.clear();
                    med.extend(ns.iter().map(|&w| ([f64_key(x[w as usize]), 0, 0], 0)));
                    sort_keyed(&mut med);
                    let m = med.len();
                    let at = |i: usize| f64_from_key(med[i].0[0]);
                    target.push((at((m - 1) / 2) + at(m / 2)) / 2.0);
                    let link = m == 1 && back.of(ns[0]).len() == 1;
                    let dummy = v as usize >= real;
                    weight.push(if dummy || link { 8.0 } else { m as f64 });
                }
                offsets(nodes, &sep, &mut offs);
                isotonic(&target, &weight, &offs, &mut out, &mut blocks);
                for (i, &v) in nodes.iter().enumerate() {
                    x[v as usize] = out[i];
                }
            }
        }
        x
    }
}

/// Sorted neighbour positions of one layer's nodes, and the nodes' tentative order as `slot`.
#[derive(Default)]
struct Transpose {
    up_pos: Vec<u32>,
    up_at: Vec<usize>,
    down_pos: Vec<u32>,
    down_at: Vec<usize>,
    slot: Vec<usize>,
}

impl Transpose {
    fn gather(&mut self, nodes: &[u32], up: &Csr, down: &Csr, pos: &[u32]) {
        let fill = |list: &mut Vec<u32>, at: &mut Vec<usize>, adj: &Csr| {
            list.clear();
            at.clear();
            for &v in nodes {
                at.push(list.len());
                list.extend(adj.of(v).iter().map(|&w| pos[w as usize]));
                let s = at[at.len() - 1];
                list[s..].sort_unstable();
            }
            at.push(list.len());
        };
        fill(&mut self.up_pos, &mut self.up_at, up);
        fill(&mut self.down_pos, &mut self.down_at, down);
        self.slot.clear();
        self.slot.extend(0..nodes.len());
    }

    fn ups(&self, k: usize) -> &[u32] {
        &self.up_pos[self.up_at[k]..self.up_at[k + 1]]
    }

    fn downs(&self, k: usize) -> &[u32] {
        &self.down_pos[self.down_at[k]..self.down_at[k + 1]]
    }
}

/// Crossings between the edges of two neighbours (given their sorted neighbour positions)
/// with `a` left of `b`, and with `b` left of `a`.
fn pair_crossings(a: &[u32], b: &[u32]) -> (u64, u64) {
    let (mut lt, mut le) = (0, 0);
    let (mut ab, mut ba) = (0u64, 0u64);
    for &y in b {
        while lt < a.len() && a[lt] < y {
            lt += 1;
        }
        while le < a.len() && a[le] <= y {
            le += 1;
        }
        ab += (a.len() - le) as u64;
        ba += lt as u64;
    }
    (ab, ba)
}

/// Cumulative minimal distances from the first node of a layer to each node.
fn offsets(nodes: &[u32], sep: &impl Fn(u32, u32) -> f64, offs: &mut Vec<f64>) {
    offs.clear();
    let mut acc = 0.0;
    for (i, &v) in nodes.iter().enumerate() {
        if i > 0 {
            acc += sep(nodes[i - 1], v);
        }
        offs.push(acc);
    }
}

/// Positions closest (weighted least squares) to `target` with `out[i+1] - out[i] >=
/// offs[i+1] - offs[i]`, by pool-adjacent-violators on `target - offs`.
fn isotonic(
    target: &[f64],
    weight: &[f64],
    offs: &[f64],
    out: &mut Vec<f64>,
    blocks: &mut Vec<(f64, f64, usize)>,
) {
    blocks.clear();
    for i in 0..target.len() {
        let w = weight[i];
        let mut b = (w, w * (target[i] - offs[i]), 1);
        while let Some(&p) = blocks.last() {
            if p.1 / p.0 < b.1 / b.0 {
                break;
            }
            b = (p.0 + b.0, p.1 + b.1, p.2 + b.2);
            blocks.pop();
        }
        blocks.push(b);
    }
    out.clear();
    for &(w, wt, len) in blocks.iter() {
        let mean = wt / w;
        for _ in 0..len {
            out.push(mean + offs[out.len()]);
        }
    }
}

/// Appends `cmd x y` with one decimal, as `{:.1}` would but without float formatting's cost.
fn push_point(s: &mut String, cmd: &str, (x, y): (f64, f64)) {
    s.push_str(cmd);
    for (k, v) in [x, y].into_iter().enumerate() {
        if k == 1 {
            s.push(' ');
        }
        let tenths = (v * 10.0).round();
        let tenths = if tenths.is_finite() { tenths as i64 } else { 0 };
        if tenths < 0 {
            s.push('-');
        }
        let a = tenths.unsigned_abs();
        let _ = write!(s, "{}.{}", a / 10, a % 10);
    }
}

/// Box `(x0, y0, x1, y1)` around `pts`.
fn bounds(pts: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    pts.iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

/// `M`/`L` path data through `pts` (in x, y), skipping points inside straight runs.
fn polyline(pts: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(16 * pts.len());
    for (i, &(x, y)) in pts.iter().enumerate() {
        if i > 0 && i + 1 < pts.len() {
            let (p, q) = (pts[i - 1], pts[i + 1]);
            if (p.0 == x && q.0 == x) || (p.1 == y && q.1 == y) {
                continue;
            }
        }
        push_point(&mut s, if i == 0 { "M" } else { " L" }, (x, y));
    }
    s
}

/// Lays out `g`: layers, crossing reduction, coordinates and edge routes.
pub fn layout(g: &Graph, opts: &LayoutOptions) -> Layout {
    let n = g.len();
    let lr = opts.direction == Direction::LeftToRight;
    let (cross_ext, main_ext) = if lr {
        (opts.node_height, opts.node_width)
    } else {
        (opts.node_width, opts.node_height)
    };
    let back = back_edges(g);
    let mut dag = Vec::with_capacity(g.edges.len());
    for (e, &(a, b)) in g.edges.iter().enumerate() {
        if a != b {
            let (a, b) = (a as u32, b as u32);
            dag.push(if back[e] { (b, a) } else { (a, b) });
        }
    }
    let mut paths = Vec::with_capacity(dag.len());
    let mut lg = Layered::build(g, &dag, layers_of(n, &dag), &mut paths);
    let crossings = lg.reduce_crossings(opts.sweeps);
    let mut cross = lg.place(cross_ext / 2.0, opts.h_gap);

    let loop_bulge = opts.h_gap * 0.75;
    let has_loops = g.edges.iter().any(|&(a, b)| a == b);
    let min = (0..cross.len())
        .map(|v| cross[v] - if v < n { cross_ext / 2.0 } else { 0.0 })
        .fold(f64::INFINITY, f64::min);
    let shift = if min.is_finite() { -min } else { 0.0 };
    let mut cross_size: f64 = 0.0;
    for (v, c) in cross.iter_mut().enumerate() {
        *c += shift;
        let reach = if v < n { cross_ext / 2.0 } else { 0.0 };
        cross_size = cross_size.max(*c + reach);
    }
    if has_loops {
        cross_size += loop_bulge;
    }
    let layers = lg.layers();
    let main_size = if layers == 0 {
        0.0
    } else {
        layers as f64 * (main_ext + opts.v_gap) - opts.v_gap
    };
    let top = |v: u32| f64::from(lg.layer[v as usize]) * (main_ext + opts.v_gap);
    let pt = |c: f64, m: f64| if lr { (m, c) } else { (c, m) };
    let mut rank = vec![0usize; n];
    for l in 0..layers {
        for (r, &v) in lg
            .nodes(l)
            .iter()
            .filter(|&&v| (v as usize) < n)
            .enumerate()
        {
            rank[v as usize] = r;
        }
    }

    let nodes = (0..n)
        .map(|v| {
            let (x, y) = pt(cross[v] - cross_ext / 2.0, top(v as u32));
            NodeBox {
                x,
                y,
                w: opts.node_width,
                h: opts.node_height,
                layer: lg.layer[v] as usize,
                order: rank[v],
            }
        })
        .collect();

    let mut edges = Vec::with_capacity(g.edges.len());
    let mut next_path = paths.iter_mut();
    for (e, &(from, to)) in g.edges.iter().enumerate() {
        let (path, bounds) = if from == to {
            let r = cross[from] + cross_ext / 2.0;
            let t = top(from as u32);
            let (m0, m1, k) = (t + main_ext * 0.3, t + main_ext * 0.7, main_ext * 0.2);
            let p = [
                pt(r, m0),
                pt(r + loop_bulge, m0 - k),
                pt(r + loop_bulge, m1 + k),
                pt(r, m1),
            ];
            let mut s = String::with_capacity(48);
            for (p, cmd) in p.into_iter().zip(["M", " C", " ", " "]) {
                push_point(&mut s, cmd, p);
            }
            (s, bounds(&p))
        } else {
            let chain = next_path.next().map(std::mem::take).unwrap_or_default();
            let nudge = if back[e] { cross_ext / 4.0 } else { 0.0 };
            let mut pts = Vec::with_capacity(2 * chain.len());
            for (i, &v) in chain.iter().enumerate() {
                let (c, t) = (cross[v as usize], top(v));
                if i == 0 {
                    pts.push(pt(c + nudge, t + main_ext));
                } else if i + 1 == chain.len() {
                    pts.push(pt(c + nudge, t));
                } else {
                    pts.push(pt(c, t));
                    pts.push(pt(c, t + main_ext));
                }
            }
            if back[e] {
                pts.reverse();
            }
            (polyline(&pts), bounds(&pts))
        };
        edges.push(EdgeRoute {
            from,
            to,
            path,
            bounds,
            back_edge: back[e] || from == to,
        });
    }
    let (width, height) = pt(cross_size, main_size);
    Layout {
        nodes,
        edges,
        width,
        height,
        crossings,
        layers,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::gen;
    use super::super::graph::{Graph, NodeSpec, Problem};
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

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
            13025761, 13025762, 13025757, 13025758, 13025760, 13025759, 13025763, 13025765,
            13025766, 13025764,
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

    fn quick(specs: &[NodeSpec]) -> (Graph, Layout) {
        let t = Instant::now();
        let out = run(specs, &LayoutOptions::default());
        run(specs, &lr());
        assert!(t.elapsed() < Duration::from_secs(10));
        out
    }

    #[test]
    fn hostile_inputs_are_drawn_and_reported() {
        let (g, l) = quick(&[]);
        assert_eq!((l.layers, l.width, l.height), (0, 0.0, 0.0));
        assert!(g.problems.is_empty());

        let (_, l) = quick(&[spec(7, &[], &[])]);
        assert_eq!((l.layers, l.width, l.height), (1, 220.0, 56.0));

        let (g, l) = quick(&[spec(1, &[], &[2]), spec(2, &[], &[])]);
        assert_eq!(g.problems, vec![Problem::Mismatch { from: 1, to: 2 }]);
        assert_eq!(l.layers, 2);

        let (g, l) = quick(&[spec(1, &[0], &[2, 2]), spec(2, &[1, 1], &[9])]);
        assert_eq!(l.edges.len(), 1);
        assert_eq!(g.problems.len(), 2);

        let (g, l) = quick(&[spec(1, &[], &[]), spec(1, &[], &[2]), spec(2, &[1], &[])]);
        assert_eq!(g.problems, vec![Problem::DuplicateId { id: 1 }]);
        assert_eq!((l.nodes.len(), l.edges.len()), (2, 1));

        let (g, l) = quick(&[spec(1, &[1], &[1, 2]), spec(2, &[1], &[])]);
        assert_eq!(g.problems, vec![Problem::SelfLoop { id: 1 }]);
        assert!(l.edges[0].back_edge && l.edges[0].path.contains('C'));
        assert!(!l.edges[1].back_edge);
        assert!(l.width >= 220.0 + 24.0);

        let (g, l) = quick(&[spec(1, &[2], &[2]), spec(2, &[1], &[1])]);
        assert_eq!(g.problems, vec![Problem::Cycle { ids: vec![1, 2] }]);
        assert_eq!(l.edges.iter().filter(|e| e.back_edge).count(), 1);
        assert_ne!(l.edges[0].path, l.edges[1].path);
    }

    #[test]
    fn big_cycle_and_wide_layer_finish_quickly() {
        let n = 10_000i64;
        let ring: Vec<NodeSpec> = (0..n)
            .map(|i| spec(i, &[(i + n - 1) % n], &[(i + 1) % n]))
            .collect();
        let (g, l) = quick(&ring);
        assert_eq!(g.problems.len(), 1);
        assert_eq!(l.edges.iter().filter(|e| e.back_edge).count(), 1);
        assert_eq!(l.layers, n as usize);

        let flat: Vec<NodeSpec> = (0..n).map(|i| spec(i, &[], &[])).collect();
        let (_, l) = quick(&flat);
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
        let (g, l) = quick(&specs);
        let down: Vec<NodeSpec> = shuffled(&specs);
        assert_eq!(l, layout(&Graph::build(&down), &LayoutOptions::default()));
        assert_eq!(g.problems.len(), g.edges.len());
        assert_eq!(l.layers, n as usize);
    }

    #[test]
    fn barth_mutzel_junger_matches_brute_force() {
        let mut s = 99u64;
        let mut rnd = |m: usize| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 33) as usize % m
        };
        for _ in 0..200 {
            let (a, b) = (1 + rnd(7), 1 + rnd(7));
            let layers = vec![(0..a).collect::<Vec<_>>(), (a..a + b).collect()];
            let edges: Vec<(usize, usize)> = (0..rnd(15)).map(|_| (rnd(a), a + rnd(b))).collect();
            let mut brute = 0;
            for (i, &(u1, v1)) in edges.iter().enumerate() {
                for &(u2, v2) in &edges[i + 1..] {
                    if (u1 < u2 && v1 > v2) || (u1 > u2 && v1 < v2) {
                        brute += 1;
                    }
                }
            }
            assert_eq!(count_crossings(&layers, &edges), brute);
            let flipped: Vec<(usize, usize)> = edges.iter().map(|&(u, v)| (v, u)).collect();
            assert_eq!(count_crossings(&layers, &flipped), brute);
        }
        assert_eq!(count_crossings(&[], &[(0, 1)]), 0);
        assert_eq!(count_crossings(&[vec![0], vec![1]], &[(0, 5)]), 0);
    }

    #[test]
    fn reported_crossings_match_the_final_order() {
        for seed in 0..4 {
            let g = Graph::build(&gen::layered(400, seed));
            let l = layout(&g, &LayoutOptions::default());
            let back = back_edges(&g);
            let dag: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
            assert!(back.iter().all(|b| !b));
            let mut lg = Layered::build(&g, &dag, layers_of(g.len(), &dag), &mut Vec::new());
            let c = lg.reduce_crossings(LayoutOptions::default().sweeps);
            let layers: Vec<Vec<usize>> = (0..lg.layers())
                .map(|l| lg.nodes(l).iter().map(|&v| v as usize).collect())
                .collect();
            let mut segments = Vec::new();
            for v in 0..lg.layer.len() as u32 {
                segments.extend(lg.down.of(v).iter().map(|&w| (v as usize, w as usize)));
            }
            assert_eq!(count_crossings(&layers, &segments), c);
            assert_eq!(l.crossings, c);
        }
    }

    #[test]
    fn isotonic_keeps_separation_and_hits_free_targets() {
        let (mut out, mut blocks) = (Vec::new(), Vec::new());
        isotonic(
            &[0.0, 0.0, 100.0],
            &[1.0; 3],
            &[0.0, 10.0, 20.0],
            &mut out,
            &mut blocks,
        );
        assert_eq!(out, vec![-5.0, 5.0, 100.0]);
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
}
