//! OCP's tenant rules, applied before anything is sent: a tenant not NORMAL takes no replica change
//! (60003), the sys tenant is never switched over, and what a replica request does to the locality.

use crate::i18n::{Lang, Msg};
use crate::model::{ReplicaType, Tenant};

/// Why a tenant takes no replica change now, or `None` when it is NORMAL (or OCP did not say).
pub fn replica_block(tenant: &Tenant, lang: Lang) -> Option<String> {
    let status = tenant.status.as_deref()?.trim();
    if status.is_empty() || status.eq_ignore_ascii_case("NORMAL") {
        return None;
    }
    Some(lang.fmt(Msg::TrBlocked, &[&tenant.name, &status]))
}

/// The task-list query that finds what holds a tenant: its running or failed tasks.
pub fn holding_tasks_query(tenant_id: i64) -> String {
    format!("tenantId={tenant_id}&status=RUNNING,FAILED&page=1&size=20&sort=id,desc")
}

/// OceanBase's sys tenant (id 1 in a cluster, named `sys`): never switched over.
pub fn is_sys(tenant: &Tenant) -> bool {
    tenant.name.eq_ignore_ascii_case("sys")
}

/// One locality term such as `FULL{1}@zone3`.
fn term(replica_type: &ReplicaType, zone: &str) -> String {
    format!("{}{{1}}@{zone}", replica_type.as_str())
}

/// The locality after adding `adds` (zone, replica type) to `current`
/// (`FULL{1}@zone1, FULL{1}@zone2` + zone3 → `FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3`).
pub fn locality_after(current: &str, adds: &[(String, ReplicaType)]) -> String {
    let mut terms: Vec<String> = current
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    for (zone, kind) in adds.iter().filter(|(z, _)| !z.trim().is_empty()) {
        let at = format!("@{}", zone.trim());
        if !terms.iter().any(|t| t.ends_with(&at)) {
            terms.push(term(kind, zone.trim()));
        }
    }
    terms.join(", ")
}

/// The warning that new zones take no leaders until the primary zone names them.
pub fn leader_warning(
    primary_zone: Option<&str>,
    adds: &[(String, ReplicaType)],
    lang: Lang,
) -> Option<String> {
    let pz = primary_zone.unwrap_or("");
    let named = |z: &str| {
        pz.split([',', ';'])
            .map(|p| p.trim())
            .any(|p| p.eq_ignore_ascii_case(z) || p.eq_ignore_ascii_case("RANDOM"))
    };
    let new: Vec<&str> = adds
        .iter()
        .map(|(z, _)| z.trim())
        .filter(|z| !z.is_empty() && !named(z))
        .collect();
    if new.is_empty() {
        return None;
    }
    let pz = if pz.is_empty() {
        lang.text(Msg::TrLeadersNone)
    } else {
        pz
    };
    let which = lang.text(if new.len() == 1 {
        Msg::TrIt
    } else {
        Msg::TrThem
    });
    Some(lang.fmt(
        Msg::TrLeaders,
        &[&new.join(lang.text(Msg::ListSeparator)), &pz, &which],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(name: &str, status: Option<&str>) -> Tenant {
        Tenant {
            id: 1001,
            name: name.into(),
            status: status.map(str::to_string),
            ..Tenant::default()
        }
    }

    #[test]
    fn only_a_normal_tenant_takes_replica_changes() {
        assert_eq!(
            replica_block(&tenant("app", Some("NORMAL")), Lang::En),
            None
        );
        assert_eq!(replica_block(&tenant("app", None), Lang::En), None);
        let why = replica_block(&tenant("app", Some("MODIFYING")), Lang::En).unwrap();
        assert!(why.contains("MODIFYING") && why.contains("60003"), "{why}");
        assert!(holding_tasks_query(1001).contains("tenantId=1001&status=RUNNING,FAILED"));
    }

    #[test]
    fn the_sys_tenant_is_known_by_name() {
        assert!(is_sys(&tenant("sys", None)));
        assert!(!is_sys(&tenant("sysbench", None)));
    }

    #[test]
    fn locality_grows_by_one_term_per_new_zone() {
        let cur = "FULL{1}@zone1, FULL{1}@zone2";
        let one = [("zone3".to_string(), ReplicaType::Full)];
        assert_eq!(
            locality_after(cur, &one),
            "FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3"
        );
        let two = [
            ("zone3".to_string(), ReplicaType::Full),
            ("zone4".to_string(), ReplicaType::Readonly),
        ];
        assert_eq!(
            locality_after(cur, &two),
            "FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3, READONLY{1}@zone4"
        );
        assert_eq!(
            locality_after(cur, &[("zone1".into(), ReplicaType::Full)]),
            cur
        );
        assert_eq!(locality_after("", &one), "FULL{1}@zone3");
    }

    #[test]
    fn new_zones_outside_the_primary_zone_are_warned_about() {
        let adds = [("zone3".to_string(), ReplicaType::Full)];
        let w = leader_warning(Some("zone1;zone2"), &adds, Lang::En).unwrap();
        assert!(w.starts_with("zone3 ") && w.contains("zone1;zone2"), "{w}");
        assert_eq!(leader_warning(Some("zone1,zone3"), &adds, Lang::En), None);
        assert_eq!(leader_warning(Some("RANDOM"), &adds, Lang::En), None);
        assert!(leader_warning(None, &adds, Lang::En)
            .unwrap()
            .contains("not set"));
        let zh = leader_warning(None, &adds, Lang::Zh).unwrap();
        assert!(zh.contains("未设置") && zh.contains("zone3"), "{zh}");
    }
}
