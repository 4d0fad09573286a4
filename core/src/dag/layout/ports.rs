//! Ports: each in-edge meets its target's side at its own point, in the order of where the
//! edges come from, as close to straight below their sources as the spacing allows.

use super::position::isotonic;
use crate::sort::{f64_key, order_by};

/// Wished spacing between neighbouring ports.
const PORT_GAP: f64 = 16.0;
/// Side length kept free of ports at each corner.
const PORT_MARGIN: f64 = 14.0;

/// Cross-axis point of every arrival `(target, from)`, where `from` is the cross-axis point
/// the edge leaves its upper layer at; `centre` is each node's cross-axis centre and `side`
/// the length of the side edges arrive on.
pub(super) fn ports(arrivals: &[(u32, f64)], centre: &[f64], side: f64) -> Vec<f64> {
    let mut at = vec![0.0; arrivals.len()];
    let order = order_by(arrivals.len(), |i| {
        [u64::from(arrivals[i].0), f64_key(arrivals[i].1), 0]
    });
    let (mut target, mut weight, mut offs, mut out, mut blocks) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < order.len() {
        let v = arrivals[order[i] as usize].0;
        let mut j = i;
        while j < order.len() && arrivals[order[j] as usize].0 == v {
            j += 1;
        }
        let group = &order[i..j];
        let k = group.len();
        let c = centre[v as usize];
        let reach = (side / 2.0 - PORT_MARGIN).max(0.0);
        let (lo, hi) = (c - reach, c + reach);
        let step = if k > 1 {
            PORT_GAP.min((hi - lo) / (k - 1) as f64)
        } else {
            0.0
        };
        target.clear();
        weight.clear();
        offs.clear();
        for (p, &a) in group.iter().enumerate() {
            target.push(arrivals[a as usize].1.clamp(lo, hi));
            weight.push(1.0);
            offs.push(p as f64 * step);
        }
        isotonic(&target, &weight, &offs, &mut out, &mut blocks);
        for (p, &a) in group.iter().enumerate() {
            let floor = lo + p as f64 * step;
            let ceil = hi - (k - 1 - p) as f64 * step;
            at[a as usize] = out[p].clamp(floor, ceil.max(floor));
        }
        i = j;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_arrival_lands_straight_below_its_source_when_it_can() {
        let centre = [100.0, 500.0];
        let at = ports(&[(0, 130.0), (1, 0.0)], &centre, 220.0);
        assert_eq!(at[0], 130.0);
        assert_eq!(at[1], 500.0 - 110.0 + PORT_MARGIN);
    }

    #[test]
    fn arrivals_are_ordered_by_origin_spaced_and_kept_on_the_side() {
        let centre = [0.0, 1000.0];
        let arrivals: Vec<(u32, f64)> = [900.0, -400.0, 0.0, 1.0, 2.0, 60.0]
            .iter()
            .map(|&x| (0, x))
            .chain([(1, 1000.0)])
            .collect();
        let at = ports(&arrivals, &centre, 220.0);
        let mut by_origin: Vec<usize> = (0..6).collect();
        by_origin.sort_by(|&a, &b| arrivals[a].1.total_cmp(&arrivals[b].1));
        for w in by_origin.windows(2) {
            assert!(at[w[1]] - at[w[0]] >= PORT_GAP - 1e-9, "{at:?}");
        }
        let reach = 110.0 - PORT_MARGIN;
        assert!(at[..6]
            .iter()
            .all(|&x| (-reach - 1e-9..=reach + 1e-9).contains(&x)));
        assert_eq!(at[6], 1000.0);
    }

    #[test]
    fn crowded_sides_shrink_the_spacing_but_keep_the_order() {
        let arrivals: Vec<(u32, f64)> = (0..40).map(|i| (0, f64::from(i % 7))).collect();
        let at = ports(&arrivals, &[0.0], 220.0);
        let mut by_origin: Vec<usize> = (0..40).collect();
        by_origin.sort_by(|&a, &b| arrivals[a].1.total_cmp(&arrivals[b].1).then(a.cmp(&b)));
        for w in by_origin.windows(2) {
            assert!(at[w[1]] > at[w[0]]);
        }
    }
}
