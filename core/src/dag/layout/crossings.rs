//! Counting crossings between adjacent layers: the Barth–Mutzel–Jünger accumulator tree for
//! whole layers and a merge count for two neighbouring nodes.

use super::csr::Csr;
use super::dummies::Layered;

/// Crossings between two adjacent layers, given each `upper` node's `down` neighbours and
/// every node's place `pos` in its layer.
pub(super) fn crossings_between(
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

impl Layered {
    /// Crossings of the current order over all layers.
    pub(super) fn crossings(&self, tree: &mut Vec<u64>, buf: &mut Vec<u32>) -> usize {
        (1..self.layers())
            .map(|l| {
                let lower = self.nodes(l).len();
                crossings_between(self.nodes(l - 1), lower, &self.down, &self.pos, tree, buf)
            })
            .sum()
    }
}

/// Crossings between the edges of two neighbours (given their sorted neighbour positions)
/// with `a` left of `b`, and with `b` left of `a`.
pub(super) fn pair_crossings(a: &[u32], b: &[u32]) -> (u64, u64) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn pair_crossings_matches_brute_force_both_ways() {
        let cases: [(&[u32], &[u32]); 4] = [
            (&[0, 2, 5], &[1, 2, 3]),
            (&[], &[1]),
            (&[3, 3], &[3]),
            (&[4], &[0, 1, 9]),
        ];
        for (a, b) in cases {
            let count = |l: &[u32], r: &[u32]| -> u64 {
                let pairs = l.iter().flat_map(|&x| r.iter().map(move |&y| (x, y)));
                pairs.filter(|&(x, y)| x > y).count() as u64
            };
            assert_eq!(pair_crossings(a, b), (count(a, b), count(b, a)));
        }
    }
}
