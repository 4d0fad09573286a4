//! Subtask dependency graph built from OCP `upstreams`/`downstreams` lists,
//! with every inconsistency in the input recorded as a [`Problem`] instead of a panic.

use crate::sort::{by_key, i64_key};
use std::fmt;

/// One subtask as the API reports it: its id, both neighbour lists and its branch index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSpec {
    pub id: i64,
    pub upstreams: Vec<i64>,
    pub downstreams: Vec<i64>,
    pub parallel_idx: i64,
}

/// An inconsistency found while building a [`Graph`]; the graph is still usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An edge names a subtask that is not in the list; the edge is dropped.
    UnknownNode { from: i64, to: i64 },
    /// A subtask lists itself as a neighbour; the loop is kept and drawn.
    SelfLoop { id: i64 },
    /// The edge appears in only one of the two endpoints' lists; it is kept.
    Mismatch { from: i64, to: i64 },
    /// The subtasks of one strongly connected component (sorted ids); one entry per cycle group.
    Cycle { ids: Vec<i64> },
    /// Several subtasks share this id; they are merged into one node.
    DuplicateId { id: i64 },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownNode { from, to } => {
                write!(f, "edge {from} → {to} points to an unknown subtask")
            }
            Problem::SelfLoop { id } => write!(f, "subtask {id} depends on itself"),
            Problem::Mismatch { from, to } => write!(
                f,
                "edge {from} → {to} is listed by only one of its two subtasks"
            ),
            Problem::Cycle { ids } => {
                let list: Vec<String> = ids.iter().map(i64::to_string).collect();
                write!(f, "subtasks {} form a cycle", list.join(", "))
            }
            Problem::DuplicateId { id } => write!(f, "subtask id {id} appears more than once"),
        }
    }
}

