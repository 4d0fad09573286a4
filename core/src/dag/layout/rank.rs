//! Ranking: longest-path layers, then nodes that feed more than they consume move down to
//! sit just above their downstreams.

use super::csr::Csr;

/// Layer per node of the acyclic `dag`; every edge goes at least one layer down.
pub(super) fn layers_of(n: usize, dag: &[(u32, u32)]) -> Vec<u32> {
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

#[cfg(test)]
mod tests {
    use super::layers_of;

    #[test]
    fn every_edge_goes_down_and_sources_start_at_zero() {
        let dag = [(0, 1), (1, 2), (0, 2), (3, 2), (2, 4)];
        let layer = layers_of(5, &dag);
        assert!(dag
            .iter()
            .all(|&(a, b)| layer[a as usize] < layer[b as usize]));
        assert_eq!((layer[0], layer[1], layer[2], layer[4]), (0, 1, 2, 3));
    }

    #[test]
    fn a_lone_feeder_moves_next_to_its_downstreams() {
        // Node 3 has no upstream and one downstream three layers down.
        let dag = [(0, 1), (1, 2), (2, 4), (3, 4)];
        let layer = layers_of(5, &dag);
        assert_eq!(layer[3] + 1, layer[4]);
        assert_eq!(layers_of(3, &[]), vec![0, 0, 0]);
    }
}
