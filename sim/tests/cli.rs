//! The real binary: prints its listening line, serves over HTTP, reads `OCP_SIM_FAULTS`, takes
//! `--pairs` and `--rate-limit`, and exits cleanly on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_serves_and_shuts_down_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocp-sim"))
        .args([
            "--port",
            "0",
            "--step-ms",
            "5",
            "--seed",
            "1",
            "--quiet",
            "--pairs",
            "2",
            "--rate-limit",
            "1000",
        ])
        .env("OCP_SIM_FAULTS", r#"{"error500Rate": 1.0, "count": 1}"#)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("ocp-sim listening on ")
        .expect("listening line")
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    let http = reqwest::Client::new();
    let get = || {
        http.get(format!("{base}/api/v2/ob/clusters"))
            .basic_auth("admin", Some("ocp-sim-admin"))
            .send()
    };
    assert_eq!(
        get().await.unwrap().status(),
        500,
        "OCP_SIM_FAULTS applies to the first request"
    );
    let r = get().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["ratelimit-limit"], "1000", "--rate-limit 1000");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["data"]["page"]["totalElements"], 5,
        "--pairs adds two clusters"
    );

    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    for _ in 0..1000 {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "clean exit on Ctrl-C: {status}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("did not exit on SIGINT");
}
