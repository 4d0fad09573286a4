//! The app shell: header with the signed-in user, navigation, routes, and the sign-in dialog.

use crate::alerts::TaskAlerts;
use crate::api::{self, Api};
use crate::hub::{use_hub, Hub};
use crate::i18n::{self, tf, tr, tx, Lang, Msg};
use crate::pages::{
    AddReplicaPage, BatchPage, NotFound, SignInDialog, SignInPage, SwitchoverPage, TaskListPage,
    TaskPage,
};
use crate::session::{self, use_session, Credentials, Session};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::path;
use ocp_core::error::ApiError;
use ocp_core::routes;

/// The path the console is served under, from an absolute `<base href="/console/">` (what Trunk's
/// `--public-url` writes), without the trailing slash; empty at the root.
pub fn base_path() -> String {
    let href = document()
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    base_from_href(&href)
}

/// The router base for a `<base href>` value: only an absolute path counts.
pub fn base_from_href(href: &str) -> String {
    if href.starts_with('/') && !href.starts_with("//") {
        href.trim_end_matches('/').to_string()
    } else {
        String::new()
    }
}

/// The whole console, talking to OCP at `api`.
#[component]
pub fn App(#[prop(optional)] api: Option<Api>) -> impl IntoView {
    let api = api.unwrap_or_else(Api::same_origin);
    provide_context(api.clone());
    i18n::mark_document(i18n::current());
    let session = Session::provide();
    Hub::provide(api.clone());
    leptos::task::spawn_local(async move {
        let result = api::current_user(&api).await;
        if session.user.is_disposed() {
            return;
        }
        match result {
            Ok(u) => session.user.set(
                Some(u.username)
                    .filter(|n| !n.is_empty())
                    .or_else(session::username),
            ),
            Err(ApiError::Unauthorized { .. }) => session.ask_to_sign_in(),
            Err(_) => {}
        }
    });
    let base = base_path();
    if base.is_empty() {
        view! { <Router><Shell /></Router> }.into_any()
    } else {
        view! { <Router base=base><Shell /></Router> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::base_from_href;

    #[test]
    fn base_paths() {
        assert_eq!(base_from_href("/console/"), "/console");
        assert_eq!(base_from_href("/"), "");
        assert_eq!(base_from_href("./"), "");
        assert_eq!(base_from_href("//evil.example/"), "");
    }
}

#[component]
fn Shell() -> impl IntoView {
    let session = use_session();
    let api = expect_context::<Api>();
    let sign_out = move |_| {
        let was_cookie = matches!(session::current(), Some(Credentials::Cookie { .. }));
        session.sign_out();
        if was_cookie {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let _ = api::logout(&api).await;
            });
        }
    };
    view! {
        <header class="topbar">
            <A href=routes::TASKS attr:class="brand">{tr(Msg::AppName)}</A>
            <nav aria-label=tx(Msg::NavMain)>
                <A href=routes::ADD_REPLICA>{tr(Msg::NavAddReplica)}</A>
                <A href=routes::SWITCHOVER>{tr(Msg::NavSwitchover)}</A>
                <A href=routes::TASKS>{tr(Msg::NavTasks)}</A>
            </nav>
            <Indicator />
            <div class="user">
                <LanguagePicker />
                {move || session.user.get().map(|u| view! {
                    <span data-testid="user-name">{u}</span>
                    <button type="button" class="link" data-testid="sign-out" on:click=sign_out.clone()>{tr(Msg::SignOut)}</button>
                })}
            </div>
        </header>
        <main id="main">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path="/tasks" /> } />
                <Route path=path!("/add-replica") view=AddReplicaPage />
                <Route path=path!("/switchover") view=SwitchoverPage />
                <Route path=path!("/tasks") view=TaskListPage />
                <Route path=path!("/tasks/:id") view=TaskPage />
                <Route path=path!("/batch") view=BatchPage />
                <Route path=path!("/sign-in") view=SignInPage />
            </Routes>
        </main>
        <SignInDialog />
        <TaskAlerts />
    }
}

/// Running and failed tasks in OCP, from the shared watcher, each a link to the filtered task list.
#[component]
fn Indicator() -> impl IntoView {
    let Some(hub) = use_hub() else {
        return ().into_any();
    };
    let count = move |failed: bool| {
        let i = hub.indicator.get();
        if failed {
            i.failed
        } else {
            i.running
        }
    };
    let failed_class = move || {
        if count(true) > 0 {
            "ind ind-failed"
        } else {
            "ind"
        }
    };
    view! {
        <div class="indicator" data-testid="indicator">
            <A href=format!("{}?status=RUNNING", routes::TASKS) attr:class="ind ind-running" attr:data-testid="indicator-running">
                <span aria-hidden="true">"↻ "</span>{move || tf(Msg::IndRunning, &[&count(false)])}
                <span class="sr-only">{tr(Msg::IndTasks)}</span>
            </A>
            <A href=format!("{}?status=FAILED", routes::TASKS) attr:class=failed_class
                attr:data-testid="indicator-failed">
                <span aria-hidden="true">"✕ "</span>{move || tf(Msg::IndFailed, &[&count(true)])}
                <span class="sr-only">{tr(Msg::IndTasks)}</span>
            </A>
        </div>
    }
    .into_any()
}

/// The language menu: each language named in itself; the switch keeps everything on the page.
#[component]
fn LanguagePicker() -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(l) = Lang::parse(&event_target_value(&ev)) {
            i18n::set(l);
        }
    };
    view! {
        <select class="lang" aria-label=tx(Msg::Language) data-testid="language" on:change=on_change
            prop:value=move || i18n::lang().tag()>
            {Lang::ALL.iter().map(|l| view! {
                <option value=l.tag() lang=l.tag()>{l.endonym()}</option>
            }).collect::<Vec<_>>()}
        </select>
    }
}
