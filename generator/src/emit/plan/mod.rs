//! Planning: every Rust name and shape decided over whole sets, before any token is built.
//!
//! - the types' names (structs, `<Type>Update` bodies, enums), files, fields and variants:
//!   [`types`];
//! - the operations' names, files, path and query fields, body and response shapes:
//!   [`operations`];
//! - the cargo feature(s) that compile each type and operation: [`features`].
//!
//! Deciding names up front is what makes collisions resolvable deterministically (the first
//! holder in model order keeps a name) and lets every file be built independently.

pub(super) mod features;
pub(super) mod headers;
pub(super) mod operations;
pub(super) mod paths;
pub(super) mod query;
pub(super) mod types;
