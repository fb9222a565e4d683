//! The `item` filter: a dispatch's `item.html`, rendered once per build and reused by every
//! list it appears on.
//!
//! A dispatch is listed on the front page, on the pages of its cities and tags, and on its
//! authors' pages, so at 10,000 dispatches `item.html` would run some 70,000 times. Instead,
//! when a template uses `{{ p | item }}`, the build renders `item.html` once per dispatch
//! with placeholders for the two values that change from list to list (`root`, and the
//! heading level `item_heading`), keeps the result in the dispatch's summary value, and the
//! filter fills the placeholders in. The output is the same as `{% include "item.html" %}`,
//! which keeps working for themes whose `item.html` needs more of the page.

use std::path::Path;

use tera::{Kwargs, State, Value};

use super::Renderer;
use crate::error::Error;

/// Stands for `root` while `item.html` is rendered once.
const ROOT: &str = "\u{1}root\u{1}";
/// Stands for `item_heading` while `item.html` is rendered once.
const HEADING: &str = "\u{1}heading\u{1}";
/// The summary key holding the rendered item (not meant for templates).
const KEY: &str = "_item";

/// Whether a template uses the filter (inside a `{{ }}` or `{% %}` tag), so the items must
/// be rendered.
pub fn used_in(source: &str) -> bool {
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let close = match rest[open + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = &rest[open + 1..];
                continue;
            }
        };
        let body = &rest[open + 2..];
        let end = body.find(close).unwrap_or(body.len());
        if body[..end].split('|').skip(1).any(|f| {
            f.trim_start()
                .strip_prefix("item")
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        }) {
            return true;
        }
        rest = &body[end..];
    }
    false
}

/// Registers `item` (`{{ p | item }}`, or `{{ p | item(heading=3) }}` under a level-2
/// heading).
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("item", filter);
}

fn filter(p: &Value, kwargs: Kwargs, state: &State) -> tera::TeraResult<Value> {
    let item = p
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str(KEY)))
        .and_then(Value::as_str)
        .ok_or_else(|| {
            tera::Error::message(
                "`item` takes a dispatch from a list (such as `paginator.items`)".to_string(),
            )
        })?;
    let heading = match kwargs.get::<i64>("heading")? {
        None | Some(2) => std::borrow::Cow::Borrowed("2"),
        Some(n) => std::borrow::Cow::Owned(n.to_string()),
    };
    let root = state.get::<Value>("root")?.unwrap_or_else(Value::undefined);
    let root = root.as_str().unwrap_or_default();
    Ok(Value::safe_string(&fill(item, root, &heading)))
}

/// The rendered item with each placeholder as one byte (1 for `root`, 2 for the heading): one
/// string per dispatch, filled with a vectorised search. Those two control characters cannot
/// appear in HTML otherwise (a stray one in a dispatch's text is dropped from its item).
fn compact(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    let mut rest = rendered;
    while let Some(i) = memchr::memchr2(1, 2, rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (marker, len) = if tail.starts_with(ROOT) {
            ("\u{1}", ROOT.len())
        } else if tail.starts_with(HEADING) {
            ("\u{2}", HEADING.len())
        } else {
            ("", 1)
        };
        out.push_str(marker);
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// A compacted item with `root` and the heading level filled in.
fn fill(item: &str, root: &str, heading: &str) -> String {
    let mut out = String::with_capacity(item.len() + 8 * root.len());
    let mut rest = item;
    while let Some(i) = memchr::memchr2(1, 2, rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push_str(if rest.as_bytes()[i] == 1 {
            root
        } else {
            heading
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// Adds the rendered `item.html` to a dispatch's summary value (`source` names the dispatch
/// in errors). The summary is returned as is when no template uses the filter.
pub fn with_item(
    r: &Renderer,
    site: &Value,
    summary: Value,
    source: &Path,
) -> Result<Value, Error> {
    if !r.renders_items() {
        return Ok(summary);
    }
    let mut ctx = tera::Context::new();
    ctx.insert_value("site", site.clone());
    ctx.insert("root", ROOT);
    ctx.insert("item_heading", HEADING);
    ctx.insert_value("p", summary.clone());
    let html = r.render("item.html", &ctx, Some(source)).map_err(|mut e| {
        if let Error::Template { msg, .. } = &mut e {
            msg.push_str(
                "\n  note: for the `item` filter, item.html is rendered once per dispatch and \
                 sees only `p`, `site`, `assets`, `root` and `item_heading`; a list that needs \
                 more can use {% include \"item.html\" %}",
            );
        }
        e
    })?;
    drop(ctx); // the summary's map is then held once, and is taken rather than copied
    let html = String::from_utf8(html)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let mut map = summary.into_map().unwrap_or_default();
    map.insert(tera::value::Key::Str(KEY), Value::from(compact(&html)));
    Ok(Value::from(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_filter() {
        assert!(used_in("{% for p in xs %}{{ p | item }}{% endfor %}"));
        assert!(used_in("{{ p|item(heading=3) }}"));
        assert!(!used_in("{{ p | items }}"));
        assert!(!used_in("{% include \"item.html\" %} {{ a | safe }}"));
        assert!(!used_in("<p>a | item</p> {# x #}"));
    }

    #[test]
    fn fills_placeholders() {
        let r = format!("<h{HEADING}><a href=\"{ROOT}a/\">x\u{1}y\u{2}</a></h{HEADING}>{ROOT}");
        let item = compact(&r);
        assert_eq!(
            item.len(),
            r.len() - 2 * (ROOT.len() - 1) - 2 * (HEADING.len() - 1) - 2
        );
        assert_eq!(
            fill(&item, "../../", "3"),
            "<h3><a href=\"../../a/\">xy</a></h3>../../"
        );
        assert_eq!(fill(&compact("plain"), "../", "2"), "plain");
    }
}
