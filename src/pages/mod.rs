//! Routed screens, one per file.

mod add_replica;
mod board;
mod not_found;
mod sign_in;
mod switchover;
mod task;
mod task_list;

pub use add_replica::AddReplicaPage;
pub use board::BatchPage;
pub use not_found::NotFound;
pub use sign_in::{SignInDialog, SignInForm, SignInPage};
pub use switchover::SwitchoverPage;
pub use task::{TaskPage, TaskView};
pub use task_list::TaskListPage;
