//! The default theme, embedded in the binary so `dateline` alone can build and start a blog.
//!
//! The files live in `themes/default/` in the repository; `dateline init` writes them out, and
//! a site without a `themes/<name>/` folder renders with them directly.

/// Template name and text.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "article.html",
        include_str!("../themes/default/templates/article.html"),
    ),
    (
        "city.html",
        include_str!("../themes/default/templates/city.html"),
    ),
    (
        "cities.html",
        include_str!("../themes/default/templates/cities.html"),
    ),
    (
        "tag.html",
        include_str!("../themes/default/templates/tag.html"),
    ),
    (
        "tags.html",
        include_str!("../themes/default/templates/tags.html"),
    ),
    (
        "author.html",
        include_str!("../themes/default/templates/author.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "item.html",
        include_str!("../themes/default/templates/item.html"),
    ),
    (
        "pagination.html",
        include_str!("../themes/default/templates/pagination.html"),
    ),
    (
        "lite_index.html",
        include_str!("../themes/default/templates/lite_index.html"),
    ),
    (
        "lite_article.html",
        include_str!("../themes/default/templates/lite_article.html"),
    ),
    (
        "archive.html",
        include_str!("../themes/default/templates/archive.html"),
    ),
    (
        "month.html",
        include_str!("../themes/default/templates/month.html"),
    ),
    (
        "lite_archive.html",
        include_str!("../themes/default/templates/lite_archive.html"),
    ),
    (
        "search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "lite_month.html",
        include_str!("../themes/default/templates/lite_month.html"),
    ),
];

/// The search page's script (published only when `search` is on).
pub const SEARCH_SCRIPT: &str = "search.js";

/// Static file path (relative to the output root) and bytes.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_theme_has_every_required_template() {
        for name in crate::render::REQUIRED {
            assert!(super::TEMPLATES.iter().any(|(n, _)| *n == name), "{name}");
        }
    }
}
