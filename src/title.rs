//! The document title: each page names itself, and a badge counts what changed while the tab was
//! hidden.

use leptos::prelude::*;
use ocp_core::alerts::{document_title, Unseen};
use std::cell::RefCell;

thread_local! {
    static TITLE: RefCell<(String, Unseen)> = RefCell::new((String::new(), Unseen::default()));
}

fn apply() {
    TITLE.with(|t| {
        let (page, unseen) = &*t.borrow();
        let lang = crate::i18n::current();
        document().set_title(&document_title(&unseen.badge(lang), page, lang));
    });
}

/// Names the current page in the title for as long as the calling component lives; `title` is
/// tracked, so "Task 7 · Failed" follows the task and the language.
pub fn use_page_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        crate::i18n::lang();
        let page = title();
        TITLE.with(|t| t.borrow_mut().0 = page);
        apply();
    });
}

/// Counts a change seen while hidden into the badge.
pub fn note_unseen(event: &ocp_core::watcher::Event) {
    TITLE.with(|t| t.borrow_mut().1.add(event));
    apply();
}

/// The operator is looking again: the badge goes.
pub fn clear_unseen() {
    TITLE.with(|t| t.borrow_mut().1 = Unseen::default());
    apply();
}
