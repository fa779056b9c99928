use super::*;
use crate::diag::Span;
use crate::ir::text::Inline;

fn text(markdown: &str) -> Text {
    crate::pages::read_inline(markdown, Span::default())
}

fn flat(description: &Description) -> Vec<String> {
    description
        .paragraphs
        .iter()
        .map(Paragraph::flat_text)
        .collect()
}

fn cell(markdown: &str) -> Cell {
    let read = text(markdown);
    Cell {
        text: read.text,
        raw: markdown.to_string(),
        links: read.links,
        pieces: read.pieces,
        span: Span::default(),
    }
}

#[test]
fn leading_callouts_follow_the_summary() {
    let paragraphs = [
        text("> **Important:** Microsoft Graph APIs under the /beta version are subject to change."),
        text("> **Note:** The Microsoft Graph API for Intune requires an active Intune license for the tenant."),
        text("Namespace: microsoft.graph"),
        text("Contains the run state of a `script`."),
        text("More about it."),
        text("> [!NOTE]\n> Later callouts stay."),
    ];
    let intro = read_intro(&paragraphs, None, None);
    assert_eq!(
        flat(&intro.description),
        [
            "Contains the run state of a `script`.",
            "Important: Microsoft Graph APIs under the /beta version are subject to change.",
            "More about it.",
            "Note: Later callouts stay.",
        ]
    );
    assert!(intro
        .summary
        .is_some_and(|s| std::ptr::eq(s, &paragraphs[3])));
    assert_eq!(
        flat(&intro.summary_only()),
        ["Contains the run state of a `script`."]
    );
    // The code stays a code piece.
    assert_eq!(
        intro.description.paragraphs[0].0.get(1),
        Some(&Inline::Code("script".to_string()))
    );
}

#[test]
fn only_callouts_take_the_front_matter_summary() {
    let paragraphs = [text("Important: APIs under the /beta version may change.")];
    let front_matter = PageHeader {
        description: "The outcome of a [script](x.md) run.".to_string(),
        ..PageHeader::default()
    };
    let intro = read_intro(&paragraphs, None, Some(&front_matter));
    assert_eq!(
        flat(&intro.description),
        [
            "The outcome of a script run.",
            "Important: APIs under the /beta version may change."
        ]
    );
    assert!(intro.summary.is_none());
    assert_eq!(
        flat(&intro.summary_only()),
        ["The outcome of a script run."]
    );

    let without = read_intro(&paragraphs, None, None);
    assert_eq!(
        flat(&without.description),
        ["Important: APIs under the /beta version may change."]
    );
    assert!(without.summary_only().is_empty());
    // A front matter that is a callout itself is no summary either.
    let callout = PageHeader {
        description: "Note: nothing else.".to_string(),
        ..PageHeader::default()
    };
    assert!(read_intro(&paragraphs, None, Some(&callout))
        .summary_only()
        .is_empty());
}

#[test]
fn boilerplate_and_base_sentences_are_dropped() {
    let paragraphs = [
        text("Namespace: microsoft.graph.callRecords"),
        text("Inherits from [educationResource](x.md)."),
        text("A subclass of educationResource. Represents a `file`."),
        text(
            "The Microsoft Graph API for Intune requires an active Intune license for the tenant.",
        ),
        text(""),
    ];
    let intro = read_intro(&paragraphs, Some("educationResource"), None);
    assert_eq!(flat(&intro.description), ["Represents a `file`."]);
    let untouched = read_intro(&paragraphs[2..], None, None);
    assert_eq!(
        flat(&untouched.description),
        ["A subclass of educationResource. Represents a `file`."]
    );
}

#[test]
fn a_cell_opening_with_a_callout_sentence_ends_with_it() {
    let read = |markdown: &str| flat(&read_cell(Some(&cell(markdown))));
    assert_eq!(
        read("**Note:** Do not use `a.B`. The display name. Read-only."),
        ["The display name. Read-only. Note: Do not use `a.B`."]
    );
    assert_eq!(read("[!NOTE] Only this."), ["Note: Only this."]);
    assert_eq!(read("The name. Note: x."), ["The name. Note: x."]);
    assert_eq!(
        read("The [user](user.md) who ran it. See https://aka.ms/x."),
        ["The user who ran it. See https://aka.ms/x."]
    );
    assert!(read_cell(None).is_empty());
    assert!(read_cell(Some(&cell("  "))).is_empty());
}

#[test]
fn prose_under_the_namespace_line_is_kept() {
    let paragraphs = [
        text("Namespace: microsoft.graph\nDelete a [conversation](x.md) object."),
        text("Namespace: `microsoft.graph.callRecords` Represents a call."),
        text("Namespace: microsoft.graph"),
    ];
    let intro = read_intro(&paragraphs, None, None);
    assert_eq!(
        flat(&intro.description),
        ["Delete a conversation object.", "Represents a call."]
    );
    assert!(intro
        .summary
        .is_some_and(|s| std::ptr::eq(s, &paragraphs[0])));
}
