//! The task list's state in its own address (`/tasks?status=FAILED&name=switch&sort=id,asc&page=2`):
//! filters, sort and page, so going back from a task finds the list as it was left. Defaults are
//! left out of the link; anything unreadable falls back to its default.

/// The columns the list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Id,
    CreateTime,
}

impl SortKey {
    /// OCP's field name, also the link's.
    pub fn field(self) -> &'static str {
        match self {
            SortKey::Id => "id",
            SortKey::CreateTime => "createTime",
        }
    }
}

/// A column header click: the same column flips the direction, another starts descending.
pub fn next_sort(current: (SortKey, bool), clicked: SortKey) -> (SortKey, bool) {
    if current.0 == clicked {
        (clicked, !current.1)
    } else {
        (clicked, true)
    }
}

/// What the list shows: the chosen states (see `task_filter::STATES`), cluster, tenant, name,
/// sort (key, descending) and page (from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListParams {
    pub statuses: Vec<String>,
    pub cluster: Option<i64>,
    pub tenant: Option<i64>,
    pub name: String,
    pub sort: (SortKey, bool),
    pub page: u64,
}

impl Default for ListParams {
    fn default() -> Self {
        ListParams {
            statuses: Vec::new(),
            cluster: None,
            tenant: None,
            name: String::new(),
            sort: (SortKey::Id, true),
            page: 1,
        }
    }
}

fn positive(v: &str) -> Option<i64> {
    v.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

impl ListParams {
    /// Reads a query string (`?` optional, percent and `+` decoded, unknown keys ignored).
    pub fn from_query(search: &str) -> ListParams {
        let mut p = ListParams::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "status" => {
                    p.statuses = Vec::new();
                    for s in v.split(',').map(|s| s.trim().to_ascii_uppercase()) {
                        if !s.is_empty() && !p.statuses.contains(&s) {
                            p.statuses.push(s);
                        }
                    }
                }
                "cluster" => p.cluster = positive(&v),
                "tenant" => p.tenant = positive(&v),
                "name" => p.name = v.trim().to_string(),
                "sort" => {
                    let (field, dir) = v.split_once(',').unwrap_or((&v, "desc"));
                    let key = match field {
                        "id" => Some(SortKey::Id),
                        "createTime" => Some(SortKey::CreateTime),
                        _ => None,
                    };
                    if let Some(key) = key {
                        p.sort = (key, dir != "asc");
                    }
                }
                "page" => p.page = v.trim().parse::<u64>().ok().filter(|n| *n > 0).unwrap_or(1),
                _ => {}
            }
        }
        p
    }

    /// The query string without `?`, defaults left out (empty when everything is default).
    pub fn to_query(&self) -> String {
        let mut q: Vec<String> = Vec::new();
        if !self.statuses.is_empty() {
            q.push(format!("status={}", encode(&self.statuses.join(","))));
        }
        if let Some(c) = self.cluster {
            q.push(format!("cluster={c}"));
        }
        if let Some(t) = self.tenant {
            q.push(format!("tenant={t}"));
        }
        if !self.name.trim().is_empty() {
            q.push(format!("name={}", encode(self.name.trim())));
        }
        if self.sort != (SortKey::Id, true) {
            let dir = if self.sort.1 { "desc" } else { "asc" };
            q.push(format!("sort={},{dir}", self.sort.0.field()));
        }
        if self.page > 1 {
            q.push(format!("page={}", self.page));
        }
        q.join("&")
    }
}

/// Percent-encodes a query value (unreserved characters and `,` stay).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes a query value: `%XY` escapes (bad ones kept as they are) and `+` as a space.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_leave_the_link_empty() {
        assert_eq!(ListParams::default().to_query(), "");
        assert_eq!(ListParams::from_query(""), ListParams::default());
        assert_eq!(ListParams::from_query("?"), ListParams::default());
    }

    #[test]
    fn every_filter_sort_and_page_round_trip() {
        let p = ListParams {
            statuses: vec!["FAILED".into(), "ROLLED_BACK".into()],
            cluster: Some(3),
            tenant: Some(1001),
            name: "switch over & 切换".into(),
            sort: (SortKey::CreateTime, false),
            page: 4,
        };
        let q = p.to_query();
        assert_eq!(
            q,
            "status=FAILED,ROLLED_BACK&cluster=3&tenant=1001&name=switch%20over%20%26%20%E5%88%87%E6%8D%A2&sort=createTime,asc&page=4"
        );
        assert_eq!(ListParams::from_query(&q), p);
        assert_eq!(ListParams::from_query(&format!("?{q}")), p);
        let ids_down = ListParams {
            sort: (SortKey::Id, false),
            ..ListParams::default()
        };
        assert_eq!(ListParams::from_query(&ids_down.to_query()), ids_down);
    }

    #[test]
    fn the_header_links_and_junk_still_read() {
        let p = ListParams::from_query("status=running,%20failed,RUNNING");
        assert_eq!(p.statuses, vec!["RUNNING", "FAILED"]);
        let p =
            ListParams::from_query("page=0&cluster=x&tenant=-4&sort=bogus,asc&name=a+b&x=1&name");
        assert_eq!(p.page, 1);
        assert_eq!(p.cluster, None);
        assert_eq!(p.tenant, None);
        assert_eq!(p.sort, (SortKey::Id, true));
        assert_eq!(p.name, "");
        assert_eq!(ListParams::from_query("name=a+b%2").name, "a b%2");
        assert_eq!(
            ListParams::from_query("sort=createTime").sort,
            (SortKey::CreateTime, true)
        );
    }

    #[test]
    fn sort_toggles_on_the_same_column() {
        assert_eq!(
            next_sort((SortKey::Id, true), SortKey::Id),
            (SortKey::Id, false)
        );
        assert_eq!(
            next_sort((SortKey::Id, false), SortKey::CreateTime),
            (SortKey::CreateTime, true)
        );
    }
}
