//! Turning TOML/serde errors into user-facing messages with file, line and a suggestion.
//!
//! Shared by `config.toml`, `cities.toml` and front matter, so "unknown key `citys`, did you
//! mean `cities`?" reads the same everywhere. Locations come from the TOML parser's spans
//! (never from searching the text for a key name): [`parse_all`] also returns the line of
//! every key and string value ([`KeyLines`]) so later checks can point at them, and reports
//! every unknown key of a document at once.

use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::Location;

/// Parses `text` (which starts `line_offset` lines into the file) as `T`, or describes the
/// first problem.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, (Location, String)> {
    parse_all(text, path, line_offset)
        .map(|(v, _)| v)
        .map_err(|mut all| all.swap_remove(0))
}

/// Most unknown keys reported for one document (each costs one more parse).
const MAX_UNKNOWN: usize = 50;

/// Parses `text` (which starts `line_offset` lines into the file) as `T`, with the lines of
/// its keys and values; or every unknown key (each with a suggestion) and then the first
/// other problem, in file order. Never empty on error.
pub(crate) fn parse_all<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<(T, KeyLines), Vec<(Location, String)>> {
    let at = |offset: usize| Location::from_offset(path, text, offset, line_offset);
    let table = DeTable::parse(text).map_err(|e| {
        let loc = e
            .span()
            .map_or(Location::at(path, line_offset + 1, 1), |s| at(s.start));
        vec![(loc, syntax_hint(e.message(), text, e.span()))]
    })?;
    let lines = KeyLines::new(&table, text, line_offset);
    let first = match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(v) => return Ok((v, lines)),
        Err(e) => e,
    };
    // Serde stops at the first unknown key: take each one out and try again, so a file with
    // three typos gets three messages in one run.
    let mut problems = Vec::new();
    let mut err = first;
    let mut table = DeTable::parse(text).map_err(|_| Vec::new())?;
    // The keys the top level accepts, once an unknown key there has named them.
    let mut known_top: Option<Vec<String>> = None;
    loop {
        let loc = err
            .span()
            .map_or(Location::at(path, line_offset + 1, 1), |s| at(s.start));
        let unknown = err.message().trim().starts_with("unknown field `");
        let top = err
            .span()
            .is_some_and(|s| table.get_ref().keys().any(|k| k.span() == s));
        if unknown && top {
            known_top = Some(
                known_keys(err.message())
                    .iter()
                    .map(|k| k.to_string())
                    .collect(),
            );
        }
        problems.push((loc, explain(err.message())));
        let removed = unknown
            && problems.len() < MAX_UNKNOWN
            && err
                .span()
                .is_some_and(|s| remove_key(table.get_mut(), s.start));
        if !removed {
            break;
        }
        match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(_) => break,
            Err(e) => err = e,
        }
    }
    // Another problem stopped the retries: the top level's remaining unknown keys are still
    // worth saying now rather than one build later.
    if let Some(known) = known_top {
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        for k in table
            .get_ref()
            .keys()
            .filter(|k| !known.contains(&k.get_ref().as_ref()))
        {
            let msg = format!(
                "unknown field `{}`, expected one of {}",
                k.get_ref(),
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            problems.push((at(k.span().start), explain(&msg)));
        }
    }
    problems.sort_by_key(|p| (p.0.line, p.0.col));
    Err(problems)
}

/// Removes the key that starts at byte `at`, at any depth; whether one did.
fn remove_key(table: &mut DeTable<'_>, at: usize) -> bool {
    let key = table.keys().find(|k| k.span().start == at).cloned();
    if let Some(key) = key {
        return table.remove(&key).is_some();
    }
    table.iter_mut().any(|(_, v)| remove_in(v.get_mut(), at))
}

fn remove_in(value: &mut DeValue<'_>, at: usize) -> bool {
    match value {
        DeValue::Table(t) => remove_key(t, at),
        DeValue::Array(items) => items.iter_mut().any(|v| remove_in(v.get_mut(), at)),
        _ => false,
    }
}

/// The line of each key and string value of a TOML document, from the parser's spans.
///
/// Every dispatch keeps one for as long as its site is loaded (`serve` keeps them between
/// rebuilds), so the keys and values share one string instead of two small allocations for
/// each (6.4 → 1.5 MiB at 10,000 dispatches; `examples/heap_parts.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    /// Every entry's dotted key, then its string value, one after another.
    text: String,
    /// In order.
    entries: Vec<Entry>,
}

/// A key (`value: None`) or a string value under it, as ranges of `KeyLines::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: std::ops::Range<u32>,
    value: Option<std::ops::Range<u32>>,
    /// 1-based file line.
    line: u32,
}

