//! The DAG chart: the seeds render with the right nodes and edges, a status change touches only its
//! node, keyboard moves between nodes.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use ocp_console::dag::{DagChart, LiveDag};
use ocp_core::dag::layout::Direction;
use ocp_core::error::decode_response;
use ocp_core::model::{SubtaskStatus, TaskInstance, TaskList};
use std::sync::Arc;
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ADD_REPLICA: &str = include_str!("../fixtures/seeds/add-replica--response.json");
const SWITCHOVER: &str = include_str!("../fixtures/seeds/switchover--response.json");

#[wasm_bindgen(inline_js = r#"
export function observe(el) {
  const rec = { n: 0, targets: new Set() };
  const obs = new MutationObserver(list => {
    for (const m of list) {
      rec.n += 1;
      const g = (m.target.nodeType === 1 ? m.target : m.target.parentElement).closest('g.dag-node');
      rec.targets.add(g ? g.getAttribute('data-id') : 'outside');
    }
  });
  obs.observe(el, { subtree: true, attributes: true, characterData: true, childList: true });
  globalThis.__obs = { obs, rec };
}
export function observe_kinds(el) {
  const rec = { attributes: 0, childList: 0, characterData: 0 };
  const obs = new MutationObserver(list => { for (const m of list) rec[m.type] += 1; });
  obs.observe(el, { subtree: true, attributes: true, characterData: true, childList: true });
  globalThis.__kinds = { obs, rec };
}
export function observed_kinds() {
  const { obs, rec } = globalThis.__kinds;
  for (const m of obs.takeRecords()) rec[m.type] += 1;
  return JSON.stringify(rec);
}
export function observed() {
  const { obs, rec } = globalThis.__obs;
  for (const m of obs.takeRecords()) { rec.n += 1; }
  return JSON.stringify({ n: rec.n, targets: [...rec.targets] });
}
"#)]
extern "C" {
    fn observe(el: &web_sys::Element);
    fn observed() -> String;
    fn observe_kinds(el: &web_sys::Element);
    fn observed_kinds() -> String;
}

fn add_replica() -> TaskInstance {
    decode_response(200, None, ADD_REPLICA).unwrap().unwrap()
}

fn switchover() -> TaskInstance {
    let l: TaskList = decode_response(200, None, SWITCHOVER).unwrap().unwrap();
    l.contents[0].clone()
}

fn mount(
    task: &TaskInstance,
) -> (
    web_sys::HtmlElement,
    Arc<LiveDag>,
    RwSignal<Option<i64>>,
    impl Drop,
) {
    let root = container();
    let dag = Arc::new(LiveDag::new(task, Direction::TopToBottom));
    let selected = RwSignal::new(None::<i64>);
    let d = dag.clone();
    let h = mount_to(root.clone(), move || {
        view! { <DagChart dag=d.clone() selected=selected on_select=Callback::new(move |id| selected.set(Some(id))) /> }
    });
    (root, dag, selected, h)
}

#[wasm_bindgen_test]
async fn seeds_render_their_nodes_and_edges() {
    for (task, nodes, edges) in [(add_replica(), 4, 3), (switchover(), 10, 9)] {
        let (root, _dag, _sel, _h) = mount(&task);
        wait_until("nodes", || qa(&root, "g.dag-node").len() == nodes).await;
        assert_eq!(qa(&root, "path.dag-edge").len(), edges);
        for s in &task.subtasks {
            let node =
                q(&root, &format!("g.dag-node[data-id='{}']", s.id)).expect("node per subtask");
            assert_eq!(node.get_attribute("data-status").unwrap(), s.status.label());
            assert!(node
                .text_content()
                .unwrap()
                .contains(&s.status.title(ocp_console::i18n::Lang::En)));
            assert!(node
                .get_attribute("aria-label")
                .unwrap()
                .starts_with(&s.name));
        }
        assert!(text(&root, "[data-testid=dag-progress]").contains(&format!("0 / {nodes}")));
    }
}

