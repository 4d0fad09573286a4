//! Switchover pairs: the tenants a row may pick as primary and standby, their labels, and the sentence
//! the confirmation shows for each pair.

use super::Choice;
use crate::i18n::{Lang, Msg};
use crate::model::{Cluster, Tenant, TenantPair};

/// The pair a row names, when both ids parse.
pub fn row_pair(primary: &str, standby: &str) -> Option<TenantPair> {
    let id = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
    Some(TenantPair {
        tenant_id: id(primary)?,
        standby_tenant_id: id(standby)?,
    })
}

fn cluster_name(clusters: &[Cluster], id: Option<i64>) -> Option<String> {
    let id = id?;
    clusters.iter().find(|c| c.id == id).map(|c| c.name.clone())
}

/// "mysql_app (1001) · obcluster-a".
pub fn tenant_label(t: &Tenant, clusters: &[Cluster]) -> String {
    match t
        .cluster_name
        .clone()
        .or_else(|| cluster_name(clusters, t.cluster_id))
    {
        Some(c) if !c.is_empty() => format!("{} ({}) · {c}", t.name, t.id),
        _ => format!("{} ({})", t.name, t.id),
    }
}

/// Primary tenants of `cluster` that have at least one standby.
pub fn primary_choices(tenants: &[Tenant], cluster: Option<i64>) -> Vec<&Tenant> {
    tenants
        .iter()
        .filter(|t| t.is_primary() && cluster.is_some() && t.cluster_id == cluster)
        .filter(|t| !crate::tenant_rules::is_sys(t))
        .filter(|p| {
            tenants
                .iter()
                .any(|s| s.is_standby() && s.primary_tenant_id == Some(p.id))
        })
        .collect()
}

/// Standby tenants of `primary`, in any cluster.
pub fn standby_choices<'a>(tenants: &'a [Tenant], primary: &str) -> Vec<&'a Tenant> {
    let Ok(p) = primary.trim().parse::<i64>() else {
        return Vec::new();
    };
    tenants
        .iter()
        .filter(|t| t.is_standby() && t.primary_tenant_id == Some(p))
        .filter(|t| !crate::tenant_rules::is_sys(t))
        .collect()
}

/// `list` as options, plus `current` (saying `why` it is odd) when it is not among them.
fn options(list: &[&Tenant], clusters: &[Cluster], current: &str, why: &str) -> Vec<Choice> {
    let mut opts: Vec<Choice> = list
        .iter()
        .map(|t| (t.id.to_string(), tenant_label(t, clusters)))
        .collect();
    if !current.is_empty() && !opts.iter().any(|(v, _)| v == current) {
        opts.push((current.to_string(), format!("{current} ({why})")));
    }
    opts
}

/// The primary list of a row on `cluster`, keeping the row's `current` primary.
pub fn primary_options(
    tenants: &[Tenant],
    clusters: &[Cluster],
    cluster: Option<i64>,
    current: &str,
    lang: Lang,
) -> Vec<Choice> {
    let list = primary_choices(tenants, cluster);
    options(&list, clusters, current, lang.text(Msg::PNotPrimaryHere))
}

/// The standby list of a row whose primary is `primary`, keeping the row's `current` standby.
pub fn standby_options(
    tenants: &[Tenant],
    clusters: &[Cluster],
    primary: &str,
    current: &str,
    lang: Lang,
) -> Vec<Choice> {
    let list = standby_choices(tenants, primary);
    options(&list, clusters, current, lang.text(Msg::PNotStandbyOf))
}

/// The empty option of the primary list.
pub fn primary_placeholder(tenants: &[Tenant], cluster: Option<i64>) -> Msg {
    if cluster.is_none() {
        Msg::PChooseClusterFirst
    } else if primary_choices(tenants, cluster).is_empty() {
        Msg::PNoPrimary
    } else {
        Msg::PChoosePrimary
    }
}

/// The standby once the primary became `primary`: `None` keeps `standby` (one of its standbys), else its
/// only standby, else empty.
pub fn standby_after(tenants: &[Tenant], primary: &str, standby: &str) -> Option<String> {
    let choices = standby_choices(tenants, primary);
    if choices.iter().any(|t| t.id.to_string() == standby) {
        return None;
    }
    Some(match choices.as_slice() {
        [only] => only.id.to_string(),
        _ => String::new(),
    })
}

