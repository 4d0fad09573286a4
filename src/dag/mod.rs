//! The subtask DAG: graph building, layout and viewport maths (pure), and the SVG chart component.

pub mod chart;
pub mod export;
pub mod gen;
pub mod graph;
pub mod layout;
pub mod live;
pub mod mini;
pub mod viewport;

pub use chart::DagChart;
pub use live::LiveDag;
pub use mini::MiniDag;
