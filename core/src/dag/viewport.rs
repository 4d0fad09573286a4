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

    /// How a chart opens: fitted when that is readable; else at scale 1 on `focus` (the current step)
    /// or at the start of the flow, so the operator reads it and pans for the rest.
    pub fn open(layout: &Layout, focus: Option<&NodeBox>, w: f64, h: f64) -> Viewport {
        let fitted = Viewport::fit(layout, w, h);
        if fitted.scale >= READ_SCALE {
            return fitted;
        }
        match focus {
            Some(b) => Viewport::default().center_on(b, w, h),
            None => {
                let pad = 16.0;
                Viewport {
                    tx: if layout.width + 2.0 * pad <= w {
                        (w - layout.width) / 2.0
                    } else {
                        pad
                    },
                    ty: pad,
                    scale: 1.0,
                }
            }
        }
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

    /// Centres the box in a `w`×`h` screen, zooming to at least readable detail.
    pub fn center_on(self, b: &NodeBox, w: f64, h: f64) -> Viewport {
        let scale = self.scale.max(0.8);
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
}
