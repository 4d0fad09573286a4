//! The batch board (`/batch?ids=…`): every pair of a switchover drill on one screen, failed
//! first, with the step each task is on, retry-all, role verification and a change-record export.

mod row;

use crate::api::{self, Api};
use crate::batch_store;
use crate::components::{ApiErrorBanner, ConfirmDialog};
use crate::download::download;
use crate::hub::{use_hub, Hub};
use crate::i18n::{self, t, tf, tr, tx, Lang, Msg};
use crate::session::use_session;
use crate::title::use_page_title;
use crate::watch::now_ms;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use ocp_core::board::{
    fill_standbys, pairs_needing_verify, rows, state_counts, to_csv, BatchRecord, BoardRow,
    RetryError, RetryGuard, RetryPlan, RowState, StateFilter,
};
use ocp_core::error::ApiError;
use ocp_core::model::Tenant;
use row::BoardRowView;

/// The filter buttons: test key, label and what they keep.
const FILTERS: [(&str, Msg, Option<StateFilter>); 5] = [
    ("All", Msg::All, None),
    ("Failed", Msg::StFailed, Some(StateFilter::Failed)),
    ("Running", Msg::StRunning, Some(StateFilter::Running)),
    (
        "Successful",
        Msg::StSuccessful,
        Some(StateFilter::Successful),
    ),
    (
        "Rolled back",
        Msg::StRolledBack,
        Some(StateFilter::RolledBack),
    ),
];

/// Routed at `/batch?ids=…`; the batch's stored record (pairs, prechecks, roles) when this console
/// started it.
#[component]
pub fn BatchPage() -> impl IntoView {
    let query = use_query_map();
    let ids =
        query.with_untracked(|q| ocp_core::routes::parse_ids(&q.get("ids").unwrap_or_default()));
    let record = batch_store::load(&ids);
    use_page_title(|| t(Msg::Batch).into());
    match use_hub() {
        Some(hub) if !ids.is_empty() => view! { <Board hub=hub ids=ids record=record /> }.into_any(),
        _ => view! { <h1>{tr(Msg::Batch)}</h1><p class="api-error" role="alert">{tr(Msg::NoTaskIds)}</p> }
            .into_any(),
    }
}

