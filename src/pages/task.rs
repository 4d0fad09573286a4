//! One task, live: header, DAG chart, the selected subtask with its log, and the actions OCP allows.

use crate::api::{self, Api};
use crate::components::{ApiErrorBanner, ConfirmDialog, LogView};
use crate::dag::{DagChart, LiveDag};
use crate::i18n::{self, datetime, duration, t, tf, tr, tx, Lang, Msg};
use crate::title::use_page_title;
use crate::watch::{now_ms, watch};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use ocp_core::actions::{allowed_actions, elapsed, TaskAction};
use ocp_core::dag::layout::Direction;
use ocp_core::error::ApiError;
use ocp_core::model::{DerivedState, Progress, SubtaskStatus, TaskInstance};
use ocp_core::poll::{Outcome, PollConfig, PollStatus};
use std::sync::Arc;

/// Routed at `/tasks/:id`.
#[component]
pub fn TaskPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.trim().parse::<i64>().ok())
    });
    move || match id.get() {
        Some(id) => view! { <TaskView id=id /> }.into_any(),
        None => view! {
            <h1>{tr(Msg::Task)}</h1>
            <p class="api-error" role="alert">{tr(Msg::NotTaskId)}</p>
        }
        .into_any(),
    }
}

async fn run_action(api: &Api, task: i64, action: &TaskAction) -> Result<(), ApiError> {
    match action {
        TaskAction::Retry => api::retry_task(api, task).await.map(|_| ()),
        TaskAction::Rollback => api::rollback_task(api, task).await.map(|_| ()),
        TaskAction::SubtaskRetry(s, _) => api::retry_subtask(api, task, *s).await.map(|_| ()),
        TaskAction::Skip(s, _) => api::skip_subtask(api, task, *s).await,
        TaskAction::Cancel(s, _) => api::cancel_subtask(api, task, *s).await,
    }
}

/// What the task page's header shows.
#[derive(Clone, PartialEq)]
struct Head {
    name: String,
    id: i64,
    state: DerivedState,
    progress: Progress,
    facts: Vec<(&'static str, String)>,
    lang: Lang,
}

impl Head {
    fn of(t: &TaskInstance, now: i64, lang: Lang) -> Self {
        let state = t.derived_state();
        let facts = [
            (Msg::Cluster, t.cluster_label()),
            (Msg::Tenant, t.tenant_label()),
            (Msg::Creator, t.creator_name()),
            (
                Msg::Started,
                t.start_time.as_ref().map(|s| datetime(s, lang)),
            ),
            (
                if state.is_finished() {
                    Msg::Took
                } else {
                    Msg::Elapsed
                },
                elapsed(t, now, lang),
            ),
            (
                Msg::Finished,
                t.finish_time.as_ref().map(|s| datetime(s, lang)),
            ),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (lang.text(k), v)))
        .collect();
        Head {
            name: t.name.clone(),
            id: t.id,
            state,
            progress: t.progress(),
            facts,
            lang,
        }
    }
}

