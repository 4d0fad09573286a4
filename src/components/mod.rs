//! Reusable pieces of the screens.

mod api_error;
mod choice_select;
mod cluster_picker;
mod confirm;
mod field;
mod field_error;
mod log_view;
mod tenant_state;

pub use api_error::ApiErrorBanner;
pub use choice_select::{with_placeholder, ChoiceSelect};
pub use cluster_picker::ClusterPicker;
pub use confirm::ConfirmDialog;
pub use field::{required, Field, FieldInput, FieldSelect};
pub use field_error::FieldError;
pub use log_view::LogView;
pub use tenant_state::TenantState;
