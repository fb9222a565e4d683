//! Templates: loading a theme into Tera 2 and rendering one context with located errors.
//!
//! A theme is `themes/<name>/templates/*.html` plus `static/`. Any template a site's theme
//! lacks falls back to the embedded default theme, so a partial theme works. Template errors
//! name the template file and line, and the dispatch being rendered.

pub mod alternates;
pub mod archive;
mod cache;
pub mod context;
pub mod dispatch;
pub mod feeds;
pub mod items;
pub mod jobs;
pub mod jsonld;
pub mod live;
pub mod maps;
pub mod plan;
pub mod redirects;
pub(crate) mod sitemap;
pub mod standalone;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::Error;
use crate::theme;

/// Templates every theme provides (or inherits from the default theme).
pub const REQUIRED: [&str; 15] = [
    "base.html",
    "index.html",
    "article.html",
    "city.html",
    "cities.html",
    "tag.html",
    "tags.html",
    "author.html",
    "404.html",
    "lite_index.html",
    "lite_article.html",
    "archive.html",
    "month.html",
    "lite_archive.html",
    "lite_month.html",
];

/// A loaded theme.
pub struct Renderer {
    tera: tera::Tera,
    /// Template name → file shown in errors, and its text (to quote the expression).
    files: std::collections::HashMap<String, (PathBuf, String)>,
    /// Whether a template uses the `item` filter (see [`items`]).
    items: bool,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("files", &self.files)
            .field("items", &self.items)
            .finish()
    }
}

impl Renderer {
    /// Loads the configured theme (disk, then embedded fallbacks).
    pub fn load(config: &Config) -> Result<Renderer, Error> {
        let mut sources: Vec<(String, String, PathBuf)> = Vec::new();
        // A theme folder without `templates/` (as `dateline init` makes it) overrides none.
        if let Some(dir) = config
            .theme_dir
            .as_ref()
            .filter(|d| d.join("templates").is_dir())
        {
            let tdir = dir.join("templates");
            let mut names: Vec<PathBuf> = std::fs::read_dir(&tdir)
                .map_err(|e| Error::io(&tdir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "xml"))
                // Opening a FIFO named like a template would block the build forever.
                .filter(|p| p.is_file())
                .collect();
            names.sort();
            for p in names {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let shown = crate::paths::rel(&p, &config.root);
                let text = crate::fs::read_to_string(&p, &shown)?;
                sources.push((name, text, shown));
            }
        }
        for (name, text) in theme::TEMPLATES {
            if !sources.iter().any(|(n, _, _)| n == name) {
                sources.push((
                    name.to_string(),
                    text.to_string(),
                    Path::new("(built-in theme)").join(name),
                ));
            }
        }
        let mut tera = tera::Tera::new();
        items::register(&mut tera);
        crate::i18n::register(&mut tera, config.i18n.to_vec());
        let items = sources.iter().any(|(_, t, _)| items::used_in(t));
        let files = sources
            .iter()
            .map(|(n, t, p)| (n.clone(), (p.clone(), t.clone())))
            .collect();
        let r = tera.add_raw_templates(sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str())));
        let renderer = Renderer { tera, files, items };
        r.map_err(|e| renderer.error(None, None, &e))?;
        Ok(renderer)
    }

    /// Whether dispatches' `item.html` must be rendered for the `item` filter.
    pub fn renders_items(&self) -> bool {
        self.items
    }

    /// Every template: its name, the file messages name for it, and its text, by name.
    pub fn templates(&self) -> Vec<(&str, &Path, &str)> {
        let mut all: Vec<(&str, &Path, &str)> = (self.files.iter())
            .map(|(n, (p, t))| (n.as_str(), p.as_path(), t.as_str()))
            .collect();
        all.sort_unstable_by_key(|(n, _, _)| *n);
        all
    }

    /// Sets a value every template sees (e.g. the fingerprinted `assets` map).
    pub fn set_global<T: serde::Serialize>(&mut self, key: &'static str, value: &T) {
        self.tera.global_context().insert(key, value);
    }

    /// Renders `template` with `ctx` to bytes; `page` names the content file for error
    /// messages. The buffer starts large enough for most pages, so it rarely grows.
    pub fn render(
        &self,
        template: &str,
        ctx: &tera::Context,
        page: Option<&Path>,
    ) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(24 * 1024);
        self.tera
            .render_to(template, ctx, &mut out)
            .map_err(|e| self.error(Some(template), page, &e))?;
        Ok(out)
    }

    fn error(&self, template: Option<&str>, page: Option<&Path>, e: &tera::Error) -> Error {
        let (name, line, col) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
                r.filename().to_string(),
                r.span().start_line,
                r.span().start_col + 1,
            ),
            // Found while loading, before any render: the cycle names its template.
            tera::ErrorKind::CircularExtend { tpl, .. }
            | tera::ErrorKind::CircularInclude { tpl, .. } => (tpl.clone(), 0, 0),
            tera::ErrorKind::MissingParent { current, .. } => (current.clone(), 0, 0),
            // Unknown filters, tests and functions come as a report whose text points at them.
            tera::ErrorKind::Msg(m) => report_location(m)
                .unwrap_or_else(|| (template.unwrap_or_default().to_string(), 0, 0)),
            _ => (template.unwrap_or_default().to_string(), 0, 0),
        };
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            msg.push_str(&format!("\n  caused by: {s}"));
            src = s.source();
        }
        let (file, text) = match self.files.get(&name) {
            Some((f, t)) => (f.clone(), t.as_str()),
            None => (PathBuf::from(&name), ""),
        };
        if let Some(expr) = expression_at(text, line, col) {
            msg = if msg.contains("got `undefined`") || msg.contains("not found in context") {
                format!(
                    "in `{expr}`: a value in it is undefined (a misspelt field, or one this page lacks: test it with `is defined` or give it a `| default(value=\"\")`)\n{msg}"
                )
            } else {
                format!("in `{expr}`: {msg}")
            };
        }
        if let Some(note) = unclosed_before(text, line) {
            msg.push_str(&note);
        }
        if msg.contains("Unknown filter") {
            msg.push_str(
                "\n  note: the filters a theme can use are Tera's built-in ones and `item`",
            );
        }
        let location = if line > 0 {
            PathBuf::from(format!("{}:{line}:{col}", file.display()))
        } else {
            file
        };
        Error::Template {
            location,
            template: name,
            page: page.map(Path::to_path_buf),
            others: 0,
            msg,
        }
    }
}

