//! OCP's per-user request limit, off unless configured: a token bucket per user refilled at
//! `perSecond`, holding at most `burst`; beyond it HTTP 429 with OCP's body and `RateLimit-*` headers.

use crate::envelope::ApiError;
use crate::i18n::tr;
use crate::Shared;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Instant;

/// The JSON of `POST /_sim/rate-limit` and the `--rate-limit` flag.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    pub per_second: f64,
    /// Requests allowed at once; default `ceil(perSecond)`, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst: Option<u64>,
}

impl RateLimit {
    pub fn capacity(&self) -> f64 {
        self.burst
            .map(|b| b as f64)
            .unwrap_or(self.per_second.ceil())
            .max(1.0)
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// What one request got: allowed or not, and the values of the three headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u64,
    pub remaining: u64,
    pub reset_secs: u64,
}

#[derive(Debug, Default)]
pub struct Limiter {
    pub limit: Option<RateLimit>,
    buckets: HashMap<String, Bucket>,
}

impl Limiter {
    pub fn new(limit: Option<RateLimit>) -> Self {
        Limiter {
            limit: limit.filter(|l| l.per_second > 0.0),
            buckets: HashMap::new(),
        }
    }

    pub fn set(&mut self, limit: Option<RateLimit>) {
        *self = Limiter::new(limit);
    }

    /// Takes one token from `user`'s bucket at `now`; `None` when no limit is set.
    pub fn check(&mut self, user: &str, now: Instant) -> Option<Verdict> {
        let l = self.limit?;
        let cap = l.capacity();
        let b = self.buckets.entry(user.to_string()).or_insert(Bucket {
            tokens: cap,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * l.per_second).min(cap);
        b.at = now;
        let allowed = b.tokens >= 1.0;
        if allowed {
            b.tokens -= 1.0;
        }
        let wait = if allowed {
            (cap - b.tokens) / l.per_second
        } else {
            (1.0 - b.tokens) / l.per_second
        };
        Some(Verdict {
            allowed,
            limit: cap as u64,
            remaining: b.tokens.floor() as u64,
            reset_secs: (wait.ceil() as u64).max(u64::from(!allowed)),
        })
    }
}

fn put(h: &mut HeaderMap, name: &'static str, v: u64) {
    if let Ok(v) = HeaderValue::from_str(&v.to_string()) {
        h.insert(name, v);
    }
}

/// OCP's 429: error code 0 and its throttling message, with the three `RateLimit-*` headers.
pub fn too_many(limit: u64, remaining: u64, reset_secs: u64) -> Response {
    let mut resp = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        0,
        tr(
            "Excessive number of requests. You have exceeded the request limit for the current throttling window.",
            "请求次数过多，您已超过当前限流窗口的请求上限。",
        ),
    )
    .into_response();
    let h = resp.headers_mut();
    put(h, "RateLimit-Limit", limit);
    put(h, "RateLimit-Remaining", remaining);
    put(h, "RateLimit-Reset", reset_secs);
    resp
}

/// Applies the limit to `/api/` requests, keyed by the authenticated user (`anonymous` without one).
pub async fn layer(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let user =
        crate::auth::current_user(&state, req.headers()).unwrap_or_else(|| "anonymous".into());
    let verdict = state.lock().limiter.check(&user, Instant::now());
    match verdict {
        None => next.run(req).await,
        Some(v) if !v.allowed => too_many(v.limit, 0, v.reset_secs),
        Some(v) => {
            let mut resp = next.run(req).await;
            put(resp.headers_mut(), "RateLimit-Limit", v.limit);
            put(resp.headers_mut(), "RateLimit-Remaining", v.remaining);
            resp
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_allows_burst_then_refills() {
        let mut l = Limiter::new(Some(RateLimit {
            per_second: 2.0,
            burst: None,
        }));
        let t0 = Instant::now();
        let a = l.check("u", t0).unwrap();
        assert_eq!((a.allowed, a.limit, a.remaining), (true, 2, 1));
        assert!(l.check("u", t0).unwrap().allowed);
        let denied = l.check("u", t0).unwrap();
        assert_eq!(
            (denied.allowed, denied.remaining, denied.reset_secs),
            (false, 0, 1)
        );
        assert!(l.check("other", t0).unwrap().allowed, "per user");
        assert!(
            l.check("u", t0 + Duration::from_millis(500))
                .unwrap()
                .allowed
        );
        assert!(Limiter::new(None).check("u", t0).is_none());
    }
}
