//! A pair's precheck result under its row: checking, passed, or failed with OCP's reasons; passed
//! and failed differ by icon, colour and text.

use leptos::prelude::*;
use ocp_core::forms::precheck::Check;

/// `[data-testid=precheck]` with `data-valid` once done; nothing while the pair has no current check.
pub fn precheck_result(check: Option<Check>) -> Option<AnyView> {
    check.map(|c| match c {
        Check::Running => view! {
            <div class="precheck running" data-testid="precheck" role="status">"Checking…"</div>
        }
        .into_any(),
        Check::Done { passed, reasons } => {
            let (icon, head) = if passed {
                ("✓", "Precheck passed")
            } else {
                ("✕", "Precheck failed")
            };
            let reasons = if reasons.is_empty() && !passed {
                vec!["OCP gave no reason.".to_string()]
            } else {
                reasons
            };
            view! {
                <div
                    class=if passed { "precheck passed" } else { "precheck failed" }
                    data-testid="precheck"
                    data-valid=passed.to_string()
                    role="status"
                >
                    <strong><span class="precheck-icon" aria-hidden="true">{icon}</span>" " {head}</strong>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    })
}
