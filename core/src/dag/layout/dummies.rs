//! The proper layered graph: each long edge split into a chain of dummy nodes, one per layer
//! it crosses, so every segment joins adjacent layers.

use super::super::graph::Graph;
use super::csr::Csr;
use crate::sort::{i64_key, order_by};

/// Dummy nodes allowed per real node and edge, bounding work on pathological long-edge graphs.
const MAX_DUMMIES_PER_ITEM: usize = 16;

/// Real nodes `0..real`, then the dummies; layer `l` is `order[start[l]..start[l + 1]]`,
/// left to right, and `pos` is each node's place in its layer.
pub(super) struct Layered {
    pub(super) real: usize,
    pub(super) layer: Vec<u32>,
    pub(super) up: Csr,
    pub(super) down: Csr,
    pub(super) order: Vec<u32>,
    pub(super) start: Vec<usize>,
    pub(super) pos: Vec<u32>,
}

impl Layered {
    /// Splits long edges into dummy chains; `paths` receives each dag edge's node chain.
    /// Dummies go to the shortest edges first, up to [`MAX_DUMMIES_PER_ITEM`] per node and
    /// edge; longer edges beyond that stay direct lines outside crossing reduction.
    pub(super) fn build(
        g: &Graph,
        dag: &[(u32, u32)],
        layer: Vec<u32>,
        paths: &mut Vec<Vec<u32>>,
    ) -> Self {
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

    pub(super) fn layers(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub(super) fn nodes(&self, l: usize) -> &[u32] {
        &self.order[self.start[l]..self.start[l + 1]]
    }

    /// Recomputes `pos` from `order`.
    pub(super) fn renumber(&mut self) {
        for l in 0..self.layers() {
            for (p, &v) in self.order[self.start[l]..self.start[l + 1]]
                .iter()
                .enumerate()
            {
                self.pos[v as usize] = p as u32;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::graph::{Graph, NodeSpec};
    use super::super::rank::layers_of;
    use super::*;

    fn spec(id: i64, up: &[i64]) -> NodeSpec {
        NodeSpec {
            id,
            upstreams: up.to_vec(),
            downstreams: vec![],
            parallel_idx: 0,
        }
    }

    #[test]
    fn a_long_edge_gets_one_dummy_per_crossed_layer() {
        // 0 → 1 → 2 → 3 and a shortcut 0 → 3 crossing two layers.
        let g = Graph::build(&[spec(0, &[]), spec(1, &[0]), spec(2, &[1]), spec(3, &[2, 0])]);
        let dag: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        let mut paths = Vec::new();
        let lg = Layered::build(&g, &dag, layers_of(4, &dag), &mut paths);
        assert_eq!(lg.layer.len(), 4 + 2);
        assert_eq!(lg.layers(), 4);
        let long = paths.iter().find(|p| p.len() > 2).expect("split edge");
        assert_eq!((long[0], long[long.len() - 1], long.len()), (0, 3, 4));
        for w in long.windows(2) {
            assert_eq!(lg.layer[w[0] as usize] + 1, lg.layer[w[1] as usize]);
            assert!(lg.down.of(w[0]).contains(&w[1]));
        }
        for l in 0..lg.layers() {
            for (p, &v) in lg.nodes(l).iter().enumerate() {
                assert_eq!(
                    (lg.layer[v as usize] as usize, lg.pos[v as usize] as usize),
                    (l, p)
                );
            }
        }
    }
}
