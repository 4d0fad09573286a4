//! The app shell: header with the signed-in user, navigation, routes, and the sign-in dialog.

use crate::api::{self, Api};
use crate::auth;
use crate::pages::{
    AddReplicaPage, BatchPage, NotFound, Session, SignInDialog, SignInPage, SwitchoverPage,
    TaskListPage, TaskPage,
};
use crate::watch::AuthEpoch;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::path;
use ocp_core::error::ApiError;

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
    let session = Session::new();
    provide_context(session);
    provide_context(AuthEpoch(session.epoch));
    auth::on_unauthorized(move || {
        if !session.needs_sign_in.get_untracked() {
            session.needs_sign_in.set(true);
        }
    });
    if let Some(c) = auth::restore_from_tab() {
        auth::set(Some(c));
    }
    leptos::task::spawn_local(async move {
        let result = api::current_user(&api).await;
        if session.user.is_disposed() {
            return;
        }
        match result {
            Ok(u) => session.user.set(
                Some(u.username)
                    .filter(|n| !n.is_empty())
                    .or_else(auth::username),
            ),
            Err(ApiError::Unauthorized { .. }) => session.needs_sign_in.set(true),
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
    let session = expect_context::<Session>();
    let api = expect_context::<Api>();
    let sign_out = move |_| {
        let was_session = matches!(auth::current(), Some(auth::Credentials::Session { .. }));
        auth::sign_out();
        session.user.set(None);
        if was_session {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let _ = api::logout(&api).await;
            });
        }
        session.needs_sign_in.set(true);
    };
    view! {
        <header class="topbar">
            <A href="/tasks" attr:class="brand">"OCP tenant console"</A>
            <nav aria-label="Main">
                <A href="/add-replica">"Add replica"</A>
                <A href="/switchover">"Switchover"</A>
                <A href="/tasks">"Tasks"</A>
            </nav>
            <div class="user">
                {move || session.user.get().map(|u| view! {
                    <span data-testid="user-name">{u}</span>
                    <button type="button" class="link" data-testid="sign-out" on:click=sign_out.clone()>"Sign out"</button>
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
    }
}
