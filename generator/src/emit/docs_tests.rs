use super::*;

use Inline as I;

fn lines(pieces: Vec<Inline>) -> Vec<String> {
    paragraph_lines(&Paragraph(pieces))
}

#[test]
fn links_keep_web_targets_only() {
    assert_eq!(
        lines(vec![
            I::text("See "),
            I::link(vec![I::text("user")], "../resources/user.md"),
            I::text(" and "),
            I::link(
                vec![I::text("the "), I::code("a[0]")],
                "https://learn.microsoft.com/x_(y)"
            ),
            I::text("."),
        ]),
        ["See user and [the `a[0]`](https://learn.microsoft.com/x_%28y%29)."]
    );
    let url = "https://a.com/b";
    assert_eq!(
        lines(vec![I::link(vec![I::text(url)], url)]),
        ["<https://a.com/b>"]
    );
    assert_eq!(
        lines(vec![I::text("Bare: https://a.com/b, xhttps://c.com.")]),
        ["Bare: <https://a.com/b>, x<https://c.com>."]
    );
    assert_eq!(
        lines(vec![I::link(vec![I::text("x")], "javascript:alert(1)")]),
        ["x"]
    );
    let long = format!("https://a.com/{}", "b".repeat(MAX_URL_CHARS));
    assert_eq!(lines(vec![I::link(vec![I::text("x")], &long)]), ["x"]);
}

#[test]
fn markdown_characters_in_text_are_escaped() {
    assert_eq!(
        lines(vec![I::text(
            "[!NOTE] x [y] <b>bold</b> a|b back\\slash `tick`"
        )]),
        ["\\[!NOTE\\] x \\[y\\] \\<b>bold\\</b> a\\|b back\\\\slash \\`tick\\`"]
    );
    assert_eq!(
        lines(vec![I::text("```rust\nfn x() {}\n```")]),
        ["\\`\\`\\`rust fn x() {} \\`\\`\\`"]
    );
}

#[test]
fn code_pieces_are_code_spans() {
    assert_eq!(
        lines(vec![
            I::text("Use "),
            Inline::Code("a[0] <b>".into()),
            I::text(", "),
            Inline::Code("a`b".into()),
            I::text("."),
        ]),
        ["Use `a[0] <b>`, `` a`b ``."]
    );
}

#[test]
fn no_line_starts_a_block() {
    assert_eq!(
        lines(vec![I::text("- item # heading")]),
        ["\\- item # heading"]
    );
    assert_eq!(lines(vec![I::text("1. first")]), ["1\\. first"]);
    let long = format!("{} - dash {} 2. two", "word ".repeat(17), "w ".repeat(2));
    for line in lines(vec![I::text(&long)]) {
        assert!(!line.starts_with('-') && !line.starts_with("2."), "{line}");
        assert!(line.len() <= WIDTH + 1);
    }
}

#[test]
fn paragraphs_and_control_characters() {
    let description = Description {
        paragraphs: vec![
            Paragraph::from_text("a\nb"),
            Paragraph::from_text("  "),
            Paragraph::from_text("c\0d\u{202e}e\r"),
        ],
    };
    let doc = Doc::new().description(&description);
    assert_eq!(doc.lines, ["a b", "", "cde"]);
    assert!(Doc::new()
        .description(&Description::default())
        .lines
        .is_empty());
    assert_eq!(Doc::new().text("Get a `user`").lines, ["Get a \\`user\\`"]);
}

#[test]
fn inline_code_and_plain_helpers() {
    assert_eq!(code("PATCH /a/{id}"), "`PATCH /a/{id}`");
    assert_eq!(code("a`b"), "`` a`b ``");
    assert_eq!(plain("a*b[c]"), "a\\*b\\[c\\]");
}

#[test]
fn attrs_are_string_literals() {
    let tokens = Doc::new()
        .text("*/ \"quoted\" #[x] } fn x() {}")
        .attrs()
        .to_string();
    assert!(tokens.starts_with("# [doc = \""), "{tokens}");
    assert!(tokens.contains("\\\"quoted\\\""), "{tokens}");
}
