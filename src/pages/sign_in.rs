//! Sign in to OCP with HTTP Basic or a session login; shown as a page and over any page that got a 401.

use crate::api::{self, Api};
use crate::components::{required, ApiErrorBanner, Field, FieldInput};
use crate::i18n::{t, tr, Msg};
use crate::session::{self, use_session, Credentials};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use ocp_core::error::ApiError;

async fn sign_in(api: &Api, creds: Credentials, password: String) -> Result<String, ApiError> {
    match &creds {
        Credentials::Basic { .. } => session::set(Some(creds.clone())),
        Credentials::Cookie { username } => {
            session::set(None);
            api::login(api, username, &password).await?;
            session::set(Some(creds.clone()));
        }
    }
    match api::current_user(api).await {
        Ok(u) if !u.username.is_empty() => Ok(u.username),
        Ok(_) => Ok(session::username().unwrap_or_default()),
        Err(e) => {
            session::set(None);
            Err(e)
        }
    }
}

/// The sign-in form. `on_done` runs after a successful sign-in.
#[component]
pub fn SignInForm(#[prop(optional)] on_done: Option<Callback<()>>) -> impl IntoView {
    let api = expect_context::<Api>();
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let method = RwSignal::new("basic".to_string());
    let remember = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let send = Action::new_local(move |(creds, pw): &(Credentials, String)| {
        let api = api.clone();
        let (creds, pw) = (creds.clone(), pw.clone());
        async move { sign_in(&api, creds, pw).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(name)) => {
            if remember.get_untracked() {
                if let Some(c) = session::current() {
                    session::remember_for_tab(&c);
                }
            }
            password.set(String::new());
            error.set(None);
            session.signed_in(name);
            if let Some(cb) = on_done {
                cb.run(());
            }
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let user_error = required(
        attempted,
        move || username.get().trim().is_empty(),
        Msg::EnterUserName,
    );
    let pass_error = required(
        attempted,
        move || password.get().is_empty(),
        Msg::EnterPassword,
    );
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if send.pending().get_untracked()
            || username.get_untracked().trim().is_empty()
            || password.get_untracked().is_empty()
        {
            return;
        }
        let user = username.get_untracked().trim().to_string();
        let pw = password.get_untracked();
        let creds = if method.get_untracked() == "session" {
            Credentials::Cookie { username: user }
        } else {
            Credentials::Basic {
                username: user,
                password: pw.clone(),
            }
        };
        error.set(None);
        send.dispatch_local((creds, pw));
    };
    view! {
        <form class="sign-in" on:submit=on_submit novalidate>
            <Field id="username" label=Msg::UserName error=user_error>
                <FieldInput name="username" autocomplete="username" value=username
                    on_input=move |v| username.set(v) />
            </Field>
            <Field id="password" label=Msg::Password error=pass_error>
                <FieldInput name="password" kind="password" autocomplete="current-password" value=password
                    on_input=move |v| password.set(v) />
            </Field>
            <fieldset class="method">
                <legend>{tr(Msg::SignInWith)}</legend>
                <label><input type="radio" name="method" value="basic" prop:checked=move || method.get() == "basic"
                    on:change=move |_| method.set("basic".into()) />" "{tr(Msg::SignInBasic)}</label>
                <label><input type="radio" name="method" value="session" prop:checked=move || method.get() == "session"
                    on:change=move |_| method.set("session".into()) />" "{tr(Msg::SignInCookie)}</label>
            </fieldset>
            <label class="remember">
                <input id="remember" type="checkbox" prop:checked=move || remember.get()
                    disabled=move || method.get() != "basic"
                    on:change:target=move |ev| remember.set(ev.target().checked()) />
                " "{tr(Msg::RememberTab)}
            </label>
            <ApiErrorBanner error=error unauthorized=true />
            <button type="submit" id="submit" class="primary" disabled=move || send.pending().get()>
                {move || t(if send.pending().get() { Msg::SigningIn } else { Msg::SignIn })}
            </button>
        </form>
    }
}

/// Routed at `/sign-in`; returns to `?next=` afterwards.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let navigate = leptos_router::hooks::use_navigate();
    crate::title::use_page_title(|| t(Msg::SignIn).into());
    let done = Callback::new(move |_| {
        let next = query
            .with_untracked(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//"));
        navigate(
            &next.unwrap_or_else(|| ocp_core::routes::TASKS.into()),
            Default::default(),
        );
    });
    view! {
        <h1>{tr(Msg::SignIn)}</h1>
        <p class="muted">{tr(Msg::SignInLead)}</p>
        <SignInForm on_done=done />
    }
}

/// The sign-in form over the current page, so nothing typed there is lost.
#[component]
pub fn SignInDialog() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.needs_sign_in.get()>
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="sign-in-title">
                    <h2 id="sign-in-title">{tr(Msg::SignInTitle)}</h2>
                    <p class="muted">{tr(Msg::SignInAsked)}</p>
                    <SignInForm />
                </div>
            </div>
        </Show>
    }
}
