//! Each validation rule, with a case that passes only while the rule exists.
#![cfg(not(target_arch = "wasm32"))]

use ocp_core::i18n::Lang;
use ocp_core::model::{ReplicaType, SubError};
use ocp_core::validation::*;

fn row(zone: &str, t: &str, spec: &str, count: &str) -> ReplicaRow {
    ReplicaRow {
        zone_name: zone.into(),
        replica_type: t.into(),
        unit_spec: spec.into(),
        unit_count: count.into(),
    }
}

fn ctx() -> ReplicaContext {
    ReplicaContext {
        cluster_zones: Some(vec!["z1".into(), "z2".into(), "z3".into()]),
        tenant_zones: vec!["z1".into()],
        unit_specs: Some(vec!["S1".into(), "S2".into()]),
    }
}

fn row_errors(rows: &[ReplicaRow]) -> Vec<ReplicaRowErrors> {
    validate_replicas(rows, &ctx(), Lang::En).unwrap_err().rows
}

#[test]
fn valid_rows_give_the_exact_body() {
    let body = validate_replicas(
        &[
            row(" z2 ", "FULL", "S1", "2"),
            row("z3", "readonly", "S2", "1"),
        ],
        &ctx(),
        Lang::En,
    )
    .unwrap();
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"zoneName": "z2", "replicaType": "FULL", "resourcePool": {"unitSpecName": "S1", "unitCount": 2}},
            {"zoneName": "z3", "replicaType": "READONLY", "resourcePool": {"unitSpecName": "S2", "unitCount": 1}}
        ])
    );
}

#[test]
fn at_least_one_row() {
    assert!(validate_replicas(&[], &ctx(), Lang::En)
        .unwrap_err()
        .form
        .is_some());
}

#[test]
fn zone_must_be_chosen() {
    assert!(row_errors(&[row("  ", "FULL", "S1", "1")])[0]
        .zone_name
        .is_some());
}

#[test]
fn zones_are_unique_within_a_request() {
    let e = row_errors(&[row("z2", "FULL", "S1", "1"), row("z2", "FULL", "S1", "1")]);
    assert!(e[0].zone_name.is_none());
    assert!(e[1].zone_name.as_deref().unwrap().contains("another row"));
}

#[test]
fn zone_must_not_hold_a_replica_already() {
    assert!(row_errors(&[row("z1", "FULL", "S1", "1")])[0]
        .zone_name
        .as_deref()
        .unwrap()
        .contains("already has"));
}

#[test]
fn zone_must_be_in_the_cluster() {
    assert!(row_errors(&[row("z9", "FULL", "S1", "1")])[0]
        .zone_name
        .as_deref()
        .unwrap()
        .contains("not in this cluster"));
    let no_list = ReplicaContext {
        cluster_zones: None,
        ..ctx()
    };
    assert!(validate_replicas(&[row("z9", "FULL", "S1", "1")], &no_list, Lang::En).is_ok());
}

#[test]
fn replica_type_is_one_of_three() {
    assert!(row_errors(&[row("z2", "HALF", "S1", "1")])[0]
        .replica_type
        .is_some());
    assert!(row_errors(&[row("z2", "", "S1", "1")])[0]
        .replica_type
        .is_some());
    for t in ["FULL", "LOGONLY", "READONLY"] {
        assert!(
            validate_replicas(&[row("z2", t, "S1", "1")], &ctx(), Lang::En).is_ok(),
            "{t}"
        );
    }
}

#[test]
fn unit_spec_is_required_and_known() {
    assert!(row_errors(&[row("z2", "FULL", " ", "1")])[0]
        .unit_spec
        .is_some());
    assert!(row_errors(&[row("z2", "FULL", "S9", "1")])[0]
        .unit_spec
        .is_some());
    let free_text = ReplicaContext {
        unit_specs: None,
        ..ctx()
    };
    assert!(validate_replicas(&[row("z2", "FULL", "S9", "1")], &free_text, Lang::En).is_ok());
}

#[test]
fn unit_count_is_an_integer_in_range() {
    for bad in ["", "0", "-1", "1.5", "abc", "1e2", "99999999999"] {
        assert!(
            row_errors(&[row("z2", "FULL", "S1", bad)])[0]
                .unit_count
                .is_some(),
            "{bad:?}"
        );
    }
    let over = (MAX_UNIT_COUNT + 1).to_string();
    assert!(row_errors(&[row("z2", "FULL", "S1", &over)])[0]
        .unit_count
        .is_some());
    assert!(validate_replicas(
        &[row("z2", "FULL", "S1", &MAX_UNIT_COUNT.to_string())],
        &ctx(),
        Lang::En
    )
    .is_ok());
    assert!(validate_replicas(&[row("z2", "FULL", "S1", " 1 ")], &ctx(), Lang::En).is_ok());
}

