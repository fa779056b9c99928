//! A hostile page (a resource with 5,000 properties and an update operation) gives a crate that
//! `cargo check`s in under 2 GB of compiler memory (issue 11). Before the generated `Deserialize`
//! stopped using `?` inside its struct literal, rustc's memory grew with the square of the field
//! count and this crate was killed by the OOM killer at 24 GB.
//!
//! Ignored by default (it builds the crate's dependencies once, ~30 s cold); `.ci/run` runs it:
//! `cargo test -p docgen-tests --test compile_memory -- --ignored`. The cap is an address-space
//! limit (`ulimit -v`), which is stricter than resident memory.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

const PROPERTIES: usize = 5_000;
const CAP_KIB: u64 = 2 * 1024 * 1024;

/// Writes the resource page and its update page under `docs`.
fn write_hostile_pages(docs: &Path) -> std::io::Result<()> {
    let types = ["Int32", "String", "DateTimeOffset", "Boolean", "Guid"];
    let mut resource = String::from(
        "---\ntitle: \"wideWidget resource type\"\ndoc_type: resourcePageType\nms.prod: \"widgets\"\n---\n\n\
         # wideWidget resource type\n\nA widget with many properties.\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n| id | String | The identifier. Read-only. |\n",
    );
    for i in 0..PROPERTIES {
        let kind = types[i % types.len()];
        let _ = writeln!(resource, "| p{i} | {kind} | Property {i}. |");
    }
    let update = "---\ntitle: \"Update wideWidget\"\ndoc_type: apiPageType\nms.prod: \"widgets\"\n---\n\n\
        # Update wideWidget\n\nUpdate a widget.\n\n## HTTP request\n\n```http\nPATCH /wideWidgets/{id}\n```\n\n\
        ## Request body\n\nIn the request body, supply the values for the properties of the \
        [wideWidget](../resources/widewidget.md) object.\n\n## Response\n\nIf successful, this method returns \
        a `200 OK` response code and an updated [wideWidget](../resources/widewidget.md) object in the response body.\n";
    std::fs::create_dir_all(docs.join("resources"))?;
    std::fs::create_dir_all(docs.join("api"))?;
    std::fs::write(docs.join("resources/widewidget.md"), resource)?;
    std::fs::write(docs.join("api/widewidget-update.md"), update)
}

#[test]
#[ignore]
fn a_five_thousand_property_type_checks_in_under_two_gigabytes() {
    // Outside the workspace (cargo would take the crate for a member of it).
    let scratch =
        std::env::temp_dir().join(format!("docgen-compile-memory-{}", std::process::id()));
    let docs = scratch.join("docs");
    let out = scratch.join("crate");
    write_hostile_pages(&docs).unwrap_or_else(|e| panic!("{e}"));
    let report = docgen::Config::new(&docs)
        .out_dir(&out)
        .crate_name("hostile-bindings")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.count(docgen::diag::Severity::Error), 0);
    let widget = std::fs::read_to_string(out.join("src/types/wide_widget.rs"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(widget.contains(&format!("pub p{}:", PROPERTIES - 1)));

    // The workspace's lock file pins the dependencies.
    let root = docgen_tests::workspace_root();
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    // A target folder of its own, kept between runs: the dependencies are built once.
    let target = root.join("target/compile-memory");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CAP_KIB} && exec cargo check --quiet"))
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .unwrap_or_else(|e| panic!("cargo: {e}"));
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        status.success(),
        "cargo check of the {PROPERTIES}-property crate failed under a {CAP_KIB} KiB cap: {status}"
    );
}
