//! End-to-end tests, one module per concern, in one test binary (one fat-LTO link in release).
//! Run with `--test-threads=1`: one browser at a time.

mod common;
mod proxy;
