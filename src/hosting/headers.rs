//! The cache policy of a published site: which `Cache-Control` each file gets, from the rules
//! in `config.toml` (`[[cache_control]]`) and the defaults; written as `_headers` for Netlify
//! and Cloudflare Pages, and sent by `deploy` with every upload.
//!
//! Patterns are site paths with at most one `*` (matching any characters, `/` included), the
//! one syntax both hosts read, so a rule means the same in `_headers` and in a bucket.

use std::path::Path;

use serde::Deserialize;

/// Fingerprinted assets (`style.0a1b2c3d.css`): their name changes with their bytes.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages, feeds and sitemaps: news changes, so caches check back after five minutes.
pub(crate) const SHORT: &str = "public, max-age=300";
/// Everything else (photos, static files): a day.
pub(crate) const DAY: &str = "public, max-age=86400";

/// A `[[cache_control]]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    path: String,
    value: String,
}

/// A site path pattern: a prefix, and a suffix after the one `*` if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    text: String,
    star: Option<usize>,
}

impl Pattern {
    /// Parses `/photos/*`, `/*.xml`, `/about/index.html`.
    pub(crate) fn parse(s: &str) -> Result<Pattern, String> {
        if !s.starts_with('/') {
            return Err(format!(
                "cache_control path `{}` must start with `/` (a path from the site root, like `/photos/*`)",
                s.escape_debug()
            ));
        }
        if let Some(c) = s
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '[' | '{' | ':'))
        {
            return Err(format!(
                "cache_control path `{}` holds `{}`; only `*` is special (one per path)",
                s.escape_debug(),
                c.escape_debug()
            ));
        }
        let star = s.find('*');
        if s.matches('*').count() > 1 {
            return Err(format!(
                "cache_control path `{}` has more than one `*`; Cloudflare Pages allows one",
                s.escape_debug()
            ));
        }
        Ok(Pattern {
            text: s.to_string(),
            star,
        })
    }

    /// Whether the site path `path` (starting with `/`) matches.
    pub(crate) fn matches(&self, path: &str) -> bool {
        match self.star {
            None => self.text == path,
            Some(i) => {
                let (pre, suf) = (&self.text[..i], &self.text[i + 1..]);
                path.len() >= pre.len() + suf.len() && path.starts_with(pre) && path.ends_with(suf)
            }
        }
    }

    /// As written.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

/// One rule: files matching `pattern` get `value`.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// Which files.
    pub pattern: Pattern,
    /// The `Cache-Control` value.
    pub value: String,
}

/// The rules of `config.toml`, checked before the defaults.
#[derive(Debug, Clone, Default)]
pub struct CachePolicy {
    rules: Vec<Rule>,
}

impl CachePolicy {
    /// Resolves the `[[cache_control]]` tables.
    pub fn resolve(raw: Vec<RawRule>) -> Result<CachePolicy, String> {
        let mut rules = Vec::with_capacity(raw.len());
        for RawRule { path, value } in raw {
            let pattern = Pattern::parse(&path)?;
            if value.trim().is_empty() || value.chars().any(|c| c.is_control()) {
                return Err(format!(
                    "cache_control value for `{path}` must be one line, like \"public, max-age=3600\""
                ));
            }
            rules.push(Rule { pattern, value });
        }
        Ok(CachePolicy { rules })
    }

    /// The `Cache-Control` of an output file (its path relative to the output folder): the
    /// first rule of `config.toml` that matches, else the default for its kind.
    pub fn cache_control(&self, rel: &Path) -> &str {
        let site_path = site_path(rel);
        if let Some(r) = self.rules.iter().find(|r| r.pattern.matches(&site_path)) {
            return &r.value;
        }
        default_for(rel)
    }

