//! Tracks: in each gap between layers, every hop (or, in a very crowded gap, every fan of hops
//! a trunk sends one way) gets a level with one horizontal run; levels are ordered to cross
//! less, and runs that do not overlap share a level.

use crate::sort::{f64_key, i64_key, order_by};

/// Horizontal room kept between two fans on one level.
pub(super) const FAN_GAP: f64 = 10.0;
/// Verticals closer than this would run on top of each other.
const SAME_X: f64 = 3.0;
/// Cost of an order that lays one fan's vertical over another's.
const OVERLAP_COST: i64 = 1000;
/// Overlapping fan pairs per gap past which the rest are left out of the costs.
const MAX_PAIRS: usize = 1 << 16;
/// Fans per gap past which the first order is kept without sifting.
const MAX_SIFTED: usize = 256;
/// Sifting passes over one gap's fans.
const SIFT_PASSES: usize = 2;
/// Levels a gap may take to give every hop its own before fans share them.
const OWN_LEVELS: u32 = 24;

/// One edge's passage through one gap, from `top` (where it enters from the layer above) to
/// `bottom` (where it leaves to the layer below), both on the cross axis.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hop {
    pub(super) gap: u32,
    /// Hops with equal `fan` in one gap leave from the same point and share a run.
    pub(super) fan: u64,
    pub(super) top: f64,
    pub(super) bottom: f64,
}

/// A fan's extent and verticals within its gap.
struct Fan {
    lo: f64,
    hi: f64,
    top: f64,
    /// Range of this fan's sorted bottom points in the shared drop list.
    drops: (usize, usize),
    hops: (usize, usize),
}

/// Number of points of sorted `xs` strictly inside `(lo, hi)`.
fn inside(xs: &[f64], lo: f64, hi: f64) -> i64 {
    let a = xs.partition_point(|&x| x <= lo + 1e-6);
    let b = xs.partition_point(|&x| x < hi - 1e-6);
    b.saturating_sub(a) as i64
}

/// True when one of sorted `xs` lies within [`SAME_X`] of `x`.
fn near(xs: &[f64], x: f64) -> bool {
    let i = xs.partition_point(|&d| d < x - SAME_X);
    i < xs.len() && xs[i] < x + SAME_X
}

/// Crossings (and overlaps, heavily weighted) when fan `f` runs above fan `g`.
fn cost_above(f: &Fan, g: &Fan, drops: &[f64]) -> i64 {
    let fd = &drops[f.drops.0..f.drops.1];
    let mut c = inside(fd, g.lo, g.hi);
    if g.top > f.lo + 1e-6 && g.top < f.hi - 1e-6 {
        c += 1;
    }
    if near(fd, g.top) {
        c += OVERLAP_COST;
    }
    c
}

/// One way of leveling a gap: its level count, each fan's hop range and each fan's level.
type Choice = (u32, Vec<(usize, usize)>, Vec<u32>);

/// Level per hop (`u32::MAX` for a hop whose whole fan runs straight) and the number of
/// levels per gap, for `gaps` gaps. Each hop first gets a level of its own, which crosses
/// least; a gap that then needs more than `fit` and [`OWN_LEVELS`] levels shares them by fan
/// when that needs fewer.
pub(super) fn levels(hops: &[Hop], gaps: usize, fit: u32) -> (Vec<u32>, Vec<u32>) {
    let mut level = vec![u32::MAX; hops.len()];
    let mut count = vec![0u32; gaps];
    let order = order_by(hops.len(), |i| {
        [u64::from(hops[i].gap), hops[i].fan, f64_key(hops[i].bottom)]
    });
    let (mut fans, mut drops, mut scratch) = (Vec::new(), Vec::new(), Scratch::default());
    let mut i = 0;
    while i < order.len() {
        let gap = hops[order[i] as usize].gap;
        let mut j = i;
        while j < order.len() && hops[order[j] as usize].gap == gap {
            j += 1;
        }
        let here = &order[i..j];
        let mut best: Option<Choice> = None;
        for shared in [false, true] {
            gather(hops, here, shared, &mut fans, &mut drops);
            let top = fan_levels(&fans, &drops, &mut scratch);
            let n = top.iter().map(|&l| l + 1).max().unwrap_or(0);
            if best.as_ref().is_none_or(|b| n < b.0) {
                best = Some((n, fans.iter().map(|f| f.hops).collect(), top));
            }
            if n <= fit.max(OWN_LEVELS) {
                break;
            }
        }
        if let Some((n, members, top)) = best {
            for (&(a, b), &l) in members.iter().zip(&top) {
                for &h in &here[a..b] {
                    level[h as usize] = l;
                }
            }
            count[gap as usize] = n;
        }
        i = j;
    }
    (level, count)
}

