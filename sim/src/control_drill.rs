//! Control for drills: the per-user rate limit (`/_sim/rate-limit`), the countable request log
//! (`/_sim/requests`) and a standby's log lag (`POST /_sim/lag`).

use crate::control::parse;
use crate::envelope::{ok, ok_empty, ApiError, ApiResult};
use crate::ratelimit::RateLimit;
use crate::requests::RequestLog;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

pub async fn set_rate_limit(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: RateLimit = parse(&body)?;
    if !(r.per_second > 0.0 && r.per_second.is_finite()) || r.burst == Some(0) {
        return Err(ApiError::bad(
            "perSecond must be above 0 and burst at least 1",
        ));
    }
    st.lock().limiter.set(Some(r));
    Ok(ok(
        json!({"perSecond": r.per_second, "burst": r.capacity() as u64}),
    ))
}

pub async fn clear_rate_limit(State(st): State<Shared>) -> ApiResult {
    st.lock().limiter.set(None);
    Ok(ok_empty())
}

pub async fn get_rate_limit(State(st): State<Shared>) -> ApiResult {
    let limit = st.lock().limiter.limit;
    Ok(ok(json!(limit.map(
        |l| json!({"perSecond": l.per_second, "burst": l.capacity() as u64})
    ))))
}

pub async fn requests(State(st): State<Shared>) -> ApiResult {
    let log = st.lock().requests.clone();
    Ok(ok(serde_json::to_value(log).unwrap_or_default()))
}

pub async fn clear_requests(State(st): State<Shared>) -> ApiResult {
    st.lock().requests = RequestLog::default();
    Ok(ok_empty())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LagReq {
    tenant_id: u64,
    lag_seconds: u64,
}

/// Marks a standby as lagging `lagSeconds` behind its primary (0: in sync).
pub async fn lag(State(st): State<Shared>, body: Bytes) -> ApiResult {
    let r: LagReq = parse(&body)?;
    let mut sim = st.lock();
    let t = sim
        .world
        .tenant_mut(r.tenant_id)
        .ok_or_else(|| crate::ops::tenant_not_found(r.tenant_id))?;
    t.lag_seconds = r.lag_seconds;
    Ok(ok(
        json!({"tenantId": r.tenant_id, "lagSeconds": r.lag_seconds}),
    ))
}
