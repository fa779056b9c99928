//! docgen: Microsoft Graph style API reference Markdown -> a typed Rust crate.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`pages`] (Markdown + spans) -> [`facts`] (what each page says) -> [`model`] (resolution
//! into the IR, whose types are [`ir`]) -> [`emit`] (Rust tokens, formatted) -> [`output`] (the
//! written crate). `ARCHITECTURE.md` shows the layers and where each fact lives.
//!
//! ```no_run
//! let report = docgen::Config::new("docs-input").out_dir("generated").generate()?;
//! println!("{}", report.summary_line());
//! # Ok::<(), docgen::Error>(())
//! ```

pub mod bench;
pub mod cache;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod facts;
pub mod fingerprint;
pub mod format;
pub mod ir;
pub mod lint;
pub mod model;
pub mod naming;
pub mod output;
pub mod pages;
pub mod pipeline;
pub mod stats;
#[doc(hidden)]
pub mod testing;
pub mod timings;
pub mod version;

mod config;
mod error;

pub use config::{CheckOutcome, Config, Report};
pub use error::Error;
pub use pipeline::pipeline_from_sources;