/// The fans of one gap's hops `here` (sorted by fan, then bottom): one per hop, or one per
/// fan key when `shared`; fans that run straight are left out.
fn gather(hops: &[Hop], here: &[u32], shared: bool, fans: &mut Vec<Fan>, drops: &mut Vec<f64>) {
    fans.clear();
    drops.clear();
    let mut i = 0;
    while i < here.len() {
        let h = hops[here[i] as usize];
        let (start, first_drop) = (i, drops.len());
        let (mut lo, mut hi) = (h.top, h.top);
        while i < here.len() {
            let k = hops[here[i] as usize];
            if i > start && !(shared && k.fan == h.fan) {
                break;
            }
            lo = lo.min(k.bottom);
            hi = hi.max(k.bottom);
            drops.push(k.bottom);
            i += 1;
        }
        if hi - lo > 1e-6 {
            fans.push(Fan {
                lo,
                hi,
                top: h.top,
                drops: (first_drop, drops.len()),
                hops: (start, i),
            });
        }
    }
}

/// Buffers reused from gap to gap.
#[derive(Default)]
struct Scratch {
    /// Overlapping fan pairs.
    pairs: Vec<(u32, u32)>,
    /// `(later, earlier)` overlapping pairs in the final order.
    adj: Vec<(u32, u32)>,
    /// `above[f * k + g]`: cost of fan `f` running above fan `g` (0 when they do not overlap).
    above: Vec<i32>,
    rest: Vec<u32>,
}

