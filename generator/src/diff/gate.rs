//! Whether a docs change may merge: the bump its changes call for against the version change
//! it came with (`docgen diff --deny`, `--old-version`, `--new-version`).

use super::report::{ApiDiff, Impact, VersionCheck};
use crate::version::Version;

/// What fails `docgen diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// Nothing: the report is information.
    None,
    /// A breaking change the version does not cover.
    Breaking,
    /// A breaking or additive change the version does not cover.
    Additive,
}

pub fn check_versions(diff: &ApiDiff, old: &Version, new: &Version) -> VersionCheck {
    let required = diff.bump();
    let given = old.bump_to(new);
    VersionCheck {
        old: old.to_string(),
        new: new.to_string(),
        required,
        given,
        suggested: old.next(required).to_string(),
        enough: given >= required,
    }
}

/// Why `deny` fails this diff, or None when it passes: a change at or above the denied impact
/// that the version change (when given) does not cover.
pub fn denied(diff: &ApiDiff, deny: Deny, versions: Option<&VersionCheck>) -> Option<String> {
    let (flag, threshold) = match deny {
        Deny::None => return None,
        Deny::Breaking => ("breaking", Impact::Breaking),
        Deny::Additive => ("additive", Impact::Additive),
    };
    let counted: Vec<String> = [Impact::Breaking, Impact::Additive]
        .into_iter()
        .filter(|impact| *impact >= threshold)
        .map(|impact| (impact, diff.count_impact(impact)))
        .filter(|(_, n)| *n > 0)
        .map(|(impact, n)| format!("{n} {} change{}", impact.as_str(), plural(n)))
        .collect();
    if counted.is_empty() {
        return None;
    }
    let needed = diff.bump();
    match versions {
        Some(check) if check.given >= needed => None,
        Some(check) => Some(format!(
            "--deny {flag}: {}; they need a {} version bump ({} after {}), and the version went {} -> {}",
            counted.join(" and "),
            needed.as_str(),
            check.suggested,
            check.old,
            check.old,
            check.new
        )),
        None => Some(format!(
            "--deny {flag}: {} (give --old-version and --new-version to accept them with a {} version bump)",
            counted.join(" and "),
            needed.as_str()
        )),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::{Change, ChangeKind, On};

    fn diff_of(impacts: &[Impact]) -> ApiDiff {
        let changes = impacts
            .iter()
            .map(|impact| Change {
                workload: String::new(),
                on: On::Type,
                name: "t".into(),
                kind: ChangeKind::TypeAdded,
                item: None,
                impact: *impact,
                old: None,
                new: None,
                why: String::new(),
            })
            .collect();
        ApiDiff {
            changes,
            ..ApiDiff::default()
        }
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn a_breaking_change_passes_only_with_an_incompatible_version() {
        let diff = diff_of(&[Impact::Breaking, Impact::Additive]);
        let why = denied(&diff, Deny::Breaking, None).expect("denied without versions");
        assert!(
            why.starts_with("--deny breaking: 1 breaking change (give"),
            "{why}"
        );
        let minor = check_versions(&diff, &v("0.3.1"), &v("0.3.2"));
        assert!(!minor.enough);
        assert_eq!(minor.suggested, "0.4.0");
        let why = denied(&diff, Deny::Breaking, Some(&minor)).expect("0.3.2 is compatible");
        assert_eq!(
            why,
            "--deny breaking: 1 breaking change; they need a major version bump (0.4.0 after 0.3.1), and the version went 0.3.1 -> 0.3.2"
        );
        let major = check_versions(&diff, &v("0.3.1"), &v("0.4.0"));
        assert!(major.enough);
        assert_eq!(denied(&diff, Deny::Breaking, Some(&major)), None);
        assert_eq!(denied(&diff, Deny::None, None), None);
    }

    #[test]
    fn deny_additive_wants_a_version_for_additions_too() {
        let diff = diff_of(&[Impact::Additive, Impact::None]);
        assert_eq!(denied(&diff, Deny::Breaking, None), None);
        let why = denied(&diff, Deny::Additive, None).expect("an addition");
        assert!(
            why.starts_with("--deny additive: 1 additive change ("),
            "{why}"
        );
        let same = check_versions(&diff, &v("1.2.0"), &v("1.2.0"));
        assert!(denied(&diff, Deny::Additive, Some(&same)).is_some());
        let patch = check_versions(&diff, &v("1.2.0"), &v("1.2.1"));
        assert!(denied(&diff, Deny::Additive, Some(&patch)).is_some());
        let minor = check_versions(&diff, &v("1.2.0"), &v("1.3.0"));
        assert_eq!(denied(&diff, Deny::Additive, Some(&minor)), None);
        assert_eq!(
            denied(&diff_of(&[Impact::None]), Deny::Additive, None),
            None
        );
    }
}
