//! Pan and zoom of the chart as plain numbers: fit, zoom about a point, and which boxes are visible.

use super::layout::{Layout, NodeBox};

pub const MIN_SCALE: f64 = 0.05;
pub const MAX_SCALE: f64 = 3.0;
/// Below this scale node text is unreadable, so nodes are drawn as plain boxes.
pub const DETAIL_SCALE: f64 = 0.45;

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
}
