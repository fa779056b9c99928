//! The one place where docs names become Rust names (and file names, and cargo feature names).
//!
//! The rules, applied in this order:
//! 1. **Characters.** ASCII letters and digits are kept; every other ASCII character (`-`, `.`,
//!    `@`, `$`, space, ...) separates words. Latin letters with diacritics map to their base
//!    letter (`é` -> `e`, `ß` -> `ss`, `ł` -> `l`; Latin-1 Supplement and Latin Extended-A); any
//!    other non-ASCII letter or digit becomes the word `u` + its hex code point (`ж` -> `u436`);
//!    anything else separates words.
//! 2. **Case.** heck's snake_case or UpperCamelCase over those words (`@odata.type` ->
//!    `odata_type`, `fooBar`/`foo_bar`/`foo-bar` -> `foo_bar`).
//! 3. **Shape.** An empty result becomes `unnamed` / `Unnamed`; a leading digit gets an `x` / `X`
//!    prefix (`24hours` -> `x24hours`).
//! 4. **Keywords.** Every Rust keyword (strict, reserved, and those of editions 2018-2024) gets a
//!    `_` suffix (`type_`, `self_`, `Self_`): `self`, `Self`, `crate` and `super` cannot be raw
//!    identifiers, so one rule for all keeps names predictable.
//! 5. **Collisions** are resolved over a whole set ([`resolve`]): the first holder (in the
//!    caller's deterministic order) keeps the name, later ones get the smallest free suffix
//!    (`foo_bar_2`, `FooBar2`, `Int32_2`), and each rename is a `name-collision` note.

use crate::diag::{Code, Diagnostic, Span};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Every Rust keyword that cannot be a plain identifier in edition 2021 or 2024.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `word` is a Rust keyword that cannot be used as a plain identifier.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// The two identifier cases docgen emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Fields, modules, files, functions.
    Snake,
    /// Types and enum variants.
    Pascal,
}

/// A docs name as a snake_case Rust identifier (rules 1-4 of the module docs).
pub fn snake(name: &str) -> String {
    ident(name, Case::Snake)
}

/// A docs name as an UpperCamelCase Rust identifier (rules 1-4 of the module docs).
pub fn pascal(name: &str) -> String {
    ident(name, Case::Pascal)
}

/// A docs name as a Rust identifier of the given case.
pub fn ident(name: &str, case: Case) -> String {
    let words = ascii_words(name);
    let mut out = match case {
        Case::Snake => words.to_snake_case(),
        Case::Pascal => words.to_upper_camel_case(),
    };
    if out.is_empty() {
        out.push_str(match case {
            Case::Snake => "unnamed",
            Case::Pascal => "Unnamed",
        });
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, if case == Case::Snake { 'x' } else { 'X' });
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// Rule 1: the name as ASCII words separated by spaces.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else if let Some(base) = latin_base(c) {
            out.push_str(base);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:x} ", u32::from(c)));
        } else {
            out.push(' ');
        }
    }
    out
}

/// Base letters of U+00C0..=U+00FF; `*` marks the two signs (× ÷) that are not letters.
const LATIN1: &str = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
/// Base letters of U+0100..=U+017F (Latin Extended-A), one per code point.
const LATIN_EXT_A: &str = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// The ASCII spelling of a Latin letter with a diacritic, if it is one.
fn latin_base(c: char) -> Option<&'static str> {
    let code = u32::from(c);
    let index = |table: &'static str, start: u32| -> Option<&'static str> {
        let i = usize::try_from(code.checked_sub(start)?).ok()?;
        table.get(i..i + 1).filter(|s| *s != "*")
    };
    match c {
        'Æ' => Some("Ae"),
        'æ' => Some("ae"),
        'ß' => Some("ss"),
        'Þ' => Some("Th"),
        'þ' => Some("th"),
        'Œ' => Some("Oe"),
        'œ' => Some("oe"),
        'Ĳ' => Some("Ij"),
        'ĳ' => Some("ij"),
        '\u{c0}'..='\u{ff}' => index(LATIN1, 0xc0),
        '\u{100}'..='\u{17f}' => index(LATIN_EXT_A, 0x100),
        _ => None,
    }
}

/// Longest file stem docgen writes (without `.rs`); longer ones are cut and get a hash suffix.
pub const MAX_FILE_STEM: usize = 60;

/// Windows device names, reserved as file names whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "aux", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "con",
    "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "nul", "prn",
];

/// A file stem (and module name) for a snake_case name: only `[a-z0-9_]`, never empty, never a
/// Windows device name, at most [`MAX_FILE_STEM`] bytes (cut, plus a stable hash of the whole).
/// The result is also a valid, non-keyword snake_case identifier, so it doubles as the module name.
pub fn file_stem(name: &str) -> String {
    let mut stem: String = snake(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        stem.push('_');
    }
    if stem.len() > MAX_FILE_STEM {
        let hash = format!("{:08x}", fnv1a(name.as_bytes()));
        let keep = MAX_FILE_STEM - hash.len() - 1;
        stem.truncate(keep);
        let trimmed = stem.trim_end_matches('_').len();
        stem.truncate(trimmed);
        stem.push('_');
        stem.push_str(&hash);
    }
    stem
}

