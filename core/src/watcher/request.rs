//! The requests the watcher asks its driver to send, as OCP paths.

/// `size` of the list query: OCP's maximum.
pub const LIST_PAGE_SIZE: u32 = 2000;
/// `size` of the query for recently finished tasks.
pub const FINISHED_PAGE_SIZE: u32 = 500;

/// One request the driver sends for the watcher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// A page (from 1) of every RUNNING or FAILED task in OCP.
    List { page: u32 },
    /// `GET /api/v2/tasks/instances/{id}`.
    Detail { id: i64 },
    /// The newest SUCCESSFUL tasks: sent in the detail's place when several watched tasks left
    /// the list at once, it confirms every one that plainly succeeded in one request.
    Finished,
}

impl Request {
    /// The list query string (`None` for a detail).
    pub fn query(&self) -> Option<String> {
        match self {
            Request::List { page } => Some(format!(
                "status=RUNNING,FAILED&size={LIST_PAGE_SIZE}&page={page}&sort=id,desc"
            )),
            Request::Finished => Some(format!(
                "status=SUCCESSFUL&size={FINISHED_PAGE_SIZE}&page=1&sort=id,desc"
            )),
            Request::Detail { .. } => None,
        }
    }

    /// The path and query under the console's origin.
    pub fn path(&self) -> String {
        match self {
            Request::List { .. } | Request::Finished => {
                format!(
                    "/api/v2/tasks/instances?{}",
                    self.query().unwrap_or_default()
                )
            }
            Request::Detail { id } => format!("/api/v2/tasks/instances/{id}"),
        }
    }
}