#[test]
fn version_warning_for_replica_type() {
    assert!(replica_type_warning("READONLY", Some("4.1.0.2"), Lang::En).is_some());
    assert!(replica_type_warning("READONLY", Some("4.2.1.0"), Lang::En).is_none());
    assert!(replica_type_warning("FULL", Some("4.0.0.0"), Lang::En).is_none());
    assert!(replica_type_warning("LOGONLY", None, Lang::En).is_none());
    assert!(ReplicaType::Logonly.accepted_by("3.2.4"));
}

fn pair(p: &str, s: &str) -> PairRow {
    PairRow {
        primary: p.into(),
        standby: s.into(),
    }
}

#[test]
fn valid_pairs_give_the_exact_body() {
    let body = validate_pairs(&[pair("1", "2"), pair(" 3", "4 ")], Lang::En).unwrap();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({"tenantParamList": [{"tenantId": 1, "standbyTenantId": 2}, {"tenantId": 3, "standbyTenantId": 4}]})
    );
}

#[test]
fn tenant_ids_are_positive_integers() {
    for bad in ["", "0", "-3", "abc", "1.0", "+5"] {
        let e = validate_pairs(&[pair(bad, "2")], Lang::En).unwrap_err();
        assert!(e.rows[0].primary.is_some(), "{bad:?}");
        let e = validate_pairs(&[pair("1", bad)], Lang::En).unwrap_err();
        assert!(e.rows[0].standby.is_some(), "{bad:?}");
    }
}

#[test]
fn a_tenant_is_never_paired_with_itself() {
    assert!(validate_pairs(&[pair("5", "5")], Lang::En)
        .unwrap_err()
        .rows[0]
        .standby
        .as_deref()
        .unwrap()
        .contains("itself"));
}

#[test]
fn no_tenant_in_two_pairs() {
    let e = validate_pairs(&[pair("1", "2"), pair("2", "3")], Lang::En).unwrap_err();
    assert!(e.rows[1].primary.is_some());
    let e = validate_pairs(&[pair("1", "2"), pair("3", "1")], Lang::En).unwrap_err();
    assert!(e.rows[1].standby.is_some());
    assert!(validate_pairs(&[], Lang::En).unwrap_err().form.is_some());
}

#[test]
fn ocp_sub_errors_land_on_their_fields() {
    let subs = vec![
        SubError {
            field: Some("[1].resourcePool.unitCount".into()),
            message: "too many".into(),
            ..Default::default()
        },
        SubError {
            field: Some("[0].zoneName".into()),
            message: "zone busy".into(),
            ..Default::default()
        },
        SubError {
            field: Some("[0].resourcePool.unitSpecName".into()),
            message: "no spec".into(),
            ..Default::default()
        },
        SubError {
            field: Some("tenantId".into()),
            message: "odd".into(),
            ..Default::default()
        },
    ];
    let e = apply_replica_sub_errors(2, &subs);
    assert_eq!(e.rows[1].unit_count.as_deref(), Some("too many"));
    assert_eq!(e.rows[0].zone_name.as_deref(), Some("zone busy"));
    assert_eq!(e.rows[0].unit_spec.as_deref(), Some("no spec"));
    assert_eq!(e.form.as_deref(), Some("tenantId: odd"));

    let subs = vec![SubError {
        field: Some("tenantParamList[1].standbyTenantId".into()),
        message: "not its standby".into(),
        ..Default::default()
    }];
    let e = apply_pair_sub_errors(2, &subs);
    assert_eq!(e.rows[1].standby.as_deref(), Some("not its standby"));
    assert!(
        apply_pair_sub_errors(1, &subs).form.is_some(),
        "a row that does not exist goes to the form"
    );
}

#[test]
fn messages_follow_the_language() {
    let e = validate_pairs(&[pair("5", "5")], Lang::Zh).unwrap_err();
    assert_eq!(e.rows[0].standby.as_deref(), Some("租户不能与自身配对。"));
    let e = validate_replicas(&[row("z2", "FULL", "S1", "x")], &ctx(), Lang::Zh).unwrap_err();
    assert_eq!(
        e.rows[0].unit_count.as_deref(),
        Some("单元数量必须是整数。")
    );
}
