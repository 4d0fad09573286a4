//! Splits an OCP subtask log into runs at its `############{OP}{TIME}############` header lines,
//! one run per execution (EXECUTE, RETRY, ROLLBACK, …), and searches the runs.

const FENCE: &str = "############";

/// One execution of a subtask, as shown in its own tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRun {
    /// Position among the runs, from 0.
    pub index: usize,
    /// The operation named in the header (`EXECUTE`, `RETRY`, …, kept as written);
    /// empty for text before the first header or a log without headers.
    pub operation: String,
    /// The header's RFC 3339 timestamp as written; empty when `operation` is.
    pub started: String,
    /// The lines after the header up to the next header, each ending in `\n` (`\r\n` becomes `\n`).
    pub body: String,
}

impl LogRun {
    /// The body's lines without their `\n`; the numbering used by [`search`].
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.body.split_terminator('\n')
    }
}

/// Splits a whole subtask log into runs.
///
/// Text before the first header becomes a run with empty `operation` and `started` unless it is
/// only whitespace; a log without headers is one such run; an empty log gives no runs.
/// Lines end with `\n` or `\r\n`; anything that is not exactly a header stays body text.
pub fn split_runs(log: &str) -> Vec<LogRun> {
    let mut runs: Vec<LogRun> = Vec::new();
    let mut current: Option<(String, String, Vec<&str>)> = None;
    let mut preamble: Vec<&str> = Vec::new();
    for line in log.lines() {
        if let Some((operation, started)) = is_header(line) {
            match current.take() {
                Some(run) => push_run(&mut runs, run),
                None if preamble.iter().any(|l| !l.trim().is_empty()) => push_run(
                    &mut runs,
                    (String::new(), String::new(), std::mem::take(&mut preamble)),
                ),
                None => {}
            }
            current = Some((operation.to_owned(), started.to_owned(), Vec::new()));
        } else if let Some((_, _, body)) = current.as_mut() {
            body.push(line);
        } else {
            preamble.push(line);
        }
    }
    match current {
        Some(run) => push_run(&mut runs, run),
        None if !log.trim().is_empty() => {
            push_run(&mut runs, (String::new(), String::new(), preamble))
        }
        None => {}
    }
    runs
}

fn push_run(runs: &mut Vec<LogRun>, (operation, started, body): (String, String, Vec<&str>)) {
    runs.push(LogRun {
        index: runs.len(),
        operation,
        started,
        body: body.iter().flat_map(|line| [*line, "\n"]).collect(),
    });
}

/// Recognises a run header such as `############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############`
/// and returns `(operation, timestamp)`.
///
/// Both fences are exactly twelve `#`; the operation is 1–64 ASCII letters, digits, `_` or `-`;
/// the timestamp is RFC 3339 with 0–6 fraction digits and `Z` or a `±hh:mm` offset. A trailing
/// `\r` is ignored; any other extra text makes the line plain text.
pub fn is_header(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let inner = line.strip_prefix(FENCE)?.strip_suffix(FENCE)?;
    let inner = inner.strip_prefix('{')?.strip_suffix('}')?;
    let (operation, started) = inner.split_once("}{")?;
    let operation_ok = (1..=64).contains(&operation.len())
        && operation
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (operation_ok && is_rfc3339(started)).then_some((operation, started))
}

fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |range: std::ops::Range<usize>, max: u32| -> Option<u32> {
        let digits = b.get(range)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = digits
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
        (n <= max).then_some(n)
    };
    let date_time_ok = num(0..4, 9999).is_some()
        && b.get(4) == Some(&b'-')
        && num(5..7, 12).is_some_and(|m| m >= 1)
        && b.get(7) == Some(&b'-')
        && num(8..10, 31).is_some_and(|d| d >= 1)
        && matches!(b.get(10), Some(b'T' | b't'))
        && num(11..13, 23).is_some()
        && b.get(13) == Some(&b':')
        && num(14..16, 59).is_some()
        && b.get(16) == Some(&b':')
        && num(17..19, 60).is_some();
    if !date_time_ok {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=6).contains(&digits) {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            };
            two(*h1, *h2).is_some_and(|h| h <= 23) && two(*m1, *m2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Finds the lines containing `needle`, ignoring ASCII case, as `(run's index, line number in its
/// body)` pairs, both from 0, in order. An empty needle matches nothing.
pub fn search(runs: &[LogRun], needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    runs.iter()
        .flat_map(|run| {
            run.lines()
                .enumerate()
                .filter(|(_, line)| crate::text::contains_ignore_case(line, needle))
                .map(move |(n, _)| (run.index, n))
        })
        .collect()
}

/// How a log line reads: an error, a warning, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Plain,
    Warn,
    Error,
}

