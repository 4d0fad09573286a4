//! One pair on the board, with its failed step's last log lines on demand; and the button that asks
//! for notifications.

use crate::alerts::{ask_notification_permission, notification_permission};
use crate::api::{self, Api};
use crate::components::ApiErrorBanner;
use crate::hub::Hub;
use crate::i18n::{self, duration, t, tr, tx, Msg};
use leptos::prelude::*;
use leptos_router::components::A;
use ocp_core::board::{BoardRow, PairRecord, RetryState, RowState, VerifyState};
use ocp_core::error::ApiError;
use ocp_core::model::SubtaskStatus;
use ocp_core::routes;

/// How many of the failed step's last log lines the board shows.
const LOG_LINES: usize = 20;

fn state_class(s: RowState) -> &'static str {
    match s {
        RowState::Failed => "failed",
        RowState::Running | RowState::Retrying | RowState::RollingBack | RowState::Finishing => {
            "running"
        }
        RowState::Successful => "successful",
        RowState::RolledBack => "rolled-back",
        RowState::Unknown => "pending",
    }
}

/// A row of the board. `row` is the pair's current row (gone while filtered out), `retry` what a
/// retry-all did to its task, `pair` the stored pair when the batch was started here.
#[component]
pub fn BoardRowView(
    #[prop(into)] row: Signal<Option<BoardRow>>,
    #[prop(into)] retry: Signal<Option<RetryState>>,
    #[prop(into)] pair: Signal<Option<PairRecord>>,
    hub: Hub,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let get = move |f: fn(&BoardRow) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let task_id = row.with_untracked(|r| r.as_ref().and_then(|r| r.task_id));
    let log = RwSignal::new(None::<Result<String, ApiError>>);
    let log_open = RwSignal::new(false);
    let show_log = Callback::new(move |_: ()| {
        if log_open.get_untracked() {
            log_open.set(false);
            return;
        }
        log_open.set(true);
        let Some(id) = task_id else { return };
        let failed = hub.with(|w| {
            w.task(id).and_then(|t| {
                t.subtasks
                    .iter()
                    .find(|s| s.status == SubtaskStatus::Failed)
                    .map(|s| s.id)
            })
        });
        let Some(sid) = failed else {
            log.set(Some(Ok(String::new())));
            return;
        };
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let result = api::subtask_log(&api, id, sid).await.map(|text| {
                let lines: Vec<&str> = text.lines().collect();
                lines[lines.len().saturating_sub(LOG_LINES)..].join("\n")
            });
            log.try_set(Some(result));
        });
    });
    let precheck = move || {
        pair.with(|p| p.as_ref().and_then(|p| p.precheck.clone())).map(|c| {
            let (class, icon, text) = if c.passed { ("precheck ok", "✓", Msg::Passed) } else { ("precheck bad", "✕", Msg::StFailed) };
            view! { <span class=class title=c.reasons.join("; ")><span aria-hidden="true">{icon}</span> " " {tr(text)}</span> }
        })
    };
    let verify = move || {
        let v = row.with(|r| r.as_ref().map(|r| r.verify))?;
        let p = pair.get()?;
        let roles = |r: &Option<(String, String)>| {
            r.as_ref()
                .map(|(a, b)| format!("{a} / {b}"))
                .unwrap_or_else(|| "?".into())
        };
        let class = match v {
            VerifyState::Swapped => "verify ok",
            VerifyState::NotSwapped => "verify bad",
            _ => "verify",
        };
        Some(view! {
            <span class=class data-testid="verify" data-verify=format!("{v:?}")>
                {format!("{} → {}", roles(&p.roles_before), roles(&p.roles_after))} " · " {tr(v.label())}
            </span>
        })
    };
    let retry_text = move || match retry.get()? {
        RetryState::InFlight => Some(("notice", t(Msg::RetryingDots).to_string())),
        RetryState::Sent { .. } => Some(("notice", t(Msg::ActRetryDone).to_string())),
        RetryState::Refused(e) => Some(("api-error", e.text())),
    };
    let failed = move || row.with(|r| r.as_ref().is_some_and(|r| r.state == RowState::Failed));
    view! {
        <Show when=move || row.with(Option::is_some)>
            <tr data-testid="batch-row" data-task-id=move || row.with(|r| r.as_ref().and_then(|r| r.task_id).map(|i| i.to_string()))
                class=move || format!("board-row row-{}", row.with(|r| r.as_ref().map(|r| state_class(r.state)).unwrap_or("pending")))>
                <td class="pair">
                    <span class="tenant">{get(|r| r.primary.label(i18n::lang()))}</span>
                    <span class="arrow" aria-label=tx(Msg::To)>" → "</span>
                    <span class="tenant">{get(|r| r.standby.label(i18n::lang()))}</span>
                    <div class="muted small">{get(|r| [r.primary.cluster.clone(), r.standby.cluster.clone()].into_iter().flatten().collect::<Vec<_>>().join(" → "))}</div>
                </td>
                <td>{precheck}</td>
                <td>{task_id.map(|id| view! { <A href=routes::task(id)>{format!("#{id}")}</A> })}</td>
                <td><span class=move || format!("state-badge state-{}", row.with(|r| r.as_ref().map(|r| state_class(r.state)).unwrap_or("pending")))
                    data-testid="task-state">{get(|r| t(r.state.label()).to_string())}</span></td>
                <td data-testid="step">{get(|r| r.step.clone().unwrap_or_default())}</td>
                <td class="progress-cell">
                    <progress max=get(|r| r.progress.total.max(1).to_string()) value=get(|r| r.progress.done.to_string())
                        aria-label=tx(Msg::SuccessfulSubtasks)></progress>
                    " " {get(|r| format!("{} / {}", r.progress.done, r.progress.total))}
                </td>
                <td>{get(|r| r.elapsed_ms.map(|ms| duration(i18n::lang(), ms as i64)).unwrap_or_default())}</td>
                <td>{verify}</td>
                <td class="row-actions">
                    {move || failed().then(|| view! {
                        <button type="button" class="link" data-action="log" aria-expanded=move || log_open.get().to_string()
                            on:click=move |_| show_log.run(())>{move || t(if log_open.get() { Msg::HideLog } else { Msg::LastLogLines })}</button>
                    })}
                    {move || retry_text().map(|(class, t)| view! { <div class=class role="status" data-testid="retry-result">{t}</div> })}
                </td>
            </tr>
            <Show when=move || log_open.get()>
                <tr class="log-row">
                    <td colspan="9">
                        {move || match log.get() {
                            None => view! { <p class="muted">{tr(Msg::LogLoading)}</p> }.into_any(),
                            Some(Ok(t)) if t.is_empty() => view! { <p class="muted">{tr(Msg::NoFailedLog)}</p> }.into_any(),
                            Some(Ok(t)) => view! { <pre class="log-tail" data-testid="log-tail">{t}</pre> }.into_any(),
                            Some(Err(e)) => view! { <ApiErrorBanner error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
                        }}
                    </td>
                </tr>
            </Show>
        </Show>
    }
}

/// Asks, only when clicked, whether the console may notify when a watched task fails or finishes
/// while the tab is hidden.
#[component]
pub fn NotifyButton() -> impl IntoView {
    let permission = RwSignal::new(notification_permission());
    move || {
        match permission.get().as_str() {
        "granted" => view! { <span class="muted small" data-testid="notify-state">{tr(Msg::NotifyOn)}</span> }.into_any(),
        "denied" => view! { <span class="muted small" data-testid="notify-state">{tr(Msg::NotifyBlocked)}</span> }.into_any(),
        "unsupported" => ().into_any(),
        _ => view! {
            <button type="button" class="secondary" id="notify"
                on:click=move |_| ask_notification_permission(move |p| permission.set(p))>{tr(Msg::NotifyMe)}</button>
        }.into_any(),
    }
    }
}