/// Template name, line and column from the ` --> name:line:col` line of a Tera report.
fn report_location(report: &str) -> Option<(String, usize, usize)> {
    let at = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let col = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    Some((parts.next()?.to_string(), line, col))
}

/// Blocks that a `{% end… %}` closes.
const BLOCKS: [&str; 6] = ["if", "for", "block", "macro", "filter", "raw"];

/// A note naming the innermost `{% if %}`, `{% for %}`, … that is still open where a later
/// `{% end… %}` of another kind sits at `line`: Tera reports the end tag it could not match,
/// while the writer needs the block that was never closed.
fn unclosed_before(text: &str, line: usize) -> Option<String> {
    let mut open: Vec<(&str, usize, &str)> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let end = start + rest[start..].find("%}")? + 2;
        let tag = &rest[start..end];
        let at = text[..offset + start].matches('\n').count() + 1;
        let word = tag
            .trim_start_matches("{%")
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        if BLOCKS.contains(&word) {
            open.push((word, at, tag));
        } else if let Some(kind) = word.strip_prefix("end") {
            match open.last() {
                Some((w, _, _)) if *w == kind => {
                    open.pop();
                }
                Some((w, l, t)) if at >= line => {
                    return Some(format!(
                        "\n  note: `{t}` opened at line {l} is not closed: add `{{% end{w} %}}` where it should end (before this `{{% end{kind} %}}`)"
                    ));
                }
                _ => {}
            }
        }
        offset += end;
        rest = &rest[end..];
    }
    None
}

/// The `{{ … }}` or `{% … %}` tag of `text` around `line`:`col` (1-based), trimmed.
fn expression_at(text: &str, line: usize, col: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let at = l
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(l.len(), |(i, _)| i);
    let open = l[..at]
        .rfind("{{")
        .into_iter()
        .chain(l[..at].rfind("{%"))
        .max()?;
    let close = if l[open..].starts_with("{{") {
        "}}"
    } else {
        "%}"
    };
    let end = open + l[open..].find(close)? + 2;
    (end > at).then(|| l[open..end].to_string())
}