/// A cargo feature name for a workload: lower-case `[a-z0-9-]` words joined by `-`; `unspecified`
/// when empty; never `default`, `full`, `time` or `client` (which the generated crate defines
/// itself).
pub fn feature_name(workload: &str) -> String {
    let words = ascii_words(workload);
    let mut out = String::new();
    for word in words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    match out.as_str() {
        "" => "unspecified".to_string(),
        "default" | "full" | "time" | "client" => format!("{out}-workload"),
        _ => out,
    }
}

/// 32-bit FNV-1a: a tiny, stable hash for file-name suffixes.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// One name to place in a set: what the docs call it, the Rust name wanted, where it comes from.
#[derive(Clone, Debug)]
pub struct Request {
    pub wire: String,
    pub rust: String,
    pub span: Span,
}

impl Request {
    pub fn new(wire: impl Into<String>, rust: impl Into<String>, span: Span) -> Self {
        Request {
            wire: wire.into(),
            rust: rust.into(),
            span,
        }
    }
}

/// Rule 5: gives every request a distinct name, in order. `reserved` names are taken before any
/// request (docgen's own names, such as `additional_properties`). `what` says what the names are
/// (e.g. "fields of `user`") for the diagnostics. Returns the names, in request order, and one
/// `name-collision` note per renamed request.
pub fn resolve(
    what: &str,
    reserved: &[&str],
    requests: &[Request],
    case: Case,
) -> (Vec<String>, Vec<Diagnostic>) {
    // Names wanted by any request are not handed out as suffixed names, so adding `foo` and a
    // second `foo` never steals the name of a third request that asked for `foo_2` itself.
    let wanted: BTreeSet<&str> = requests.iter().map(|r| r.rust.as_str()).collect();
    let mut taken: BTreeSet<String> = reserved.iter().map(|s| s.to_string()).collect();
    let mut holders: Vec<(String, usize)> = Vec::new();
    let mut names = Vec::with_capacity(requests.len());
    let mut diagnostics = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        if taken.insert(request.rust.clone()) {
            holders.push((request.rust.clone(), index));
            names.push(request.rust.clone());
            continue;
        }
        let mut n = 2usize;
        let name = loop {
            let candidate = with_suffix(&request.rust, n, case);
            if !taken.contains(&candidate) && !wanted.contains(candidate.as_str()) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(name.clone());
        let first = holders
            .iter()
            .find(|(held, _)| *held == request.rust)
            .and_then(|(_, i)| requests.get(*i));
        let message = match first {
            Some(first) => format!(
                "in {what}, `{}` and `{}` both become `{}` in Rust; `{}` is emitted as `{name}`",
                first.wire, request.wire, request.rust, request.wire
            ),
            None => format!(
                "in {what}, `{}` becomes `{}`, a name docgen uses itself; it is emitted as `{name}`",
                request.wire, request.rust
            ),
        };
        let mut diagnostic = Diagnostic::new(Code::NameCollision, request.span.clone(), message);
        if let Some(first) = first {
            diagnostic = diagnostic.with_related(
                first.span.clone(),
                format!("`{}` is defined here", first.wire),
            );
        }
        diagnostics.push(diagnostic);
        names.push(name);
    }
    (names, diagnostics)
}

