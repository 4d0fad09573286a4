//! The harness's error type: a message, converted from anything the harness or a test body uses.

use std::fmt;

#[derive(Debug)]
pub struct Error(pub String);

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn msg(m: impl Into<String>) -> Self {
        Error(m.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

macro_rules! from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self {
                Error(format!("{}: {e}", stringify!($t)))
            }
        }
    )*};
}

from!(
    std::io::Error,
    reqwest::Error,
    serde_json::Error,
    fantoccini::error::CmdError,
    fantoccini::error::NewSessionError,
    url::ParseError
);

impl From<String> for Error {
    fn from(e: String) -> Self {
        Error(e)
    }
}

impl From<&str> for Error {
    fn from(e: &str) -> Self {
        Error(e.to_string())
    }
}

/// Fails the test body with a formatted message: `bail!("no row for task {id}")`.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => { return Err($crate::Error(format!($($arg)*))) };
}
