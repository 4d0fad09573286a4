//! The tasks of one batch operation side by side: state, progress and a thumbnail each, and the total.

use crate::api::{self, Api};
use crate::components::ApiErrorBanner;
use crate::dag::{LiveDag, MiniDag};
use crate::watch::watch;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use ocp_core::dag::layout::Direction;
use ocp_core::error::ApiError;
use ocp_core::model::{Progress, TaskInstance};
use ocp_core::poll::{Outcome, PollConfig};
use std::sync::Arc;

/// One row's latest data.
#[derive(Clone)]
struct Row {
    task: Option<TaskInstance>,
    dag: Option<Arc<LiveDag>>,
    error: Option<ApiError>,
}

/// Routed at `/batch?ids=1,2`.
#[component]
pub fn BatchPage() -> impl IntoView {
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        query.with(|q| ocp_core::routes::parse_ids(&q.get("ids").unwrap_or_default()))
    });
    move || {
        let ids = ids.get();
        if ids.is_empty() {
            view! { <h1>"Batch"</h1><p class="api-error" role="alert">"No task ids in the link."</p> }.into_any()
        } else {
            view! { <BatchView ids=ids /> }.into_any()
        }
    }
}

#[component]
fn BatchView(ids: Vec<i64>) -> impl IntoView {
    let api = expect_context::<Api>();
    let rows: Vec<RwSignal<Row>> = ids
        .iter()
        .map(|_| {
            RwSignal::new(Row {
                task: None,
                dag: None,
                error: None,
            })
        })
        .collect();
    let poll_rows = rows.clone();
    let poll_ids = ids.clone();
    watch(PollConfig::default(), move || {
        let api = api.clone();
        let rows = poll_rows.clone();
        let ids = poll_ids.clone();
        async move {
            let mut all_finished = true;
            let mut worst: Option<Outcome> = None;
            for (id, row) in ids.iter().zip(&rows) {
                if row.is_disposed() {
                    return Outcome::Failed;
                }
                let done = row.with_untracked(|r| {
                    r.task
                        .as_ref()
                        .is_some_and(|t| t.derived_state().is_finished())
                });
                if done {
                    continue;
                }
                let result = api::get_task(&api, *id).await;
                if row.is_disposed() {
                    return Outcome::Failed;
                }
                match result {
                    Ok(t) => {
                        all_finished &= t.derived_state().is_finished();
                        let same = row
                            .with_untracked(|r| r.dag.as_ref().is_some_and(|d| d.same_shape(&t)));
                        if same {
                            row.with_untracked(|r| r.dag.as_ref().map(|d| d.update(&t)));
                            row.update(|r| {
                                r.task = Some(t);
                                r.error = None;
                            });
                        } else {
                            let dag = Arc::new(LiveDag::new(&t, Direction::LeftToRight));
                            row.set(Row {
                                task: Some(t),
                                dag: Some(dag),
                                error: None,
                            });
                        }
                    }
                    Err(e) => {
                        all_finished = false;
                        worst = Some(e.poll_outcome());
                        row.update(|r| r.error = Some(e));
                    }
                }
            }
            worst.unwrap_or(Outcome::Ok {
                finished: all_finished,
            })
        }
    });

    let total_rows = rows.clone();
    let total = Memo::new(move |_| {
        let mut p = Progress::default();
        let mut finished = 0;
        for r in &total_rows {
            r.with(|r| {
                if let Some(t) = &r.task {
                    let q = t.progress();
                    p.done += q.done;
                    p.total += q.total;
                    finished += usize::from(t.derived_state().is_finished());
                }
            });
        }
        (p, finished)
    });
    let n = ids.len();
    view! {
        <h1>"Batch"</h1>
        <div class="batch-total" data-testid="batch-progress">
            {move || {
                let (p, finished) = total.get();
                format!("{finished} of {n} tasks finished · {} / {} subtasks successful", p.done, p.total)
            }}
            <progress max=move || total.get().0.total.max(1) value=move || total.get().0.done></progress>
        </div>
        <table class="batch">
            <thead><tr><th>"Task"</th><th>"Tenant"</th><th>"State"</th><th>"Progress"</th><th>"Steps"</th></tr></thead>
            <tbody>
                {ids.into_iter().zip(rows).map(|(id, row)| view! {
                    <tr data-testid="batch-row" data-task-id=id>
                        <td><A href=ocp_core::routes::task(id)>{move || row.with(|r| r.task.as_ref().map(|t| t.name.clone())).unwrap_or_else(|| format!("Task {id}"))}</A>
                            <span class="task-id">" #" {id}</span></td>
                        <td>{move || row.with(|r| r.task.as_ref().and_then(|t| t.tenant_label()))}</td>
                        <td>{move || row.with(|r| r.task.as_ref().map(|t| {
                            let st = t.derived_state();
                            view! { <span class=format!("state-badge state-{}", st.class()) data-testid="task-state">{st.label().to_string()}</span> }
                        }))}</td>
                        <td>{move || row.with(|r| r.task.as_ref().map(|t| { let p = t.progress(); format!("{} / {}", p.done, p.total) }))}</td>
                        <td>
                            {move || row.with(|r| r.dag.clone()).map(|d| view! { <MiniDag dag=d /> })}
                            <ApiErrorBanner error=Signal::derive(move || row.with(|r| r.error.clone())) />
                        </td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
