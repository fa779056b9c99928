//! What `docgen diff` finds: one [`Change`] per difference between two models, each with its
//! [`Impact`] on the generated crate's users, and the bump they call for.

use super::matching::Matched;
use crate::version::Bump;
use serde::Serialize;

/// What a change does to code written against the generated crate. The order is the strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// The Rust API is the same (the docs changed in a way the code does not show).
    None,
    /// New API: what compiled still compiles and does the same.
    Additive,
    /// Code that compiled may not compile, or may do something else.
    Breaking,
}

impl Impact {
    pub const ALL: [Impact; 3] = [Impact::Breaking, Impact::Additive, Impact::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }

    /// The version bump a change of this impact calls for.
    pub fn bump(self) -> Bump {
        match self {
            Impact::None => Bump::Patch,
            Impact::Additive => Bump::Minor,
            Impact::Breaking => Bump::Major,
        }
    }
}

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum On {
    /// The crate as a whole (its cargo features).
    Crate,
    Type,
    Operation,
}

impl On {
    pub fn as_str(self) -> &'static str {
        match self {
            On::Crate => "feature",
            On::Type => "type",
            On::Operation => "operation",
        }
    }
}

macro_rules! change_kinds {
    ($($kind:ident => $text:literal,)*) => {
        /// Every kind of change `docgen diff` reports (its JSON `kind`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ChangeKind {
            $($kind,)*
        }

        impl ChangeKind {
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$kind,)*];

            /// The JSON spelling (`property_added`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$kind => $text,)*
                }
            }
        }
    };
}

change_kinds! {
    FeatureAdded => "feature_added",
    FeatureRemoved => "feature_removed",
    TypeAdded => "type_added",
    TypeRemoved => "type_removed",
    TypeRenamed => "type_renamed",
    TypeKindChanged => "type_kind_changed",
    BaseChanged => "base_changed",
    UpdateAdded => "update_added",
    UpdateRemoved => "update_removed",
    PropertyAdded => "property_added",
    PropertyRemoved => "property_removed",
    PropertyChanged => "property_changed",
    MemberAdded => "member_added",
    MemberRemoved => "member_removed",
    MemberChanged => "member_changed",
    OperationAdded => "operation_added",
    OperationRemoved => "operation_removed",
    OperationRenamed => "operation_renamed",
    MethodChanged => "method_changed",
    WorkloadChanged => "workload_changed",
    PathAdded => "path_added",
    PathRemoved => "path_removed",
    PathChanged => "path_changed",
    QueryAdded => "query_added",
    QueryRemoved => "query_removed",
    QueryChanged => "query_changed",
    HeaderAdded => "header_added",
    HeaderRemoved => "header_removed",
    BodyAdded => "body_added",
    BodyRemoved => "body_removed",
    BodyChanged => "body_changed",
    BodyParameterAdded => "body_parameter_added",
    BodyParameterRemoved => "body_parameter_removed",
    BodyParameterChanged => "body_parameter_changed",
    ResponseChanged => "response_changed",
    RustChanged => "rust_changed",
}

/// One difference between the old and the new model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The workload (`ms.prod`) of the type or operation: the new side's, the old one's when
    /// it was removed; for a cargo feature, its name (the workload's, as a feature name).
    pub workload: String,
    pub on: On,
    /// The type's or operation's name (the new one, the old one when removed); the feature's.
    pub name: String,
    pub kind: ChangeKind,
    /// The property, member, path, parameter or header the change is about.
    pub item: Option<String>,
    pub impact: Impact,
    /// What it was and what it is, in the docs' terms (a type, a method, a name).
    pub old: Option<String>,
    pub new: Option<String>,
    /// What the change does to the Rust API, in a sentence.
    pub why: String,
}

/// The type or operation a change is about (the new one of a pair, the old one when removed).
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub on: On,
    pub workload: &'a str,
    pub name: &'a str,
}

