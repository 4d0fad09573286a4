//! How easy a drawn [`Layout`] is to follow by eye, measured on its edge paths and boxes alone:
//! crossings and their angles, edges running on top of each other, stacked arrivals, clearance.

use super::layout::Layout;
use std::collections::HashMap;

/// Two edges closer than this, and nearly parallel, cannot be told apart.
pub const OVERLAP_PX: f64 = 3.0;
/// Largest angle, in degrees, between segments counted as running together.
pub const OVERLAP_DEG: f64 = 5.0;
/// Crossings flatter than this, in degrees, are hard to read.
pub const SHALLOW_DEG: f64 = 20.0;
/// Distances from a foreign box counted as grazing it, tight and comfortable.
pub const CLEARANCE_PX: [f64; 2] = [2.0, 8.0];

/// Legibility figures of one layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Legibility {
    /// Points where two edges from different sources cross.
    pub crossings: usize,
    /// Median crossing angle in degrees (90 when nothing crosses).
    pub median_angle: f64,
    /// Share of crossings under [`SHALLOW_DEG`].
    pub shallow_share: f64,
    /// Total drawn edge length in pixels.
    pub edge_length: f64,
    /// Share of edge length within [`OVERLAP_PX`] and [`OVERLAP_DEG`] of an edge from another source.
    pub overlap_share: f64,
    /// Points on a box where edges from different sources end together.
    pub stacked_arrivals: usize,
    /// Edges passing within each of [`CLEARANCE_PX`] of a box that is neither of their ends.
    pub grazing: [usize; 2],
}

/// One straight piece of an edge's path.
#[derive(Clone, Copy)]
struct Seg {
    edge: u32,
    a: (f64, f64),
    b: (f64, f64),
    /// Starts at the path's first point or ends at its last.
    first: bool,
    last: bool,
}

