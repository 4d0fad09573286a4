//! The console's own paths, built in one place (relative to the router's base).

pub const TASKS: &str = "/tasks";
pub const ADD_REPLICA: &str = "/add-replica";
pub const SWITCHOVER: &str = "/switchover";
pub const BATCH: &str = "/batch";
pub const SIGN_IN: &str = "/sign-in";

/// One task's page.
pub fn task(id: i64) -> String {
    format!("{TASKS}/{id}")
}

/// The batch board for these tasks.
pub fn batch(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{BATCH}?ids={}", ids.join(","))
}

/// Where a form goes once OCP created these tasks: the task itself when there is one, else the board.
pub fn after_submit(ids: &[i64]) -> String {
    match ids {
        [] => TASKS.into(),
        [one] => task(*one),
        many => batch(many),
    }
}

/// The task ids of a board link's `ids=1,2,3`, skipping what is not an id.
pub fn parse_ids(raw: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = Vec::new();
    for id in raw.split(',').filter_map(|s| s.trim().parse::<i64>().ok()) {
        if id > 0 && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(task(7), "/tasks/7");
        assert_eq!(after_submit(&[]), "/tasks");
        assert_eq!(after_submit(&[7]), "/tasks/7");
        assert_eq!(after_submit(&[7, 8]), "/batch?ids=7,8");
    }

    #[test]
    fn board_ids_round_trip_and_skip_junk() {
        let ids = [3, 1, 2];
        let link = batch(&ids);
        assert_eq!(parse_ids(link.split_once("ids=").unwrap().1), ids);
        assert_eq!(parse_ids("5, x,5,-1,,6"), vec![5, 6]);
    }
}
