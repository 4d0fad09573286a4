//! OCP's JSON envelope (`data`, `successful`, `timestamp`, `duration`, `status`, `traceId`, `server`)
//! and its error body, plus the clock formatting every timestamp uses.

use crate::i18n::tr;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

pub const SERVER: &str = "a83ad33525";

tokio::task_local! {
    pub static REQUEST_START: Instant;
}

static TRACE_COUNTER: AtomicU64 = AtomicU64::new(0);
static TRACE_SEED: AtomicU64 = AtomicU64::new(0);

pub fn set_trace_seed(seed: u64) {
    TRACE_SEED.store(seed, Ordering::Relaxed);
    TRACE_COUNTER.store(0, Ordering::Relaxed);
}

pub fn trace_id() -> String {
    let n = TRACE_COUNTER.fetch_add(1, Ordering::Relaxed);
    let v = ocp_core::rng::mix(
        TRACE_SEED.load(Ordering::Relaxed) ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15),
    );
    format!("{v:016x}")
}

pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).expect("valid offset"))
}

pub fn fmt_ts(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

pub fn fmt_ts_secs(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn elapsed_ms() -> u64 {
    REQUEST_START
        .try_with(|s| s.elapsed().as_millis() as u64)
        .unwrap_or(0)
}

fn base(status: StatusCode, successful: bool) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("successful".into(), json!(successful));
    m.insert("timestamp".into(), json!(fmt_ts(&now())));
    m.insert("duration".into(), json!(elapsed_ms()));
    m.insert("status".into(), json!(status.as_u16()));
    m.insert("traceId".into(), json!(trace_id()));
    m.insert("server".into(), json!(SERVER));
    m
}

pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

pub fn ok(data: Value) -> Response {
    let mut m = base(StatusCode::OK, true);
    m.insert("data".into(), data);
    json_response(StatusCode::OK, &Value::Object(m))
}

pub fn ok_empty() -> Response {
    json_response(StatusCode::OK, &Value::Object(base(StatusCode::OK, true)))
}

pub fn page(items: Vec<Value>, page: usize, size: usize) -> Value {
    let total = items.len();
    let size = size.max(1);
    let start = (page.max(1) - 1).saturating_mul(size).min(total);
    let end = (start + size).min(total);
    json!({
        "contents": items[start..end].to_vec(),
        "page": {
            "totalElements": total,
            "totalPages": total.div_ceil(size),
            "number": page.max(1),
            "size": size,
        }
    })
}

/// A field-level complaint, serialised as OCP's `subErrors` item.
#[derive(Debug, Clone)]
pub struct SubError {
    pub object: String,
    pub field: String,
    pub rejected: Value,
    pub message: String,
}

impl SubError {
    pub fn new(
        object: &str,
        field: impl Into<String>,
        rejected: Value,
        message: impl Into<String>,
    ) -> Self {
        SubError {
            object: object.into(),
            field: field.into(),
            rejected,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: i64,
    pub message: String,
    pub target: Option<String>,
    pub sub_errors: Vec<SubError>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: i64, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            target: None,
            sub_errors: Vec::new(),
        }
    }
    pub fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 10001, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, 10002, message)
    }
    pub fn task_not_found(id: u64) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            20000,
            tr(
                format!("Task instance not found: id={id}"),
                format!("任务实例不存在：id={id}"),
            ),
        )
    }
    pub fn subtask_not_found(id: u64) -> Self {
        Self::not_found(tr(
            format!("Subtask instance not found: id={id}"),
            format!("子任务实例不存在：id={id}"),
        ))
    }
    /// 60003: the tenant's status does not allow the operation (HTTP 400).
    pub fn tenant_status(name: &str, status: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            60003,
            tr(
                format!("Tenant status is not NORMAL: {status}; tenant {name} does not support this operation in the current status"),
                format!("租户状态不是 NORMAL：{status}；租户 {name} 当前状态不支持该操作"),
            ),
        )
        .with_target(name.to_string())
    }
    pub fn state(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 20003, message)
    }
    pub fn rollback_prohibited(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 20004, message)
    }
    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
    pub fn with_subs(mut self, subs: Vec<SubError>) -> Self {
        self.sub_errors = subs;
        self
    }
    pub fn body(&self) -> Value {
        let mut err = Map::new();
        err.insert("code".into(), json!(self.code));
        err.insert("message".into(), json!(self.message));
        if let Some(t) = &self.target {
            err.insert("target".into(), json!(t));
        }
        if !self.sub_errors.is_empty() {
            let subs: Vec<Value> = self
                .sub_errors
                .iter()
                .map(|s| {
                    json!({"object": s.object, "field": s.field,
                           "rejectedValue": s.rejected, "message": s.message})
                })
                .collect();
            err.insert("subErrors".into(), Value::Array(subs));
        }
        let mut m = base(self.status, false);
        m.insert("error".into(), Value::Object(err));
        Value::Object(m)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.body())
    }
}

pub type ApiResult = Result<Response, ApiError>;
