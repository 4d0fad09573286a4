//! The batch as a change record: CSV (RFC 4180) and JSON with pairs, prechecks, task ids, times,
//! outcomes and the operator.

use super::{BatchRecord, BoardRow, Precheck, Side};
use serde::Serialize;

/// `2021-08-25T07:09:31.000Z` for milliseconds since the epoch.
pub fn rfc3339_utc(ms: u64) -> String {
    let secs = ms / 1000;
    let sod = secs % 86_400;
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        sod / 3600,
        sod / 60 % 60,
        sod % 60,
        ms % 1000
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeRow<'a> {
    primary: &'a Side,
    standby: &'a Side,
    precheck: Option<&'a Precheck>,
    task_id: Option<i64>,
    outcome: &'static str,
    step: Option<&'a str>,
    start_time: Option<&'a str>,
    finish_time: Option<&'a str>,
    elapsed_ms: Option<u64>,
    roles_before: Option<String>,
    roles_after: Option<String>,
    verify: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeRecord<'a> {
    operator: Option<&'a str>,
    started_at: Option<String>,
    pairs: Vec<ChangeRow<'a>>,
}

fn roles(r: &Option<(String, String)>) -> Option<String> {
    r.as_ref().map(|(p, s)| format!("{p}/{s}"))
}

fn change_record<'a>(record: Option<&'a BatchRecord>, rows: &'a [BoardRow]) -> ChangeRecord<'a> {
    let pair = |r: &BoardRow| record.zip(r.pair).and_then(|(b, i)| b.pairs.get(i));
    ChangeRecord {
        operator: record.and_then(|r| r.operator.as_deref()),
        started_at: record.map(|r| rfc3339_utc(r.started_ms)),
        pairs: rows
            .iter()
            .map(|r| ChangeRow {
                primary: &r.primary,
                standby: &r.standby,
                precheck: pair(r).and_then(|p| p.precheck.as_ref()),
                task_id: r.task_id,
                outcome: r.state.label().en(),
                step: r.step.as_deref(),
                start_time: r.started.as_ref().map(|t| t.raw.as_str()),
                finish_time: r.finished.as_ref().map(|t| t.raw.as_str()),
                elapsed_ms: r.elapsed_ms,
                roles_before: pair(r).and_then(|p| roles(&p.roles_before)),
                roles_after: pair(r).and_then(|p| roles(&p.roles_after)),
                verify: r.verify.label().en(),
            })
            .collect(),
    }
}

/// The record as pretty JSON, rows in the order given.
pub fn to_json(record: Option<&BatchRecord>, rows: &[BoardRow]) -> String {
    serde_json::to_string_pretty(&change_record(record, rows)).unwrap_or_default()
}

fn push_line(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

const HEADER: [&str; 20] = [
    "operator",
    "batch_started",
    "primary_id",
    "primary_name",
    "primary_cluster",
    "standby_id",
    "standby_name",
    "standby_cluster",
    "precheck",
    "precheck_reasons",
    "task_id",
    "outcome",
    "step",
    "start_time",
    "finish_time",
    "elapsed_ms",
    "roles_before",
    "roles_after",
    "verify",
    "progress",
];

/// The record as CSV: a header, then one line per row, CRLF line ends, fields quoted as
/// RFC 4180 asks (commas, quotes and line breaks).
pub fn to_csv(record: Option<&BatchRecord>, rows: &[BoardRow]) -> String {
    let rec = change_record(record, rows);
    let mut out = String::new();
    push_line(&mut out, &HEADER);
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for (c, r) in rec.pairs.iter().zip(rows) {
        let precheck = match c.precheck {
            Some(p) if p.passed => "passed",
            Some(_) => "failed",
            None => "",
        };
        let reasons = c.precheck.map(|p| p.reasons.join("; ")).unwrap_or_default();
        let fields = [
            rec.operator.unwrap_or_default().to_string(),
            rec.started_at.clone().unwrap_or_default(),
            opt(c.primary.id),
            c.primary.name.clone().unwrap_or_default(),
            c.primary.cluster.clone().unwrap_or_default(),
            opt(c.standby.id),
            c.standby.name.clone().unwrap_or_default(),
            c.standby.cluster.clone().unwrap_or_default(),
            precheck.to_string(),
            reasons,
            opt(c.task_id),
            c.outcome.to_string(),
            c.step.unwrap_or_default().to_string(),
            c.start_time.unwrap_or_default().to_string(),
            c.finish_time.unwrap_or_default().to_string(),
            c.elapsed_ms.map(|n| n.to_string()).unwrap_or_default(),
            c.roles_before.clone().unwrap_or_default(),
            c.roles_after.clone().unwrap_or_default(),
            c.verify.to_string(),
            format!("{}/{}", r.progress.done, r.progress.total),
        ];
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        push_line(&mut out, &fields);
    }
    out
}
