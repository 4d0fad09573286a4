//! Clusters, zones, tenants and unit specs: what the forms pick from.

use super::{Creator, ReplicaType, TenantMode};
use serde::{Deserialize, Serialize};

/// One OceanBase cluster (`GET /api/v2/ob/clusters`).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub ob_version: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub zones: Vec<Zone>,
    #[serde(default)]
    pub creator: Option<Creator>,
}

/// A zone of a cluster.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
}

/// A tenant as listed. `tenantRole` and `primaryTenantId` are the simulator's additions; OCP may omit them.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cluster_id: Option<i64>,
    #[serde(default)]
    pub cluster_name: Option<String>,
    #[serde(default)]
    pub mode: Option<TenantMode>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub primary_zone: Option<String>,
    #[serde(default)]
    pub zone_list: Option<String>,
    #[serde(default)]
    pub locality: Option<String>,
    #[serde(default)]
    pub tenant_role: Option<String>,
    #[serde(default)]
    pub primary_tenant_id: Option<i64>,
    #[serde(default)]
    pub ob_version: Option<String>,
}

impl Tenant {
    /// Zone names from `zoneList` ("zone1,zone2" or "zone1;zone2").
    pub fn zone_names(&self) -> Vec<String> {
        self.zone_list
            .as_deref()
            .unwrap_or("")
            .split([',', ';'])
            .map(str::trim)
            .filter(|z| !z.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn is_standby(&self) -> bool {
        self.tenant_role
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("STANDBY"))
    }

    pub fn is_primary(&self) -> bool {
        self.tenant_role
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("PRIMARY"))
    }
}

/// A tenant with its zones and resource pools (`GET .../tenants/{tenantId}`).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantDetail {
    #[serde(flatten)]
    pub tenant: Tenant,
    #[serde(default)]
    pub zones: Vec<TenantZone>,
}

/// One zone of a tenant: where a replica lives.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantZone {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub replica_type: Option<ReplicaType>,
    #[serde(default)]
    pub resource_pool: Option<ResourcePool>,
}

#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePool {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub unit_count: Option<i64>,
    #[serde(default)]
    pub unit_config: Option<UnitConfig>,
}

#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitConfig {
    /// The unit spec's name, when OCP sends it.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub max_cpu_core_count: Option<f64>,
    #[serde(default)]
    pub min_cpu_core_count: Option<f64>,
    #[serde(default)]
    pub max_memory_size: Option<f64>,
    #[serde(default)]
    pub min_memory_size: Option<f64>,
}

/// A unit specification (`GET /api/v2/ob/unitSpecs`).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitSpec {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub max_cpu_core_count: Option<f64>,
    #[serde(default)]
    pub min_cpu_core_count: Option<f64>,
    #[serde(default)]
    pub max_memory_size: Option<f64>,
    #[serde(default)]
    pub min_memory_size: Option<f64>,
}

impl UnitSpec {
    /// "S1 · 1.5 CPU · 6 GB".
    pub fn summary(&self) -> String {
        let mut s = self.name.clone();
        if let Some(c) = self.max_cpu_core_count {
            s.push_str(&format!(" · {c} CPU"));
        }
        if let Some(m) = self.max_memory_size {
            s.push_str(&format!(" · {m} GB"));
        }
        s
    }
}
