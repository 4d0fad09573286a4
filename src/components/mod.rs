//! Reusable pieces of the screens.

mod api_error;
mod confirm;
mod field_error;
mod log_view;
mod tenant_state;

pub use api_error::ApiErrorBanner;
pub use confirm::ConfirmDialog;
pub use field_error::FieldError;
pub use log_view::LogView;
pub use tenant_state::TenantState;