fn tenant_name(tenants: &[Tenant], id: i64, lang: Lang) -> String {
    match tenants.iter().find(|t| t.id == id) {
        Some(t) if !t.name.is_empty() => t.name.clone(),
        _ => lang.fmt(Msg::TenantN, &[&id]),
    }
}

/// "mysql_app (1001, primary) becomes standby; mysql_app_dr (1101) becomes primary".
pub fn describe_pair(tenants: &[Tenant], pair: &TenantPair, lang: Lang) -> String {
    lang.fmt(
        Msg::PDescribe,
        &[
            &tenant_name(tenants, pair.tenant_id, lang),
            &pair.tenant_id,
            &tenant_name(tenants, pair.standby_tenant_id, lang),
            &pair.standby_tenant_id,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: i64, name: &str, cluster: i64, role: &str, primary: Option<i64>) -> Tenant {
        Tenant {
            id,
            name: name.into(),
            cluster_id: Some(cluster),
            tenant_role: Some(role.into()),
            primary_tenant_id: primary,
            ..Default::default()
        }
    }

    fn world() -> Vec<Tenant> {
        vec![
            tenant(1001, "app", 1, "PRIMARY", None),
            tenant(1005, "lonely", 1, "PRIMARY", None),
            tenant(2001, "other", 2, "PRIMARY", None),
            tenant(1101, "app_dr", 2, "STANDBY", Some(1001)),
            tenant(2101, "other_dr", 1, "STANDBY", Some(2001)),
        ]
    }

    #[test]
    fn choices_follow_roles() {
        let t = world();
        let ids = |v: Vec<&Tenant>| v.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(primary_choices(&t, Some(1))), [1001]);
        assert!(primary_choices(&t, None).is_empty());
        assert_eq!(ids(standby_choices(&t, "1001")), [1101]);
        assert!(standby_choices(&t, "").is_empty());
    }

    #[test]
    fn options_keep_the_current_value_and_say_why_it_is_odd() {
        let t = world();
        let clusters = [Cluster {
            id: 2,
            name: "obcluster-b".into(),
            ..Default::default()
        }];
        assert_eq!(
            standby_options(&t, &clusters, "1001", "", Lang::En),
            [(
                "1101".to_string(),
                "app_dr (1101) · obcluster-b".to_string()
            )]
        );
        assert_eq!(
            primary_options(&t, &clusters, Some(1), "1005", Lang::En)[1],
            (
                "1005".to_string(),
                "1005 (not a primary of this cluster)".to_string()
            )
        );
        assert_eq!(
            primary_placeholder(&t, None).en(),
            "Choose the cluster first"
        );
        assert_eq!(
            primary_placeholder(&t, Some(1)).en(),
            "Choose a primary tenant"
        );
        assert_eq!(
            primary_placeholder(&t, Some(3)).en(),
            "No primary tenant with a standby in this cluster"
        );
    }

    #[test]
    fn a_new_primary_keeps_or_picks_its_standby() {
        let t = world();
        assert_eq!(standby_after(&t, "1001", "1101"), None);
        assert_eq!(standby_after(&t, "1001", ""), Some("1101".into()));
        assert_eq!(standby_after(&t, "1005", "1101"), Some(String::new()));
    }

    #[test]
    fn confirmation_names_both_tenants() {
        let t = vec![
            tenant(1001, "mysql_app", 1, "PRIMARY", None),
            tenant(1101, "mysql_app_dr", 2, "STANDBY", Some(1001)),
        ];
        let pair = TenantPair {
            tenant_id: 1001,
            standby_tenant_id: 1101,
        };
        assert_eq!(
            describe_pair(&t, &pair, Lang::En),
            "mysql_app (1001, primary) becomes standby; mysql_app_dr (1101) becomes primary"
        );
        assert_eq!(
            describe_pair(&[], &pair, Lang::En),
            "tenant 1001 (1001, primary) becomes standby; tenant 1101 (1101) becomes primary"
        );
        assert_eq!(
            describe_pair(&t, &pair, Lang::Zh),
            "mysql_app（1001，主）变为备租户；mysql_app_dr（1101）变为主租户"
        );
    }

    #[test]
    fn a_pair_needs_two_positive_ids() {
        assert_eq!(
            row_pair(" 1 ", "2"),
            Some(TenantPair {
                tenant_id: 1,
                standby_tenant_id: 2
            })
        );
        assert_eq!(row_pair("1", "0"), None);
        assert_eq!(row_pair("x", "2"), None);
    }
}