impl KeyLines {
    fn new(table: &Spanned<DeTable<'_>>, text: &str, line_offset: usize) -> KeyLines {
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let line = |offset: usize| newlines.partition_point(|n| *n < offset) + 1 + line_offset;
        let mut out = KeyLines::default();
        out.table(table.get_ref(), "", &line);
        out.text.shrink_to_fit();
        out.entries.shrink_to_fit();
        out
    }

    fn push(&mut self, key: &str, value: Option<&str>, line: usize) {
        // Front matter is far below 4 GiB (`content::limits`).
        let at = |s: &String| u32::try_from(s.len()).unwrap_or(u32::MAX);
        let start = at(&self.text);
        self.text.push_str(key);
        let key = start..at(&self.text);
        let value = value.map(|v| {
            self.text.push_str(v);
            key.end..at(&self.text)
        });
        self.entries.push(Entry {
            key,
            value,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        });
    }

    fn table(&mut self, t: &DeTable<'_>, prefix: &str, line: &dyn Fn(usize) -> usize) {
        for (k, v) in t.iter() {
            let key = if prefix.is_empty() {
                k.get_ref().to_string()
            } else {
                format!("{prefix}.{}", k.get_ref())
            };
            self.push(&key, None, line(k.span().start));
            self.walk(v, &key, line);
        }
    }

    fn walk(&mut self, v: &Spanned<DeValue<'_>>, key: &str, line: &dyn Fn(usize) -> usize) {
        match v.get_ref() {
            DeValue::String(s) => self.push(key, Some(s), line(v.span().start)),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.walk(item, key, line);
                }
            }
            DeValue::Table(t) => self.table(t, key, line),
            _ => {}
        }
    }

    fn str(&self, r: &std::ops::Range<u32>) -> &str {
        &self.text[r.start as usize..r.end as usize]
    }

    /// The line that sets `key` (dotted for nested keys: `corrections.date`); 1 (the
    /// opening line) when none does.
    pub fn key(&self, key: &str) -> usize {
        (self.entries.iter())
            .find(|e| e.value.is_none() && self.str(&e.key) == key)
            .map_or(1, |e| e.line as usize)
    }

    /// The line of the string `value` under `key` (an element of `cities = [...]`, a
    /// source's `url`), else the line of `key`.
    pub fn value(&self, key: &str, value: &str) -> usize {
        (self.entries.iter())
            .find(|e| {
                e.value.as_ref().is_some_and(|v| self.str(v) == value) && self.str(&e.key) == key
            })
            .map_or_else(|| self.key(key), |e| e.line as usize)
    }
}

/// A TOML syntax error with the advice a reporter needs: most are quotes.
fn syntax_hint(msg: &str, text: &str, span: Option<std::ops::Range<usize>>) -> String {
    let msg = msg.trim();
    let start = span.map_or(0, |s| s.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let value = line.split_once('=').map_or("", |(_, v)| v.trim());
    let hint = if msg.starts_with("invalid basic string")
        || msg.starts_with("invalid literal string")
    {
        "a quote is not closed: end the value with a quote on the same line (for text over several lines, use `\"\"\"…\"\"\"`)"
    } else if value.starts_with('"') && value.matches('"').count() > 2 {
        "the value has quotation marks inside it: write it in single quotes ('He said \"hold\"') or escape each inner quote as \\\""
    } else if value.starts_with('\'') && value.matches('\'').count() > 2 {
        "the value has an apostrophe inside it: write it in double quotes (\"Mar'inka\")"
    } else {
        return msg.to_string();
    };
    format!("{msg}; {hint}")
}

/// Rewrites serde's wording into advice a reporter can act on.
pub(crate) fn explain(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, _) = rest.split_once('`').unwrap_or((rest, ""));
        let known = known_keys(msg);
        let mut out = format!("unknown key `{field}`");
        if let Some(best) = crate::suggest::closest(field, known.iter().copied()) {
            out.push_str(&format!("; did you mean `{best}`?"));
        } else if !known.is_empty() {
            out.push_str(&format!(" (known keys: {})", known.join(", ")));
        }
        return out;
    }
    if msg.contains("expected a TOML datetime")
        || msg.contains("invalid type: string") && msg.contains("datetime")
    {
        return format!(
            "{msg}; write dates without quotes, like 2023-02-05 or 2023-02-05T09:30:00+02:00"
        );
    }
    if let Some(field) = msg.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        return format!("missing required key `{field}`; add `{field} = …` to the front matter");
    }
    msg.to_string()
}

