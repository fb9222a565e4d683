//! A dispatch's body HTML as pages print it: the dateline ("BAKHMUT, 5 February 2023 —")
//! leading its first paragraph, held as a template value.
//!
//! The dateline is put in once, when the file is parsed (its city resolved against the
//! gazetteer the build starts from), and the result is made a `tera::Value` there: the dispatch
//! page and its text-only edition then print that one value, where each used to copy the whole
//! body twice (once to put the dateline in, once into a template value). A page whose
//! dateline city turns out otherwise (a name met for the first time in another spelling)
//! gets its own copy from [`BodyHtml::dated`]. Feeds show the body without the dateline:
//! [`BodyHtml::undated`] gives it as two slices, without a copy.

use tera::Value;

/// Body HTML: plain while the file is being parsed, then with its dateline.
#[derive(Debug, Clone)]
pub enum BodyHtml {
    /// As Markdown rendered it (before [`BodyHtml::set_dateline`]).
    Plain(String),
    /// With the dateline leading the first paragraph.
    Dated {
        /// The HTML (a safe string).
        content: Value,
        /// Bytes of the dateline lead, which sits right after the opening `<p>` (0: none).
        lead: usize,
        /// The dateline written (capitals), whether or not the body had a paragraph to
        /// lead (`None`: no dateline city).
        dateline: Option<String>,
    },
}

impl Default for BodyHtml {
    fn default() -> Self {
        BodyHtml::Plain(String::new())
    }
}

impl BodyHtml {
    /// The plain HTML, for changes before the dateline goes in (`None` after).
    pub fn plain_mut(&mut self) -> Option<&mut String> {
        match self {
            BodyHtml::Plain(s) => Some(s),
            BodyHtml::Dated { .. } => None,
        }
    }

    /// Puts `dateline` (capitals, e.g. `BAKHMUT`) and `date` at the start of the first
    /// paragraph, once: the plain HTML becomes the template value.
    pub fn set_dateline(&mut self, dateline: Option<String>, date: &str) {
        let html = match self {
            BodyHtml::Plain(s) => std::mem::take(s),
            BodyHtml::Dated { .. } => return,
        };
        let (content, lead) = dated(["", &html], dateline.as_deref(), date);
        *self = BodyHtml::Dated {
            content,
            lead,
            dateline,
        };
    }

    /// The dateline the HTML carries (`None` when plain or without one).
    pub fn dateline(&self) -> Option<&str> {
        match self {
            BodyHtml::Plain(_) => None,
            BodyHtml::Dated { dateline, .. } => dateline.as_deref(),
        }
    }

    /// The body as pages print it with `dateline`: the value made at parse time when the
    /// dateline is the same (a cheap clone), else a fresh one.
    pub fn dated(&self, dateline: Option<&str>, date: &str) -> Value {
        match self {
            BodyHtml::Dated {
                content,
                dateline: d,
                ..
            } if d.as_deref() == dateline => content.clone(),
            _ => dated(self.undated(), dateline, date).0,
        }
    }

    /// The HTML without the dateline, as two slices to be written one after the other.
    pub fn undated(&self) -> [&str; 2] {
        match self {
            BodyHtml::Plain(s) => ["", s],
            BodyHtml::Dated { content, lead, .. } => {
                let html = content.as_str().unwrap_or_default();
                if *lead == 0 {
                    ["", html]
                } else {
                    ["<p>", &html["<p>".len() + lead..]]
                }
            }
        }
    }

    /// Length of the HTML without the dateline.
    pub fn undated_len(&self) -> usize {
        self.undated().iter().map(|s| s.len()).sum()
    }
}

/// The HTML in `parts` with the dateline leading its first paragraph (when it opens with
/// one), as a safe template value, and the bytes of that lead.
fn dated(parts: [&str; 2], dateline: Option<&str>, date: &str) -> (Value, usize) {
    // `parts` is the HTML split after its opening `<p>` (`["<p>", rest]`) or not (`["", html]`).
    let rest = match parts {
        ["<p>", rest] => Some(rest),
        ["", html] => html.strip_prefix("<p>"),
        _ => None,
    };
    let (Some(d), Some(rest)) = (dateline, rest) else {
        return match parts {
            ["", html] => (Value::safe_string(html), 0),
            _ => (Value::safe_string(&parts.concat()), 0),
        };
    };
    let lead = format!(
        "<span class=\"dateline\">{}, {} —</span> ",
        crate::escape::html(d),
        date
    );
    let mut out = String::with_capacity("<p>".len() + lead.len() + rest.len());
    out.push_str("<p>");
    out.push_str(&lead);
    out.push_str(rest);
    (Value::safe_string(&out), lead.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;

    fn date() -> Date {
        Date::parse("2023-02-05T10:00:00+02:00", &crate::dates::Zone::utc()).expect("date")
    }

    #[test]
    fn the_dateline_leads_the_first_paragraph_and_comes_off_again() {
        let mut b = BodyHtml::Plain("<p>Shelling resumed.</p>\n<p>More.</p>\n".into());
        b.set_dateline(Some("BAKHMUT".into()), &date().human());
        let v = b.dated(Some("BAKHMUT"), &date().human());
        assert_eq!(
            v.as_str(),
            Some(
                "<p><span class=\"dateline\">BAKHMUT, 5 February 2023 —</span> Shelling resumed.</p>\n<p>More.</p>\n"
            )
        );
        assert!(v.is_safe());
        assert_eq!(
            b.undated().concat(),
            "<p>Shelling resumed.</p>\n<p>More.</p>\n"
        );
        assert_eq!(b.undated_len(), b.undated().concat().len());
        // Another dateline: a fresh value from the undated HTML.
        assert_eq!(
            b.dated(Some("KYIV"), &date().human()).as_str(),
            Some(
                "<p><span class=\"dateline\">KYIV, 5 February 2023 —</span> Shelling resumed.</p>\n<p>More.</p>\n"
            )
        );
        assert_eq!(
            b.dated(None, &date().human()).as_str(),
            Some("<p>Shelling resumed.</p>\n<p>More.</p>\n")
        );
    }

    #[test]
    fn a_body_without_a_first_paragraph_keeps_no_lead() {
        let mut b = BodyHtml::Plain("<h2>Key points</h2>\n<p>x</p>\n".into());
        b.set_dateline(Some("KYIV".into()), &date().human());
        assert_eq!(b.dateline(), Some("KYIV"));
        assert_eq!(b.undated(), ["", "<h2>Key points</h2>\n<p>x</p>\n"]);
        assert_eq!(
            b.dated(Some("KYIV"), &date().human()).as_str(),
            Some("<h2>Key points</h2>\n<p>x</p>\n")
        );
    }
}
