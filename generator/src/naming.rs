//! The one place where docs names become Rust names.
