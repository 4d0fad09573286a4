//! Layered (Sugiyama-style) layout of a subtask [`Graph`] into node boxes and SVG edge paths;
//! deterministic and dependent on the graph's shape only. Each phase lives in its own file;
//! this one only runs them in turn.

mod acyclic;
mod crossings;
mod csr;
mod dummies;
mod order;
mod path_data;
mod ports;
mod position;
mod rank;
mod route;
mod tracks;

use super::graph::Graph;
use acyclic::back_edges;
pub use crossings::count_crossings;
use dummies::Layered;
use rank::layers_of;
use route::{route_edges, Frame};

/// Which way layers follow each other.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Direction {
    /// Sources at the top, edges pointing down.
    #[default]
    TopToBottom,
    /// Sources on the left, edges pointing right.
    LeftToRight,
}

/// Sizes and tuning of [`layout`].
#[derive(Clone, Debug)]
pub struct LayoutOptions {
    pub direction: Direction,
    /// Box width in pixels, whatever the direction.
    pub node_width: f64,
    /// Box height in pixels, whatever the direction.
    pub node_height: f64,
    /// Gap between neighbours in the same layer (horizontal when top to bottom).
    pub h_gap: f64,
    /// Smallest gap between consecutive layers (vertical when top to bottom); gaps grow to
    /// hold the edge levels they carry.
    pub v_gap: f64,
    /// Crossing-reduction sweeps; each sweep goes down then up (small graphs repeat them from
    /// a few shuffled orders).
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: Direction::TopToBottom,
            node_width: 220.0,
            node_height: 56.0,
            h_gap: 32.0,
            v_gap: 48.0,
            sweeps: 4,
        }
    }
}

/// A node's box (top-left corner and size), its layer and its rank among the layer's nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub layer: usize,
    pub order: usize,
}

/// One drawn edge of the graph, in the graph's edge order.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeRoute {
    pub from: usize,
    pub to: usize,
    /// SVG path data ending on the border of the `to` box, so an arrowhead marker fits.
    pub path: String,
    /// Box `(x0, y0, x1, y1)` around the path's points, for culling.
    pub bounds: (f64, f64, f64, f64),
    /// The edge closes a cycle (or is a self-loop): drawn against the flow and worth marking.
    pub back_edge: bool,
}

/// The result of [`layout`]: boxes indexed like `Graph::ids`, routes like `Graph::edges`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeRoute>,
    /// Size of the drawing (a suitable SVG `viewBox` is `0 0 width height`).
    pub width: f64,
    pub height: f64,
    /// Edge crossings between adjacent layers, long edges counted per segment (edges left
    /// direct by the dummy budget are not counted).
    pub crossings: usize,
    /// Number of layers (0 for an empty graph).
    pub layers: usize,
}

/// Lays out `g`: cycle breaking, ranking, dummy nodes, crossing reduction, coordinates and
/// edge routes.
pub fn layout(g: &Graph, opts: &LayoutOptions) -> Layout {
    let n = g.len();
    let lr = opts.direction == Direction::LeftToRight;
    let (cross_ext, main_ext) = if lr {
        (opts.node_height, opts.node_width)
    } else {
        (opts.node_width, opts.node_height)
    };
    let back = back_edges(g);
    let mut dag = Vec::with_capacity(g.edges.len());
    for (e, &(a, b)) in g.edges.iter().enumerate() {
        if a != b {
            let (a, b) = (a as u32, b as u32);
            dag.push(if back[e] { (b, a) } else { (a, b) });
        }
    }
    let mut chains = Vec::with_capacity(dag.len());
    let mut lg = Layered::build(g, &dag, layers_of(n, &dag), &mut chains);
    let crossings = lg.reduce_crossings(opts.sweeps);
    let mut cross = lg.place(cross_ext / 2.0, opts.h_gap);

    let frame = Frame {
        lr,
        cross_ext,
        main_ext,
        min_gap: opts.v_gap,
        loop_bulge: opts.h_gap * 0.75,
    };
    let has_loops = g.edges.iter().any(|&(a, b)| a == b);
    let min = (0..cross.len())
        .map(|v| cross[v] - if v < n { cross_ext / 2.0 } else { 0.0 })
        .fold(f64::INFINITY, f64::min);
    let shift = if min.is_finite() { -min } else { 0.0 };
    let mut cross_size: f64 = 0.0;
    for (v, c) in cross.iter_mut().enumerate() {
        *c += shift;
        let reach = if v < n { cross_ext / 2.0 } else { 0.0 };
        cross_size = cross_size.max(*c + reach);
    }
    if has_loops {
        cross_size += frame.loop_bulge;
    }
    let routes = route_edges(g, &back, &chains, &lg, &cross, cross_size, &frame);
    let layers = lg.layers();
    let main_size = routes.tops.last().map_or(0.0, |t| t + main_ext);
    let mut rank = vec![0usize; n];
    for l in 0..layers {
        for (r, &v) in lg
            .nodes(l)
            .iter()
            .filter(|&&v| (v as usize) < n)
            .enumerate()
        {
            rank[v as usize] = r;
        }
    }
    let nodes = (0..n)
        .map(|v| {
            let top = routes.tops[lg.layer[v] as usize];
            let (x, y) = frame.pt(cross[v] - cross_ext / 2.0, top);
            NodeBox {
                x,
                y,
                w: opts.node_width,
                h: opts.node_height,
                layer: lg.layer[v] as usize,
                order: rank[v],
            }
        })
        .collect();
    let (width, height) = frame.pt(routes.cross_size, main_size);
    Layout {
        nodes,
        edges: routes.edges,
        width,
        height,
        crossings,
        layers,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod clearance_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
