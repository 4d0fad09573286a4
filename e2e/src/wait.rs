//! Bounded polling: every [`POLL_INTERVAL`] until a limit, never a fixed sleep.

use crate::error::{Error, Result};
use std::future::Future;
use std::time::{Duration, Instant};

pub const POLL_INTERVAL: Duration = Duration::from_millis(25);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Calls `probe` until it yields `Some`, or fails after `limit` with `what` and the last
/// observation `probe` reported through its `Err` (errors are retried, not fatal).
pub async fn poll<T, F, Fut>(what: &str, limit: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let start = Instant::now();
    let mut last = String::from("nothing observed");
    loop {
        match probe().await {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e) => last = e.0,
        }
        if start.elapsed() >= limit {
            return Err(Error(format!(
                "timed out after {:.1}s waiting for {what} (last: {last})",
                limit.as_secs_f64()
            )));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}
