//! Turning TOML/serde errors into user-facing messages with file, line and a suggestion.
//!
//! Shared by `config.toml`, `cities.toml` and front matter, so "unknown key `citys`, did you
//! mean `cities`?" reads the same everywhere.

use std::path::Path;

use crate::error::Location;

/// Parses `text` (which starts `line_offset` lines into the file) as `T`, or describes why not.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, (Location, String)> {
    toml::from_str::<T>(text).map_err(|e| {
        let loc = match e.span() {
            Some(span) => Location::from_offset(path, text, span.start, line_offset),
            None => Location::at(path, line_offset + 1, 1),
        };
        (loc, explain(e.message()))
    })
}

/// Rewrites serde's wording into advice a reporter can act on.
pub fn explain(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut out = format!("unknown key `{field}`");
        if let Some(best) = suggest(field, &known) {
            out.push_str(&format!("; did you mean `{best}`?"));
        }
        if !known.is_empty() {
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

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(&word.to_lowercase(), &k.to_lowercase()),
                *k,
            )
        })
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_key() {
        let msg = explain("unknown field `citys`, expected one of `title`, `cities`, `tags`");
        assert!(
            msg.starts_with("unknown key `citys`; did you mean `cities`?"),
            "{msg}"
        );
        assert_eq!(suggest("zzzzzz", &["title"]), None);
    }
}
