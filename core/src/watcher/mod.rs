//! One watcher for every task the console shows: one task-list request per interval updates them
//! all, and detail fetches are rationed by priority, so a batch of any size stays within OCP's limits.

mod event;
mod merge;
mod request;

use event::event_for;
pub use event::Event;
pub use merge::{from_list, infer_operation, merge_list_entry};
pub use request::{Request, FINISHED_PAGE_SIZE, LIST_PAGE_SIZE};

use crate::model::{DerivedState, Page, SubtaskStatus, TaskInstance, TaskStatus};
use merge::ListItem;
use std::collections::BTreeMap;

/// Requests in any 60 s window, whatever the number of watched tasks.
pub const MAX_REQUESTS_PER_MINUTE: usize = 70;
/// A selected running task's detail is refreshed this often; the list colours it every interval.
pub const SELECTED_REFRESH_MS: u64 = 10_000;
const WINDOW_MS: u64 = 60_000;
const MAX_DETAIL_FAILURES: u8 = 3;
/// After [`MAX_DETAIL_FAILURES`] failed reads in a row, a task's detail is tried this seldom.
const GIVEN_UP_RETRY_MS: u64 = 60_000;
/// A request unanswered this long is taken as failed, so a lost answer cannot stall the watcher.
const LOST_MS: u64 = 30_000;

/// Watched tasks by state; a rolled-back task is never counted as successful.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Running, retrying or rolling back.
    pub running: usize,
    pub failed: usize,
    pub successful: usize,
    pub rolled_back: usize,
    /// Not read yet, or a status this console does not know.
    pub unknown: usize,
}

/// The header's badge: every RUNNING and FAILED task in OCP as of the last complete list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Indicator {
    pub running: usize,
    pub failed: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Needs {
    /// Seen leaving the list: its final state is to be read once.
    final_state: bool,
    /// Never seen: a whole cycle after it was watched did not list it.
    first_read: bool,
    /// Its list entry has a subtask the known detail lacks.
    shape: bool,
    /// A finished-tasks query asked since `final_state` or `first_read` was set did not settle it.
    swept: bool,
}

impl Needs {
    fn any(&self) -> bool {
        self.final_state || self.first_read || self.shape
    }
}

#[derive(Clone, Debug, Default)]
struct Entry {
    watched: bool,
    task: Option<TaskInstance>,
    has_detail: bool,
    /// Sequence numbers (see `TaskWatcher::seq`) order watching, requests and answers.
    since_seq: u64,
    detail_seq: u64,
    list_seq: u64,
    detail_ms: Option<u64>,
    needs: Needs,
    failures: u8,
    /// When the last failed detail request was sent.
    failed_ms: Option<u64>,
}

impl Entry {
    fn detail_usable(&self, now_ms: u64) -> bool {
        self.failures < MAX_DETAIL_FAILURES
            || self
                .failed_ms
                .is_some_and(|t| now_ms >= t + GIVEN_UP_RETRY_MS)
    }
}

#[derive(Clone, Debug)]
struct Cycle {
    seq: u64,
    page: u32,
    in_flight: bool,
    asked_ms: u64,
    items: BTreeMap<i64, ListItem>,
}

/// The shared task watcher. The driver, each interval (about 1 s): sends what
/// [`TaskWatcher::next_requests`] returns, feeds every answer back through `apply_list`,
/// `apply_detail` or `apply_error`, and calls `next_requests` again at once after an
/// `apply_list` while [`TaskWatcher::more_pages`] is true. On a 429 it waits (see `poll`).
#[derive(Clone, Debug)]
pub struct TaskWatcher {
    interval_ms: u64,
    entries: BTreeMap<i64, Entry>,
    selected: Option<i64>,
    selected_seq: u64,
    indicator_on: bool,
    seq: u64,
    cycle: Option<Cycle>,
    last_cycle_ms: Option<u64>,
    last_detail_ms: Option<u64>,
    /// Id, sequence number and time of the detail request under way.
    detail_in_flight: Option<(i64, u64, u64)>,
    /// When the finished-tasks query under way was sent.
    sweep_in_flight: Option<u64>,
    /// Issue times of recent requests, and whether each was a detail.
    sent: Vec<(u64, bool)>,
    list: Option<BTreeMap<i64, ListItem>>,
    last_list_ms: Option<u64>,
    revision: u64,
    events: Vec<Event>,
}

impl Default for TaskWatcher {
    fn default() -> Self {
        Self::new(1_000)
    }
}

