//! Compressed adjacency lists over `u32` node numbers, shared by every layout phase.

/// `list[start[v]..start[v + 1]]` are the neighbours of `v`, in input order.
pub(super) struct Csr {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Csr {
    /// Adjacency of `pairs` keyed by their first node, or by their second when `reverse`.
    pub(super) fn new(n: usize, pairs: &[(u32, u32)], reverse: bool) -> Csr {
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

    /// Number of pairs.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    pub(super) fn of(&self, v: u32) -> &[u32] {
        &self.list[self.start[v as usize] as usize..self.start[v as usize + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn lists_neighbours_both_ways_in_input_order() {
        let pairs = [(0, 2), (1, 2), (0, 1), (2, 0)];
        let down = Csr::new(3, &pairs, false);
        assert_eq!(
            (down.of(0), down.of(1), down.of(2)),
            (&[2, 1][..], &[2][..], &[0][..])
        );
        let up = Csr::new(3, &pairs, true);
        assert_eq!(
            (up.of(0), up.of(1), up.of(2)),
            (&[2][..], &[0][..], &[0, 1][..])
        );
        assert!(Csr::new(2, &[], false).of(1).is_empty());
    }
}
