//! Hostile and odd answers from OCP: each decodes to a value or a typed error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use ocp_core::error::{decode_response, parse_reset, ApiError};
use ocp_core::i18n::Lang;
use ocp_core::model::*;
use proptest::prelude::*;
use serde_json::Value;

fn task(body: &str) -> Result<Option<TaskInstance>, ApiError> {
    decode_response::<TaskInstance>(200, None, body)
}

#[test]
fn tolerant_fields() {
    let t = task(
        r#"{"data":{"id":7,"status":"PAUSED","operation":"WARP","creator":{"id":1},
        "subtasks":[{"id":2,"status":"SLEEPING","paralleIdx":3},{"id":1}]},"successful":true}"#,
    )
    .unwrap()
    .unwrap();
    assert_eq!(t.status, TaskStatus::Other("PAUSED".into()));
    assert_eq!(t.derived_state(), DerivedState::Other("PAUSED".into()));
    assert_eq!(t.subtasks[0].status.as_str(), "SLEEPING");
    assert_eq!(t.subtasks[0].parallel_idx, 3);
    assert_eq!(t.subtasks[1].parallel_idx, -1);
    assert_eq!(t.creator_name().as_deref(), Some("user 1"));

    let p: Page<Tenant> = decode_response(
        200,
        None,
        r#"{"data":{"contents":[{"id":1}],"page":{"totalPage":3,"number":1}}}"#,
    )
    .unwrap()
    .unwrap();
    assert_eq!(p.page.unwrap().total_pages, 3);
    let bare: Page<Zone> = decode_response(200, None, r#"{"data":{"contents":[]}}"#)
        .unwrap()
        .unwrap();
    assert!(bare.page.is_none());
}

#[test]
fn derived_states() {
    let mk = |status: &str, op: &str| {
        task(&format!(
            r#"{{"data":{{"id":1,"status":"{status}","operation":"{op}"}}}}"#
        ))
        .unwrap()
        .unwrap()
        .derived_state()
    };
    assert_eq!(mk("SUCCESSFUL", "ROLLBACK"), DerivedState::RolledBack);
    assert_eq!(mk("SUCCESSFUL", "EXECUTE"), DerivedState::Successful);
    assert_eq!(mk("RUNNING", "RETRY"), DerivedState::Retrying);
    assert_eq!(mk("RUNNING", "ROLLBACK"), DerivedState::RollingBack);
    assert_eq!(mk("RUNNING", "EXECUTE"), DerivedState::Running);
    assert_eq!(mk("FAILED", "RETRY"), DerivedState::Failed);
    assert_eq!(DerivedState::RolledBack.title(Lang::En), "Rolled back");
    assert_eq!(DerivedState::RolledBack.title(Lang::Zh), "已回滚");
}

#[test]
fn error_envelopes_keep_code_message_and_trace() {
    let body = r#"{"successful":false,"status":400,"traceId":"abc123","error":{"code":"20003",
        "message":"Task state forbids retry","subErrors":[{"field":"[0].zoneName","message":"bad zone"}]}}"#;
    let e = decode_response::<TaskInstance>(400, None, body).unwrap_err();
    assert_eq!(e.code(), Some(20003));
    assert_eq!(e.trace_id(), Some("abc123"));
    assert_eq!(e.sub_errors().len(), 1);
    assert!(e.to_string().contains("Task state forbids retry"));
    assert!(e.to_string().contains("abc123"));

    let e = decode_response::<TaskInstance>(
        200,
        None,
        r#"{"successful":false,"status":404,"error":{"code":10002,"message":"no such tenant"}}"#,
    )
    .unwrap_err();
    assert!(matches!(e, ApiError::Http { status: 404, .. }));
}

#[test]
fn rate_limit_reset_seconds() {
    let cases = [
        ("17", Some(17)),
        (" 3 ", Some(3)),
        ("1.5", Some(2)),
        ("2.000", Some(2)),
        (".25", Some(1)),
        ("0", Some(0)),
        ("18446744073709551615.5", Some(u64::MAX)),
        ("", None),
        (".", None),
        ("-1", None),
        ("1e3", None),
        ("soon", None),
        ("1.2.3", None),
    ];
    for (header, want) in cases {
        assert_eq!(parse_reset(Some(header)), want, "{header:?}");
    }
    assert_eq!(parse_reset(None), None);
}

