//! The request log tests count: `/api/` requests per method and route pattern
//! (`GET /api/v2/tasks/instances/{id}`) and how many were answered 429.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RequestLog {
    pub counts: BTreeMap<String, u64>,
    pub total: u64,
    pub rate_limited: u64,
}

impl RequestLog {
    /// Records one answered request; `pattern` is the matched route, or the raw path when none matched.
    pub fn record(&mut self, method: &str, pattern: &str, status: u16) {
        *self
            .counts
            .entry(format!("{method} {pattern}"))
            .or_default() += 1;
        self.total += 1;
        if status == 429 {
            self.rate_limited += 1;
        }
    }

    pub fn count(&self, key: &str) -> u64 {
        self.counts.get(key).copied().unwrap_or(0)
    }
}
