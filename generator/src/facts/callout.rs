//! Callouts in description prose: `> **Note:** ...`, `> **Important:** ...` and DocFX alerts
//! (`> [!NOTE]`). Pages often open a type's description with one ("APIs under the /beta version
//! are subject to change"), but the first line of a doc comment is its summary (rustdoc shows
//! it in every listing), so a callout goes after the first paragraph that is not one.
//!
//! The Intune license note (on every Intune page, ~500 of them) is dropped: it is about the
//! tenant, not the type, and would repeat in hundreds of doc comments.

/// Callout labels, lower case. Emphasis is already gone from paragraph text (`**Note:**` is
/// `Note:`), and a blockquote's `>` may remain.
const LABELS: &[&str] = &["note", "important", "warning", "caution", "tip"];

/// Text without a leading blockquote marker, emphasis or whitespace.
fn body(text: &str) -> &str {
    text.trim_start().trim_start_matches(['>', '*', '_', ' '])
}

/// Whether `text` opens with a callout label: `Note:`, `Important:`, `[!NOTE]`, in any case.
pub fn is_callout(text: &str) -> bool {
    let body = body(text);
    if let Some(alert) = body.strip_prefix("[!") {
        return LABELS.iter().any(|label| {
            alert
                .get(..label.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(label))
                && alert
                    .get(label.len()..)
                    .is_some_and(|rest| rest.starts_with(']'))
        });
    }
    LABELS.iter().any(|label| {
        body.get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label))
            && body
                .get(label.len()..)
                .is_some_and(|rest| rest.trim_start_matches(['*', '_', ' ']).starts_with(':'))
    })
}

/// The Intune license note ("The Microsoft Graph API for Intune requires an active Intune
/// license for the tenant", and its "... Intune service is correctly licensed" variant).
pub fn is_intune_license_note(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("intune")
        && (lower.contains("requires an active intune license")
            || lower.contains("intune service is correctly licensed"))
}

/// A DocFX alert marker (`[!NOTE] text`) written as a label (`Note: text`); other text as is.
pub fn normalize(text: &str) -> String {
    let trimmed = body(text);
    let Some(alert) = trimmed.strip_prefix("[!") else {
        return text.trim().to_string();
    };
    let Some((label, rest)) = alert.split_once(']') else {
        return text.trim().to_string();
    };
    let mut chars = label.chars();
    let label: String = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => return text.trim().to_string(),
    };
    let rest = rest.trim();
    if rest.is_empty() {
        format!("{label}:")
    } else {
        format!("{label}: {rest}")
    }
}

/// Description paragraphs in order, with the callouts that come before the first plain
/// paragraph moved just after it, alert markers written as labels and the Intune license
/// note dropped. Callouts after the summary stay where they are (a callout's list items
/// follow it as separate paragraphs).
pub fn summary_first(paragraphs: &[&str]) -> Vec<String> {
    let kept: Vec<&str> = paragraphs
        .iter()
        .copied()
        .filter(|p| !is_intune_license_note(p))
        .collect();
    let leading = kept.iter().take_while(|p| is_callout(p)).count();
    let (callouts, rest) = kept.split_at(leading);
    let mut out: Vec<String> = Vec::with_capacity(kept.len());
    let mut rest = rest.iter();
    if let Some(summary) = rest.next() {
        out.push(normalize(summary));
    }
    out.extend(callouts.iter().map(|c| normalize(c)));
    out.extend(rest.map(|p| normalize(p)));
    out
}

/// A one-paragraph description (a property's table cell) that opens with a callout sentence:
/// that sentence moved to the end, so the summary is the description.
pub fn sentence_summary_first(text: &str) -> String {
    let text = text.trim();
    if !is_callout(text) {
        return text.to_string();
    }
    let Some(end) = super::prose::sentence_ends(text).next() else {
        return normalize(text);
    };
    let (callout, rest) = text.split_at(end);
    let rest = rest.trim();
    if rest.is_empty() {
        return normalize(text);
    }
    format!("{rest} {}", normalize(callout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_callouts() {
        assert!(is_callout("Note: The name."));
        assert!(is_callout(
            "> Important: Microsoft Graph APIs under the /beta version"
        ));
        assert!(is_callout("**NOTE:** x"));
        assert!(is_callout("[!IMPORTANT] Using POST is not supported."));
        assert!(is_callout("[!note]"));
        assert!(!is_callout("Notes for the app."));
        assert!(!is_callout("Important data about a device."));
        assert!(!is_callout("[!INCLUDE [x](y.md)]"));
        assert!(!is_callout("[!notebook] x"));
        assert!(!is_callout("Represents a user."));
    }

    #[test]
    fn writes_alerts_as_labels() {
        assert_eq!(normalize("[!IMPORTANT] Do not."), "Important: Do not.");
        assert_eq!(normalize("> [!NOTE]"), "Note:");
        assert_eq!(normalize("  Plain text. "), "Plain text.");
        assert_eq!(normalize("[!Ünïcode] x"), "Ünïcode: x");
    }

    #[test]
    fn leading_callouts_follow_the_summary() {
        let paragraphs = [
            "Important: Microsoft Graph APIs under the /beta version are subject to change.",
            "Note: The Microsoft Graph API for Intune requires an active Intune license for the tenant.",
            "Contains the run state of a script.",
            "More about it.",
            "[!NOTE] Later callouts stay.",
        ];
        assert_eq!(
            summary_first(&paragraphs),
            [
                "Contains the run state of a script.",
                "Important: Microsoft Graph APIs under the /beta version are subject to change.",
                "More about it.",
                "Note: Later callouts stay.",
            ]
        );
        assert_eq!(summary_first(&["Note: only this."]), ["Note: only this."]);
        assert!(summary_first(&[]).is_empty());
    }

    #[test]
    fn a_cell_opening_with_a_callout_sentence_ends_with_it() {
        assert_eq!(
            sentence_summary_first("Note: Do not use `a.B`. The display name. Read-only."),
            "The display name. Read-only. Note: Do not use `a.B`."
        );
        assert_eq!(
            sentence_summary_first("[!NOTE] Only this."),
            "Note: Only this."
        );
        assert_eq!(
            sentence_summary_first("The name. Note: x."),
            "The name. Note: x."
        );
    }
}
