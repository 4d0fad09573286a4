//! A finished task's effect on the world: its change when it succeeded, and the tenants back to
//! NORMAL whether it succeeded or was rolled back.

use crate::engine::Effect;
use crate::world::World;

/// Applies a finished task to the world: its change when it succeeded, only the status otherwise.
pub fn apply_effect(world: &mut World, effect: &Effect, success: bool) {
    for id in effect.tenants() {
        if let Some(t) = world.tenant_mut(id) {
            t.status = "NORMAL".into();
        }
    }
    if !success {
        return;
    }
    match effect {
        Effect::None => {}
        Effect::AddReplica {
            tenant_id,
            replicas,
        } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.primary_zone = Some(World::primary_zone(t));
                t.replicas.extend(replicas.iter().cloned());
            }
        }
        Effect::DeleteReplica { tenant_id, zones } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.primary_zone = Some(without_zones(&World::primary_zone(t), zones));
                t.replicas.retain(|r| !zones.contains(&r.zone_name));
            }
        }
        Effect::ModifyReplica {
            tenant_id,
            replicas,
        } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                for new in replicas {
                    if let Some(r) = t.replicas.iter_mut().find(|r| r.zone_name == new.zone_name) {
                        *r = new.clone();
                    }
                }
            }
        }
        Effect::Switchover { primary, standby } => {
            for t in world.tenants.iter_mut() {
                if t.id == *primary {
                    t.tenant_role = "STANDBY".into();
                    t.primary_tenant_id = Some(*standby);
                } else if t.id == *standby {
                    t.tenant_role = "PRIMARY".into();
                    t.primary_tenant_id = None;
                } else if t.primary_tenant_id == Some(*primary) {
                    t.primary_tenant_id = Some(*standby);
                }
            }
        }
        Effect::Failover { tenant_id } => {
            if let Some(t) = world.tenant_mut(*tenant_id) {
                t.tenant_role = "PRIMARY".into();
                t.primary_tenant_id = None;
            }
        }
    }
}

/// A `primary_zone` (`z1;z2,z3`: `;` between priorities, `,` within one) without `zones`.
fn without_zones(primary_zone: &str, zones: &[String]) -> String {
    primary_zone
        .split(';')
        .map(|group| {
            group
                .split(',')
                .filter(|z| !zones.iter().any(|d| d == z.trim()))
                .collect::<Vec<_>>()
                .join(",")
        })
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::without_zones;

    #[test]
    fn deleted_zones_leave_the_primary_zone() {
        let z = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            without_zones("zone1;zone2,zone3", &z(&["zone2"])),
            "zone1;zone3"
        );
        assert_eq!(without_zones("zone1;zone2", &z(&["zone1"])), "zone2");
    }
}
