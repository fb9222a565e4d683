//! Site configuration: `config.toml` (raw, strict) resolved into `Config` (paths, defaults).
//!
//! A folder without `config.toml` is a valid site with every default and the embedded theme.
//! Unknown keys are errors with a suggestion. The raw struct is destructured exhaustively in
//! `resolve`, so a new key cannot be silently dropped.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dates::Zone;
use crate::error::{Error, Location, Result};

mod permalink;
pub use permalink::Permalink;

/// `config.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    paginate: Option<usize>,
    permalink: Option<String>,
    timezone: Option<String>,
    feed_limit: Option<usize>,
    feed_full_content: Option<bool>,
    strict_cities: Option<bool>,
    words_per_minute: Option<usize>,
    copyright: Option<String>,
    strip_image_metadata: Option<bool>,
    #[serde(default)]
    image_metadata_allow: Vec<String>,
    strict_html: Option<bool>,
    #[serde(default)]
    embed_hosts: Vec<String>,
    images: Option<crate::images::settings::RawImages>,
    precompress: Option<bool>,
    #[serde(default)]
    cache_control: Vec<crate::hosting::headers::RawRule>,
    #[serde(default)]
    deploy: Vec<crate::hosting::targets::RawTarget>,
    search: Option<bool>,
    menu: Option<Vec<MenuItem>>,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, RawLanguage>,
}

/// `[languages.<code>]`: a language edition besides the default one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    copyright: Option<String>,
    /// The language's name in itself, for the language switch.
    name: Option<String>,
    /// CLDR locale for dates and plurals.
    locale: Option<String>,
    #[serde(default)]
    tags: std::collections::BTreeMap<String, String>,
}

/// One entry of the site menu (`[[menu]]` in `config.toml`). The same table shape is meant
/// for a language's own menu (`[languages.uk]` with `menu = [...]`) when languages exist.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// What the menu shows.
    pub name: String,
    /// Where it goes: a page by source path (`@/pages/about.md`), a site path (`/cities/`)
    /// or another site (`https://…`).
    pub url: String,
    /// An interface string (`latest`, `cities`, `topics`, …) shown instead of `name`, in the
    /// language of each edition.
    pub key: Option<String>,
}

/// The menu of a site whose `config.toml` has no `[[menu]]`.
fn default_menu(search: bool) -> Vec<MenuItem> {
    [
        ("Latest", "/", "latest"),
        ("Cities", "/cities/", "cities"),
        ("Topics", "/tags/", "topics"),
        ("Archive", "/archive/", "archive"),
        ("Search", "/search/", "search"),
    ]
    .into_iter()
    .filter(|(_, url, _)| search || *url != "/search/")
    .map(|(name, url, key)| MenuItem {
        name: name.into(),
        url: url.into(),
        key: Some(key.into()),
    })
    .collect()
}

/// Options that come from the command line rather than the file.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site root (holds `config.toml`, `content/`…).
    pub root: PathBuf,
    /// Output folder; default `<root>/output`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Override `base_url`.
    pub base_url: Option<String>,
    /// The offline edition: every internal link names an `index.html` file (see
    /// [`crate::offline`]); default output folder `<root>/offline`.
    pub offline: bool,
}

