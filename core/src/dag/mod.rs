//! The subtask DAG without a browser: graph building, layered layout, viewport maths, keyboard moves,
//! node text, legibility figures and SVG export.

pub mod export;
pub mod gen;
pub mod graph;
pub mod keyboard;
pub mod layout;
pub mod legibility;
pub mod nodes;
pub mod viewport;
