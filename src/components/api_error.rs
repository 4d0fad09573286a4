//! OCP's error as an operator reads it: the message, the code, and the traceId to quote to support.

use crate::i18n::{self, tr, Msg};
use leptos::prelude::*;
use ocp_core::error::ApiError;

/// Shows `error` when there is one; renders nothing otherwise. A 401 is shown only where `unauthorized`
/// is set (the sign-in form): elsewhere the sign-in dialog is the answer to it, not a red banner.
#[component]
pub fn ApiErrorBanner(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional)] unauthorized: bool,
) -> impl IntoView {
    move || {
        error.get().filter(|e| unauthorized || !matches!(e, ApiError::Unauthorized { .. })).map(|e| {
            let trace = e.trace_id().map(str::to_string);
            let hint = match &e {
                ApiError::Network(_) => Some(Msg::ErrNetworkHint),
                ApiError::Unauthorized { .. } => None,
                ApiError::RateLimited { .. } => Some(Msg::ErrRateHint),
                ApiError::Decode { .. } => Some(Msg::ErrDecodeHint),
                ApiError::Http { status, .. } if *status >= 500 => Some(Msg::ErrServerHint),
                ApiError::Http { .. } => None,
            };
            view! {
                <div class="api-error" role="alert" data-testid="api-error">
                    <strong>{e.message_in(i18n::lang())}</strong>
                    {hint.map(|h| view! { <span class="hint">" " {i18n::t(h)}</span> })}
                    {trace.map(|t| view! { <div class="trace">{tr(Msg::TraceIdLabel)}" " <code data-testid="trace-id">{t}</code></div> })}
                </div>
            }
        })
    }
}
