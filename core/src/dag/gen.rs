//! Deterministic generators of OCP-like subtask DAGs for tests and benchmarks.

use super::graph::NodeSpec;
use crate::rng::Rng;

/// First id handed out, so ids look like OCP subtask ids rather than indices.
const BASE_ID: i64 = 100_000;

/// Collects nodes by index with their upstream indices, then fills both id lists consistently.
#[derive(Default)]
struct Builder {
    ups: Vec<Vec<usize>>,
    par: Vec<i64>,
}

impl Builder {
    fn add(&mut self, ups: Vec<usize>, parallel_idx: i64) -> usize {
        self.ups.push(ups);
        self.par.push(parallel_idx);
        self.ups.len() - 1
    }

    fn finish(self) -> Vec<NodeSpec> {
        let id = |i: usize| BASE_ID + i as i64;
        let mut nodes: Vec<NodeSpec> = (0..self.ups.len())
            .map(|i| NodeSpec {
                id: id(i),
                parallel_idx: self.par[i],
                ..NodeSpec::default()
            })
            .collect();
        for (i, ups) in self.ups.iter().enumerate() {
            for &u in ups {
                nodes[i].upstreams.push(id(u));
                nodes[u].downstreams.push(id(i));
            }
        }
        nodes
    }
}

/// `n` subtasks in one sequential chain.
pub fn chain(n: usize) -> Vec<NodeSpec> {
    let mut b = Builder::default();
    for i in 0..n {
        b.add(if i == 0 { vec![] } else { vec![i - 1] }, 0);
    }
    b.finish()
}

/// Stages of head → `width` parallel chains (`parallel_idx` 0..width) → tail, the tail heading
/// the next stage, until `n` nodes exist. Branches get ids in reverse branch order so that
/// the layout has to honour `parallel_idx`, not id order.
pub fn fan(n: usize, width: usize) -> Vec<NodeSpec> {
    let width = width.max(1);
    let mut b = Builder::default();
    if n == 0 {
        return Vec::new();
    }
    let mut head = b.add(vec![], 0);
    let mut stage = 0;
    'stages: loop {
        let len = 2 + stage % 3;
        let mut ends = Vec::with_capacity(width);
        for branch in (0..width).rev() {
            let mut prev = head;
            for _ in 0..len {
                if b.ups.len() == n {
                    break 'stages;
                }
                prev = b.add(vec![prev], branch as i64);
            }
            ends.push(prev);
        }
        if b.ups.len() == n {
            break;
        }
        ends.reverse();
        head = b.add(ends, 0);
        stage += 1;
    }
    b.finish()
}

/// Random layers of 1–8 nodes; every node past the first layer has 1–3 upstreams picked
/// from the previous 1–3 layers.
pub fn layered(n: usize, seed: u64) -> Vec<NodeSpec> {
    in_layers(n, Rng::new(seed), |range| range(1, 8))
}

/// Ops-like task DAGs: layers alternate between narrow steps (1–3 subtasks) and wide
/// batches (4–14), every node past the first layer with 1–3 upstreams from the previous
/// 1–3 layers.
pub fn ops_like(n: usize, seed: u64) -> Vec<NodeSpec> {
    in_layers(n, Rng::new(seed ^ 0x6f70_735f_6c69_6b65), |range| {
        if range(0, 2) == 0 {
            range(4, 14)
        } else {
            range(1, 3)
        }
    })
}

/// `n` nodes in layers of `width` nodes each, every node past the first layer with 1–3
/// upstreams from the previous 1–3 layers.
fn in_layers(
    n: usize,
    mut rng: Rng,
    width: impl Fn(&mut dyn FnMut(usize, usize) -> usize) -> usize,
) -> Vec<NodeSpec> {
    let mut range = move |lo: usize, hi: usize| rng.range(lo as u64, hi as u64) as usize;
    let mut b = Builder::default();
    let mut layers: Vec<std::ops::Range<usize>> = Vec::new();
    while b.ups.len() < n {
        let width = width(&mut range).min(n - b.ups.len());
        let start = b.ups.len();
        for _ in 0..width {
            let mut ups = Vec::new();
            if !layers.is_empty() {
                for _ in 0..range(1, 3) {
                    let back = range(1, 3.min(layers.len()));
                    let r = &layers[layers.len() - back];
                    ups.push(range(r.start, r.end - 1));
                }
                ups.sort_unstable();
                ups.dedup();
            }
            b.add(ups, 0);
        }
        layers.push(start..start + width);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::super::graph::Graph;
    use super::*;

    #[test]
    fn generators_give_n_consistent_nodes() {
        for n in [0, 1, 2, 7, 100, 1000] {
            for specs in [
                chain(n),
                fan(n, 3),
                fan(n, 1),
                layered(n, 7),
                ops_like(n, 7),
            ] {
                assert_eq!(specs.len(), n);
                let g = Graph::build(&specs);
                assert_eq!(g.len(), n);
                assert!(g.problems.is_empty(), "{:?}", g.problems);
            }
        }
    }

    #[test]
    fn layered_is_seeded() {
        assert_eq!(layered(300, 5), layered(300, 5));
        assert_ne!(layered(300, 5), layered(300, 6));
        for s in layered(300, 5).iter().skip(8) {
            assert!((1..=3).contains(&s.upstreams.len()));
        }
    }

    #[test]
    fn ops_like_is_seeded_with_narrow_and_wide_layers() {
        assert_eq!(ops_like(500, 1), ops_like(500, 1));
        assert_ne!(ops_like(500, 1), ops_like(500, 2));
        let g = Graph::build(&ops_like(500, 1));
        let mut depth = vec![0usize; g.len()];
        for v in 0..g.len() {
            let ups = g.upstreams_of(v);
            assert!(ups.len() <= 3);
            depth[v] = ups.iter().map(|&u| depth[u] + 1).max().unwrap_or(0);
        }
        let mut width = vec![0usize; depth.iter().max().unwrap() + 1];
        depth.iter().for_each(|&d| width[d] += 1);
        assert!(width.iter().any(|&w| w <= 3) && width.iter().any(|&w| w >= 8));
    }

    #[test]
    fn fan_branches_carry_parallel_idx() {
        let specs = fan(200, 4);
        assert!(specs.iter().all(|s| (0..4).contains(&s.parallel_idx)));
        assert!(specs.iter().any(|s| s.parallel_idx == 3));
        assert_eq!(specs[0].downstreams.len(), 4);
    }
}
