//! End-to-end harness: the built console (`dist/`) served by nginx with the production
//! configuration from `deploy/`, OCP's API proxied to an in-process simulator, and headless
//! Chromium driven over WebDriver (fantoccini + chromedriver).
//!
//! A test is one call to [`run`]: it starts a fresh [`Harness`], runs the body, and on an error or a
//! panic saves `e2e-artifacts/<test>.png`, `.html` and `.log` before failing. Nothing is skipped:
//! a missing build, browser, driver or nginx fails the test with a message saying what to do.

mod artifacts;
pub mod axe;
mod browser;
pub mod csp;
mod error;
mod harness;
mod logs;
mod nginx;
pub mod paths;
mod procs;
mod sim;
mod wait;

pub use axe::{Theme, Violation};
pub use browser::Browser;
pub use error::{Error, Result};
pub use harness::{note, run, suite_summary, Harness, Mount, Options};
pub use logs::{Cdp, LogEntry};
pub use sim::{Reply, SimControl, SimServer};
pub use wait::{poll, DEFAULT_TIMEOUT, POLL_INTERVAL};

/// Default simulator credentials (HTTP Basic and session login).
pub const USER: &str = ocp_sim::DEFAULT_USER;
pub const PASSWORD: &str = ocp_sim::DEFAULT_PASSWORD;
