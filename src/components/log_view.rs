//! A subtask's log: one tab per run (arrow keys move between them), numbered lines with ERROR
//! and WARN lines marked, search, copy, download, and follow-the-tail while it runs. Logs are
//! text. A poll that only adds text adds line elements after the ones shown and leaves those
//! alone; any other change rebuilds the lines.

use crate::api::{self, Api};
use crate::download::download;
use crate::i18n::{t, tf, tr, tx, Msg};
use crate::watch::watch;
use leptos::html;
use leptos::prelude::*;
use ocp_core::poll::{Outcome, PollConfig};
use ocp_core::tasklog::{extends, level, search, split_runs};
use wasm_bindgen::JsCast;

/// One shown line. Its key changes when the log is rebuilt, another run is shown or the line
/// itself grew, so a kept key is a line whose element can stay as it is.
#[derive(Clone, PartialEq)]
struct Line {
    key: (u32, usize, usize, usize),
    run: usize,
    index: usize,
    text: String,
}

/// The log of subtask `subtask_id` of task `task_id`, re-fetched while `running`.
#[component]
pub fn LogView(
    task_id: i64,
    subtask_id: i64,
    #[prop(into)] running: Signal<bool>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let log = RwSignal::new(None::<String>);
    let generation = RwSignal::new(0u32);
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
                    if error.with_untracked(Option::is_some) {
                        error.set(None);
                    }
                    let (same, appended) = log.with_untracked(|cur| match cur.as_deref() {
                        Some(cur) => (cur == text, extends(cur, &text)),
                        None => (false, true),
                    });
                    if !same {
                        if !appended {
                            generation.update(|g| *g = g.wrapping_add(1));
                        }
                        log.set(Some(text));
                    }
                    Outcome::Ok {
                        finished: !running.get_untracked(),
                    }
                }
                Err(e) => {
                    error.set(Some(e.message_in(crate::i18n::current())));
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
    let current = Memo::new(move |_| {
        let n = runs.with(Vec::len);
        tab.get().filter(|i| *i < n).unwrap_or(n.saturating_sub(1))
    });
    let lines = Memo::new(move |_| {
        let g = generation.get();
        let i = current.get();
        runs.with(|r| {
            r.get(i).map_or_else(Vec::new, |run| {
                run.lines()
                    .enumerate()
                    .map(|(k, text)| Line {
                        key: (g, i, k, text.len()),
                        run: i,
                        index: k,
                        text: text.to_string(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let tabs = Memo::new(move |_| {
        runs.with(|r| {
            r.iter()
                .map(|r| match r.operation.as_str() {
                    "" => (t(Msg::LogTab).to_string(), r.started.clone()),
                    op => (tf(Msg::LogRun, &[&(r.index + 1), &op]), r.started.clone()),
                })
                .collect::<Vec<_>>()
        })
    });
    let shown_tab = Memo::new(move |_| (!runs.with(Vec::is_empty)).then(|| current.get()));
    let placeholder = Memo::new(move |_| {
        lines.with(Vec::is_empty).then(|| {
            t(if log.with(Option::is_none) {
                Msg::LogLoading
            } else {
                Msg::LogEmpty
            })
        })
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
        lines.track();
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
        let i = current.get_untracked();
        let text = runs.with_untracked(|r| r.get(i).map(|r| r.body.clone()).unwrap_or_default());
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&text);
        }
    };
    let save = move |_| {
        log.with_untracked(|l| {
            download(
                &format!("subtask_{subtask_id}.log"),
                "text/plain;charset=utf-8",
                l.as_deref().unwrap_or_default(),
            )
        })
    };
    let tab_id = move |i: usize| format!("log-tab-{subtask_id}-{i}");
    let panel_id = format!("log-panel-{subtask_id}");
    let on_tab_key = move |ev: web_sys::KeyboardEvent| {
        let n = tabs.with_untracked(Vec::len);
        let cur = current.get_untracked();
        let next = match ev.key().as_str() {
            _ if n == 0 => return,
            "ArrowRight" => (cur + 1) % n,
            "ArrowLeft" => (cur + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        tab.set(Some(next));
        if let Some(b) = document()
            .get_element_by_id(&tab_id(next))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = b.focus();
        }
    };

    let line_view = move |l: Line| {
        let lv = level(&l.text);
        let (run, k) = (l.run, l.index);
        let class = move || {
            let hit = hits.with(|h| h.binary_search(&(run, k)).is_ok());
            format!("log-line {}{}", lv.class(), if hit { " hit" } else { "" })
        };
        view! {
            <span class=class>
                <span class="ln" aria-hidden="true">{k + 1}</span>
                <span class="mk" aria-hidden="true">{lv.marker()}</span>
                <span class="lt">{l.text}</span>
            </span>
        }
    };

    view! {
        <section class="log" aria-label=tx(Msg::SubtaskLog)>
            <div class="log-bar">
                <div class="log-tabs" role="tablist" aria-label=tx(Msg::Runs) on:keydown=on_tab_key>
                    {
                        let panel_id = panel_id.clone();
                        move || {
                            tabs.get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, (label, started))| {
                                    view! {
                                        <button type="button" role="tab" id=tab_id(i) aria-controls=panel_id.clone()
                                            aria-selected=move || (current.get() == i).to_string()
                                            tabindex=move || if current.get() == i { "0" } else { "-1" }
                                            title=started on:click=move |_| tab.set(Some(i))>{label}</button>
                                    }
                                })
                                .collect::<Vec<_>>()
                        }
                    }
                </div>
                <input type="search" placeholder=tx(Msg::SearchLog) aria-label=tx(Msg::SearchLog)
                    prop:value=move || needle.get() on:input:target=move |ev| needle.set(ev.target().value()) />
                <span class="log-hits">{move || {
                    let h = hits.get();
                    (!needle.get().trim().is_empty()).then(|| tf(Msg::MatchingLines, &[&h.len()]))
                }}</span>
                <button type="button" on:click=copy>{tr(Msg::Copy)}</button>
                <button type="button" data-testid="log-download" on:click=save
                    disabled=move || log.with(Option::is_none)>{tr(Msg::Download)}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="log-error" role="alert">{e}</p> })}
            <pre class="log-text" data-testid="log" node_ref=pre on:scroll=on_scroll tabindex="0"
                role="tabpanel" id=panel_id
                aria-labelledby=move || shown_tab.get().map(tab_id)
                aria-label=move || shown_tab.get().is_none().then(|| t(Msg::SubtaskLog))>
                {move || placeholder.get().map(|t| view! { <span class="muted">{t}</span> })}
                <For each=move || lines.get() key=|l| l.key children=line_view />
            </pre>
        </section>
    }
}
