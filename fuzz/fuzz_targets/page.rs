//! One page, as bytes, through the whole pipeline to formatted files (see `docgen_fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = docgen_fuzz::single_page_path(data);
    docgen_fuzz::run_pipeline(vec![(path, data.to_vec())]);
});
