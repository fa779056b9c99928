//! Rendering diagnostics for people (rustc style) and tools (JSON).
