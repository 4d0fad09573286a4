//! The envelope OCP wraps every response in, its pages and its error body.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `{data, successful, timestamp, duration, status, traceId, server, error}`, of which the console
/// reads `data`, `successful`, `status`, `traceId` and `error`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    #[serde(default = "Option::default")]
    pub data: Option<T>,
    #[serde(default)]
    pub successful: Option<bool>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub error: Option<ErrorBody>,
}

/// A page of results; `page` is absent for lists OCP returns whole.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub contents: Vec<T>,
    #[serde(default)]
    pub page: Option<PageInfo>,
}

/// `page.number` starts at 1. The docs spell `totalPage`, the code `totalPages`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    #[serde(default)]
    pub total_elements: u64,
    #[serde(default, alias = "totalPage")]
    pub total_pages: u64,
    #[serde(default)]
    pub number: u64,
    #[serde(default)]
    pub size: u64,
}

/// The tasks of a batch operation (`data.contents`).
pub type TaskList = Page<super::TaskInstance>;

/// OCP's error codes are integers; a string is accepted too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ErrorCode {
    Int(i64),
    Text(String),
}

/// By hand rather than `untagged`: serde's untagged enums buffer the value in its `Content`
/// machinery, a few KB of wasm for two variants.
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Code;
        impl Visitor<'_> for Code {
            type Value = ErrorCode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ErrorCode, E> {
                Ok(ErrorCode::Int(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ErrorCode, E> {
                i64::try_from(n)
                    .map(ErrorCode::Int)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ErrorCode, E> {
                Ok(ErrorCode::Text(s.to_string()))
            }
        }
        d.deserialize_any(Code)
    }
}

impl ErrorCode {
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            ErrorCode::Int(n) => Some(*n),
            ErrorCode::Text(s) => s.trim().parse().ok(),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorCode::Int(n) => write!(f, "{n}"),
            ErrorCode::Text(s) => f.write_str(s),
        }
    }
}

/// `error: {code, message, debugMessage?, target?, subErrors?}`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub code: Option<ErrorCode>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub sub_errors: Vec<SubError>,
}

/// One field-level error: `{object, field, rejectedValue, message}`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubError {
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub message: String,
}
