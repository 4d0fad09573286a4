//! Batches started from this console, kept in local storage (no secrets: pairs, prechecks, task ids,
//! roles) so the board can show them after a reload and export them as a change record.

use leptos::prelude::*;
use ocp_core::board::BatchRecord;

const PREFIX: &str = "ocp-console.batch.";
/// The newest this many batches are kept.
const KEEP: usize = 20;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}

/// The batch stored under `key` (its start time in ms).
pub fn load(key: u64) -> Option<BatchRecord> {
    let raw = storage()?.get_item(&format!("{PREFIX}{key}")).ok()??;
    serde_json::from_str(&raw).ok()
}

/// Stores `record` under its start time, dropping the oldest beyond the newest twenty.
pub fn save(record: &BatchRecord) {
    let Some(store) = storage() else {
        return;
    };
    if let Ok(json) = serde_json::to_string(record) {
        let _ = store.set_item(&format!("{PREFIX}{}", record.started_ms), &json);
    }
    let mut keys: Vec<u64> = (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX).and_then(|n| n.parse().ok()))
        .collect();
    keys = ocp_core::sort::by_key(&keys, |k| [u64::MAX - k, 0, 0])
        .copied()
        .collect();
    for old in keys.into_iter().skip(KEEP) {
        let _ = store.remove_item(&format!("{PREFIX}{old}"));
    }
}
