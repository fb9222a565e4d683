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
//!
//! `serve` keeps its bodies deflated ([`BodyHtml::pack`]): it holds the last good build for
//! as long as it runs, and renders a page only when a browser asks for it, so a body is
//! inflated (some 20 µs) for each page that prints it instead of being held whole (54 of the
//! 280 MiB it held at 10,000 dispatches; BENCHMARKS.md). A build prints each body once or
//! twice and drops it: it keeps them as they are.

use std::borrow::Cow;

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
    /// `Dated`, its HTML deflated (see [`BodyHtml::pack`]).
    Packed {
        /// The HTML, deflated.
        deflated: Box<[u8]>,
        /// Its length inflated.
        len: usize,
        /// As in `Dated`.
        lead: usize,
        /// As in `Dated`.
        dateline: Option<String>,
    },
}

impl Default for BodyHtml {
    fn default() -> Self {
        BodyHtml::Plain(String::new())
    }
}

/// The body without its dateline (see [`BodyHtml::undated`]): borrowed, or inflated.
#[derive(Debug)]
pub struct Undated<'a> {
    html: Cow<'a, str>,
    lead: usize,
}

impl Undated<'_> {
    /// The HTML as two slices to be written one after the other (split after the opening
    /// `<p>` when a dateline led it).
    pub fn parts(&self) -> [&str; 2] {
        if self.lead == 0 {
            ["", &self.html]
        } else {
            ["<p>", &self.html["<p>".len() + self.lead..]]
        }
    }

    /// The HTML in one string.
    pub fn concat(&self) -> String {
        self.parts().concat()
    }
}

impl BodyHtml {
    /// The plain HTML, for changes before the dateline goes in (`None` after).
    pub fn plain_mut(&mut self) -> Option<&mut String> {
        match self {
            BodyHtml::Plain(s) => Some(s),
            BodyHtml::Dated { .. } | BodyHtml::Packed { .. } => None,
        }
    }

    /// Puts `dateline` (capitals, e.g. `BAKHMUT`) and `date` at the start of the first
    /// paragraph, once: the plain HTML becomes the template value.
    pub fn set_dateline(&mut self, dateline: Option<String>, date: &str) {
        let html = match self {
            BodyHtml::Plain(s) => std::mem::take(s),
            BodyHtml::Dated { .. } | BodyHtml::Packed { .. } => return,
        };
        let (content, lead) = dated(["", &html], dateline.as_deref(), date);
        *self = BodyHtml::Dated {
            content,
            lead,
            dateline,
        };
    }

    /// Deflates the dated HTML when that saves space (plain HTML stays as it is).
    pub fn pack(&mut self) {
        let BodyHtml::Dated {
            content,
            lead,
            dateline,
        } = self
        else {
            return;
        };
        let html = content.as_str().unwrap_or_default();
        let deflated = crate::deflate::pack(html.as_bytes());
        if crate::deflate::worth_it(deflated.len(), html.len()) {
            *self = BodyHtml::Packed {
                deflated: deflated.into_boxed_slice(),
                len: html.len(),
                lead: *lead,
                dateline: dateline.take(),
            };
        }
    }

    /// Whether the HTML is deflated.
    pub fn is_packed(&self) -> bool {
        matches!(self, BodyHtml::Packed { .. })
    }

    /// The dateline the HTML carries (`None` when plain or without one).
    pub fn dateline(&self) -> Option<&str> {
        match self {
            BodyHtml::Plain(_) => None,
            BodyHtml::Dated { dateline, .. } | BodyHtml::Packed { dateline, .. } => {
                dateline.as_deref()
            }
        }
    }

    /// The body as pages print it with `dateline`: the value made at parse time when the
    /// dateline is the same (a cheap clone, or the HTML inflated), else a fresh one.
    pub fn dated(&self, dateline: Option<&str>, date: &str) -> Value {
        match self {
            BodyHtml::Dated {
                content,
                dateline: d,
                ..
            } if d.as_deref() == dateline => content.clone(),
            BodyHtml::Packed { dateline: d, .. } if d.as_deref() == dateline => {
                Value::safe_string(&self.whole())
            }
            _ => dated(self.undated().parts(), dateline, date).0,
        }
    }

