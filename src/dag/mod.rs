//! The subtask DAG in the browser: the live SVG chart and its reactive node states. The
//! pure graph, layout and viewport maths are in `ocp_core::dag`.

pub mod chart;
pub mod live;

pub use chart::DagChart;
pub use live::LiveDag;
