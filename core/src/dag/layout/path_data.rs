//! SVG path data for routed edges: orthogonal polylines with rounded corners, and their bounds.

/// Radius of a rounded corner, shrunk on short legs.
const CORNER: f64 = 5.0;

/// Appends `cmd x y` with one decimal, as `{:.1}` would but without float formatting's cost.
pub(super) fn push_point(s: &mut Vec<u8>, cmd: &str, (x, y): (f64, f64)) {
    s.extend_from_slice(cmd.as_bytes());
    push_tenths(s, x);
    s.push(b' ');
    push_tenths(s, y);
}

/// Appends `v` rounded to one decimal (non-finite values as `0.0`).
fn push_tenths(s: &mut Vec<u8>, v: f64) {
    let tenths = (v * 10.0).round();
    let tenths = if tenths.is_finite() { tenths as i64 } else { 0 };
    let a = tenths.unsigned_abs();
    let mut buf = [0u8; 24];
    let mut i = buf.len() - 2;
    buf[i] = b'.';
    buf[i + 1] = b'0' + (a % 10) as u8;
    let mut int = a / 10;
    loop {
        i -= 1;
        buf[i] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    if tenths < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    s.extend_from_slice(&buf[i..]);
}

/// Path data written as bytes, as the string it is (every byte written is ASCII).
pub(super) fn into_path(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Box `(x0, y0, x1, y1)` around `pts`.
pub(super) fn bounds(pts: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    pts.iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

/// The corners of `pts`: repeated points and points inside straight runs dropped.
pub(super) fn corners(pts: &[(f64, f64)], out: &mut Vec<(f64, f64)>) {
    out.clear();
    for &p in pts {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out[..] {
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
}

/// `M`/`L` path data through the corner points `pts`, each inner corner rounded by a
/// quadratic curve whose control point is the corner itself.
pub(super) fn rounded(pts: &[(f64, f64)]) -> String {
    let mut s = Vec::with_capacity(40 * pts.len());
    let Some(&first) = pts.first() else {
        return String::new();
    };
    push_point(&mut s, "M", first);
    for i in 1..pts.len() {
        let p = pts[i];
        if i + 1 == pts.len() {
            push_point(&mut s, " L", p);
            break;
        }
        let (a, b) = (pts[i - 1], pts[i + 1]);
        let (la, lb) = (dist(a, p), dist(p, b));
        let r = CORNER.min(la / 2.0).min(lb / 2.0);
        let toward = |q: (f64, f64), l: f64| (p.0 + (q.0 - p.0) * r / l, p.1 + (q.1 - p.1) * r / l);
        push_point(&mut s, " L", toward(a, la));
        push_point(&mut s, " Q", p);
        push_point(&mut s, " ", toward(b, lb));
    }
    into_path(s)
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_print_with_one_rounded_decimal() {
        let mut s = Vec::new();
        push_point(&mut s, "M", (12.34, -0.26));
        push_point(&mut s, " L", (f64::NAN, 7.0));
        push_point(&mut s, " L", (1234567.89, -0.04));
        assert_eq!(into_path(s), "M12.3 -0.3 L0.0 7.0 L1234567.9 0.0");
    }

    #[test]
    fn corners_drop_repeats_and_points_inside_straight_runs_and_bounds_hug_the_points() {
        let pts = [
            (0.0, 0.0),
            (0.0, 5.0),
            (0.0, 5.0),
            (0.0, 10.0),
            (4.0, 10.0),
            (8.0, 10.0),
            (8.0, 12.0),
        ];
        let mut out = Vec::new();
        corners(&pts, &mut out);
        assert_eq!(out, vec![(0.0, 0.0), (0.0, 10.0), (8.0, 10.0), (8.0, 12.0)]);
        assert_eq!(bounds(&pts), (0.0, 0.0, 8.0, 12.0));
    }

    #[test]
    fn corners_are_rounded_within_their_legs() {
        let d = rounded(&[(0.0, 0.0), (0.0, 20.0), (30.0, 20.0), (30.0, 24.0)]);
        assert_eq!(
            d,
            format!(
                "M0.0 0.0 L0.0 {:.1} Q0.0 20.0 {:.1} 20.0 L{:.1} 20.0 Q30.0 20.0 30.0 {:.1} L30.0 24.0",
                20.0 - CORNER,
                CORNER,
                30.0 - 2.0,
                22.0
            )
        );
        assert_eq!(rounded(&[(1.0, 2.0), (1.0, 9.0)]), "M1.0 2.0 L1.0 9.0");
    }
}
