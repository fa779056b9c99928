//! Whole-page tests of [`parse_page`] on small inline pages.

use super::*;

const FRONT: &str = "---\ntitle: t\ndoc_type: apiPageType\n---\n";

fn parse(body: &str) -> (Page, Vec<Diagnostic>) {
    parse_page(&SourceFile {
        path: "api/p.md".to_string(),
        text: format!("{FRONT}{body}"),
    })
}

/// Line numbers in these tests count from the first body line: FRONT has 4 lines.
fn body_line(line: u32) -> u32 {
    line + 4
}

fn codes(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

fn kinds(page: &Page) -> Vec<&'static str> {
    page.blocks
        .iter()
        .map(|block| match block {
            Block::Heading(_) => "heading",
            Block::Paragraph(_) => "paragraph",
            Block::Table(_) => "table",
            Block::Code(_) => "code",
            Block::Comment(_) => "comment",
            Block::Include(_) => "include",
            Block::TabPivot(_) => "tab",
            Block::Rule(_) => "rule",
        })
        .collect()
}

fn codes_of(page: &Page) -> Vec<&CodeBlock> {
    page.blocks
        .iter()
        .filter_map(|b| {
            if let Block::Code(c) = b {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn headings_paragraphs_and_spans() {
    let (page, diags) = parse("# Get user\n\nNamespace: microsoft.graph\n\n## HTTP request\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(page.front_matter.get("doc_type"), Some("apiPageType"));
    assert_eq!(kinds(&page), vec!["heading", "paragraph", "heading"]);
    match (&page.blocks[0], &page.blocks[1]) {
        (Block::Heading(h), Block::Paragraph(p)) => {
            assert_eq!(
                (h.level, h.text.as_str(), h.span.line, h.span.col),
                (1, "Get user", body_line(1), 1)
            );
            assert_eq!(
                (p.text.as_str(), p.span.line),
                ("Namespace: microsoft.graph", body_line(3))
            );
            assert_eq!(h.span.file, "api/p.md");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn tab_pivot_group_with_includes_and_closing_rule() {
    let body = "## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_user\"\n}-->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/get-user-csharp-snippets.md)]\n[!INCLUDE [sdk-documentation](../includes/snippets/snippets-sdk-links.md)]\n\n---\n\n### Response\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        kinds(&page),
        vec!["heading", "tab", "code", "tab", "include", "include", "rule", "heading"]
    );
    match (&page.blocks[1], &page.blocks[4], &page.blocks[6]) {
        (Block::TabPivot(tab), Block::Include(include), Block::Rule(rule)) => {
            assert_eq!(
                (tab.label.as_str(), tab.target.as_str()),
                ("HTTP", "#tab/http")
            );
            assert_eq!(include.label, "sample-code");
            assert_eq!(
                include.target,
                "../includes/snippets/csharp/get-user-csharp-snippets.md"
            );
            assert_eq!(include.span.line, body_line(12));
            assert_eq!(rule.line, body_line(15));
        }
        other => panic!("{other:?}"),
    }
    let code = codes_of(&page)[0];
    assert_eq!(
        code.annotation.as_ref().and_then(|a| a.get_str("name")),
        Some("get_user")
    );
    assert_eq!(
        code.annotation.as_ref().map(|a| a.span.line),
        Some(body_line(4))
    );
}

#[test]
fn tab_group_closed_right_after_an_include_line() {
    // `text` + `---` is a setext heading to CommonMark; here it closes the tab group.
    let body = "# [HTTP](#tab/http)\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/x.md)]\n---\n\nAfter.\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        kinds(&page),
        vec!["tab", "code", "tab", "include", "rule", "paragraph"]
    );
    // Outside a tab group, the same shape stays a setext heading.
    let (page, _) = parse("Title\n---\n");
    assert_eq!(kinds(&page), vec!["heading"]);
}

#[test]
fn annotation_pairs_with_fence_across_blank_lines_only() {
    let body = "<!--{\n  \"blockType\": \"response\",\n  \"truncated\": true\n}\n-->\n\n\n``` HTTP\nHTTP/1.1 200 OK\n```\n\n<!-- { \"blockType\": \"ignored\" } -->\nSome prose.\n\n```json\n{}\n```\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(kinds(&page), vec!["code", "comment", "paragraph", "code"]);
    let code = codes_of(&page);
    assert_eq!(code[0].lang, "http");
    assert_eq!(
        code[0].annotation.as_ref().and_then(|a| a.block_type()),
        Some("response")
    );
    assert_eq!(
        (code[0].span.line, code[0].content_line),
        (body_line(8), body_line(9))
    );
    assert_eq!(code[0].text, "HTTP/1.1 200 OK\n");
    assert!(code[1].annotation.is_none());
    match &page.blocks[1] {
        Block::Comment(comment) => {
            assert_eq!(
                comment.annotation.as_ref().and_then(|a| a.block_type()),
                Some("ignored")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lone_closing_line_and_comment_sharing_a_block_with_html() {
    let body = "<a name=\"x\"></a>\n<!-- {\"blockType\": \"request\"}\n-->\n```http\nGET /x\n```\n<!-- uuid: 1234 -->\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(kinds(&page), vec!["code", "comment"]);
    assert_eq!(
        codes_of(&page)[0]
            .annotation
            .as_ref()
            .and_then(|a| a.block_type()),
        Some("request")
    );
    match &page.blocks[1] {
        Block::Comment(comment) => {
            assert_eq!(comment.text, "uuid: 1234");
            assert!(comment.annotation.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn page_annotation_comment_with_raw_newline() {
    let body = "<!--\n{\n  \"type\": \"#page.annotation\",\n  \"suppressions\": [\"Error: a\nb\"]\n}\n-->\n";
    let (page, diags) = parse(body);
    assert_eq!(codes(&diags), vec!["annotation-json"]);
    assert_eq!(diags[0].span.line, body_line(4));
    match &page.blocks[0] {
        Block::Comment(comment) => {
            let annotation = comment.annotation.as_ref();
            assert_eq!(
                annotation.and_then(|a| a.get_str("type")),
                Some("#page.annotation")
            );
            assert_eq!(
                annotation.map(|a| a.get_strings("suppressions")),
                Some(vec!["Error: a\nb".to_string()])
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unterminated_comment_does_not_swallow_the_page() {
    let body =
        "Before.\n\n<!-- commented out\nstill comment\n\n## Properties\n\n| A |\n|---|\n| a |\n";
    let (page, diags) = parse(body);
    assert_eq!(codes(&diags), vec!["comment-unterminated"]);
    assert_eq!(diags[0].span.line, body_line(3));
    assert_eq!(
        kinds(&page),
        vec!["paragraph", "comment", "heading", "table"]
    );
    match (&page.blocks[1], &page.blocks[2]) {
        (Block::Comment(comment), Block::Heading(heading)) => {
            assert_eq!(comment.text, "commented out\nstill comment");
            assert_eq!(heading.span.line, body_line(6));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unterminated_fence() {
    let (page, diags) = parse("Text.\n\n```http\nGET /me\n");
    assert_eq!(codes(&diags), vec!["fence-unterminated"]);
    assert_eq!(diags[0].span.line, body_line(3));
    assert_eq!(codes_of(&page)[0].text, "GET /me\n");
}

#[test]
fn indented_fence_in_a_list_and_tight_items() {
    let body = "1. Get the item:\n\n    ```http\n    GET /me/drive\n    ```\n\n- one *item*\n- two\n  - nested\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        kinds(&page),
        vec!["paragraph", "code", "paragraph", "paragraph", "paragraph"]
    );
    let code = codes_of(&page)[0];
    assert_eq!(
        (code.text.as_str(), code.content_line),
        ("GET /me/drive\n", body_line(4))
    );
    let texts: Vec<&str> = page
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Paragraph(p) = b {
                Some(p.text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(texts, vec!["Get the item:", "one item", "two", "nested"]);
}

#[test]
fn reference_links_and_definitions() {
    let body = "Returns an [identitySet][] or [Drive item][driveitem] or [gone][nothing].\n\n[identitySet]: identityset.md\n[DriveItem]: ../resources/driveitem.md\n";
    let (page, diags) = parse(body);
    assert_eq!(codes(&diags), vec!["link-broken"]);
    assert_eq!(
        page.link_defs.get("identityset").map(String::as_str),
        Some("identityset.md")
    );
    assert_eq!(
        page.link_defs.get("driveitem").map(String::as_str),
        Some("../resources/driveitem.md")
    );
    match &page.blocks[0] {
        Block::Paragraph(p) => {
            assert_eq!(p.text, "Returns an identitySet or Drive item or gone.");
            let targets: Vec<&str> = p.links.iter().map(|l| l.target.as_str()).collect();
            assert_eq!(
                targets,
                vec!["identityset.md", "../resources/driveitem.md", ""]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn callouts_are_paragraphs() {
    let (page, diags) = parse("> [!NOTE]\n> Use `$select` &amp; **bold**.\n");
    assert!(diags.is_empty(), "{diags:?}");
    match &page.blocks[..] {
        [Block::Paragraph(p)] => assert_eq!(p.text, "[!NOTE] Use `$select` & bold."),
        other => panic!("{other:?}"),
    }
}

#[test]
fn table_with_broken_row_in_a_page() {
    let body = "## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|a|String|First\nline.|\n|b|[identitySet][]|x|\n\n[identitySet]: identityset.md\n";
    let (page, diags) = parse(body);
    assert_eq!(codes(&diags), vec!["table-row-broken"]);
    assert_eq!(diags[0].span.line, body_line(6));
    match &page.blocks[1] {
        Block::Table(table) => {
            assert_eq!(table.rows.len(), 2);
            assert_eq!(table.rows[0].cells[2].text, "First line.");
            assert_eq!(table.rows[1].cells[1].links[0].target, "identityset.md");
            assert_eq!(table.rows[1].span.line, body_line(7));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn crlf_bom_page_through_decode() {
    let (text, decode_diags) = source::decode(
        "api/p.md",
        b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n# T\r\n\r\n```http\r\nGET /me\r\n```\r\n".to_vec(),
    );
    assert!(decode_diags.is_empty());
    let (page, diags) = parse_page(&SourceFile {
        path: "api/p.md".to_string(),
        text,
    });
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(page.front_matter.get("title"), Some("x"));
    assert_eq!(codes_of(&page)[0].text, "GET /me\n");
    assert_eq!(codes_of(&page)[0].span.line, 6);
}

#[test]
fn missing_and_unterminated_front_matter() {
    let (page, diags) = parse_page(&SourceFile {
        path: "a.md".to_string(),
        text: "# T\n".to_string(),
    });
    assert_eq!(codes(&diags), vec!["front-matter-missing"]);
    assert_eq!(kinds(&page), vec!["heading"]);
    let text = "---\ntitle: x\n\n# T\n\nBody.\n".to_string();
    let (page, diags) = parse_page(&SourceFile {
        path: "a.md".to_string(),
        text,
    });
    assert_eq!(codes(&diags), vec!["front-matter-unterminated"]);
    assert_eq!(kinds(&page), vec!["heading", "paragraph"]);
}

#[test]
fn hostile_input_does_not_panic() {
    let nasty = [
        "",
        "---",
        "---\n---",
        "<!--",
        "<!-- {",
        "```",
        "|",
        "|\n|-|",
        "| a |\n|---|\n|",
        "# [x](#tab/)\n---\n---\n",
        "[!INCLUDE [",
        "<!-- { \"blockType\": \"request\" } -->\n```",
        "\u{feff}ç|é\n|-|-|\nü|\\",
        &"[".repeat(10_000),
        &"> ".repeat(5_000),
        &"- ".repeat(5_000),
        &format!("<!-- {} -->\n```\nx\n```", "[".repeat(10_000)),
    ];
    for text in nasty {
        let _ = parse_page(&SourceFile {
            path: "x.md".to_string(),
            text: text.to_string(),
        });
        let _ = parse(text);
    }
}

#[test]
fn table_with_tabs_in_its_delimiter_row_after_text() {
    // pulldown-cmark reads this as a paragraph; GitHub and the docs site render a table.
    let body =
        "Intro line.\n| Property \t\t| Type |\n| -------- \t\t|------|\n| title \t| String |\n";
    let (page, diags) = parse(body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(kinds(&page), vec!["paragraph", "table"]);
    match (&page.blocks[0], &page.blocks[1]) {
        (Block::Paragraph(p), Block::Table(table)) => {
            assert_eq!(p.text, "Intro line.");
            assert_eq!(table.header_keys(), vec!["property", "type"]);
            assert_eq!(table.rows[0].cells[1].text, "String");
            assert_eq!(table.span.line, body_line(2));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn many_unterminated_comments_stay_linear() {
    let body = "<!-- open\n\ntext\n\n".repeat(20_000);
    let started = std::time::Instant::now();
    let (page, diags) = parse(&body);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    // Each of the first comments is cut at its blank line; the last one runs to the end.
    let comments = page
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Comment(_)))
        .count();
    assert_eq!(comments, 33);
    assert_eq!(diags.len(), 33);
    assert!(diags.iter().all(|d| d.code == "comment-unterminated"));
}
