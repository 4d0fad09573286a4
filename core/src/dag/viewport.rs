//! Pan and zoom of the chart as plain numbers: fit, zoom about a point, and which boxes are visible.

use super::layout::{Layout, NodeBox};

pub const MIN_SCALE: f64 = 0.05;
pub const MAX_SCALE: f64 = 3.0;
/// Below this scale node text is unreadable, so nodes are drawn as plain boxes.
pub const DETAIL_SCALE: f64 = 0.45;
/// A chart never opens below this scale: node names stay readable.
pub const READ_SCALE: f64 = 0.75;

/// How tall a chart of `layout` is drawn on screen at scale 1, within `[min, max]`.
pub fn chart_height(layout: &Layout, min: f64, max: f64) -> f64 {
    (layout.height + 32.0).clamp(min, max)
}

/// Screen = layout * scale + (tx, ty).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub tx: f64,
    pub ty: f64,
    pub scale: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            tx: 16.0,
            ty: 16.0,
            scale: 1.0,
        }
    }
}

impl Viewport {
    /// Shows the whole layout in a `w`×`h` screen, never zooming in past 1.
    pub fn fit(layout: &Layout, w: f64, h: f64) -> Viewport {
        let pad = 16.0;
        let sx = (w - 2.0 * pad) / layout.width.max(1.0);
        let sy = (h - 2.0 * pad) / layout.height.max(1.0);
        let scale = sx.min(sy).clamp(MIN_SCALE, 1.0);
        Viewport {
            tx: (w - layout.width * scale) / 2.0,
            ty: if layout.height * scale < h {
                (h - layout.height * scale) / 2.0
            } else {
                pad
            },
            scale,
        }
    }

    /// How a chart opens: fitted when that is readable; else at reading size (`READ_SCALE`, the
    /// most a screen shows with names still legible) with `focus` (the current step) on screen, or
    /// the top of the flow with a node of its first rank on screen; of such views, the one showing
    /// the most nodes (a wide, sparse rank would otherwise leave one node alone on screen), centred
    /// on the focus when several tie. The operator reads it and pans for the rest.
    pub fn open(layout: &Layout, focus: Option<&NodeBox>, w: f64, h: f64) -> Viewport {
        let fitted = Viewport::fit(layout, w, h);
        if fitted.scale >= READ_SCALE {
            return fitted;
        }
        let best = |anchors: &[&NodeBox], top: Option<f64>| {
            anchors
                .iter()
                .map(|a| busiest_around(layout, a, w, h, top))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
                .map(|(_, _, v)| v)
        };
        let view = match focus {
            Some(b) => best(&[b], None),
            None => {
                let top = layout.nodes.iter().map(|b| b.layer).min().unwrap_or(0);
                let first: Vec<&NodeBox> = layout.nodes.iter().filter(|b| b.layer == top).collect();
                let y0 = first.iter().map(|b| b.y).fold(f64::MAX, f64::min);
                best(&first, Some(y0))
            }
        };
        view.unwrap_or(Viewport {
            scale: READ_SCALE,
            ..Viewport::default()
        })
    }

    /// Whether the whole layout is on a `w`×`h` screen (else the chart says there is more).
    pub fn shows_all(&self, layout: &Layout, w: f64, h: f64) -> bool {
        let (x0, y0, x1, y1) = self.visible_rect(w, h, 1.0);
        x0 <= 0.0 && y0 <= 0.0 && x1 >= layout.width && y1 >= layout.height
    }

    /// The same view in a screen resized from `from` to `to` (width, height): the point at the old
    /// centre stays at the centre.
    pub fn resized(self, from: (f64, f64), to: (f64, f64)) -> Viewport {
        Viewport {
            tx: self.tx + (to.0 - from.0) / 2.0,
            ty: self.ty + (to.1 - from.1) / 2.0,
            ..self
        }
    }

    /// Zooms by `factor` keeping the screen point (`px`, `py`) still.
    pub fn zoom_at(self, factor: f64, px: f64, py: f64) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let k = scale / self.scale;
        Viewport {
            tx: px - (px - self.tx) * k,
            ty: py - (py - self.ty) * k,
            scale,
        }
    }

    pub fn pan(self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            tx: self.tx + dx,
            ty: self.ty + dy,
            ..self
        }
    }

    /// Centres the box in a `w`×`h` screen, zooming to at least reading size.
    pub fn center_on(self, b: &NodeBox, w: f64, h: f64) -> Viewport {
        let scale = self.scale.max(READ_SCALE);
        Viewport {
            tx: w / 2.0 - (b.x + b.w / 2.0) * scale,
            ty: h / 2.0 - (b.y + b.h / 2.0) * scale,
            scale,
        }
    }

    /// The layout-space rectangle `(x0, y0, x1, y1)` on screen, grown by `margin` screen pixels.
    pub fn visible_rect(&self, w: f64, h: f64, margin: f64) -> (f64, f64, f64, f64) {
        (
            (-self.tx - margin) / self.scale,
            (-self.ty - margin) / self.scale,
            (w - self.tx + margin) / self.scale,
            (h - self.ty + margin) / self.scale,
        )
    }

    pub fn transform(&self) -> String {
        format!(
            "translate({:.1},{:.1}) scale({:.4})",
            self.tx, self.ty, self.scale
        )
    }

    pub fn detailed(&self) -> bool {
        self.scale >= DETAIL_SCALE
    }
}

