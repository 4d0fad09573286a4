//! The drill world of `--pairs N`: two more clusters, a primary one holding N primary tenants and a
//! standby one holding their N standbys, beside whatever world was loaded.

use crate::world::{cluster, sys_tenant, tenant, World};

/// The most pairs a world may hold, so ids stay within their cluster's block of 10 000.
pub const MAX_PAIRS: usize = 9_999;

/// `world` plus `n` primary/standby pairs (none when `n` is 0). With the built-in world the
/// clusters are 4 `obcluster-drill-primary` and 5 `obcluster-drill-standby` (type STANDBY), 3 zones
/// and a `sys` tenant (40000, 50000) each; pair `i` (from 1) is primary `drill_p{i:04}` with id
/// `40000 + i` and standby `drill_s{i:04}` with id `50000 + i`.
pub fn with_pairs(mut world: World, n: usize) -> World {
    if n == 0 {
        return world;
    }
    let n = n.min(MAX_PAIRS) as u64;
    let first = world.clusters.iter().map(|c| c.id).max().unwrap_or(0) + 1;
    let (pid, sid) = (first, first + 1);
    let mut pc = cluster(pid, "obcluster-drill-primary", "4.2.1.0", 3);
    let mut sc = cluster(sid, "obcluster-drill-standby", "4.2.1.0", 3);
    sc.kind = "STANDBY".into();
    for c in [&mut pc, &mut sc] {
        c.ob_cluster_id = 100 + c.id;
    }
    let (pbase, sbase) = (pid * 10_000, sid * 10_000);
    world.tenants.push(sys_tenant(pbase, &pc));
    world.tenants.push(sys_tenant(sbase, &sc));
    let zones = ["zone1", "zone2", "zone3"];
    for i in 1..=n {
        let p = pbase + i;
        let s = sbase + i;
        world.tenants.push(tenant(
            p,
            pid,
            &format!("drill_p{i:04}"),
            "MYSQL",
            None,
            &zones,
            "S1",
        ));
        world.tenants.push(tenant(
            s,
            sid,
            &format!("drill_s{i:04}"),
            "MYSQL",
            Some(p),
            &zones,
            "S1",
        ));
    }
    world.clusters.push(pc);
    world.clusters.push(sc);
    world
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_link_primaries_to_standbys_across_two_clusters() {
        let w = with_pairs(World::default(), 3);
        assert_eq!(w.clusters.len(), 5);
        let s = w.tenant(50_002).unwrap();
        assert_eq!(
            (s.cluster_id, s.tenant_role.as_str(), s.primary_tenant_id),
            (5, "STANDBY", Some(40_002))
        );
        assert_eq!(w.tenant(40_003).unwrap().tenant_role, "PRIMARY");
        assert_eq!(w.cluster(5).unwrap().kind, "STANDBY");
        assert_eq!(w.tenants.len(), World::default().tenants.len() + 2 + 6);
        assert_eq!(with_pairs(World::default(), 0).clusters.len(), 3);
    }
}
