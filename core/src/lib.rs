//! The console's browser-free core: OCP's wire model and error decoding, form validation, the polling
//! schedule, log splitting, and the DAG graph, layout, viewport and SVG export. No browser dependency.

pub mod dag;
pub mod error;
pub mod forms;
pub mod model;
pub mod poll;
pub mod routes;
pub mod sort;
pub mod tasklog;
pub mod text;
pub mod validation;