/// The board over `ids`, watched through `hub`; `record` adds pairs, prechecks and roles.
#[component]
fn Board(hub: Hub, ids: Vec<i64>, record: Option<BatchRecord>) -> impl IntoView {
    let api = expect_context::<Api>();
    let operator = use_session().user;
    hub.watch_tasks(&ids);
    let record = RwSignal::new(record);
    let filter = RwSignal::new(None::<StateFilter>);
    let tick = RwSignal::new(now_ms());
    let ticker = set_interval_with_handle(
        move || tick.set(now_ms()),
        std::time::Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = ticker {
            t.clear();
        }
    });
    // A deep link has no record of the pairs, and OCP's switchover task names only the primary:
    // the standby comes from OCP's tenant list (a standby names its primary).
    let tenants = RwSignal::new(Vec::<Tenant>::new());
    if record.with_untracked(Option::is_none) {
        let api = api.clone();
        leptos::task::spawn_local(async move {
            if let Ok(page) = api::list_all_tenants(&api).await {
                tenants.try_set(page.contents);
            }
        });
    }
    let all_rows = Memo::new(move |_| {
        let now = tick.get();
        let mut out = record.with(|r| hub.with(|w| rows(r.as_ref(), w, now, None)));
        tenants.with(|t| fill_standbys(&mut out, t));
        out
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        all_rows.with(|rs| {
            rs.iter()
                .filter(|r| f.is_none_or(|f| f.accepts(r.state)))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let counts = move || all_rows.with(|r| state_counts(r));

    let guard = StoredValue::new(RetryGuard::default());
    let retry_version = RwSignal::new(0u32);
    Effect::new(move |_| {
        all_rows.with(|r| guard.update_value(|g| g.observe_rows(r)));
    });
    let failed_ids = move || all_rows.with(|r| RetryPlan::from_rows(r).task_ids);
    let confirming = RwSignal::new(false);
    let retry_all = {
        let api = api.clone();
        Callback::new(move |_: ()| {
            confirming.set(false);
            let ids = guard
                .try_update_value(|g| {
                    g.begin(&all_rows.with_untracked(|r| RetryPlan::from_rows(r).task_ids))
                })
                .unwrap_or_default();
            retry_version.update(|v| *v += 1);
            for id in ids {
                let api = api.clone();
                leptos::task::spawn_local(async move {
                    let result = api::retry_task(&api, id).await;
                    let outcome = result
                        .map(|_| ())
                        .map_err(|e| RetryError::from_api(&e, i18n::current()));
                    guard.try_update_value(|g| g.finish(id, outcome));
                    retry_version.try_update(|v| *v += 1);
                });
            }
        })
    };

    let verify_error = RwSignal::new(None::<ApiError>);
    let verifying = StoredValue::new(false);
    Effect::new({
        let api = api.clone();
        move |_| {
            let needed = record.with(|r| {
                r.as_ref()
                    .map(|r| hub.with(|w| pairs_needing_verify(r, w)))
                    .unwrap_or_default()
            });
            if needed.is_empty() || verifying.get_value() {
                return;
            }
            verifying.set_value(true);
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let result = api::list_all_tenants(&api).await;
                if record.is_disposed() {
                    return;
                }
                match result {
                    Ok(page) => {
                        let role = |id: i64| {
                            page.contents
                                .iter()
                                .find(|t| t.id == id)
                                .and_then(|t| t.tenant_role.clone())
                        };
                        record.update(|r| {
                            if let Some(r) = r {
                                for (p, s) in &needed {
                                    if let (Some(a), Some(b)) = (role(*p), role(*s)) {
                                        r.set_roles_after(*p, *s, (a, b));
                                    }
                                }
                                batch_store::save(r);
                            }
                        });
                        verify_error.set(None);
                    }
                    Err(e) => verify_error.set(Some(e)),
                }
                verifying.set_value(false);
            });
        }
    });

    let export = move |_| {
        let mut rec = record.get_untracked();
        if let Some(r) = rec.as_mut() {
            r.operator = r.operator.clone().or_else(|| operator.get_untracked());
        }
        let rows = all_rows.get_untracked();
        let stamp = rec.as_ref().map(|r| r.started_ms).unwrap_or_else(now_ms);
        download(
            &format!("switchover_{stamp}.csv"),
            "text/csv",
            &to_csv(rec.as_ref(), &rows),
        );
    };

    let count_text = move |f: Option<StateFilter>| {
        let c = counts();
        match f {
            None => all_rows.with(Vec::len),
            Some(StateFilter::Failed) => c.failed,
            Some(StateFilter::Running) => c.running,
            Some(StateFilter::Successful) => c.successful,
            Some(StateFilter::RolledBack) => c.rolled_back,
            Some(StateFilter::Unknown) => c.unknown,
        }
    };
    let total = ids.len();
    let failed_items = move || {
        all_rows
            .with(|rs| failed_lines(rs, i18n::lang()))
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view()
    };
    let row_keys =
        move || shown.with(|rs| rs.iter().map(|r| (r.task_id, r.pair)).collect::<Vec<_>>());

    view! {
        <div class="board">
            <h1>{tr(Msg::BatchSwitchover)}</h1>
            <p class="muted" data-testid="batch-progress">
                {move || { let c = counts(); tf(Msg::BatchProgress, &[&(c.successful + c.rolled_back), &total, &c.failed, &c.running]) }}
            </p>
            <div class="board-bar">
                <div class="filters" role="group" aria-label=tx(Msg::Show)>
                    {FILTERS.into_iter().map(|(key, label, f)| view! {
                        <button type="button" class="chip" aria-pressed=move || (filter.get() == f).to_string()
                            data-filter=key on:click=move |_| filter.set(f)>
                            {tr(label)} " " <span class="count">{move || count_text(f)}</span>
                        </button>
                    }).collect::<Vec<_>>()}
                </div>
                <div class="board-actions">
                    <button type="button" id="retry-all" class="primary"
                        disabled=move || failed_ids().is_empty()
                        on:click=move |_| confirming.set(true)>
                        {move || tf(Msg::RetryAllFailed, &[&failed_ids().len()])}
                    </button>
                    <button type="button" class="secondary" data-action="export" on:click=export>{tr(Msg::ExportCsv)}</button>
                    <row::NotifyButton />
                </div>
            </div>
            <ApiErrorBanner error=verify_error />
            <div class="table-scroll" role="region" aria-label=tx(Msg::BatchTasks) tabindex="0">
            <table class="board-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(Msg::PrimaryToStandby)}</th>
                        <th scope="col">{tr(Msg::Precheck)}</th>
                        <th scope="col">{tr(Msg::Task)}</th>
                        <th scope="col">{tr(Msg::State)}</th>
                        <th scope="col">{tr(Msg::Step)}</th>
                        <th scope="col">{tr(Msg::Progress)}</th>
                        <th scope="col">{tr(Msg::Elapsed)}</th>
                        <th scope="col">{tr(Msg::Roles)}</th>
                        <th scope="col"><span class="sr-only">{tr(Msg::Actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=row_keys
                        key=|k| *k
                        children=move |k| {
                            let row = Memo::new(move |_| shown.with(|rs| rs.iter().find(|r| (r.task_id, r.pair) == k).cloned()));
                            let retry = Signal::derive(move || {
                                retry_version.track();
                                k.0.and_then(|id| guard.with_value(|g| g.state(id).cloned()))
                            });
                            let pair = Signal::derive(move || record.with(|r| k.1.and_then(|i| r.as_ref()?.pairs.get(i).cloned())));
                            view! { <BoardRowView row=row retry=retry pair=pair hub=hub /> }
                        } />
                </tbody>
            </table>
            </div>
            {move || shown.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(Msg::NoTaskInState)}</p> })}
            <ConfirmDialog
                open=confirming
                title=Signal::derive(move || tf(Msg::RetryNFailed, &[&failed_ids().len()]))
                confirm_label=Signal::derive(|| t(Msg::RetryAll).to_string())
                on_confirm=retry_all
                on_cancel=Callback::new(move |_| confirming.set(false))
            >
                <p>{tr(Msg::RetryAllExplain)}</p>
                <ul class="retry-list" data-testid="retry-list">
                    {failed_items}
                </ul>
            </ConfirmDialog>
        </div>
    }
}

/// "Task 12: tenant_a (1001) → tenant_b (1101), failed at “Switch roles”", one per failed row.
fn failed_lines(rows: &[BoardRow], lang: Lang) -> Vec<String> {
    rows.iter()
        .filter(|r| r.state == RowState::Failed)
        .filter_map(|r| {
            let id = r.task_id?;
            let step = r
                .step
                .as_ref()
                .map(|s| lang.fmt(Msg::FailedAtStep, &[s]))
                .unwrap_or_default();
            Some(lang.fmt(
                Msg::TaskPairLine,
                &[&id, &r.primary.label(lang), &r.standby.label(lang), &step],
            ))
        })
        .collect()
}
