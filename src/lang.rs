//! Languages: the editions of a site, which content file belongs to which, and how each
//! edition writes dates, plurals and quotation marks.
//!
//! The default language lives at the site root; every other under `/<code>/`. A dispatch's
//! translation is the file beside it with the language code before the extension
//! (`bakhmut.uk.md`, `index.uk.md` in a bundle): the convention Zola users know. Dates and
//! plural rules come from CLDR through ICU4X (`icu_datetime`, `icu_plurals`, compiled data).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One language edition as configured.
#[derive(Debug, Clone)]
pub struct Language {
    /// BCP 47 code (`en`, `uk`), as in `<html lang>` and the `/uk/` URL prefix.
    pub code: String,
    /// The language's name in itself, for the language switch (`English`, `Українська`).
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// Footer copyright line in this language.
    pub copyright: String,
    /// CLDR locale for dates and plurals (`en-GB` by default for `en`, else the code).
    pub locale: String,
    /// Display names of tags by slug (`frontline = "фронт"`).
    pub tags: BTreeMap<String, String>,
    /// Output folder prefix: empty for the default language, `uk/` for the others.
    pub prefix: String,
}

impl Language {
    /// Whether this is the default language (at the site root).
    pub fn is_default(&self) -> bool {
        self.prefix.is_empty()
    }
}

/// The name of a language in itself, for the few the default theme knows; others show their
/// code until `name` is set in `[languages.<code>]`.
pub(crate) fn autonym(code: &str) -> String {
    match code.split('-').next().unwrap_or(code) {
        "en" => "English",
        "uk" => "Українська",
        "ru" => "Русский",
        "pl" => "Polski",
        "de" => "Deutsch",
        "fr" => "Français",
        "crh" => "Qırımtatarca",
        _ => return code.to_string(),
    }
    .to_string()
}

/// Whether `s` looks like a language code (`uk`, `en`, `crh`, `pt-BR`): what may stand
/// between a dispatch's name and `.md`.
pub(crate) fn is_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language code in a content file's name (`x.uk.md` → `uk`), if any.
pub(crate) fn file_lang(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (_, code) = stem.rsplit_once('.')?;
    is_code(code).then_some(code)
}

/// The file name without its language code: `x.uk.md` → `x.md`, `index.uk.md` → `index.md`.
/// Translations of one dispatch share this key.
pub(crate) fn translation_key(path: &Path) -> PathBuf {
    match file_lang(path) {
        Some(code) => {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let base = &name[..name.len() - ".md".len() - code.len() - 1];
            path.with_file_name(format!("{base}.md"))
        }
        None => path.to_path_buf(),
    }
}

/// The languages of a site: the default first.
#[derive(Debug, Clone)]
pub struct Languages(pub Arc<Vec<Language>>);

impl Languages {
    /// The index of the edition a content file belongs to; `None` for a language that is not
    /// configured.
    pub fn edition_of(&self, path: &Path) -> Option<usize> {
        match file_lang(path) {
            None => Some(0),
            Some(code) => self.0.iter().position(|l| l.code == code),
        }
    }

    /// Whether the site has more than one language.
    pub fn multilingual(&self) -> bool {
        self.0.len() > 1
    }
}

/// How one edition writes dates and counts (CLDR data through ICU4X), and its quotation marks.
pub struct Locale {
    code: String,
    day: icu_datetime::DateTimeFormatter<icu_datetime::fieldsets::YMD>,
    month: icu_datetime::DateTimeFormatter<icu_datetime::fieldsets::M>,
    plurals: icu_plurals::PluralRules,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("code", &self.code).finish()
    }
}

/// CLDR's plural category of a number, as translation tables name them.
pub(crate) fn category_name(c: icu_plurals::PluralCategory) -> &'static str {
    use icu_plurals::PluralCategory as C;
    match c {
        C::Zero => "zero",
        C::One => "one",
        C::Two => "two",
        C::Few => "few",
        C::Many => "many",
        C::Other => "other",
    }
}

