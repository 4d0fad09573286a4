//! The subtask DAG as one SVG: nodes change colour, icon and text as their own signals change; the
//! layout stays put. Large graphs draw only what is on screen, and plain boxes when zoomed far out.

use super::live::LiveDag;
use crate::i18n::{self, t, tf, tr, tx, Msg};
use leptos::ev::{KeyboardEvent, PointerEvent, WheelEvent};
use leptos::html;
use leptos::prelude::*;
use ocp_core::dag::export::to_svg;
use ocp_core::dag::keyboard::{arrow_target, layers_of};
use ocp_core::dag::nodes::{node_label, status_icon, NAME_COLUMNS};
use ocp_core::dag::viewport::{chart_height, intersects, Viewport};
use ocp_core::i18n::{display_width, prefix_within};
use ocp_core::model::SubtaskStatus;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Above this many nodes only those on screen are in the DOM.
pub const CULL_ABOVE: usize = 300;
const DEFAULT_WIDTH: f64 = 960.0;

/// Statuses in legend order.
const LEGEND: [SubtaskStatus; 6] = [
    SubtaskStatus::Failed,
    SubtaskStatus::Running,
    SubtaskStatus::Canceling,
    SubtaskStatus::Ready,
    SubtaskStatus::Pending,
    SubtaskStatus::Successful,
];

