//! HTTP faults on demand for `/api/` requests (latency, 500, 429, drops, truncated or malformed
//! bodies) by the seeded RNG; and the outermost layer that sets the language, counts and logs.

use crate::envelope::{ApiError, REQUEST_START};
use crate::Shared;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// The JSON accepted by `POST /_sim/faults`, `OCP_SIM_FAULTS` and [`crate::Config::faults`].
/// Rates are probabilities in [0, 1]; `count` limits the faults to the next N matching requests.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultConfig {
    pub latency_ms: u64,
    pub error500_rate: f64,
    pub rate_limit_rate: f64,
    pub rate_limit_reset_secs: Option<u64>,
    pub drop_rate: f64,
    pub truncate_rate: f64,
    pub malformed_rate: f64,
    pub count: Option<u64>,
    pub path_prefix: Option<String>,
}

#[derive(Default)]
struct Decision {
    latency_ms: u64,
    drop: bool,
    error500: bool,
    rate_limit: Option<u64>,
    truncate: bool,
    malformed: Option<bool>,
}

#[derive(Clone, Copy)]
struct Dropped;

fn decide(sim: &mut crate::Sim, path: &str) -> Decision {
    let Some(f) = sim.faults.clone() else {
        return Decision::default();
    };
    if f.path_prefix
        .as_deref()
        .is_some_and(|p| !path.starts_with(p))
    {
        return Decision::default();
    }
    match f.count {
        Some(0) => {
            sim.faults = None;
            return Decision::default();
        }
        Some(n) => {
            if n == 1 {
                sim.faults = None;
            } else if let Some(cur) = sim.faults.as_mut() {
                cur.count = Some(n - 1);
            }
        }
        None => {}
    }
    let r = &mut sim.fault_rng;
    let mut d = Decision {
        latency_ms: f.latency_ms,
        ..Decision::default()
    };
    if r.chance(f.drop_rate) {
        d.drop = true;
    } else if r.chance(f.error500_rate) {
        d.error500 = true;
    } else if r.chance(f.rate_limit_rate) {
        d.rate_limit = Some(f.rate_limit_reset_secs.unwrap_or(1));
    } else if r.chance(f.truncate_rate) {
        d.truncate = true;
    } else if r.chance(f.malformed_rate) {
        d.malformed = Some(r.next_u64().is_multiple_of(2));
    }
    d
}

pub async fn layer(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let d = decide(&mut state.lock(), req.uri().path());
    if d.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(d.latency_ms)).await;
    }
    if d.drop {
        let stream = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped by ocp-sim"))
        });
        let mut resp = Response::new(Body::from_stream(stream));
        resp.extensions_mut().insert(Dropped);
        return resp;
    }
    if d.error500 {
        return ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            10000,
            "Internal server error (injected by ocp-sim)",
        )
        .into_response();
    }
    if let Some(secs) = d.rate_limit {
        return crate::ratelimit::too_many(100, 0, secs);
    }
    let resp = next.run(req).await;
    if d.truncate {
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap_or_default();
        let cut = bytes.slice(0..bytes.len() / 2);
        let mut out = Response::new(Body::from(cut));
        out.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return out;
    }
    if let Some(json_variant) = d.malformed {
        let (body, ct) = if json_variant {
            (r#"{"data": {"id": 1,,}"#, "application/json")
        } else {
            (
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                "text/html",
            )
        };
        let mut out = Response::new(Body::from(body));
        out.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        return out;
    }
    resp
}

/// Outermost: times the request, sets its language, counts `/api/` requests and logs one line.
pub async fn log_layer(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let pattern = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| uri.path().to_string());
    let lang = crate::i18n::from_headers(req.headers());
    let resp = REQUEST_START
        .scope(start, crate::i18n::LANG.scope(lang, next.run(req)))
        .await;
    let mut sim = state.lock();
    if uri.path().starts_with("/api/") {
        sim.requests
            .record(method.as_str(), &pattern, resp.status().as_u16());
    }
    if sim.cfg.log_requests {
        let status = if resp.extensions().get::<Dropped>().is_some() {
            "DROP".to_string()
        } else {
            resp.status().as_u16().to_string()
        };
        eprintln!("{method} {uri} {status} {}ms", start.elapsed().as_millis());
    }
    resp
}
