//! Semantic versions (`MAJOR.MINOR.PATCH[-pre][+build]`) and Cargo's idea of a compatible
//! upgrade: the generated crate's version (`--crate-version`) and `docgen diff`'s version check.
//! A leaf: a dozen lines of grammar do not justify the `semver` crate.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// How far a version must move for a change: the order is the strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Same API (fixes, docs).
    Patch,
    /// New API; what compiled still compiles and behaves the same.
    Minor,
    /// Something that compiled may not, or behaves differently.
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// A version that holds only what the grammar allows (so it can be written into a
/// `Cargo.toml` as it is): made by [`Version::parse`] or [`Version::new`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    /// The pre-release identifiers after `-` (empty for a release).
    pre: String,
    /// Build metadata after `+`: ignored by every comparison.
    build: String,
}

impl Version {
    /// The release `major.minor.patch`.
    pub fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
            pre: String::new(),
            build: String::new(),
        }
    }

    /// Reads `1.2.3`, `0.4.0-beta.1`, `1.0.0+abc`; says what is wrong otherwise.
    pub fn parse(text: &str) -> Result<Version, String> {
        let fail = |why: &str| Err(format!("`{text}` is not a semantic version ({why})"));
        let (rest, build) = match text.split_once('+') {
            Some((rest, build)) => (rest, Some(build)),
            None => (text, None),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (rest, None),
        };
        let numbers: Vec<&str> = core.split('.').collect();
        let [major, minor, patch] = numbers.as_slice() else {
            return fail("expected MAJOR.MINOR.PATCH");
        };
        let number = |part: &str| -> Option<u64> {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            let leading_zero = part.len() > 1 && part.starts_with('0');
            (digits && !leading_zero)
                .then(|| part.parse().ok())
                .flatten()
        };
        let (Some(major), Some(minor), Some(patch)) = (number(major), number(minor), number(patch))
        else {
            return fail("each of MAJOR.MINOR.PATCH is a number without leading zeros");
        };
        let identifiers_ok = |part: &str| {
            part.split('.').all(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        };
        if pre.is_some_and(|pre| !identifiers_ok(pre)) {
            return fail("a pre-release is dot-separated [0-9A-Za-z-] identifiers");
        }
        if build.is_some_and(|build| !identifiers_ok(build)) {
            return fail("build metadata is dot-separated [0-9A-Za-z-] identifiers");
        }
        let (pre, build) = (pre.unwrap_or_default(), build.unwrap_or_default());
        Ok(Version {
            major,
            minor,
            patch,
            pre: pre.to_string(),
            build: build.to_string(),
        })
    }

    /// Cargo's rule: an upgrade from `self` to `newer` is compatible (a caret requirement on
    /// `self` accepts it) when the left-most non-zero of MAJOR, MINOR, PATCH and everything left
    /// of it are unchanged, and `newer` is not older.
    pub fn compatible(&self, newer: &Version) -> bool {
        let same_class = match (self.major, self.minor) {
            (0, 0) => newer.major == 0 && newer.minor == 0 && newer.patch == self.patch,
            (0, minor) => newer.major == 0 && newer.minor == minor,
            (major, _) => newer.major == major,
        };
        same_class && self.cmp_precedence(newer) != Ordering::Greater
    }

    /// How far `newer` moved from `self`, in what it allows: `Major` when Cargo would not take
    /// it as a compatible upgrade, `Minor` when it may add API, `Patch` when it only fixes,
    /// `None` when it is not newer. In 0.x.y the PATCH carries additions (Cargo's rule leaves
    /// nothing else), so it counts as `Minor`.
    pub fn bump_to(&self, newer: &Version) -> Bump {
        if self.cmp_precedence(newer) != Ordering::Less {
            return Bump::None;
        }
        if !self.compatible(newer) {
            return Bump::Major;
        }
        match (self.major, self.minor) {
            (0, 0) => Bump::Patch,
            (0, _) if newer.patch != self.patch => Bump::Minor,
            (0, _) => Bump::Patch,
            _ if newer.minor != self.minor => Bump::Minor,
            _ => Bump::Patch,
        }
    }

    /// The smallest release after `self` that `bump` allows (0.x: a major bump is 0.(x+1).0,
    /// a minor or patch one 0.x.(y+1); 0.0.z: every bump is 0.0.(z+1)). A pre-release counts
    /// as its numbers, as Cargo's caret does (`^2.0.0-rc.1` accepts 2.0.0, so a breaking
    /// change after it is 3.0.0).
    pub fn next(&self, bump: Bump) -> Version {
        let (major, minor, patch) = match (bump, self.major, self.minor) {
            (Bump::None, ..) => (self.major, self.minor, self.patch),
            (_, 0, 0) => (0, 0, self.patch + 1),
            (Bump::Major, 0, _) => (0, self.minor + 1, 0),
            (_, 0, _) => (0, self.minor, self.patch + 1),
            (Bump::Major, ..) => (self.major + 1, 0, 0),
            (Bump::Minor, ..) => (self.major, self.minor + 1, 0),
            (Bump::Patch, ..) => (self.major, self.minor, self.patch + 1),
        };
        Version {
            major,
            minor,
            patch,
            pre: if bump == Bump::None {
                self.pre.clone()
            } else {
                String::new()
            },
            build: String::new(),
        }
    }

    /// SemVer precedence: the numbers, then a pre-release before its release, identifiers
    /// compared numerically when both are numbers, else as text, fewer first.
    pub fn cmp_precedence(&self, other: &Version) -> Ordering {
        let numbers =
            (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch));
        numbers.then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                let mut left = self.pre.split('.');
                let mut right = other.pre.split('.');
                loop {
                    match (left.next(), right.next()) {
                        (None, None) => return Ordering::Equal,
                        (None, Some(_)) => return Ordering::Less,
                        (Some(_), None) => return Ordering::Greater,
                        (Some(a), Some(b)) => {
                            let order = match (a.parse::<u64>(), b.parse::<u64>()) {
                                (Ok(a), Ok(b)) => a.cmp(&b),
                                (Ok(_), Err(_)) => Ordering::Less,
                                (Err(_), Ok(_)) => Ordering::Greater,
                                (Err(_), Err(_)) => a.cmp(b),
                            };
                            if order != Ordering::Equal {
                                return order;
                            }
                        }
                    }
                }
            }
        })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        if !self.build.is_empty() {
            write!(f, "+{}", self.build)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_the_grammar_and_says_what_is_wrong() {
        assert_eq!(v("1.2.3").to_string(), "1.2.3");
        assert_eq!(v("0.4.0-beta.1+sha.5").to_string(), "0.4.0-beta.1+sha.5");
        assert_eq!(v("1.0.0-x-y").pre, "x-y");
        for bad in [
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.2.x",
            "",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "v1.2.3",
        ] {
            let error = Version::parse(bad).unwrap_err();
            assert!(
                error.contains("is not a semantic version"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn cargo_compatibility_is_the_left_most_non_zero_component() {
        assert!(v("1.2.3").compatible(&v("1.9.0")));
        assert!(!v("1.2.3").compatible(&v("2.0.0")));
        assert!(v("0.3.1").compatible(&v("0.3.9")));
        assert!(!v("0.3.1").compatible(&v("0.4.0")));
        assert!(!v("0.0.3").compatible(&v("0.0.4")));
        assert!(
            !v("1.2.3").compatible(&v("1.2.2")),
            "older is not an upgrade"
        );
    }

    #[test]
    fn the_bump_between_two_versions_is_what_it_allows() {
        assert_eq!(v("1.2.3").bump_to(&v("2.0.0")), Bump::Major);
        assert_eq!(v("1.2.3").bump_to(&v("1.3.0")), Bump::Minor);
        assert_eq!(v("1.2.3").bump_to(&v("1.2.4")), Bump::Patch);
        assert_eq!(v("1.2.3").bump_to(&v("1.2.3")), Bump::None);
        assert_eq!(v("1.2.3").bump_to(&v("1.0.0")), Bump::None);
        assert_eq!(v("0.3.1").bump_to(&v("0.4.0")), Bump::Major);
        assert_eq!(v("0.3.1").bump_to(&v("0.3.2")), Bump::Minor);
        assert_eq!(v("0.0.1").bump_to(&v("0.0.2")), Bump::Major);
        assert_eq!(v("1.0.0-rc.1").bump_to(&v("1.0.0")), Bump::Patch);
        assert_eq!(
            v("1.0.0-alpha.2").bump_to(&v("1.0.0-alpha.10")),
            Bump::Patch
        );
        assert_eq!(
            v("1.0.0-alpha.beta").bump_to(&v("1.0.0-alpha.1")),
            Bump::None
        );
    }

    #[test]
    fn next_versions_follow_cargo_for_0_x() {
        assert_eq!(v("1.2.3").next(Bump::Major).to_string(), "2.0.0");
        assert_eq!(v("1.2.3").next(Bump::Minor).to_string(), "1.3.0");
        assert_eq!(v("1.2.3").next(Bump::Patch).to_string(), "1.2.4");
        assert_eq!(v("1.2.3").next(Bump::None).to_string(), "1.2.3");
        assert_eq!(v("0.3.1").next(Bump::Major).to_string(), "0.4.0");
        assert_eq!(v("0.3.1").next(Bump::Minor).to_string(), "0.3.2");
        assert_eq!(v("0.0.7").next(Bump::Minor).to_string(), "0.0.8");
        assert_eq!(v("2.0.0-rc.1").next(Bump::Major).to_string(), "3.0.0");
        for (from, bump) in [
            ("1.2.3", Bump::Major),
            ("0.3.1", Bump::Minor),
            ("0.0.7", Bump::Patch),
        ] {
            assert!(
                v(from).bump_to(&v(from).next(bump)) >= bump,
                "{from} {bump:?}"
            );
        }
    }
}
