//! Ids of the tasks this browser started, kept in local storage (ids only, newest first).

const KEY: &str = "ocp-console.recent-tasks";
const KEEP: usize = 50;

/// Parses the stored list; anything unreadable is skipped.
pub fn parse(raw: &str) -> Vec<i64> {
    raw.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|n: &i64| *n > 0)
        .collect()
}

/// `ids` added in front of `existing`, without duplicates, at most `KEEP`.
pub fn merge(existing: &[i64], ids: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = ids.to_vec();
    out.extend(existing.iter().copied().filter(|id| !ids.contains(id)));
    out.dedup();
    out.truncate(KEEP);
    out
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The tasks this browser started.
pub fn load() -> Vec<i64> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|r| parse(&r))
        .unwrap_or_default()
}

/// Remembers that this browser started `ids`.
pub fn remember(ids: &[i64]) {
    if let Some(s) = storage() {
        let list = merge(&load(), ids);
        let raw: Vec<String> = list.iter().map(i64::to_string).collect();
        let _ = s.set_item(KEY, &raw.join(","));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_puts_new_first_without_duplicates() {
        assert_eq!(merge(&[3, 2, 1], &[4, 2]), vec![4, 2, 3, 1]);
        assert_eq!(parse("5, x,6,-1,"), vec![5, 6]);
        assert_eq!(merge(&(0..100).collect::<Vec<_>>(), &[200]).len(), KEEP);
    }
}
