//! What the console says when watched tasks change while the operator looks elsewhere: the live
//! region's sentence, the page title's badge, and each page's title.

use crate::i18n::{Lang, Msg};
use crate::watcher::Event;

/// "Task 12 failed at “Switch roles”", for the screen-reader live region and notifications.
pub fn describe(event: &Event, lang: Lang) -> String {
    match event {
        Event::Failed {
            id,
            step_name: Some(step),
        } => lang.fmt(Msg::AlertFailedAt, &[id, step]),
        Event::Failed { id, .. } => lang.fmt(Msg::AlertFailed, &[id]),
        Event::Succeeded { id } => lang.fmt(Msg::AlertSucceeded, &[id]),
        Event::RolledBack { id } => lang.fmt(Msg::AlertRolledBack, &[id]),
        Event::Finished { id } => lang.fmt(Msg::AlertFinished, &[id]),
    }
}

/// The task an event is about.
pub fn task_of(event: &Event) -> i64 {
    match event {
        Event::Failed { id, .. }
        | Event::Succeeded { id }
        | Event::RolledBack { id }
        | Event::Finished { id } => *id,
    }
}

/// Changes seen while the tab was hidden, counted for the title badge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unseen {
    pub failed: usize,
    pub finished: usize,
}

impl Unseen {
    pub fn add(&mut self, event: &Event) {
        match event {
            Event::Failed { .. } => self.failed += 1,
            _ => self.finished += 1,
        }
    }

    /// "(1 failed, 2 finished) ", or nothing when nothing changed.
    pub fn badge(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if self.failed > 0 {
            parts.push(lang.fmt(Msg::BadgeFailed, &[&self.failed]));
        }
        if self.finished > 0 {
            parts.push(lang.fmt(Msg::BadgeFinished, &[&self.finished]));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("({}) ", parts.join(lang.text(Msg::ListSeparator)))
        }
    }
}

/// "(1 failed) Task 2000004 · Failed · OCP tenant console".
pub fn document_title(badge: &str, page: &str, lang: Lang) -> String {
    let app = lang.text(Msg::AppName);
    if page.is_empty() {
        format!("{badge}{app}")
    } else {
        format!("{badge}{page} · {app}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_counts_failures_apart_from_other_endings() {
        let mut u = Unseen::default();
        assert_eq!(u.badge(Lang::En), "");
        u.add(&Event::Failed {
            id: 1,
            step_name: None,
        });
        assert_eq!(
            document_title(&u.badge(Lang::En), "Batch", Lang::En),
            "(1 failed) Batch · OCP tenant console"
        );
        u.add(&Event::Succeeded { id: 2 });
        u.add(&Event::RolledBack { id: 3 });
        assert_eq!(u.badge(Lang::En), "(1 failed, 2 finished) ");
        assert_eq!(u.badge(Lang::Zh), "(1 个失败，2 个结束) ");
        assert_eq!(
            document_title(&u.badge(Lang::Zh), "批量", Lang::Zh),
            "(1 个失败，2 个结束) 批量 · OCP 租户控制台"
        );
    }

    #[test]
    fn sentences_name_the_task_and_the_failed_step() {
        let e = Event::Failed {
            id: 7,
            step_name: Some("Switch roles".into()),
        };
        assert_eq!(describe(&e, Lang::En), "Task 7 failed at “Switch roles”");
        assert_eq!(task_of(&e), 7);
        assert_eq!(
            describe(&Event::RolledBack { id: 8 }, Lang::En),
            "Task 8 rolled back"
        );
        assert_eq!(describe(&e, Lang::Zh), "任务 7 在“Switch roles”失败");
        assert_eq!(document_title("", "", Lang::En), "OCP tenant console");
    }
}
