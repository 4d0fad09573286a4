//! The subtask DAG in the browser: the live SVG chart, its reactive node states and the mini map. The
//! pure graph, layout and viewport maths are in `ocp_core::dag`.

pub mod chart;
pub mod live;
pub mod mini;

pub use chart::DagChart;
pub use live::LiveDag;
pub use mini::MiniDag;
