//! Hostile and broken input (issue 5): bad files (promise 6), malformed HTTP (promise 7) and names
//! that try to leave the output folder (promise 4, end to end). Every input is made here, at run
//! time, in a temporary folder, and run through the real `docgen` binary (built from
//! generator/src/main.rs as `docgen-under-test`). Each test asserts the exit status (never a
//! panic's 101, never a signal), the diagnostic code, and its file:line.

mod support;

use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{code, docgen, files_under, stderr, stdout, TestDir};

/// One diagnostic of `docgen lint --format json`.
#[derive(Debug)]
struct Found {
    file: String,
    line: u64,
    code: String,
    message: String,
}

/// Runs `docgen lint --format json` on `input`: the exit code and the diagnostics.
fn lint(input: &Path) -> (i32, Vec<Found>) {
    let output = docgen(input, &["lint", "--input", path(input), "--format", "json"]);
    let status = code(&output);
    assert!(
        status == 0 || status == 1,
        "lint exited {status}: {}",
        stderr(&output)
    );
    let found = stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|value| value.get("summary").is_none())
        .map(|value| Found {
            file: text(&value["span"]["file"]),
            line: value["span"]["line"].as_u64().unwrap_or(u64::MAX),
            code: text(&value["code"]),
            message: text(&value["message"]),
        })
        .collect();
    (status, found)
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Asserts a diagnostic `code` at `file:line` and returns it.
fn expect<'a>(found: &'a [Found], file: &str, line: u64, code: &str) -> &'a Found {
    found
        .iter()
        .find(|d| d.file == file && d.line == line && d.code == code)
        .unwrap_or_else(|| {
            let listing: Vec<String> = found
                .iter()
                .filter(|d| d.file == file)
                .map(|d| format!("  {}:{}: [{}] {}", d.file, d.line, d.code, d.message))
                .collect();
            panic!(
                "expected {code} at {file}:{line}; {file} has:\n{}",
                listing.join("\n")
            )
        })
}

/// Runs `docgen generate` and asserts it succeeds (exit 0) with its summary line.
fn generate(input: &Path, out: &Path) -> String {
    let output = docgen(
        input,
        &["generate", "--input", path(input), "--out", path(out)],
    );
    assert_eq!(code(&output), 0, "generate: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(" pages, "), "{text}");
    text
}

/// A resource page for type `name`, whose property `size` has the unknown type `Frob`, so that
/// every copy of it has a warning on line 13 (which shows that line numbers survive decoding).
fn resource(name: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n\
         |:---|:---|:---|\n| id | String | The identifier. Read-only. |\n\
         | size | Frob | How big. |\n"
    )
}

/// Names and property counts of the model's types (`docgen ir`).
fn types(input: &Path) -> Vec<(String, usize)> {
    let output = docgen(input, &["ir", "--input", path(input)]);
    assert_eq!(code(&output), 0, "ir: {}", stderr(&output));
    let model: Value = serde_json::from_str(&stdout(&output)).expect("ir prints JSON");
    model["types"]
        .as_array()
        .expect("types")
        .iter()
        .map(|t| {
            let properties = t["properties"].as_array().map_or(0, Vec::len);
            (text(&t["name"]), properties)
        })
        .collect()
}

