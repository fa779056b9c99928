//! Callouts in description prose: `> **Note:** ...`, `> **Important:** ...` and DocFX alerts
//! (`> [!NOTE]`): what one is, and how its label is written. Where callouts go in a description
//! is [`super::description`]'s business.

use crate::ir::text::{Inline, Paragraph};

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
/// license for the tenant", "The Intune APIs in Microsoft Graph need an active Intune license",
/// "... the Intune service is correctly licensed").
pub fn is_intune_license_note(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("active intune license")
        || lower.contains("intune service is correctly licensed")
}

/// The paragraph trimmed, with a DocFX alert marker (`[!NOTE] text`) written as a label
/// (`Note: text`).
pub fn normalize(paragraph: Paragraph) -> Paragraph {
    let mut paragraph = paragraph.trimmed();
    if let Some(Inline::Text(first)) = paragraph.0.first_mut() {
        if let Some(labelled) = alert_as_label(first) {
            *first = labelled;
        }
    }
    paragraph.trimmed()
}

/// `[!NOTE] rest` as `Note: rest` (the rest's leading space trimmed), or None when `text` opens
/// with no alert marker.
fn alert_as_label(text: &str) -> Option<String> {
    let alert = body(text).strip_prefix("[!")?;
    let (label, rest) = alert.split_once(']')?;
    let mut chars = label.chars();
    let first = chars.next()?;
    let label: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    Some(format!("{label}: {}", rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        normalize(Paragraph::from_text(text)).flat_text()
    }

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
    fn recognises_the_intune_license_note() {
        for note in [
            "Note: The Microsoft Graph API for Intune requires an active Intune license for the tenant.",
            "Note: The Intune APIs in Microsoft Graph need an active Intune license for the tenant.",
            "Note: Using the Microsoft Graph APIs to configure Intune controls and policies still \
             requires that the Intune service is correctly licensed by the customer.",
        ] {
            assert!(is_intune_license_note(note), "{note}");
        }
        assert!(!is_intune_license_note(
            "The Intune device's license state."
        ));
    }

    #[test]
    fn writes_alerts_as_labels() {
        assert_eq!(normalized("[!IMPORTANT] Do not."), "Important: Do not.");
        assert_eq!(normalized("> [!NOTE]"), "Note:");
        assert_eq!(normalized("  Plain text. "), "Plain text.");
        assert_eq!(normalized("[!Ünïcode] x"), "Ünïcode: x");
        // The label keeps its space before code that follows it.
        let mut paragraph = Paragraph::from_text("[!NOTE] ");
        paragraph.push(Inline::Code("x".to_string()));
        assert_eq!(normalize(paragraph).flat_text(), "Note: `x`");
    }
}