impl Level {
    /// The line's class beside `log-line`, empty for a plain line.
    pub fn class(self) -> &'static str {
        match self {
            Level::Plain => "",
            Level::Warn => "lv-warn",
            Level::Error => "lv-error",
        }
    }

    /// The visible marker beside the line number, empty for a plain line.
    pub fn marker(self) -> &'static str {
        match self {
            Level::Plain => "",
            Level::Warn => "▲",
            Level::Error => "✕",
        }
    }
}

/// The level of one line: `ERROR` or `FATAL` as a whole upper-case word makes it an error,
/// else `WARN` or `WARNING` a warning (`[ERROR]`, ` WARN 57200 ---` count; `ERRORS`, `error` and
/// `ERROR_CODE` do not).
pub fn level(line: &str) -> Level {
    let mut found = Level::Plain;
    for word in line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        match word {
            "ERROR" | "FATAL" => return Level::Error,
            "WARN" | "WARNING" => found = Level::Warn,
            _ => {}
        }
    }
    found
}

/// Whether `new` keeps `old` and only adds text after it (OCP answers the whole log each time),
/// so that lines already shown stay as they are, except the last one when `old` did not end in a
/// line break.
pub fn extends(old: &str, new: &str) -> bool {
    new.starts_with(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data.log` of OCP's get-subtask-log sample response (fixtures/ocp-samples).
    const REAL_LOG: &str = r##"############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############
2021-08-25 15:09:32.716  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Run subtask, id=13000335, context=Context(parallelIdx=-1, stringMap={prohibit_rollback=false, is_reinstall_host_agent=true, ocp_agent_install_version=3.1.2-20210812221645, task_instance_id=35000312, task_operation=execute, latest_execution_start_time=2021-08-25T15:09:32.688+08:00, ocp_agent_origin_version=3.1.2-20210812221645, sub_task_instance_id=13000335, host_id=3000002}, listMap={}), executor=xxx.xxx.xxx.xxx

2021-08-25 15:09:32.726  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] a.o.s.t.b.h.PrepareReinstallOcpAgentTask : [PrepareReinstallOcpAgentTask] begin

2021-08-25 15:09:32.755  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.service.compute.host.HostService   : Updated host status: host [3000002:xxx.xxx.xxx.xxx], from status [ONLINE] to [OFFLINE]

2021-08-25 15:09:32.772  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Checking and updating OCP agent status for OCP agent reinstallation: hostId=3000002

2021-08-25 15:09:32.776  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Checking OCP agent status for OCP agent reinstallation: hostId=3000002

2021-08-25 15:09:32.791  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Finding OCP agent: hostId=3000002

2021-08-25 15:09:32.796  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.c.p.HostAgentProcessService      : Getting all OCP agent processes on host 3000002

2021-08-25 15:09:32.911  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Finding OCP agent: hostId=3000002

2021-08-25 15:09:32.916  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.c.p.HostAgentProcessService      : Getting all OCP agent processes on host 3000002

2021-08-25 15:09:32.945  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Updating OCP agent status, hostId=3000002, status=REINSTALLING

2021-08-25 15:09:32.951  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.s.compute.agent.HostAgentService   : Updated agent 5000003 status REINSTALLING 

2021-08-25 15:09:33.064  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] a.o.s.t.b.h.PrepareReinstallOcpAgentTask : [PrepareReinstallOcpAgentTask] end

2021-08-25 15:09:33.073  INFO 57200 --- [pool-subtask-executor-thread-32,8ae3dcf2e4374658,d286cf9d6de4] c.a.o.c.m.t.model.SubtaskInstanceEntity  : Set state for subtask: 13000335, current state: RUNNING, new state: SUCCESSFUL
"##;

    /// The example from OCP's API reference.
    const DOC_LOG: &str = r##"############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############
2021-08-25 15:09:32.697  INFO 1 --- [pool-manual-subtask-executor1,1d8d5bd9d5a6c5ed,2c6bd73bb6b7a3b8] c.o.o.c.t.e.c.w.subtask.SubtaskExecutor  : Start execute subtask, subtaskId=13000333, operation=EXECUTE
2021-08-25 15:09:32.698  INFO 1 --- [pool-manual-subtask-executor1,1d8d5bd9d5a6c5ed,2c6bd73bb6b7a3b8] c.o.o.c.t.e.c.w.subtask.SubtaskExecutor  : Set subtask context, context={"stringMap":{}}
2021-08-25 15:09:35.626  INFO 1 --- [pool-manual-subtask-executor1,1d8d5bd9d5a6c5ed,2c6bd73bb6b7a3b8] c.o.o.c.t.e.c.w.subtask.SubtaskExecutor  : Execute subtask success, subtaskId=13000333
"##;

    fn three_runs() -> String {
        [
            "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############",
            "exec line 1",
            "exec FAILED: timeout",
            "############{RETRY}{2021-08-25T15:20:00+08:00}############",
            "retry line 1",
            "############{ROLLBACK}{2021-08-25T15:30:00.123456Z}############",
            "rollback line 1",
            "rollback line 2",
            "",
        ]
        .join("\n")
    }

    #[test]
    fn real_log_is_one_execute_run() {
        let runs = split_runs(REAL_LOG);
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run.index, 0);
        assert_eq!(run.operation, "EXECUTE");
        assert_eq!(run.started, "2021-08-25T15:09:32.697+08:00");
        let lines: Vec<&str> = run.lines().collect();
        assert_eq!(lines.len(), 25);
        assert!(lines[0].starts_with("2021-08-25 15:09:32.716  INFO 57200 --- "));
        assert!(lines[0].ends_with("executor=xxx.xxx.xxx.xxx"));
        assert_eq!(lines[1], "");
        assert!(lines[24].ends_with("current state: RUNNING, new state: SUCCESSFUL"));
        assert!(!run.body.contains("############"));
        assert_eq!(
            format!("{}{}", REAL_LOG.lines().next().unwrap(), "\n") + &run.body,
            REAL_LOG
        );
    }

    #[test]
    fn documented_example_is_one_run_of_three_lines() {
        let runs = split_runs(DOC_LOG);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].operation, "EXECUTE");
        assert_eq!(runs[0].started, "2021-08-25T15:09:32.697+08:00");
        let lines: Vec<&str> = runs[0].lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].ends_with("Start execute subtask, subtaskId=13000333, operation=EXECUTE"));
        assert!(lines[1].ends_with(r#"context={"stringMap":{}}"#));
        assert!(lines[2].ends_with("Execute subtask success, subtaskId=13000333"));
    }

    #[test]
    fn three_runs_in_order() {
        let runs = split_runs(&three_runs());
        let summary: Vec<(usize, &str, &str, &str)> = runs
            .iter()
            .map(|r| {
                (
                    r.index,
                    r.operation.as_str(),
                    r.started.as_str(),
                    r.body.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    0,
                    "EXECUTE",
                    "2021-08-25T15:09:32.697+08:00",
                    "exec line 1\nexec FAILED: timeout\n"
                ),
                (1, "RETRY", "2021-08-25T15:20:00+08:00", "retry line 1\n"),
                (
                    2,
                    "ROLLBACK",
                    "2021-08-25T15:30:00.123456Z",
                    "rollback line 1\nrollback line 2\n"
                ),
            ]
        );
    }

    #[test]
    fn unknown_operations_and_empty_runs_are_kept() {
        let log = "############{REDO_LATER}{2024-01-02T03:04:05Z}############\n\
                   ############{SKIP}{2024-01-02T03:04:06-05:30}############\nskipped\n";
        let runs = split_runs(log);
        assert_eq!(runs.len(), 2);
        assert_eq!(
            (runs[0].operation.as_str(), runs[0].body.as_str()),
            ("REDO_LATER", "")
        );
        assert_eq!(runs[0].lines().count(), 0);
        assert_eq!(
            (runs[1].operation.as_str(), runs[1].body.as_str()),
            ("SKIP", "skipped\n")
        );
    }

    #[test]
    fn preamble_becomes_its_own_run() {
        let log = format!("queued by admin\nwaiting\n{}", three_runs());
        let runs = split_runs(&log);
        assert_eq!(runs.len(), 4);
        assert_eq!(
            (runs[0].operation.as_str(), runs[0].started.as_str()),
            ("", "")
        );
        assert_eq!(runs[0].body, "queued by admin\nwaiting\n");
        assert_eq!(runs[1].operation, "EXECUTE");
        assert_eq!(runs[3].index, 3);
        let blank = format!("  \n\n{}", three_runs());
        assert_eq!(split_runs(&blank).len(), 3);
    }

    #[test]
    fn text_without_headers_is_one_run_and_empty_is_none() {
        let runs = split_runs("plain\ntext");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].operation, "");
        assert_eq!(runs[0].body, "plain\ntext\n");
        assert!(split_runs("").is_empty());
        assert!(split_runs(" \n\t\n").is_empty());
    }

    #[test]
    fn crlf_line_endings() {
        let crlf = three_runs().replace('\n', "\r\n");
        let runs = split_runs(&crlf);
        assert_eq!(runs, split_runs(&three_runs()));
        assert!(runs.iter().all(|r| !r.body.contains('\r')));
        assert_eq!(runs[1].lines().collect::<Vec<_>>(), ["retry line 1"]);
    }

    #[test]
    fn near_miss_headers_stay_text() {
        let near_misses = [
            "###########{EXECUTE}{2021-08-25T15:09:32.697+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}#############",
            "#############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############",
            "############EXECUTE}{2021-08-25T15:09:32.697+08:00}############",
            "############{EXECUTE{2021-08-25T15:09:32.697+08:00}############",
            "############{EXECUTE}2021-08-25T15:09:32.697+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.697+08:00############",
            "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############ trailing",
            " ############{EXECUTE}{2021-08-25T15:09:32.697+08:00}############",
            "############{}{2021-08-25T15:09:32.697+08:00}############",
            "############{EXE CUTE}{2021-08-25T15:09:32.697+08:00}############",
            "############{EXECUTE}{}############",
            "############{EXECUTE}{2021-08-25 15:09:32.697+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.6970001+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.697}############",
            "############{EXECUTE}{2021-08-25T15:09:32.697+0800}############",
            "############{EXECUTE}{2021-13-25T15:09:32.697+08:00}############",
            "############{EXECUTE}{2021-08-25T25:09:32.697+08:00}############",
            "############{EXECUTE}{2021-08-25T15:09:32.697+08:00}{x}############",
            "############{EXECUTE}{２021-08-25T15:09:32.697+08:00}############",
            "########################",
            "############{}############",
        ];
        for line in near_misses {
            assert_eq!(is_header(line), None, "{line}");
            let log = format!("{line}\nafter\n");
            let runs = split_runs(&log);
            assert_eq!(runs.len(), 1, "{line}");
            assert_eq!(runs[0].operation, "");
            assert_eq!(runs[0].body, log);
        }
        for ts in [
            "2021-08-25T15:09:32+08:00",
            "2021-08-25T15:09:32.6Z",
            "2021-08-25T15:09:32.123456-03:30",
            "2021-08-25t15:09:32z",
        ] {
            let line = format!("############{{CANCEL}}{{{ts}}}############");
            assert_eq!(is_header(&line), Some(("CANCEL", ts)));
            assert_eq!(is_header(&format!("{line}\r")), Some(("CANCEL", ts)));
        }
    }

    #[test]
    fn markup_is_kept_verbatim() {
        let log = "############{EXECUTE}{2021-08-25T15:09:32Z}############\n\
                   <script>alert(1)</script> &amp; <b>bold</b>\n";
        let runs = split_runs(log);
        assert_eq!(
            runs[0].body,
            "<script>alert(1)</script> &amp; <b>bold</b>\n"
        );
    }

    #[test]
    fn search_is_case_insensitive_with_run_and_line() {
        let runs = split_runs(&format!("Preamble LINE\n{}", three_runs()));
        assert_eq!(search(&runs, "line 1"), [(1, 0), (2, 0), (3, 0)]);
        assert_eq!(search(&runs, "FAILED: TIME"), [(1, 1)]);
        assert_eq!(search(&runs, "ROLLBACK LINE 2"), [(3, 1)]);
        assert_eq!(search(&runs, "preamble"), [(0, 0)]);
        assert!(search(&runs, "EXECUTE").is_empty());
        assert!(search(&runs, "").is_empty());
        let real = split_runs(REAL_LOG);
        assert_eq!(
            search(&real, "prepareREINSTALLocpagenttask] END"),
            [(0, 22)]
        );
    }
    #[test]
    fn levels_are_whole_upper_case_words() {
        assert_eq!(
            level("2021-08-25 15:09:32.716 ERROR 57200 --- [main] x"),
            Level::Error
        );
        assert_eq!(level("[ERROR] tenant 1001 is locked"), Level::Error);
        assert_eq!(level("FATAL: disk full"), Level::Error);
        assert_eq!(
            level("2021-08-25 15:09:32.716  WARN 57200 --- slow"),
            Level::Warn
        );
        assert_eq!(level("WARNING: retrying"), Level::Warn);
        assert_eq!(level("WARN then ERROR"), Level::Error);
        assert_eq!(level("ERROR then WARN"), Level::Error);
        for plain in [
            "no error here",
            "ERRORS: 0",
            "ERROR_CODE=0",
            "WARNED",
            "INFO ok",
            "",
            "XERROR",
        ] {
            assert_eq!(level(plain), Level::Plain, "{plain}");
        }
        assert_eq!(
            split_runs(REAL_LOG)[0]
                .lines()
                .filter(|l| level(l) != Level::Plain)
                .count(),
            0
        );
        assert_eq!(
            (
                Level::Error.class(),
                Level::Warn.class(),
                Level::Plain.class()
            ),
            ("lv-error", "lv-warn", "")
        );
        assert!(!Level::Error.marker().is_empty() && !Level::Warn.marker().is_empty());
        assert_ne!(Level::Error.marker(), Level::Warn.marker());
    }

    #[test]
    fn a_longer_log_extends_the_old_one_only_when_it_starts_with_it() {
        assert!(extends("", "a\n"));
        assert!(extends("a\n", "a\nb\n"));
        assert!(extends("a\n", "a\n"));
        assert!(extends("a", "ab\n"));
        assert!(!extends("a\nb\n", "a\n"));
        assert!(!extends("a\nb\n", "x\na\nb\nc\n"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            ".*",
            "[#{}A-Z0-9:.+TZ-]{0,70}",
            "(EXECUTE|RETRY|ROLLBACK|X)".prop_map(|op| format!(
                "############{{{op}}}{{2021-08-25T15:09:32.697+08:00}}############"
            )),
            Just(String::new()),
            Just("\r".to_owned()),
        ]
    }

    fn log() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            (
                proptest::collection::vec(line(), 0..12),
                "(\n|\r\n)",
                any::<bool>()
            )
                .prop_map(|(lines, eol, trailing)| {
                    let mut s = lines.join(&eol);
                    if trailing {
                        s.push_str(&eol);
                    }
                    s
                }),
        ]
    }

    proptest! {
        #[test]
        fn runs_reconstruct_every_non_header_line(log in log()) {
            let runs = split_runs(&log);
            let lines: Vec<&str> = log.lines().collect();
            let first_header = lines.iter().position(|l| is_header(l).is_some());
            let preamble = &lines[..first_header.unwrap_or(lines.len())];
            let skip = if preamble.iter().all(|l| l.trim().is_empty()) { preamble.len() } else { 0 };
            let expected: Vec<&str> = lines[skip..]
                .iter()
                .map(|l| if is_header(l).is_some() { l.strip_suffix('\r').unwrap_or(l) } else { l })
                .collect();
            let mut rebuilt: Vec<String> = Vec::new();
            for (i, run) in runs.iter().enumerate() {
                prop_assert_eq!(run.index, i);
                if !run.operation.is_empty() {
                    rebuilt.push(format!("############{{{}}}{{{}}}############", run.operation, run.started));
                } else {
                    prop_assert_eq!(i, 0);
                    prop_assert!(run.started.is_empty());
                }
                rebuilt.extend(run.lines().map(str::to_owned));
            }
            prop_assert_eq!(rebuilt, expected);
            let _ = search(&runs, &log.chars().take(3).collect::<String>());
        }
    }
}