/// The resolved configuration every stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site root.
    pub root: PathBuf,
    /// `<root>/content`.
    pub content_dir: PathBuf,
    /// `<root>/static`.
    pub static_dir: PathBuf,
    /// `<root>/themes/<theme>` if it exists; `None` means the embedded default theme.
    pub theme_dir: Option<PathBuf>,
    /// Theme name.
    pub theme: String,
    /// Output folder.
    pub output_dir: PathBuf,
    /// Site title.
    pub title: String,
    /// One-line description for feeds and meta tags.
    pub description: String,
    /// Absolute base URL without trailing slash, e.g. `https://example.org/blog`.
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Items per list page.
    pub paginate: usize,
    /// Dispatch URL pattern.
    pub permalink: Permalink,
    /// Zone for dates written without an offset, and for display.
    pub timezone: Zone,
    /// Entries per feed.
    pub feed_limit: usize,
    /// Full content (true) or summaries in feeds.
    pub feed_full_content: bool,
    /// Unknown cities are errors rather than warnings.
    pub strict_cities: bool,
    /// Reading speed for reading time.
    pub words_per_minute: usize,
    /// Footer copyright line.
    pub copyright: String,
    /// Remove EXIF/XMP/IPTC from published images (default true).
    pub strip_image_metadata: bool,
    /// Images (paths relative to the site root) allowed to keep GPS when stripping is off.
    pub image_metadata_allow: Vec<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Build the offline edition (see [`BuildOptions::offline`]).
    pub offline: bool,
    /// A search index of the dispatches and the `/search/` page (`search`; default on when
    /// dateline is built with the `search` feature).
    pub search: bool,
    /// `[images]`: responsive variants of the photos dispatches show.
    pub images: crate::images::settings::ImageSettings,
    /// What raw HTML and URLs may publish (`strict_html`, `embed_hosts`; see
    /// [`crate::sanitize`]).
    pub html: std::sync::Arc<crate::sanitize::Policy>,
    /// The site menu (`[[menu]]`), in order.
    pub menu: Vec<MenuItem>,
    /// Write `.gz` and `.br` copies beside text files (`precompress`).
    pub precompress: bool,
    /// `Cache-Control` per file (`[[cache_control]]` and the defaults), for `_headers` and
    /// `deploy`.
    pub cache: std::sync::Arc<crate::hosting::CachePolicy>,
    /// `[[deploy]]` targets, in the order written.
    pub deploy: Vec<crate::hosting::targets::Target>,
    /// Every language edition, the default first.
    pub languages: crate::lang::Languages,
    /// The edition this configuration renders (an index into `languages`).
    pub edition: usize,
    /// The site's base URL (`base_url` is the edition's: `…/uk` for Ukrainian).
    pub site_url: String,
    /// Interface strings of every language, in the order of `languages`.
    pub i18n: std::sync::Arc<Vec<std::sync::Arc<crate::i18n::Table>>>,
    /// Warnings met while reading the configuration (translation tables lacking keys).
    pub notes: Vec<crate::error::Warning>,
}

/// The site's languages from the top-level keys (the default language) and
/// `[languages.<code>]` tables (the others, in code order).
fn resolve_languages(
    default: &str,
    (title, description, copyright): (&Option<String>, &Option<String>, &Option<String>),
    raw: std::collections::BTreeMap<String, RawLanguage>,
) -> std::result::Result<crate::lang::Languages, String> {
    use crate::lang::{Language, autonym, is_code};
    if !is_code(default) {
        return Err(format!(
            "language `{}` is not a language code; write a BCP 47 code such as `en` or `uk`",
            default.escape_debug()
        ));
    }
    let locale_of = |code: &str| {
        if code == "en" {
            "en-GB".to_string()
        } else {
            code.to_string()
        }
    };
    let mut out = vec![Language {
        code: default.to_string(),
        name: autonym(default),
        title: title.clone().unwrap_or_else(|| "Dateline".into()),
        description: description.clone().unwrap_or_default(),
        copyright: copyright.clone().unwrap_or_default(),
        locale: locale_of(default),
        tags: Default::default(),
        prefix: String::new(),
    }];
    for (code, l) in raw {
        if !is_code(&code) {
            return Err(format!(
                "[languages.{}]: `{0}` is not a language code; write a BCP 47 code such as `uk`",
                code.escape_debug()
            ));
        }
        if code == default {
            if l.title.is_some() || l.description.is_some() || l.copyright.is_some() {
                return Err(format!(
                    "[languages.{code}] is the default language (`language = \"{code}\"`): set its title, description and copyright at the top of config.toml"
                ));
            }
            out[0].tags = l.tags;
            out[0].name = l.name.unwrap_or(out[0].name.clone());
            out[0].locale = l.locale.unwrap_or(out[0].locale.clone());
            continue;
        }
        let first = &out[0];
        out.push(Language {
            name: l.name.unwrap_or_else(|| autonym(&code)),
            title: l.title.unwrap_or_else(|| first.title.clone()),
            description: l.description.unwrap_or_else(|| first.description.clone()),
            copyright: l.copyright.unwrap_or_else(|| first.copyright.clone()),
            locale: l.locale.unwrap_or_else(|| locale_of(&code)),
            tags: l.tags,
            prefix: format!("{code}/"),
            code,
        });
    }
    Ok(crate::lang::Languages(std::sync::Arc::new(out)))
}

