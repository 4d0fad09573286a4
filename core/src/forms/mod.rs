//! The two operation forms' state as plain types: rows and their keys, which message a field shows, the
//! submit guard, and the pure choices each form offers (zones, tenant pairs, prechecks).

pub mod errors;
pub mod pairs;
pub mod precheck;
pub mod rows;
pub mod submit;
pub mod tenant_load;
pub mod zones;

/// One `<option>` of a form's select: its value and its label.
pub type Choice = (String, String);
