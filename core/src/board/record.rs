//! The change record a switchover started here begins with: each pair with its names, precheck,
//! roles before and task, as the board and its export read them.

use super::{BatchRecord, PairRecord, Precheck};
use crate::model::{TaskInstance, Tenant, TenantPair};

/// What the form knew of one pair when it was sent.
pub struct SentPair<'a> {
    pub pair: TenantPair,
    pub precheck: Option<Precheck>,
    pub primary: Option<&'a Tenant>,
    pub standby: Option<&'a Tenant>,
}

fn role(t: Option<&Tenant>) -> Option<String> {
    t.and_then(|t| t.tenant_role.clone())
}

/// The record of a batch: `tasks` are OCP's answer, matched to pairs by the primary tenant when the
/// task names it, else by position.
pub fn batch_record(
    cluster: (i64, String),
    sent: &[SentPair<'_>],
    tasks: &[TaskInstance],
    started_ms: u64,
    operator: Option<String>,
) -> BatchRecord {
    let pairs = sent
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let task = tasks
                .iter()
                .find(|t| {
                    t.tenant_id == Some(s.pair.tenant_id)
                        || t.tenant.as_ref().and_then(|r| r.id) == Some(s.pair.tenant_id)
                })
                .or_else(|| tasks.get(i));
            let name = |t: Option<&Tenant>, id: i64| {
                t.map(|t| t.name.clone())
                    .unwrap_or_else(|| format!("tenant {id}"))
            };
            PairRecord {
                primary_id: s.pair.tenant_id,
                primary_name: name(s.primary, s.pair.tenant_id),
                standby_id: s.pair.standby_tenant_id,
                standby_name: name(s.standby, s.pair.standby_tenant_id),
                cluster_id: cluster.0,
                cluster_name: cluster.1.clone(),
                standby_cluster_name: s
                    .standby
                    .and_then(|t| t.cluster_name.clone())
                    .unwrap_or_default(),
                precheck: s.precheck.clone(),
                task_id: task.map(|t| t.id),
                roles_before: role(s.primary).zip(role(s.standby)),
                roles_after: None,
            }
        })
        .collect();
    BatchRecord {
        pairs,
        started_ms,
        operator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: i64, role: &str) -> Tenant {
        Tenant {
            id,
            name: format!("t{id}"),
            tenant_role: Some(role.into()),
            cluster_name: Some("dr".into()),
            ..Tenant::default()
        }
    }

    #[test]
    fn tasks_are_matched_to_their_pairs_by_primary_tenant() {
        let (p1, s1, p2, s2) = (
            tenant(1, "PRIMARY"),
            tenant(11, "STANDBY"),
            tenant(2, "PRIMARY"),
            tenant(12, "STANDBY"),
        );
        let sent = [
            SentPair {
                pair: TenantPair {
                    tenant_id: 1,
                    standby_tenant_id: 11,
                },
                precheck: Some(Precheck {
                    passed: true,
                    reasons: vec![],
                }),
                primary: Some(&p1),
                standby: Some(&s1),
            },
            SentPair {
                pair: TenantPair {
                    tenant_id: 2,
                    standby_tenant_id: 12,
                },
                precheck: None,
                primary: Some(&p2),
                standby: Some(&s2),
            },
        ];
        let tasks = [
            TaskInstance {
                id: 502,
                tenant_id: Some(2),
                ..TaskInstance::default()
            },
            TaskInstance {
                id: 501,
                tenant_id: Some(1),
                ..TaskInstance::default()
            },
        ];
        let r = batch_record(
            (4, "primary".into()),
            &sent,
            &tasks,
            99,
            Some("admin".into()),
        );
        assert_eq!(
            r.pairs.iter().map(|p| p.task_id).collect::<Vec<_>>(),
            [Some(501), Some(502)]
        );
        assert_eq!(
            r.pairs[0].roles_before,
            Some(("PRIMARY".into(), "STANDBY".into()))
        );
        assert_eq!(r.pairs[1].standby_cluster_name, "dr");
        assert_eq!((r.started_ms, r.operator.as_deref()), (99, Some("admin")));
        let unnamed = [TaskInstance {
            id: 7,
            ..TaskInstance::default()
        }];
        let r = batch_record((4, "p".into()), &sent[..1], &unnamed, 1, None);
        assert_eq!(
            r.pairs[0].task_id,
            Some(7),
            "by position when the task names no tenant"
        );
    }
}