/// A deduplicated directed graph over subtasks, indexed by position in the sorted `ids`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    /// Subtask ids, sorted and deduplicated; a node's index is its position here.
    pub ids: Vec<i64>,
    /// `parallelIdx` per node (the smallest one when an id was duplicated).
    pub parallel_idx: Vec<i64>,
    /// Edges `(from, to)` as node indices, sorted and deduplicated; self-loops included.
    pub edges: Vec<(usize, usize)>,
    /// Everything odd about the input, in a deterministic order.
    pub problems: Vec<Problem>,
    up_start: Vec<usize>,
    up: Vec<usize>,
    down_start: Vec<usize>,
    down: Vec<usize>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut h: u64, v: u64) -> u64 {
    for b in v.to_le_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Compressed adjacency: `start[i]..start[i + 1]` indexes `list` for node `i`.
fn csr(n: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; n + 1];
    for (a, _) in pairs.clone() {
        start[a + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut list = vec![0usize; start[n]];
    for (a, b) in pairs {
        list[fill[a]] = b;
        fill[a] += 1;
    }
    (start, list)
}

impl Graph {
    /// Builds the graph; never panics, whatever the lists say.
    pub fn build(nodes: &[NodeSpec]) -> Graph {
        let order: Vec<&NodeSpec> = by_key(nodes, |s| [i64_key(s.id), 0, 0]).collect();
        let mut problems = Vec::new();
        let mut ids: Vec<i64> = Vec::with_capacity(order.len());
        let mut parallel_idx: Vec<i64> = Vec::with_capacity(order.len());
        for s in &order {
            if ids.last() == Some(&s.id) {
                let last = parallel_idx.len() - 1;
                parallel_idx[last] = parallel_idx[last].min(s.parallel_idx);
                if problems.last() != Some(&Problem::DuplicateId { id: s.id }) {
                    problems.push(Problem::DuplicateId { id: s.id });
                }
            } else {
                ids.push(s.id);
                parallel_idx.push(s.parallel_idx);
            }
        }

        // (from, to, claim): bit 1 = listed by `to` in its upstreams, bit 2 = by `from` in its downstreams.
        let mut raw: Vec<(i64, i64, u8)> = Vec::new();
        for s in &order {
            raw.extend(s.upstreams.iter().map(|&u| (u, s.id, 1u8)));
            raw.extend(s.downstreams.iter().map(|&d| (s.id, d, 2u8)));
        }
        let raw: Vec<(i64, i64, u8)> =
            by_key(&raw, |&(a, b, c)| [i64_key(a), i64_key(b), u64::from(c)])
                .copied()
                .collect();
        let mut edges = Vec::with_capacity(raw.len());
        let mut k = 0;
        while k < raw.len() {
            let (from, to, mut claim) = raw[k];
            k += 1;
            while k < raw.len() && raw[k].0 == from && raw[k].1 == to {
                claim |= raw[k].2;
                k += 1;
            }
            let index = |id: i64| ids.binary_search(&id).ok();
            match (index(from), index(to)) {
                (Some(a), Some(b)) => {
                    if a == b {
                        problems.push(Problem::SelfLoop { id: from });
                    } else if claim != 3 {
                        problems.push(Problem::Mismatch { from, to });
                    }
                    edges.push((a, b));
                }
                _ => problems.push(Problem::UnknownNode { from, to }),
            }
        }

        let n = ids.len();
        let (up_start, up) = csr(n, edges.iter().map(|&(a, b)| (b, a)));
        let (down_start, down) = csr(n, edges.iter().copied());
        let mut g = Graph {
            ids,
            parallel_idx,
            edges,
            problems,
            up_start,
            up,
            down_start,
            down,
        };
        let cycles = g.cycle_groups();
        g.problems
            .extend(cycles.into_iter().map(|ids| Problem::Cycle { ids }));
        g
    }

    /// Strongly connected components with more than one node (iterative Tarjan), as sorted id lists.
    fn cycle_groups(&self) -> Vec<Vec<i64>> {
        const NONE: usize = usize::MAX;
        let n = self.len();
        let mut index = vec![NONE; n];
        let mut low = vec![0usize; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut call: Vec<(usize, usize)> = Vec::new();
        let mut next = 0;
        let mut groups: Vec<Vec<i64>> = Vec::new();
        for root in 0..n {
            if index[root] != NONE {
                continue;
            }
            call.push((root, 0));
            while let Some(&mut (v, ref mut e)) = call.last_mut() {
                if *e == 0 {
                    index[v] = next;
                    low[v] = next;
                    next += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                let outs = self.downstreams_of(v);
                if *e < outs.len() {
                    let w = outs[*e];
                    *e += 1;
                    if index[w] == NONE {
                        call.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut group = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        group.push(self.ids[w]);
                        if w == v {
                            break;
                        }
                    }
                    if group.len() > 1 {
                        groups.push(by_key(&group, |&id| [i64_key(id), 0, 0]).copied().collect());
                    }
                }
            }
        }
        // Groups are disjoint, so their first ids order them.
        by_key(&groups, |g| [i64_key(g[0]), 0, 0])
            .cloned()
            .collect()
    }

    /// Index of the subtask with this id.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    /// FNV-1a hash of ids, `parallel_idx` and edges: equal keys mean an identical layout.
    pub fn shape_key(&self) -> u64 {
        let mut h = fnv(FNV_OFFSET, self.ids.len() as u64);
        for (&id, &p) in self.ids.iter().zip(&self.parallel_idx) {
            h = fnv(fnv(h, id as u64), p as u64);
        }
        h = fnv(h, self.edges.len() as u64);
        for &(a, b) in &self.edges {
            h = fnv(fnv(h, a as u64), b as u64);
        }
        h
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Indices of the nodes with an edge into `i`, ascending.
    pub fn upstreams_of(&self, i: usize) -> &[usize] {
        &self.up[self.up_start[i]..self.up_start[i + 1]]
    }

    /// Indices of the nodes `i` has an edge to, ascending.
    pub fn downstreams_of(&self, i: usize) -> &[usize] {
        &self.down[self.down_start[i]..self.down_start[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: i64, up: &[i64], down: &[i64]) -> NodeSpec {
        NodeSpec {
            id,
            upstreams: up.to_vec(),
            downstreams: down.to_vec(),
            parallel_idx: -1,
        }
    }

    #[test]
    fn consistent_lists_give_no_problems() {
        let g = Graph::build(&[spec(3, &[1], &[]), spec(1, &[], &[3])]);
        assert_eq!(g.ids, vec![1, 3]);
        assert_eq!(g.edges, vec![(0, 1)]);
        assert!(g.problems.is_empty());
        assert_eq!(g.downstreams_of(0), &[1]);
        assert_eq!(g.upstreams_of(1), &[0]);
        assert_eq!(g.index_of(3), Some(1));
        assert_eq!(g.index_of(2), None);
        assert_eq!(g.len(), 2);
        assert!(!g.is_empty());
    }

    #[test]
    fn empty_input() {
        let g = Graph::build(&[]);
        assert!(g.is_empty() && g.edges.is_empty() && g.problems.is_empty());
    }

    #[test]
    fn hostile_lists_are_reported() {
        let g = Graph::build(&[
            spec(1, &[], &[2, 2, 9]),
            spec(2, &[1, 1], &[]),
            spec(3, &[2], &[3]),
            spec(4, &[], &[]),
            spec(4, &[1], &[]),
        ]);
        assert_eq!(g.ids, vec![1, 2, 3, 4]);
        assert_eq!(g.edges, vec![(0, 1), (0, 3), (1, 2), (2, 2)]);
        assert_eq!(
            g.problems,
            vec![
                Problem::DuplicateId { id: 4 },
                Problem::Mismatch { from: 1, to: 4 },
                Problem::UnknownNode { from: 1, to: 9 },
                Problem::Mismatch { from: 2, to: 3 },
                Problem::SelfLoop { id: 3 },
            ]
        );
    }

    #[test]
    fn cycles_are_one_problem_per_component() {
        let g = Graph::build(&[
            spec(1, &[2], &[2]),
            spec(2, &[1], &[1]),
            spec(5, &[7], &[6]),
            spec(6, &[5], &[7]),
            spec(7, &[6], &[5]),
        ]);
        assert_eq!(
            g.problems,
            vec![
                Problem::Cycle { ids: vec![1, 2] },
                Problem::Cycle { ids: vec![5, 6, 7] }
            ]
        );
    }

    #[test]
    fn big_cycle_does_not_overflow_the_stack() {
        let n = 20_000i64;
        let specs: Vec<NodeSpec> = (0..n)
            .map(|i| spec(i, &[(i + n - 1) % n], &[(i + 1) % n]))
            .collect();
        let g = Graph::build(&specs);
        assert_eq!(g.problems.len(), 1);
        assert!(matches!(&g.problems[0], Problem::Cycle { ids } if ids.len() == n as usize));
    }

    #[test]
    fn duplicate_id_keeps_smallest_parallel_idx_and_union_of_edges() {
        let mut a = spec(1, &[], &[2]);
        a.parallel_idx = 3;
        let mut b = spec(1, &[], &[]);
        b.parallel_idx = 1;
        let g = Graph::build(&[a.clone(), spec(2, &[1], &[]), b.clone()]);
        let h = Graph::build(&[b, spec(2, &[1], &[]), a]);
        assert_eq!(g.parallel_idx, vec![1, -1]);
        assert_eq!(g.edges, vec![(0, 1)]);
        assert_eq!(g, h);
    }

    #[test]
    fn shape_key_is_order_independent_and_shape_sensitive() {
        let a = vec![spec(1, &[], &[2]), spec(2, &[1], &[3]), spec(3, &[2], &[])];
        let mut b = a.clone();
        b.reverse();
        let key = Graph::build(&a).shape_key();
        assert_eq!(key, Graph::build(&b).shape_key());
        let mut renamed = a.clone();
        renamed[2].id = 4;
        renamed[1].downstreams = vec![4];
        assert_ne!(key, Graph::build(&renamed).shape_key());
        let mut c = a.clone();
        c[0].parallel_idx = 0;
        assert_ne!(key, Graph::build(&c).shape_key());
        let mut d = a.clone();
        d[0].downstreams.push(3);
        d[2].upstreams.push(1);
        assert_ne!(key, Graph::build(&d).shape_key());
    }

    #[test]
    fn distinct_generated_shapes_get_distinct_keys() {
        use crate::dag::gen;
        let mut keys = Vec::new();
        for n in 1..40 {
            keys.push(Graph::build(&gen::chain(n)).shape_key());
            keys.push(Graph::build(&gen::fan(n, 3)).shape_key());
            for seed in 0..3 {
                let specs = gen::layered(n, seed);
                let key = Graph::build(&specs).shape_key();
                let mut reversed = specs.clone();
                reversed.reverse();
                assert_eq!(key, Graph::build(&reversed).shape_key());
                keys.push(key);
            }
        }
        let graphs: Vec<Graph> = (1..40)
            .flat_map(|n| {
                let mut v = vec![gen::chain(n), gen::fan(n, 3)];
                v.extend((0..3).map(|s| gen::layered(n, s)));
                v
            })
            .map(|s| Graph::build(&s))
            .collect();
        for i in 0..graphs.len() {
            for j in i + 1..graphs.len() {
                let same = graphs[i] == graphs[j];
                assert_eq!(same, keys[i] == keys[j], "graphs {i} and {j}");
            }
        }
    }

    #[test]
    fn problems_read_well() {
        let cases = [
            (
                Problem::UnknownNode { from: 5, to: 9 },
                "edge 5 → 9 points to an unknown subtask",
            ),
            (Problem::SelfLoop { id: 4 }, "subtask 4 depends on itself"),
            (
                Problem::Mismatch { from: 1, to: 2 },
                "edge 1 → 2 is listed by only one of its two subtasks",
            ),
            (
                Problem::Cycle { ids: vec![1, 2] },
                "subtasks 1, 2 form a cycle",
            ),
            (
                Problem::DuplicateId { id: 7 },
                "subtask id 7 appears more than once",
            ),
        ];
        for (p, text) in cases {
            assert_eq!(p.to_string(), text);
        }
    }
}