    /// The `_headers` file (Netlify, Cloudflare Pages) for a site whose files are `paths`,
    /// served under `base` (`/` or `/blog/`). Pages are left to the host's own default (both
    /// revalidate HTML), since a rule for every page would overlap the asset rules, and
    /// Cloudflare joins overlapping values instead of picking one.
    pub fn headers_file<'a>(&self, base: &str, paths: impl Iterator<Item = &'a Path>) -> String {
        let mut out = String::from(
            "# Cache-Control for Netlify and Cloudflare Pages, written by dateline from its cache\n# policy (config.toml [[cache_control]]); pages keep the host's default.\n",
        );
        let base = base.trim_end_matches('/');
        let mut rule = |path: &str, value: &str| {
            out.push_str(&format!("{base}{path}\n  Cache-Control: {value}\n"));
        };
        let mut assets: Vec<String> = paths
            .filter(|p| is_fingerprinted(p))
            .map(site_path)
            .collect();
        assets.sort();
        for a in &assets {
            rule(a, IMMUTABLE);
        }
        rule("/*.xml", SHORT);
        // Last, so they win on Netlify (where a later rule overrides an earlier one).
        for r in &self.rules {
            rule(r.pattern.as_str(), &r.value);
        }
        out
    }
}

/// `/` + the path with forward slashes.
fn site_path(rel: &Path) -> String {
    let mut s = String::from("/");
    s.push_str(&rel.to_string_lossy().replace('\\', "/"));
    s
}

/// The default `Cache-Control` of a file by its name.
fn default_for(rel: &Path) -> &'static str {
    if is_fingerprinted(rel) {
        return IMMUTABLE;
    }
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "html" | "htm" | "xml" | "json" | "txt" => SHORT,
        _ if rel.extension().is_none() => SHORT,
        _ => DAY,
    }
}

/// Whether a file's name carries a hash of its bytes: `name.<8 hex digits>.css` or `.js`, as
/// the build names theme assets.
pub(crate) fn is_fingerprinted(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some(stem) = name
        .strip_suffix(".css")
        .or_else(|| name.strip_suffix(".js"))
    else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('.') else {
        return false;
    };
    hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(rules: &[(&str, &str)]) -> CachePolicy {
        CachePolicy::resolve(
            rules
                .iter()
                .map(|(p, v)| RawRule {
                    path: p.to_string(),
                    value: v.to_string(),
                })
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn defaults_by_kind_and_rules_first() {
        let p = policy(&[("/photos/*", "public, max-age=604800")]);
        let cc = |s: &str| p.cache_control(Path::new(s)).to_string();
        assert_eq!(cc("style.0a1b2c3d.css"), IMMUTABLE);
        assert_eq!(cc("style.css"), DAY);
        assert_eq!(cc("2023/02/x/index.html"), SHORT);
        assert_eq!(cc("atom.xml"), SHORT);
        assert_eq!(cc("2023/02/x/road.jpg"), DAY);
        assert_eq!(cc("photos/a/b.jpg"), "public, max-age=604800");
    }

    #[test]
    fn patterns_have_one_star_and_start_with_a_slash() {
        assert!(Pattern::parse("photos/*").is_err());
        assert!(Pattern::parse("/*/x/*").is_err());
        assert!(Pattern::parse("/a?b").is_err());
        let p = Pattern::parse("/*.xml").unwrap();
        assert!(p.matches("/atom.xml") && p.matches("/cities/kyiv/atom.xml"));
        assert!(!p.matches("/xml"));
        let p = Pattern::parse("/about/").unwrap();
        assert!(p.matches("/about/") && !p.matches("/about/x"));
    }

    #[test]
    fn headers_file_lists_assets_feeds_and_rules_under_the_base_path() {
        let p = policy(&[("/photos/*", "public, max-age=60")]);
        let paths = [Path::new("index.html"), Path::new("style.0a1b2c3d.css")];
        let text = p.headers_file("/blog/", paths.into_iter());
        assert!(text.contains(&format!(
            "/blog/style.0a1b2c3d.css\n  Cache-Control: {IMMUTABLE}\n"
        )));
        assert!(text.contains(&format!("/blog/*.xml\n  Cache-Control: {SHORT}\n")));
        assert!(text.ends_with("/blog/photos/*\n  Cache-Control: public, max-age=60\n"));
        assert!(!text.contains("index.html"));
    }
}
