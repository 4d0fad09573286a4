//! The task centre: OCP's tasks filtered, sorted and paged, refreshed while any of them runs.

use crate::api::{self, Api, TaskQuery};
use crate::components::{ApiErrorBanner, ClusterPicker, FieldError};
use crate::hub::use_hub;
use crate::i18n::{self, datetime, tf, tr, tx, Msg};
use crate::recent;
use crate::session::use_session;
use gloo_timers::future::TimeoutFuture;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use ocp_core::error::ApiError;
use ocp_core::model::{Cluster, PageInfo, TaskInstance, TaskStatus};
use ocp_core::poll::Outcome;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const PAGE_SIZE: u64 = 20;
const REFRESH_MS: u64 = 5_000;
const DEBOUNCE_MS: u32 = 400;
use ocp_core::list_query::{next_sort, ListParams, SortKey};
use ocp_core::task_filter::{filters_on_console, keeps, ocp_statuses, STATES as STATUSES};

fn cluster_option(c: &Cluster) -> String {
    c.name.clone()
}

/// A typed tenant id: empty means no filter.
fn parse_tenant_filter(raw: &str) -> Result<Option<i64>, Msg> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(Msg::VTenantId),
    }
}

/// Loads one page at a time: a query asked for while a request runs waits and replaces any older one.
#[derive(Clone, Copy)]
struct Loader {
    in_flight: StoredValue<bool>,
    queued: StoredValue<Option<TaskQuery>>,
    tasks: RwSignal<Vec<TaskInstance>>,
    page: RwSignal<Option<PageInfo>>,
    error: RwSignal<Option<ApiError>>,
    loaded: RwSignal<bool>,
}

impl Loader {
    fn load(self, api: Api, query: TaskQuery, alive: Arc<AtomicBool>) {
        if self.in_flight.get_value() {
            self.queued.set_value(Some(query));
            return;
        }
        spawn_local(async move {
            self.fetch(&api, &query, &alive).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            if let Some(next) = self.queued.try_update_value(Option::take).flatten() {
                self.load(api, next, alive);
            }
        });
    }

    /// One request for `query`; what it means for a poll schedule.
    async fn fetch(self, api: &Api, query: &TaskQuery, alive: &AtomicBool) -> Outcome {
        self.in_flight.set_value(true);
        let result = api::list_tasks(api, query).await;
        if !alive.load(Ordering::Relaxed) {
            return Outcome::Ok { finished: true };
        }
        let outcome = match result {
            Ok(list) => {
                self.tasks.set(list.contents);
                self.page.set(list.page);
                self.error.set(None);
                Outcome::Ok { finished: false }
            }
            Err(e) => {
                let o = e.poll_outcome();
                self.error.set(Some(e));
                o
            }
        };
        self.loaded.set(true);
        self.in_flight.set_value(false);
        outcome
    }
}