/// At reading size, the view keeping `anchor` on screen (its window's top at `top` when given)
/// that shows the most whole nodes: (count, distance of the window's centre from the anchor's, view).
fn busiest_around(
    layout: &Layout,
    anchor: &NodeBox,
    w: f64,
    h: f64,
    top: Option<f64>,
) -> (usize, f64, Viewport) {
    const PAD: f64 = 16.0;
    let s = READ_SCALE;
    // The window is the whole screen; the anchor stays `PAD` inside it.
    let (ww, wh, m) = (w / s, h / s, PAD / s);
    let span = |lo: f64, hi: f64, n: usize| -> Vec<f64> {
        if hi <= lo {
            return vec![(lo + hi) / 2.0];
        }
        (0..n)
            .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
            .collect()
    };
    let xs = span(anchor.x + anchor.w + m - ww, anchor.x - m, 9);
    let ys = match top {
        Some(t) => vec![t - m],
        None => span(anchor.y + anchor.h + m - wh, anchor.y - m, 5),
    };
    let (cx, cy) = (anchor.x + anchor.w / 2.0, anchor.y + anchor.h / 2.0);
    let mut best: Option<(usize, f64, f64, f64)> = None;
    for &y0 in &ys {
        for &x0 in &xs {
            let count = layout
                .nodes
                .iter()
                .filter(|b| b.x >= x0 && b.x + b.w <= x0 + ww && b.y >= y0 && b.y + b.h <= y0 + wh)
                .count();
            let off = (x0 + ww / 2.0 - cx).abs()
                + if top.is_some() {
                    0.0
                } else {
                    (y0 + wh / 2.0 - cy).abs()
                };
            if best.is_none_or(|(c, d, _, _)| count > c || (count == c && off < d)) {
                best = Some((count, off, x0, y0));
            }
        }
    }
    let (count, off, x0, y0) = best.unwrap_or((0, 0.0, anchor.x, anchor.y));
    let view = Viewport {
        tx: -x0 * s,
        ty: -y0 * s,
        scale: s,
    };
    (count, off, view)
}

