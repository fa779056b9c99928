//! Emitting a synthetic model the size of the v1.0 docs (2,000 types, 1,500 operations), to see
//! that nothing is quadratic. Ignored by default (it is a measurement, not a check of speed):
//! `cargo test --release -p docgen-tests --test scale -- --ignored --nocapture`.

use docgen::emit::{emit, EmitOptions};
use docgen_tests::fixture;
use serde_json::json;

#[test]
#[ignore]
fn emits_a_corpus_sized_model() {
    let types: Vec<_> = (0..2000)
        .map(|i| {
            let properties: Vec<_> = (0..20)
                .map(|p| match p % 5 {
                    0 => json!({"name": format!("count{p}"), "type": "Int32"}),
                    1 => json!({"name": format!("link{p}"), "type": format!("type{}", (i * 7 + p) % 2000)}),
                    2 => json!({"name": format!("links{p}"), "type": {"name": format!("type{}", (i * 13 + p) % 2000), "collection": true}}),
                    3 => json!({"name": format!("state{p}"), "type": format!("enum{}", i % 100)}),
                    _ => json!({"name": format!("text{p}"), "description": {"paragraphs": [[
                        {"text": "Some text with a "}, {"link": {"text": [{"text": "link"}], "target": "x.md"}},
                        {"text": " and "}, {"code": "code"}, {"text": "."}]]}}),
                })
                .collect();
            json!({"name": format!("type{i}"), "kind": "entity", "workload": format!("w{}", i % 30),
                   "base": if i % 10 == 0 || i < 1 { serde_json::Value::Null } else { json!(format!("type{}", i - i % 10)) },
                   "properties": properties})
        })
        .chain((0..100).map(|i| json!({"name": format!("enum{i}"), "members": [{"name": "a"}, {"name": "b"}, {"name": "unknownFutureValue"}]})))
        .collect();
    let operations: Vec<_> = (0..1500)
        .map(|i| {
            json!({"name": format!("op{i}"), "method": if i % 2 == 0 { "GET" } else { "PATCH" },
                   "paths": [format!("/things{}/{{id}}", i % 50), format!("/me/things{}/{{id}}", i % 50)],
                   "request_body": if i % 2 == 0 { serde_json::Value::Null } else { json!({"type": format!("type{i}")}) },
                   "response": {"type": format!("type{i}")}, "group": format!("group{}", i % 200), "workload": format!("w{}", i % 30)})
        })
        .collect();
    let model = fixture::complete(json!({"types": types, "operations": operations}))
        .unwrap_or_else(|e| panic!("{e}"));
    let start = std::time::Instant::now();
    let emitted = emit(
        &model,
        &EmitOptions {
            crate_name: "scale".into(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let elapsed = start.elapsed();
    let bytes: usize = emitted.files.iter().map(|f| f.contents.len()).sum();
    let lines: usize = emitted
        .files
        .iter()
        .map(|f| f.contents.lines().count())
        .sum();
    println!(
        "emitted {} files, {lines} lines, {bytes} bytes in {elapsed:?}",
        emitted.files.len()
    );
    assert!(emitted.files.len() > 2000);
}
