//! The type-name index: definitions sorted by model name, searchable by lower-cased name, by
//! bare name (without sub-namespace) and by defining page. Built once over the kept
//! definitions; the registry resolves with it during resolution, and [`super::TypeIndex`] takes
//! it over afterwards (the resolved types are index-aligned with the definitions).

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    /// Lower-cased model name -> index.
    by_name: BTreeMap<String, usize>,
    /// Lower-cased name without sub-namespace -> indexes.
    by_bare: BTreeMap<String, Vec<usize>>,
    /// Lower-cased defining page -> indexes of the definitions on it.
    by_page: BTreeMap<String, Vec<usize>>,
}

impl NameIndex {
    /// An index over `(model name, defining page)` pairs, in index order.
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> NameIndex {
        let mut index = NameIndex::default();
        for (i, (name, page)) in entries.into_iter().enumerate() {
            index.by_name.insert(name.to_lowercase(), i);
            let bare = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            index.by_bare.entry(bare).or_default().push(i);
            index
                .by_page
                .entry(page.to_lowercase())
                .or_default()
                .push(i);
        }
        index
    }

    /// The definition of that lower-cased model name.
    pub fn named(&self, lower: &str) -> Option<usize> {
        self.by_name.get(lower).copied()
    }

    /// The definition whose lower-cased bare name is `lower`, when only one has it.
    pub fn only_bare(&self, lower: &str) -> Option<usize> {
        match self.by_bare.get(lower).map(Vec::as_slice) {
            Some([only]) => Some(*only),
            _ => None,
        }
    }

    /// The definitions on a page (lower-cased path).
    pub fn on_page(&self, page: &str) -> &[usize] {
        self.by_page
            .get(page)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
