//! Edge routing: orthogonal paths leave a box from one trunk, run on their own level in the
//! gap below (or share one per side of the trunk where the gap is crowded), go down past
//! layers beside the boxes and arrive at their own port; gaps grow to hold their levels.

use super::super::graph::Graph;
use super::dummies::Layered;
use super::path_data::{bounds, corners, into_path, push_point, rounded};
use super::ports::ports;
use super::tracks::{levels, Hop};
use super::EdgeRoute;

/// Room between a box and the nearest level in a gap.
const LEVEL_PAD: f64 = 14.0;
/// Distance between neighbouring levels.
const LEVEL_GAP: f64 = 10.0;
/// Fan keys from here on belong to one hop each; keys below are a real node's trunk.
const OWN_FAN: u64 = 1 << 48;
/// Room between the drawing and the first outside lane, and between lanes.
const LANE_PAD: f64 = 24.0;
const LANE_GAP: f64 = 10.0;

/// How layer and cross-axis coordinates map to the drawing.
pub(super) struct Frame {
    /// Layers run left to right, so the cross axis is `y`.
    pub(super) lr: bool,
    /// Box extent across the layers' axis and along it.
    pub(super) cross_ext: f64,
    pub(super) main_ext: f64,
    /// Smallest gap between consecutive layers.
    pub(super) min_gap: f64,
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

/// Routed edges, where each layer starts on the main axis, and the cross-axis size.
pub(super) struct Routes {
    pub(super) edges: Vec<EdgeRoute>,
    pub(super) tops: Vec<f64>,
    pub(super) cross_size: f64,
}

/// Where a hop leaves the gap: a fixed point, or the `k`-th arrival's port.
#[derive(Clone, Copy)]
enum Bottom {
    At(f64),
    Port(usize),
}

/// Every non-loop edge's hops, in edge order, with their bottoms resolved.
struct Passages {
    hops: Vec<Hop>,
    /// Chain `c`'s hops are `hops[start[c]..start[c + 1]]`.
    start: Vec<usize>,
    /// Chain `c` is drawn against the flow.
    back: Vec<bool>,
    /// Outside lanes taken by long edges left without dummies.
    lanes: usize,
}

/// Splits every chain into hops, one per gap it crosses (two for a long edge without dummies,
/// which goes round the drawing on an outside lane), and gives each arrival its port.
fn passages(
    g: &Graph,
    back: &[bool],
    chains: &[Vec<u32>],
    lg: &Layered,
    cross: &[f64],
    cross_size: f64,
    f: &Frame,
) -> Passages {
    let (real, layer) = (lg.real, &lg.layer);
    let (mut hops, mut bottoms) = (Vec::new(), Vec::new());
    let mut arrivals: Vec<(u32, f64)> = Vec::new();
    let mut start = Vec::with_capacity(chains.len() + 1);
    let mut chain_back = Vec::with_capacity(chains.len());
    let mut lanes = 0usize;
    let edges = g.edges.iter().enumerate().filter(|(_, &(a, b))| a != b);
    for ((e, _), chain) in edges.zip(chains) {
        chain_back.push(back[e]);
        start.push(hops.len());
        let nudge = if back[e] { f.cross_ext / 4.0 } else { 0.0 };
        for w in chain.windows(2) {
            let (u, v) = (w[0], w[1]);
            let own = OWN_FAN + hops.len() as u64;
            let (top, fan) = if (u as usize) < real {
                let trunk = 2 * u64::from(u) + u64::from(back[e]);
                (cross[u as usize] + nudge, trunk)
            } else {
                (cross[u as usize], own)
            };
            let arrive = |arrivals: &mut Vec<(u32, f64)>, from: f64| {
                if (v as usize) < real {
                    arrivals.push((v, from));
                    Bottom::Port(arrivals.len() - 1)
                } else {
                    Bottom::At(cross[v as usize])
                }
            };
            let (lu, lv) = (layer[u as usize], layer[v as usize]);
            let mut push = |gap: u32, fan: u64, top: f64, bottom: Bottom| {
                hops.push(Hop {
                    gap,
                    fan,
                    top,
                    bottom: 0.0,
                });
                bottoms.push(bottom);
            };
            if lv == lu + 1 {
                let bottom = arrive(&mut arrivals, top);
                push(lu, fan, top, bottom);
            } else {
                let x = cross_size + LANE_PAD + lanes as f64 * LANE_GAP;
                lanes += 1;
                push(lu, fan, top, Bottom::At(x));
                let bottom = arrive(&mut arrivals, x);
                push(lv - 1, own + 1, x, bottom);
            }
        }
    }
    start.push(hops.len());
    let port = ports(&arrivals, cross, f.cross_ext);
    for (h, b) in hops.iter_mut().zip(&bottoms) {
        h.bottom = match *b {
            Bottom::At(x) => x,
            Bottom::Port(k) => port[k],
        };
        if h.fan < OWN_FAN {
            h.fan = 2 * h.fan + u64::from(h.bottom > h.top);
        }
    }
    Passages {
        hops,
        start,
        back: chain_back,
        lanes,
    }
}

/// Routes every edge of `g`: `chains` holds each non-loop edge's node chain in the layered
/// graph `lg` (in the acyclic direction), `cross` every node's cross-axis centre.
pub(super) fn route_edges(
    g: &Graph,
    back: &[bool],
    chains: &[Vec<u32>],
    lg: &Layered,
    cross: &[f64],
    cross_size: f64,
    f: &Frame,
) -> Routes {
    let layer = &lg.layer;
    let p = passages(g, back, chains, lg, cross, cross_size, f);
    let hops = &p.hops;
    let gaps = lg.layers().saturating_sub(1);
    let fit = ((f.min_gap - 2.0 * LEVEL_PAD) / LEVEL_GAP).floor().max(0.0) as u32 + 1;
    let (level, count) = levels(hops, gaps, fit);
    let gap_size: Vec<f64> = count
        .iter()
        .map(|&c| {
            f.min_gap
                .max(2.0 * LEVEL_PAD + f64::from(c.max(1) - 1) * LEVEL_GAP)
        })
        .collect();
    let mut tops = Vec::with_capacity(lg.layers());
    let mut at = 0.0;
    for l in 0..lg.layers() {
        tops.push(at);
        at += f.main_ext + gap_size.get(l).copied().unwrap_or(0.0);
    }
    let level_y = |gap: u32, k: u32| {
        let (g, n) = (gap as usize, f64::from(count[gap as usize].max(1) - 1));
        tops[g] + f.main_ext + (gap_size[g] - n * LEVEL_GAP) / 2.0 + f64::from(k) * LEVEL_GAP
    };

    let mut edges = Vec::with_capacity(g.edges.len());
    let (mut pts, mut bent) = (Vec::new(), Vec::new());
    let mut next_chain = 0;
    for (e, &(from, to)) in g.edges.iter().enumerate() {
        let (path, bounds) = if from == to {
            self_loop(cross[from], tops[layer[from] as usize], f)
        } else {
            let c = next_chain;
            next_chain += 1;
            let chain = &chains[c];
            let (h0, h1) = (p.start[c], p.start[c + 1]);
            let (first, last) = (chain[0] as usize, chain[chain.len() - 1] as usize);
            pts.clear();
            pts.push(f.pt(hops[h0].top, tops[layer[first] as usize] + f.main_ext));
            for h in h0..h1 {
                let hop = &hops[h];
                if level[h] != u32::MAX {
                    let y = level_y(hop.gap, level[h]);
                    pts.push(f.pt(hop.top, y));
                    pts.push(f.pt(hop.bottom, y));
                }
            }
            pts.push(f.pt(hops[h1 - 1].bottom, tops[layer[last] as usize]));
            if p.back[c] {
                pts.reverse();
            }
            corners(&pts, &mut bent);
            (rounded(&bent), bounds(&bent))
        };
        edges.push(EdgeRoute {
            from,
            to,
            path,
            bounds,
            back_edge: back[e] || from == to,
        });
    }
    let lanes_size = if p.lanes > 0 {
        LANE_PAD + (p.lanes - 1) as f64 * LANE_GAP
    } else {
        0.0
    };
    Routes {
        edges,
        tops,
        cross_size: cross_size + lanes_size,
    }
}

/// A loop out of the box's far side and back, as a cubic curve.
fn self_loop(centre: f64, top: f64, f: &Frame) -> (String, (f64, f64, f64, f64)) {
    let r = centre + f.cross_ext / 2.0;
    let (m0, m1, k) = (
        top + f.main_ext * 0.3,
        top + f.main_ext * 0.7,
        f.main_ext * 0.2,
    );
    let p = [
        f.pt(r, m0),
        f.pt(r + f.loop_bulge, m0 - k),
        f.pt(r + f.loop_bulge, m1 + k),
        f.pt(r, m1),
    ];
    let mut s = Vec::with_capacity(48);
    for (p, cmd) in p.into_iter().zip(["M", " C", " ", " "]) {
        push_point(&mut s, cmd, p);
    }
    (into_path(s), bounds(&p))
}
