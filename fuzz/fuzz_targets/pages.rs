//! A small set of pages (the input split at `%%% path` lines) through the whole pipeline, so that
//! cross-page resolution (links, inheritance, inferred paths, duplicates) is fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docgen_fuzz::run_pipeline(docgen_fuzz::split_pages(data));
});
