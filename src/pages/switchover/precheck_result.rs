//! A pair's precheck result under its row: checking, passed, or failed with OCP's reasons; passed
//! and failed differ by icon, colour and text.

use crate::i18n::{t, tr, Msg};
use leptos::prelude::*;
use ocp_core::forms::precheck::Check;

/// `[data-testid=precheck]` with `data-valid` once done; nothing while the pair has no current check.
pub fn precheck_result(check: Option<Check>) -> Option<AnyView> {
    check.map(|c| match c {
        Check::Running => view! {
            <div class="precheck running" data-testid="precheck" role="status">{tr(Msg::Checking)}</div>
        }
        .into_any(),
        Check::Done { passed, reasons } => {
            let (icon, head) = if passed {
                ("✓", Msg::PrecheckPassed)
            } else {
                ("✕", Msg::PrecheckFailed)
            };
            let reasons = if reasons.is_empty() && !passed {
                vec![t(Msg::NoReason).to_string()]
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
                    <strong><span class="precheck-icon" aria-hidden="true">{icon}</span>" " {tr(head)}</strong>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    })
}