#[component]
pub fn TaskListPage() -> impl IntoView {
    let api = expect_context::<Api>();
    crate::title::use_page_title(|| "Tasks".into());
    let alive = Arc::new(AtomicBool::new(true));
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, Ordering::Relaxed)
    });

    // Filters, sort and page live in the address too, so going back from a task finds them.
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    let initial = ListParams::from_query(&location.search.get_untracked());
    let statuses = RwSignal::new(initial.statuses.clone());
    let cluster = RwSignal::new(initial.cluster.map(|c| c.to_string()).unwrap_or_default());
    let tenant_text = RwSignal::new(initial.tenant.map(|t| t.to_string()).unwrap_or_default());
    let tenant = RwSignal::new(initial.tenant);
    let name_text = RwSignal::new(initial.name.clone());
    let name = RwSignal::new(initial.name.clone());
    let page = RwSignal::new(initial.page);
    let sort = RwSignal::new(initial.sort);
    let params = Memo::new(move |_| ListParams {
        statuses: statuses.get(),
        cluster: cluster.get().parse().ok(),
        tenant: tenant.get(),
        name: name.get(),
        sort: sort.get(),
        page: page.get(),
    });
    let written = StoredValue::new(initial.to_query());
    // The list's state into the address, replacing the entry (no history step per keystroke).
    Effect::new(move |_| {
        let q = params.with(ListParams::to_query);
        let shown = ListParams::from_query(&location.search.get_untracked()).to_query();
        written.set_value(q.clone());
        if q != shown {
            let path = location.pathname.get_untracked();
            let url = if q.is_empty() {
                path
            } else {
                format!("{path}?{q}")
            };
            navigate(
                &url,
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
    // A link to this page while it is open (the header's running/failed counts) sets the state.
    Effect::new(move |_| {
        let p = ListParams::from_query(&location.search.get());
        if p.to_query() == written.get_value() {
            return;
        }
        written.set_value(p.to_query());
        statuses.set(p.statuses);
        cluster.set(p.cluster.map(|c| c.to_string()).unwrap_or_default());
        tenant_text.set(p.tenant.map(|t| t.to_string()).unwrap_or_default());
        tenant.set(p.tenant);
        name_text.set(p.name.clone());
        name.set(p.name);
        sort.set(p.sort);
        page.set(p.page);
    });
    let debounce = StoredValue::new(0u64);
    let mine = RwSignal::new(recent::load());

    let query = Memo::new(move |_| {
        params.with(|p| TaskQuery {
            statuses: ocp_statuses(&p.statuses),
            cluster_id: p.cluster,
            tenant_id: p.tenant,
            name: p.name.clone(),
            page: p.page,
            size: PAGE_SIZE,
            sort: format!(
                "{},{}",
                p.sort.0.field(),
                if p.sort.1 { "desc" } else { "asc" }
            ),
        })
    });

    let loader = Loader {
        in_flight: StoredValue::new(false),
        queued: StoredValue::new(None),
        tasks: RwSignal::new(Vec::new()),
        page: RwSignal::new(None),
        error: RwSignal::new(None),
        loaded: RwSignal::new(false),
    };
    let epoch = use_session().epoch;
    Effect::new({
        let (api, alive) = (api.clone(), alive.clone());
        move |_| {
            epoch.track();
            crate::i18n::lang();
            loader.load(api.clone(), query.get(), alive.clone())
        }
    });
    let any_running = Memo::new(move |_| {
        loader
            .tasks
            .with(|t| t.iter().any(|t| t.status == TaskStatus::Running))
    });
    if let Some(hub) = use_hub() {
        hub.demand(REFRESH_MS);
        Effect::new({
            let (api, alive) = (api.clone(), alive.clone());
            move |seen: Option<u64>| {
                let rev = hub.revision.get();
                if seen.is_some_and(|s| s != rev) && any_running.get_untracked() {
                    loader.load(api.clone(), query.get_untracked(), alive.clone());
                }
                rev
            }
        });
    }

    let clusters = crate::watch::cluster_list(&api);
    let cluster_options = Memo::new(move |_| {
        clusters
            .get()
            .and_then(Result::ok)
            .map(|p| p.contents)
            .unwrap_or_default()
    });
    let banner = Signal::derive(move || {
        loader
            .error
            .get()
            .or_else(|| clusters.get().and_then(Result::err))
    });

    let filter_changed = move || page.set(1);
    let apply_name = move || {
        let v = name_text.get_untracked();
        if name.get_untracked() != v {
            name.set(v);
            filter_changed();
        }
    };
    let tenant_error = Signal::derive(move || {
        parse_tenant_filter(&tenant_text.get())
            .err()
            .map(|m| i18n::t(m).to_string())
    });
    let apply_tenant = move || {
        if let Ok(t) = parse_tenant_filter(&tenant_text.get_untracked()) {
            if tenant.get_untracked() != t {
                tenant.set(t);
                filter_changed();
            }
        }
    };
    let on_name_input = move |v: String| {
        name_text.set(v);
        let generation = debounce.get_value() + 1;
        debounce.set_value(generation);
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if debounce.try_get_value() == Some(generation) {
                apply_name();
            }
        });
    };
    let toggle_status = move |value: &'static str, on: bool| {
        statuses.update(|s| {
            let keep = |v: &str| {
                if v == value {
                    on
                } else {
                    s.iter().any(|x| x == v)
                }
            };
            let unknown = s.iter().filter(|x| !STATUSES.iter().any(|(v, _)| v == x));
            let next: Vec<String> = STATUSES
                .iter()
                .filter(|(v, _)| keep(v))
                .map(|(v, _)| v.to_string())
                .chain(unknown.cloned())
                .collect();
            *s = next;
        });
        filter_changed();
    };

    let total_pages = move || {
        loader
            .page
            .with(|p| p.as_ref().map(|p| p.total_pages.max(1)))
            .unwrap_or(1)
    };
    let sort_header = move |key: SortKey, label: Msg| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "descending",
            (k, false) if k == key => "ascending",
            _ => "none",
        };
        let arrow = move || match sort.get() {
            (k, true) if k == key => " ↓",
            (k, false) if k == key => " ↑",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    title=tx(match key {
                        SortKey::Id => Msg::SortById,
                        SortKey::CreateTime => Msg::SortByTime,
                    })
                    data-sort=key.field()
                    on:click=move |_| {
                        sort.update(|s| *s = next_sort(*s, key));
                        filter_changed();
                    }
                >
                    {tr(label)}
                    {arrow}
                </button>
            </th>
        }
    };

    let row_view = move |t: TaskInstance| {
        let state = t.derived_state();
        let progress = t.progress();
        let is_mine = mine.with_untracked(|m| m.iter().any(|(id, _)| *id == t.id));
        let name = t.name.clone();
        view! {
            <tr data-testid="task-row" data-task-id=t.id.to_string()>
                <td>
                    <A href=ocp_core::routes::task(t.id)>{t.id}</A>
                    {is_mine.then(|| view! {
                        " "
                        <span class="badge mine" title=tx(Msg::MineTitle)>
                            <span aria-hidden="true">{tr(Msg::Mine)}</span>
                            <span class="sr-only">{tr(Msg::StartedByYou)}</span>
                        </span>
                    })}
                </td>
                <td><A href=ocp_core::routes::task(t.id)>{name}</A></td>
                <td>{t.cluster_label().unwrap_or_default()}</td>
                <td>{t.tenant_label().unwrap_or_default()}</td>
                <td>
                    <span class=format!("state state-{}", state.class())>{let s = state.clone(); move || s.title(i18n::lang())}</span>
                </td>
                <td class="num">{format!("{} / {}", progress.done, progress.total)}</td>
                <td>{t.creator_name().unwrap_or_default()}</td>
                <td>{t.start_time.clone().map(|s| move || datetime(&s, i18n::lang()))}</td>
            </tr>
        }
    };

    // Names of my tasks as rows show them, kept with their ids: a filter hiding them keeps the names.
    Effect::new(move |_| {
        let learned = loader.tasks.with(|ts| {
            let seen: Vec<(i64, &str)> = ts.iter().map(|t| (t.id, t.name.as_str())).collect();
            recent::learn_names(&seen)
        });
        if let Some(list) = learned {
            mine.set(list);
        }
    });
    let recent_links = move || {
        mine.get()
            .into_iter()
            .map(|(id, name)| {
                let label = if name.is_empty() {
                    id.to_string()
                } else {
                    format!("{id} · {name}")
                };
                view! { <li><A href=ocp_core::routes::task(id)>{label}</A></li> }
            })
            .collect_view()
    };

    view! {
        <h1>{tr(Msg::NavTasks)}</h1>
        <ApiErrorBanner error=banner />
        <form
            class="filters"
            on:submit=move |ev| {
                ev.prevent_default();
                apply_name();
                apply_tenant();
            }
        >
            <fieldset class="statuses">
                <legend>{tr(Msg::Status)}</legend>
                {STATUSES
                    .iter()
                    .map(|(value, label)| {
                        let value: &'static str = value;
                        view! {
                            <label>
                                <input
                                    type="checkbox"
                                    name="status"
                                    value=value
                                    prop:checked=move || statuses.with(|s| s.iter().any(|x| x == value))
                                    on:change:target=move |ev| toggle_status(value, ev.target().checked())
                                />
                                {tr(*label)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <ClusterPicker
                id="filter-cluster"
                label=Msg::Cluster
                placeholder=Msg::AllClusters
                clusters=cluster_options
                option_label=cluster_option
                value=cluster
                on_change=move |v: String| {
                    cluster.set(v);
                    filter_changed();
                }
            />
            <div class="field">
                <label for="filter-tenant">{tr(Msg::TenantId)}</label>
                <input
                    id="filter-tenant"
                    name="tenantId"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    prop:value=move || tenant_text.get()
                    aria-invalid=move || tenant_error.get().map(|_| "true")
                    aria-describedby=move || tenant_error.get().map(|_| "filter-tenant-error")
                    on:input:target=move |ev| tenant_text.set(ev.target().value())
                    on:change=move |_| apply_tenant()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            apply_tenant();
                        }
                    }
                />
                <FieldError field_id="filter-tenant" message=tenant_error />
            </div>
            <div class="field">
                <label for="filter-name">{tr(Msg::Name)}</label>
                <input
                    id="filter-name"
                    name="name"
                    type="search"
                    autocomplete="off"
                    prop:value=move || name_text.get()
                    on:input:target=move |ev| on_name_input(ev.target().value())
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            apply_name();
                        }
                    }
                />
            </div>
        </form>
        <div class="table-scroll">
        <table class="tasks">
            <thead>
                <tr>
                    {sort_header(SortKey::Id, Msg::Id)}
                    <th scope="col">{tr(Msg::Name)}</th>
                    <th scope="col">{tr(Msg::Cluster)}</th>
                    <th scope="col">{tr(Msg::Tenant)}</th>
                    <th scope="col">{tr(Msg::State)}</th>
                    <th scope="col">{tr(Msg::Progress)}</th>
                    <th scope="col">{tr(Msg::Creator)}</th>
                    {sort_header(SortKey::CreateTime, Msg::Started)}
                </tr>
            </thead>
            <tbody>{move || {
                let chosen = statuses.get();
                loader.tasks.get().into_iter().filter(|t| keeps(&chosen, t)).map(row_view).collect_view()
            }}</tbody>
        </table>
        </div>
        {move || {
            (loader.loaded.get()
                && statuses.with(|c| loader.tasks.with(|ts| !ts.iter().any(|t| keeps(c, t))))
                && loader.error.with(Option::is_none))
                .then(|| view! { <p class="empty">{tr(Msg::NoTasksMatch)}</p> })
        }}
        <nav class="pager" aria-label=tx(Msg::Pages)>
            <button
                type="button"
                id="prev-page"
                disabled=move || { page.get() <= 1 }
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))
            >
                {tr(Msg::Previous)}
            </button>
            <span data-testid="page-status">
                {move || tf(Msg::PageOf, &[&page.get(), &total_pages()])}
                {move || {
                    loader.page.with(|p| p.as_ref().map(|p| tf(Msg::NTasks, &[&p.total_elements])))
                }}
                {move || statuses.with(|s| filters_on_console(s)).then(|| view! {
                    <span class="muted" data-testid="console-filtered">
                        {tr(Msg::ConsoleFiltered)}
                    </span>
                })}
            </span>
            <button
                type="button"
                id="next-page"
                disabled=move || { page.get() >= total_pages() }
                on:click=move |_| page.update(|p| *p += 1)
            >
                {tr(Msg::Next)}
            </button>
        </nav>
        <section class="recent" aria-labelledby="recent-title">
            <h2 id="recent-title">{tr(Msg::RecentTasks)}</h2>
            {if mine.with_untracked(Vec::is_empty) {
                Either::Left(view! { <p class="empty">{tr(Msg::NoRecent)}</p> })
            } else {
                Either::Right(view! { <ul>{recent_links}</ul> })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_filter() {
        assert_eq!(parse_tenant_filter(" "), Ok(None));
        assert_eq!(parse_tenant_filter("1001"), Ok(Some(1001)));
        assert!(parse_tenant_filter("x").is_err());
    }
}