/// The live view of task `id`.
#[component]
pub fn TaskView(id: i64) -> impl IntoView {
    let api = expect_context::<Api>();
    let query = use_query_map();
    let task = RwSignal::new(None::<TaskInstance>);
    let dag = RwSignal::new(None::<Arc<LiveDag>>);
    let direction = RwSignal::new(Direction::TopToBottom);
    let load_error = RwSignal::new(None::<ApiError>);
    let selected = RwSignal::new(
        query.with_untracked(|q| q.get("subtask").and_then(|s| s.parse::<i64>().ok())),
    );

    let apply = move |t: TaskInstance| {
        let shape_ok = dag.with_untracked(|d| d.as_ref().is_some_and(|d| d.same_shape(&t)));
        if shape_ok {
            dag.with_untracked(|d| d.as_ref().map(|d| d.update(&t)));
        } else {
            dag.set(Some(Arc::new(LiveDag::new(&t, direction.get_untracked()))));
        }
        if selected.get_untracked().is_none() {
            selected.set(t.current_step());
        }
        if task.with_untracked(|cur| cur.as_ref() != Some(&t)) {
            task.set(Some(t));
        }
    };

    let fetch_api = api.clone();
    let w = watch(PollConfig::default(), move || {
        let api = fetch_api.clone();
        async move {
            let result = api::get_task(&api, id).await;
            if task.is_disposed() {
                return Outcome::Failed;
            }
            match result {
                Ok(t) => {
                    // A failed task is not done: someone may retry or roll it back elsewhere.
                    let finished = matches!(
                        t.derived_state(),
                        DerivedState::Successful | DerivedState::RolledBack
                    );
                    load_error.set(None);
                    apply(t);
                    Outcome::Ok { finished }
                }
                Err(e) => {
                    let o = e.poll_outcome();
                    load_error.set(Some(e));
                    o
                }
            }
        }
    });

    let flip = Callback::new(move |_: ()| {
        let next = match direction.get_untracked() {
            Direction::TopToBottom => Direction::LeftToRight,
            Direction::LeftToRight => Direction::TopToBottom,
        };
        direction.set(next);
        if let Some(t) = task.get_untracked() {
            dag.set(Some(Arc::new(LiveDag::new(&t, next))));
        }
    });

    let selected_subtask = Memo::new(move |_| {
        let sid = selected.get()?;
        task.with(|t| t.as_ref()?.subtasks.iter().find(|s| s.id == sid).cloned())
    });
    let state = Memo::new(move |_| task.with(|t| t.as_ref().map(TaskInstance::derived_state)));
    use_page_title(move || match state.get() {
        Some(s) => format!("{} · {}", tf(Msg::TaskN, &[&id]), s.title(i18n::lang())),
        None => tf(Msg::TaskN, &[&id]),
    });
    let announced = RwSignal::new(String::new());

    let pending = RwSignal::new(None::<TaskAction>);
    let notice = RwSignal::new(None::<Msg>);
    let action_error = RwSignal::new(None::<ApiError>);
    let act_api = api.clone();
    let act = Action::new_local(move |a: &TaskAction| {
        let api = act_api.clone();
        let a = a.clone();
        async move { run_action(&api, id, &a).await.map(|_| a) }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(a)) => {
            notice.set(Some(a.done()));
            action_error.set(None);
            pending.set(None);
            w.restart();
        }
        Some(Err(e)) => {
            notice.set(None);
            action_error.set(Some(e));
            pending.set(None);
            w.restart();
        }
        None => {}
    });
    Effect::new(move |was: Option<Option<DerivedState>>| {
        let now = state.get();
        if let (Some(Some(before)), Some(s)) = (&was, &now) {
            if before != s {
                notice.set(None);
                let step = task.with_untracked(|t| {
                    let t = t.as_ref()?;
                    let sid = t.current_step()?;
                    t.subtasks
                        .iter()
                        .find(|x| x.id == sid)
                        .map(|x| x.name.clone())
                });
                let lang = i18n::current();
                announced.set(match step {
                    Some(step) if !s.is_finished() => {
                        lang.fmt(Msg::TaskStateAt, &[&id, &s.title(lang), &step])
                    }
                    _ => lang.fmt(Msg::TaskState, &[&id, &s.title(lang)]),
                });
            }
        }
        now
    });
    let confirm = Callback::new(move |_: ()| {
        if act.pending().get_untracked() {
            return;
        }
        if let Some(a) = pending.get_untracked() {
            act.dispatch_local(a);
        }
    });

    // Built once per task; a poll changes only the text and attributes that differ.
    let head = Memo::new(move |_| {
        task.with(|t| {
            t.as_ref()
                .map(|t| Head::of(t, js_sys::Date::now() as i64, i18n::lang()))
        })
    });
    let text = move |f: fn(&Head) -> String| move || head.with(|h| h.as_ref().map(f));
    let header = view! {
        <Show when=move || head.with(Option::is_some)>
            <div class="task-header">
                <h1>{text(|h| h.name.clone())} <span class="task-id">" #" {text(|h| h.id.to_string())}</span></h1>
                <div class="task-state-line">
                    <span class=text(|h| format!("state-badge state-{}", h.state.class())) data-testid="task-state">
                        {text(|h| h.state.title(h.lang))}
                    </span>
                    <span class="progress" data-testid="task-progress">{text(|h| format!("{} / {}", h.progress.done, h.progress.total))}</span>
                    <progress max=text(|h| h.progress.total.max(1).to_string()) value=text(|h| h.progress.done.to_string())
                        aria-label=tx(Msg::SuccessfulSubtasks)></progress>
                    <span class="percent">{text(|h| format!("{}%", h.progress.percent()))}</span>
                </div>
                <dl class="facts">
                    <For each=move || head.with(|h| h.as_ref().map(|h| h.facts.clone()).unwrap_or_default())
                        key=|f| f.clone()
                        children=|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> } />
                </dl>
            </div>
        </Show>
    };

    let poll_notice = move || {
        match w.status.get() {
        PollStatus::Reconnecting { failures, last_ok_ms, retry_at_ms } => {
            let lang = i18n::lang();
            let ago = last_ok_ms.map(|t| duration(lang, now_ms().saturating_sub(t) as i64));
            let retry = duration(lang, retry_at_ms.saturating_sub(now_ms()) as i64);
            Some(view! {
                <p class="poll-status" data-testid="poll-status" role="status">
                    {lang.fmt(Msg::Reconnecting, &[&failures, &retry])}
                    {ago.map(|a| lang.fmt(Msg::LastUpdate, &[&a]))}
                </p>
            }.into_any())
        }
        PollStatus::Unauthorized => Some(view! {
            <p class="poll-status" data-testid="poll-status" role="status">{tr(Msg::UpdatesPaused)}</p>
        }.into_any()),
        _ => None,
    }
    };

    let task_actions = move || {
        let t = task.get()?;
        let actions = allowed_actions(&t, None);
        (!actions.is_empty()).then(|| {
            view! {
                <div class="actions" aria-label=tx(Msg::TaskActions)>
                    {actions.into_iter().map(|a| action_button(a, pending, act.pending().into())).collect::<Vec<_>>()}
                </div>
            }
        })
    };

    let running = Signal::derive(move || {
        selected_subtask.with(|s| {
            s.as_ref().is_some_and(|s| {
                matches!(s.status, SubtaskStatus::Running | SubtaskStatus::Canceling)
            })
        })
    });
    let selected_sid = Memo::new(move |_| selected_subtask.with(|s| s.as_ref().map(|s| s.id)));
    let subtask_facts = move || {
        let t = task.get()?;
        let s = selected_subtask.get()?;
        let actions = allowed_actions(&t, Some(&s))
            .into_iter()
            .filter(|a| {
                matches!(
                    a,
                    TaskAction::SubtaskRetry(..) | TaskAction::Skip(..) | TaskAction::Cancel(..)
                )
            })
            .collect::<Vec<_>>();
        let lang = i18n::lang();
        let facts: Vec<(&str, String)> = [
            (Msg::Status, Some(s.status.title(lang))),
            (Msg::Operation, s.operation.as_ref().map(|o| o.to_string())),
            (Msg::Runs, s.run_time.map(|r| r.to_string())),
            (Msg::Executor, s.executor.clone()),
            (Msg::Timeout, s.timeout.map(|t| duration(lang, t * 1000))),
            (
                Msg::Started,
                s.start_time.as_ref().map(|x| datetime(x, lang)),
            ),
            (
                Msg::Finished,
                s.finish_time.as_ref().map(|x| datetime(x, lang)),
            ),
            (Msg::Took, s.took_ms().map(|ms| duration(lang, ms))),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (lang.text(k), v)))
        .collect();
        Some(view! {
                <h2>{s.name.clone()}</h2>
                {s.description.clone().filter(|d| *d != s.name).map(|d| view! { <p class="description">{d}</p> })}
                <dl class="facts">
                    {facts.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect::<Vec<_>>()}
                </dl>
                {(!actions.is_empty()).then(|| view! {
                    <div class="actions">
                        {actions.into_iter().map(|a| action_button(a, pending, act.pending().into())).collect::<Vec<_>>()}
                    </div>
                })}
        })
    };
    let side = move || match selected_sid.get() {
        None => (move || task.get().map(|t| summary(&t, i18n::lang()))).into_any(),
        Some(sid) => view! {
            <aside class="subtask-panel" aria-label=tx(Msg::SelectedSubtask)>
                {subtask_facts}
                <LogView task_id=id subtask_id=sid running=running />
            </aside>
        }
        .into_any(),
    };

    let on_select = Callback::new(move |sid: i64| selected.set(Some(sid)));
    let chart = move || {
        dag.get().map(|d| {
            view! {
                <DagChart dag=d selected=selected on_select=on_select export_name=format!("task-{id}.svg") on_toggle_direction=flip />
            }
        })
    };

    view! {
        <div class="task-page">
            {move || match (task.with(Option::is_none), load_error.get()) {
                (true, Some(_)) => Some(view! { <h1>{move || tf(Msg::TaskN, &[&id])}</h1> }.into_any()),
                (true, None) => Some(view! { <h1>{move || tf(Msg::TaskN, &[&id])}</h1><p class="muted">{tr(Msg::Loading)}</p> }.into_any()),
                _ => None,
            }}
            {header}
            <ApiErrorBanner error=Signal::derive(move || {
                if task.with(Option::is_none) || !matches!(state.get(), Some(s) if !s.is_finished()) { load_error.get() } else { None }
            }) />
            {poll_notice}
            <div class="sr-only" role="status" aria-live="polite" data-testid="task-live">{move || announced.get()}</div>
            {task_actions}
            <ApiErrorBanner error=action_error />
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{tr(n)}</p> })}
            <div class="task-body">
                <div class="chart-pane">{chart}</div>
                {side}
            </div>
            <ConfirmDialog
                open=Signal::derive(move || pending.with(Option::is_some))
                title=Signal::derive(move || pending.with(|p| p.as_ref().map(|a| a.title(i18n::lang())).unwrap_or_default()))
                confirm_label=Signal::derive(move || pending.with(|p| p.as_ref().map(|a| t(a.label()).to_string()).unwrap_or_default()))
                busy=act.pending()
                danger=Signal::derive(move || pending.with(|p| p.as_ref().is_some_and(TaskAction::is_destructive)))
                on_confirm=confirm
                on_cancel=Callback::new(move |_| pending.set(None))
            >
                <p>{move || pending.with(|p| p.as_ref().map(|a| t(a.explain())))}</p>
                <p>{move || tf(Msg::TaskN, &[&id])} ": " {move || task.with(|t| t.as_ref().map(|t| t.name.clone()))}</p>
            </ConfirmDialog>
        </div>
    }
}

fn action_button(
    a: TaskAction,
    pending: RwSignal<Option<TaskAction>>,
    busy: Signal<bool>,
) -> impl IntoView {
    let key = a.key();
    let label = a.label();
    let danger = a.is_destructive();
    view! {
        <button type="button" data-action=key class=if danger { "danger" } else { "primary" } disabled=move || busy.get()
            on:click=move |_| pending.set(Some(a.clone()))>{tr(label)}</button>
    }
}

/// The right-hand column when no step is selected: where the task stands, step counts by state.
fn summary(t: &TaskInstance, lang: Lang) -> impl IntoView {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in &t.subtasks {
        let label = s.status.title(lang);
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    let state = t.derived_state();
    view! {
        <aside class="subtask-panel" aria-label=lang.text(Msg::TaskSummary) data-testid="task-summary">
            <h2>{t.name.clone()}</h2>
            <p>{lang.fmt(Msg::StepsSuccessful, &[&state.title(lang), &t.progress().done, &t.progress().total])}</p>
            <dl class="facts">
                {counts.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect::<Vec<_>>()}
            </dl>
            <p class="muted">{lang.text(Msg::SelectStepHint)}</p>
        </aside>
    }
}
