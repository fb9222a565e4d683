//! SVG files: XML that can carry what no published image may, so each is read element by
//! element (quick-xml) and either refused or cleaned before it is published.
//!
//! Refused, with the line and what to do: scripts and anything that runs or embeds other
//! documents (`script`, `foreignObject`, `iframe`, `embed`, `object`, `handler`, `listener`,
//! an `animate`/`set` that changes a link), event-handler attributes (`onload`, …), links and
//! references that leave the file (`href`/`src` with a scheme such as `javascript:` or
//! `https:`, CSS `url(…)` other than `#id` and data images, `@import`, CSS escapes), and
//! entity declarations (`<!DOCTYPE … [<!ENTITY …>]>`: billion-laughs expansion).
//!
//! Dropped, as metadata: `<metadata>` (RDF: author, licence, sometimes a place), comments,
//! processing instructions, and the editor data of Inkscape and Sodipodi (elements and
//! attributes such as `inkscape:export-filename`, which keep the author's file paths).
//!
//! Hand-written over a sanitiser crate: ammonia cleans HTML, not SVG, and the crates that
//! parse SVG fully (usvg) rewrite the drawing itself; this keeps the file as drawn.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};

/// Elements that run code or embed other documents.
const REFUSED: [&str; 9] = [
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "audio",
    "video",
];
/// Namespace prefixes of editor data, dropped with their elements and attributes.
const EDITOR: [&str; 2] = ["inkscape", "sodipodi"];

/// Whether `bytes` is an SVG document: text whose root element is `<svg>` (after an optional
/// BOM, XML declaration, comments and doctype). Only files starting with `<` are parsed, up to
/// their first element.
pub(crate) fn is_svg(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.trim_ascii_start().first() != Some(&b'<') {
        return false;
    }
    let mut reader = Reader::from_reader(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return e.local_name().as_ref().eq_ignore_ascii_case(b"svg");
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {}
            Ok(Event::Text(t)) if t.trim_ascii().is_empty() => {}
            _ => return false,
        }
    }
}

/// The SVG `bytes` with its metadata dropped, and whether anything was; or why it is refused.
pub(crate) fn clean(bytes: &[u8]) -> Result<(Vec<u8>, bool), String> {
    let mut reader = Reader::from_reader(bytes);
    let mut writer = Writer::new(Vec::with_capacity(bytes.len()));
    let mut dropped = false;
    // depth inside a dropped element; whether inside <style>
    let (mut skip, mut style) = (0usize, false);
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let refuse = |what: &str| refusal(bytes, at, what);
        let event = reader.read_event().map_err(|e| {
            format!(
                "not a valid SVG: {e} (line {}); re-export it",
                line(bytes, at)
            )
        })?;
        let start = matches!(event, Event::Start(_));
        let keep = match event {
            Event::Eof => break,
            Event::Start(_) | Event::Empty(_) if skip > 0 => {
                skip += usize::from(start);
                None
            }
            Event::End(_) if skip > 0 => {
                skip -= 1;
                None
            }
            _ if skip > 0 => None,
            Event::Start(ref e) | Event::Empty(ref e) if is_dropped(e) => {
                dropped = true;
                skip = usize::from(start);
                None
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let (e, less) = element(e).map_err(|what| refuse(&what))?;
                dropped |= less;
                style = start && is_named(&e, "style");
                Some(if start {
                    Event::Start(e)
                } else {
                    Event::Empty(e)
                })
            }
            Event::End(e) => {
                style = false;
                Some(Event::End(e))
            }
            Event::Text(t) if style => {
                css(&String::from_utf8_lossy(&t)).map_err(|what| refuse(&what))?;
                Some(Event::Text(t))
            }
            Event::CData(t) if style => {
                css(&String::from_utf8_lossy(&t)).map_err(|what| refuse(&what))?;
                Some(Event::CData(t))
            }
            Event::GeneralRef(_) if style => {
                return Err(refuse("a character reference inside <style>"));
            }
            Event::DocType(t) if t.contains(&b'[') => {
                return Err(refuse("a doctype declaring entities"));
            }
            Event::Comment(_) | Event::PI(_) => {
                dropped = true;
                None
            }
            other => Some(other),
        };
        if let Some(event) = keep {
            writer
                .write_event(event)
                .map_err(|e| format!("could not write this SVG: {e}"))?;
        }
    }
    Ok((writer.into_inner(), dropped))
}

