//! The UI's language in the browser: chosen once (local storage, else the browser's languages), one
//! signal every view reads through `tr`/`tx`/`t`, and what each request's `Accept-Language` says.

use leptos::prelude::*;
use std::fmt::Display;

pub use ocp_core::i18n::{duration, Lang, Msg};

const STORAGE_KEY: &str = "ocp-console.lang";

thread_local! {
    static LANG: ArcRwSignal<Lang> = ArcRwSignal::new(initial());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn initial() -> Lang {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let preferred: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::choose(stored.as_deref(), &preferred)
}

/// The UI language, tracked: a view or memo that reads it runs again after a switch.
pub fn lang() -> Lang {
    LANG.with(|s| s.get())
}

/// The UI language without tracking, for requests and event handlers.
pub fn current() -> Lang {
    LANG.with(|s| s.get_untracked())
}

/// Switches the UI at once (no reload), remembers the choice, and marks the page's language.
pub fn set(l: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, l.tag());
    }
    mark_document(l);
    LANG.with(|s| s.set(l));
}

/// `<html lang>` follows the UI, so screen readers and fonts pick the right language.
pub fn mark_document(l: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", l.tag());
    }
}

/// The message in the UI language, tracked.
pub fn t(m: Msg) -> &'static str {
    lang().text(m)
}

/// The message with `{0}`, `{1}`… filled, in the UI language, tracked.
pub fn tf(m: Msg, args: &[&dyn Display]) -> String {
    lang().fmt(m, args)
}

/// A text node that follows the language. One concrete type for every message, so each use adds no
/// code of its own to the wasm.
pub fn tr(m: Msg) -> impl IntoView {
    tx(m)
}

/// An attribute value (`aria-label`, `title`, `placeholder`) that follows the language.
pub fn tx(m: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(m)
}

thread_local! {
    static DATE_FORMATS: std::cell::RefCell<Vec<(Lang, js_sys::Intl::DateTimeFormat)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn date_format(lang: Lang) -> js_sys::Intl::DateTimeFormat {
    DATE_FORMATS.with(|cache| {
        if let Some((_, f)) = cache.borrow().iter().find(|(l, _)| *l == lang) {
            return f.clone();
        }
        let opts = js_sys::Object::new();
        for (k, v) in [
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
            ("timeZoneName", "short"),
        ] {
            let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
        }
        let _ = js_sys::Reflect::set(&opts, &"hourCycle".into(), &"h23".into());
        let locales = js_sys::Array::of1(&lang.tag().into());
        let f = js_sys::Intl::DateTimeFormat::new(&locales, &opts);
        cache.borrow_mut().push((lang, f.clone()));
        f
    })
}

/// A timestamp in the operator's locale conventions and time zone, with the zone shown
/// ("12/02/2026, 11:54:05 UTC", "2026/12/02 UTC 11:54:05"); as OCP sent it when it does not parse.
pub fn datetime(ts: &ocp_core::model::Timestamp, lang: Lang) -> String {
    let Some(ms) = ts.epoch_ms else {
        return ts.display();
    };
    let date = js_sys::Date::new(&(ms as f64).into());
    date_format(lang)
        .format()
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| ts.display())
}
