//! Knowing without looking: watched tasks that fail or finish are announced in a polite live region,
//! counted in the title while the tab is hidden, and, when the operator allowed it, notified.

use crate::hub::use_hub;
use crate::title;
use crate::watch::tab_visible;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use ocp_core::alerts::{describe, task_of};
use ocp_core::routes;
use wasm_bindgen::prelude::*;

/// Whether this browser can notify, and what the operator said: `granted`, `denied`, `default`, or
/// `unsupported`.
pub fn notification_permission() -> String {
    if js_sys::Reflect::has(&window(), &"Notification".into()).unwrap_or(false) {
        match web_sys::Notification::permission() {
            web_sys::NotificationPermission::Granted => "granted",
            web_sys::NotificationPermission::Denied => "denied",
            _ => "default",
        }
        .into()
    } else {
        "unsupported".into()
    }
}

/// Asks for permission (only ever from a button); `done` gets the answer.
pub fn ask_notification_permission(done: impl Fn(String) + 'static) {
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "default".into());
        done(answer);
    });
}

fn notify(text: &str, open: impl Fn() + 'static) {
    if notification_permission() != "granted" {
        return;
    }
    let opts = web_sys::NotificationOptions::new();
    opts.set_body(crate::i18n::current().text(crate::i18n::Msg::AppName));
    if let Ok(n) = web_sys::Notification::new_with_options(text, &opts) {
        let click = Closure::<dyn Fn()>::new(move || {
            let _ = window().focus();
            open();
        });
        n.set_onclick(Some(click.as_ref().unchecked_ref()));
        click.forget();
    }
}

/// The live region and the hidden-tab title badge and notifications, fed by the shared watcher.
#[component]
pub fn TaskAlerts() -> impl IntoView {
    let live = RwSignal::new(String::new());
    if let Some(hub) = use_hub() {
        let navigate = use_navigate();
        Effect::new(move |_| {
            let events = hub.events.get();
            if events.is_empty() {
                return;
            }
            let lang = crate::i18n::current();
            live.set(
                events
                    .iter()
                    .map(|e| describe(e, lang))
                    .collect::<Vec<_>>()
                    .join(lang.text(crate::i18n::Msg::SentenceSeparator)),
            );
            if !tab_visible() {
                for e in &events {
                    title::note_unseen(e);
                    let (navigate, id) = (navigate.clone(), task_of(e));
                    notify(&describe(e, lang), move || {
                        navigate(&routes::task(id), Default::default())
                    });
                }
            }
        });
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if tab_visible() {
                title::clear_unseen();
            }
        });
        on_cleanup(move || handle.remove());
    }
    view! { <div class="sr-only" role="status" aria-live="polite" data-testid="live-status">{move || live.get()}</div> }
}
