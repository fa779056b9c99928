//! Item builders: the tokens of each kind of file of the generated crate, built from the plan
//! alone.
//!
//! - `src/types/<type>.rs`: [`structs`] and [`enums`], with the `GraphType` and `Derives` impls
//!   of [`odata`], documented by [`docs`] (every doc comment);
//! - `src/operations/<group>.rs`: [`operations`];
//! - `src/lib.rs`, `src/types/mod.rs`, `src/operations/mod.rs`: [`modules`];
//! - `src/runtime/`, from the text of `generator/runtime/`: [`runtime`];
//! - `Cargo.toml`, the one file built as text: [`cargo`].

pub(super) mod cargo;
pub(super) mod docs;
pub(super) mod enums;
pub(super) mod modules;
pub(super) mod odata;
pub(super) mod operations;
pub(super) mod paths;
pub(super) mod runtime;
pub(super) mod structs;