/// Parses `base_url` as the web does (WHATWG, by the `url` crate) and accepts only a clean
/// absolute http(s) URL: no whitespace or control characters (which could add lines to
/// `robots.txt`, `_redirects` or the sitemap), no characters a URL must escape, no user,
/// query or fragment.
fn clean_base_url(raw: &str) -> std::result::Result<url::Url, String> {
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "contains {}; write the URL on one line with no spaces",
            match c {
                '\n' | '\r' => "a line break".to_string(),
                ' ' => "a space".to_string(),
                c => format!("the character U+{:04X}", u32::from(c)),
            }
        ));
    }
    if let Some(c) = raw.chars().find(|c| "\"'<>`{}|\\^".contains(*c)) {
        return Err(format!("contains `{c}`, which a URL must not hold"));
    }
    let url = url::Url::parse(raw)
        .map_err(|e| format!("is not a URL ({e}); write it like https://example.org/"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(
            "must be an absolute http:// or https:// URL with a host, like https://example.org/"
                .into(),
        );
    }
    if !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err("must not hold a user name, password, `?query` or `#fragment`".into());
    }
    Ok(url)
}

/// Resolves the `[[deploy]]` tables; names must differ.
fn resolve_targets(
    raw: Vec<crate::hosting::targets::RawTarget>,
) -> std::result::Result<Vec<crate::hosting::targets::Target>, String> {
    let mut targets: Vec<crate::hosting::targets::Target> = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let t = crate::hosting::targets::Target::resolve(r, i + 1)?;
        if targets.iter().any(|o| o.name == t.name) {
            return Err(format!(
                "two [[deploy]] targets are named `{}`; give each a different `name`",
                t.name
            ));
        }
        targets.push(t);
    }
    Ok(targets)
}

impl Config {
    /// Reads `<root>/config.toml` (if any) and applies command-line options.
    pub fn load(opts: &BuildOptions) -> Result<Config> {
        let root = crate::fs::absolute(&opts.root);
        let path = root.join("config.toml");
        let raw: RawConfig = if path.is_file() {
            let text = crate::fs::read_to_string(&path, Path::new("config.toml"))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            crate::tomlerr::parse(text, Path::new("config.toml"), 0)
                .map_err(|(loc, msg)| Error::Config { loc, msg })?
        } else {
            RawConfig::default()
        };
        Self::resolve(raw, root, opts)
    }

