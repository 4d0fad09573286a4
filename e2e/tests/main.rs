//! End-to-end tests, one module per concern, in one test binary (one fat-LTO link in release).
//! Run with `--test-threads=1`: one browser at a time. Filter by module: `-- proxy::`, `-- shell::`,
//! `-- forms::`, `-- task_view::`,
//! `-- a11y::`, `-- faults::`.

mod a11y;
mod common;
mod faults;
mod forms;
mod proxy;
mod shell;
mod task_view;
