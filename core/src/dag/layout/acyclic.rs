//! Cycle breaking: the edges a depth-first search finds closing a cycle are drawn reversed.

use super::super::graph::Graph;

/// Flags, per edge of `g`, the DFS back edges (visiting nodes and edges in id order).
pub(super) fn back_edges(g: &Graph) -> Vec<bool> {
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

#[cfg(test)]
mod tests {
    use super::super::super::gen;
    use super::super::super::graph::{Graph, NodeSpec};
    use super::back_edges;

    fn ring(n: i64) -> Vec<NodeSpec> {
        (0..n)
            .map(|i| NodeSpec {
                id: i,
                upstreams: vec![(i + n - 1) % n],
                downstreams: vec![(i + 1) % n],
                parallel_idx: 0,
            })
            .collect()
    }

    /// True when the edges left after reversing the flagged ones have a topological order.
    fn acyclic_after_reversal(g: &Graph, back: &[bool]) -> bool {
        let n = g.len();
        let mut indeg = vec![0usize; n];
        let mut outs = vec![Vec::new(); n];
        for (e, &(a, b)) in g.edges.iter().enumerate() {
            let (a, b) = if back[e] { (b, a) } else { (a, b) };
            if a != b {
                outs[a].push(b);
                indeg[b] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(v) = ready.pop() {
            seen += 1;
            for &w in &outs[v] {
                indeg[w] -= 1;
                if indeg[w] == 0 {
                    ready.push(w);
                }
            }
        }
        seen == n
    }

    #[test]
    fn a_dag_keeps_every_edge() {
        let g = Graph::build(&gen::layered(300, 3));
        assert!(back_edges(&g).iter().all(|b| !b));
    }

    #[test]
    fn reversing_the_flagged_edges_leaves_no_cycle() {
        for n in [2, 3, 50] {
            let g = Graph::build(&ring(n));
            let back = back_edges(&g);
            assert_eq!(back.iter().filter(|&&b| b).count(), 1);
            assert!(acyclic_after_reversal(&g, &back));
        }
        let mut specs = gen::layered(60, 1);
        let (first, last) = (specs[0].id, specs[59].id);
        specs[0].upstreams.push(last);
        specs[59].downstreams.push(first);
        let g = Graph::build(&specs);
        assert!(acyclic_after_reversal(&g, &back_edges(&g)));
    }
}
