//! End-to-end tests, one module per concern, in one test binary (one fat-LTO link in release).
//! Run with `--test-threads=1`: one browser at a time. Filter by module: `-- proxy::`, `-- shell::`,
//! `-- forms::`, `-- task_view::`, `-- drill::`, `-- a11y::`, `-- faults::`, `-- i18n::`.

mod a11y;
mod common;
mod drill;
mod faults;
mod forms;
mod i18n;
mod proxy;
mod shell;
mod task_view;
mod tenant_state;