#[test]
fn bad_files_get_a_diagnostic_not_a_crash() {
    let dir = TestDir::new("bad-files");
    let bytes = |rel: &str, contents: &[u8]| {
        let full = dir.join(rel);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("folders");
        std::fs::write(full, contents).expect("write page");
    };
    bytes(
        "docs/resources/latin1.md",
        &resource("latin1")
            .replace("How big.", "How b\u{FF}ig.")
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect::<Vec<u8>>(),
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(resource("bomWidget").as_bytes());
    bytes("docs/resources/bom.md", &bom);
    bytes(
        "docs/resources/crlf.md",
        resource("crlfWidget").replace('\n', "\r\n").as_bytes(),
    );
    bytes("docs/resources/empty.md", b"");
    bytes("docs/resources/blank.md", b"  \r\n\n\t\n");
    bytes(
        "docs/resources/front-matter-only.md",
        b"---\ntitle: \"lonely resource type\"\ndoc_type: resourcePageType\n---\n",
    );
    bytes(
        "docs/resources/open-front-matter.md",
        b"---\ntitle: \"x\"\ndoc_type: resourcePageType\n\n# open resource type\n",
    );
    bytes(
        "docs/resources/open-fence.md",
        format!(
            "{}\n## JSON representation\n\n```json\n{{\"id\": \"x\"\n",
            resource("fenceWidget")
        )
        .as_bytes(),
    );
    bytes(
        "docs/resources/open-comment.md",
        format!(
            "{}\n<!-- {{ \"blockType\": \"resource\"\n\nno end\n",
            resource("commentWidget")
        )
        .as_bytes(),
    );
    std::fs::create_dir_all(dir.join("docs/resources/folder.md")).expect("folder");
    bytes(
        "docs/resources/folder.md/inner.md",
        resource("inner").as_bytes(),
    );
    let input = dir.join("docs");

    let (status, found) = lint(&input);
    assert_eq!(status, 1, "errors were found: exit 1");
    let bad = expect(&found, "resources/latin1.md", 13, "file-not-utf8");
    assert!(bad.message.contains("U+FFFD"), "{}", bad.message);
    expect(&found, "resources/latin1.md", 13, "type-unresolved");
    // A BOM and CRLF line ends are no defect: the page reads as without them (the same line).
    expect(&found, "resources/bom.md", 13, "type-unresolved");
    expect(&found, "resources/crlf.md", 13, "type-unresolved");
    for quiet in ["resources/bom.md", "resources/crlf.md"] {
        let codes: Vec<&str> = found
            .iter()
            .filter(|d| d.file == quiet)
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["type-unresolved"], "{quiet}");
    }
    // Line 0 is "the whole file".
    expect(&found, "resources/empty.md", 0, "file-empty");
    expect(&found, "resources/blank.md", 0, "file-empty");
    expect(&found, "resources/front-matter-only.md", 2, "title-missing");
    expect(
        &found,
        "resources/open-front-matter.md",
        1,
        "front-matter-unterminated",
    );
    expect(&found, "resources/open-fence.md", 17, "fence-unterminated");
    expect(
        &found,
        "resources/open-fence.md",
        19,
        "json-representation-invalid",
    );
    expect(
        &found,
        "resources/open-comment.md",
        15,
        "comment-unterminated",
    );
    expect(&found, "resources/folder.md", 0, "file-unreadable");

    let model = types(&input);
    for name in ["bomWidget", "crlfWidget", "latin1", "inner"] {
        assert!(
            model.contains(&(name.to_string(), 2)),
            "{name} with its 2 properties: {model:?}"
        );
    }
    let summary = generate(&input, &dir.join("out"));
    assert!(summary.contains("files written"), "{summary}");
}

