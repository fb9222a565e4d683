//! Errors the library reports to users.
//!
//! Owns the one `Error` enum, the `Location` (path relative to the site root, 1-based line and
//! column) that every user-facing problem carries when it has one, and `Diagnostics`, the list of
//! every problem found in a build (report all, then fail). Display is compiler-style
//! (`content/x.md:4:1: error: …`) so editors can jump to it. Nothing here prints.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a source file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path as the user knows it (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub col: usize,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            line: 0,
            col: 0,
        }
    }

    /// A location at `line:col` of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Self {
            path: path.into(),
            line,
            col,
        }
    }

    /// The location of byte `offset` within `text`, shifted down by `line_offset` lines.
    pub fn from_offset(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        line_offset: usize,
    ) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1 + line_offset;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Self::at(path, line, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        Ok(())
    }
}

/// Every problem the library can report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: error: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// `config.toml` or `cities.toml` is wrong.
    #[error("{loc}: error: {msg}")]
    Config {
        /// Where.
        loc: Location,
        /// What and how to fix it.
        msg: String,
    },
    /// A dispatch's front matter or body is wrong.
    #[error("{loc}: error: {msg}")]
    Content {
        /// Where.
        loc: Location,
        /// What and how to fix it.
        msg: String,
    },
    /// A template failed to parse or render.
    #[error("{}: error: template `{template}`{}: {msg}", location.display(), rendering(page.as_deref(), *others))]
    Template {
        /// The template's file.
        location: PathBuf,
        /// Template name.
        template: String,
        /// The content file being rendered, if any.
        page: Option<PathBuf>,
        /// How many other pages failed the same way (reported once, with this count).
        others: usize,
        /// Tera's report (with template line and column).
        msg: String,
    },
    /// Two sources claim the same output URL.
    #[error("{}: error: URL {url} is claimed by both {} and {}; give one of them another `slug`", first.display(), first.display(), second.display())]
    UrlCollision {
        /// The contested URL.
        url: String,
        /// The first claimant.
        first: PathBuf,
        /// The second claimant.
        second: PathBuf,
    },
    /// The command line asked for something impossible.
    #[error("error: {0}")]
    Usage(String),
}

/// ` (rendering content/x.md and 3 other pages)`, or nothing when no page is involved.
fn rendering(page: Option<&Path>, others: usize) -> String {
    match (page, others) {
        (None, _) => String::new(),
        (Some(p), 0) => format!(" (rendering {})", p.display()),
        (Some(p), n) => format!(
            " (rendering {} and {n} other page{}: {} pages affected)",
            p.display(),
            if n == 1 { "" } else { "s" },
            n + 1
        ),
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A content error at `loc`.
    pub fn content(loc: Location, msg: impl Into<String>) -> Self {
        Error::Content {
            loc,
            msg: msg.into(),
        }
    }

    /// Sort key so diagnostics come out in a stable order.
    fn sort_key(&self) -> String {
        self.to_string()
    }
}

/// A warning: the build goes on, but the user should look.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// Where.
    pub loc: Location,
    /// What and what to do.
    pub msg: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.loc, self.msg)
    }
}

/// Splits results into what succeeded and every error, each in the order given.
pub fn partition<T>(results: impl IntoIterator<Item = Result<T, Error>>) -> (Vec<T>, Vec<Error>) {
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(t) => done.push(t),
            Err(e) => errors.push(e),
        }
    }
    (done, errors)
}

/// Merges I/O errors that give the same reason into the first of them (in text order), which
/// then says how many other paths failed the same way: a full disk or a read-only output folder
/// fails every file a build writes, and the reason matters once, not for every page. Other
/// errors are kept as they are.
pub fn collapse_io(errors: Vec<Error>) -> Vec<Error> {
    let mut errors = Diagnostics(errors).sorted().0;
    // Reason → (index of the first error with it, the other paths that had it).
    let mut seen: std::collections::HashMap<String, (usize, Vec<PathBuf>)> = Default::default();
    let mut keep = Vec::with_capacity(errors.len());
    for (i, e) in errors.iter().enumerate() {
        let Error::Io { path, source } = e else {
            keep.push(true);
            continue;
        };
        match seen.entry(source.to_string()) {
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let (first, others) = o.get_mut();
                if errors_path(&errors[*first]) != Some(path) && !others.contains(path) {
                    others.push(path.clone());
                }
                keep.push(false);
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((i, Vec::new()));
                keep.push(true);
            }
        }
    }
    for (reason, (first, others)) in seen {
        if let (Error::Io { source, .. }, n @ 1..) = (&mut errors[first], others.len()) {
            let s = if n == 1 { "" } else { "s" };
            let msg = format!("{reason} (and {n} other path{s} failed the same way)");
            *source = std::io::Error::new(source.kind(), msg);
        }
    }
    let mut keep = keep.into_iter();
    errors.retain(|_| keep.next().unwrap_or(true));
    errors
}