/// The keys serde lists in an "unknown field `x`, expected one of `a`, `b`" message.
fn known_keys(msg: &str) -> Vec<&str> {
    let rest = msg.trim().strip_prefix("unknown field `").unwrap_or("");
    let expected = rest.split_once('`').map_or("", |(_, e)| e);
    expected.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_find_keys_and_string_values() {
        let text = "title = \"Night\"\ncities = [\n  \"Kyiv\",\n  \"Bakhmut\",\n]\n\n[[sources]]\nurl = \"https://a.example/\"\n";
        let (_, lines) = parse_all::<toml::Table>(text, Path::new("a.md"), 1).unwrap();
        assert_eq!(lines.key("title"), 2);
        assert_eq!(lines.key("cities"), 3);
        assert_eq!(lines.value("cities", "Kyiv"), 4);
        assert_eq!(lines.value("cities", "Bakhmut"), 5);
        // An unknown value falls back to its key's line, an unknown key to the opening line.
        assert_eq!(lines.value("cities", "Lviv"), 3);
        assert_eq!(lines.value("title", "Kyiv"), 2);
        assert_eq!(lines.key("tags"), 1);
        assert_eq!(lines.value("sources.url", "https://a.example/"), 9);
        assert_eq!(lines.key("sources.url"), 9);
        // A value is not a key, nor a key a value.
        assert_eq!(lines.key("Kyiv"), 1);
        assert_eq!(lines.value("title", "title"), 2);
    }

    #[test]
    fn suggests_nearest_key() {
        let msg = explain("unknown field `citys`, expected one of `title`, `cities`, `tags`");
        assert!(
            msg.starts_with("unknown key `citys`; did you mean `cities`?"),
            "{msg}"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        date: Option<toml::value::Datetime>,
        dateline: Option<String>,
        #[serde(default)]
        cities: Vec<String>,
        #[serde(default)]
        authors: Vec<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        corrections: Vec<Note>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Note {
        note: String,
    }

    fn problems(text: &str) -> Vec<String> {
        match parse_all::<Fm>(text, Path::new("a.md"), 1) {
            Ok(_) => Vec::new(),
            Err(all) => all.iter().map(|(l, m)| format!("{l}: {m}")).collect(),
        }
    }

    /// Every unknown key of a document is reported in one run, in file order, each at its
    /// own line (nested ones too), each with its suggestion.
    #[test]
    fn every_unknown_key_at_once() {
        let all = problems(
            "title = \"x\"\ncitys = [\"Kyiv\"]\nautor = \"me\"\ntgas = []\n[[corrections]]\nnoet = \"x\"\n",
        );
        assert_eq!(all.len(), 5, "{all:#?}");
        assert!(all[0].starts_with("a.md:3:1: unknown key `citys`; did you mean `cities`?"));
        assert!(all[1].starts_with("a.md:4:1: unknown key `autor`; did you mean `authors`?"));
        assert!(all[2].starts_with("a.md:5:1: unknown key `tgas`; did you mean `tags`?"));
        assert!(all[3].starts_with("a.md:6:1: missing required key `note`"));
        assert!(all[4].starts_with("a.md:7:1: unknown key `noet`; did you mean `note`?"));
    }

    #[test]
    fn quotes_get_advice() {
        let all = problems("title = \"He said \"hold\"\"\n");
        assert!(all[0].starts_with("a.md:2:"), "{all:?}");
        assert!(all[0].contains("single quotes"), "{all:?}");
        let all = problems("title = \"unclosed\ndate = 2023-01-01\n");
        assert!(all[0].starts_with("a.md:2:"), "{all:?}");
        assert!(all[0].contains("a quote is not closed"), "{all:?}");
        let all = problems("title = Bakhmut\n");
        assert!(all[0].contains("string values must be quoted"), "{all:?}");
    }

    /// Lines come from the parser: a `dateline` key is never taken for `date`, and a value
    /// is found on its own line.
    #[test]
    fn key_lines_come_from_spans() {
        let text = "title = \"date = x\"\ndateline = \"Kyiv\"\ncities = [\n  \"Kyiv\",\n  \"Lviv\",\n]\ndate = 2023-01-01\n";
        let (_, lines) = parse_all::<Fm>(text, Path::new("a.md"), 1).unwrap();
        assert_eq!(lines.key("date"), 8);
        assert_eq!(lines.key("dateline"), 3);
        assert_eq!(lines.value("cities", "Lviv"), 6);
        assert_eq!(lines.value("cities", "Odesa"), 4);
        assert_eq!(lines.key("updated"), 1);
    }
}
