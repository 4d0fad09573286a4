//! The console's one error type for talking to OCP, and the pure decoding of an HTTP answer into it.

use crate::i18n::{Lang, Msg};
use crate::model::{Envelope, ErrorCode, SubError};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::fmt;

/// Everything that can go wrong with one OCP request.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, connection dropped, proxy down).
    Network(String),
    /// OCP answered with an error envelope or an error status.
    Http {
        status: u16,
        code: Option<ErrorCode>,
        message: String,
        trace_id: Option<String>,
        sub_errors: Vec<SubError>,
    },
    /// 401: not signed in, or the credentials were refused.
    Unauthorized {
        message: String,
        trace_id: Option<String>,
    },
    /// 429, with `RateLimit-Reset` in seconds when OCP sent it.
    RateLimited {
        reset_secs: Option<u64>,
        message: String,
        trace_id: Option<String>,
    },
    /// The body was not the JSON we expected; `snippet` holds its first bytes.
    Decode {
        status: u16,
        detail: String,
        snippet: String,
    },
}

impl ApiError {
    pub fn trace_id(&self) -> Option<&str> {
        match self {
            ApiError::Http { trace_id, .. }
            | ApiError::Unauthorized { trace_id, .. }
            | ApiError::RateLimited { trace_id, .. } => {
                trace_id.as_deref().filter(|t| !t.is_empty())
            }
            _ => None,
        }
    }

    /// OCP's error code when there is one (20003, 20004, ...).
    pub fn code(&self) -> Option<i64> {
        match self {
            ApiError::Http { code, .. } => code.as_ref().and_then(ErrorCode::as_i64),
            _ => None,
        }
    }

    pub fn sub_errors(&self) -> &[SubError] {
        match self {
            ApiError::Http { sub_errors, .. } => sub_errors,
            _ => &[],
        }
    }

    /// Whether trying the same read again later may succeed (not for POSTs: those wait for the user).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::RateLimited { .. } | ApiError::Decode { .. } => true,
            ApiError::Http { status, .. } => *status >= 500,
            ApiError::Unauthorized { .. } => false,
        }
    }

    /// How a failed poll steers the schedule: 401 stops it, 429 waits for the reset, the rest backs off.
    pub fn poll_outcome(&self) -> crate::poll::Outcome {
        use crate::poll::Outcome;
        match self {
            ApiError::Unauthorized { .. } => Outcome::Unauthorized,
            ApiError::RateLimited { reset_secs, .. } => Outcome::RateLimited {
                reset_secs: *reset_secs,
            },
            _ => Outcome::Failed,
        }
    }

    /// The headline an operator reads, in English (logs, `Display`).
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// The headline an operator reads: OCP's own message as sent (OCP answers in the language the
    /// console asked for), the console's words in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            ApiError::Network(m) => lang.fmt(Msg::ErrCannotReach, &[m]),
            ApiError::Http {
                status,
                code,
                message,
                ..
            } => {
                let msg = if message.is_empty() {
                    format!("HTTP {status}")
                } else {
                    message.clone()
                };
                match code {
                    Some(c) if c.as_i64() != Some(0) => lang.fmt(Msg::ErrCode, &[&msg, c]),
                    _ => msg,
                }
            }
            ApiError::Unauthorized { message, .. } => {
                if message.is_empty() {
                    lang.text(Msg::ErrNotSignedIn).into()
                } else {
                    message.clone()
                }
            }
            ApiError::RateLimited {
                reset_secs,
                message,
                ..
            } => {
                let base = if message.is_empty() {
                    lang.text(Msg::ErrTooMany).to_string()
                } else {
                    message.clone()
                };
                match reset_secs {
                    Some(s) => lang.fmt(Msg::ErrTryAgainIn, &[&base, s]),
                    None => base,
                }
            }
            ApiError::Decode {
                status,
                detail,
                snippet,
            } => lang.fmt(Msg::ErrDecode, &[status, detail, snippet]),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some(t) = self.trace_id() {
            write!(f, " [traceId {t}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

const SNIPPET_CHARS: usize = 120;
const MESSAGE_CHARS: usize = 600;

fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

fn snippet(body: &str) -> String {
    clip(body, SNIPPET_CHARS)
}

/// Parses `RateLimit-Reset` (seconds until the window resets); a fraction rounds up. Parsed by
/// hand: `parse::<f64>` would bring the float parser and its 10 KB table into the wasm.
pub fn parse_reset(header: Option<&str>) -> Option<u64> {
    let h = header?.trim();
    let (whole, frac) = h.split_once('.').unwrap_or((h, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
        return None;
    }
    let whole = if whole.is_empty() {
        0
    } else {
        whole.parse::<u64>().ok()?
    };
    Some(whole.saturating_add(u64::from(frac.bytes().any(|b| b != b'0'))))
}

/// Turns an HTTP answer into the envelope's `data` or a typed error. Never panics.
/// Only the parse of `data` is generic: the envelope and the judgement of the answer ([`judge`])
/// exist once in the wasm whatever the response type.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    rate_limit_reset: Option<&str>,
    body: &str,
) -> Result<Option<T>, ApiError> {
    let Some(data) = judge(status, rate_limit_reset, body)? else {
        return Ok(None);
    };
    serde_json::from_str(data.get())
        .map(Some)
        .map_err(|e| ApiError::Decode {
            status,
            detail: e.to_string(),
            snippet: snippet(body),
        })
}

/// The envelope's `data`, not parsed yet, when the answer is a success; the typed error otherwise.
fn judge<'b>(
    status: u16,
    rate_limit_reset: Option<&str>,
    body: &'b str,
) -> Result<Option<&'b RawValue>, ApiError> {
    let parsed = serde_json::from_str::<Envelope<&RawValue>>(body);
    let (trace_id, message, code, sub_errors, successful, env_status) = match &parsed {
        Ok(e) => {
            let err = e.error.clone().unwrap_or_default();
            (
                e.trace_id.as_deref().map(|t| clip(t, 64)),
                clip(&err.message, MESSAGE_CHARS),
                err.code,
                err.sub_errors,
                e.successful,
                e.status,
            )
        }
        Err(_) => (None, String::new(), None, Vec::new(), None, None),
    };
    if status == 401 {
        return Err(ApiError::Unauthorized { message, trace_id });
    }
    if status == 429 {
        return Err(ApiError::RateLimited {
            reset_secs: parse_reset(rate_limit_reset),
            message,
            trace_id,
        });
    }
    let is_error = !(200..300).contains(&status) || successful == Some(false);
    if is_error && parsed.is_ok() {
        let status = if (200..300).contains(&status) {
            env_status.unwrap_or(status)
        } else {
            status
        };
        if status == 401 {
            return Err(ApiError::Unauthorized { message, trace_id });
        }
        return Err(ApiError::Http {
            status,
            code,
            message,
            trace_id,
            sub_errors,
        });
    }
    match parsed {
        Ok(env) => Ok(env.data),
        Err(_) if is_error => Err(ApiError::Http {
            status,
            code: None,
            message: format!("HTTP {status}: {}", snippet(body.trim())),
            trace_id: None,
            sub_errors: Vec::new(),
        }),
        Err(e) => Err(ApiError::Decode {
            status,
            detail: e.to_string(),
            snippet: snippet(body),
        }),
    }
}

/// `data` that must be present.
pub fn require<T>(data: Option<T>) -> Result<T, ApiError> {
    data.ok_or_else(|| ApiError::Decode {
        status: 200,
        detail: "the response has no data".into(),
        snippet: String::new(),
    })
}