fn is_open(status: &TaskStatus) -> bool {
    matches!(status, TaskStatus::Running | TaskStatus::Failed)
}

impl TaskWatcher {
    /// `interval_ms` is the driver's poll interval; it paces list cycles and detail fetches.
    pub fn new(interval_ms: u64) -> Self {
        TaskWatcher {
            interval_ms: interval_ms.max(1),
            entries: BTreeMap::new(),
            selected: None,
            selected_seq: 0,
            indicator_on: false,
            seq: 0,
            cycle: None,
            last_cycle_ms: None,
            last_detail_ms: None,
            detail_in_flight: None,
            sweep_in_flight: None,
            sent: Vec::new(),
            list: None,
            last_list_ms: None,
            revision: 0,
            events: Vec::new(),
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn entry_for(&mut self, id: i64) -> &mut Entry {
        let since_seq = if self.entries.contains_key(&id) {
            0
        } else {
            self.next_seq()
        };
        self.entries.entry(id).or_insert_with(|| Entry {
            since_seq,
            ..Default::default()
        })
    }

    pub fn watch(&mut self, id: i64) {
        let e = self.entry_for(id);
        if !e.watched {
            e.watched = true;
            self.revision += 1;
        }
    }

    pub fn watch_many(&mut self, ids: &[i64]) {
        for id in ids {
            self.watch(*id);
        }
    }

    pub fn unwatch(&mut self, id: i64) {
        let selected = self.selected == Some(id);
        if let Some(e) = self.entries.get_mut(&id) {
            if e.watched {
                e.watched = false;
                self.revision += 1;
            }
            if !selected {
                self.entries.remove(&id);
            }
        }
    }

    /// The task the operator opened: read in full at once, then every [`SELECTED_REFRESH_MS`]
    /// while it runs (the list keeps its colours current in between), and whenever its shape
    /// changes. A selected task need not be watched; it is then left out of counts and events.
    pub fn select(&mut self, id: Option<i64>) {
        if self.selected == id {
            return;
        }
        if let Some(old) = self.selected.take() {
            if self.entries.get(&old).is_some_and(|e| !e.watched) {
                self.entries.remove(&old);
            }
        }
        if let Some(id) = id {
            self.entry_for(id).failures = 0;
            self.selected_seq = self.next_seq();
        }
        self.selected = id;
    }

    /// The driver's interval changed (e.g. a hidden tab polls less often).
    pub fn set_interval(&mut self, interval_ms: u64) {
        self.interval_ms = interval_ms.max(1);
    }

    pub fn selected(&self) -> Option<i64> {
        self.selected
    }

    /// Whether the header's indicator is shown: it needs the list even when no watched task runs.
    pub fn set_indicator(&mut self, on: bool) {
        self.indicator_on = on;
    }

    /// The watched ids, ascending.
    pub fn watched_ids(&self) -> Vec<i64> {
        self.entries
            .iter()
            .filter(|(_, e)| e.watched)
            .map(|(id, _)| *id)
            .collect()
    }

    fn tracked(&self, id: i64, e: &Entry) -> bool {
        e.watched || self.selected == Some(id)
    }

    /// Whether a list request is due at all: the indicator is on, or a watched or selected task
    /// may still change (RUNNING, FAILED, or not read yet).
    pub fn list_needed(&self) -> bool {
        self.indicator_on
            || self.entries.iter().any(|(id, e)| {
                self.tracked(*id, e)
                    && e.task
                        .as_ref()
                        .map_or(e.failures < MAX_DETAIL_FAILURES, |t| is_open(&t.status))
            })
    }

    /// A cycle is under way and its next page can be asked for now.
    pub fn more_pages(&self) -> bool {
        self.cycle.as_ref().is_some_and(|c| !c.in_flight)
    }

    /// Whether `id` left the list and its final state is still to be read.
    pub fn awaiting_final(&self, id: i64) -> bool {
        self.entries.get(&id).is_some_and(|e| e.needs.final_state)
    }

    /// The task the one detail fetch goes to: the selected task (not read since selected, or
    /// running and not read for [`SELECTED_REFRESH_MS`]), then tasks that left the list, then
    /// tasks never seen, then tasks whose shape changed; lowest id first within each. A task
    /// whose reads failed three times in a row is tried once a minute.
    pub fn detail_candidate(&self, now_ms: u64) -> Option<i64> {
        let usable = |e: &Entry| e.detail_usable(now_ms);
        if let Some((id, e)) = self
            .selected
            .and_then(|id| self.entries.get(&id).map(|e| (id, e)))
        {
            let stale = e
                .detail_ms
                .is_none_or(|t| now_ms >= t + SELECTED_REFRESH_MS);
            let running = e
                .task
                .as_ref()
                .is_some_and(|t| t.status == TaskStatus::Running);
            if usable(e)
                && (e.detail_seq < self.selected_seq || (running && stale) || e.needs.any())
            {
                return Some(id);
            }
        }
        let watched = || self.entries.iter().filter(|(_, e)| e.watched && usable(e));
        let pick =
            |want: fn(&Needs) -> bool| watched().find(|(_, e)| want(&e.needs)).map(|(id, _)| *id);
        pick(|n| n.final_state)
            .or_else(|| pick(|n| n.first_read))
            .or_else(|| pick(|n| n.shape))
    }

    /// Most detail fetches a 60 s window may hold: what the list's cadence leaves of the budget.
    fn detail_cap(&self) -> usize {
        if self.list_needed() {
            let lists = (WINDOW_MS / self.interval_ms) as usize;
            MAX_REQUESTS_PER_MINUTE.saturating_sub(lists).max(1)
        } else {
            MAX_REQUESTS_PER_MINUTE
        }
    }

    /// What to send now; the returned requests count as sent. At most one list page and one
    /// detail, never more than [`MAX_REQUESTS_PER_MINUTE`] in any 60 s.
    pub fn next_requests(&mut self, now_ms: u64) -> Vec<Request> {
        self.sent.retain(|(t, _)| t + WINDOW_MS > now_ms);
        if let Some(c) = self.cycle.as_ref().filter(|c| c.in_flight) {
            if now_ms >= c.asked_ms + LOST_MS {
                self.apply_error(&Request::List { page: c.page });
            }
        }
        if let Some((id, _, at)) = self.detail_in_flight {
            if now_ms >= at + LOST_MS {
                self.apply_error(&Request::Detail { id });
            }
        }
        if self
            .sweep_in_flight
            .is_some_and(|at| now_ms >= at + LOST_MS)
        {
            self.apply_error(&Request::Finished);
        }
        let mut out = Vec::new();
        let room = |sent: &Vec<(u64, bool)>| sent.len() < MAX_REQUESTS_PER_MINUTE;
        if let Some(c) = self.cycle.as_mut() {
            if !c.in_flight && room(&self.sent) {
                c.in_flight = true;
                c.asked_ms = now_ms;
                out.push(Request::List { page: c.page });
                self.sent.push((now_ms, false));
            }
        } else if self.list_needed()
            && self
                .last_cycle_ms
                .is_none_or(|t| now_ms >= t + self.interval_ms)
            && room(&self.sent)
        {
            let seq = self.next_seq();
            self.cycle = Some(Cycle {
                seq,
                page: 1,
                in_flight: true,
                asked_ms: now_ms,
                items: BTreeMap::new(),
            });
            self.last_cycle_ms = Some(now_ms);
            out.push(Request::List { page: 1 });
            self.sent.push((now_ms, false));
        }
        let details = self.sent.iter().filter(|(_, d)| *d).count();
        let detail_due = self.detail_in_flight.is_none()
            && self.sweep_in_flight.is_none()
            && self
                .last_detail_ms
                .is_none_or(|t| now_ms >= t + self.interval_ms)
            && details < self.detail_cap()
            && room(&self.sent);
        if detail_due {
            let pick = self.detail_candidate(now_ms);
            if pick.is_some() && pick != self.selected && self.unswept(now_ms) >= 2 {
                self.sweep_in_flight = Some(now_ms);
                out.push(Request::Finished);
                self.sent.push((now_ms, true));
            } else if let Some(id) = pick {
                let seq = self.next_seq();
                self.detail_in_flight = Some((id, seq, now_ms));
                self.last_detail_ms = Some(now_ms);
                out.push(Request::Detail { id });
                self.sent.push((now_ms, true));
            }
        }
        out
    }

    /// Folds in page `page_no` of the cycle under way. After its last page, a watched task that
    /// is RUNNING or FAILED here but was not listed has left the list, unless it was watched or
    /// read in detail after the list was asked for.
    pub fn apply_list(&mut self, page_no: u32, page: &Page<TaskInstance>, now_ms: u64) {
        let Some(cycle) = self
            .cycle
            .as_mut()
            .filter(|c| c.page == page_no && c.in_flight)
        else {
            return;
        };
        cycle.in_flight = false;
        let cycle_seq = cycle.seq;
        for item in &page.contents {
            cycle.items.insert(item.id, ListItem::of(item));
        }
        let total = page.page.as_ref().map_or(1, |p| p.total_pages.max(1));
        let last = u64::from(page_no) >= total || page.contents.is_empty();
        if !last {
            cycle.page += 1;
        }
        for item in &page.contents {
            self.merge_entry(item, cycle_seq);
        }
        if last {
            self.last_list_ms = Some(now_ms);
            if let Some(cycle) = self.cycle.take() {
                self.conclude(cycle);
            }
        }
    }

    fn merge_entry(&mut self, item: &TaskInstance, list_seq: u64) {
        let Some(e) = self.entries.get_mut(&item.id) else {
            return;
        };
        if e.detail_seq > list_seq
            || e.task
                .as_ref()
                .is_some_and(|t| t.status == TaskStatus::Successful)
        {
            return;
        }
        let before = e.task.clone();
        match e.task.as_mut() {
            Some(t) if e.has_detail => {
                if merge_list_entry(t, item) {
                    e.needs.shape = true;
                }
            }
            known => {
                let fresh = from_list(known.as_deref(), item);
                e.task = Some(fresh);
            }
        }
        e.list_seq = list_seq;
        e.failures = 0;
        e.needs.final_state = false;
        e.needs.first_read = false;
        let watched = e.watched;
        let after = e.task.clone();
        self.note_change(item.id, watched, before.as_ref(), after.as_ref());
    }

    fn note_change(
        &mut self,
        id: i64,
        watched: bool,
        before: Option<&TaskInstance>,
        after: Option<&TaskInstance>,
    ) {
        if before == after {
            return;
        }
        self.revision += 1;
        if let (true, Some(b), Some(a)) = (watched, before, after) {
            if let Some(ev) = event_for(id, &b.derived_state(), a) {
                self.events.push(ev);
            }
        }
    }

    fn conclude(&mut self, cycle: Cycle) {
        let seq = cycle.seq;
        for (id, e) in self.entries.iter_mut() {
            if cycle.items.contains_key(id) || e.since_seq > seq || e.detail_seq > seq {
                continue;
            }
            match &e.task {
                Some(t) if is_open(&t.status) && !e.needs.final_state => {
                    e.needs.final_state = true;
                    e.needs.swept = false;
                }
                None if !e.needs.first_read => {
                    e.needs.first_read = true;
                    e.needs.swept = false;
                }
                _ => {}
            }
        }
        if self.list.as_ref() != Some(&cycle.items) {
            self.list = Some(cycle.items);
            self.revision += 1;
        }
    }

    /// A task read in full. Answers to this watcher's detail requests, and tasks an operation
    /// returned (e.g. a switchover's), are both welcome; ids neither watched nor selected are ignored.
    pub fn apply_detail(&mut self, task: TaskInstance, now_ms: u64) {
        let issued = match self.detail_in_flight {
            Some((id, seq, _)) if id == task.id => {
                self.detail_in_flight = None;
                seq
            }
            _ => self.next_seq(),
        };
        let id = task.id;
        let Some(e) = self.entries.get_mut(&id) else {
            return;
        };
        let mut fresh = task;
        let reshaped = match e.task.as_ref() {
            Some(newer) if issued < e.list_seq => merge_list_entry(&mut fresh, newer),
            _ => false,
        };
        let before = e.task.replace(fresh);
        e.has_detail = true;
        e.detail_seq = e.detail_seq.max(issued);
        e.detail_ms = Some(now_ms);
        e.needs = Needs {
            shape: reshaped,
            ..Needs::default()
        };
        e.failures = 0;
        let watched = e.watched;
        let after = e.task.clone();
        self.note_change(id, watched, before.as_ref(), after.as_ref());
    }

    /// Watched tasks that left the list or were never seen, not yet looked for among the
    /// finished ones.
    fn unswept(&self, now_ms: u64) -> usize {
        self.entries
            .values()
            .filter(|e| e.watched && e.detail_usable(now_ms) && !e.needs.swept)
            .filter(|e| e.needs.final_state || e.needs.first_read)
            .count()
    }

    fn mark_swept(&mut self) {
        for e in self.entries.values_mut() {
            e.needs.swept = e.needs.final_state || e.needs.first_read;
        }
    }

    /// The answer to [`Request::Finished`]: a tracked task listed SUCCESSFUL with every subtask
    /// SUCCESSFUL has plainly succeeded (a rolled-back one has PENDING steps) and needs no
    /// detail; the others wait for theirs.
    pub fn apply_finished(&mut self, page: &Page<TaskInstance>) {
        self.sweep_in_flight = None;
        for item in &page.contents {
            let succeeded = item.status == TaskStatus::Successful
                && !item.subtasks.is_empty()
                && item
                    .subtasks
                    .iter()
                    .all(|s| s.status == SubtaskStatus::Successful);
            let Some(e) = self.entries.get_mut(&item.id) else {
                continue;
            };
            if !succeeded || e.task.as_ref().is_some_and(|t| !is_open(&t.status)) {
                continue;
            }
            let before = e.task.clone();
            match e.task.as_mut() {
                Some(t) if e.has_detail => {
                    merge_list_entry(t, item);
                }
                known => {
                    let fresh = from_list(known.as_deref(), item);
                    e.task = Some(fresh);
                }
            }
            e.needs = Needs::default();
            let watched = e.watched;
            let after = e.task.clone();
            self.note_change(item.id, watched, before.as_ref(), after.as_ref());
        }
        self.mark_swept();
    }

    /// A request failed. A list cycle is dropped (nothing is concluded from it); a detail is
    /// asked for again later, after three failures in a row only once a minute.
    pub fn apply_error(&mut self, req: &Request) {
        match req {
            Request::List { page } => {
                if self.cycle.as_ref().is_some_and(|c| c.page == *page) {
                    self.cycle = None;
                }
            }
            Request::Finished => {
                self.sweep_in_flight = None;
                self.mark_swept();
            }
            Request::Detail { id } => {
                let sent_ms = match self.detail_in_flight {
                    Some((d, _, at)) if d == *id => {
                        self.detail_in_flight = None;
                        Some(at)
                    }
                    _ => None,
                };
                if let Some(e) = self.entries.get_mut(id) {
                    e.failures = e.failures.saturating_add(1);
                    e.failed_ms = sent_ms.or(e.failed_ms);
                }
            }
        }
    }

    /// The best known view of a watched or selected task: list statuses over detail structure.
    pub fn task(&self, id: i64) -> Option<&TaskInstance> {
        self.entries.get(&id).and_then(|e| e.task.as_ref())
    }

    /// The watched tasks read so far, by id.
    pub fn tasks(&self) -> Vec<&TaskInstance> {
        self.entries
            .values()
            .filter(|e| e.watched)
            .filter_map(|e| e.task.as_ref())
            .collect()
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for e in self.entries.values().filter(|e| e.watched) {
            match e.task.as_ref().map(TaskInstance::derived_state) {
                Some(
                    DerivedState::Running | DerivedState::Retrying | DerivedState::RollingBack,
                ) => c.running += 1,
                Some(DerivedState::Failed) => c.failed += 1,
                Some(DerivedState::Successful) => c.successful += 1,
                Some(DerivedState::RolledBack) => c.rolled_back += 1,
                Some(DerivedState::Other(_)) | None => c.unknown += 1,
            }
        }
        c
    }

    /// Over the whole last complete list, not only the watched tasks; zero before the first one.
    pub fn indicator(&self) -> Indicator {
        let mut i = Indicator::default();
        for item in self.list.iter().flat_map(|l| l.values()) {
            match item.status {
                TaskStatus::Running => i.running += 1,
                TaskStatus::Failed => i.failed += 1,
                _ => {}
            }
        }
        i
    }

    /// The ids in the last complete list (every RUNNING or FAILED task in OCP).
    pub fn listed_ids(&self) -> Vec<i64> {
        self.list.iter().flat_map(|l| l.keys().copied()).collect()
    }

    /// When the last complete list arrived, for "updated 3 s ago".
    pub fn last_list_ms(&self) -> Option<u64> {
        self.last_list_ms
    }

    /// Grows whenever anything shown changed: a watched task, the watched set, or the list's
    /// ids and statuses. A task-list page refetches its own page only when this moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Every watched task is read and neither RUNNING nor FAILED (false when none is watched).
    pub fn all_finished(&self) -> bool {
        let mut watched = self.entries.values().filter(|e| e.watched).peekable();
        watched.peek().is_some()
            && watched.all(|e| e.task.as_ref().is_some_and(|t| !is_open(&t.status)))
    }
}