    fn resolve(raw: RawConfig, root: PathBuf, opts: &BuildOptions) -> Result<Config> {
        let RawConfig {
            title,
            description,
            base_url,
            language,
            theme,
            paginate,
            permalink,
            timezone,
            feed_limit,
            feed_full_content,
            strict_cities,
            words_per_minute,
            copyright,
            strip_image_metadata,
            image_metadata_allow,
            strict_html,
            embed_hosts,
            images,
            precompress,
            cache_control,
            deploy,
            search,
            menu,
            languages,
        } = raw;
        let cfg_err = |msg: String| Error::Config {
            loc: Location::file("config.toml"),
            msg,
        };
        let search_on = search_setting(search).map_err(cfg_err)?;
        let theme = theme.unwrap_or_else(|| "default".into());
        let theme_dir = Some(root.join("themes").join(&theme)).filter(|d| d.is_dir());
        if theme_dir.is_none() && theme != "default" {
            return Err(cfg_err(format!(
                "theme `{theme}` not found: expected a folder themes/{theme}/ (or remove `theme` to use the built-in default)"
            )));
        }
        let (base_url, from) = match (&opts.base_url, base_url) {
            (Some(cli), _) => (cli.clone(), "--base-url"),
            (None, Some(file)) => (file, "config.toml"),
            (None, None) => ("http://localhost:1111".into(), "the default"),
        };
        let base = clean_base_url(&base_url).map_err(|why| {
            cfg_err(format!(
                "base_url `{}` (from {from}) {why}",
                base_url.escape_debug()
            ))
        })?;
        for host in &embed_hosts {
            if host.is_empty() || host.contains(['/', ':', ' ']) {
                return Err(cfg_err(format!(
                    "embed_hosts entry `{}` must be a host name such as `www.youtube-nocookie.com` (no scheme, path or port)",
                    host.escape_debug()
                )));
            }
        }
        let html = crate::sanitize::Policy::new(
            &embed_hosts,
            base.host_str().unwrap_or(""),
            strict_html.unwrap_or(false),
        );
        let base_url = base.as_str().trim_end_matches('/').to_string();
        for (key, value) in [
            ("title", &title),
            ("description", &description),
            ("copyright", &copyright),
        ] {
            if let Some(c) = value
                .as_deref()
                .and_then(|v| v.chars().find(|c| crate::sanitize::is_forbidden_char(*c)))
            {
                return Err(cfg_err(format!(
                    "`{key}` holds the control character U+{:04X}; remove it",
                    u32::from(c)
                )));
            }
        }
        let permalink = Permalink::parse(permalink.as_deref().unwrap_or("/{year}/{month}/{slug}/"))
            .map_err(cfg_err)?;
        let tz_name = timezone.unwrap_or_else(|| "Europe/Kyiv".into());
        let timezone = Zone::named(&tz_name).map_err(cfg_err)?;
        let paginate = paginate.unwrap_or(10);
        if paginate == 0 {
            return Err(cfg_err("paginate must be at least 1".into()));
        }
        let images = crate::images::settings::ImageSettings::resolve(images.unwrap_or_default())
            .map_err(cfg_err)?;
        let cache = crate::hosting::CachePolicy::resolve(cache_control).map_err(cfg_err)?;
        let deploy = resolve_targets(deploy).map_err(cfg_err)?;
        let language = language.unwrap_or_else(|| "en".into());
        let languages = resolve_languages(&language, (&title, &description, &copyright), languages)
            .map_err(cfg_err)?;
        let (i18n, notes) = crate::i18n::load(&root, theme_dir.as_deref(), &languages.0)?;
        let output_dir = opts
            .output
            .as_ref()
            .map(|o| crate::fs::absolute(o))
            .unwrap_or_else(|| root.join(if opts.offline { "offline" } else { "output" }));
        Ok(Config {
            content_dir: root.join("content"),
            static_dir: root.join("static"),
            theme_dir,
            theme,
            output_dir,
            title: title.unwrap_or_else(|| "Dateline".into()),
            description: description.unwrap_or_default(),
            site_url: base_url.clone(),
            base_url,
            language,
            paginate,
            permalink,
            timezone,
            feed_limit: feed_limit.unwrap_or(20),
            feed_full_content: feed_full_content.unwrap_or(true),
            strict_cities: strict_cities.unwrap_or(false),
            words_per_minute: words_per_minute.unwrap_or(220).max(1),
            copyright: copyright.unwrap_or_default(),
            strip_image_metadata: strip_image_metadata.unwrap_or(true),
            image_metadata_allow: image_metadata_allow
                .into_iter()
                .map(PathBuf::from)
                .collect(),
            drafts: opts.drafts,
            search: search_on,
            offline: opts.offline,
            images,
            menu: menu.unwrap_or_else(|| default_menu(search_on)),
            html: std::sync::Arc::new(html),
            precompress: precompress.unwrap_or(false),
            cache: std::sync::Arc::new(cache),
            deploy,
            languages,
            edition: 0,
            i18n: std::sync::Arc::new(i18n),
            notes,
            root,
        })
    }

    /// The configuration of language edition `i` (0 is the default language, at the root):
    /// its title, description, language and base URL (`…/uk`).
    pub fn edition(&self, i: usize) -> Config {
        let lang = &self.languages.0[i];
        let mut c = self.clone();
        c.edition = i;
        c.title = lang.title.clone();
        c.description = lang.description.clone();
        c.copyright = lang.copyright.clone();
        c.language = lang.code.clone();
        c.base_url = [
            self.site_url.as_str(),
            "/",
            lang.prefix.trim_end_matches('/'),
        ]
        .concat()
        .trim_end_matches('/')
        .to_string();
        c
    }

    /// The interface strings and CLDR formats of this configuration's edition.
    pub fn strings(&self) -> &crate::i18n::Table {
        &self.i18n[self.edition]
    }

    /// The language of this configuration's edition.
    pub fn lang(&self) -> &crate::lang::Language {
        &self.languages.0[self.edition]
    }

    /// Absolute URL of a site path.
    pub fn permalink(&self, path: &crate::urls::UrlPath) -> String {
        // Made for every page: joined without the formatting machinery.
        [self.base_url.as_str(), path.as_str()].concat()
    }

    /// The path part of `base_url` (`/` or `/blog/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", &after_scheme[i..]),
            None => "/".into(),
        }
    }
}

/// `search` as written, against what this binary can do.
fn search_setting(search: Option<bool>) -> std::result::Result<bool, String> {
    match search {
        Some(true) if !cfg!(feature = "search") => Err(
            "`search = true`, but this dateline was built without search (cargo feature `search`); remove the key or set it to false".into(),
        ),
        Some(on) => Ok(on),
        None => Ok(cfg!(feature = "search")),
    }
}
