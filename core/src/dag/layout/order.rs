//! Crossing reduction: barycenter sweeps down and up the layers, each followed by swapping
//! neighbours that cross less the other way round; the best order seen wins.

use super::crossings::pair_crossings;
use super::csr::Csr;
use super::dummies::Layered;
use crate::sort::{f64_key, sort_keyed, Key};

/// Graph size (nodes and segments of the layered graph) up to which sweeps restart from
/// shuffled orders, `(RESTART_WORK / size)²` times, so that small graphs, cheap to sweep,
/// get the most.
const RESTART_WORK: usize = 4000;
/// Most restarts, for the smallest graphs.
const MAX_RESTARTS: usize = 24;
/// Sweeps after each restart (most gains come in the first two).
const RESTART_SWEEPS: usize = 2;

impl Layered {
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
    /// the fewest crossings; small graphs also sweep from a few shuffled starts.
    pub(super) fn reduce_crossings(&mut self, sweeps: usize) -> usize {
        let mut s = SweepBuffers::default();
        let first = self.order.clone();
        let mut best = self.sweep(sweeps, &mut s);
        let mut best_order = self.order.clone();
        let size = self.layer.len() + self.down.len();
        let restarts = if sweeps == 0 {
            0
        } else {
            (RESTART_WORK / size.max(1)).pow(2).min(MAX_RESTARTS)
        };
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..restarts {
            if best == 0 {
                break;
            }
            self.order.clone_from(&first);
            for l in 0..self.layers() {
                let nodes = &mut self.order[self.start[l]..self.start[l + 1]];
                for i in (1..nodes.len()).rev() {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    nodes.swap(i, (rng % (i as u64 + 1)) as usize);
                }
            }
            self.renumber();
            let c = self.sweep(sweeps.min(RESTART_SWEEPS), &mut s);
            if c < best {
                best = c;
                best_order.clone_from(&self.order);
            }
        }
        self.order = best_order;
        self.renumber();
        best
    }

    /// Sweeps from the current order; leaves the best order found in place and returns its
    /// crossings.
    fn sweep(&mut self, sweeps: usize, s: &mut SweepBuffers) -> usize {
        let mut best = self.crossings(&mut s.tree, &mut s.buf);
        let mut best_order = self.order.clone();
        let layers = self.layers();
        for _ in 0..sweeps {
            if best == 0 {
                break;
            }
            for half in 0..2 {
                if half == 0 {
                    (1..layers).for_each(|l| self.reorder(l, l - 1, &mut s.keys));
                } else {
                    (0..layers.saturating_sub(1))
                        .rev()
                        .for_each(|l| self.reorder(l, l + 1, &mut s.keys));
                }
                self.transpose(&mut s.t);
                let c = self.crossings(&mut s.tree, &mut s.buf);
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
}

/// Work buffers of the sweeps.
#[derive(Default)]
struct SweepBuffers {
    tree: Vec<u64>,
    buf: Vec<u32>,
    keys: Vec<(Key, u32)>,
    t: Transpose,
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

#[cfg(test)]
mod tests {
    use super::super::super::gen;
    use super::super::super::graph::{Graph, NodeSpec};
    use super::super::crossings::count_crossings;
    use super::super::rank::layers_of;
    use super::super::{layout, LayoutOptions};
    use super::*;

    fn build(g: &Graph) -> Layered {
        let dag: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        Layered::build(g, &dag, layers_of(g.len(), &dag), &mut Vec::new())
    }

    fn recount(lg: &Layered) -> usize {
        let layers: Vec<Vec<usize>> = (0..lg.layers())
            .map(|l| lg.nodes(l).iter().map(|&v| v as usize).collect())
            .collect();
        let mut segments = Vec::new();
        for v in 0..lg.layer.len() as u32 {
            segments.extend(lg.down.of(v).iter().map(|&w| (v as usize, w as usize)));
        }
        count_crossings(&layers, &segments)
    }

    #[test]
    fn reported_crossings_match_the_final_order() {
        for seed in 0..4 {
            let g = Graph::build(&gen::layered(400, seed));
            let l = layout(&g, &LayoutOptions::default());
            let mut lg = build(&g);
            let c = lg.reduce_crossings(LayoutOptions::default().sweeps);
            assert_eq!(recount(&lg), c);
            assert_eq!(l.crossings, c);
        }
    }

    #[test]
    fn restarts_on_small_graphs_never_lose_to_the_plain_sweep() {
        let mut gained = false;
        for seed in 0..4 {
            let g = Graph::build(&gen::ops_like(100, seed));
            let mut plain = build(&g);
            let once = plain.sweep(4, &mut SweepBuffers::default());
            let mut lg = build(&g);
            let c = lg.reduce_crossings(4);
            assert!(c <= once, "seed {seed}: {c} > {once}");
            assert_eq!(recount(&lg), c);
            gained |= c < once;
        }
        assert!(gained, "restarts never found a better order");
    }

    #[test]
    fn a_crossed_pair_is_untangled_and_sweeps_never_add_crossings() {
        // Ids put 2 left of 3, but 0 (left) feeds 3 and 1 (right) feeds 2.
        let spec = |id: i64, up: &[i64], down: &[i64]| NodeSpec {
            id,
            upstreams: up.to_vec(),
            downstreams: down.to_vec(),
            parallel_idx: 0,
        };
        let g = Graph::build(&[
            spec(0, &[], &[3]),
            spec(1, &[], &[2]),
            spec(2, &[1], &[]),
            spec(3, &[0], &[]),
        ]);
        let mut lg = build(&g);
        assert_eq!(recount(&lg), 1);
        assert_eq!(lg.reduce_crossings(1), 0);
        assert_eq!(recount(&lg), 0);
        for seed in 0..3 {
            let mut lg = build(&Graph::build(&gen::layered(200, seed)));
            let before = recount(&lg);
            assert!(lg.reduce_crossings(4) <= before);
        }
    }
}
