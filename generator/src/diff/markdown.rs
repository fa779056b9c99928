//! `docgen diff --format markdown`: a pull-request comment. A summary line (counts, the bump),
//! the version verdict, then one section per workload, the most breaking first: its breaking
//! changes one per line with the reason (folded when more than [`FOLD_OVER`]), its additive
//! changes one line per type or operation, and the changes without effect on the Rust API,
//! both folded. Never longer than `max_bytes`: lines are dropped, additive and no-effect ones
//! first, each list then saying how many it left out.

use super::report::{ApiDiff, Change, ChangeKind, Impact, Inputs, On, WorkloadCounts};
use crate::version::Bump;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// GitHub keeps a comment to 65,536 characters; this leaves room for a header of the
/// workflow's own.
pub const MAX_BYTES: usize = 60_000;
/// A list of more breaking changes than this is folded.
pub const FOLD_OVER: usize = 10;
/// Phrases on one line (one type's or operation's changes) before `and N more`.
const PHRASES_PER_LINE: usize = 12;
/// Changes of one kind on a line listed one by one; more are counted.
const LIST_OF_ONE_KIND: usize = 3;

#[derive(Clone, Debug)]
pub struct Options {
    pub inputs: Inputs,
    pub max_bytes: usize,
}

/// One workload's lines, before the size budget decides how many are shown.
struct Section {
    counts: WorkloadCounts,
    lists: [Vec<String>; 3],
}

/// Lists in the order they get the budget: breaking, additive, without effect.
const IMPACTS: [Impact; 3] = [Impact::Breaking, Impact::Additive, Impact::None];

pub fn render(diff: &ApiDiff, options: &Options) -> String {
    let head = head(diff, &options.inputs);
    let sections = sections(diff);
    let all: Vec<[usize; 3]> = sections
        .iter()
        .map(|s| s.lists.each_ref().map(Vec::len))
        .collect();
    let full = body(&head, &sections, &all, "");
    if full.len() <= options.max_bytes {
        return full;
    }
    // The skeleton (every header, and a "more" line in every list) is the least output; the
    // budget left goes to lines, breaking ones first.
    let none: Vec<[usize; 3]> = sections.iter().map(|_| [0; 3]).collect();
    let note_room = 400;
    let skeleton = body(&head, &sections, &none, "").len() + note_room;
    let mut budget = options.max_bytes.saturating_sub(skeleton);
    // Round robin over the workloads, so that each shows its first lines before any shows
    // its last; all breaking lines before any additive one.
    let mut shown = none;
    for list in 0..IMPACTS.len() {
        for round in 0.. {
            let mut granted = false;
            for (section, counts) in sections.iter().zip(shown.iter_mut()) {
                let Some(line) = section.lists[list].get(round) else {
                    continue;
                };
                if counts[list] == round && line.len() < budget {
                    budget -= line.len() + 1;
                    counts[list] += 1;
                    granted = true;
                }
            }
            if !granted {
                break;
            }
        }
    }
    let cut: usize = sections
        .iter()
        .zip(&shown)
        .map(|(s, n)| (0..3).map(|i| s.lists[i].len() - n[i]).sum::<usize>())
        .sum();
    let note = format!(
        "\n_Cut to {} bytes for a pull-request comment: {} lines left out (breaking ones last). \
         `docgen diff --format json` has every change._\n",
        thousands(options.max_bytes),
        thousands(cut)
    );
    body(&head, &sections, &shown, &note)
}

fn body(head: &str, sections: &[Section], shown: &[[usize; 3]], note: &str) -> String {
    let mut out = head.to_string();
    for (section, shown) in sections.iter().zip(shown) {
        write_section(&mut out, section, shown);
    }
    out.push_str(note);
    out
}