    /// The HTML without the dateline.
    pub fn undated(&self) -> Undated<'_> {
        let (html, lead) = match self {
            BodyHtml::Plain(s) => (Cow::Borrowed(s.as_str()), 0),
            BodyHtml::Dated { content, lead, .. } => {
                (Cow::Borrowed(content.as_str().unwrap_or_default()), *lead)
            }
            BodyHtml::Packed { lead, .. } => (self.whole(), *lead),
        };
        Undated { html, lead }
    }

    /// The HTML as held (with the dateline), inflated if need be.
    fn whole(&self) -> Cow<'_, str> {
        match self {
            BodyHtml::Plain(s) => Cow::Borrowed(s),
            BodyHtml::Dated { content, .. } => Cow::Borrowed(content.as_str().unwrap_or_default()),
            BodyHtml::Packed { deflated, len, .. } => {
                let bytes = crate::deflate::unpack(deflated, *len);
                Cow::Owned(String::from_utf8(bytes).expect("packed from a string"))
            }
        }
    }

    /// The same body with `f` applied to its HTML (the dateline, if any, kept; `date` as
    /// [`BodyHtml::set_dateline`] takes it; packed if this one is).
    pub fn map(&self, date: &str, f: impl Fn(&str) -> String) -> BodyHtml {
        let html = f(&self.undated().concat());
        let mut out = BodyHtml::Plain(html);
        if let BodyHtml::Dated { dateline, .. } | BodyHtml::Packed { dateline, .. } = self {
            out.set_dateline(dateline.clone(), date);
        }
        if self.is_packed() {
            out.pack();
        }
        out
    }

    /// Length of the HTML without the dateline.
    pub fn undated_len(&self) -> usize {
        match self {
            BodyHtml::Plain(s) => s.len(),
            BodyHtml::Dated { content, lead, .. } => content.as_str().map_or(0, str::len) - lead,
            BodyHtml::Packed { len, lead, .. } => len - lead,
        }
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
        // Packed (as `serve` keeps it), it prints the same.
        let mut packed = b.clone();
        packed.pack();
        assert!(!packed.is_packed(), "too short to be worth deflating");
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
        assert_eq!(b.undated().parts(), ["", "<h2>Key points</h2>\n<p>x</p>\n"]);
        assert_eq!(
            b.dated(Some("KYIV"), &date().human()).as_str(),
            Some("<h2>Key points</h2>\n<p>x</p>\n")
        );
    }

    #[test]
    fn a_packed_body_prints_as_the_dated_one_does() {
        let html = "<p>Shelling resumed near the station.</p>\n".repeat(40);
        let mut b = BodyHtml::Plain(html.clone());
        b.set_dateline(Some("BAKHMUT".into()), &date().human());
        let mut packed = b.clone();
        packed.pack();
        assert!(packed.is_packed());
        let BodyHtml::Packed { deflated, .. } = &packed else {
            unreachable!()
        };
        assert!(deflated.len() * 4 < html.len(), "{}", deflated.len());
        assert_eq!(packed.dateline(), Some("BAKHMUT"));
        for dateline in [Some("BAKHMUT"), Some("KYIV"), None] {
            let (a, b) = (
                b.dated(dateline, &date().human()),
                packed.dated(dateline, &date().human()),
            );
            assert_eq!(a.as_str(), b.as_str());
            assert!(b.is_safe());
        }
        assert_eq!(packed.undated().parts(), b.undated().parts());
        assert_eq!(packed.undated().concat(), html);
        assert_eq!(packed.undated_len(), b.undated_len());
        // Changing a packed body keeps it packed, with its dateline.
        let upper = packed.map(&date().human(), |h| h.replace("station", "STATION"));
        assert!(upper.is_packed());
        assert_eq!(upper.dateline(), Some("BAKHMUT"));
        assert!(upper.undated().concat().contains("STATION"));
        // A plain body is left as it is.
        let mut plain = BodyHtml::Plain(html.clone());
        plain.pack();
        assert!(!plain.is_packed());
    }
}
