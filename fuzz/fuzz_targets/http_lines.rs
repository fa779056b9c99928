//! HTTP request lines and URLs: the request-line reader, URL splitting, percent-decoding and
//! path templates, one input line at a time.
#![no_main]

use docgen::diag::Span;
use docgen::facts::http::parse_request_line;
use docgen::facts::template::{parse_template, split_query};
use docgen::facts::url::{percent_decode, split_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let span = Span::new("api/page.md", 1, 1);
    for line in text.lines() {
        let mut diagnostics = Vec::new();
        let _ = parse_request_line(line, &span, &mut diagnostics);
        let _ = split_url(line);
        let _ = percent_decode(line);
        let _ = split_query(line);
        let _ = parse_template(line, &span);
    }
});
