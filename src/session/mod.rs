//! The signed-in session behind one `use_session()`: credentials, the signed-in user, the sign-in
//! counter that resources and pollers follow, and what a 401 does.

pub mod credentials;

pub use credentials::{
    authorization_header, basic_header, cookie_value, current, forget_tab, remember_for_tab,
    restore_from_tab, set, sign_out, username, xsrf_token, Credentials,
};
use leptos::prelude::*;
use std::cell::RefCell;
use std::future::Future;

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Who is signed in, as the header shows it; `needs_sign_in` opens the sign-in dialog; `epoch` counts
/// sign-ins.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<String>>,
    pub needs_sign_in: RwSignal<bool>,
    pub epoch: RwSignal<u32>,
}

impl Session {
    fn new() -> Self {
        Session {
            user: RwSignal::new(None),
            needs_sign_in: RwSignal::new(false),
            epoch: RwSignal::new(0),
        }
    }

    /// The app's session: restores this tab's credentials, provides the context, and opens the sign-in
    /// dialog (once) when a request answers 401.
    pub fn provide() -> Self {
        let session = Session::new();
        provide_context(session);
        if let Some(c) = restore_from_tab() {
            credentials::set(Some(c));
        }
        ON_UNAUTHORIZED.with(|h| {
            *h.borrow_mut() = Some(Box::new(move || session.ask_to_sign_in()));
        });
        session
    }

    pub fn ask_to_sign_in(&self) {
        if !self.needs_sign_in.get_untracked() {
            self.needs_sign_in.set(true);
        }
    }

    /// After a successful sign-in: shows the user, closes the dialog, and wakes sign-in-aware reads.
    pub fn signed_in(&self, name: String) {
        self.user.set(Some(name));
        self.needs_sign_in.set(false);
        self.epoch.update(|e| *e += 1);
    }

    /// Forgets the credentials (memory and this tab's storage) and asks to sign in again.
    pub fn sign_out(&self) {
        credentials::set(None);
        credentials::forget_tab();
        self.user.set(None);
        self.needs_sign_in.set(true);
    }
}

/// The app's session; a component mounted alone (in a browser test) gets a detached one.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(Session::new)
}

/// Called by the API client when OCP answers 401 to the current credentials.
pub fn notify_unauthorized() {
    ON_UNAUTHORIZED.with(|h| {
        if let Some(f) = h.borrow().as_ref() {
            f();
        }
    });
}

/// A `LocalResource` that also runs again after each sign-in, so a read refused with 401 is fetched
/// again without touching anything the user typed.
pub fn resource<T, Fut>(fetcher: impl Fn() -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let epoch = use_context::<Session>().map(|s| s.epoch);
    LocalResource::new(move || {
        if let Some(e) = epoch {
            e.track();
        }
        fetcher()
    })
}
