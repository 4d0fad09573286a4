//! Batches started from this console, kept in local storage (no secrets: pairs, prechecks, task ids,
//! roles) under their task ids, so the board at `/batch?ids=…` shows them after a reload and exports
//! them as a change record.

use leptos::prelude::*;
use ocp_core::board::BatchRecord;

const PREFIX: &str = "ocp-console.batch.";
/// The newest this many batches are kept.
const KEEP: usize = 20;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}

/// The storage key of a batch: its task ids in ascending order.
fn key(ids: &[i64]) -> String {
    let sorted: Vec<String> =
        ocp_core::sort::by_key(ids, |id| [ocp_core::sort::i64_key(*id), 0, 0])
            .map(i64::to_string)
            .collect();
    format!("{PREFIX}{}", sorted.join(","))
}

fn task_ids(record: &BatchRecord) -> Vec<i64> {
    record.pairs.iter().filter_map(|p| p.task_id).collect()
}

/// The batch whose tasks are `ids`, if this console started it.
pub fn load(ids: &[i64]) -> Option<BatchRecord> {
    let raw = storage()?.get_item(&key(ids)).ok()??;
    serde_json::from_str(&raw).ok()
}

/// Stores `record` under its task ids, dropping the oldest beyond the newest twenty.
pub fn save(record: &BatchRecord) {
    let Some(store) = storage() else {
        return;
    };
    if let Ok(json) = serde_json::to_string(record) {
        let _ = store.set_item(&key(&task_ids(record)), &json);
    }
    let mut stored: Vec<(u64, String)> = (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|k| {
            let raw = store.get_item(&k).ok()??;
            let r: BatchRecord = serde_json::from_str(&raw).ok()?;
            Some((r.started_ms, k))
        })
        .collect();
    stored = ocp_core::sort::by_key(&stored, |(t, _)| [u64::MAX - t, 0, 0])
        .cloned()
        .collect();
    for (_, old) in stored.into_iter().skip(KEEP) {
        let _ = store.remove_item(&old);
    }
}