fn refusal(bytes: &[u8], at: usize, what: &str) -> String {
    format!(
        "this SVG contains {what} (line {}), which could run code or reach another host when the file is opened; remove it in your editor, or export the drawing as PNG",
        line(bytes, at)
    )
}

/// The 1-based line of byte `at` (where the element starts, after leading whitespace).
fn line(bytes: &[u8], at: usize) -> usize {
    let head = &bytes[..at.min(bytes.len())];
    let skipped = bytes[head.len()..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .filter(|&&b| b == b'\n')
        .count();
    1 + head.iter().filter(|&&b| b == b'\n').count() + skipped
}

/// `<metadata>` and the elements of editors' namespaces.
fn is_dropped(e: &BytesStart<'_>) -> bool {
    let name = e.name();
    let prefix = name
        .prefix()
        .map(|p| String::from_utf8_lossy(p.as_ref()).to_lowercase());
    is_named(e, "metadata") || prefix.is_some_and(|p| EDITOR.contains(&p.as_str()))
}

fn is_named(e: &BytesStart<'_>, name: &str) -> bool {
    e.local_name()
        .as_ref()
        .eq_ignore_ascii_case(name.as_bytes())
}

/// The element `e` with editor attributes dropped (and whether any were), or what in it is
/// refused.
fn element<'a>(e: &'a BytesStart<'a>) -> Result<(BytesStart<'a>, bool), String> {
    let tag = String::from_utf8_lossy(e.local_name().as_ref()).to_lowercase();
    if REFUSED.contains(&tag.as_str()) {
        return Err(format!("a <{tag}> element"));
    }
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut out = BytesStart::new(name);
    let mut less = false;
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("an unreadable attribute ({err})"))?;
        if !attribute(&tag, &attr)? {
            less = true;
            continue;
        }
        out.push_attribute(attr);
    }
    Ok((out, less))
}

/// Whether to keep `attr` of a `tag` element; an error for what is refused.
fn attribute(tag: &str, attr: &Attribute<'_>) -> Result<bool, String> {
    let key = String::from_utf8_lossy(attr.key.as_ref()).to_lowercase();
    let (prefix, local) = key.rsplit_once(':').unwrap_or(("", &key));
    if EDITOR.contains(&prefix) || (prefix == "xmlns" && EDITOR.contains(&local)) {
        return Ok(false);
    }
    if local.starts_with("on") {
        return Err(format!("an event handler ({key}=\"…\")"));
    }
    let value: Cow<'_, str> = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|e| format!("an unreadable value of {key} ({e})"))?;
    if matches!(local, "href" | "src") && leaves(&value) {
        return Err(format!(
            "a link that leaves the file ({key}=\"{}\")",
            short(&value)
        ));
    }
    if matches!(tag, "animate" | "set") && local == "attributename" && value.contains("href") {
        return Err(format!("an <{tag}> that changes a link"));
    }
    css(&value)?;
    Ok(true)
}

/// Whether a reference leaves the file: it has a URL scheme (`javascript:`, `https:`, …)
/// other than a data image, or starts with `//`. Whitespace and control characters, which
/// browsers ignore inside a scheme, are ignored here too.
fn leaves(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    if v.starts_with("//") {
        return true;
    }
    let scheme = v
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '#', '?']));
    match scheme {
        Some("data") => !is_data_image(&v),
        Some(_) => true,
        None => false,
    }
}

fn is_data_image(v: &str) -> bool {
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
    ]
    .iter()
    .any(|p| v.starts_with(p))
}

