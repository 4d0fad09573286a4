//! OCP tenant console: add replicas, switch primary and standby tenants over, and watch the tasks run.

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod dag;
pub mod error;
pub mod model;
pub mod pages;
pub mod poll;
pub mod recent;
pub mod sort;
pub mod tasklog;
pub mod text;
pub mod validation;
pub mod watch;

pub use app::App;