#[test]
fn status_classes() {
    let rate = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/ocp-samples/common--rate-limit-exceeded--response.json"
    ))
    .unwrap();
    match decode_response::<Value>(429, Some("17"), &rate).unwrap_err() {
        ApiError::RateLimited {
            reset_secs,
            message,
            trace_id,
        } => {
            assert_eq!(reset_secs, Some(17));
            assert!(message.contains("Excessive"));
            assert_eq!(trace_id.as_deref(), Some(""));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        decode_response::<Value>(
            401,
            None,
            r#"{"successful":false,"status":401,"error":{"code":30000,"message":"Not logged in"}}"#
        ),
        Err(ApiError::Unauthorized { .. })
    ));
    match decode_response::<Value>(502, None, "<html>Bad gateway</html>").unwrap_err() {
        ApiError::Http {
            status, message, ..
        } => {
            assert_eq!(status, 502);
            assert!(message.contains("Bad gateway"));
        }
        other => panic!("{other:?}"),
    }
    match decode_response::<TaskInstance>(200, None, r#"{"data": {"id": 1,,}"#).unwrap_err() {
        ApiError::Decode { snippet, .. } => assert!(snippet.starts_with("{\"data\"")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_inputs_never_panic() {
    let long = "x".repeat(1 << 20);
    let cases = vec![
        String::new(),
        "null".into(),
        "[]".into(),
        "{}".into(),
        r#"{"data":null}"#.into(),
        r#"{"data":{"id":"seven"}}"#.into(),
        r#"{"data":{"id":1,"subtasks":{"id":2}}}"#.into(),
        r#"{"data":{"id":1,"subtasks":[{"id":2,"upstreams":["a"]}]}}"#.into(),
        r#"{"data":{"id":1,"startTime":"garbage","creator":42}}"#.into(),
        r#"{"data":{"id":1e400}}"#.into(),
        format!(r#"{{"data":{{"id":1,"name":"{long}"}}}}"#),
        format!(r#"{{"successful":false,"error":{{"message":"{long}"}}}}"#),
        r#"{"data":{"id":1,"subtasks":[{"id":1,"status":"#.into(),
        "\u{feff}{}".into(),
        "{\"data\":{\"id\":1,\"name\":\"\\ud800\"}}".into(),
    ];
    for body in &cases {
        for status in [200u16, 201, 400, 401, 404, 429, 500, 502, 503] {
            let out = decode_response::<TaskInstance>(status, Some("x"), body);
            if let Err(e) = &out {
                let shown = e.to_string();
                assert!(shown.chars().count() < 2000, "error text must be bounded");
            }
            let _ = decode_response::<TaskList>(status, None, body);
            let _ = decode_response::<TenantDetail>(status, None, body);
        }
    }
    assert!(task(r#"{"data":{"id":"seven"}}"#).is_err());
    assert!(matches!(task("{}"), Ok(None)));
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            ".{0,20}",
            Just("RUNNING".to_string()),
            Just("2021-08-25T15:09:31.74+08:00".to_string())
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("data".to_string()),
            Just("id".to_string()),
            Just("subtasks".to_string()),
            Just("status".to_string()),
            Just("creator".to_string()),
            Just("error".to_string()),
            Just("contents".to_string()),
            Just("page".to_string()),
            Just("upstreams".to_string()),
            Just("successful".to_string()),
            Just("startTime".to_string()),
            "[a-z]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_of_arbitrary_json_never_panics(v in arb_json(), status in prop_oneof![Just(200u16), Just(400), Just(429), Just(500)]) {
        let text = v.to_string();
        if let Ok(Some(t)) = decode_response::<TaskInstance>(status, None, &text) {
            let p = t.progress();
            prop_assert!(p.done <= p.total);
            let _ = t.derived_state();
            let _ = t.current_step();
        }
        let _ = decode_response::<TaskList>(status, None, &text);
        let _ = decode_response::<Page<Tenant>>(status, None, &text);
        let _ = decode_response::<PrecheckResult>(status, None, &text);
    }

    #[test]
    fn decode_of_arbitrary_bytes_never_panics(s in ".{0,200}") {
        let _ = decode_response::<TaskInstance>(200, Some(&s), &s);
    }
}

/// The live path from an HTTP answer to the poll schedule: decode, then `poll_outcome`.
#[test]
fn answers_steer_the_poll_schedule() {
    use ocp_core::poll::Outcome;
    let err = |status: u16, reset: Option<&str>| {
        let body = format!(
            r#"{{"successful":false,"status":{status},"traceId":"t","error":{{"code":1,"message":"m"}}}}"#
        );
        decode_response::<Value>(status, reset, &body)
            .unwrap_err()
            .poll_outcome()
    };
    assert_eq!(err(401, None), Outcome::Unauthorized);
    assert_eq!(
        err(429, Some("7")),
        Outcome::RateLimited {
            reset_secs: Some(7)
        }
    );
    assert_eq!(err(429, None), Outcome::RateLimited { reset_secs: None });
    assert_eq!(err(503, None), Outcome::Failed);
    assert_eq!(err(403, None), Outcome::Failed);
    assert_eq!(
        decode_response::<Value>(200, None, "<html>proxy</html>")
            .unwrap_err()
            .poll_outcome(),
        Outcome::Failed
    );
}
