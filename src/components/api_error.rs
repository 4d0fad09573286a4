//! OCP's error as an operator reads it: the message, the code, and the traceId to quote to support.

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
                ApiError::Network(_) => Some("Nothing was changed by the console; check the connection and try again."),
                ApiError::Unauthorized { .. } => None,
                ApiError::RateLimited { .. } => Some("OCP is limiting requests; wait and try again."),
                ApiError::Decode { .. } => Some("The answer was not OCP's JSON (a proxy error page?)."),
                ApiError::Http { status, .. } if *status >= 500 => Some("OCP failed to handle the request."),
                ApiError::Http { .. } => None,
            };
            view! {
                <div class="api-error" role="alert" data-testid="api-error">
                    <strong>{e.message()}</strong>
                    {hint.map(|h| view! { <span class="hint">" " {h}</span> })}
                    {trace.map(|t| view! { <div class="trace">"traceId " <code data-testid="trace-id">{t}</code></div> })}
                </div>
            }
        })
    }
}
