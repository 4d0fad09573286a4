//! A subtask's log: one tab per run, search, copy, and follow-the-tail while it runs. Logs are text.

use crate::api::{self, Api};
use crate::watch::watch;
use leptos::html;
use leptos::prelude::*;
use ocp_core::poll::{Outcome, PollConfig};
use ocp_core::tasklog::{search, split_runs, LogRun};

/// The log of subtask `subtask_id` of task `task_id`, re-fetched while `running`.
#[component]
pub fn LogView(
    task_id: i64,
    subtask_id: i64,
    #[prop(into)] running: Signal<bool>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let log = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let tab = RwSignal::new(None::<usize>);
    let needle = RwSignal::new(String::new());
    let follow = RwSignal::new(true);
    let pre = NodeRef::<html::Pre>::new();

    let w = watch(PollConfig::default(), move || {
        let api = api.clone();
        async move {
            let result = api::subtask_log(&api, task_id, subtask_id).await;
            if log.is_disposed() {
                return Outcome::Failed;
            }
            match result {
                Ok(text) => {
                    error.set(None);
                    if log.with_untracked(|cur| cur.as_deref() != Some(text.as_str())) {
                        log.set(Some(text));
                    }
                    Outcome::Ok {
                        finished: !running.get_untracked(),
                    }
                }
                Err(e) => {
                    error.set(Some(e.to_string()));
                    e.poll_outcome()
                }
            }
        }
    });
    Effect::new(move |was_running: Option<bool>| {
        let now = running.get();
        if now && was_running == Some(false) {
            w.restart();
        }
        now
    });

    let runs = Memo::new(move |_| log.with(|l| l.as_deref().map(split_runs).unwrap_or_default()));
    let shown = Memo::new(move |_| {
        let r = runs.get();
        let i = tab
            .get()
            .filter(|i| *i < r.len())
            .unwrap_or(r.len().saturating_sub(1));
        (i, r.get(i).cloned())
    });
    let hits = Memo::new(move |_| {
        let n = needle.get();
        if n.trim().is_empty() {
            Vec::new()
        } else {
            runs.with(|r| search(r, n.trim()))
        }
    });

    Effect::new(move |_| {
        shown.track();
        if follow.get_untracked() {
            if let Some(p) = pre.get_untracked() {
                p.set_scroll_top(p.scroll_height());
            }
        }
    });
    let on_scroll = move |_| {
        if let Some(p) = pre.get_untracked() {
            follow.set(p.scroll_top() + p.client_height() + 24 >= p.scroll_height());
        }
    };
    let copy = move |_| {
        let text =
            shown.with_untracked(|(_, r)| r.as_ref().map(|r| r.body.clone()).unwrap_or_default());
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&text);
        }
    };

    view! {
        <section class="log" aria-label="Subtask log">
            <div class="log-bar">
                <div class="log-tabs" role="tablist">
                    {move || {
                        let (current, _) = shown.get();
                        runs.get()
                            .into_iter()
                            .map(|r: LogRun| {
                                let i = r.index;
                                let label = if r.operation.is_empty() { "Log".to_string() } else { format!("Run {} · {}", i + 1, r.operation) };
                                view! {
                                    <button type="button" role="tab" aria-selected=(i == current).to_string()
                                        title=r.started.clone() on:click=move |_| tab.set(Some(i))>{label}</button>
                                }
                            })
                            .collect::<Vec<_>>()
                    }}
                </div>
                <input type="search" placeholder="Search log" aria-label="Search log"
                    prop:value=move || needle.get() on:input:target=move |ev| needle.set(ev.target().value()) />
                <span class="log-hits">{move || {
                    let h = hits.get();
                    (!needle.get().trim().is_empty()).then(|| format!("{} matching lines", h.len()))
                }}</span>
                <button type="button" on:click=copy>"Copy"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="log-error" role="alert">{e}</p> })}
            <pre class="log-text" data-testid="log" node_ref=pre on:scroll=on_scroll tabindex="0">
                {move || {
                    let (i, run) = shown.get();
                    let marked: Vec<usize> = hits.get().into_iter().filter(|(r, _)| *r == i).map(|(_, l)| l).collect();
                    match run {
                        None => vec![view! { <span class="muted">{if log.with(Option::is_none) { "Loading log…" } else { "The log is empty." }}</span> }.into_any()],
                        Some(run) => run
                            .lines()
                            .enumerate()
                            .map(|(k, line)| {
                                let class = if marked.contains(&k) { "log-line hit" } else { "log-line" };
                                view! { <span class=class>{line.to_string()}"\n"</span> }.into_any()
                            })
                            .collect::<Vec<_>>(),
                    }
                }}
            </pre>
        </section>
    }
}
