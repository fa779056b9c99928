//! HTML blocks: the comments they hold (`<!-- ... -->`, possibly several, possibly with other
//! HTML around them) and their leftover text.

/// One comment inside an HTML block; offsets are bytes into the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawComment<'a> {
    /// Offset of `<!--`.
    pub(crate) start: usize,
    /// Offset just after `-->` (the end of the block when unterminated).
    pub(crate) end: usize,
    /// The text between `<!--` and `-->`.
    pub(crate) inner: &'a str,
    /// Offset of `inner`.
    pub(crate) inner_start: usize,
    pub(crate) terminated: bool,
}

/// The pieces of an HTML block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HtmlPieces<'a> {
    pub(crate) comments: Vec<RawComment<'a>>,
    /// Text outside the comments, HTML tags removed, whitespace collapsed.
    pub(crate) other_text: String,
    /// Whether only whitespace follows the last comment.
    pub(crate) ends_with_comment: bool,
}

/// Splits `html` (the source of an HTML block starting at page offset `base`).
pub(crate) fn split_html(html: &str, base: usize) -> HtmlPieces<'_> {
    let mut pieces = HtmlPieces::default();
    let mut other = String::new();
    let mut pos = 0;
    while let Some(found) = html.get(pos..).and_then(|rest| rest.find("<!--")) {
        let open = pos + found;
        other.push_str(html.get(pos..open).unwrap_or(""));
        other.push(' ');
        let inner_start = open + 4;
        match html.get(inner_start..).and_then(|rest| rest.find("-->")) {
            Some(close) => {
                let inner_end = inner_start + close;
                pieces.comments.push(RawComment {
                    start: base + open,
                    end: base + inner_end + 3,
                    inner: html.get(inner_start..inner_end).unwrap_or(""),
                    inner_start: base + inner_start,
                    terminated: true,
                });
                pos = inner_end + 3;
            }
            None => {
                pieces.comments.push(RawComment {
                    start: base + open,
                    end: base + html.len(),
                    inner: html.get(inner_start..).unwrap_or(""),
                    inner_start: base + inner_start,
                    terminated: false,
                });
                pos = html.len();
            }
        }
    }
    let tail = html.get(pos..).unwrap_or("");
    pieces.ends_with_comment = !pieces.comments.is_empty() && tail.trim().is_empty();
    other.push_str(tail);
    pieces.other_text = strip_tags(&other);
    pieces
}

/// Plain text of an HTML fragment: tags dropped, common entities decoded, whitespace collapsed.
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_shapes() {
        for html in [
            "<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n",
            "<!--{\"blockType\": \"ignored\"}-->",
            "<!-- {\"blockType\": \"ignored\"\n}-->",
        ] {
            let pieces = split_html(html, 10);
            assert_eq!(pieces.comments.len(), 1, "{html:?}");
            let comment = &pieces.comments[0];
            assert!(comment.terminated);
            assert_eq!(comment.start, 10);
            assert!(comment.inner.trim().starts_with('{') && comment.inner.trim().ends_with('}'));
            assert_eq!(
                &html[comment.inner_start - 10..comment.end - 10 - 3],
                comment.inner
            );
            assert!(pieces.ends_with_comment);
            assert_eq!(pieces.other_text, "");
        }
    }

    #[test]
    fn several_comments_and_other_text() {
        let pieces = split_html(
            "<a name=\"x\"></a> <!-- one --> &lt;b&gt; <!-- two --> tail\n",
            0,
        );
        let inners: Vec<&str> = pieces.comments.iter().map(|c| c.inner).collect();
        assert_eq!(inners, vec![" one ", " two "]);
        assert_eq!(pieces.other_text, "<b> tail");
        assert!(!pieces.ends_with_comment);
    }

    #[test]
    fn unterminated_comment() {
        let pieces = split_html("<!-- open\nmore\n", 5);
        assert_eq!(pieces.comments.len(), 1);
        assert!(!pieces.comments[0].terminated);
        assert_eq!(pieces.comments[0].end, 5 + 15);
        assert_eq!(pieces.comments[0].inner, " open\nmore\n");
    }
}