fn errors_path(e: &Error) -> Option<&PathBuf> {
    match e {
        Error::Io { path, .. } => Some(path),
        _ => None,
    }
}

/// All the errors of one build, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Error>);

impl Diagnostics {
    /// Sorts errors by their text for deterministic output; a template error that many pages
    /// hit is kept once (for the first page), with the count of the others.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by_cached_key(Error::sort_key);
        let mut first: std::collections::HashMap<(PathBuf, String), usize> = Default::default();
        let mut keep = Vec::with_capacity(self.0.len());
        for (i, e) in self.0.iter().enumerate() {
            let Error::Template {
                location,
                msg,
                page: Some(_),
                ..
            } = e
            else {
                keep.push(true);
                continue;
            };
            let key = (location.clone(), msg.clone());
            match first.get(&key) {
                Some(_) => keep.push(false),
                None => {
                    first.insert(key, i);
                    keep.push(true);
                }
            }
        }
        let mut extra = vec![0; self.0.len()];
        for (i, e) in self.0.iter().enumerate() {
            if let Error::Template { location, msg, .. } = e
                && !keep[i]
                && let Some(f) = first.get(&(location.clone(), msg.clone()))
            {
                extra[*f] += 1;
            }
        }
        for (e, n) in self.0.iter_mut().zip(extra) {
            if let Error::Template { others, .. } = e {
                *others += n;
            }
        }
        let mut keep = keep.into_iter();
        self.0.retain(|_| keep.next().unwrap_or(true));
        self
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many distinct files the errors are in.
    pub fn file_count(&self) -> usize {
        let mut files: Vec<String> = self
            .0
            .iter()
            .map(|e| match e {
                Error::Io { path, .. } => path.display().to_string(),
                Error::Config { loc, .. } | Error::Content { loc, .. } => {
                    loc.path.display().to_string()
                }
                Error::Template { location, .. } => location.display().to_string(),
                Error::UrlCollision { first, .. } => first.display().to_string(),
                Error::Usage(_) => String::new(),
            })
            .collect();
        files.sort();
        files.dedup();
        files.len()
    }
}

impl From<Error> for Diagnostics {
    fn from(e: Error) -> Self {
        Diagnostics(vec![e])
    }
}

impl From<Vec<Error>> for Diagnostics {
    fn from(v: Vec<Error>) -> Self {
        Diagnostics(v).sorted()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        let n = self.0.len();
        let files = self.file_count();
        write!(
            f,
            "{n} error{} in {files} file{}; nothing was written",
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// Result alias for single errors.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn io(path: &str, code: i32) -> Error {
        Error::io(Path::new(path), std::io::Error::from_raw_os_error(code))
    }

    #[test]
    fn identical_io_errors_are_reported_once() {
        let errors = vec![
            io("out/.dateline-staging", libc::EACCES),
            Error::Usage("a template failed".into()),
            io("out/.dateline-staging", libc::EACCES),
            io("out/.dateline-staging", libc::EACCES),
        ];
        let text: Vec<String> = collapse_io(errors)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            [
                "error: a template failed".to_string(),
                format!(
                    "out/.dateline-staging: error: {}",
                    std::io::Error::from_raw_os_error(libc::EACCES)
                ),
            ]
        );
    }

    #[test]
    fn one_reason_on_many_paths_names_the_first_and_counts_the_rest() {
        let errors = vec![
            io("out/b/.index.html.dateline-tmp", libc::ENOSPC),
            io("out/a/.index.html.dateline-tmp", libc::ENOSPC),
            io("out/c/.index.html.dateline-tmp", libc::ENOSPC),
            io("out/a/.index.html.dateline-tmp", libc::ENOSPC),
            io("content/x.md", libc::EACCES),
        ];
        let collapsed = collapse_io(errors);
        let text: Vec<String> = collapsed.iter().map(ToString::to_string).collect();
        let enospc = std::io::Error::from_raw_os_error(libc::ENOSPC);
        let eacces = std::io::Error::from_raw_os_error(libc::EACCES);
        assert_eq!(
            text,
            [
                format!("content/x.md: error: {eacces}"),
                format!(
                    "out/a/.index.html.dateline-tmp: error: {enospc} (and 2 other paths failed the same way)"
                ),
            ]
        );
        assert!(
            matches!(&collapsed[1], Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull)
        );
    }

    #[test]
    fn offset_maps_to_line_and_column() {
        let text = "a = 1\nbb = 2\n";
        let loc = Location::from_offset("x.md", text, 6, 1);
        assert_eq!(loc.to_string(), "x.md:3:1");
        let loc = Location::from_offset("x.md", text, 9, 0);
        assert_eq!(loc.to_string(), "x.md:2:4");
    }
}