/// Levels of one gap's `fans`: a first order puts first the fans that gain most from running
/// above those they overlap, sifting then moves each fan to its cheapest place, and fans take,
/// in that order, the level below every overlapping fan placed before them.
fn fan_levels(fans: &[Fan], drops: &[f64], s: &mut Scratch) -> Vec<u32> {
    let k = fans.len();
    let by_lo = order_by(k, |f| [f64_key(fans[f].lo), 0, 0]);
    let sift = k <= MAX_SIFTED;
    s.above.clear();
    if sift {
        s.above.resize(k * k, 0);
    }
    let mut score = vec![0i64; k];
    let mut contested = false;
    s.pairs.clear();
    for (a, &fa) in by_lo.iter().enumerate() {
        let f = &fans[fa as usize];
        for &gb in &by_lo[a + 1..] {
            let g = &fans[gb as usize];
            if g.lo >= f.hi + FAN_GAP {
                break;
            }
            s.pairs.push((fa, gb));
            if s.pairs.len() <= MAX_PAIRS {
                let (fg, gf) = (cost_above(f, g, drops), cost_above(g, f, drops));
                score[fa as usize] += gf - fg;
                score[gb as usize] += fg - gf;
                contested |= fg != gf;
                if sift {
                    let (fa, gb) = (fa as usize, gb as usize);
                    s.above[fa * k + gb] = fg.min(i64::from(i32::MAX)) as i32;
                    s.above[gb * k + fa] = gf.min(i64::from(i32::MAX)) as i32;
                }
            }
        }
    }
    let mut order = order_by(k, |f| [i64_key(-score[f]), f64_key(fans[f].lo), 0]);
    if sift && contested {
        for _ in 0..SIFT_PASSES {
            let mut moved = false;
            for f in order.clone() {
                moved |= sift_one(&mut order, f, k, &s.above, &mut s.rest);
            }
            if !moved {
                break;
            }
        }
    }
    let mut rank = vec![0u32; k];
    for (r, &f) in order.iter().enumerate() {
        rank[f as usize] = r as u32;
    }
    s.adj.clear();
    for &(a, b) in s.pairs.iter() {
        let (early, late) = if rank[a as usize] < rank[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        s.adj.push((late, early));
    }
    s.adj.sort_unstable_by_key(|&(late, _)| rank[late as usize]);
    let mut level = vec![0u32; k];
    for &(late, early) in s.adj.iter() {
        level[late as usize] = level[late as usize].max(level[early as usize] + 1);
    }
    level
}

/// Moves fan `f` to the place in `order` where it costs least against all others (its own
/// place on a tie); true when it moved.
fn sift_one(order: &mut Vec<u32>, f: u32, k: usize, above: &[i32], rest: &mut Vec<u32>) -> bool {
    let f = f as usize;
    let at = order.iter().position(|&g| g as usize == f).unwrap_or(0);
    rest.clear();
    rest.extend(order.iter().copied().filter(|&g| g as usize != f));
    let mut cost: i64 = rest
        .iter()
        .map(|&g| i64::from(above[f * k + g as usize]))
        .sum();
    let (mut best, mut best_at) = (i64::MAX, at);
    for i in 0..=rest.len() {
        if cost < best || (cost == best && i == at) {
            best = cost;
            best_at = i;
        }
        if let Some(&g) = rest.get(i) {
            let g = g as usize;
            cost += i64::from(above[g * k + f]) - i64::from(above[f * k + g]);
        }
    }
    rest.insert(best_at, f as u32);
    std::mem::swap(order, rest);
    best_at != at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(gap: u32, fan: u64, top: f64, bottom: f64) -> Hop {
        Hop {
            gap,
            fan,
            top,
            bottom,
        }
    }

    /// Crossings between the runs of two hops in one gap, given their levels (smaller is higher).
    fn crossings(a: &Hop, la: u32, b: &Hop, lb: u32) -> usize {
        let (upper, lower) = if la < lb { (a, b) } else { (b, a) };
        let span = |h: &Hop| (h.top.min(h.bottom), h.top.max(h.bottom));
        let strictly = |x: f64, (lo, hi): (f64, f64)| x > lo && x < hi;
        usize::from(strictly(upper.bottom, span(lower)))
            + usize::from(strictly(lower.top, span(upper)))
    }

    #[test]
    fn straight_hops_need_no_level_and_parallel_jogs_do_not_cross() {
        // Two hops jogging right, the second starting right of the first: no order crosses
        // less than the second above the first.
        let hops = [
            hop(0, 1, 0.0, 100.0),
            hop(0, 2, 50.0, 150.0),
            hop(0, 3, 300.0, 300.0),
        ];
        let (level, count) = levels(&hops, 1, 3);
        assert_eq!(level[2], u32::MAX);
        assert_eq!(count, vec![2]);
        assert_ne!(level[0], level[1]);
        assert_eq!(crossings(&hops[0], level[0], &hops[1], level[1]), 0);
        let mirrored: Vec<Hop> = hops
            .iter()
            .map(|h| hop(0, h.fan, -h.top, -h.bottom))
            .collect();
        let (level, _) = levels(&mirrored, 1, 3);
        assert_eq!(crossings(&mirrored[0], level[0], &mirrored[1], level[1]), 0);
    }

    #[test]
    fn a_crowded_gap_shares_a_level_per_fan_and_far_apart_runs_share_a_level() {
        let mut hops: Vec<Hop> = (0..=OWN_LEVELS)
            .map(|k| hop(0, 7, 0.0, 40.0 + 20.0 * f64::from(k)))
            .collect();
        hops.push(hop(0, 8, 800.0, 860.0));
        hops.push(hop(1, 9, 0.0, 40.0));
        let (level, count) = levels(&hops, 2, 1);
        let fan = OWN_LEVELS as usize + 1;
        assert!(level[..=fan].iter().all(|&l| l == level[0]), "{level:?}");
        assert_eq!(count, vec![1, 1]);
    }

    #[test]
    fn own_levels_are_kept_when_the_gap_holds_them() {
        let hops = [
            hop(0, 7, 0.0, -40.0),
            hop(0, 7, 0.0, 40.0),
            hop(0, 8, 500.0, 560.0),
        ];
        let (level, count) = levels(&hops, 1, 1);
        assert_ne!(level[0], level[1]);
        assert_eq!(level[0].min(level[1]), level[2]);
        assert_eq!(count, vec![2]);
    }

    #[test]
    fn sifting_moves_a_fan_to_its_cheapest_place() {
        // Costs of running above: 0 over 1 costs 5, 1 over 0 costs 0; 2 is indifferent.
        let k = 3;
        let mut above = vec![0; k * k];
        above[1] = 5;
        above[3] = 0;
        let mut order = vec![0, 2, 1];
        sift_one(&mut order, 0, k, &above, &mut Vec::new());
        let pos = |f: u32| order.iter().position(|&g| g == f).unwrap();
        assert!(pos(1) < pos(0), "{order:?}");
        let mut same = vec![2, 1, 0];
        sift_one(&mut same, 2, k, &above, &mut Vec::new());
        assert_eq!(same, vec![2, 1, 0]);
    }

    #[test]
    fn a_vertical_is_never_laid_over_another() {
        // Fan 1 drops at x = 100 where fan 2 comes down from above: fan 1 must run below.
        let hops = [hop(0, 1, 0.0, 100.0), hop(0, 2, 100.0, 200.0)];
        let (level, _) = levels(&hops, 1, 3);
        assert!(level[0] > level[1]);
    }
}
