//! The tasks this browser started, kept in local storage (id and name when known, newest first), so
//! "My recent tasks" names them whatever the list's filters show.

const KEY: &str = "ocp-console.recent-tasks";
const KEEP: usize = 50;

/// One remembered task: id and name (empty when not known yet).
pub type Recent = (i64, String);

/// Parses the stored list: `[[id, "name"], …]`, or the older `id,id,…`; anything unreadable is skipped.
pub fn parse(raw: &str) -> Vec<Recent> {
    if raw.trim_start().starts_with('[') {
        let items: Vec<serde_json::Value> = serde_json::from_str(raw).unwrap_or_default();
        return items
            .iter()
            .filter_map(|v| {
                let id = v.get(0)?.as_i64().filter(|n| *n > 0)?;
                let name = v.get(1).and_then(|n| n.as_str()).unwrap_or_default();
                Some((id, name.to_string()))
            })
            .collect();
    }
    raw.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|n: &i64| *n > 0)
        .map(|id| (id, String::new()))
        .collect()
}

fn serialise(list: &[Recent]) -> String {
    serde_json::to_string(list).unwrap_or_default()
}

/// `new` in front of `existing`, without duplicates, at most `KEEP`; a name already known stays
/// when the new entry has none.
pub fn merge(existing: &[Recent], new: &[Recent]) -> Vec<Recent> {
    let mut out: Vec<Recent> = Vec::new();
    for (id, name) in new {
        if out.iter().any(|(o, _)| o == id) {
            continue;
        }
        let name = if name.is_empty() {
            existing
                .iter()
                .find(|(e, _)| e == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        } else {
            name.clone()
        };
        out.push((*id, name));
    }
    for e in existing {
        if !out.iter().any(|(o, _)| *o == e.0) {
            out.push(e.clone());
        }
    }
    out.truncate(KEEP);
    out
}

/// `list` with the names `seen` gives its tasks (a task's name may change with the language).
pub fn named(list: &[Recent], seen: &[(i64, &str)]) -> Vec<Recent> {
    list.iter()
        .map(
            |(id, name)| match seen.iter().find(|(s, n)| s == id && !n.is_empty()) {
                Some((_, n)) => (*id, n.to_string()),
                None => (*id, name.clone()),
            },
        )
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The tasks this browser started.
pub fn load() -> Vec<Recent> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|r| parse(&r))
        .unwrap_or_default()
}

/// Remembers that this browser started these tasks.
pub fn remember(tasks: &[Recent]) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &serialise(&merge(&load(), tasks)));
    }
}

/// Stores the names of remembered tasks that a list shows; returns the list when it changed.
pub fn learn_names(seen: &[(i64, &str)]) -> Option<Vec<Recent>> {
    let list = load();
    let next = named(&list, seen);
    if next == list {
        return None;
    }
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &serialise(&next));
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: i64, name: &str) -> Recent {
        (id, name.to_string())
    }

    #[test]
    fn merge_puts_new_first_without_duplicates_and_keeps_names() {
        assert_eq!(
            merge(&[r(3, "c"), r(2, "b"), r(1, "")], &[r(4, "d"), r(2, "")]),
            vec![r(4, "d"), r(2, "b"), r(3, "c"), r(1, "")]
        );
        let many: Vec<Recent> = (0..100).map(|i| r(i + 1, "")).collect();
        assert_eq!(merge(&many, &[r(200, "x")]).len(), KEEP);
    }

    #[test]
    fn names_round_trip_and_the_old_format_still_reads() {
        assert_eq!(parse("5, x,6,-1,"), vec![r(5, ""), r(6, "")]);
        let list = vec![r(7, "Switchover, \"drill\" 1"), r(8, "")];
        assert_eq!(parse(&serialise(&list)), list);
        assert_eq!(
            parse("[[1,\"a\"],[\"x\"],[-2,\"b\"],[3]]"),
            vec![r(1, "a"), r(3, "")]
        );
        assert_eq!(
            named(&list, &[(8, "Add replica"), (7, ""), (9, "other")]),
            vec![r(7, "Switchover, \"drill\" 1"), r(8, "Add replica")]
        );
    }
}
