//! Tests of the inline reader: plain text, links, pieces.

use super::*;
use pulldown_cmark::{Options, Parser};

use Inline as I;

fn render(markdown: &str) -> Text {
    let defs = BTreeMap::from([("known".to_string(), "known.md".to_string())]);
    let mut callback = |link: BrokenLink<'_>| resolve_broken_link(&defs, &link);
    let parser =
        Parser::new_with_broken_link_callback(markdown, Options::empty(), Some(&mut callback));
    let mut writer = InlineWriter::new();
    for event in parser {
        writer.event(&event);
    }
    writer.finish(Span::default())
}

#[test]
fn plain_text_with_code_entities_and_breaks() {
    let text =
        render("Some **bold** and _em_ with `code`,\n&lt;token&gt;&nbsp;x<br>y &#124; z<br/>.");
    assert_eq!(text.text, "Some bold and em with `code`, <token> x y | z .");
}

#[test]
fn placeholder_tags_are_kept_and_comments_dropped() {
    let text = render("Bearer <token>. Required. <!-- hidden --> <b>bold</b>");
    assert_eq!(text.text, "Bearer <token>. Required. bold");
}

#[test]
fn links_inline_reference_and_broken() {
    let markdown = "See [user](../resources/user.md), [Known][], [x][known], [missing][] and [!NOTE].\n\n[other]: o.md";
    let text = render(markdown);
    assert_eq!(text.text, "See user, Known, x, missing and [!NOTE].");
    let links: Vec<(&str, &str)> = text
        .links
        .iter()
        .map(|l| (l.text.as_str(), l.target.as_str()))
        .collect();
    assert_eq!(
        links,
        vec![
            ("user", "../resources/user.md"),
            ("Known", "known.md"),
            ("x", "known.md"),
            ("missing", "")
        ]
    );
}

#[test]
fn include_lines() {
    assert_eq!(
        parse_include("  [!INCLUDE [sample-code](../includes/x.md)]"),
        Some(("sample-code".to_string(), "../includes/x.md".to_string(), 2))
    );
    assert_eq!(
        parse_include("[!include[beta](../../includes/beta-disclaimer.md)]"),
        Some((
            "beta".to_string(),
            "../../includes/beta-disclaimer.md".to_string(),
            0
        ))
    );
    assert_eq!(parse_include("[!NOTE]"), None);
    assert_eq!(parse_include("[!INCLUDE [x](y)] and more"), None);
}

#[test]
fn pieces_keep_code_and_link_targets() {
    let read = render(
        "The **id** of `a  b` and [the `user`](../resources/user.md) ([docs](https://x.com/a)).",
    );
    assert_eq!(
        read.pieces.0,
        [
            I::text("The id of "),
            I::code("a b"),
            I::text(" and "),
            I::link(
                vec![I::text("the "), I::code("user")],
                "../resources/user.md"
            ),
            I::text(" ("),
            I::link(vec![I::text("docs")], "https://x.com/a"),
            I::text(")."),
        ]
    );
    assert_eq!(read.pieces.flat_text(), read.text);
}

#[test]
fn spaces_around_links_stay_outside_them() {
    let read = render("a [ b ](x.md) c [](e.md)d [f](g.md)");
    assert_eq!(
        read.pieces.0,
        [
            I::text("a "),
            I::link(vec![I::text("b")], "x.md"),
            I::text(" c d "),
            I::link(vec![I::text("f")], "g.md"),
        ]
    );
    assert_eq!(read.text, "a b c d f");
    let unclosed = render("see [x](");
    assert_eq!(unclosed.pieces.flat_text(), unclosed.text);
}

#[test]
fn bare_urls_become_links() {
    let read =
        render("Go to https://aka.ms/x_y, not `https://code` nor [see https://a.com](b.md).");
    let url = |u: &str| I::link(vec![I::text(u)], u);
    assert_eq!(
        read.pieces.0,
        [
            I::text("Go to "),
            url("https://aka.ms/x_y"),
            I::text(", not "),
            I::code("https://code"),
            I::text(" nor "),
            I::link(vec![I::text("see https://a.com")], "b.md"),
            I::text("."),
        ]
    );
    assert_eq!(read.pieces.flat_text(), read.text);
    let autolink = render("<https://a.com/b>");
    assert_eq!(autolink.pieces.0, [url("https://a.com/b")]);
}

#[test]
fn code_spaces_match_the_plain_text() {
    for markdown in ["`x `y", "a ` x` b", "`` a`b ``", "x`\n`y"] {
        let read = render(markdown);
        assert_eq!(read.pieces.flat_text(), read.text, "{markdown:?}");
    }
}

#[test]
fn standalone_markdown_reads_blocks_as_spaces() {
    let read = read(
        "Represents a [user](user.md).\n\n**Second** `p`.",
        Span::default(),
    );
    assert_eq!(read.text, "Represents a user. Second `p`.");
    assert_eq!(read.links.len(), 1);
}
