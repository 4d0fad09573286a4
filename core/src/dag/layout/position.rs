//! Coordinates across the layers: each node is pulled to the median of its neighbours,
//! layer by layer, by weighted isotonic regression that keeps the boxes' gaps.

use super::dummies::Layered;
use crate::sort::{f64_from_key, f64_key, sort_keyed};

/// Least room on each side of an edge passing a layer beside a box or another such edge.
const PASSAGE: f64 = 12.0;

impl Layered {
    /// Cross-axis centre of every node: alternating down/up passes pull each node to the
    /// median of its placed neighbours, resolved per layer by weighted isotonic regression so
    /// boxes keep their gaps; chain links and dummies weigh most, which keeps them straight.
    pub(super) fn place(&self, half_ext: f64, gap: f64) -> Vec<f64> {
        const PASSES: usize = 5;
        let real = self.real;
        let half = |v: u32| if (v as usize) < real { half_ext } else { 0.0 };
        let sep = |a: u32, b: u32| {
            let both_real = (a as usize) < real && (b as usize) < real;
            half(a)
                + half(b)
                + if both_real {
                    gap
                } else {
                    (gap / 2.0).max(PASSAGE)
                }
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
pub(super) fn isotonic(
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

#[cfg(test)]
mod tests {
    use super::super::super::gen;
    use super::super::super::graph::Graph;
    use super::super::rank::layers_of;
    use super::*;

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

    #[test]
    fn placed_neighbours_keep_their_order_and_gap() {
        let g = Graph::build(&gen::layered(300, 2));
        let dag: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        let lg = Layered::build(&g, &dag, layers_of(g.len(), &dag), &mut Vec::new());
        let (half, gap) = (110.0, 32.0);
        let x = lg.place(half, gap);
        for l in 0..lg.layers() {
            for w in lg.nodes(l).windows(2) {
                let reach = |v: u32| if (v as usize) < lg.real { half } else { 0.0 };
                let both_real = (w[0] as usize) < lg.real && (w[1] as usize) < lg.real;
                let room = if both_real {
                    gap
                } else {
                    (gap / 2.0).max(PASSAGE)
                };
                let need = reach(w[0]) + reach(w[1]) + room;
                assert!(x[w[1] as usize] - x[w[0] as usize] >= need - 1e-6);
            }
        }
    }
}
