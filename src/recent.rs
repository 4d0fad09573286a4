//! Ids of the tasks this browser started, kept in local storage (ids only).
