//! Credentials for OCP: Basic kept in memory (or this tab's session storage when asked), or a login
//! cookie whose `XSRF-TOKEN` is echoed on writes. Never local storage, never the URL.

use base64::Engine;
use std::cell::RefCell;

const TAB_KEY: &str = "ocp-console.basic";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    Basic {
        username: String,
        password: String,
    },
    /// OCP's form login: a `JSESSIONID` cookie the browser sends itself.
    Cookie {
        username: String,
    },
}

thread_local! {
    static CREDENTIALS: RefCell<Option<Credentials>> = const { RefCell::new(None) };
}

pub fn set(creds: Option<Credentials>) {
    CREDENTIALS.with(|c| *c.borrow_mut() = creds);
}

pub fn current() -> Option<Credentials> {
    CREDENTIALS.with(|c| c.borrow().clone())
}

pub fn username() -> Option<String> {
    current().map(|c| match c {
        Credentials::Basic { username, .. } | Credentials::Cookie { username } => username,
    })
}

/// `Basic base64(user:password)` when signed in with Basic.
pub fn authorization_header() -> Option<String> {
    match current()? {
        Credentials::Basic { username, password } => Some(basic_header(&username, &password)),
        Credentials::Cookie { .. } => None,
    }
}

pub fn basic_header(username: &str, password: &str) -> String {
    let raw = format!("{username}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// The `XSRF-TOKEN` cookie's value, if the page can read one.
pub fn xsrf_token() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let html: web_sys::HtmlDocument = wasm_bindgen::JsCast::dyn_into(doc).ok()?;
    cookie_value(&html.cookie().ok()?, "XSRF-TOKEN")
}

/// One cookie's value from a `document.cookie` string.
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name && !v.is_empty()).then(|| v.to_string())
    })
}

/// Keeps Basic credentials for this tab only (session storage), when the user asked to.
pub fn remember_for_tab(creds: &Credentials) {
    if let (Credentials::Basic { username, password }, Some(store)) = (creds, session_storage()) {
        let _ = store.set_item(TAB_KEY, &format!("{username}\n{password}"));
    }
}

/// Restores Basic credentials that this tab kept.
pub fn restore_from_tab() -> Option<Credentials> {
    let raw = session_storage()?.get_item(TAB_KEY).ok()??;
    let (username, password) = raw.split_once('\n')?;
    Some(Credentials::Basic {
        username: username.into(),
        password: password.into(),
    })
}

/// Forgets what this tab kept.
pub fn forget_tab() {
    if let Some(store) = session_storage() {
        let _ = store.remove_item(TAB_KEY);
    }
}

/// Forgets everything: memory and this tab's storage.
pub fn sign_out() {
    set(None);
    forget_tab();
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header_encodes_user_and_password() {
        assert_eq!(basic_header("admin", "pw:x"), "Basic YWRtaW46cHc6eA==");
    }

    #[test]
    fn cookie_lookup() {
        assert_eq!(
            cookie_value("a=1; XSRF-TOKEN=abc; b=2", "XSRF-TOKEN"),
            Some("abc".into())
        );
        assert_eq!(cookie_value("XSRF-TOKENX=1", "XSRF-TOKEN"), None);
        assert_eq!(cookie_value("", "XSRF-TOKEN"), None);
    }
}
