//! What the console says when watched tasks change while the operator looks elsewhere: the live
//! region's sentence, the page title's badge, and each page's title.

use crate::watcher::Event;

pub const APP_NAME: &str = "OCP tenant console";

/// "Task 12 failed at “Switch roles”", for the screen-reader live region and notifications.
pub fn describe(event: &Event) -> String {
    match event {
        Event::Failed {
            id,
            step_name: Some(step),
        } => format!("Task {id} failed at “{step}”"),
        Event::Failed { id, .. } => format!("Task {id} failed"),
        Event::Succeeded { id } => format!("Task {id} succeeded"),
        Event::RolledBack { id } => format!("Task {id} rolled back"),
        Event::Finished { id } => format!("Task {id} finished"),
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
    pub fn badge(&self) -> String {
        let mut parts = Vec::new();
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.finished > 0 {
            parts.push(format!("{} finished", self.finished));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("({}) ", parts.join(", "))
        }
    }
}

/// "(1 failed) Task 2000004 · Failed · OCP tenant console".
pub fn document_title(badge: &str, page: &str) -> String {
    if page.is_empty() {
        format!("{badge}{APP_NAME}")
    } else {
        format!("{badge}{page} · {APP_NAME}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_counts_failures_apart_from_other_endings() {
        let mut u = Unseen::default();
        assert_eq!(u.badge(), "");
        u.add(&Event::Failed {
            id: 1,
            step_name: None,
        });
        assert_eq!(
            document_title(&u.badge(), "Batch"),
            "(1 failed) Batch · OCP tenant console"
        );
        u.add(&Event::Succeeded { id: 2 });
        u.add(&Event::RolledBack { id: 3 });
        assert_eq!(u.badge(), "(1 failed, 2 finished) ");
    }

    #[test]
    fn sentences_name_the_task_and_the_failed_step() {
        let e = Event::Failed {
            id: 7,
            step_name: Some("Switch roles".into()),
        };
        assert_eq!(describe(&e), "Task 7 failed at “Switch roles”");
        assert_eq!(task_of(&e), 7);
        assert_eq!(describe(&Event::RolledBack { id: 8 }), "Task 8 rolled back");
        assert_eq!(document_title("", ""), APP_NAME);
    }
}
