//! Checks for the two forms before anything is sent, one message per field, and OCP's field errors
//! (`subErrors`) mapped back onto the same fields.

use crate::i18n::{Lang, Msg};
use crate::model::{
    ReplicaSpec, ReplicaType, ResourcePoolSpec, SubError, SwitchoverRequest, TenantPair,
};

/// Most units one request may ask for per zone. A zone rarely has more servers than this, and a larger
/// number is far more likely a typo (10 → 100) than an intent.
pub const MAX_UNIT_COUNT: u32 = 64;

/// One add-replica row as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReplicaRow {
    pub zone_name: String,
    pub replica_type: String,
    pub unit_spec: String,
    pub unit_count: String,
}

/// Messages for one add-replica row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReplicaRowErrors {
    pub zone_name: Option<String>,
    pub replica_type: Option<String>,
    pub unit_spec: Option<String>,
    pub unit_count: Option<String>,
}

impl ReplicaRowErrors {
    pub fn is_empty(&self) -> bool {
        self.zone_name.is_none()
            && self.replica_type.is_none()
            && self.unit_spec.is_none()
            && self.unit_count.is_none()
    }
}

/// What the API told us about the tenant, when it did; each check runs only when its list is known.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReplicaContext {
    /// Zones of the cluster.
    pub cluster_zones: Option<Vec<String>>,
    /// Zones where the tenant already has a replica.
    pub tenant_zones: Vec<String>,
    /// Unit spec names OCP knows.
    pub unit_specs: Option<Vec<String>>,
}

/// Messages for the whole add-replica form.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReplicaFormErrors {
    pub form: Option<String>,
    pub rows: Vec<ReplicaRowErrors>,
}

impl ReplicaFormErrors {
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.rows.iter().all(ReplicaRowErrors::is_empty)
    }
}

