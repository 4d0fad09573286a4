//! The subtask DAG: graph building and layout (pure), and the SVG chart component.

pub mod gen;
pub mod graph;
pub mod layout;
