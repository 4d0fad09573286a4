//! OCP's wire format: serde types for every response and request the console uses.
//! Decoding is tolerant the way OCP is: omitted fields default, unknown enum values are kept.
//! The types hold only the fields the console reads; serde skips the others OCP sends (`createTime`,
//! `type`, `seriesId`, `debugMessage`, ...): every field kept costs decoding code in the wasm.

mod enums;
mod envelope;
mod inventory;
mod requests;
mod task;
mod time;

pub use enums::{
    NodeType, Operation, ReplicaType, SubtaskStatus, TaskStatus, TaskType, TenantMode,
};
pub use envelope::{Envelope, ErrorBody, ErrorCode, Page, PageInfo, SubError, TaskList};
pub use inventory::{
    Cluster, ResourcePool, Tenant, TenantDetail, TenantZone, UnitConfig, UnitSpec, Zone,
};
pub use requests::{
    CheckOutcome, PrecheckResult, ReplicaSpec, ResourcePoolSpec, StandbyCheck, SwitchoverRequest,
    TenantPair,
};
pub use task::{Creator, DerivedState, NamedRef, Progress, Subtask, TaskInstance};
pub use time::Timestamp;
