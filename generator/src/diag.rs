//! Diagnostics: every problem docgen finds in its input, with a stable code and a place.
//!
//! A diagnostic is plain data (it is part of the IR) so that `docgen ir` and `docgen lint`
//! report the same things. Codes are stable: tools and suppressions match on them, so a code
//! is never renamed or reused for another kind of problem.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in an input page. Lines and columns are 1-based; column 0 means "unknown".
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Page path relative to the input folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub fn new(file: impl Into<String>, line: u32, col: u32) -> Self {
        Span {
            file: file.into(),
            line,
            col,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.col > 0 {
            write!(f, "{}:{}:{}", self.file, self.line, self.col)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Input docgen could not use: something was dropped or guessed.
    Error,
    /// A defect of the page that docgen recovered from.
    Warning,
    /// Information about a decision docgen made (an inference, a resolution).
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A secondary place that explains a diagnostic (the other definition of a duplicate, say).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// Serialized as its stable string, e.g. `annotation-json`.
    pub code: Code,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// Longest input quoted in a message, in characters: see [`excerpt`].
pub const EXCERPT_CHARS: usize = 80;

/// Longest message, in characters: a backstop for quotes that missed [`excerpt`].
pub const MESSAGE_CHARS: usize = 1_000;

/// Input text to quote in a message: at most [`EXCERPT_CHARS`] characters, cut on a character
/// boundary and ended with `…` when cut, so a 50 MB line cannot make a 50 MB message. Line
/// breaks become spaces (a message is one line).
pub fn excerpt(text: &str) -> String {
    cut(text, EXCERPT_CHARS)
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

/// `text` cut to `max` characters plus `…`; borrowed when it is short enough. Stops scanning
/// at the cut, so it costs O(max), not O(text).
fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => {
            let mut out = text.get(..at).unwrap_or_default().to_string();
            out.push('…');
            std::borrow::Cow::Owned(out)
        }
    }
}

fn capped(message: String) -> String {
    match cut(&message, MESSAGE_CHARS) {
        std::borrow::Cow::Borrowed(_) => message,
        std::borrow::Cow::Owned(short) => short,
    }
}

impl Diagnostic {
    /// A diagnostic; the message is capped at [`MESSAGE_CHARS`] (quote input with [`excerpt`]).
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            severity: code.severity(),
            code,
            message: capped(message.into()),
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: capped(message.into()),
        });
        self
    }

    /// Overrides the code's default severity (rarely needed; prefer a distinct code).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

impl Diagnostic {
    /// The sort key: place, severity, then the code's stable string (not its place in the
    /// catalogue, so adding a code never reorders output), message, related notes.
    fn key(&self) -> (&Span, Severity, &'static str, &str, &[Related]) {
        (
            &self.span,
            self.severity,
            self.code.as_str(),
            &self.message,
            &self.related,
        )
    }
}

impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: severity[code]: message`, like rustc.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.span, self.severity, self.code, self.message
        )?;
        for related in &self.related {
            write!(f, "\n  {}: note: {}", related.span, related.message)?;
        }
        Ok(())
    }
}

/// Collects diagnostics; cheap to create per page and merge afterwards.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }
    pub fn emit(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(code, span, message));
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    /// Sorted by place, then code, then message, duplicates removed: the same on every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

macro_rules! codes {
    ($( $variant:ident = $text:literal, $severity:ident, $doc:literal; )*) => {
        /// Every kind of problem docgen reports. The string form is the stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( #[doc = $doc] $variant, )*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $text, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            pub fn description(self) -> &'static str {
                match self { $( Code::$variant => $doc, )* }
            }

            #[allow(clippy::should_implement_trait)] // returns an Option, unlike FromStr
            pub fn from_str(text: &str) -> Option<Code> {
                match text { $( $text => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

// The catalogue. Add new codes at the end of their group; never rename one.
codes! {
    // Reading files.
    FileUnreadable = "file-unreadable", Error, "The page could not be read (permissions, not a file, I/O error).";
    FileNotUtf8 = "file-not-utf8", Warning, "The page is not valid UTF-8; invalid bytes were replaced.";
    FileTooLarge = "file-too-large", Error, "The page exceeds the size limit and was skipped.";
    FileEmpty = "file-empty", Warning, "The page is empty.";
    // Page structure.
    FrontMatterMissing = "front-matter-missing", Warning, "The page has no YAML front matter.";
    FrontMatterInvalid = "front-matter-invalid", Warning, "A front matter line could not be read.";
    FrontMatterUnterminated = "front-matter-unterminated", Error, "The front matter has no closing `---`.";
    DocTypeUnknown = "doc-type-unknown", Warning, "The doc_type is missing or unknown; the page kind was guessed.";
    DocTypeMismatch = "doc-type-mismatch", Note, "The doc_type disagrees with the page's folder or content.";
    TitleMissing = "title-missing", Warning, "The page has no H1 title.";
    TitleMismatch = "title-mismatch", Note, "The front matter title and the H1 name differ.";
    PlaceholderValue = "placeholder-value", Warning, "A front matter value is a template placeholder such as `$(metadata.owner)`.";
    TemplateResidue = "template-residue", Warning, "Template residue was left in the page (comments, placeholder rows).";
    FenceUnterminated = "fence-unterminated", Warning, "A code fence is not closed before the end of the page.";
    CommentUnterminated = "comment-unterminated", Warning, "An HTML comment is not closed before the end of the page.";
    IncludeOutside = "include-outside", Warning, "An include points outside the input folder; it is kept as text and not followed.";
    DescriptionEmpty = "description-empty", Note, "The front matter description is empty.";
    // Annotations.
    AnnotationJson = "annotation-json", Warning, "An annotation comment is not valid JSON; it was repaired or read with a fallback.";
    AnnotationUnreadable = "annotation-unreadable", Error, "An annotation comment could not be read at all.";
    AnnotationBlockType = "annotation-block-type", Warning, "An annotation has an unknown or missing blockType.";
    AnnotationKey = "annotation-key", Note, "An annotation has a key outside the docs' annotation vocabulary.";
    AnnotationValue = "annotation-value", Warning, "An annotation value has the wrong kind (e.g. `\"true\"` for true).";
    AnnotationMisplaced = "annotation-misplaced", Warning, "An annotation does not fit the block it annotates.";
    AnnotationPlaceholder = "annotation-placeholder", Warning, "An annotation value is a template placeholder such as `$(this.ReturnTypeFullName)`; it was ignored.";
    // Tables.
    TableCells = "table-cells", Warning, "A table row has more or fewer cells than its header.";
    TableRowBroken = "table-row-broken", Warning, "A table row was broken over two lines and was joined.";
    TableHeaderOnly = "table-header-only", Warning, "A table has a header and no rows.";
    TableEmptyCells = "table-empty-cells", Warning, "A table that should hold values has empty cells.";
    TableUnexpected = "table-unexpected", Note, "A table was found where none was expected and was ignored.";
    TableTitleMismatch = "table-title-mismatch", Warning, "The text introducing a table does not fit the page (e.g. \"create\" on an update page).";
    DuplicateRow = "duplicate-row", Warning, "A table names the same property twice.";
    // Types.
    TypeUnknown = "type-unknown", Warning, "A Type cell could not be read; the property is untyped JSON.";
    TypeOddSpelling = "type-odd-spelling", Note, "A Type cell uses a non-canonical spelling that was understood.";
    TypeUnresolved = "type-unresolved", Warning, "A type refers to a type that no page in the input defines.";
    LinkBroken = "link-broken", Warning, "A link target is malformed or points to no page.";
    TypeDuplicate = "type-duplicate", Warning, "Two pages define the same type; one definition was kept.";
    InheritanceCycle = "inheritance-cycle", Error, "Base types form a cycle; the cycle was broken.";
    BaseUnresolved = "base-unresolved", Warning, "A base type is not defined in the input.";
    BaseConflict = "base-conflict", Warning, "The baseType annotation and the \"Inherits from\" line disagree.";
    PropertyNameInvalid = "property-name-invalid", Warning, "A property name is not an identifier.";
    JsonTableMismatch = "json-table-mismatch", Warning, "The JSON representation and the Properties table disagree.";
    JsonRepresentationInvalid = "json-representation-invalid", Warning, "The JSON representation is not valid JSON.";
    EnumEmpty = "enum-empty", Warning, "An enum has no members.";
    EnumMemberDuplicate = "enum-member-duplicate", Warning, "An enum lists the same member twice.";
    EnumValueInvalid = "enum-value-invalid", Warning, "An enum member's value is not an integer.";
    InheritanceTooDeep = "inheritance-too-deep", Error, "A chain of base types is deeper than docgen's limit; it was cut.";
    TypeCorrected = "type-corrected", Warning, "A Properties table's type was replaced by a more specific one that two other sources (JSON representation, enum pages, examples) agree on.";
    // HTTP request blocks and operations.
    HttpBlockEmpty = "http-block-empty", Error, "The HTTP request block holds no request line.";
    HttpBlockMissing = "http-block-missing", Error, "The page has no HTTP request block.";
    HttpMethodMissing = "http-method-missing", Warning, "A request line has no HTTP method.";
    HttpMethodUnknown = "http-method-unknown", Error, "A request line has an unknown HTTP method.";
    HttpPathInvalid = "http-path-invalid", Warning, "A request path is malformed (no leading slash, `..` segments, bad placeholder).";
    HttpForeignHost = "http-foreign-host", Warning, "A URL points to a host other than Microsoft Graph; it is not followed.";
    PathInferred = "path-inferred", Note, "The page does not document the operation's path (or method); it was inferred, and the note says from what.";
    OperationDropped = "operation-dropped", Error, "An operation could not be built (no method or no path) and was dropped.";
    OperationDuplicate = "operation-duplicate", Warning, "Two pages describe the same operation name; one was renamed.";
    ResponseTypeUnknown = "response-type-unknown", Warning, "The returned type could not be determined.";
    ResponseTypeMismatch = "response-type-mismatch", Warning, "The response prose, annotation and example disagree on the returned type.";
    PermissionsEmpty = "permissions-empty", Warning, "The permissions table lists no permission.";
    HttpLineIgnored = "http-line-ignored", Warning, "A line of an HTTP request block is not a request line (prose, a header, code) and was ignored.";
    RequestBodyContradicted = "request-body-contradicted", Warning, "The page says to supply no request body, but names the body's type, lists its properties or shows one; the body was kept.";
    // Examples.
    ExampleUrlNoPath = "example-url-no-path", Warning, "An example request URL has no resource path.";
    ExampleUnpaired = "example-unpaired", Warning, "An example request has no response, or a response has no request.";
    ExampleStatusLine = "example-status-line", Warning, "An example status line is malformed.";
    ExampleBodyInvalid = "example-body-invalid", Warning, "An example body is not valid JSON even after repair.";
    ExampleBodyRepaired = "example-body-repaired", Note, "An example body was repaired (comments, `...`, trailing commas).";
    ExampleUnknownProperty = "example-unknown-property", Warning, "An example body has a property its type does not declare.";
    ExampleWrongKind = "example-wrong-kind", Warning, "An example value has the wrong JSON kind for its declared type.";
    ExampleEnumValue = "example-enum-value", Warning, "An example value is not a member of its enum.";
    ExampleTypeMismatch = "example-type-mismatch", Warning, "An example's @odata.type disagrees with the declared type.";
    ExampleNotTested = "example-not-tested", Note, "An example pair could not become a test; the reason is given.";
    ExampleRequestPlaceholder = "example-request-placeholder", Warning, "An example request body holds type placeholders (`\"Int32\"`) instead of values.";
    ExampleResponsePlaceholder = "example-response-placeholder", Warning, "An example response body holds type placeholders (`\"Int32\"`) instead of values.";
    ExampleRequestShape = "example-request-shape", Warning, "An example request body's shape (one object vs an array) disagrees with the operation's body.";
    ExampleResponseShape = "example-response-shape", Warning, "An example response body's shape (one object vs `{\"value\": [...]}`) disagrees with the operation's response.";
    ExamplePathCase = "example-path-case", Warning, "An example URL spells a literal path segment in another case than the request syntax (Graph ignores that case; the example is still tested).";
    ExampleMissingProperty = "example-missing-property", Warning, "A response example not marked `truncated` lacks a property its type's JSON representation shows.";
    // Output.
    NameCollision = "name-collision", Note, "Two names collide after conversion to Rust; one was renamed.";
    RecursiveType = "recursive-type", Note, "A type contains itself; the field was boxed.";
    Unsupported = "unsupported", Warning, "A construct docgen does not support yet was skipped.";
    // The suppression file (`docgen-suppressions.txt`, see `lint::suppress`), not the pages.
    SuppressionInvalid = "suppression-invalid", Error, "A line of the suppression file could not be read (unknown code, bad path glob, no reason); it suppresses nothing.";
    SuppressionStale = "suppression-stale", Warning, "A suppression matched no diagnostic: remove it (what it hid is gone) or fix its code or path.";
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::from_str(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{text}`")))
    }
}

/// Compares with the stable string (`d.code == "type-unresolved"`).
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(
                seen.insert(code.as_str()),
                "duplicate code {}",
                code.as_str()
            );
            assert_eq!(Code::from_str(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn excerpts_are_short_and_cut_on_char_boundaries() {
        assert_eq!(excerpt("short\nline"), "short line");
        let long = "é".repeat(10_000);
        let quoted = excerpt(&long);
        assert_eq!(quoted.chars().count(), EXCERPT_CHARS + 1);
        assert!(quoted.starts_with("éé") && quoted.ends_with("é…"));
        let exact = "a".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exact), exact);
        assert_eq!(excerpt(&format!("{exact}b")), format!("{exact}…"));
        assert_eq!(excerpt(""), "");
    }

    #[test]
    fn messages_are_capped() {
        let huge = "x".repeat(5_000_000);
        let d = Diagnostic::new(Code::HttpBlockEmpty, Span::default(), format!("`{huge}`"))
            .with_related(Span::default(), huge.clone());
        assert_eq!(d.message.chars().count(), MESSAGE_CHARS + 1);
        assert!(d.message.ends_with('…'));
        assert!(d
            .related
            .iter()
            .all(|r| r.message.chars().count() == MESSAGE_CHARS + 1));
        let small = Diagnostic::new(Code::HttpBlockEmpty, Span::default(), "small");
        assert_eq!(small.message, "small");
    }

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic::new(Code::HttpBlockEmpty, Span::new("api/a.md", 3, 1), "empty")
            .with_related(Span::new("api/b.md", 9, 0), "other");
        assert_eq!(
            d.to_string(),
            "api/a.md:3:1: error[http-block-empty]: empty\n  api/b.md:9: note: other"
        );
    }
}