/// The points of SVG path data made of `M`, `L`, `Q` and `C` commands, control points included.
pub fn path_points(d: &str) -> Vec<(f64, f64)> {
    let nums: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect();
    nums.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

/// Uniform grid of cells holding the indices of items whose bounds touch them.
struct Grid {
    cell: f64,
    cells: HashMap<(i64, i64), Vec<u32>>,
}

impl Grid {
    fn key(&self, x: f64, y: f64) -> (i64, i64) {
        (
            (x / self.cell).floor() as i64,
            (y / self.cell).floor() as i64,
        )
    }

    fn cover(&self, b: (f64, f64, f64, f64)) -> impl Iterator<Item = (i64, i64)> {
        let (lo, hi) = (self.key(b.0, b.1), self.key(b.2, b.3));
        (lo.0..=hi.0).flat_map(move |i| (lo.1..=hi.1).map(move |j| (i, j)))
    }

    fn insert(&mut self, b: (f64, f64, f64, f64), item: u32) {
        let keys: Vec<_> = self.cover(b).collect();
        for k in keys {
            self.cells.entry(k).or_default().push(item);
        }
    }
}

fn seg_bounds(s: &Seg, pad: f64) -> (f64, f64, f64, f64) {
    (
        s.a.0.min(s.b.0) - pad,
        s.a.1.min(s.b.1) - pad,
        s.a.0.max(s.b.0) + pad,
        s.a.1.max(s.b.1) + pad,
    )
}

fn sub(p: (f64, f64), q: (f64, f64)) -> (f64, f64) {
    (p.0 - q.0, p.1 - q.1)
}

fn cross(p: (f64, f64), q: (f64, f64)) -> f64 {
    p.0 * q.1 - p.1 * q.0
}

fn dot(p: (f64, f64), q: (f64, f64)) -> f64 {
    p.0 * q.0 + p.1 * q.1
}

fn len(p: (f64, f64)) -> f64 {
    dot(p, p).sqrt()
}

/// Acute angle between two directions, in degrees.
fn angle(u: (f64, f64), v: (f64, f64)) -> f64 {
    let c = (dot(u, v).abs() / (len(u) * len(v))).min(1.0);
    c.acos().to_degrees()
}

/// Where two segments cross inside both (ends of whole paths excluded), as a point.
fn crossing(s: &Seg, t: &Seg) -> Option<(f64, f64)> {
    let (r, q) = (sub(s.b, s.a), sub(t.b, t.a));
    let den = cross(r, q);
    if den.abs() < 1e-9 * len(r) * len(q) {
        return None;
    }
    let w = sub(t.a, s.a);
    let (u, v) = (cross(w, q) / den, cross(w, r) / den);
    let eps = 1e-9;
    let inside = |p: f64, first: bool, last: bool| {
        (if first { p > eps } else { p >= 0.0 }) && (if last { p < 1.0 - eps } else { p < 1.0 })
    };
    (inside(u, s.first, s.last) && inside(v, t.first, t.last))
        .then_some((s.a.0 + u * r.0, s.a.1 + u * r.1))
}

/// Distance from `p` to segment `a`–`b`.
fn point_seg(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let d = sub(b, a);
    let l2 = dot(d, d);
    let t = if l2 == 0.0 {
        0.0
    } else {
        (dot(sub(p, a), d) / l2).clamp(0.0, 1.0)
    };
    len(sub(p, (a.0 + t * d.0, a.1 + t * d.1)))
}

/// Distance from a segment to the box `(x0, y0, x1, y1)`; 0 when it enters the box.
fn seg_box(a: (f64, f64), b: (f64, f64), r: (f64, f64, f64, f64)) -> f64 {
    let inside = |p: (f64, f64)| p.0 >= r.0 && p.0 <= r.2 && p.1 >= r.1 && p.1 <= r.3;
    if inside(a) || inside(b) {
        return 0.0;
    }
    let corners = [(r.0, r.1), (r.2, r.1), (r.2, r.3), (r.0, r.3)];
    let edge = |i: usize| Seg {
        edge: 0,
        a: corners[i],
        b: corners[(i + 1) % 4],
        first: false,
        last: false,
    };
    let s = Seg {
        edge: 0,
        a,
        b,
        first: false,
        last: false,
    };
    if (0..4).any(|i| crossing(&s, &edge(i)).is_some()) {
        return 0.0;
    }
    let to_box = |p: (f64, f64)| {
        let dx = (r.0 - p.0).max(0.0).max(p.0 - r.2);
        let dy = (r.1 - p.1).max(0.0).max(p.1 - r.3);
        (dx * dx + dy * dy).sqrt()
    };
    let from_corners = corners.iter().map(|&c| point_seg(c, a, b));
    from_corners.fold(to_box(a).min(to_box(b)), f64::min)
}

/// Length of `s` lying within [`OVERLAP_PX`] of `t`, when the two are nearly parallel.
fn shared_run(s: &Seg, t: &Seg) -> Option<(f64, f64)> {
    let d = sub(s.b, s.a);
    let l = len(d);
    if l == 0.0 || len(sub(t.b, t.a)) == 0.0 || angle(d, sub(t.b, t.a)) >= OVERLAP_DEG {
        return None;
    }
    let u = (d.0 / l, d.1 / l);
    let along = |p: (f64, f64)| dot(sub(p, s.a), u);
    let off = |p: (f64, f64)| cross(u, sub(p, s.a));
    let (mut p, mut q) = (t.a, t.b);
    if along(p) > along(q) {
        std::mem::swap(&mut p, &mut q);
    }
    let (t0, t1) = (along(p).max(0.0), along(q).min(l));
    if t1 <= t0 {
        return None;
    }
    let span = along(q) - along(p);
    let at = |x: f64| {
        let k = if span == 0.0 {
            0.0
        } else {
            (x - along(p)) / span
        };
        off(p) + k * (off(q) - off(p))
    };
    let (o0, o1) = (at(t0), at(t1));
    // The part of [t0, t1] where the offset stays within the limit (it varies linearly).
    let (mut lo, mut hi) = (t0, t1);
    for (limit, sign) in [(OVERLAP_PX, 1.0), (-OVERLAP_PX, -1.0)] {
        let (a, b) = (sign * (o0 - limit), sign * (o1 - limit));
        if a > 0.0 && b > 0.0 {
            return None;
        }
        if a > 0.0 {
            lo = lo.max(t0 + (t1 - t0) * a / (a - b));
        } else if b > 0.0 {
            hi = hi.min(t0 + (t1 - t0) * a / (a - b));
        }
    }
    (hi > lo).then_some((lo, hi))
}

/// Measures `layout`'s legibility; the figures depend only on the drawing.
pub fn measure(layout: &Layout) -> Legibility {
    let mut segs: Vec<Seg> = Vec::new();
    let mut length = 0.0;
    let mut ends: HashMap<(usize, i64, i64), Vec<usize>> = HashMap::new();
    for (e, r) in layout.edges.iter().enumerate() {
        let pts = path_points(&r.path);
        for (i, w) in pts.windows(2).enumerate() {
            if w[0] == w[1] {
                continue;
            }
            length += len(sub(w[1], w[0]));
            segs.push(Seg {
                edge: e as u32,
                a: w[0],
                b: w[1],
                first: i == 0,
                last: i + 2 == pts.len(),
            });
        }
        if let Some(&(x, y)) = pts.last() {
            let key = (r.to, (x * 10.0).round() as i64, (y * 10.0).round() as i64);
            ends.entry(key).or_default().push(r.from);
        }
    }
    let source = |s: &Seg| layout.edges[s.edge as usize].from;
    let mut grid = Grid {
        cell: 64.0,
        cells: HashMap::new(),
    };
    for (i, s) in segs.iter().enumerate() {
        grid.insert(seg_bounds(s, OVERLAP_PX), i as u32);
    }

    let mut angles = Vec::new();
    for (&cell, items) in &grid.cells {
        for (k, &i) in items.iter().enumerate() {
            let s = &segs[i as usize];
            for &j in &items[k + 1..] {
                let t = &segs[j as usize];
                if s.edge == t.edge || source(s) == source(t) {
                    continue;
                }
                if let Some(p) = crossing(s, t) {
                    if grid.key(p.0, p.1) == cell {
                        angles.push(angle(sub(s.b, s.a), sub(t.b, t.a)));
                    }
                }
            }
        }
    }
    angles.sort_by(f64::total_cmp);
    let n = angles.len();
    let median_angle = match n {
        0 => 90.0,
        _ => (angles[(n - 1) / 2] + angles[n / 2]) / 2.0,
    };
    let shallow = angles.iter().filter(|&&a| a < SHALLOW_DEG).count();

    let mut overlap = 0.0;
    let mut seen = vec![u32::MAX; segs.len()];
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        runs.clear();
        for cell in grid.cover(seg_bounds(s, 0.0)) {
            for &j in grid.cells.get(&cell).map_or(&[][..], |v| &v[..]) {
                let t = &segs[j as usize];
                if seen[j as usize] == i as u32 || t.edge == s.edge || source(t) == source(s) {
                    continue;
                }
                seen[j as usize] = i as u32;
                runs.extend(shared_run(s, t));
            }
        }
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reach = f64::NEG_INFINITY;
        for &(lo, hi) in &runs {
            overlap += (hi - reach.max(lo)).max(0.0);
            reach = reach.max(hi);
        }
    }

    let stacked_arrivals = ends
        .values_mut()
        .filter_map(|from| {
            from.sort_unstable();
            from.dedup();
            (from.len() > 1).then_some(())
        })
        .count();

    let mut boxes = Grid {
        cell: 256.0,
        cells: HashMap::new(),
    };
    let rect = |b: &super::layout::NodeBox| (b.x, b.y, b.x + b.w, b.y + b.h);
    for (v, b) in layout.nodes.iter().enumerate() {
        boxes.insert(rect(b), v as u32);
    }
    let mut grazing = [0usize; 2];
    let mut worst = vec![f64::INFINITY; layout.edges.len()];
    for s in &segs {
        let r = &layout.edges[s.edge as usize];
        let w = &mut worst[s.edge as usize];
        for cell in boxes.cover(seg_bounds(s, CLEARANCE_PX[1])) {
            for &v in boxes.cells.get(&cell).map_or(&[][..], |v| &v[..]) {
                if v as usize != r.from && v as usize != r.to {
                    *w = w.min(seg_box(s.a, s.b, rect(&layout.nodes[v as usize])));
                }
            }
        }
    }
    for w in worst {
        for (k, limit) in CLEARANCE_PX.iter().enumerate() {
            grazing[k] += usize::from(w < *limit);
        }
    }

    Legibility {
        crossings: n,
        median_angle,
        shallow_share: if n == 0 {
            0.0
        } else {
            shallow as f64 / n as f64
        },
        edge_length: length,
        overlap_share: if length > 0.0 { overlap / length } else { 0.0 },
        stacked_arrivals,
        grazing,
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::{EdgeRoute, Layout, NodeBox};
    use super::*;

    fn node(x: f64, y: f64) -> NodeBox {
        NodeBox {
            x,
            y,
            w: 100.0,
            h: 40.0,
            layer: 0,
            order: 0,
        }
    }

    fn edge(from: usize, to: usize, path: &str) -> EdgeRoute {
        EdgeRoute {
            from,
            to,
            path: path.into(),
            bounds: (0.0, 0.0, 0.0, 0.0),
            back_edge: false,
        }
    }

    fn drawing(nodes: Vec<NodeBox>, edges: Vec<EdgeRoute>) -> Layout {
        Layout {
            nodes,
            edges,
            width: 1000.0,
            height: 1000.0,
            crossings: 0,
            layers: 1,
        }
    }

    #[test]
    fn a_right_angle_crossing_and_a_shallow_one() {
        let nodes = (0..6).map(|i| node(i as f64 * 2000.0, 5000.0)).collect();
        let l = drawing(
            nodes,
            vec![
                edge(0, 1, "M0 0 L100 0"),
                edge(2, 3, "M50 -50 L50 50"),
                edge(4, 5, "M0 -10 L100 5"),
            ],
        );
        let m = measure(&l);
        // 90° and about 81.5° across the vertical, about 8.5° between the other two.
        assert_eq!(m.crossings, 3);
        assert!((m.shallow_share - 1.0 / 3.0).abs() < 1e-9);
        assert!((m.median_angle - (90.0 - 15f64.atan2(100.0).to_degrees())).abs() < 1e-9);
        assert_eq!((m.stacked_arrivals, m.grazing), (0, [0, 0]));
    }

    #[test]
    fn edges_sharing_a_source_neither_cross_nor_overlap() {
        let nodes = vec![node(0.0, 500.0), node(300.0, 500.0), node(600.0, 500.0)];
        let l = drawing(
            nodes,
            vec![
                edge(0, 1, "M0 0 L100 0 L100 100"),
                edge(0, 2, "M0 0 L200 0 L200 100"),
            ],
        );
        let m = measure(&l);
        assert_eq!((m.crossings, m.overlap_share), (0, 0.0));
    }

    #[test]
    fn parallel_neighbours_from_other_sources_count_as_overlap() {
        let nodes = (0..4).map(|i| node(i as f64 * 300.0, 500.0)).collect();
        // Two 100 px runs, 2 px apart for their middle 50 px.
        let l = drawing(
            nodes,
            vec![edge(0, 1, "M0 0 L100 0"), edge(2, 3, "M50 2 L150 2")],
        );
        let m = measure(&l);
        assert_eq!(m.edge_length, 200.0);
        assert!((m.overlap_share - 100.0 / 200.0).abs() < 1e-9, "{m:?}");
        let far = drawing(
            (0..4).map(|i| node(i as f64 * 300.0, 500.0)).collect(),
            vec![edge(0, 1, "M0 0 L100 0"), edge(2, 3, "M50 4 L150 4")],
        );
        assert_eq!(measure(&far).overlap_share, 0.0);
    }

    #[test]
    fn stacked_arrivals_need_different_sources_at_one_point() {
        let nodes = vec![node(0.0, 0.0), node(200.0, 0.0), node(100.0, 200.0)];
        let l = drawing(
            nodes,
            vec![
                edge(0, 2, "M50 40 L150 200"),
                edge(1, 2, "M250 40 L150 200"),
            ],
        );
        assert_eq!(measure(&l).stacked_arrivals, 1);
        let mut apart = l.clone();
        apart.edges[1].path = "M250 40 L170 200".into();
        assert_eq!(measure(&apart).stacked_arrivals, 0);
    }

    #[test]
    fn grazing_counts_foreign_boxes_only() {
        let nodes = vec![node(0.0, 0.0), node(0.0, 200.0), node(105.0, 80.0)];
        let l = drawing(nodes.clone(), vec![edge(0, 1, "M50 40 L50 200")]);
        assert_eq!(measure(&l).grazing, [0, 0]);
        let near = drawing(nodes.clone(), vec![edge(0, 1, "M50 40 L100 40 L100 200")]);
        // The vertical at x = 100 runs 5 px left of box 2 and ends in box 1, its own target.
        assert_eq!(measure(&near).grazing, [0, 1]);
        let through = drawing(nodes, vec![edge(0, 1, "M50 40 L150 100 L50 200")]);
        assert_eq!(measure(&through).grazing, [1, 1]);
    }

    #[test]
    fn rounded_corners_parse_as_their_corner_points() {
        assert_eq!(
            path_points("M10.0 0.0 L10.0 6.0 Q10.0 10.0 14.0 10.0 L30.5 10.0"),
            vec![
                (10.0, 0.0),
                (10.0, 6.0),
                (10.0, 10.0),
                (14.0, 10.0),
                (30.5, 10.0)
            ]
        );
    }
}
