//! Child processes (nginx, chromedriver) that are stopped when dropped: SIGTERM, a short grace
//! period, then SIGKILL.

use crate::error::{Error, Result};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct Proc {
    pub name: &'static str,
    child: Option<Child>,
}

impl Proc {
    pub fn spawn(name: &'static str, cmd: &mut Command) -> Result<Self> {
        let child = cmd
            .spawn()
            .map_err(|e| Error(format!("cannot start {name} ({cmd:?}): {e}")))?;
        Ok(Proc {
            name,
            child: Some(child),
        })
    }

    pub fn id(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// `Some(status)` once the process has exited.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child
            .as_mut()
            .and_then(|c| c.try_wait().ok().flatten())
    }

    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if child.try_wait().ok().flatten().is_some() {
            return;
        }
        // SIGTERM lets nginx's master stop its workers and chromedriver its browser.
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Waits until something accepts TCP connections on 127.0.0.1:`port`, failing early if `proc` exits.
pub async fn wait_port(proc: &mut Proc, port: u16, limit: Duration, log_hint: &str) -> Result<()> {
    let start = Instant::now();
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if let Some(st) = proc.exited() {
            return Err(Error(format!(
                "{} exited ({st}) before listening on {port}{log_hint}",
                proc.name
            )));
        }
        if start.elapsed() > limit {
            return Err(Error(format!(
                "{} did not listen on {port} within {limit:?}{log_hint}",
                proc.name
            )));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
