//! The `permalink` setting: where a dispatch's page goes, as a checked pattern.

/// A dispatch URL pattern with `{year}`, `{month}`, `{day}` and `{slug}` placeholders.
#[derive(Debug, Clone)]
pub struct Permalink(String);

impl Permalink {
    const PLACEHOLDERS: [&'static str; 4] = ["{year}", "{month}", "{day}", "{slug}"];

    pub(super) fn parse(s: &str) -> std::result::Result<Self, String> {
        let mut rest = s.to_string();
        for p in Self::PLACEHOLDERS {
            rest = rest.replace(p, "");
        }
        if let Some(i) = rest.find('{') {
            let bad: String = rest[i..].chars().take_while(|c| *c != '}').collect();
            return Err(format!(
                "unknown placeholder `{bad}}}` in permalink; use {{year}}, {{month}}, {{day}} and {{slug}}"
            ));
        }
        if let Some(bad) = s
            .chars()
            .find(|c| c.is_whitespace() || matches!(c, '?' | '#' | '%' | '\\'))
        {
            return Err(format!(
                "permalink must not contain `{bad}`; use letters, digits, `-`, `_` and `/` around the placeholders"
            ));
        }
        if !s.contains("{slug}") {
            return Err("permalink must contain {slug} so every dispatch gets its own URL".into());
        }
        Ok(Permalink(s.to_string()))
    }

    /// Expands the pattern (in one pass: the same as replacing each placeholder in turn, as
    /// no value can form another placeholder).
    pub fn expand(&self, year: i16, month: i8, day: i8, slug: &str) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(self.0.len() + slug.len());
        let mut rest = self.0.as_str();
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let len = if rest.starts_with("{year}") {
                let _ = write!(out, "{year:04}");
                "{year}".len()
            } else if rest.starts_with("{month}") {
                let _ = write!(out, "{month:02}");
                "{month}".len()
            } else if rest.starts_with("{day}") {
                let _ = write!(out, "{day:02}");
                "{day}".len()
            } else if rest.starts_with("{slug}") {
                out.push_str(slug);
                "{slug}".len()
            } else {
                out.push('{');
                1
            };
            rest = &rest[len..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalink_rejects_unknown_placeholder() {
        assert!(
            Permalink::parse("/{yaer}/{slug}/")
                .unwrap_err()
                .contains("{yaer}")
        );
        assert!(Permalink::parse("/{year}/").is_err());
        let p = Permalink::parse("/{year}/{month}/{slug}/").unwrap();
        assert_eq!(p.expand(2023, 2, 5, "x"), "/2023/02/x/");
        // One pass gives what replacing each placeholder in turn gives.
        for pattern in [
            "/{{year}}/{slug}",
            "/{ye{month}ar}/{day}-{slug}/",
            "{slug}{",
            "/a/{slug}/{x}/",
        ] {
            let turn = pattern
                .replace("{year}", "0999")
                .replace("{month}", "11")
                .replace("{day}", "07")
                .replace("{slug}", "kyiv");
            let p = Permalink(pattern.to_string());
            assert_eq!(p.expand(999, 11, 7, "kyiv"), turn, "{pattern}");
        }
    }
}