/// Refuses CSS (a `<style>` or any attribute value) that loads or runs something: `@import`,
/// `url(…)` other than `#id` or a data image, `expression(`, `javascript:`, or a backslash
/// escape (which could spell any of them).
fn css(text: &str) -> Result<(), String> {
    let t = text.to_lowercase();
    for bad in ["@import", "expression(", "javascript:", "\\"] {
        if t.contains(bad) {
            return Err(format!("CSS with `{}`", bad.trim_end_matches('(')));
        }
    }
    for (i, _) in t.match_indices("url(") {
        let target = t[i + 4..].trim_start_matches([' ', '\t', '\n', '\r', '"', '\'']);
        if !target.starts_with('#') && !is_data_image(target) {
            return Err(format!("CSS `url({}…)`", short(target)));
        }
    }
    Ok(())
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\"?>\n<!-- drawn in Inkscape -->\n";

    #[test]
    fn knows_an_svg_by_its_root_element() {
        assert!(is_svg(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assert!(is_svg(
            format!("\u{feff}  {HEAD}<!DOCTYPE svg><svg></svg>").as_bytes()
        ));
        assert!(!is_svg(b"<!doctype html><html><svg></svg></html>"));
        assert!(!is_svg(b"a { color: red }"));
        assert!(!is_svg(b"<?xml version=\"1.0\"?><feed/>"));
    }

    #[test]
    fn drops_metadata_comments_and_editor_data() {
        let svg = format!(
            "{HEAD}<svg xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:export-filename=\"/home/olena/front.png\" width=\"10\"><metadata><rdf:RDF>Olena, Bakhmut</rdf:RDF></metadata><sodipodi:namedview id=\"n\"><inkscape:page/></sodipodi:namedview><path d=\"M0 0h10\" fill=\"url(#g)\"/></svg>"
        );
        let (out, dropped) = clean(svg.as_bytes()).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(dropped);
        assert_eq!(
            out,
            "<?xml version=\"1.0\"?>\n\n<svg width=\"10\"><path d=\"M0 0h10\" fill=\"url(#g)\"/></svg>"
        );
        let plain = "<svg><rect width=\"1\" height=\"1\"/></svg>";
        assert_eq!(
            clean(plain.as_bytes()).unwrap(),
            (plain.as_bytes().to_vec(), false)
        );
    }

    #[test]
    fn refuses_what_runs_or_reaches_out_naming_the_line() {
        for (svg, what) in [
            ("<svg>\n<script>alert(1)</script></svg>", "<script>"),
            (
                "<svg>\n<foreignObject><p/></foreignObject></svg>",
                "<foreignobject>",
            ),
            ("<svg\n onload=\"alert(1)\"/>", "event handler"),
            (
                "<svg>\n<a href=\" java\tscript:alert(1)\"/></svg>",
                "leaves the file",
            ),
            (
                "<svg>\n<a xlink:href=\"&#106;avascript:x\"/></svg>",
                "leaves the file",
            ),
            (
                "<svg>\n<image href=\"https://tracker.example/p.png\"/></svg>",
                "leaves the file",
            ),
            (
                "<svg>\n<use href=\"//evil.example/s.svg#a\"/></svg>",
                "leaves the file",
            ),
            ("<svg>\n<style>@import 'x.css';</style></svg>", "@import"),
            (
                "<svg>\n<style>a{fill:url( 'https://x/y' )}</style></svg>",
                "url(",
            ),
            (
                "<svg>\n<rect style=\"fill:u\\72l(https://x)\"/></svg>",
                "CSS",
            ),
            (
                "<svg>\n<set attributeName=\"href\" to=\"javascript:x\"/></svg>",
                "changes a link",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg>&a;</svg>",
                "entities",
            ),
        ] {
            let err = clean(svg.as_bytes()).unwrap_err();
            assert!(err.contains(what), "{svg}: {err}");
            assert!(
                err.contains("(line 2)") || err.contains("(line 1)"),
                "{svg}: {err}"
            );
        }
        let err = clean(b"<svg>\n\n<script/></svg>").unwrap_err();
        assert!(err.contains("(line 3)"), "{err}");
        // what stays: local references, fragments and data images
        let fine = "<svg><image href=\"map.png\"/><use href=\"#a\"/><image href=\"data:image/png;base64,AA\"/></svg>";
        assert!(clean(fine.as_bytes()).is_ok());
        assert!(clean(b"<svg><a href=\"data:text/html,x\"/></svg>").is_err());
    }
}
