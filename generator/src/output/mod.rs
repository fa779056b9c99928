//! Stage 6: writing the generated crate safely, and checking it is up to date.
