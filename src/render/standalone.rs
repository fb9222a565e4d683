//! Standalone pages (`page.html`) and the site menu every page shows.
//!
//! The menu is resolved per page: each entry's site path relative to the page (so it works
//! under any sub-path and from disk), and whether it is the page being shown (or the section
//! it belongs to), which the default theme marks with `aria-current="page"`.

use serde::Serialize;
use tera::Value;

use super::Renderer;
use super::jobs::{Shared, base_ctx};
use crate::error::{Error, Location};
use crate::site::Site;
use crate::urls::UrlPath;

/// A standalone page as its template sees it (`page`).
#[derive(Debug, Serialize)]
pub struct StandaloneView<'a> {
    /// Title.
    pub title: &'a str,
    /// Body HTML (safe).
    pub content: Value,
    /// Description.
    pub description: &'a str,
    /// Last update.
    pub updated: Option<crate::dates::DateView>,
    /// Headings.
    pub toc: &'a [crate::markdown::Heading],
}

/// One menu entry as templates see it.
#[derive(Debug, Serialize)]
pub struct MenuView<'a> {
    /// What the menu shows.
    pub name: &'a str,
    /// The interface string to show instead, in the page's language (default entries).
    pub key: Option<&'a str>,
    /// Path from the site root (`cities/`), or the whole URL when `external`.
    pub path: String,
    /// Another site's address: use `path` as it is, without `root`.
    pub external: bool,
    /// The page shown is this entry (or inside its section).
    pub current: bool,
}

/// Where a menu target goes: a site path, or `None` for another site's URL.
fn site_path(site: &Site, url: &str) -> Result<Option<UrlPath>, String> {
    if url.starts_with("@/") {
        let resolved = site.targets.resolve(url)?;
        return Ok(Some(UrlPath::parse(&resolved)));
    }
    if url.starts_with('/') {
        return Ok(Some(UrlPath::parse(url)));
    }
    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:") {
        return Ok(None);
    }
    Err(format!(
        "menu entry `{url}`: write a page by source path (`@/pages/about.md`), a site path (`/cities/`) or a full address (`https://…`)"
    ))
}

/// Errors for menu entries that point nowhere (checked once per build).
pub fn check_menu(site: &Site) -> Vec<Error> {
    (site.config.menu.iter())
        .filter_map(|m| site_path(site, &m.url).err())
        .map(|msg| Error::Config {
            loc: Location::file("config.toml"),
            msg: format!("[[menu]]: {msg}"),
        })
        .collect()
}

/// The menu as the page at `url` shows it.
pub fn menu_view<'a>(site: &'a Site, url: &UrlPath) -> Vec<MenuView<'a>> {
    let here = url.as_str();
    let in_home_list = here == "/" || here.starts_with("/page/");
    (site.config.menu.iter())
        .filter_map(|m| {
            let target = site_path(site, &m.url).ok()?;
            Some(match target {
                None => MenuView {
                    name: &m.name,
                    key: m.key.as_deref(),
                    path: m.url.clone(),
                    external: true,
                    current: false,
                },
                Some(t) => {
                    let t = t.as_str();
                    let current = if t == "/" {
                        in_home_list
                    } else {
                        here == t || (t.ends_with('/') && here.starts_with(t))
                    };
                    MenuView {
                        name: &m.name,
                        key: m.key.as_deref(),
                        path: t.trim_start_matches('/').to_string(),
                        external: false,
                        current,
                    }
                }
            })
        })
        .collect()
}

/// Renders standalone page `i` with `page.html`.
pub fn render(sh: Shared<'_>, r: &Renderer, i: usize) -> Result<(UrlPath, Vec<u8>), Error> {
    let s = &sh.site.standalone[i];
    let mut ctx = base_ctx(sh, &s.url, &s.title, "page");
    let root = super::jobs::root_prefix(&s.url);
    let html = super::context::rebase_links(&s.html, "", &root, false);
    ctx.insert(
        "page",
        &StandaloneView {
            title: &s.title,
            content: Value::safe_string(&html),
            description: &s.description,
            updated: (s.updated.as_ref())
                .map(|d| crate::dates::DateView::new(d, &sh.site.config.strings().locale)),
            toc: &s.toc,
        },
    );
    Ok((
        s.url.clone(),
        r.render(
            super::plan::template(super::plan::Job::Standalone(i)),
            &ctx,
            Some(&s.source),
        )?,
    ))
}
