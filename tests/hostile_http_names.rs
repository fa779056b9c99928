//! Hostile input (issue 5), end to end through the real `docgen` binary: malformed HTTP
//! (promise 7) and names from the docs that try to leave the output folder (promise 4). Every
//! input is made here, at run time, in a temporary folder. Bad files are in `hostile.rs`.

mod support;

use serde_json::Value;
use support::hostile::{expect, generate, lint, path, resource, text, types};
use support::{code, docgen, files_under, stdout, TestDir};

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
        // The cache keeps the report, whose diagnostics quote the page; it is no crate file.
        if file.ends_with(".docgen-cache") {
            continue;
        }
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
