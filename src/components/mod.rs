//! Reusable pieces of the screens.
