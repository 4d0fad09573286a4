//! State changes of watched tasks, for title badges, notifications and a live region.

use crate::model::{DerivedState, TaskInstance};

/// A watched task changed state. Exactly one event per change; none for the first sighting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Failed at `step_name` (the first FAILED subtask by id, when known).
    Failed {
        id: i64,
        step_name: Option<String>,
    },
    Succeeded {
        id: i64,
    },
    RolledBack {
        id: i64,
    },
    /// Stopped running with a status this console does not know.
    Finished {
        id: i64,
    },
}

pub(super) fn event_for(id: i64, before: &DerivedState, task: &TaskInstance) -> Option<Event> {
    let now = task.derived_state();
    if &now == before {
        return None;
    }
    match now {
        DerivedState::Failed => {
            let step = task.current_step();
            let step_name = task
                .subtasks
                .iter()
                .find(|s| Some(s.id) == step)
                .map(|s| s.name.clone());
            Some(Event::Failed { id, step_name })
        }
        DerivedState::Successful => Some(Event::Succeeded { id }),
        DerivedState::RolledBack => Some(Event::RolledBack { id }),
        DerivedState::Other(_) if !before.is_finished() => Some(Event::Finished { id }),
        _ => None,
    }
}