impl Locale {
    /// The formatters of a CLDR locale (`en-GB`, `uk`); an error names what is wrong.
    pub fn new(locale: &str) -> Result<Locale, String> {
        let loc: icu_locale_core::Locale = locale.parse().map_err(|_| {
            format!("`{locale}` is not a locale; write one such as `uk` or `en-GB`")
        })?;
        let prefs: icu_datetime::DateTimeFormatterPreferences = (&loc).into();
        let day =
            icu_datetime::DateTimeFormatter::try_new(prefs, icu_datetime::fieldsets::YMD::long())
                .map_err(|e| format!("no date format for `{locale}`: {e}"))?;
        let month =
            icu_datetime::DateTimeFormatter::try_new(prefs, icu_datetime::fieldsets::M::long())
                .map_err(|e| format!("no month format for `{locale}`: {e}"))?;
        let plurals = icu_plurals::PluralRules::try_new_cardinal((&loc).into())
            .map_err(|e| format!("no plural rules for `{locale}`: {e}"))?;
        Ok(Locale {
            code: locale.to_string(),
            day,
            month,
            plurals,
        })
    }

    fn iso(y: i16, m: i8, d: i8) -> Option<icu_calendar::Date<icu_calendar::Iso>> {
        icu_calendar::Date::try_new_iso(i32::from(y), m as u8, d as u8).ok()
    }

