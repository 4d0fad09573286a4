//! OCP tenant console: add replicas, switch primary and standby tenants over, and watch the tasks run.
//! Components, pages, the API client and browser glue; the pure logic is in `ocp_core`.

pub mod alerts;
pub mod api;
pub mod app;
pub mod batch_store;
pub mod components;
pub mod dag;
pub mod download;
pub mod hub;
pub mod i18n;
pub mod pages;
pub mod recent;
pub mod session;
pub mod title;
pub mod watch;

pub use app::App;
