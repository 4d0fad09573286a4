//! Synthetic tasks for `POST /_sim/tasks`: a DAG shape from `ocp_core::dag::gen`, turned into the
//! simulator's own subtask templates with OCP-like names.

use crate::engine::SubSpec;
use crate::envelope::ApiError;
use ocp_core::dag::gen;
use ocp_core::dag::graph::NodeSpec;
use std::collections::HashMap;

const STEP_NAMES: [&str; 8] = [
    "Check host resource",
    "Prepare resource pool",
    "Create resource unit",
    "Wait alter locality",
    "Sync tenant information",
    "Update log restore source",
    "Check replica status",
    "Refresh meta cache",
];

const CLASS: &str = "com.alipay.ocp.service.task.business.sim.SyntheticTask";

/// The default number of parallel branches of a `fanout` task.
pub const FANOUT_WIDTH: usize = 4;

/// Subtask templates of `size` nodes: `chain` ([`gen::chain`]), `fanout` (stages of one head and
/// `width` parallel chains, [`gen::fan`]) or `layered` (seeded random layers, [`gen::layered`]).
pub fn synthetic(
    shape: &str,
    size: usize,
    width: Option<usize>,
    seed: u64,
) -> Result<Vec<SubSpec>, ApiError> {
    let n = size.max(1);
    let nodes = match shape {
        "chain" => gen::chain(n),
        "fanout" | "fan" | "wide" => gen::fan(n, width.unwrap_or(FANOUT_WIDTH).max(1)),
        "layered" | "random" | "dag" => gen::layered(n, seed),
        other => {
            return Err(ApiError::bad(format!(
                "Unknown shape {other:?}: use chain, fanout or layered"
            )))
        }
    };
    Ok(templates(&nodes, shape == "chain" || shape == "layered"))
}

/// One template per node in generator order; a node keeps its branch index only inside a fan's
/// branch (one upstream, at most one downstream), every other node gets OCP's -1.
fn templates(nodes: &[NodeSpec], sequential: bool) -> Vec<SubSpec> {
    let index: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let ups: Vec<usize> = n
                .upstreams
                .iter()
                .filter_map(|u| index.get(u).copied())
                .collect();
            let in_branch = !sequential && ups.len() == 1 && n.downstreams.len() <= 1;
            let name = format!("{} #{}", STEP_NAMES[i % STEP_NAMES.len()], i + 1);
            let mut s = SubSpec::new(&name, Some(CLASS), 300, i as i64, ups);
            s.parallel_idx = if in_branch { n.parallel_idx } else { -1 };
            s
        })
        .collect()
}
