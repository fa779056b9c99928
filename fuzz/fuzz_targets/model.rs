//! A small set of pages (as for `pages`) through stages 1-3 only, to the model: the same reading
//! and resolution code as `pages` at many times its speed, since emitting and formatting the
//! crate dominates a whole-pipeline run.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docgen_fuzz::run_model(docgen_fuzz::split_pages(data));
});
