//! Interface strings: the translation tables a theme prints through `t(key=…)`.
//!
//! A table is TOML: `key = "text"`, or a table of CLDR plural forms for counted strings
//! (`[minutes] one = "{count} хвилина"`, `few = …`, `many = …`, `other = …`; `{count}` is
//! replaced by the number). Tables are read, later ones overriding earlier ones key by key,
//! from the built-in theme (`themes/default/i18n/<code>.toml`, embedded), the site's theme
//! (`themes/<name>/i18n/<code>.toml`) and the site (`i18n/<code>.toml`). The built-in English
//! table names every key: a key another language lacks is a warning naming the key and the
//! file to add it to, and the English text is used meanwhile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Location, Warning};
use crate::lang::{Language, Locale};

/// One interface string: plain, or one text per CLDR plural category.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The interface strings of one language.
#[derive(Debug)]
pub struct Table {
    /// Language code.
    pub code: String,
    strings: BTreeMap<String, Entry>,
    /// Its CLDR formats (dates, plural rules).
    pub locale: Arc<Locale>,
}

impl Table {
    /// The text of `key`, if the table has a plain string for it.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.strings.get(key)? {
            Entry::Text(s) => Some(s),
            Entry::Plural(_) => None,
        }
    }

    /// The text of `key` for `n` items: the form of `n`'s plural category (or `other`), with
    /// `{count}` replaced by `n`. A plain string is used for every count.
    pub fn count(&self, key: &str, n: u64) -> Option<String> {
        let form = match self.strings.get(key)? {
            Entry::Text(s) => s.as_str(),
            Entry::Plural(forms) => forms
                .get(self.locale.plural(n))
                .or_else(|| forms.get("other"))?
                .as_str(),
        };
        Some(form.replace("{count}", &n.to_string()))
    }

    /// The form of `key` for the CLDR plural category `category` (or `other`), with `{count}`
    /// left in: for a script that picks the form itself (the search page's counts).
    pub fn form(&self, key: &str, category: &str) -> Option<&str> {
        match self.strings.get(key)? {
            Entry::Text(s) => Some(s),
            Entry::Plural(forms) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map(String::as_str),
        }
    }

    /// `key`, or the key itself when missing (only for strings Rust code prints, whose keys
    /// the built-in English table is tested to hold).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.text(key).unwrap_or(key)
    }
}

/// The built-in theme's tables.
const BUILT_IN: [(&str, &str); 2] = [
    ("en", include_str!("../themes/default/i18n/en.toml")),
    ("uk", include_str!("../themes/default/i18n/uk.toml")),
];

fn parse(text: &str, shown: &Path) -> Result<BTreeMap<String, Entry>, Error> {
    let map: BTreeMap<String, Entry> =
        crate::tomlerr::parse(text, shown, 0).map_err(|(loc, msg)| Error::Config { loc, msg })?;
    for (key, entry) in &map {
        if let Entry::Plural(forms) = entry {
            let bad = forms.keys().find(|k| !CATEGORIES.contains(&k.as_str()));
            if bad.is_some() || !forms.contains_key("other") {
                return Err(Error::Config {
                    loc: Location::file(shown),
                    msg: format!(
                        "`{key}` holds plural forms: use the CLDR categories zero, one, two, few, many and other (`other` is required){}",
                        bad.map(|b| format!("; `{b}` is not one"))
                            .unwrap_or_default()
                    ),
                });
            }
        }
    }
    Ok(map)
}

/// The files a language's table is read from, in order, that exist.
fn sources(root: &Path, theme_dir: Option<&Path>, code: &str) -> Vec<PathBuf> {
    let name = format!("{code}.toml");
    theme_dir
        .map(|t| t.join("i18n").join(&name))
        .into_iter()
        .chain([root.join("i18n").join(&name)])
        .filter(|p| p.is_file())
        .collect()
}

/// Reads every language's table; warns for each key the English table has and another lacks.
pub(crate) fn load(
    root: &Path,
    theme_dir: Option<&Path>,
    languages: &[Language],
) -> Result<(Vec<Arc<Table>>, Vec<Warning>), Error> {
    let built_in = |code: &str| -> BTreeMap<String, Entry> {
        BUILT_IN
            .iter()
            .find(|(c, _)| *c == code.split('-').next().unwrap_or(code))
            .map(|(c, t)| {
                parse(
                    t,
                    &Path::new("(built-in theme)/i18n").join(format!("{c}.toml")),
                )
            })
            .transpose()
            .expect("the built-in tables parse (tested)")
            .unwrap_or_default()
    };
    let english = built_in("en");
    let mut tables = Vec::new();
    let mut warnings = Vec::new();
    for lang in languages {
        let mut strings = built_in(&lang.code);
        let files = sources(root, theme_dir, &lang.code);
        for f in &files {
            let shown = crate::paths::rel(f, root);
            let text = crate::fs::read_to_string(f, &shown)?;
            strings.extend(parse(&text, &shown)?);
        }
        let to_fix = files.last().map_or_else(
            || PathBuf::from("i18n").join(format!("{}.toml", lang.code)),
            |f| crate::paths::rel(f, root),
        );
        for (key, entry) in &english {
            if !strings.contains_key(key) {
                warnings.push(Warning {
                    loc: Location::file(&to_fix),
                    msg: format!(
                        "no `{}` translation for the interface string `{key}`; the English text is shown meanwhile",
                        lang.code
                    ),
                });
                strings.insert(key.clone(), entry.clone());
            }
        }
        let locale = Locale::new(&lang.locale).map_err(|msg| Error::Config {
            loc: Location::file("config.toml"),
            msg,
        })?;
        tables.push(Arc::new(Table {
            code: lang.code.clone(),
            strings,
            locale: Arc::new(locale),
        }));
    }
    Ok((tables, warnings))
}

