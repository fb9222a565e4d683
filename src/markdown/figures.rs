//! Images in a dispatch's HTML: an inline `<img>`, and an image alone in its paragraph as a
//! `<figure>` with its caption and credit (from the Markdown title); a translation's figures
//! can take their original's description and caption.

/// An inline image; its title, if any, as a `title` attribute.
pub(super) fn image_html(src: &str, alt: &str, title: &str) -> String {
    let title = match title.trim() {
        "" => String::new(),
        t => format!(" title=\"{}\"", crate::escape::html(t)),
    };
    format!(
        "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
        crate::escape::html(src),
        crate::escape::html(alt)
    )
}

/// What separates a caption from its credit in an image title: `"Caption — Photo: Name"`.
pub const CREDIT_SEPARATOR: &str = " — ";

/// An image alone in its paragraph: a `<figure>`, with the title as its `<figcaption>` and
/// the part after the last ` — ` as the credit.
pub fn figure_html(src: &str, alt: &str, title: &str) -> String {
    let mut html = String::from("<figure>");
    html.push_str(&image_html(src, alt, ""));
    let title = title.trim();
    if !title.is_empty() {
        let split = match title.strip_prefix(CREDIT_SEPARATOR.trim_start()) {
            Some(who) => Some(("", who)),
            None => title.rsplit_once(CREDIT_SEPARATOR),
        };
        let (caption, credit) = match split {
            Some((c, who)) if !who.trim().is_empty() => (c.trim(), Some(who.trim())),
            _ => (title, None),
        };
        html.push_str("<figcaption>");
        let _ = pulldown_cmark_escape::escape_html(&mut html, caption);
        if let Some(who) = credit {
            if !caption.is_empty() {
                html.push(' ');
            }
            html.push_str("<span class=\"credit\">");
            let _ = pulldown_cmark_escape::escape_html(&mut html, who);
            html.push_str("</span>");
        }
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>");
    html
}

/// A figure made by [`figure_html`] (its image possibly rewritten into a `<picture>`) with
/// the image's alt text set to `alt`, marked as written in the language `lang` (a
/// translation showing its original's description).
pub fn figure_alt_in(figure: &str, alt: &str, lang: &str) -> String {
    let at = figure.find("<img ").and_then(|img| {
        let tag_end = img + figure[img..].find('>')?;
        let start = img + figure[img..tag_end].find(" alt=\"")? + " alt=\"".len();
        let end = start + figure[start..tag_end].find('"')?;
        Some((start, end))
    });
    let Some((start, end)) = at else {
        return figure.to_string();
    };
    let mut out = String::with_capacity(figure.len() + alt.len() + 16);
    out.push_str(&figure[..start]);
    out.push_str(&crate::escape::html(alt));
    out.push_str("\" lang=\"");
    out.push_str(&crate::escape::html(lang));
    out.push_str(&figure[end..]);
    out
}

/// A figure made by [`figure_html`] with the caption of the figure `from` instead of its own,
/// marked as written in the language `lang` (a translation showing its original's caption).
pub fn figure_caption_from(figure: &str, from: &str, lang: &str) -> String {
    const OPEN: &str = "<figcaption>";
    const CLOSE: &str = "</figcaption>";
    let inner = from.find(OPEN).and_then(|i| {
        let rest = &from[i + OPEN.len()..];
        rest.find(CLOSE).map(|e| &rest[..e])
    });
    let (Some(inner), Some(end)) = (inner, figure.rfind("</figure>")) else {
        return figure.to_string();
    };
    let own = figure.find(OPEN).zip(figure.find(CLOSE));
    let (cut, resume) = match own {
        Some((open, close)) => (open, close + CLOSE.len()),
        None => (end, end),
    };
    let lang = crate::escape::html(lang);
    [
        &figure[..cut],
        "<figcaption lang=\"",
        &lang,
        "\">",
        inner,
        CLOSE,
        &figure[resume..],
    ]
    .concat()
}