#[test]
fn a_5000_row_table_and_json_nested_5000_deep() {
    let dir = TestDir::new("big-and-deep");
    let mut table = resource("wideWidget");
    for i in 0..5_000 {
        table.push_str(&format!("| p{i} | Int32 | Property {i}. |\n"));
    }
    dir.write("docs/resources/wide.md", &table);
    let deep_array = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let deep_object = format!("{}1{}", "{\"a\": ".repeat(5_000), "}".repeat(5_000));
    dir.write(
        "docs/resources/deep.md",
        &format!(
            "{}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \
             \"@odata.type\": \"microsoft.graph.deepWidget\", \"x\": {deep_array} }} -->\n\
             ```json\n{deep_object}\n```\n",
            resource("deepWidget")
        ),
    );
    dir.write(
        "docs/api/deep-get.md",
        &format!(
            "---\ntitle: Get deepWidget\ndoc_type: apiPageType\n---\n\n# Get deepWidget\n\n\
             ## HTTP request\n\n```http\nGET /deepWidgets/{{id}}\n```\n\n## Response\n\n\
             If successful, this method returns a `200 OK` response code and a \
             [deepWidget](../resources/deep.md) object in the response body.\n\n## Example\n\n\
             <!-- {{ \"blockType\": \"request\", \"name\": \"get_deep\", \"x\": {deep_array} }} -->\n\
             ```http\nGET https://graph.microsoft.com/v1.0/deepWidgets/1\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\n\
             {deep_object}\n```\n"
        ),
    );
    let input = dir.join("docs");
    let started = Instant::now();
    let (_, found) = lint(&input);
    // Nesting is bounded (127 levels, serde_json's limit): an error, never a stack overflow.
    let deep = expect(&found, "resources/deep.md", 17, "annotation-unreadable");
    assert!(
        deep.message.contains("nested more than"),
        "{}",
        deep.message
    );
    expect(
        &found,
        "resources/deep.md",
        19,
        "json-representation-invalid",
    );
    expect(&found, "api/deep-get.md", 20, "annotation-unreadable");
    expect(&found, "api/deep-get.md", 29, "example-body-invalid");
    assert!(types(&input).contains(&("wideWidget".to_string(), 5_002)));
    let out = dir.join("out");
    generate(&input, &out);
    let wide = std::fs::read_to_string(out.join("src/types/wide_widget.rs")).expect("wide type");
    assert!(wide.contains("pub p4999:"), "the last row is a field");
    let elapsed = started.elapsed();
    println!("lint, ir and generate of a 5,000-row table and 5,000-deep JSON: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
}

/// Inputs that once crashed or took quadratic time (found by the fuzz targets and by hand; see
/// README "Guarantees"): each is now a diagnostic, or plain output, in bounded time.
#[test]
fn pathological_pages_are_diagnosed_in_linear_time() {
    let dir = TestDir::new("pathological");
    // A Type cell of 5,000 nested `Collection(`: overflowed the parser's stack.
    let nested = format!("{}String{}", "Collection(".repeat(5_000), ")".repeat(5_000));
    dir.write(
        "docs/resources/nested.md",
        &resource("nestedWidget").replace("| Frob |", &format!("| {nested} |")),
    );
    // Descriptions of 50,000 unclosed links and 100,000 `<`: quadratic in the doc comments.
    let links = "[a](".repeat(50_000);
    let angles = "<".repeat(100_000);
    dir.write(
        "docs/resources/links.md",
        &resource("linkWidget").replace("How big.", &format!("{links} {angles}")),
    );
    // A chain of 40 base types: every derived type copies its bases' properties (quadratic
    // output, and a cubic walk); chains are cut below 32 bases.
    for i in 0..40 {
        let mut page = resource(&format!("chain{i}"));
        if i > 0 {
            page = page.replace(
                "## Properties",
                &format!(
                    "Inherits from [chain{}](chain{}.md).\n\n## Properties",
                    i - 1,
                    i - 1
                ),
            );
        }
        dir.write(
            &format!("docs/resources/chain{i}.md"),
            &page.replace("| size |", &format!("| size{i} |")),
        );
    }
    // 300 types, each of its own workload, each embedding the next, the last the first: the
    // feature lists grew as types x workloads and the recursion check was cubic.
    for i in 0..300 {
        let next = (i + 1) % 300;
        dir.write(
            &format!("docs/resources/ring{i}.md"),
            &resource(&format!("ring{i}"))
                .replace("doc_type:", &format!("ms.prod: workload{i}\ndoc_type:"))
                .replace("| Frob |", &format!("| [ring{next}](ring{next}.md) |")),
        );
    }
    let input = dir.join("docs");
    let started = Instant::now();
    let (_, found) = lint(&input);
    let nested_cell = expect(&found, "resources/nested.md", 13, "type-unknown");
    assert!(
        nested_cell.message.contains("size"),
        "{}",
        nested_cell.message
    );
    let cut = expect(&found, "resources/chain33.md", 6, "inheritance-too-deep");
    assert!(cut.message.contains("`chain32`"), "{}", cut.message);
    let out = dir.join("out");
    generate(&input, &out);
    let link_type = std::fs::read_to_string(out.join("src/types/link_widget.rs")).expect("type");
    assert!(link_type.contains("\\[a\\]("), "escaped, not a link");
    let ring = std::fs::read_to_string(out.join("src/types/ring7.rs")).expect("ring type");
    assert!(
        ring.contains("Box<crate::types::Ring8>"),
        "the cycle is boxed"
    );
    let types_mod = std::fs::read_to_string(out.join("src/types/mod.rs")).expect("mod.rs");
    assert!(types_mod.len() < 200_000, "{} bytes", types_mod.len());
    let elapsed = started.elapsed();
    println!("pathological pages: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
}

#[test]
fn a_50_mb_page_is_skipped_with_file_too_large() {
    let dir = TestDir::new("huge");
    let mut page = resource("hugeWidget").into_bytes();
    let row = b"| filler | String | Padding to make the page large. |\n";
    while page.len() < 50 * 1024 * 1024 {
        page.extend_from_slice(row);
    }
    dir.write("docs/resources/small.md", &resource("smallWidget"));
    std::fs::write(dir.join("docs/resources/huge.md"), &page).expect("write 50 MB");
    let input = dir.join("docs");
    let (status, found) = lint(&input);
    assert_eq!(status, 1);
    let huge = expect(&found, "resources/huge.md", 0, "file-too-large");
    assert!(huge.message.contains("over the limit"), "{}", huge.message);
    let model = types(&input);
    assert_eq!(model, [("smallWidget".to_string(), 2)], "the rest is read");
    generate(&input, &dir.join("out"));
}

/// A page that cannot be read. Permission bits do not stop root, so as root the command runs as
/// `nobody` (uid 65534) instead; where that is not allowed the test says it was skipped.
#[cfg(unix)]
#[test]
fn an_unreadable_page_is_a_diagnostic() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = TestDir::new("unreadable");
    dir.write("docs/resources/open.md", &resource("openWidget"));
    let secret = dir.write("docs/resources/secret.md", &resource("secretWidget"));
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let input = dir.join("docs");
    let privileged = std::fs::read(&secret).is_ok();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_docgen-under-test"));
    command.args(["lint", "--input", path(&input), "--format", "json"]);
    if privileged {
        command.uid(65534).gid(65534);
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(error) if privileged => {
            println!(
                "skipped: running as root, where permissions do not stop reads, and the \
                 command could not be run as uid 65534 instead: {error}"
            );
            return;
        }
        Err(error) => panic!("run docgen: {error}"),
    };
    if privileged && stderr(&output).contains("Permission denied") && output.stdout.is_empty() {
        println!(
            "skipped: as uid 65534 the input folder itself cannot be read: {}",
            stderr(&output)
        );
        return;
    }
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.contains("resources/secret.md"))
        .unwrap_or_else(|| panic!("no diagnostic for the unreadable page:\n{text}"));
    let value: Value = serde_json::from_str(line).expect("JSON");
    assert_eq!(value["code"], "file-unreadable", "{line}");
    assert_eq!(value["span"]["line"], 0, "{line}");
    assert!(text.contains("resources/open.md"), "the rest is read");
}