/// Whether a box `(x0, y0, x1, y1)` meets the rectangle.
pub fn intersects(b: (f64, f64, f64, f64), r: (f64, f64, f64, f64)) -> bool {
    b.0 <= r.2 && b.2 >= r.0 && b.1 <= r.3 && b.3 >= r.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(w: f64, h: f64) -> Layout {
        Layout {
            nodes: vec![],
            edges: vec![],
            width: w,
            height: h,
            crossings: 0,
            layers: 0,
        }
    }

    #[test]
    fn fit_shows_everything_and_never_zooms_in() {
        let v = Viewport::fit(&layout(2000.0, 1000.0), 1000.0, 500.0);
        assert!(v.scale < 0.5);
        let (x0, y0, x1, y1) = v.visible_rect(1000.0, 500.0, 0.0);
        assert!(x0 <= 0.0 && y0 <= 0.0 && x1 >= 2000.0 && y1 >= 1000.0);
        assert_eq!(
            Viewport::fit(&layout(100.0, 100.0), 1000.0, 500.0).scale,
            1.0
        );
    }

    #[test]
    fn zoom_keeps_the_pointer_still_and_is_clamped() {
        let v = Viewport {
            tx: 10.0,
            ty: 20.0,
            scale: 1.0,
        };
        let z = v.zoom_at(2.0, 100.0, 50.0);
        let before = ((100.0 - v.tx) / v.scale, (50.0 - v.ty) / v.scale);
        let after = ((100.0 - z.tx) / z.scale, (50.0 - z.ty) / z.scale);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(v.zoom_at(1000.0, 0.0, 0.0).scale, MAX_SCALE);
        assert_eq!(v.zoom_at(0.0001, 0.0, 0.0).scale, MIN_SCALE);
    }

    #[test]
    fn culling_rectangles() {
        let v = Viewport {
            tx: -500.0,
            ty: 0.0,
            scale: 1.0,
        };
        let r = v.visible_rect(800.0, 600.0, 0.0);
        assert!(intersects((600.0, 10.0, 700.0, 50.0), r));
        assert!(!intersects((0.0, 10.0, 100.0, 50.0), r));
    }

    fn chain(n: usize) -> Layout {
        use crate::dag::graph::{Graph, NodeSpec};
        let specs: Vec<NodeSpec> = (1..=n as i64)
            .map(|id| NodeSpec {
                id,
                upstreams: if id > 1 { vec![id - 1] } else { vec![] },
                downstreams: vec![],
                parallel_idx: -1,
            })
            .collect();
        crate::dag::layout::layout(&Graph::build(&specs), &Default::default())
    }

    #[test]
    fn a_long_chain_opens_readable_not_fitted() {
        let l = chain(10);
        let h = chart_height(&l, 240.0, 640.0);
        assert!(
            Viewport::fit(&l, 960.0, h).scale < READ_SCALE,
            "the chain fits only below reading size"
        );
        let v = Viewport::open(&l, None, 960.0, h);
        assert!(v.scale >= READ_SCALE);
        let (_, y0, _, _) = v.visible_rect(960.0, h, 0.0);
        assert!(y0 <= l.nodes[0].y, "the first step is on screen");
        let focus = &l.nodes[6];
        let v = Viewport::open(&l, Some(focus), 960.0, h);
        let r = v.visible_rect(960.0, h, 0.0);
        assert!(intersects(
            (focus.x, focus.y, focus.x + focus.w, focus.y + focus.h),
            r
        ));
    }

    #[test]
    fn a_small_graph_opens_fitted_and_a_resize_keeps_the_centre() {
        let l = chain(2);
        let v = Viewport::open(&l, None, 960.0, 520.0);
        assert_eq!(v, Viewport::fit(&l, 960.0, 520.0));
        let centre =
            |v: &Viewport, w: f64, h: f64| ((w / 2.0 - v.tx) / v.scale, (h / 2.0 - v.ty) / v.scale);
        let r = v.resized((960.0, 520.0), (600.0, 520.0));
        let (a, b) = (centre(&v, 960.0, 520.0), centre(&r, 600.0, 520.0));
        assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
    }

    fn generated(specs: &[crate::dag::graph::NodeSpec]) -> Layout {
        use crate::dag::graph::Graph;
        crate::dag::layout::layout(&Graph::build(specs), &Default::default())
    }

    fn on_screen(v: &Viewport, b: &NodeBox, w: f64, h: f64) -> bool {
        let (x0, y0, x1, y1) = v.visible_rect(w, h, 0.0);
        b.x >= x0 && b.x + b.w <= x1 && b.y >= y0 && b.y + b.h <= y1
    }

    #[test]
    fn a_hundred_nodes_open_readable_at_the_first_rank_with_more_to_pan() {
        for (w, specs) in [
            (960.0, crate::dag::gen::ops_like(100, 7)),
            (760.0, crate::dag::gen::ops_like(100, 3)),
            (1300.0, crate::dag::gen::layered(100, 5)),
        ] {
            let l = generated(&specs);
            let h = chart_height(&l, 320.0, 640.0);
            let v = Viewport::open(&l, None, w, h);
            assert!(v.scale >= READ_SCALE, "readable");
            let first: Vec<&NodeBox> = l.nodes.iter().filter(|b| b.layer == 0).collect();
            let shown = first.iter().filter(|b| on_screen(&v, b, w, h)).count();
            assert!(shown >= 1, "the first rank is on screen");
            let visible = l.nodes.iter().filter(|b| on_screen(&v, b, w, h)).count();
            assert!(
                visible >= 5,
                "several steps are on screen, not one: {visible}"
            );
            assert!(!v.shows_all(&l, w, h), "the chart says there is more");
        }
        let l = chain(2);
        let v = Viewport::open(&l, None, 960.0, 520.0);
        assert!(v.shows_all(&l, 960.0, 520.0));
    }

    #[test]
    fn a_focused_step_opens_centred_at_reading_size() {
        let l = generated(&crate::dag::gen::ops_like(100, 7));
        let focus = &l.nodes[60];
        let v = Viewport::open(&l, Some(focus), 960.0, 640.0);
        assert_eq!(v.scale, READ_SCALE);
        assert!(on_screen(&v, focus, 960.0, 640.0));
        let count = |v: &Viewport| {
            l.nodes
                .iter()
                .filter(|b| on_screen(v, b, 960.0, 640.0))
                .count()
        };
        let centred = Viewport {
            scale: READ_SCALE,
            ..Viewport::default()
        }
        .center_on(focus, 960.0, 640.0);
        assert!(count(&v) >= count(&centred));
    }

    #[test]
    fn a_sparse_rank_opens_on_its_neighbours_not_alone() {
        // Wide, sparse ranks: centred on a step, the screen may show it nearly alone; the view that
        // keeps it on screen with the most neighbours is never worse and here much better.
        let (w, h) = (880.0, 640.0);
        let mut lonely = 0;
        for seed in 1..=6 {
            for specs in [
                crate::dag::gen::layered(100, seed),
                crate::dag::gen::ops_like(100, seed),
            ] {
                let l = generated(&specs);
                let count = |v: &Viewport| l.nodes.iter().filter(|b| on_screen(v, b, w, h)).count();
                for focus in &l.nodes {
                    let at = Viewport {
                        scale: READ_SCALE,
                        ..Viewport::default()
                    };
                    let centred = count(&at.center_on(focus, w, h));
                    let v = Viewport::open(&l, Some(focus), w, h);
                    assert!(on_screen(&v, focus, w, h));
                    assert!(count(&v) >= centred);
                    if centred <= 2 && count(&v) >= 3 {
                        lonely += 1;
                    }
                }
            }
        }
        assert!(
            lonely > 0,
            "steps that centring leaves nearly alone open with neighbours"
        );
    }
}