#[wasm_bindgen_test]
async fn a_status_change_touches_only_that_node() {
    let task = switchover();
    let (root, dag, _sel, _h) = mount(&task);
    wait_until("nodes", || qa(&root, "g.dag-node").len() == 10).await;
    let nodes_el = q(&root, "g.dag-nodes").unwrap();
    observe(&nodes_el);
    observe_kinds(&q(&root, ".dag-legend").unwrap());
    let mut next = task.clone();
    let target = 13025761;
    for s in &mut next.subtasks {
        if s.id == target {
            s.status = SubtaskStatus::Running;
        }
    }
    assert_eq!(dag.update(&next), 1);
    assert_eq!(dag.update(&next), 0, "an unchanged poll changes nothing");
    wait_until("status text", || {
        q(&root, &format!("g.dag-node[data-id='{target}']"))
            .unwrap()
            .get_attribute("data-status")
            .as_deref()
            == Some("running")
    })
    .await;
    settle(30).await;
    let seen: serde_json::Value = serde_json::from_str(&observed()).unwrap();
    let targets: Vec<String> = seen["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        targets,
        vec![target.to_string()],
        "mutations outside the changed node: {seen}"
    );
    assert!(
        seen["n"].as_u64().unwrap() <= 8,
        "too many mutations for one node: {seen}"
    );
    let node = q(&root, &format!("g.dag-node[data-id='{target}']")).unwrap();
    assert!(node.get_attribute("class").unwrap().contains("st-running"));
    assert!(node.text_content().unwrap().contains("Running"));
    assert!(text(&root, ".dag-legend").contains("Running 1"));
    let legend: serde_json::Value = serde_json::from_str(&observed_kinds()).unwrap();
    assert_eq!(
        (legend["attributes"].as_u64(), legend["childList"].as_u64()),
        (Some(0), Some(0)),
        "the legend is rebuilt instead of updating its counts: {legend}"
    );
    assert!(
        (1..=2).contains(&legend["characterData"].as_u64().unwrap()),
        "the pending and running counts change, nothing else: {legend}"
    );
}

#[wasm_bindgen_test]
async fn keyboard_moves_along_edges_and_enter_selects() {
    let task = add_replica();
    let (root, _dag, selected, _h) = mount(&task);
    wait_until("nodes", || qa(&root, "g.dag-node").len() == 4).await;
    let first = q(&root, "g.dag-node[data-id='304129']")
        .unwrap()
        .unchecked_into::<web_sys::SvgElement>();
    first.focus().unwrap();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        document()
            .active_element()
            .unwrap()
            .dispatch_event(&ev)
            .unwrap();
    };
    key("ArrowDown");
    wait_until("focus on the next step", || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-id"))
            .as_deref()
            == Some("304130")
    })
    .await;
    key("Enter");
    wait_until("selection", || selected.get_untracked() == Some(304130)).await;
    wait_until("selected class", || {
        q(&root, "g.dag-node.selected")
            .and_then(|e| e.get_attribute("data-id"))
            .as_deref()
            == Some("304130")
    })
    .await;
    key("ArrowUp");
    wait_until("back up", || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-id"))
            .as_deref()
            == Some("304129")
    })
    .await;
}

#[wasm_bindgen_test]
async fn large_graphs_draw_only_what_is_on_screen() {
    let mut task = add_replica();
    let base = task.subtasks[0].clone();
    task.subtasks = (0..2000i64)
        .map(|i| {
            let mut s = base.clone();
            s.id = i + 1;
            s.name = format!("step {i}");
            s.upstreams = if i == 0 { vec![] } else { vec![i] };
            s.downstreams = if i == 1999 { vec![] } else { vec![i + 2] };
            s
        })
        .collect();
    let (root, _dag, _sel, _h) = mount(&task);
    wait_until("some nodes", || !qa(&root, "g.dag-node").is_empty()).await;
    let drawn = qa(&root, "g.dag-node").len();
    assert!(drawn < 400, "{drawn} of 2000 nodes in the DOM");
    assert!(text(&root, "[data-testid=dag-progress]").contains("/ 2000"));
    assert!(
        q(&root, "g.dag-node[data-id='1'] text.name").is_some(),
        "a large graph opens readable, on its first step"
    );
}

/// Lower-case words of `s` with punctuation and symbols dropped (as axe's label-in-name check
/// compares a control's visible text with its accessible name).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

#[wasm_bindgen_test]
async fn a_node_s_visible_text_is_inside_its_accessible_name() {
    let mut task = add_replica();
    let long = "Create the resource pool for the new zone3 replica";
    task.subtasks[0].name = long.to_string();
    let (root, _dag, _sel, _h) = mount(&task);
    wait_until("nodes", || !qa(&root, "g.dag-node text.name").is_empty()).await;
    for s in &task.subtasks {
        let sel = format!("g.dag-node[data-id='{}']", s.id);
        let node = q(&root, &sel).expect("node per subtask");
        let label = node.get_attribute("aria-label").unwrap();
        assert!(
            label.starts_with(&s.name),
            "{label:?} starts with {:?}",
            s.name
        );
        // The full name is in the DOM even when the box shows only its start.
        assert_eq!(text(&root, &format!("{sel} text.name")), s.name);
        // What the node shows (every text but the tooltip), word for word, inside the label.
        let shown: String = qa(&root, &format!("{sel} text"))
            .iter()
            .map(|t| t.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ");
        let (shown, label) = (words(&shown), words(&label));
        assert!(
            label.windows(shown.len()).any(|w| w == shown.as_slice()),
            "shown {shown:?} is not inside the label {label:?}"
        );
        let all = node.text_content().unwrap_or_default();
        assert!(
            !all.contains(&format!("{}{}", s.name, s.status.label())),
            "the name and the status run together: {all:?}"
        );
    }
    assert!(
        q(&root, "g.dag-node text.more").is_some(),
        "the long name shows an ellipsis"
    );
}