fn focus_node(root: &web_sys::Element, id: i64) -> bool {
    root.query_selector(&format!("g.dag-node[data-id='{id}']"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
        .map(|e| e.focus().is_ok())
        .unwrap_or(false)
}

/// Graphs open fitted when that is readable. Others open at reading size on the current step (large
/// ones on the first node when none runs): a fitted 1,000-node chart is unreadable and costs every
/// node's DOM, a fitted 10-step chain is text at 49 %; "Fit" is one click.
fn initial_view(dag: &LiveDag, large: bool, w: f64, h: f64) -> Viewport {
    let step = dag.current_step().or(large.then_some(0));
    let focus = step.and_then(|i| dag.layout.nodes.get(i));
    if large {
        if let Some(b) = focus {
            return Viewport::default().center_on(b, w, h);
        }
    }
    Viewport::open(&dag.layout, focus, w, h)
}

/// The chart of one task shape. `selected` is highlighted; clicking or Enter on a node calls `on_select`.
#[component]
pub fn DagChart(
    dag: Arc<LiveDag>,
    #[prop(into)] selected: Signal<Option<i64>>,
    on_select: Callback<i64>,
    /// Screen height; by default as tall as the drawing at reading size, within 320–640 px.
    #[prop(optional)]
    height: Option<f64>,
    #[prop(optional, into)] export_name: Option<String>,
    #[prop(optional)] on_toggle_direction: Option<Callback<()>>,
) -> impl IntoView {
    let height = height.unwrap_or_else(|| chart_height(&dag.layout, 320.0, 640.0));
    let n = dag.nodes.len();
    let cull = n > CULL_ABOVE;
    let container = NodeRef::<html::Div>::new();
    let size = RwSignal::new((DEFAULT_WIDTH, height));
    let viewport = RwSignal::new(initial_view(&dag, cull, DEFAULT_WIDTH, height));
    let fitted = StoredValue::new(false);
    let layers = Arc::new(layers_of(&dag.layout));

    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let w = el.get_bounding_client_rect().width();
            if w > 0.0 {
                size.set((w, height));
                return Some(w);
            }
        }
        None
    };
    {
        let dag = dag.clone();
        Effect::new(move |_| {
            if container.get().is_some() && !fitted.get_value() {
                if let Some(w) = measure() {
                    fitted.set_value(true);
                    viewport.set(initial_view(&dag, cull, w, height));
                }
            }
        });
    }

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let before = size.get_untracked();
        if let Some(w) = measure() {
            if (w - before.0).abs() > 0.5 {
                viewport.update(|v| *v = v.resized(before, (w, height)));
            }
        }
    });
    on_cleanup(move || resize.remove());

    let detailed = Memo::new(move |_| viewport.with(Viewport::detailed));
    let node_bounds: Arc<Vec<(f64, f64, f64, f64)>> = Arc::new(
        dag.layout
            .nodes
            .iter()
            .map(|b| (b.x, b.y, b.x + b.w, b.y + b.h))
            .collect(),
    );
    let edge_bounds: Arc<Vec<(f64, f64, f64, f64)>> = Arc::new(if cull {
        dag.layout.edges.iter().map(|e| e.bounds).collect()
    } else {
        Vec::new()
    });
    let visible_nodes = {
        let nb = node_bounds.clone();
        Memo::new(move |_| {
            if !cull {
                return (0..nb.len()).collect::<Vec<_>>();
            }
            let (w, h) = size.get();
            let r = viewport.with(|v| v.visible_rect(w, h, 150.0));
            (0..nb.len()).filter(|i| intersects(nb[*i], r)).collect()
        })
    };
    let visible_edges = {
        let eb = edge_bounds.clone();
        let total = dag.layout.edges.len();
        Memo::new(move |_| {
            if !cull {
                return (0..total).collect::<Vec<_>>();
            }
            let (w, h) = size.get();
            let r = viewport.with(|v| v.visible_rect(w, h, 150.0));
            (0..total).filter(|i| intersects(eb[*i], r)).collect()
        })
    };

    let go_to = {
        let dag = dag.clone();
        move |i: usize| {
            let b = &dag.layout.nodes[i];
            let (w, h) = size.get_untracked();
            let r = viewport.with_untracked(|v| v.visible_rect(w, h, 0.0));
            if !intersects((b.x, b.y, b.x + b.w, b.y + b.h), r)
                || !viewport.with_untracked(Viewport::detailed)
            {
                viewport.update(|v| *v = v.center_on(b, w, h));
            }
            let id = dag.nodes[i].id;
            leptos::task::spawn_local(async move {
                for _ in 0..20 {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    if container.is_disposed() {
                        break;
                    }
                    if let Some(root) = container.get_untracked() {
                        if focus_node(&root, id) {
                            break;
                        }
                    }
                }
            });
        }
    };

    let node_view = {
        let dag = dag.clone();
        let layers = layers.clone();
        let go_to = go_to.clone();
        move |i: usize| {
            let node = dag.nodes[i].clone();
            let b = dag.layout.nodes[i].clone();
            let id = node.id;
            let state = node.state;
            let status = Memo::new(move |_| state.with(|s| s.key()));
            let is_selected = Memo::new(move |_| selected.get() == Some(id));
            let name = node.name.clone();
            let label_name = name.clone();
            // The full name is in the DOM (the accessible name starts with it and contains the
            // visible text). A long one shows the characters that fit the box, measured by display
            // width (a CJK character is two columns), then "…"; the rest is not drawn, so no
            // character is cut in half.
            let long = display_width(&name) > NAME_COLUMNS;
            let name_w = (b.w - 32.0 - if long { 22.0 } else { 6.0 }).max(0.0);
            let shown = if long {
                prefix_within(&name, NAME_COLUMNS - 2).to_string()
            } else {
                name.clone()
            };
            let rest = name[shown.len()..].to_string();
            let more_x = b.w - 20.0;
            let box_h = b.h;
            let dag_k = dag.clone();
            let layers = layers.clone();
            let go_to = go_to.clone();
            let on_key = move |ev: KeyboardEvent| {
                let key = ev.key();
                if key == "Enter" || key == " " {
                    ev.prevent_default();
                    on_select.run(id);
                } else if let Some(t) = arrow_target(
                    &dag_k.graph,
                    &dag_k.layout,
                    dag_k.direction,
                    &layers,
                    i,
                    &key,
                ) {
                    ev.prevent_default();
                    go_to(t);
                }
            };
            view! {
                <g
                    class=move || {
                        format!("dag-node st-{}{}", status.get(), if is_selected.get() { " selected" } else { "" })
                    }
                    data-id=id
                    data-status=move || status.get()
                    transform=format!("translate({:.1},{:.1})", b.x, b.y)
                    tabindex="0"
                    role="button"
                    aria-label=move || state.with(|s| node_label(&label_name, s, i18n::lang()))
                    on:click=move |_| on_select.run(id)
                    on:keydown=on_key
                >
                    <title>{name}</title>
                    <rect width=b.w height=b.h rx="8" />
                    <Show when=move || detailed.get()>
                        // Spaces between the texts: without them the node's text runs together
                        // ("Create poolSuccessful") and no longer matches its accessible name.
                        <text class="icon" x="10" y="23">{move || state.with(|s| s.icon())}</text>
                        " "
                        <svg class="name-box" x="32" y="0" width=name_w height=box_h>
                            <text class="name" y="23">{shown.clone()}<tspan class="name-rest">{rest.clone()}</tspan></text>
                        </svg>
                        " "
                        {long.then(|| view! { <text class="more" x=more_x y="23">"…"</text> " " })}
                        <text class="status" x="32" y="43">
                            {move || {
                                state.with(|s| {
                                    let lang = i18n::lang();
                                    if s.run_time > 1 {
                                        format!("{} · {}", s.title(lang), lang.fmt(Msg::NodeRun, &[&s.run_time]))
                                    } else {
                                        s.title(lang)
                                    }
                                })
                            }}
                        </text>
                    </Show>
                </g>
            }
        }
    };

    let edge_view = {
        let dag = dag.clone();
        move |k: usize| {
            let e = dag.layout.edges[k].clone();
            let from_state = dag.nodes[e.from].state;
            let class = Memo::new(move |_| {
                let s = from_state.with(|s| s.status.clone());
                let tone = match s {
                    SubtaskStatus::Successful => " done",
                    SubtaskStatus::Failed => " blocked",
                    _ => "",
                };
                format!("dag-edge{tone}{}", if e.back_edge { " back" } else { "" })
            });
            view! { <path class=move || class.get() d=e.path marker-end="url(#dag-arrow)" /> }
        }
    };

    let counts = {
        let dag = dag.clone();
        Memo::new(move |_| {
            let mut counts = vec![0usize; LEGEND.len() + 2];
            for node in &dag.nodes {
                node.state.with(|s| {
                    let k = if s.rolled_back() {
                        LEGEND.len() + 1
                    } else {
                        LEGEND
                            .iter()
                            .position(|l| *l == s.status)
                            .unwrap_or(LEGEND.len())
                    };
                    counts[k] += 1;
                });
            }
            counts
        })
    };
    // Built once; a poll changes only the counts' text.
    let legend = {
        let count = move |k: usize| move || counts.with(|c| c[k]);
        let done = LEGEND
            .iter()
            .position(|s| *s == SubtaskStatus::Successful)
            .unwrap_or(0);
        let other = LEGEND.len();
        let item = move |k: usize, label: String, title: Signal<String>, icon: &'static str| {
            view! {
                <li class=format!("legend-item st-{label}") data-status=label>
                    <span class="swatch" aria-hidden="true">{icon}</span>
                    {title} " " {count(k)}
                </li>
            }
        };
        let word = |m: Msg| Signal::derive(move || t(m).to_string());
        view! {
            <ul class="dag-legend" aria-label=tx(Msg::SubtasksPerStatus)>
                {LEGEND.iter().enumerate().map(|(k, s)| {
                    let st = s.clone();
                    item(k, s.label(), Signal::derive(move || st.title(i18n::lang())), status_icon(s))
                }).collect::<Vec<_>>()}
                <Show when=move || counts.with(|c| c[other] > 0)>
                    {item(other, "other".to_string(), word(Msg::StOther), "?")}
                </Show>
                <Show when=move || counts.with(|c| c[other + 1] > 0)>
                    {item(other + 1, "rolled-back".to_string(), word(Msg::StRolledBack), "↶")}
                </Show>
                <li class="legend-progress" data-testid="dag-progress">{move || tf(Msg::DoneOfTotal, &[&count(done)(), &n])}</li>
            </ul>
        }
    };

    let dragging = StoredValue::new(None::<(f64, f64)>);
    let on_pointer_down = move |ev: PointerEvent| {
        if ev.button() == 0 {
            dragging.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
        }
    };
    let on_pointer_move = move |ev: PointerEvent| {
        if let Some((x, y)) = dragging.get_value() {
            let (nx, ny) = (ev.client_x() as f64, ev.client_y() as f64);
            if (nx - x).abs() + (ny - y).abs() > 2.0 {
                viewport.update(|v| *v = v.pan(nx - x, ny - y));
                dragging.set_value(Some((nx, ny)));
            }
        }
    };
    let stop_drag = move |_: PointerEvent| dragging.set_value(None);
    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let factor = (-ev.delta_y() * 0.0015).exp();
        viewport.update(|v| *v = v.zoom_at(factor, ev.offset_x() as f64, ev.offset_y() as f64));
    };
    let zoom_button = move |factor: f64| {
        let (w, h) = size.get_untracked();
        viewport.update(|v| *v = v.zoom_at(factor, w / 2.0, h / 2.0));
    };
    let fit = {
        let dag = dag.clone();
        move |_| {
            let (w, _) = size.get_untracked();
            let w = measure().unwrap_or(w);
            viewport.set(Viewport::fit(&dag.layout, w, height));
        }
    };
    let current = {
        let dag = dag.clone();
        let go_to = go_to.clone();
        move |_| {
            if let Some(i) = dag.current_step() {
                go_to(i);
                on_select.run(dag.nodes[i].id);
            }
        }
    };
    let export = {
        let dag = dag.clone();
        let name = export_name.unwrap_or_else(|| "task.svg".into());
        move |_| {
            let nodes: Vec<_> = dag
                .nodes
                .iter()
                .map(|n| (n.name.clone(), n.state.get_untracked()))
                .collect();
            crate::download::download(
                &name,
                "image/svg+xml",
                &to_svg(&dag.layout, &nodes, i18n::current()),
            );
        }
    };
    let partial_of = dag.clone();
    let problems: Vec<String> = dag.graph.problems.iter().map(|p| p.to_string()).collect();
    let node_view = Arc::new(node_view);
    let edge_view = Arc::new(edge_view);

    view! {
        <div class="dag-chart">
            <div class="dag-toolbar" role="toolbar" aria-label=tx(Msg::ChartControls)>
                <button type="button" on:click=move |_| zoom_button(1.25) aria-label=tx(Msg::ZoomIn)>"+"</button>
                <button type="button" on:click=move |_| zoom_button(0.8) aria-label=tx(Msg::ZoomOut)>"−"</button>
                <button type="button" on:click=fit>{tr(Msg::Fit)}</button>
                <button type="button" data-action="current-step" on:click=current>{tr(Msg::GoToCurrent)}</button>
                {on_toggle_direction.map(|cb| view! {
                    <button type="button" on:click=move |_| cb.run(())>{tr(Msg::Direction)}</button>
                })}
                <button type="button" on:click=export>{tr(Msg::ExportSvg)}</button>
                <span class="zoom">{move || format!("{:.0}%", viewport.get().scale * 100.0)}</span>
                {move || {
                    let (w, h) = size.get();
                    (!viewport.get().shows_all(&partial_of.layout, w, h)).then(|| view! {
                        <span class="muted dag-more" data-testid="dag-more">{tr(Msg::PartOfChart)}</span>
                    })
                }}
            </div>
            {(!problems.is_empty()).then(|| view! {
                <ul class="dag-problems" role="note">
                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect::<Vec<_>>()}
                </ul>
            })}
            <div class="dag-canvas" node_ref=container style:height=format!("{height}px")>
                <svg
                    class="dag"
                    width="100%"
                    height=height
                    role="group"
                    aria-label=tx(Msg::SubtaskFlowChart)
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=stop_drag
                    on:pointerleave=stop_drag
                    on:wheel=on_wheel
                >
                    <defs>
                        <marker id="dag-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0 0 L10 5 L0 10 z" class="dag-arrowhead" />
                        </marker>
                    </defs>
                    <g class="dag-view" transform=move || viewport.get().transform()>
                        <g class="dag-edges">
                            <For each=move || visible_edges.get() key=|k| *k children={
                                let ev = edge_view.clone();
                                move |k| ev(k)
                            } />
                        </g>
                        <g class="dag-nodes">
                            <For each=move || visible_nodes.get() key=|i| *i children={
                                let nv = node_view.clone();
                                move |i| nv(i)
                            } />
                        </g>
                    </g>
                </svg>
            </div>
            {legend}
        </div>
    }
}