/// An API page for `GET widget`, whose HTTP request block holds `request` and whose example
/// request line is `example`.
fn api_page(title: &str, request: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\n## HTTP request\n\n\
         ```http\n{request}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` \
         response code and a [widget](../resources/widget.md) object in the response body.\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n\
         ```http\n{example}\n```\n\n<!-- {{ \"blockType\": \"response\", \
         \"@odata.type\": \"microsoft.graph.widget\" }} -->\n```http\nHTTP/1.1 200 OK\n\n\
         {{\"id\": \"1\"}}\n```\n"
    )
}

#[test]
fn malformed_http_is_reported_and_foreign_hosts_are_not_followed() {
    let dir = TestDir::new("http");
    dir.write("docs/resources/widget.md", &resource("widget"));
    let graph = "https://graph.microsoft.com/v1.0";
    let pages = [
        (
            "no-method",
            "/widgets/{id}",
            format!("GET {graph}/widgets/1"),
        ),
        (
            "unknown-method",
            "FROB /widgets/{id}",
            format!("FROB {graph}/widgets/1"),
        ),
        (
            "dot-dot",
            "GET /widgets/../admin/{id}",
            format!("GET {graph}/widgets/../admin/1"),
        ),
        (
            "foreign",
            "GET https://attacker.example.com/widgets/{id}",
            "GET https://attacker.example.com/v1.0/widgets/1".to_string(),
        ),
        (
            "foreign-example",
            "GET /gadgets/{id}",
            "GET https://attacker.example.com/v1.0/gadgets/1".to_string(),
        ),
    ];
    for (name, request, example) in &pages {
        let title = format!("Get widget {name}");
        dir.write(
            &format!("docs/api/{name}.md"),
            &api_page(&title, request, example),
        );
    }
    let input = dir.join("docs");
    let (status, found) = lint(&input);
    assert_eq!(status, 1);
    // Line 11 is the request line, 22 the example's request line.
    expect(&found, "api/no-method.md", 11, "http-method-missing");
    let unknown = expect(&found, "api/unknown-method.md", 11, "http-method-unknown");
    assert!(unknown.message.contains("`FROB`"), "{}", unknown.message);
    expect(&found, "api/dot-dot.md", 11, "http-path-invalid");
    let foreign = expect(&found, "api/foreign.md", 11, "http-foreign-host");
    assert!(
        foreign.message.contains("not followed"),
        "{}",
        foreign.message
    );
    expect(&found, "api/foreign.md", 22, "http-foreign-host");
    expect(&found, "api/foreign-example.md", 22, "http-foreign-host");
    for dropped in ["api/unknown-method.md", "api/dot-dot.md", "api/foreign.md"] {
        expect(&found, dropped, 6, "operation-dropped");
    }

    // The model keeps only Graph paths without `..`; the crate mentions no foreign host.
    let ir = docgen(&input, &["ir", "--input", path(&input)]);
    let model: Value = serde_json::from_str(&stdout(&ir)).expect("ir JSON");
    let mut paths: Vec<String> = model["operations"]
        .as_array()
        .expect("operations")
        .iter()
        .flat_map(|op| op["paths"].as_array().cloned().unwrap_or_default())
        .map(|p| text(&p["template"]))
        .collect();
    paths.sort();
    assert_eq!(paths, ["/gadgets/{id}", "/widgets/{id}"], "{paths:?}");
    let out = dir.join("out");
    generate(&input, &out);
    for (file, bytes) in files_under(&out) {
        let contents = String::from_utf8_lossy(&bytes);
        assert!(
            !contents.contains("attacker.example.com") && !contents.contains("/../"),
            "{file} mentions the foreign host or a `..` path"
        );
    }
}

/// Promise 7 in a generated crate: a path parameter holding `/`, `%2F`, `..`, `?` or `#` is one
/// percent-encoded segment of the request, never a new segment, a query or a fragment.
#[test]
fn path_parameters_are_percent_encoded_in_a_generated_crate() {
    use snapshot_operations::operations::{GetContent, GetContentPath, GetEvent};
    use snapshot_operations::runtime::Operation;
    let path_of = |id: &str| {
        let operation = GetEvent {
            id: id.to_string(),
            ..GetEvent::default()
        };
        let request = operation.to_request().expect("a request");
        assert_eq!(request.uri().host(), Some("graph.microsoft.com"));
        request.uri().path().to_string()
    };
    assert_eq!(path_of("a/b"), "/v1.0/me/events/a%2Fb");
    assert_eq!(path_of("a%2Fb"), "/v1.0/me/events/a%252Fb");
    assert_eq!(path_of(".."), "/v1.0/me/events/%2E%2E");
    assert_eq!(path_of("../../users"), "/v1.0/me/events/..%2F..%2Fusers");
    assert_eq!(path_of("x?admin=1#y"), "/v1.0/me/events/x%3Fadmin%3D1%23y");
    assert_eq!(
        path_of("//attacker.example.com"),
        "/v1.0/me/events/%2F%2Fattacker.example.com"
    );
    let content = GetContent {
        path: GetContentPath::Root {
            path_2: "../secret:/x".to_string(),
        },
        additional_query: Vec::new(),
        headers: http::HeaderMap::new(),
    };
    let request = content.to_request().expect("a request");
    assert_eq!(
        request.uri().path(),
        "/v1.0/drive/root:/..%2Fsecret%3A%2Fx:/content"
    );
}

/// Promise 4 end to end: type names (from H1s and `@odata.type` annotations), property names,
/// operation titles and path segments from the docs that look like paths or reserved names never
/// become paths outside the output folder, or paths that `write_crate` would refuse.
#[test]
fn names_from_the_docs_never_escape_the_output_folder() {
    let dir = TestDir::new("escape-names");
    let victim = dir.write("victim/keep.txt", "precious\n");
    let long = "x".repeat(300);
    let hostile_names = [
        "../../victim/keep",
        "..\\..\\victim\\keep",
        "/etc/passwd",
        "C:\\Windows\\evil",
        "con",
        "NUL.txt",
        "com1.rs",
        ".git",
        "a/../../b",
        "ünïcödé",
        "name with spaces",
        long.as_str(),
        "fooBar",
        "foo_bar",
        "FooBar",
    ];
    for (i, name) in hostile_names.iter().enumerate() {
        let odata_type = serde_json::to_string(&format!("microsoft.graph.{name}")).expect("JSON");
        let mut page = resource(name);
        page.push_str(&format!(
            "| {name} | String | A property named like a path. |\n\n## JSON representation\n\n\
             <!-- {{ \"blockType\": \"resource\", \"@odata.type\": {odata_type} }} -->\n\
             ```json\n{{ \"id\": \"1\" }}\n```\n"
        ));
        dir.write(&format!("docs/resources/r{i}.md"), &page);
        let segment = name.replace(' ', "%20");
        dir.write(
            &format!("docs/api/a{i}.md"),
            &api_page(
                &format!("Get {name}"),
                &format!("GET /{segment}/{{id}}"),
                &format!("GET https://graph.microsoft.com/v1.0/{segment}/1"),
            )
            .replace("../resources/widget.md", &format!("../resources/r{i}.md"))
            .replace("microsoft.graph.widget", &format!("microsoft.graph.{name}")),
        );
    }
    let input = dir.join("docs");
    let out = dir.join("out");
    let before_victim = files_under(&dir.join("victim"));
    let before_input = files_under(&input);
    generate(&input, &out);

    // Nothing outside `out` changed.
    let mut top: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["docs", "out", "victim"]);
    assert_eq!(files_under(&dir.join("victim")), before_victim);
    assert_eq!(files_under(&input), before_input);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious\n"
    );

    // Every written path is plain: `[A-Za-z0-9_.-]` components, no dot-files but docgen's own,
    // no Windows device names, short enough for every file system.
    let written = files_under(&out);
    for file in written.keys() {
        assert!(file.len() <= 250, "{file}");
        for component in file.split('/') {
            assert!(
                !component.is_empty()
                    && component.len() <= 150
                    && component
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    && (!component.starts_with('.') || file.starts_with(".docgen-")),
                "{file}"
            );
            let stem = component.split('.').next().unwrap_or_default();
            let reserved = ["con", "nul", "prn", "aux", "com1", "lpt1"];
            assert!(
                !reserved.contains(&stem.to_ascii_lowercase().as_str()),
                "{file}"
            );
        }
    }
    assert!(written.contains_key("src/types/con_.rs"), "{written:?}");
    let long_file = written
        .keys()
        .find(|f| f.starts_with("src/types/xxxxxxxx"))
        .expect("the type with a 300-character name");
    assert!(
        long_file.len() <= "src/types/".len() + 60 + ".rs".len(),
        "{long_file}"
    );
    let model = types(&input);
    let type_files = written
        .keys()
        .filter(|f| f.starts_with("src/types/") && *f != "src/types/mod.rs")
        .count();
    assert_eq!(type_files, model.len(), "one file per type: {model:?}");
    assert!(model.len() >= 6, "{model:?}");
    assert_eq!(
        code(&docgen(
            &input,
            &["check", "--input", path(&input), "--out", path(&out)]
        )),
        0,
        "the crate is what generate wrote"
    );
}