impl Subject<'_> {
    /// A change of `kind` on this subject, with its impact and reason.
    pub fn change(
        self,
        kind: ChangeKind,
        item: Option<&str>,
        old: Option<String>,
        new: Option<String>,
        (impact, why): (Impact, String),
    ) -> Change {
        Change {
            workload: self.workload.to_string(),
            on: self.on,
            name: self.name.to_string(),
            kind,
            item: item.map(str::to_string),
            impact,
            old,
            new,
            why,
        }
    }
}

/// What adding and what removing a definition does, by its name.
pub struct Verdicts<A, R> {
    pub added: A,
    pub removed: R,
}

/// One change per added and per removed definition of `matched` (`kinds`: added, removed),
/// `describe` saying what the definition is.
pub fn added_and_removed<T, A, R>(
    matched: &Matched<'_, T>,
    subject: fn(&T) -> Subject<'_>,
    describe: fn(&T) -> String,
    kinds: [ChangeKind; 2],
    verdicts: Verdicts<A, R>,
) -> Vec<Change>
where
    A: Fn(&str) -> (Impact, String),
    R: Fn(&str) -> (Impact, String),
{
    let added = matched.added.iter().map(|def| {
        let who = subject(def);
        who.change(
            kinds[0],
            None,
            None,
            Some(describe(def)),
            (verdicts.added)(who.name),
        )
    });
    let removed = matched.removed.iter().map(|def| {
        let who = subject(def);
        who.change(
            kinds[1],
            None,
            Some(describe(def)),
            None,
            (verdicts.removed)(who.name),
        )
    });
    added.chain(removed).collect()
}

/// The size of one side of the comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Side {
    pub types: usize,
    pub operations: usize,
}

/// The whole comparison: every change, sorted by workload, subject, kind and item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
}

impl ApiDiff {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    pub fn count_impact(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// The strongest impact of any change; None when there is no change at all.
    pub fn impact(&self) -> Option<Impact> {
        self.changes.iter().map(|c| c.impact).max()
    }

    /// The bump the changes call for: major for a breaking change, minor for an additive one,
    /// patch when only the docs changed, none without a change.
    pub fn bump(&self) -> Bump {
        self.impact().map_or(Bump::None, Impact::bump)
    }
}

/// The crate's version before and after, against what the changes call for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    pub old: String,
    pub new: String,
    /// The bump the changes call for.
    pub required: Bump,
    /// The bump `old` -> `new` gives, as Cargo counts compatibility (0.x: see [`crate::version::Version::bump_to`]).
    pub given: Bump,
    /// The smallest version after `old` that covers the changes.
    pub suggested: String,
    /// `given` covers `required`.
    pub enough: bool,
}

/// The changes of one workload, by impact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorkloadCounts {
    /// Empty for what the docs give no workload.
    pub workload: String,
    pub breaking: usize,
    pub additive: usize,
    pub none: usize,
}

impl ApiDiff {
    /// Every workload with a change, the most breaking first (then the most additive, then by
    /// name): the order of the Markdown report.
    pub fn workloads(&self) -> Vec<WorkloadCounts> {
        let mut by_name: std::collections::BTreeMap<&str, WorkloadCounts> = Default::default();
        for change in &self.changes {
            let entry = by_name
                .entry(change.workload.as_str())
                .or_insert_with(|| WorkloadCounts {
                    workload: change.workload.clone(),
                    ..WorkloadCounts::default()
                });
            match change.impact {
                Impact::Breaking => entry.breaking += 1,
                Impact::Additive => entry.additive += 1,
                Impact::None => entry.none += 1,
            }
        }
        let mut list: Vec<WorkloadCounts> = by_name.into_values().collect();
        list.sort_by(|a, b| {
            (b.breaking, b.additive, &a.workload).cmp(&(a.breaking, a.additive, &b.workload))
        });
        list
    }
}

/// What the report says about its inputs, besides the changes.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The old and new inputs as given (a folder or a `.json` file).
    pub old: String,
    pub new: String,
    /// The crate's versions, when given.
    pub versions: Option<VersionCheck>,
}
