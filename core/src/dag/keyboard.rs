//! Keyboard moves over a laid-out DAG: arrow keys follow edges along the flow and move within a layer
//! across it.

use super::graph::Graph;
use super::layout::{Direction, Layout};
use crate::sort::by_key;

/// Layer lists ordered left to right, for arrow-key moves within a layer.
pub fn layers_of(layout: &Layout) -> Vec<Vec<usize>> {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layout.layers.max(1)];
    for (i, b) in layout.nodes.iter().enumerate() {
        if let Some(l) = layers.get_mut(b.layer) {
            l.push(i);
        }
    }
    for l in &mut layers {
        *l = by_key(l, |&i| [layout.nodes[i].order as u64, 0, 0])
            .copied()
            .collect();
    }
    layers
}

/// The node an arrow key moves to from `i`: along edges for the flow axis, within the layer across it.
pub fn arrow_target(
    graph: &Graph,
    layout: &Layout,
    direction: Direction,
    layers: &[Vec<usize>],
    i: usize,
    key: &str,
) -> Option<usize> {
    let (forward, back, next, prev) = if direction == Direction::TopToBottom {
        ("ArrowDown", "ArrowUp", "ArrowRight", "ArrowLeft")
    } else {
        ("ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp")
    };
    let by_order = |v: &[usize]| v.iter().copied().min_by_key(|j| layout.nodes[*j].order);
    let b = layout.nodes.get(i)?;
    let layer = layers.get(b.layer)?;
    let pos = layer.iter().position(|j| *j == i)?;
    match key {
        k if k == forward => by_order(graph.downstreams_of(i)),
        k if k == back => by_order(graph.upstreams_of(i)),
        k if k == next => layer.get(pos + 1).copied(),
        k if k == prev => pos.checked_sub(1).and_then(|p| layer.get(p).copied()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::graph::NodeSpec;
    use crate::dag::layout::{layout, LayoutOptions};

    fn spec(id: i64, up: &[i64]) -> NodeSpec {
        NodeSpec {
            id,
            upstreams: up.to_vec(),
            downstreams: vec![],
            parallel_idx: -1,
        }
    }

    /// 1 → {2, 3} → 4: down follows the edge, right moves within the layer, up goes back.
    fn diamond(direction: Direction) -> (Graph, Layout) {
        let g = Graph::build(&[spec(1, &[]), spec(2, &[1]), spec(3, &[1]), spec(4, &[2, 3])]);
        let l = layout(
            &g,
            &LayoutOptions {
                direction,
                ..LayoutOptions::default()
            },
        );
        (g, l)
    }

    #[test]
    fn arrows_follow_edges_and_layers_top_to_bottom() {
        let (g, l) = diamond(Direction::TopToBottom);
        let layers = layers_of(&l);
        let at = |id| g.index_of(id).unwrap();
        let go = |i, k| arrow_target(&g, &l, Direction::TopToBottom, &layers, i, k);
        let first_child = go(at(1), "ArrowDown").unwrap();
        assert!(first_child == at(2) || first_child == at(3));
        let sibling = go(first_child, "ArrowRight").or_else(|| go(first_child, "ArrowLeft"));
        assert!(sibling.is_some() && sibling != Some(first_child));
        assert_eq!(go(first_child, "ArrowUp"), Some(at(1)));
        assert_eq!(go(first_child, "ArrowDown"), Some(at(4)));
        assert_eq!(go(at(4), "ArrowDown"), None);
        assert_eq!(go(at(1), "ArrowLeft"), None);
        assert_eq!(go(at(1), "Enter"), None);
    }

    #[test]
    fn left_to_right_swaps_the_axes() {
        let (g, l) = diamond(Direction::LeftToRight);
        let layers = layers_of(&l);
        let at = |id| g.index_of(id).unwrap();
        let go = |i, k| arrow_target(&g, &l, Direction::LeftToRight, &layers, i, k);
        assert!(go(at(1), "ArrowRight").is_some());
        assert_eq!(go(at(1), "ArrowDown"), None);
        assert_eq!(
            go(at(4), "ArrowLeft").map(|j| j == at(2) || j == at(3)),
            Some(true)
        );
    }
}