/// Registers `t(key="…", count=n)` on `tera`: the string of the page's language (the
/// context's `lang`). `form="few"` instead of `count` gives one plural form as written, with
/// `{count}` left in (for a script that counts).
pub(crate) fn register(tera: &mut tera::Tera, tables: Vec<Arc<Table>>) {
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            // The page's language: `lang`, or `site.language` where a context lacks it (an
            // `item.html` rendered for the `item` filter, a site's own template).
            let lang: Option<String> = state.get("lang")?.or_else(|| {
                let site: Option<tera::Value> = state.get("site").ok().flatten();
                site.as_ref()
                    .and_then(tera::Value::as_map)
                    .and_then(|m| m.get(&tera::value::Key::Str("language")))
                    .and_then(|v| v.as_str().map(str::to_string))
            });
            let table = lang
                .and_then(|l| tables.iter().find(|t| t.code == l))
                .or(tables.first())
                .ok_or_else(|| tera::Error::message("no translation table"))?;
            let count: Option<i64> = kwargs.get("count")?;
            let form: Option<&str> = kwargs.get("form")?;
            let s = match (count, form) {
                (Some(n), _) => table.count(key, n.unsigned_abs()),
                (None, Some(f)) => table.form(key, f).map(str::to_string),
                (None, None) => table.text(key).map(str::to_string),
            };
            let mut s = s.ok_or_else(|| {
                tera::Error::message(format!(
                    "no interface string `{key}`: add it to i18n/{}.toml (and the other languages' tables)",
                    table.code
                ))
            })?;
            for (k, v) in kwargs.iter() {
                let Some(k) = k.as_str().filter(|k| !matches!(*k, "key" | "count" | "form")) else {
                    continue;
                };
                let slot = ["{", k, "}"].concat();
                if s.contains(&slot) {
                    s = s.replace(&slot, &v.as_str().map_or_else(|| v.to_string(), str::to_string));
                }
            }
            Ok(s)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Language {
        Language {
            code: code.into(),
            name: code.into(),
            title: String::new(),
            description: String::new(),
            copyright: String::new(),
            locale: if code == "en" {
                "en-GB".into()
            } else {
                code.into()
            },
            tags: BTreeMap::new(),
            prefix: String::new(),
        }
    }

    #[test]
    fn built_in_tables_are_complete_and_plurals_are_cldr() {
        let dir = tempfile::tempdir().unwrap();
        let (tables, warnings) = load(dir.path(), None, &[lang("en"), lang("uk")]).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let uk = &tables[1];
        let forms: Vec<String> = [1, 2, 5, 11, 21, 22]
            .iter()
            .map(|n| uk.count("minutes", *n).unwrap())
            .collect();
        assert_eq!(
            forms,
            [
                "1 хвилина",
                "2 хвилини",
                "5 хвилин",
                "11 хвилин",
                "21 хвилина",
                "22 хвилини"
            ]
        );
        let forms: Vec<String> = [1, 3, 11]
            .iter()
            .map(|n| uk.count("dispatches", *n).unwrap())
            .collect();
        assert_eq!(forms, ["1 допис", "3 дописи", "11 дописів"]);
        let en = &tables[0];
        // The keys Rust code prints through `Table::get` (which shows a missing key as is).
        for key in [
            "archive",
            "cities",
            "content_warning",
            "image",
            "last_update",
            "listed_as",
            "location_of",
            "map_alt",
            "not_found",
            "read_whole",
            "search",
            "topics",
        ] {
            assert!(en.text(key).is_some() && uk.text(key).is_some(), "{key}");
        }
        assert_eq!(en.count("dispatches", 1).unwrap(), "1 dispatch");
        assert_eq!(en.count("dispatches", 21).unwrap(), "21 dispatches");
    }

    #[test]
    fn a_missing_key_warns_with_the_file_to_fix() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/pl.toml"), "latest = \"Najnowsze\"\n").unwrap();
        let (tables, warnings) = load(dir.path(), None, &[lang("en"), lang("pl")]).unwrap();
        assert_eq!(tables[1].text("latest"), Some("Najnowsze"));
        assert!(
            warnings
                .iter()
                .any(|w| w.to_string().contains("i18n/pl.toml") && w.msg.contains("`skip`")),
            "{warnings:?}"
        );
        std::fs::write(dir.path().join("i18n/pl.toml"), "[minutes]\none = \"x\"\n").unwrap();
        let e = load(dir.path(), None, &[lang("en"), lang("pl")]).unwrap_err();
        assert!(e.to_string().contains("`other` is required"), "{e}");
    }
}
