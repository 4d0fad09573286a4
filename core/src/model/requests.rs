//! Request bodies of the two operations and the switchover precheck's answer.

use super::ReplicaType;
use serde::{Deserialize, Serialize};

/// One item of the addReplica body (a JSON array, one item per zone).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSpec {
    pub zone_name: String,
    pub replica_type: ReplicaType,
    pub resource_pool: ResourcePoolSpec,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePoolSpec {
    pub unit_spec_name: String,
    pub unit_count: u32,
}

/// `{tenantParamList: [{tenantId, standbyTenantId}, ...]}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchoverRequest {
    pub tenant_param_list: Vec<TenantPair>,
}

/// A primary tenant and its standby; also the body of the single-pair calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantPair {
    pub tenant_id: i64,
    pub standby_tenant_id: i64,
}

/// `switchoverPreCheck`'s answer.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrecheckResult {
    #[serde(default)]
    pub valid: bool,
    #[serde(default)]
    pub tenant_id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub cluster_id: Option<i64>,
    #[serde(default)]
    pub cluster_name: Option<String>,
    #[serde(default)]
    pub standby_check_results: Vec<StandbyCheck>,
    /// The cluster-level precheck's shape: `result {messages, valid}`.
    #[serde(default)]
    pub result: Option<CheckOutcome>,
    #[serde(default)]
    pub messages: Vec<String>,
}

/// One standby's check within a precheck.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandbyCheck {
    #[serde(default)]
    pub tenant_id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub cluster_id: Option<i64>,
    #[serde(default)]
    pub cluster_name: Option<String>,
    #[serde(default)]
    pub valid: bool,
    #[serde(default)]
    pub messages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckOutcome {
    #[serde(default)]
    pub valid: bool,
    #[serde(default)]
    pub messages: Vec<String>,
}

impl PrecheckResult {
    /// Whether the whole precheck passed: its own verdict and every standby's.
    pub fn passed(&self) -> bool {
        let outer = self.result.as_ref().map_or(self.valid, |r| r.valid);
        outer && self.standby_check_results.iter().all(|s| s.valid)
    }

    /// Every reason the precheck gave, for showing next to the pair.
    pub fn reasons(&self) -> Vec<String> {
        let mut out = self.messages.clone();
        if let Some(r) = &self.result {
            out.extend(r.messages.iter().cloned());
        }
        for s in &self.standby_check_results {
            out.extend(s.messages.iter().cloned());
        }
        out
    }
}
