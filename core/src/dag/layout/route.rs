//! Edge routing: each edge's path through its dummy chain as SVG path data, with its bounds.

use super::super::graph::Graph;
use super::EdgeRoute;
use std::fmt::Write;

/// How layer and cross-axis coordinates map to the drawing.
pub(super) struct Frame {
    /// Layers run left to right, so the cross axis is `y`.
    pub(super) lr: bool,
    /// Box extent across the layers' axis and along it.
    pub(super) cross_ext: f64,
    pub(super) main_ext: f64,
    /// Distance from one layer's top to the next one's.
    pub(super) pitch: f64,
    /// How far a self-loop reaches out of its box.
    pub(super) loop_bulge: f64,
}

impl Frame {
    pub(super) fn pt(&self, c: f64, m: f64) -> (f64, f64) {
        if self.lr {
            (m, c)
        } else {
            (c, m)
        }
    }
}

/// Routes for every edge of `g`: `chains` holds each non-loop edge's node chain (in the
/// acyclic direction), `cross` every node's cross-axis centre and `layer` its layer.
pub(super) fn route_edges(
    g: &Graph,
    back: &[bool],
    chains: &mut [Vec<u32>],
    cross: &[f64],
    layer: &[u32],
    f: &Frame,
) -> Vec<EdgeRoute> {
    let top = |v: u32| f64::from(layer[v as usize]) * f.pitch;
    let mut edges = Vec::with_capacity(g.edges.len());
    let mut next_chain = chains.iter_mut();
    for (e, &(from, to)) in g.edges.iter().enumerate() {
        let (path, bounds) = if from == to {
            let r = cross[from] + f.cross_ext / 2.0;
            let t = top(from as u32);
            let (m0, m1, k) = (t + f.main_ext * 0.3, t + f.main_ext * 0.7, f.main_ext * 0.2);
            let p = [
                f.pt(r, m0),
                f.pt(r + f.loop_bulge, m0 - k),
                f.pt(r + f.loop_bulge, m1 + k),
                f.pt(r, m1),
            ];
            let mut s = String::with_capacity(48);
            for (p, cmd) in p.into_iter().zip(["M", " C", " ", " "]) {
                push_point(&mut s, cmd, p);
            }
            (s, bounds(&p))
        } else {
            let chain = next_chain.next().map(std::mem::take).unwrap_or_default();
            let nudge = if back[e] { f.cross_ext / 4.0 } else { 0.0 };
            let mut pts = Vec::with_capacity(2 * chain.len());
            for (i, &v) in chain.iter().enumerate() {
                let (c, t) = (cross[v as usize], top(v));
                if i == 0 {
                    pts.push(f.pt(c + nudge, t + f.main_ext));
                } else if i + 1 == chain.len() {
                    pts.push(f.pt(c + nudge, t));
                } else {
                    pts.push(f.pt(c, t));
                    pts.push(f.pt(c, t + f.main_ext));
                }
            }
            if back[e] {
                pts.reverse();
            }
            (polyline(&pts), bounds(&pts))
        };
        edges.push(EdgeRoute {
            from,
            to,
            path,
            bounds,
            back_edge: back[e] || from == to,
        });
    }
    edges
}

/// Appends `cmd x y` with one decimal, as `{:.1}` would but without float formatting's cost.
fn push_point(s: &mut String, cmd: &str, (x, y): (f64, f64)) {
    s.push_str(cmd);
    for (k, v) in [x, y].into_iter().enumerate() {
        if k == 1 {
            s.push(' ');
        }
        let tenths = (v * 10.0).round();
        let tenths = if tenths.is_finite() { tenths as i64 } else { 0 };
        if tenths < 0 {
            s.push('-');
        }
        let a = tenths.unsigned_abs();
        let _ = write!(s, "{}.{}", a / 10, a % 10);
    }
}

/// Box `(x0, y0, x1, y1)` around `pts`.
fn bounds(pts: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    pts.iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

/// `M`/`L` path data through `pts` (in x, y), skipping points inside straight runs.
fn polyline(pts: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(16 * pts.len());
    for (i, &(x, y)) in pts.iter().enumerate() {
        if i > 0 && i + 1 < pts.len() {
            let (p, q) = (pts[i - 1], pts[i + 1]);
            if (p.0 == x && q.0 == x) || (p.1 == y && q.1 == y) {
                continue;
            }
        }
        push_point(&mut s, if i == 0 { "M" } else { " L" }, (x, y));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_print_with_one_rounded_decimal() {
        let mut s = String::new();
        push_point(&mut s, "M", (12.34, -0.26));
        push_point(&mut s, " L", (f64::NAN, 7.0));
        assert_eq!(s, "M12.3 -0.3 L0.0 7.0");
    }

    #[test]
    fn polylines_drop_points_inside_straight_runs_and_bounds_hug_the_points() {
        let pts = [
            (0.0, 0.0),
            (0.0, 5.0),
            (0.0, 10.0),
            (4.0, 10.0),
            (8.0, 10.0),
            (8.0, 12.0),
        ];
        assert_eq!(polyline(&pts), "M0.0 0.0 L0.0 10.0 L8.0 10.0 L8.0 12.0");
        assert_eq!(bounds(&pts), (0.0, 0.0, 8.0, 12.0));
    }
}
