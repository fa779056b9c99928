//! `docgen-write-stress OUT VARIANT [FILES] [BYTES]`: writes a synthetic crate of FILES files of
//! about BYTES bytes into OUT with `docgen::output::write_crate`. VARIANT (`a` or `b`) decides
//! the contents and which files exist (`b` drops the first 10 and adds 10 more), so a test can
//! tell old from new and check stale removal. Exit 0 on success, 2 on error (printed).

#[path = "variants.rs"]
mod variants;

use docgen::output::{write_crate, WriteOptions};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(variant)) = (args.first(), args.get(1)) else {
        eprintln!("usage: docgen-write-stress OUT VARIANT [FILES] [BYTES]");
        std::process::exit(2);
    };
    let count = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(200);
    let bytes = args
        .get(3)
        .and_then(|n| n.parse().ok())
        .unwrap_or(16 * 1024);
    let files = variants::variant_files(variant, count, bytes);
    match write_crate(&PathBuf::from(out), &files, &WriteOptions::default()) {
        Ok(report) => println!(
            "{} written, {} unchanged, {} removed",
            report.written.len(),
            report.unchanged.len(),
            report.removed.len()
        ),
        Err(error) => {
            eprintln!("docgen-write-stress: {error}");
            std::process::exit(2);
        }
    }
}
