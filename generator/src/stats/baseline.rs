//! The committed baseline of a corpus run's counts, and the comparison that guards it: any
//! count more than [`TOLERANCE_PERCENT`] below its baseline is a regression.
//!
//! The file is JSON: `{"input": "...", "counts": {"pages": 3341, ...}}`, keys sorted, one per
//! line, so raising a figure is a one-line reviewed diff.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const PAGES: &str = "pages";
pub const PAGES_PRODUCING: &str = "pages_producing";
pub const TYPES: &str = "types";
pub const TYPES_ENTITY: &str = "types_entity";
pub const TYPES_COMPLEX: &str = "types_complex";
pub const TYPES_ENUM: &str = "types_enum";
pub const PROPERTIES: &str = "properties";
pub const ENUM_MEMBERS: &str = "enum_members";
pub const OPERATIONS: &str = "operations";
pub const EXAMPLE_PAIRS: &str = "example_pairs";
pub const EXAMPLE_TESTS: &str = "example_tests";
/// Measured outside docgen: `cargo test` of the generated crate (`.ci/corpus`).
pub const EXAMPLE_TESTS_PASSED: &str = "example_tests_passed";

/// Every count key, in report order.
pub const KEYS: &[&str] = &[
    PAGES,
    PAGES_PRODUCING,
    TYPES,
    TYPES_ENTITY,
    TYPES_COMPLEX,
    TYPES_ENUM,
    PROPERTIES,
    ENUM_MEMBERS,
    OPERATIONS,
    EXAMPLE_PAIRS,
    EXAMPLE_TESTS,
    EXAMPLE_TESTS_PASSED,
];

/// A drop of more than this share of a baseline count fails the comparison.
pub const TOLERANCE_PERCENT: u64 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The folder the counts were taken from, as given on the command line.
    #[serde(default)]
    pub input: String,
    pub counts: BTreeMap<String, u64>,
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if let Some(key) = baseline.counts.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(format!(
                "unknown count `{key}` (known: {})",
                KEYS.join(", ")
            ));
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// How one count compares with its baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Same,
    Raised,
    /// Lower, within the tolerance.
    Lower,
    /// Lower by more than the tolerance: a regression.
    Dropped,
    /// The baseline has it, this run did not measure it (e.g. tests not run).
    NotMeasured,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub key: String,
    pub baseline: u64,
    pub current: Option<u64>,
    pub outcome: Outcome,
}

impl Comparison {
    pub fn line(&self) -> String {
        let current = self
            .current
            .map_or_else(|| "not measured".to_string(), |c| c.to_string());
        let what = match self.outcome {
            Outcome::Same => "same".to_string(),
            Outcome::Raised => "higher: raise the baseline (--write-baseline)".to_string(),
            Outcome::Lower => format!("lower, within {TOLERANCE_PERCENT}%"),
            Outcome::Dropped => format!("DROPPED by more than {TOLERANCE_PERCENT}%"),
            Outcome::NotMeasured => "not measured, not compared".to_string(),
        };
        format!(
            "  {:<22}{:>8} -> {current:>8}  {what}",
            self.key, self.baseline
        )
    }
}

/// Compares every count of the baseline with the current counts, in [`KEYS`] order.
pub fn compare(baseline: &Baseline, current: &BTreeMap<String, u64>) -> Vec<Comparison> {
    KEYS.iter()
        .filter_map(|key| {
            let base = *baseline.counts.get(*key)?;
            let now = current.get(*key).copied();
            let outcome = match now {
                None => Outcome::NotMeasured,
                Some(n) if n == base => Outcome::Same,
                Some(n) if n > base => Outcome::Raised,
                // n < base * (1 - tolerance), in integers that cannot overflow.
                Some(n)
                    if u128::from(n) * 100
                        < u128::from(base) * u128::from(100 - TOLERANCE_PERCENT) =>
                {
                    Outcome::Dropped
                }
                Some(_) => Outcome::Lower,
            };
            Some(Comparison {
                key: key.to_string(),
                baseline: base,
                current: now,
                outcome,
            })
        })
        .collect()
}

/// Whether any count dropped by more than the tolerance.
pub fn regressed(comparisons: &[Comparison]) -> bool {
    comparisons.iter().any(|c| c.outcome == Outcome::Dropped)
}
