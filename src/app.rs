//! The app shell: header, navigation and routes.

use crate::api::Api;
use crate::pages::{AddReplicaPage, BatchPage, NotFound, SwitchoverPage, TaskListPage, TaskPage};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::path;

/// The whole console, talking to OCP at `api`.
#[component]
pub fn App(#[prop(optional)] api: Option<Api>) -> impl IntoView {
    provide_context(api.unwrap_or_else(Api::same_origin));
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <header class="topbar">
            <A href="/tasks" attr:class="brand">"OCP tenant console"</A>
            <nav aria-label="Main">
                <A href="/add-replica">"Add replica"</A>
                <A href="/switchover">"Switchover"</A>
                <A href="/tasks">"Tasks"</A>
            </nav>
        </header>
        <main id="main">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path="/tasks" /> } />
                <Route path=path!("/add-replica") view=AddReplicaPage />
                <Route path=path!("/switchover") view=SwitchoverPage />
                <Route path=path!("/tasks") view=TaskListPage />
                <Route path=path!("/tasks/:id") view=TaskPage />
                <Route path=path!("/batch") view=BatchPage />
            </Routes>
        </main>
    }
}
