//! The console's two languages: which one to use, every message in both (`catalog.rs`: a message
//! without both texts does not compile), placeholders, durations and display widths.

mod catalog;
mod format;
mod lang;

pub use catalog::Msg;
pub use format::{display_width, duration, fill, prefix_within, shorten_to_width};
pub use lang::Lang;

#[cfg(test)]
mod tests;
