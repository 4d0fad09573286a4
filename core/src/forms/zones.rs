//! The zones an add-replica row may pick: the cluster's zones without a replica of the tenant, and the
//! others with why they are taken.

use crate::i18n::{Lang, Msg};
use crate::model::{Cluster, TenantDetail};

/// Zones of the cluster that the tenant has no replica in, and the others with why they are taken.
pub fn zone_choices(
    cluster: &Cluster,
    tenant: Option<&TenantDetail>,
    lang: Lang,
) -> (Vec<String>, Vec<(String, String)>) {
    let taken: Vec<(String, String)> = tenant
        .map(|t| {
            t.zones
                .iter()
                .map(|z| {
                    let why = match &z.replica_type {
                        Some(kind) => lang.fmt(Msg::ZoneHasKind, &[kind]),
                        None => lang.text(Msg::ZoneHasReplica).into(),
                    };
                    (z.name.clone(), why)
                })
                .collect()
        })
        .unwrap_or_default();
    let free = cluster
        .zones
        .iter()
        .map(|z| z.name.clone())
        .filter(|z| !taken.iter().any(|(t, _)| t == z))
        .collect();
    (free, taken)
}

/// The zone a new row starts with: the first free one no row uses yet, else none.
pub fn next_zone(free: &[String], used: &[String]) -> String {
    free.iter()
        .find(|z| !used.contains(z))
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReplicaType, Tenant, TenantZone, Zone};

    fn cluster(zones: &[&str]) -> Cluster {
        Cluster {
            id: 1,
            zones: zones
                .iter()
                .map(|z| Zone {
                    name: z.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn taken_zones_say_why() {
        let tenant = TenantDetail {
            tenant: Tenant::default(),
            zones: vec![TenantZone {
                name: "zone1".into(),
                replica_type: Some(ReplicaType::Full),
                ..Default::default()
            }],
        };
        let (free, taken) = zone_choices(
            &cluster(&["zone1", "zone2", "zone3"]),
            Some(&tenant),
            Lang::En,
        );
        assert_eq!(free, ["zone2", "zone3"]);
        assert_eq!(
            taken,
            [("zone1".to_string(), "has a FULL replica".to_string())]
        );
        let (free, taken) = zone_choices(&cluster(&["zone1"]), None, Lang::Zh);
        assert_eq!((free.len(), taken.len()), (1, 0));
    }

    #[test]
    fn a_new_row_takes_the_first_unused_free_zone() {
        let free = vec!["zone2".to_string(), "zone3".to_string()];
        assert_eq!(next_zone(&free, &["zone2".into()]), "zone3");
        assert_eq!(next_zone(&free, &free), "");
    }
}
