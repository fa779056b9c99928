//! Plain data types shared by the stages: the leaf module that `pages`, `facts`, `model` and
//! `emit` may all use, and that uses none of them.

pub mod text;
