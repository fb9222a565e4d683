//! The one place text is escaped for HTML and XML, on pulldown-cmark-escape (its vectorised
//! escaper is what Markdown bodies are written with, so every page escapes alike).
//!
//! - [`html`] / [`html_into`]: attribute values and text: `&`, `<`, `>`, `"` and `'`
//!   (as `&#39;`, which HTML and XML both read).
//! - [`xml`] / [`xml_into`]: the same, without the characters XML 1.0 forbids (C0 controls
//!   but tab and line breaks, DEL, U+FFFE/U+FFFF). Dispatches are cleaned of them when read
//!   (`sanitize::strip_forbidden`); this keeps any other source (a gazetteer name, a file
//!   name) from making a feed invalid.
//! - [`xml_text_into`]: a text node (quotes stay), the fast way for whole bodies in feeds.
//!
//! A leaf module: it imports nothing from the crate.

/// `s` escaped for HTML text or an attribute value.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    html_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text or an attribute value.
pub(crate) fn html_into(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, s);
}

/// `s` escaped for XML content or an attribute, without the characters XML forbids.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    xml_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for XML content or an attribute, without the characters XML
/// forbids.
pub(crate) fn xml_into(out: &mut String, s: &str) {
    html_into(out, &allowed_in_xml(s));
}

/// Appends `s` to `out` escaped for an XML text node (not an attribute: quotes stay): one
/// branch-free pass looks for forbidden characters, then pulldown-cmark's escaper for body
/// text, which escapes exactly `&`, `<` and `>` (HTML in a feed is dense with them).
pub(crate) fn xml_text_into(out: &mut String, s: &str) {
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, &allowed_in_xml(s));
}

/// `s` without the characters XML 1.0 forbids; borrowed when it has none (almost always).
fn allowed_in_xml(s: &str) -> std::borrow::Cow<'_, str> {
    let suspect = s.as_bytes().iter().fold(false, |seen, &b| {
        seen | ((b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f || b == 0xef)
    });
    if !suspect || !s.chars().any(forbidden_in_xml) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().filter(|c| !forbidden_in_xml(*c)).collect())
}

fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_escaping_for_html_and_xml() {
        let s = "Tom & \"Jerry\" <b>'s</b>";
        assert_eq!(
            html(s),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt;"
        );
        assert_eq!(xml(s), html(s));
        assert_eq!(xml("a\u{0}b\u{1b}c\u{ffff}\td"), "abc\td");
        let mut t = String::new();
        xml_text_into(&mut t, "\"q\" & <p>\u{7}");
        assert_eq!(t, "\"q\" &amp; &lt;p&gt;");
        assert!(roxmltree::Document::parse(&format!("<a t=\"{}\">{}</a>", xml(s), xml(s))).is_ok());
    }
}