/// Validates every row; on success gives the exact addReplica body.
pub fn validate_replicas(
    rows: &[ReplicaRow],
    ctx: &ReplicaContext,
    lang: Lang,
) -> Result<Vec<ReplicaSpec>, ReplicaFormErrors> {
    let mut errors = ReplicaFormErrors {
        form: None,
        rows: vec![ReplicaRowErrors::default(); rows.len()],
    };
    if rows.is_empty() {
        errors.form = Some(lang.text(Msg::VAddZone).into());
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let e = &mut errors.rows[i];
        let zone = row.zone_name.trim();
        if zone.is_empty() {
            e.zone_name = Some(lang.text(Msg::VChooseZone).into());
        } else if rows[..i].iter().any(|r| r.zone_name.trim() == zone) {
            e.zone_name = Some(lang.fmt(Msg::VZoneTwice, &[&zone]));
        } else if ctx.tenant_zones.iter().any(|z| z == zone) {
            e.zone_name = Some(lang.fmt(Msg::VZoneHasReplica, &[&zone]));
        } else if let Some(zones) = &ctx.cluster_zones {
            if !zones.iter().any(|z| z == zone) {
                e.zone_name = Some(lang.fmt(Msg::VZoneNotInCluster, &[&zone]));
            }
        }
        let replica_type = ReplicaType::parse(row.replica_type.trim());
        if matches!(replica_type, ReplicaType::Other(_)) {
            e.replica_type = Some(lang.text(Msg::VChooseType).into());
        }
        let spec = row.unit_spec.trim();
        if spec.is_empty() {
            e.unit_spec = Some(lang.text(Msg::VChooseSpec).into());
        } else if let Some(specs) = &ctx.unit_specs {
            if !specs.iter().any(|s| s == spec) {
                e.unit_spec = Some(lang.fmt(Msg::VNoSpec, &[&spec]));
            }
        }
        let count = parse_unit_count(&row.unit_count, lang);
        if let Err(msg) = &count {
            e.unit_count = Some(msg.clone());
        }
        if let (true, Ok(unit_count)) = (e.is_empty(), count) {
            out.push(ReplicaSpec {
                zone_name: zone.to_string(),
                replica_type,
                resource_pool: ResourcePoolSpec {
                    unit_spec_name: spec.to_string(),
                    unit_count,
                },
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn parse_unit_count(raw: &str, lang: Lang) -> Result<u32, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(lang.text(Msg::VEnterCount).into());
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(lang.text(Msg::VCountWhole).into());
    }
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_UNIT_COUNT).contains(&n) => Ok(n),
        _ => Err(lang.fmt(Msg::VCountRange, &[&MAX_UNIT_COUNT])),
    }
}

/// Warnings that do not block sending: the cluster's OceanBase version may refuse the replica type.
pub fn replica_type_warning(
    replica_type: &str,
    ob_version: Option<&str>,
    lang: Lang,
) -> Option<String> {
    let version = ob_version?;
    let t = ReplicaType::parse(replica_type.trim());
    (!matches!(t, ReplicaType::Other(_)) && !t.accepted_by(version))
        .then(|| lang.fmt(Msg::VTypeVersion, &[&version, &t]))
}

/// One switchover pair as typed (tenant ids).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PairRow {
    pub primary: String,
    pub standby: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PairRowErrors {
    pub primary: Option<String>,
    pub standby: Option<String>,
}

impl PairRowErrors {
    pub fn is_empty(&self) -> bool {
        self.primary.is_none() && self.standby.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PairFormErrors {
    pub form: Option<String>,
    pub rows: Vec<PairRowErrors>,
}

impl PairFormErrors {
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.rows.iter().all(PairRowErrors::is_empty)
    }
}

/// Validates the pairs; on success gives the exact switchover body.
pub fn validate_pairs(rows: &[PairRow], lang: Lang) -> Result<SwitchoverRequest, PairFormErrors> {
    let mut errors = PairFormErrors {
        form: None,
        rows: vec![PairRowErrors::default(); rows.len()],
    };
    if rows.is_empty() {
        errors.form = Some(lang.text(Msg::VAddPair).into());
    }
    let ids: Vec<(Result<i64, String>, Result<i64, String>)> = rows
        .iter()
        .map(|r| {
            (
                parse_tenant_id(&r.primary, lang),
                parse_tenant_id(&r.standby, lang),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (i, (p, s)) in ids.iter().enumerate() {
        let e = &mut errors.rows[i];
        if let Err(m) = p {
            e.primary = Some(m.clone());
        }
        if let Err(m) = s {
            e.standby = Some(m.clone());
        }
        if let (Ok(p), Ok(s)) = (p, s) {
            if p == s {
                e.standby = Some(lang.text(Msg::VSelfPair).into());
            }
        }
        let used_before = |id: i64| {
            ids[..i]
                .iter()
                .any(|(a, b)| a.as_ref().ok() == Some(&id) || b.as_ref().ok() == Some(&id))
        };
        if let Ok(p) = p {
            if e.primary.is_none() && used_before(*p) {
                e.primary = Some(lang.fmt(Msg::VTenantTwice, &[p]));
            }
        }
        if let Ok(s) = s {
            if e.standby.is_none() && used_before(*s) {
                e.standby = Some(lang.fmt(Msg::VTenantTwice, &[s]));
            }
        }
        if let (true, Ok(p), Ok(s)) = (e.is_empty(), p, s) {
            out.push(TenantPair {
                tenant_id: *p,
                standby_tenant_id: *s,
            });
        }
    }
    if errors.is_empty() {
        Ok(SwitchoverRequest {
            tenant_param_list: out,
        })
    } else {
        Err(errors)
    }
}

fn parse_tenant_id(raw: &str, lang: Lang) -> Result<i64, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(lang.text(Msg::VChooseTenant).into());
    }
    match t.parse::<i64>() {
        Ok(n) if n > 0 && t.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(lang.text(Msg::VTenantId).into()),
    }
}

/// Splits OCP's field path (`[1].resourcePool.unitCount`, `tenantParamList[0].tenantId`) into the row
/// index and the last field name.
pub fn parse_field_path(field: &str) -> Option<(usize, &str)> {
    let open = field.find('[')?;
    let close = open + field[open..].find(']')?;
    let index = field[open + 1..close].trim().parse().ok()?;
    let leaf = field.rsplit('.').next().filter(|l| !l.contains('['))?;
    Some((index, leaf))
}

/// Places each field error on its row through `slot` (row, leaf field name → the message slot); what
/// names no row or field comes back joined, for the form-level message.
fn place_sub_errors<R: Default + Clone>(
    rows: usize,
    subs: &[SubError],
    slot: impl for<'r> Fn(&'r mut R, &str) -> Option<&'r mut Option<String>>,
) -> (Vec<R>, Option<String>) {
    let mut out = vec![R::default(); rows];
    let mut unplaced = Vec::new();
    for s in subs {
        let target = s
            .field
            .as_deref()
            .and_then(parse_field_path)
            .and_then(|(i, leaf)| out.get_mut(i).and_then(|row| slot(row, leaf)));
        match target {
            Some(t) => *t = Some(s.message.clone()),
            None => unplaced.push(sub_error_text(s)),
        }
    }
    let form = (!unplaced.is_empty()).then(|| unplaced.join(" "));
    (out, form)
}

/// Puts OCP's field errors on the add-replica rows; what names no row goes to the form message.
pub fn apply_replica_sub_errors(rows: usize, subs: &[SubError]) -> ReplicaFormErrors {
    let (rows, form) =
        place_sub_errors(rows, subs, |row: &mut ReplicaRowErrors, leaf| match leaf {
            "zoneName" => Some(&mut row.zone_name),
            "replicaType" => Some(&mut row.replica_type),
            "unitSpecName" | "resourcePool" => Some(&mut row.unit_spec),
            "unitCount" => Some(&mut row.unit_count),
            _ => None,
        });
    ReplicaFormErrors { form, rows }
}

/// Puts OCP's field errors on the switchover pairs.
pub fn apply_pair_sub_errors(rows: usize, subs: &[SubError]) -> PairFormErrors {
    let (rows, form) = place_sub_errors(rows, subs, |row: &mut PairRowErrors, leaf| match leaf {
        "tenantId" => Some(&mut row.primary),
        "standbyTenantId" => Some(&mut row.standby),
        _ => None,
    });
    PairFormErrors { form, rows }
}

fn sub_error_text(s: &SubError) -> String {
    match &s.field {
        Some(f) if !f.is_empty() => format!("{f}: {}", s.message),
        _ => s.message.clone(),
    }
}
