//! The bench's edits between runs, made to a copy of the input (the user's pages are never
//! touched): one word of prose on one page, then one type renamed on its own page.

use crate::error::Error;
use std::path::{Path, PathBuf};

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// Copies every `.md` page below `from` to `to` (the folders the bench edits).
pub fn copy_pages(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))?.flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => copy_pages(&path, &target)?,
            Ok(kind) if kind.is_file() && is_page(&path) => {
                std::fs::copy(&path, &target).map_err(io(&path))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The page both edits change: the first resource page (`# X resource type`) by path, so the
/// same input always gives the same cases.
#[derive(Debug)]
pub struct Edits {
    pub page: PathBuf,
    original: String,
    /// The type's name, from the page's heading.
    pub name: String,
}

impl Edits {
    pub fn choose(input: &Path) -> Result<Edits, Error> {
        let mut pages = Vec::new();
        let mut pending = vec![input.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).map_err(io(&dir))?.flatten() {
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => pending.push(entry.path()),
                    Ok(kind) if kind.is_file() && is_page(&entry.path()) => {
                        pages.push(entry.path());
                    }
                    _ => {}
                }
            }
        }
        pages.sort();
        for page in pages {
            let Ok(text) = std::fs::read_to_string(&page) else {
                continue;
            };
            let heading = text.lines().find_map(|line| {
                let name = line.strip_prefix("# ")?.strip_suffix(" resource type")?;
                Some(name.trim().to_string())
            });
            let prose = prose_line(&text).is_some();
            if let Some(name) = heading.filter(|n| !n.is_empty() && prose) {
                return Ok(Edits {
                    page,
                    original: text,
                    name,
                });
            }
        }
        let source = std::io::Error::other("no resource page (`# X resource type`) to edit");
        Err(Error::Io {
            path: input.to_path_buf(),
            source,
        })
    }

    fn write(&self, text: &str) -> Result<(), Error> {
        std::fs::write(&self.page, text).map_err(io(&self.page))
    }

    /// The page with one word added to the type's description (the first line of prose after
    /// the heading), which the type's doc comment carries: one file must change.
    pub fn edited_text(&self) -> String {
        let Some(at) = prose_line(&self.original) else {
            return self.original.clone();
        };
        let mut text = self.original.clone();
        text.insert_str(at, " Edited.");
        text
    }

    /// The edited page with the type's name, as a whole word, renamed to `<name>Renamed`:
    /// its own file changes name, and pages that referred to it now refer to nothing.
    pub fn renamed_text(&self) -> String {
        rename_word(
            &self.edited_text(),
            &self.name,
            &format!("{}Renamed", self.name),
        )
    }

    pub fn edit_one_page(&self) -> Result<(), Error> {
        self.write(&self.edited_text())
    }

    pub fn rename_one_type(&self) -> Result<(), Error> {
        self.write(&self.renamed_text())
    }

    pub fn restore(&self) -> Result<(), Error> {
        self.write(&self.original)
    }
}

/// `text` with every whole-word `from` replaced by `to`: `user` is renamed, `userName` is not
/// (a rename of the type, not of every property that starts with its name).
pub fn rename_word(text: &str, from: &str, to: &str) -> String {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(from) {
        let before = text[..at].chars().next_back();
        let after = text[at + from.len()..].chars().next();
        if at < last || word(before) || word(after) {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    out
}

/// The byte offset of the end of the first line of prose after the `# ` heading (not a
/// `Namespace:` line, a table, a heading or a note).
fn prose_line(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut after_heading = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.starts_with("# ") {
            after_heading = true;
        } else if after_heading
            && !content.is_empty()
            && !content.starts_with(['#', '|', '>', '<', '-', '!'])
            && !content.starts_with("Namespace:")
        {
            return Some(start + content.len());
        }
    }
    None
}