fn with_suffix(base: &str, n: usize, case: Case) -> String {
    // `type_` + 2 is `type_2`, not `type__2` (not snake case); `Self_` + 2 is `Self2`.
    let base = base.trim_end_matches('_');
    let base = if base.is_empty() { "x" } else { base };
    match case {
        Case::Snake => format!("{base}_{n}"),
        // `FooBar2`, but `Int32_2` rather than the unreadable `Int322`.
        Case::Pascal if base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}_{n}"),
        Case::Pascal => format!("{base}{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_and_pascal_of_docs_names() {
        assert_eq!(snake("errorDeviceCount"), "error_device_count");
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("@odata.nextLink"), "odata_next_link");
        assert_eq!(snake("site@odata.bind"), "site_odata_bind");
        assert_eq!(snake("with space"), "with_space");
        assert_eq!(snake("v4_0"), "v4_0");
        assert_eq!(pascal("deviceManagementScript"), "DeviceManagementScript");
        assert_eq!(pascal("callRecords.session"), "CallRecordsSession");
        assert_eq!(pascal("notApplicable"), "NotApplicable");
    }

    #[test]
    fn keywords_get_an_underscore() {
        for word in [
            "type", "self", "crate", "super", "move", "final", "use", "loop", "async", "await",
            "dyn", "yield", "box", "try", "gen", "match", "ref",
        ] {
            assert_eq!(snake(word), format!("{word}_"), "{word}");
        }
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("type"), "Type");
        assert_eq!(snake("union"), "union", "weak keywords are identifiers");
    }

    #[test]
    fn digits_and_empty_names() {
        assert_eq!(snake("24hours"), "x24hours");
        assert_eq!(pascal("24hours"), "X24hours");
        assert_eq!(snake("1-a"), "x1_a");
        assert_eq!(snake(""), "unnamed");
        assert_eq!(snake("@@ .."), "unnamed");
        assert_eq!(pascal("_"), "Unnamed");
    }

    #[test]
    fn non_ascii_letters_become_ascii() {
        assert_eq!(snake("café"), "cafe");
        assert_eq!(snake("Straße"), "strasse");
        assert_eq!(pascal("łódźMiasto"), "LodzMiasto");
        assert_eq!(snake("žluť"), "zlut");
        assert_eq!(snake("ŒuvreÆ"), "oeuvre_ae");
        assert_eq!(snake("жук"), "u436_u443_u43a");
        assert_eq!(snake("a→b"), "a_b");
        assert_eq!(snake("×"), "unnamed");
    }

    #[test]
    fn latin_tables_cover_their_ranges() {
        assert_eq!(LATIN1.chars().count(), 0x100 - 0xc0);
        assert_eq!(LATIN_EXT_A.chars().count(), 0x180 - 0x100);
        assert_eq!(latin_base('Ā'), Some("A"));
        assert_eq!(latin_base('ſ'), Some("s"));
        assert_eq!(latin_base('ÿ'), Some("y"));
        assert_eq!(latin_base('ж'), None);
    }

    #[test]
    fn collisions_are_resolved_over_the_set() {
        let requests: Vec<Request> = ["fooBar", "foo_bar", "foo-bar", "foo_bar_2"]
            .iter()
            .enumerate()
            .map(|(i, w)| Request::new(*w, snake(w), Span::new("p.md", i as u32 + 1, 1)))
            .collect();
        let (names, diags) = resolve("fields of `x`", &[], &requests, Case::Snake);
        assert_eq!(names, ["foo_bar", "foo_bar_3", "foo_bar_4", "foo_bar_2"]);
        assert_eq!(diags.len(), 2);
        assert!(diags.iter().all(|d| d.code == "name-collision"));
        assert!(
            diags[0]
                .message
                .contains("`fooBar` and `foo_bar` both become `foo_bar`"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].related.len(), 1);
    }

    #[test]
    fn reserved_names_push_requests_aside() {
        let requests = [
            Request::new("Other", pascal("Other"), Span::default()),
            Request::new("int32", pascal("int32"), Span::default()),
            Request::new("Int32", pascal("Int32"), Span::default()),
        ];
        let (names, diags) = resolve("variants", &["Other"], &requests, Case::Pascal);
        assert_eq!(names, ["Other2", "Int32", "Int32_2"]);
        let requests = [
            Request::new("self", pascal("self"), Span::default()),
            Request::new("Self", pascal("Self"), Span::default()),
        ];
        assert_eq!(
            resolve("types", &[], &requests, Case::Pascal).0,
            ["Self_", "Self2"]
        );
        let requests = [
            Request::new("type", snake("type"), Span::default()),
            Request::new("Type", snake("Type"), Span::default()),
        ];
        assert_eq!(
            resolve("fields", &[], &requests, Case::Snake).0,
            ["type_", "type_2"]
        );
        assert!(diags[0].message.contains("a name docgen uses itself"));
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("con"), "con_");
        assert_eq!(file_stem("Com1"), "com1_");
        assert_eq!(file_stem("../../etc/passwd"), "etc_passwd");
        assert_eq!(file_stem("a\\b/c"), "a_b_c");
        assert_eq!(file_stem(""), "unnamed");
        let long = "veryLong".repeat(20);
        let stem = file_stem(&long);
        assert_eq!(stem.len(), MAX_FILE_STEM);
        assert_eq!(stem, file_stem(&long), "stable");
        assert_ne!(
            stem,
            file_stem(&"veryLong".repeat(21)),
            "the hash tells long names apart"
        );
        assert!(stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        assert!(!stem.contains("__"));
    }

    #[test]
    fn feature_names_are_cargo_safe() {
        assert_eq!(
            feature_name("microsoft-identity-platform"),
            "microsoft-identity-platform"
        );
        assert_eq!(feature_name("Intune"), "intune");
        assert_eq!(feature_name(" a..b "), "a-b");
        assert_eq!(feature_name(""), "unspecified");
        assert_eq!(feature_name("full"), "full-workload");
        assert_eq!(feature_name("default"), "default-workload");
        assert_eq!(feature_name("time"), "time-workload");
        assert_eq!(feature_name("Client"), "client-workload");
    }
}
