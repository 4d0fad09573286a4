//! The simulated estate: OceanBase clusters with zones, tenants with replicas and primary/standby
//! links, and unit specs, plus their OCP JSON shapes. Loadable from a JSON file shaped like [`World`].
//!
//! Default world (ids are stable):
//! - cluster 1 `obcluster-hz` (obClusterId 101, 4.2.1.0), zones zone1..zone4
//! - cluster 2 `obcluster-sh` (obClusterId 102, 4.2.1.0), zones zone1..zone3
//! - cluster 3 `obcluster-legacy` (obClusterId 103, 4.1.0.2, FULL replicas only), zones zone1..zone5
//! - tenants in cluster 1: 1001 `mysql_app` (MYSQL, PRIMARY, zone1+zone2, S2),
//!   1002 `oracle_crm` (ORACLE, PRIMARY, zone1..zone3, S4), 1003 `oracle_crm_sb` (ORACLE, STANDBY of 1002,
//!   zone3+zone4, S4), 1004 `mysql_orders` (MYSQL, PRIMARY, zone1..zone3, S1),
//!   1005 `mysql_report` (MYSQL, PRIMARY, no standby, zone2+zone3, S1)
//! - tenants in cluster 2: 1101 `mysql_app_dr` (STANDBY of 1001, zone1+zone2, S2),
//!   1102 `mysql_orders_sb` (STANDBY of 1004, zone1..zone3, S1), 1103 `oracle_hr` (ORACLE, PRIMARY, zone1..zone3, S2)
//! - tenants in cluster 3: 1201 `oracle_hr_sb` (STANDBY of 1103, zone1..zone3, S2),
//!   1202 `mysql_legacy` (MYSQL, PRIMARY, zone1..zone3, S1)
//! - a `sys` tenant in every cluster (1000, 1100, 1200; obTenantId 1): never switched over
//! - unit specs: 1 S1, 2 S2, 3 S4, 4 S8 (SYSTEM), 1000001 C1 (CUSTOM)
//!
//! Pairs: 1002/1003 within cluster 1; 1001/1101 and 1004/1102 across clusters 1 and 2 (so a batch
//! switchover of two pairs on cluster 1 works); 1103/1201 across clusters 2 and 3.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct World {
    pub clusters: Vec<Cluster>,
    pub tenants: Vec<Tenant>,
    pub unit_specs: Vec<UnitSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    pub id: u64,
    pub name: String,
    pub ob_cluster_id: u64,
    pub ob_version: String,
    /// PRIMARY or STANDBY (the cluster of a drill's standby tenants).
    #[serde(rename = "type", default = "primary")]
    pub kind: String,
    pub zones: Vec<Zone>,
}

fn primary() -> String {
    "PRIMARY".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    pub name: String,
    pub idc_name: String,
    pub region_name: String,
    pub servers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: u64,
    pub cluster_id: u64,
    pub name: String,
    pub mode: String,
    pub ob_tenant_id: u64,
    #[serde(default = "normal")]
    pub status: String,
    pub tenant_role: String,
    #[serde(default)]
    pub primary_tenant_id: Option<u64>,
    pub replicas: Vec<Replica>,
    /// OceanBase's `primary_zone` (`zone1;zone2,zone3`); absent means every replica zone, `;`-joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_zone: Option<String>,
    /// How far a standby's log sync lags, in seconds; above 0 the switchover pre-check fails.
    #[serde(default)]
    pub lag_seconds: u64,
}