fn head(diff: &ApiDiff, inputs: &Inputs) -> String {
    let mut out = String::new();
    let bump = diff.bump();
    let _ = writeln!(
        out,
        "### API changes: {} breaking, {} additive, {} without effect on the Rust API; suggested bump: **{}**",
        thousands(diff.count_impact(Impact::Breaking)),
        thousands(diff.count_impact(Impact::Additive)),
        thousands(diff.count_impact(Impact::None)),
        bump.as_str()
    );
    let _ = writeln!(out);
    let count = |kinds: &[(ChangeKind, &str)]| {
        kinds
            .iter()
            .map(|(kind, word)| format!("{} {word}", thousands(diff.count(*kind))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "{} ({} types, {} operations) → {} ({} types, {} operations). Types: {}. Operations: {}.",
        code(&inputs.old),
        thousands(diff.old.types),
        thousands(diff.old.operations),
        code(&inputs.new),
        thousands(diff.new.types),
        thousands(diff.new.operations),
        count(&[
            (ChangeKind::TypeAdded, "added"),
            (ChangeKind::TypeRemoved, "removed"),
            (ChangeKind::TypeRenamed, "renamed"),
        ]),
        count(&[
            (ChangeKind::OperationAdded, "added"),
            (ChangeKind::OperationRemoved, "removed"),
            (ChangeKind::OperationRenamed, "renamed"),
        ]),
    );
    let _ = writeln!(out);
    match &inputs.versions {
        Some(check) if check.enough => {
            let _ = writeln!(
                out,
                "Version {} → {}: enough for a {} bump.",
                check.old,
                check.new,
                check.required.as_str()
            );
        }
        Some(check) => {
            let _ = writeln!(
                out,
                "Version {} → {}: **not enough**; the changes need {} (a {} bump).",
                check.old,
                check.new,
                check.suggested,
                check.required.as_str()
            );
        }
        None if bump >= Bump::Minor => {
            let _ = writeln!(
                out,
                "For a 0.x.y crate Cargo counts the minor as the major: a major bump is 0.(x+1).0, a minor one 0.x.(y+1)."
            );
        }
        None => {}
    }
    out.push('\n');
    out
}

fn sections(diff: &ApiDiff) -> Vec<Section> {
    let mut by_workload: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in &diff.changes {
        by_workload
            .entry(&change.workload)
            .or_default()
            .push(change);
    }
    diff.workloads()
        .into_iter()
        .map(|counts| {
            let changes = by_workload
                .remove(counts.workload.as_str())
                .unwrap_or_default();
            let lists = IMPACTS.map(|impact| {
                let of: Vec<&Change> = changes
                    .iter()
                    .copied()
                    .filter(|c| c.impact == impact)
                    .collect();
                match impact {
                    Impact::Breaking => breaking_lines(&of),
                    Impact::Additive | Impact::None => grouped_lines(&of),
                }
            });
            Section { counts, lists }
        })
        .collect()
}

fn write_section(out: &mut String, section: &Section, shown: &[usize; 3]) {
    let c = &section.counts;
    let title = if c.workload.is_empty() {
        "(no workload)".to_string()
    } else {
        code(&c.workload)
    };
    let mut counts = Vec::new();
    for (n, word) in [
        (c.breaking, "breaking"),
        (c.additive, "additive"),
        (c.none, "without effect"),
    ] {
        if n > 0 {
            counts.push(format!("{} {word}", thousands(n)));
        }
    }
    let _ = writeln!(out, "#### {title}: {}\n", counts.join(", "));
    for (i, impact) in IMPACTS.iter().enumerate() {
        let lines = &section.lists[i];
        if lines.is_empty() {
            continue;
        }
        let n = [c.breaking, c.additive, c.none][i];
        let folded = *impact != Impact::Breaking || lines.len() > FOLD_OVER;
        let label = match impact {
            Impact::Breaking => format!("{} breaking", thousands(n)),
            Impact::Additive => format!("{} additive", thousands(n)),
            Impact::None => format!("{} without effect on the Rust API", thousands(n)),
        };
        if folded {
            let _ = writeln!(out, "<details><summary>{label}</summary>\n");
        } else {
            let _ = writeln!(out, "**Breaking**\n");
        }
        for line in lines.iter().take(shown[i]) {
            let _ = writeln!(out, "{line}");
        }
        if shown[i] < lines.len() {
            let _ = writeln!(out, "- … {} more", thousands(lines.len() - shown[i]));
        }
        if folded {
            let _ = writeln!(out, "\n</details>");
        }
        out.push('\n');
    }
}

/// One line per type or operation and reason, the changes with that reason before it:
/// `- `user` (type): property `mobilePhone` removed: `User` loses `mobile_phone: Option<String>``.
fn breaking_lines(changes: &[&Change]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(first) = changes.get(i) {
        let mut same: Vec<&Change> = vec![first];
        for change in changes[i + 1..]
            .iter()
            .take_while(|c| c.on == first.on && c.name == first.name)
        {
            if change.why == first.why {
                same.push(change);
            }
        }
        let subject_len = changes[i..]
            .iter()
            .take_while(|c| c.on == first.on && c.name == first.name)
            .count();
        let phrases = phrases(&same);
        lines.push(one_line(&format!(
            "- {}: {}: {}",
            subject(first),
            phrases.join("; "),
            first.why
        )));
        // The subject's changes with other reasons get their own lines.
        let rest: Vec<&Change> = changes[i + 1..i + subject_len]
            .iter()
            .copied()
            .filter(|c| c.why != first.why)
            .collect();
        lines.extend(breaking_lines(&rest));
        i += subject_len;
    }
    lines
}

/// The phrases of a subject's changes, in order; more than [`LIST_OF_ONE_KIND`] of one kind
/// (paths added, properties removed) are counted, not listed.
fn phrases(changes: &[&Change]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = changes.get(i) {
        let n = changes[i..]
            .iter()
            .take_while(|c| c.kind == first.kind)
            .count();
        // Paths are long: two are already counted.
        let list_at_most = match first.kind {
            ChangeKind::PathAdded | ChangeKind::PathRemoved | ChangeKind::PathChanged => 1,
            _ => LIST_OF_ONE_KIND,
        };
        match counted(first.kind) {
            Some(noun) if n > list_at_most => out.push(format!("{n} {noun}")),
            _ => out.extend(changes[i..i + n].iter().map(|c| phrase(c))),
        }
        i += n;
    }
    capped(out)
}

/// How changes of a kind are counted on a line (`3 paths added`), for the kinds that come
/// many to a type or operation.
fn counted(kind: ChangeKind) -> Option<&'static str> {
    use ChangeKind as K;
    Some(match kind {
        K::PropertyAdded => "properties added",
        K::PropertyRemoved => "properties removed",
        K::PropertyChanged => "properties changed",
        K::MemberAdded => "members added",
        K::MemberRemoved => "members removed",
        K::MemberChanged => "member values changed",
        K::PathAdded => "paths added",
        K::PathRemoved => "paths removed",
        K::PathChanged => "paths changed",
        K::QueryAdded => "query parameters added",
        K::QueryRemoved => "query parameters removed",
        K::QueryChanged => "query parameters changed",
        K::HeaderAdded => "headers added",
        K::HeaderRemoved => "headers removed",
        K::BodyParameterAdded => "body parameters added",
        K::BodyParameterRemoved => "body parameters removed",
        K::BodyParameterChanged => "body parameters changed",
        K::RustChanged => "Rust names changed",
        _ => return None,
    })
}

/// At most [`PHRASES_PER_LINE`] phrases, then `and N more`.
fn capped(mut phrases: Vec<String>) -> Vec<String> {
    if phrases.len() > PHRASES_PER_LINE {
        let more = phrases.len() - PHRASES_PER_LINE;
        phrases.truncate(PHRASES_PER_LINE);
        phrases.push(format!("and {more} more"));
    }
    phrases
}

/// One line per type or operation: `- `user` (type): property `a` added; property `b` added`.
fn grouped_lines(changes: &[&Change]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut i = 0;
    while let Some(first) = changes.get(i) {
        let same: Vec<&&Change> = changes[i..]
            .iter()
            .take_while(|c| c.on == first.on && c.name == first.name)
            .collect();
        i += same.len();
        let same: Vec<&Change> = same.into_iter().copied().collect();
        let phrases = phrases(&same);
        lines.push(one_line(&format!(
            "- {}: {}",
            subject(first),
            phrases.join("; ")
        )));
    }
    lines
}

fn subject(change: &Change) -> String {
    match change.on {
        On::Crate => format!("cargo feature {}", code(&change.name)),
        on => format!("{} ({})", code(&change.name), on.as_str()),
    }
}

/// What changed, in a few words.
fn phrase(change: &Change) -> String {
    let item = change.item.as_deref().map(code).unwrap_or_default();
    let old = change.old.as_deref().unwrap_or("none");
    let new = change.new.as_deref().unwrap_or("none");
    let (old_code, new_code) = (code(old), code(new));
    use ChangeKind as K;
    match change.kind {
        K::FeatureAdded | K::TypeAdded | K::OperationAdded if change.new.is_some() => {
            format!("added ({new})")
        }
        K::FeatureAdded | K::TypeAdded | K::OperationAdded => "added".to_string(),
        K::FeatureRemoved | K::TypeRemoved | K::OperationRemoved if change.old.is_some() => {
            format!("removed ({old})")
        }
        K::FeatureRemoved | K::TypeRemoved | K::OperationRemoved => "removed".to_string(),
        K::TypeRenamed | K::OperationRenamed => format!("renamed from {old_code}"),
        K::TypeKindChanged => format!("kind {old} → {new}"),
        K::BaseChanged => format!("base {old_code} → {new_code}"),
        K::UpdateAdded => format!("{new_code} added"),
        K::UpdateRemoved => format!("{old_code} removed"),
        K::PropertyAdded => format!("property {item} added ({new})"),
        K::PropertyRemoved => format!("property {item} removed"),
        K::PropertyChanged => format!("property {item}: {old} → {new}"),
        K::MemberAdded => format!("member {item} added"),
        K::MemberRemoved => format!("member {item} removed"),
        K::MemberChanged => format!("member {item} value {old} → {new}"),
        K::MethodChanged => format!("method {old} → {new}"),
        K::WorkloadChanged => format!("workload {old_code} → {new_code}"),
        K::PathAdded => format!("path {item} added"),
        K::PathRemoved => format!("path {item} removed"),
        K::PathChanged => format!("path {old_code} → {new_code}"),
        K::QueryAdded => format!("query parameter {item} added ({new})"),
        K::QueryRemoved => format!("query parameter {item} removed"),
        K::QueryChanged => format!("query parameter {item}: {old} → {new}"),
        K::HeaderAdded => format!("header {item} added"),
        K::HeaderRemoved => format!("header {item} removed"),
        K::BodyAdded => format!("request body added ({new})"),
        K::BodyRemoved => format!("request body removed ({old})"),
        K::BodyChanged => format!("request body {old} → {new}"),
        K::BodyParameterAdded => format!("body parameter {item} added ({new})"),
        K::BodyParameterRemoved => format!("body parameter {item} removed"),
        K::BodyParameterChanged => format!("body parameter {item}: {old} → {new}"),
        K::ResponseChanged => format!("response {old} → {new}"),
        K::RustChanged if change.item.is_some() => format!("{item} in Rust"),
        K::RustChanged => "Rust name".to_string(),
    }
}

/// A code span of text from the docs: a backtick inside would end it early, a line break
/// would end the list item.
fn code(text: &str) -> String {
    format!("`{}`", one_line(text).replace('`', "'"))
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
