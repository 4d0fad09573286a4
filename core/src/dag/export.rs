//! The chart as a standalone SVG document, for "Export SVG": every node, whatever is on screen.

use super::layout::Layout;
use super::nodes::{ellipsize, NodeState, NAME_COLUMNS};
use crate::i18n::Lang;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Stroke and fill per status (the palette of `style/console.css`).
pub fn palette(status: &str) -> (&'static str, &'static str) {
    match status {
        "pending" => ("#6B7280", "#F9FAFB"),
        "ready" => ("#D97706", "#FFFBEB"),
        "running" => ("#2563EB", "#EFF6FF"),
        "successful" => ("#047857", "#ECFDF5"),
        "failed" => ("#B91C1C", "#FEF2F2"),
        "canceling" => ("#3F3F46", "#F4F4F5"),
        _ => ("#6B7280", "#FFFFFF"),
    }
}

/// Renders `layout` with each node's name and state.
pub fn to_svg(layout: &Layout, nodes: &[(String, NodeState)], lang: Lang) -> String {
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="-8 -8 {w:.0} {h:.0}" font-family="sans-serif" font-size="13">"#,
        w = layout.width + 16.0,
        h = layout.height + 16.0
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#6B7280"/></marker></defs>"##);
    for e in &layout.edges {
        out.push_str(&format!(r##"<path d="{}" fill="none" stroke="#9CA3AF" stroke-width="1.5" marker-end="url(#arrow)"/>"##, e.path));
    }
    for (b, (name, state)) in layout.nodes.iter().zip(nodes) {
        let (stroke, fill) = palette(&state.status.label());
        out.push_str(&format!(
            r##"<g transform="translate({:.1},{:.1})"><title>{}</title><rect width="{:.0}" height="{:.0}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="2"/><text x="10" y="22" fill="{stroke}">{}</text><text x="30" y="22" fill="#111827">{}</text><text x="30" y="42" fill="{stroke}" font-size="11">{}</text></g>"##,
            b.x,
            b.y,
            escape(name),
            b.w,
            b.h,
            state.icon(),
            escape(&ellipsize(name, NAME_COLUMNS)),
            escape(&state.title(lang))
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dag::graph::{Graph, NodeSpec};
    use crate::dag::layout::{layout, LayoutOptions};
    use crate::model::SubtaskStatus;

    #[test]
    fn exports_every_node_escaped() {
        let specs = vec![
            NodeSpec {
                id: 1,
                upstreams: vec![],
                downstreams: vec![2],
                parallel_idx: -1,
            },
            NodeSpec {
                id: 2,
                upstreams: vec![1],
                downstreams: vec![],
                parallel_idx: -1,
            },
        ];
        let g = Graph::build(&specs);
        let l = layout(&g, &LayoutOptions::default());
        let nodes = vec![
            (
                "a <b> & c".to_string(),
                NodeState {
                    status: SubtaskStatus::Failed,
                    ..Default::default()
                },
            ),
            (
                "second".to_string(),
                NodeState {
                    status: SubtaskStatus::Pending,
                    ..Default::default()
                },
            ),
        ];
        let svg = to_svg(&l, &nodes, Lang::En);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("a &lt;b&gt; &amp; c"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("marker-end").count(), 1);
        assert!(svg.contains("#B91C1C"));
    }
}