    /// `5 February 2023` (en-GB), `5 лютого 2023 р.` (uk): CLDR's long date.
    pub fn date(&self, y: i16, m: i8, d: i8) -> String {
        match Self::iso(y, m, d) {
            Some(date) => self.day.format(&date).to_string(),
            None => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    /// `February 2023`, `Лютий 2023`: a heading for a month (archive pages, month groups of
    /// lists): CLDR's standalone (nominative) long month name, capitalised, and the year.
    pub fn month(&self, y: i16, m: i8) -> String {
        match Self::iso(y, m, 1) {
            Some(date) => {
                let name = self.month.format(&date).to_string();
                let mut chars = name.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
                format!("{}{} {y}", first.unwrap_or_default(), chars.as_str())
            }
            None => format!("{y:04}-{m:02}"),
        }
    }

    /// The plural category of `n` (`one`, `few`, `many`, `other`…).
    pub fn plural(&self, n: u64) -> &'static str {
        category_name(self.plurals.category_for(n))
    }

    /// Whether the language quotes with «guillemets» (Ukrainian, Russian) rather than
    /// “English quotes”.
    pub fn guillemets(&self) -> bool {
        matches!(
            self.code.split('-').next(),
            Some("uk" | "ru" | "be" | "crh")
        )
    }
}

/// Ukrainian typography for text pulldown-cmark's smart punctuation made: its curly double
/// quotes become «…» outside and „…“ inside, and an apostrophe between two Cyrillic letters
/// (`м’ясо`, `В’ячеслав`) becomes U+02BC MODIFIER LETTER APOSTROPHE, the character Unicode
/// and the Ukrainian standard (ДСТУ 4534 keyboard layout) give the Ukrainian apostrophe: it is
/// a letter, so a word such as `сім'я` stays one word for search, line breaking and
/// double-click selection. `depth` carries the nesting of quotes from one text run to the
/// next within a block.
pub(crate) fn ukrainian_quotes(text: &str, depth: &mut u8) -> String {
    // Every page of a Ukrainian edition passes through here (body, summary, text): the text
    // is copied in runs between the few characters that change, found with `memchr` on the
    // first byte of their UTF-8 form ('\'' or 0xE2), instead of pushed char by char, which
    // took 4 % of a two-language 10,000-dispatch build (BENCHMARKS.md, "Two languages").
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 4);
    let (mut copied, mut from) = (0, 0);
    while let Some(off) = memchr::memchr2(b'\'', 0xE2, &b[from..]) {
        let i = from + off;
        let (c, len) = match b.get(i..i + 3) {
            _ if b[i] == b'\'' => ('\'', 1),
            Some([0xE2, 0x80, 0x9C]) => ('\u{201C}', 3),
            Some([0xE2, 0x80, 0x9D]) => ('\u{201D}', 3),
            Some([0xE2, 0x80, 0x99]) => ('\u{2019}', 3),
            _ => {
                from = i + 1;
                continue;
            }
        };
        let to = match c {
            '\u{201C}' => {
                let q = if *depth == 0 { '«' } else { '„' };
                *depth = depth.saturating_add(1);
                Some(q)
            }
            '\u{201D}' => {
                *depth = depth.saturating_sub(1);
                Some(if *depth == 0 { '»' } else { '\u{201C}' })
            }
            _ => {
                let prev = text[..i].chars().next_back();
                let next = text[i + len..].chars().next();
                (prev.is_some_and(is_cyrillic) && next.is_some_and(is_cyrillic))
                    .then_some('\u{02BC}')
            }
        };
        if let Some(q) = to {
            out.push_str(&text[copied..i]);
            out.push(q);
            copied = i + len;
        }
        from = i + len;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether a language (by its code) is written in Cyrillic.
pub(crate) fn writes_cyrillic(code: &str) -> bool {
    matches!(
        code.split('-').next(),
        Some("uk" | "ru" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn")
    )
}

/// Whether `c` is a Cyrillic letter.
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_languages() {
        assert_eq!(file_lang(Path::new("content/2023/x.uk.md")), Some("uk"));
        assert_eq!(
            file_lang(Path::new("content/2023/x/index.uk.md")),
            Some("uk")
        );
        assert_eq!(file_lang(Path::new("content/2023/x.md")), None);
        assert_eq!(file_lang(Path::new("content/2023/report.final.md")), None);
        assert_eq!(file_lang(Path::new("content/x.pt-BR.md")), Some("pt-BR"));
        assert_eq!(
            translation_key(Path::new("content/2023/x/index.uk.md")),
            Path::new("content/2023/x/index.md")
        );
        assert_eq!(
            translation_key(Path::new("content/2023/x.md")),
            Path::new("content/2023/x.md")
        );
    }

    #[test]
    fn cldr_dates_and_plurals() {
        let uk = Locale::new("uk").unwrap();
        assert_eq!(uk.date(2023, 2, 5), "5 лютого 2023\u{202f}р.");
        assert_eq!(uk.month(2023, 2), "Лютий 2023");
        assert_eq!(uk.month(2022, 11), "Листопад 2022");
        let en = Locale::new("en-GB").unwrap();
        assert_eq!(en.date(2023, 2, 5), "5 February 2023");
        assert_eq!(en.month(2023, 2), "February 2023");
        let cats: Vec<&str> = [1, 2, 5, 11, 21, 22]
            .iter()
            .map(|n| uk.plural(*n))
            .collect();
        assert_eq!(cats, ["one", "few", "many", "many", "one", "few"]);
        let cats: Vec<&str> = [1, 2, 5, 11, 21, 22]
            .iter()
            .map(|n| en.plural(*n))
            .collect();
        assert_eq!(cats, ["one", "other", "other", "other", "other", "other"]);
    }

    #[test]
    fn ukrainian_typography() {
        let mut d = 0;
        assert_eq!(
            ukrainian_quotes(
                "\u{201C}Він сказав \u{201C}тримайтеся\u{201D}\u{201D}, м\u{2019}ясо",
                &mut d
            ),
            "«Він сказав „тримайтеся“», мʼясо"
        );
        assert_eq!(d, 0);
        // Latin words keep the typographic apostrophe.
        assert_eq!(ukrainian_quotes("don\u{2019}t", &mut d), "don\u{2019}t");
    }

    /// The rule written the plain way, char by char: the fast version must agree with it.
    fn reference(text: &str, depth: &mut u8) -> String {
        let mut out = String::new();
        let mut prev: Option<char> = None;
        let mut it = text.chars().peekable();
        while let Some(c) = it.next() {
            let next = it.peek().copied();
            match c {
                '\u{201C}' => {
                    out.push(if *depth == 0 { '«' } else { '„' });
                    *depth = depth.saturating_add(1);
                }
                '\u{201D}' => {
                    *depth = depth.saturating_sub(1);
                    out.push(if *depth == 0 { '»' } else { '\u{201C}' });
                }
                '\u{2019}' | '\''
                    if prev.is_some_and(is_cyrillic) && next.is_some_and(is_cyrillic) =>
                {
                    out.push('\u{02BC}')
                }
                c => out.push(c),
            }
            prev = Some(c);
        }
        out
    }

    #[test]
    fn ukrainian_typography_agrees_with_the_plain_rule() {
        for t in [
            "",
            "'",
            "сім'я, п\u{2019}ять, 'цитата', м'",
            "\u{201D}\u{201D}\u{201C}",
            "тире — і три крапки… \u{20AC} 5 \u{2122}",
            "<p class='x'>\u{201C}Так\u{201D} — з\u{2019}їзд</p>",
            "\u{201C}a \u{201C}b \u{201C}c\u{201D}\u{201D}\u{201D} д'я",
        ] {
            let (mut a, mut b) = (1, 1);
            assert_eq!(ukrainian_quotes(t, &mut a), reference(t, &mut b), "{t:?}");
            assert_eq!(a, b, "{t:?}");
        }
    }
}
