//! What a type cell's names and links read as: a primitive (`Edm.` or not, any case),
//! untyped JSON, or a named type with its link and namespace.

use crate::ir::PRIMITIVES;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Base {
    Primitive(String),
    Named {
        name: String,
        link: Option<String>,
        namespace: Option<String>,
    },
    Json,
}

#[derive(Clone, Debug)]
pub(super) struct Term {
    pub(super) base: Base,
    pub(super) collection: bool,
    /// A bare word that is not a primitive: too weak to stand as one side of `a or b`.
    pub(super) bare: bool,
    pub(super) notes: Vec<String>,
}

pub(super) fn link_term(text: &str, target: Option<String>, broken: bool) -> Term {
    let mut notes = Vec::new();
    if broken {
        notes.push("broken link".to_string());
    }
    let text = text.trim();
    if let Some(mut term) = classify_name(text) {
        if let Base::Primitive(name) = &term.base {
            notes.push(format!("link to the primitive {name}"));
        }
        if let Base::Named { link, .. } = &mut term.base {
            *link = target;
        }
        term.notes.extend(notes);
        return term;
    }
    // A link whose text is not a name: fall back on the target's file name.
    let stem = target
        .as_deref()
        .and_then(|t| t.split('#').next())
        .and_then(|t| t.rsplit(['/', '\\']).next())
        .map(|t| t.trim_end_matches(".md").to_string())
        .filter(|s| is_identifier(s));
    notes.push(format!("link text `{text}` is not a type name"));
    Term {
        base: Base::Named {
            name: stem.unwrap_or_else(|| text.to_string()),
            link: target,
            namespace: None,
        },
        collection: false,
        bare: false,
        notes,
    }
}

pub(super) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Words that are not Edm names but mean a primitive (or untyped JSON).
pub(super) fn non_edm_primitive(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "int" | "integer" => "Int32",
        "long" => "Int64",
        "bool" => "Boolean",
        "datetime" | "timestamp" => "DateTimeOffset",
        "number" | "numeric" | "float" => "Double",
        "url" | "uri" => "String",
        _ => return None,
    })
}

/// Classifies a name: `[#][Edm.]primitive` in any case, non-Edm words, `microsoft.graph[.ns].X`,
/// or a plain identifier. None when it is none of these (a foreign namespace, punctuation).
pub(super) fn classify_name(word: &str) -> Option<Term> {
    let mut notes = Vec::new();
    let word = word.strip_prefix('#').unwrap_or(word);
    let (edm, name) = match word.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => {
            (true, word.get(4..).unwrap_or_default())
        }
        _ => (false, word),
    };
    let term = |base, notes| {
        Some(Term {
            base,
            collection: false,
            bare: false,
            notes,
        })
    };
    if let Some(canonical) = PRIMITIVES.iter().find(|p| p.eq_ignore_ascii_case(name)) {
        if edm {
            notes.push("`Edm.` prefix".to_string());
        }
        if *canonical != name {
            notes.push(format!("`{name}` for {canonical}"));
        }
        return term(Base::Primitive(canonical.to_string()), notes);
    }
    let lower = name.to_lowercase();
    if edm && lower == "untyped" {
        return term(Base::Json, vec!["`Edm.Untyped`".to_string()]);
    }
    if edm {
        return None;
    }
    if let Some(canonical) = non_edm_primitive(&lower) {
        return term(
            Base::Primitive(canonical.to_string()),
            vec![format!("`{name}` for {canonical}")],
        );
    }
    if lower == "object" {
        return term(Base::Json, vec![format!("`{name}` for untyped JSON")]);
    }
    if lower == "json" {
        return term(Base::Json, Vec::new());
    }
    if let Some(rest) = crate::facts::prose::strip_prefix_ignore_case(name, "microsoft.graph.") {
        let (namespace, bare) = match rest.rsplit_once('.') {
            Some((ns, bare)) => (Some(ns.to_string()), bare),
            None => (None, rest),
        };
        if !is_identifier(bare)
            || namespace
                .as_deref()
                .is_some_and(|ns| ns.split('.').any(|p| !is_identifier(p)))
        {
            return None;
        }
        let base = Base::Named {
            name: bare.to_string(),
            link: None,
            namespace,
        };
        return term(base, Vec::new());
    }
    if is_identifier(name) {
        return term(
            Base::Named {
                name: name.to_string(),
                link: None,
                namespace: None,
            },
            Vec::new(),
        );
    }
    None
}
