//! A dispatch's two pages: its page (`article.html`) and its text-only edition
//! (`lite_article.html`).
//!
//! Both see the same `page` value but for two fields: the text-only edition's `json_ld` is
//! empty, and its `content` has images replaced by their alt text and relative links pointed
//! at the full site (when the body has any). A build renders the two together ([`both`]): the
//! view and the `page` value are made once and the text-only one is derived from it, where
//! making each from scratch took some 12,000 instructions per page. `serve`, which renders
//! pages one at a time, uses [`article`] and [`lite`]; the pages are the same either way.

use std::borrow::Cow;

use tera::Value;

use super::Renderer;
use super::context;
use super::jobs::{Shared, base_ctx, root_prefix};
use super::plan::{self, Job};
use crate::content::{Page, PageId};
use crate::error::Error;
use crate::output::OutFile;
use crate::urls::UrlPath;

/// The dispatch's page and its text-only edition.
pub fn both(sh: Shared<'_>, r: &Renderer, id: PageId) -> Result<[OutFile; 2], Error> {
    let p = &sh.site.pages[id.0 as usize];
    let view = context::page_view(sh.site, p, &sh.prep.links, &sh.prep.jsonld);
    let lite_url = crate::routes::lite(&p.url);
    let lite_content = text_only(sh, p, &lite_url, &view.content);
    let page = context::page_value(&sh.prep.summaries[id.0 as usize], &view);
    drop(view);
    let mut lite_map = page.as_map().cloned().unwrap_or_default();
    let key = |k: &'static str| tera::value::Key::Str(k);
    lite_map.insert(key("json_ld"), Value::safe_string(""));
    if let Some(content) = lite_content {
        lite_map.insert(key("content"), content);
    }
    if !p.updates.is_empty() {
        let ups = super::live::updates(sh.site, p, &sh.prep.links, Some(&lite_url));
        lite_map.insert(key("updates"), Value::from_serializable(&ups));
    }
    let lite_page = Value::from(lite_map);
    Ok([
        render_article(sh, r, p, page)?,
        render_lite(sh, r, p, &lite_url, lite_page)?,
    ])
}

/// The dispatch's page.
pub fn article(sh: Shared<'_>, r: &Renderer, id: PageId) -> Result<OutFile, Error> {
    let p = &sh.site.pages[id.0 as usize];
    let view = context::page_view(sh.site, p, &sh.prep.links, &sh.prep.jsonld);
    let page = context::page_value(&sh.prep.summaries[id.0 as usize], &view);
    render_article(sh, r, p, page)
}

/// The dispatch's text-only edition.
pub fn lite(sh: Shared<'_>, r: &Renderer, id: PageId) -> Result<OutFile, Error> {
    let p = &sh.site.pages[id.0 as usize];
    let url = crate::routes::lite(&p.url);
    let mut view = context::lite_view(sh.site, p, &sh.prep.links);
    if let Some(content) = text_only(sh, p, &url, &view.content) {
        view.content = content;
    }
    view.updates = super::live::updates(sh.site, p, &sh.prep.links, Some(&url));
    let page = context::page_value(&sh.prep.summaries[id.0 as usize], &view);
    render_lite(sh, r, p, &url, page)
}

/// The text-only edition's body, if it differs from the page's `content` (see
/// [`context::text_only`]; a body whose links need no rewriting is not even scanned).
fn text_only(sh: Shared<'_>, p: &Page, lite_url: &UrlPath, content: &Value) -> Option<Value> {
    if p.body.links_fixed {
        return None;
    }
    let root = root_prefix(lite_url);
    let prefix = format!("{root}{}", context::rel(&p.url));
    let image = sh.site.config.strings().get("image");
    match context::text_only(content.as_str().unwrap_or_default(), &prefix, &root, image) {
        Cow::Owned(text) => Some(Value::safe_string(&text)),
        Cow::Borrowed(_) => None,
    }
}

fn render_article(sh: Shared<'_>, r: &Renderer, p: &Page, page: Value) -> Result<OutFile, Error> {
    let mut ctx = base_ctx(sh, &p.url, &p.title, "article");
    if let Some(versions) = sh.site.translations.get(p.id.0 as usize) {
        super::jobs::set_versions(&mut ctx, sh.site, &p.url, versions);
    }
    ctx.insert_value("page", page);
    let html = r.render(plan::template(Job::Article(p.id)), &ctx, Some(&p.source))?;
    Ok(OutFile {
        path: p.url.file(),
        bytes: html.into(),
    })
}

fn render_lite(
    sh: Shared<'_>,
    r: &Renderer,
    p: &Page,
    url: &UrlPath,
    page: Value,
) -> Result<OutFile, Error> {
    let mut ctx = base_ctx(sh, url, &p.title, "lite-article");
    ctx.insert_value("page", page);
    let html = r.render(
        plan::template(Job::LiteArticle(p.id)),
        &ctx,
        Some(&p.source),
    )?;
    Ok(OutFile {
        path: url.file(),
        bytes: html.into(),
    })
}
