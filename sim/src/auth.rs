//! OCP's authentication: HTTP Basic, or a `JSESSIONID` session from `POST /api/v2/iam/login` with the
//! `XSRF-TOKEN` cookie echoed as `X-XSRF-TOKEN` on non-GET requests; 401s are JSON without
//! `WWW-Authenticate`.

use crate::envelope::{ok, ok_empty, ApiError, ApiResult};
use crate::i18n::tr;
use crate::Shared;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{json, Value};

pub fn not_logged_in() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        30000,
        tr("Not logged in, please log in first", "未登录，请先登录"),
    )
}

pub fn bad_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        30004,
        tr(
            "Bad credentials: wrong username or password",
            "认证失败：用户名或密码错误",
        ),
    )
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn basic(headers: &HeaderMap) -> Option<Option<(String, String)>> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok();
    Some(
        decoded
            .and_then(|d| String::from_utf8(d).ok())
            .and_then(|s| {
                s.split_once(':')
                    .map(|(u, p)| (u.to_string(), p.to_string()))
            }),
    )
}

fn user_id(name: &str) -> u64 {
    if name == crate::DEFAULT_USER {
        100
    } else {
        200 + name.len() as u64
    }
}

/// The user a request is authenticated as, if any.
pub fn current_user(state: &Shared, headers: &HeaderMap) -> Option<String> {
    let sim = state.lock();
    if let Some(Some((u, p))) = basic(headers) {
        return sim
            .cfg
            .users
            .iter()
            .any(|(uu, pp)| *uu == u && *pp == p)
            .then_some(u);
    }
    let sid = cookie(headers, "JSESSIONID")?;
    sim.sessions.get(&sid).map(|s| s.username.clone())
}

pub async fn layer(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !path.starts_with("/api/") || path == "/api/v2/iam/login" || !state.lock().cfg.auth_enabled {
        return next.run(req).await;
    }
    let headers = req.headers();
    match basic(headers) {
        Some(creds) => {
            let sim = state.lock();
            let ok = creds
                .is_some_and(|(u, p)| sim.cfg.users.iter().any(|(uu, pp)| *uu == u && *pp == p));
            drop(sim);
            if !ok {
                return bad_credentials().into_response();
            }
        }
        None => {
            let sid = cookie(headers, "JSESSIONID");
            let sim = state.lock();
            let Some(session) = sid.and_then(|s| sim.sessions.get(&s)) else {
                return not_logged_in().into_response();
            };
            let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
            let header_token = headers.get("x-xsrf-token").and_then(|v| v.to_str().ok());
            if !safe && header_token != Some(session.xsrf.as_str()) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    30014,
                    tr(
                        "Invalid or missing X-XSRF-TOKEN header",
                        "X-XSRF-TOKEN 请求头缺失或无效",
                    ),
                )
                .into_response();
            }
        }
    }
    next.run(req).await
}

fn set_cookie(resp: &mut Response, v: String) {
    if let Ok(h) = HeaderValue::from_str(&v) {
        resp.headers_mut().append(header::SET_COOKIE, h);
    }
}

pub async fn login(State(state): State<Shared>, headers: HeaderMap, body: Bytes) -> ApiResult {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (user, pass) = if ct.starts_with("application/json") {
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| ApiError::bad(format!("Malformed JSON body: {e}")))?;
        (
            v.get("username")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            v.get("password")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        )
    } else {
        let form: Vec<(String, String)> = serde_urlencoded_pairs(&body);
        let get = |k: &str| {
            form.iter()
                .find(|(kk, _)| kk == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        (get("username"), get("password"))
    };
    let mut sim = state.lock();
    if !sim.cfg.users.iter().any(|(u, p)| *u == user && *p == pass) {
        return Err(bad_credentials());
    }
    let sid = format!(
        "{:016X}{:016X}",
        sim.id_rng.next_u64(),
        sim.id_rng.next_u64()
    );
    let xsrf = format!(
        "{:08x}-{:04x}-{:04x}-{:012x}",
        sim.id_rng.next_u64() as u32,
        sim.id_rng.next_u64() as u16,
        sim.id_rng.next_u64() as u16,
        sim.id_rng.next_u64() >> 16
    );
    sim.sessions.insert(
        sid.clone(),
        crate::Session {
            username: user.clone(),
            xsrf: xsrf.clone(),
        },
    );
    drop(sim);
    let mut resp = ok(json!({"id": user_id(&user), "username": user}));
    set_cookie(&mut resp, format!("JSESSIONID={sid}; Path=/; HttpOnly"));
    set_cookie(&mut resp, format!("XSRF-TOKEN={xsrf}; Path=/"));
    Ok(resp)
}

fn serde_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    match u8::from_str_radix(
                        std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or(""),
                        16,
                    ) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k), decode(v))
        })
        .collect()
}

pub async fn logout(State(state): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(sid) = cookie(&headers, "JSESSIONID") {
        state.lock().sessions.remove(&sid);
    }
    let mut resp = ok_empty();
    set_cookie(&mut resp, "JSESSIONID=; Path=/; HttpOnly; Max-Age=0".into());
    set_cookie(&mut resp, "XSRF-TOKEN=; Path=/; Max-Age=0".into());
    resp
}

pub async fn me(State(state): State<Shared>, headers: HeaderMap) -> ApiResult {
    let auth_enabled = state.lock().cfg.auth_enabled;
    let user = match current_user(&state, &headers) {
        Some(u) => u,
        None if !auth_enabled => crate::DEFAULT_USER.to_string(),
        None => return Err(not_logged_in()),
    };
    Ok(ok(json!({"id": user_id(&user), "username": user})))
}