fn normal() -> String {
    "NORMAL".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Replica {
    pub zone_name: String,
    pub replica_type: String,
    pub unit_spec_name: String,
    pub unit_count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitSpec {
    pub id: u64,
    pub name: String,
    pub max_cpu_core_count: f64,
    pub min_cpu_core_count: f64,
    pub max_memory_size: u64,
    pub min_memory_size: u64,
    #[serde(rename = "type")]
    pub kind: String,
}

const CREATE_TIME: &str = "2024-05-20T10:00:00+08:00";

pub fn cluster(id: u64, name: &str, version: &str, zones: usize) -> Cluster {
    let regions = ["hangzhou", "shanghai", "beijing"];
    Cluster {
        id,
        name: name.into(),
        ob_cluster_id: 100 + id,
        ob_version: version.into(),
        kind: primary(),
        zones: (1..=zones)
            .map(|z| Zone {
                name: format!("zone{z}"),
                idc_name: format!("idc{z}"),
                region_name: regions[(id as usize - 1) % regions.len()].into(),
                servers: vec![format!("10.{id}.{z}.11"), format!("10.{id}.{z}.12")],
            })
            .collect(),
    }
}

pub fn tenant(
    id: u64,
    cluster_id: u64,
    name: &str,
    mode: &str,
    primary_of: Option<u64>,
    zones: &[&str],
    spec: &str,
) -> Tenant {
    Tenant {
        id,
        cluster_id,
        name: name.into(),
        mode: mode.into(),
        ob_tenant_id: id % 1000 + 1000,
        status: normal(),
        tenant_role: if primary_of.is_some() {
            "STANDBY"
        } else {
            "PRIMARY"
        }
        .into(),
        primary_tenant_id: primary_of,
        replicas: zones
            .iter()
            .map(|z| Replica {
                zone_name: (*z).into(),
                replica_type: "FULL".into(),
                unit_spec_name: spec.into(),
                unit_count: 1,
            })
            .collect(),
        primary_zone: None,
        lag_seconds: 0,
    }
}

/// The `sys` tenant of a cluster: a replica in each of its zones.
pub fn sys_tenant(id: u64, c: &Cluster) -> Tenant {
    let zones: Vec<&str> = c.zones.iter().map(|z| z.name.as_str()).collect();
    Tenant {
        ob_tenant_id: 1,
        ..tenant(id, c.id, "sys", "MYSQL", None, &zones, "S1")
    }
}

fn spec(id: u64, name: &str, cpu: f64, mem: u64, kind: &str) -> UnitSpec {
    UnitSpec {
        id,
        name: name.into(),
        max_cpu_core_count: cpu,
        min_cpu_core_count: cpu,
        max_memory_size: mem,
        min_memory_size: mem,
        kind: kind.into(),
    }
}

impl Default for World {
    fn default() -> Self {
        let z12 = ["zone1", "zone2"];
        let z123 = ["zone1", "zone2", "zone3"];
        let clusters = vec![
            cluster(1, "obcluster-hz", "4.2.1.0", 4),
            cluster(2, "obcluster-sh", "4.2.1.0", 3),
            cluster(3, "obcluster-legacy", "4.1.0.2", 5),
        ];
        World {
            tenants: vec![
                sys_tenant(1000, &clusters[0]),
                sys_tenant(1100, &clusters[1]),
                sys_tenant(1200, &clusters[2]),
                tenant(1001, 1, "mysql_app", "MYSQL", None, &z12, "S2"),
                tenant(1002, 1, "oracle_crm", "ORACLE", None, &z123, "S4"),
                tenant(
                    1003,
                    1,
                    "oracle_crm_sb",
                    "ORACLE",
                    Some(1002),
                    &["zone3", "zone4"],
                    "S4",
                ),
                tenant(1004, 1, "mysql_orders", "MYSQL", None, &z123, "S1"),
                tenant(
                    1005,
                    1,
                    "mysql_report",
                    "MYSQL",
                    None,
                    &["zone2", "zone3"],
                    "S1",
                ),
                tenant(1101, 2, "mysql_app_dr", "MYSQL", Some(1001), &z12, "S2"),
                tenant(1102, 2, "mysql_orders_sb", "MYSQL", Some(1004), &z123, "S1"),
                tenant(1103, 2, "oracle_hr", "ORACLE", None, &z123, "S2"),
                tenant(1201, 3, "oracle_hr_sb", "ORACLE", Some(1103), &z123, "S2"),
                tenant(1202, 3, "mysql_legacy", "MYSQL", None, &z123, "S1"),
            ],
            unit_specs: vec![
                spec(1, "S1", 1.0, 4, "SYSTEM"),
                spec(2, "S2", 2.0, 8, "SYSTEM"),
                spec(3, "S4", 4.0, 16, "SYSTEM"),
                spec(4, "S8", 8.0, 32, "SYSTEM"),
                spec(1_000_001, "C1", 1.5, 6, "CUSTOM"),
            ],
            clusters,
        }
    }
}

impl World {
    pub fn cluster(&self, id: u64) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.id == id)
    }
    pub fn tenant(&self, id: u64) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.id == id)
    }
    pub fn tenant_mut(&mut self, id: u64) -> Option<&mut Tenant> {
        self.tenants.iter_mut().find(|t| t.id == id)
    }
    pub fn is_sys(t: &Tenant) -> bool {
        t.ob_tenant_id == 1 || t.name == "sys"
    }
    pub fn spec(&self, name: &str) -> Option<&UnitSpec> {
        self.unit_specs.iter().find(|s| s.name == name)
    }

    fn server_id(cluster: &Cluster, zone_idx: usize, server_idx: usize) -> u64 {
        cluster.id * 10_000 + (zone_idx as u64 + 1) * 100 + server_idx as u64 + 1
    }

    pub fn cluster_json(&self, c: &Cluster) -> Value {
        let servers: usize = c.zones.iter().map(|z| z.servers.len()).sum();
        let mut regions: Vec<&str> = c.zones.iter().map(|z| z.region_name.as_str()).collect();
        regions.dedup();
        let leader = c
            .zones
            .first()
            .and_then(|z| z.servers.first())
            .cloned()
            .unwrap_or_default();
        json!({
            "createTime": CREATE_TIME,
            "creator": "admin",
            "id": c.id,
            "name": c.name,
            "obClusterId": c.ob_cluster_id,
            "obVersion": c.ob_version,
            "regionCount": regions.len(),
            "rootServers": [{"address": format!("{leader}:2882"), "role": "LEADER", "sql_port": 2881}],
            "serverCount": servers,
            "standbyClusters": [],
            "status": "RUNNING",
            "tenantCount": self.tenants.iter().filter(|t| t.cluster_id == c.id).count(),
            "type": c.kind,
            "zones": c.zones.iter().enumerate().map(|(i, z)| json!({
                "idcId": i + 1,
                "idcName": z.idc_name,
                "innerStatus": "ACTIVE",
                "name": z.name,
                "operateStatus": "NORMAL",
                "regionName": z.region_name,
                "serverCount": z.servers.len(),
                "servers": [],
                "status": "RUNNING",
            })).collect::<Vec<_>>(),
        })
    }

    pub fn zone_json(&self, c: &Cluster, zi: usize) -> Value {
        let z = &c.zones[zi];
        let servers: Vec<Value> = z
            .servers
            .iter()
            .enumerate()
            .map(|(si, ip)| {
                json!({
                    "clusterId": c.id,
                    "hostId": Self::server_id(c, zi, si) + 4_000_000,
                    "hostTypeName": "default",
                    "id": Self::server_id(c, zi, si),
                    "idcName": z.idc_name,
                    "innerStatus": "ACTIVE",
                    "ip": ip,
                    "port": 2882,
                    "regionName": z.region_name,
                    "sqlPort": 2881,
                    "startTime": "2024-05-20T02:00:00.000Z",
                    "status": "RUNNING",
                    "stopTime": "1970-01-01T00:00:00Z",
                    "updateTime": CREATE_TIME,
                    "version": format!("{}-simulated", c.ob_version),
                    "withRootserver": zi == 0 && si == 0,
                    "zoneName": z.name,
                })
            })
            .collect();
        let root = z.servers.first().cloned().unwrap_or_default();
        json!({
            "clusterId": c.id,
            "compactionStatus": "IDLE",
            "createTime": CREATE_TIME,
            "hostCount": z.servers.len(),
            "idcId": zi + 1,
            "idcName": z.idc_name,
            "innerStatus": "ACTIVE",
            "name": z.name,
            "obClusterId": c.ob_cluster_id,
            "regionName": z.region_name,
            "rootServer": {"address": format!("{root}:2882"),
                           "role": if zi == 0 { "LEADER" } else { "FOLLOWER" }, "sql_port": 2881},
            "serverCount": z.servers.len(),
            "servers": servers,
            "status": "RUNNING",
            "updateTime": CREATE_TIME,
        })
    }

    pub fn locality(t: &Tenant) -> String {
        t.replicas
            .iter()
            .map(|r| format!("{}{{1}}@{}", r.replica_type, r.zone_name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn primary_zone(t: &Tenant) -> String {
        t.primary_zone.clone().unwrap_or_else(|| {
            let zones: Vec<&str> = t.replicas.iter().map(|r| r.zone_name.as_str()).collect();
            zones.join(";")
        })
    }

    pub fn tenant_json(&self, t: &Tenant) -> Value {
        let c = self.cluster(t.cluster_id);
        let zones: Vec<&str> = t.replicas.iter().map(|r| r.zone_name.as_str()).collect();
        let mut v = json!({
            "clusterId": t.cluster_id,
            "clusterName": c.map(|c| c.name.clone()).unwrap_or_default(),
            "clusterType": c.map(|c| c.kind.clone()).unwrap_or_else(primary),
            "createTime": CREATE_TIME,
            "id": t.id,
            "locality": Self::locality(t),
            "locked": false,
            "mode": t.mode,
            "name": t.name,
            "obClusterId": c.map(|c| c.ob_cluster_id).unwrap_or_default(),
            "obTenantId": t.ob_tenant_id,
            "obVersion": c.map(|c| c.ob_version.clone()).unwrap_or_default(),
            "primaryZone": Self::primary_zone(t),
            "readonly": false,
            "status": t.status,
            "zoneList": zones.join(";"),
            "tenantRole": t.tenant_role,
        });
        if let Some(p) = t.primary_tenant_id {
            v["primaryTenantId"] = json!(p);
        }
        if t.tenant_role == "STANDBY" {
            let sync = if t.lag_seconds > 0 {
                "SYNC_DELAYED"
            } else {
                "NORMAL_SYNC"
            };
            v["syncStatus"] = json!(sync);
            v["logLagSeconds"] = json!(t.lag_seconds);
        }
        v
    }

    pub fn tenant_detail_json(&self, t: &Tenant) -> Value {
        let mut v = self.tenant_json(t);
        let c = self.cluster(t.cluster_id);
        v["charset"] = json!(if t.mode == "ORACLE" {
            "AL32UTF8"
        } else {
            "utf8mb4"
        });
        v["collation"] = json!(if t.mode == "ORACLE" {
            "BINARY"
        } else {
            "utf8mb4_general_ci"
        });
        v["clusterStatus"] = json!("RUNNING");
        v["sqlAuditEnabled"] = json!(true);
        v["whitelist"] = json!("%");
        let zones: Vec<Value> = t
            .replicas
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let pool_id = t.id * 10 + i as u64 + 1;
                let spec = self.spec(&r.unit_spec_name);
                let zi = c.and_then(|c| c.zones.iter().position(|z| z.name == r.zone_name));
                let units: Vec<Value> = (0..r.unit_count)
                    .map(|u| {
                        let (sid, ip) = match (c, zi) {
                            (Some(c), Some(zi)) => {
                                let n = c.zones[zi].servers.len().max(1);
                                let si = u as usize % n;
                                (
                                    Self::server_id(c, zi, si),
                                    c.zones[zi].servers.get(si).cloned().unwrap_or_default(),
                                )
                            }
                            _ => (0, String::new()),
                        };
                        json!({"id": pool_id * 10 + u + 1, "resourcePoolId": pool_id, "serverId": sid,
                               "serverIp": ip, "serverPort": 2882, "status": "ACTIVE",
                               "zoneName": r.zone_name})
                    })
                    .collect();
                json!({
                    "name": r.zone_name,
                    "replicaType": r.replica_type,
                    "resourcePool": {
                        "id": pool_id,
                        "name": format!("{}_pool_{}", t.name, r.zone_name),
                        "unitConfig": {
                            "maxCpuCoreCount": spec.map(|s| s.max_cpu_core_count).unwrap_or(1.0),
                            "maxMemorySize": spec.map(|s| s.max_memory_size).unwrap_or(4),
                            "minCpuCoreCount": spec.map(|s| s.min_cpu_core_count).unwrap_or(1.0),
                            "minMemorySize": spec.map(|s| s.min_memory_size).unwrap_or(4),
                            "name": r.unit_spec_name,
                        },
                        "unitCount": r.unit_count,
                    },
                    "units": units,
                })
            })
            .collect();
        v["zones"] = Value::Array(zones);
        v
    }

    pub fn spec_json(s: &UnitSpec) -> Value {
        json!({
            "id": s.id,
            "maxCpuCoreCount": s.max_cpu_core_count,
            "maxMemorySize": s.max_memory_size,
            "minCpuCoreCount": s.min_cpu_core_count,
            "minMemorySize": s.min_memory_size,
            "name": s.name,
            "type": s.kind,
        })
    }
}
