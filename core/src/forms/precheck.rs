//! A pair's precheck result, kept only while the cluster and the pair it ran on stay the same.

use crate::model::TenantPair;

/// A precheck's state for the cluster and pair it ran on.
#[derive(Clone, Debug, PartialEq)]
pub struct Precheck {
    pub cluster: i64,
    pub pair: TenantPair,
    pub check: Check,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    Running,
    Done { passed: bool, reasons: Vec<String> },
}

/// The precheck that still applies to `pair` on `cluster`; a changed pair or cluster has none.
pub fn current_check(
    p: Option<Precheck>,
    cluster: Option<i64>,
    pair: Option<TenantPair>,
) -> Option<Check> {
    p.filter(|p| Some(p.cluster) == cluster && Some(p.pair) == pair)
        .map(|p| p.check)
}

/// Whether `check` lets the pair be sent.
pub fn passed(check: Option<Check>) -> bool {
    matches!(check, Some(Check::Done { passed: true, .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::pairs::row_pair;

    #[test]
    fn a_changed_pair_or_cluster_drops_its_precheck() {
        let pair = TenantPair {
            tenant_id: 1,
            standby_tenant_id: 2,
        };
        let p = Precheck {
            cluster: 1,
            pair,
            check: Check::Running,
        };
        assert_eq!(
            current_check(Some(p.clone()), Some(1), Some(pair)),
            Some(Check::Running)
        );
        assert_eq!(current_check(Some(p.clone()), Some(2), Some(pair)), None);
        assert_eq!(current_check(Some(p), Some(1), row_pair("1", "3")), None);
    }

    #[test]
    fn only_a_passed_check_lets_the_pair_go() {
        let done = |passed| {
            Some(Check::Done {
                passed,
                reasons: Vec::new(),
            })
        };
        assert!(passed(done(true)));
        assert!(!passed(done(false)));
        assert!(!passed(Some(Check::Running)));
        assert!(!passed(None));
    }
}
