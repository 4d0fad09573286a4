//! The console's browser-free core: OCP's wire model and error decoding, form validation, the polling
//! schedule, log splitting, and the DAG graph, layout, viewport and SVG export. No browser dependency.

pub mod actions;
pub mod alerts;
pub mod board;
pub mod dag;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod list_query;
pub mod model;
pub mod poll;
pub mod rng;
pub mod routes;
pub mod sort;
pub mod task_filter;
pub mod tasklog;
pub mod tenant_rules;
pub mod text;
pub mod validation;
pub mod watcher;
