//! Creating things for writers: a new site (`init`) and a new dispatch (`new`).
//!
//! Both only create files that do not exist yet; nothing here overwrites a user's work.

use std::path::{Path, PathBuf};

use crate::dates::Date;
use crate::error::{Error, Result};
use crate::places::{Gazetteer, Resolution};

/// Options for a new dispatch.
#[derive(Debug, Clone, Default)]
pub struct NewDispatch {
    /// Headline.
    pub title: String,
    /// Cities (first is the dateline).
    pub cities: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Mark as draft.
    pub draft: bool,
    /// File name (slug) instead of one made from the title.
    pub slug: Option<String>,
    /// A folder with `index.md`, for a dispatch with photos beside it.
    pub bundle: bool,
    /// Live coverage: a bundle folder `content/<year>/<slug>/index.md` with `live = true`.
    pub live: bool,
    /// Mark an update as a key event (with [`new_update`]).
    pub key: bool,
    /// Write a dispatch in this language (`x.uk.md`), not the site's default one.
    pub lang: Option<String>,
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Refuses a title or name that would break the front matter, and an empty title.
fn check_text(opts: &NewDispatch) -> Result<()> {
    let lists = [
        ("--city", &opts.cities),
        ("--tag", &opts.tags),
        ("--author", &opts.authors),
    ];
    let values = std::iter::once(("the title", &opts.title)).chain(
        lists
            .iter()
            .flat_map(|(flag, v)| v.iter().map(move |s| (*flag, s))),
    );
    for (what, value) in values {
        // One line each: a line break could close the front matter (`+++`) and break the
        // build; other control characters are invisible and break feeds.
        if value.chars().any(char::is_control) {
            return Err(Error::Usage(format!(
                "{what} `{}` holds a line break or control character; write it on one line",
                value.escape_debug()
            )));
        }
    }
    if opts.title.trim().is_empty() {
        return Err(Error::Usage(
            "the title is empty; give the dispatch a headline".into(),
        ));
    }
    Ok(())
}

/// The cities as the gazetteer names them, with notes for names it does not know.
fn canonical_cities(opts: &NewDispatch) -> (Vec<String>, Vec<String>) {
    let gaz = Gazetteer::embedded();
    let mut notes = Vec::new();
    let cities: Vec<String> = opts
        .cities
        .iter()
        .map(|c| match gaz.resolve(c) {
            Resolution::Found(id) => gaz.get(id).name.to_string(),
            Resolution::Unknown => {
                let s = gaz.suggest(c);
                let hint = if s.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", s.join(", "))
                };
                notes.push(format!("city `{c}` is not in the gazetteer{hint}"));
                c.clone()
            }
            _ => c.clone(),
        })
        .collect();
    (cities, notes)
}

/// Writes `content/<year>/<slug>.md` (with `bundle` or `live`, `content/<year>/<slug>/index.md`); returns
/// its path and notes (e.g. unknown city names).
pub fn new_dispatch(root: &Path, opts: &NewDispatch, now: &Date) -> Result<(PathBuf, Vec<String>)> {
    check_text(opts)?;
    let (cities, mut notes) = canonical_cities(opts);
    let dir = root.join("content").join(format!("{:04}", now.year()));
    let path = free_path(&dir, opts, &mut notes)?;
    let mut fm = format!(
        "+++\ntitle = {}\ndate = {}\n",
        toml_str(&opts.title),
        now.rfc3339()
    );
    fm.push_str(&format!("authors = {}\n", toml_list(&opts.authors)));
    fm.push_str(&format!("cities = {}\n", toml_list(&cities)));
    fm.push_str(&format!("tags = {}\n", toml_list(&opts.tags)));
    if opts.draft {
        fm.push_str("draft = true\n");
    }
    if opts.live {
        fm.push_str(
            "live = true\n# coverage_end = 2030-01-01T22:00:00+02:00   # when live coverage ends\n",
        );
    }
    fm.push_str(
        "+++\n\nWrite the first paragraph here. It becomes the summary on the front page.\n",
    );
    crate::fs::write_new(&path, fm.as_bytes())?;
    Ok((path, notes))
}

/// Where a new dispatch goes: `<slug>.md`, or `<slug>/index.md` for a bundle. A slug from
/// the title that is taken becomes the first free `<slug>-2`, `-3`… (with a note); a slug
/// asked for with `--slug` that is taken is an error naming a free one.
fn free_path(dir: &Path, opts: &NewDispatch, notes: &mut Vec<String>) -> Result<PathBuf> {
    let asked = opts
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let slug = crate::urls::slugify(asked.unwrap_or(&opts.title));
    if let Some(a) = asked
        && a != slug.as_str()
    {
        notes.push(format!(
            "slug `{a}` written as `{slug}` (lower case, Latin letters, digits and dashes)"
        ));
    }
    let taken = |s: &str| dir.join(format!("{s}.md")).exists() || dir.join(s).exists();
    let suffix = opts
        .lang
        .as_deref()
        .map_or(String::new(), |l| format!(".{l}"));
    let at = |s: &str| {
        if opts.bundle || opts.live {
            dir.join(s).join(format!("index{suffix}.md"))
        } else {
            dir.join(format!("{s}{suffix}.md"))
        }
    };
    if !taken(slug.as_str()) {
        return Ok(at(slug.as_str()));
    }
    let free = (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|s| !taken(s))
        .expect("some number is free");
    if asked.is_some() {
        return Err(Error::Usage(format!(
            "{} already has a dispatch `{slug}`; choose another --slug, e.g. --slug {free}",
            dir.display()
        )));
    }
    notes.push(format!(
        "{} already has a dispatch `{slug}`; this one is `{free}` (pass --slug to name it yourself)",
        dir.display()
    ));
    Ok(at(&free))
}

/// The code `lang` if `config.toml` has that language; `None` for the default language.
fn configured(lang: &str, languages: &crate::lang::Languages) -> Result<Option<String>> {
    match languages.0.iter().position(|l| l.code == lang) {
        Some(0) => Ok(None),
        Some(_) => Ok(Some(lang.to_string())),
        None => {
            let codes: Vec<&str> = languages.0.iter().map(|l| l.code.as_str()).collect();
            Err(Error::Usage(format!(
                "`{lang}` is not a language of this site (it has {}): add [languages.{lang}] to config.toml first",
                codes.join(", ")
            )))
        }
    }
}

/// The language suffix of a new dispatch in `lang` (`None`: the default language), or an
/// error for a language `config.toml` lacks.
pub fn dispatch_lang(lang: &str, languages: &crate::lang::Languages) -> Result<Option<String>> {
    configured(lang, languages)
}

/// Writes the `lang` translation of the dispatch or page `original` (a file, or a bundle's
/// folder) beside it: `x.uk.md` for `x.md`, `index.uk.md` in a bundle, or `x.md` when `lang`
/// is the default language and `x.uk.md` the original. It has the original's front matter
/// (same date, places, topics, bylines; `title` replaced by `title` when given) and a body to
/// write; returns its path and notes. Never overwrites a file.
pub fn new_translation(
    original: &Path,
    lang: &str,
    title: Option<&str>,
    languages: &crate::lang::Languages,
) -> Result<(PathBuf, Vec<String>)> {
    let code = configured(lang, languages)?;
    let original = if original.is_dir() {
        original.join("index.md")
    } else {
        original.to_path_buf()
    };
    let text = crate::fs::read_to_string(&original, &original)?;
    let text = crate::content::normalise(&text);
    let split = crate::content::front_matter::split(&text, &original)?;
    // An update of a live dispatch has a front matter of its own (`time`, no `date`).
    if crate::content::live::owner_dir(&original, Path::is_file).is_some() {
        crate::tomlerr::parse_all::<crate::content::live::RawUpdate>(
            split.front,
            &original,
            split.front_line_offset,
        )
        .map_err(|mut all| {
            let (loc, msg) = all.swap_remove(0);
            Error::content(loc, msg)
        })?;
    } else {
        crate::content::front_matter::parse(&split, &original)
            .map_err(|mut all| all.swap_remove(0))?;
    }
    let key = crate::lang::translation_key(&original);
    let target = match &code {
        None => key,
        Some(c) => {
            let name = key.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let stem = name.strip_suffix(".md").unwrap_or(name);
            key.with_file_name(format!("{stem}.{c}.md"))
        }
    };
    if target == original {
        return Err(Error::Usage(format!(
            "{} is already the `{lang}` version; name the original to translate from",
            original.display()
        )));
    }
    if target.exists() {
        return Err(Error::Usage(format!(
            "{} exists already: the `{lang}` translation of {} is there to edit",
            target.display(),
            original.display()
        )));
    }
    let mut front = String::new();
    let mut titled = false;
    for line in split.front.lines() {
        let is_title = line
            .split_once('=')
            .is_some_and(|(k, _)| k.trim() == "title");
        match title {
            Some(t) if is_title && !titled => {
                front.push_str(&format!("title = {}\n", toml_str(t)));
                titled = true;
            }
            _ => {
                front.push_str(line);
                front.push('\n');
            }
        }
    }
    if let Some(t) = title {
        check_text(&NewDispatch {
            title: t.to_string(),
            ..Default::default()
        })?;
    }
    let body = format!(
        "+++\n{front}+++\n\nWrite the translation of {} here.\n",
        original
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("the original")
    );
    crate::fs::write_new(&target, body.as_bytes())?;
    // The build compares the versions of a dispatch (see `content::translated`): say what it
    // does meanwhile.
    let from = crate::lang::file_lang(&original).unwrap_or(&languages.0[0].code);
    let meanwhile = format!(
        " (the build warns at each one left as the original has it; meanwhile the {lang} page summarises its own text and shows the original's photo texts and content warning marked lang=\"{from}\")"
    );
    let mut notes = vec![format!(
        "translate the title{} and any other text of the front matter (summary, content_warning, image_alt, image_caption){meanwhile}; keep `date` for a bundle (its photos are shared)",
        if titled { " (done)" } else { "" }
    )];
    if original
        .parent()
        .is_some_and(|d| d.join("updates").is_dir())
    {
        notes.push(format!(
            "a live dispatch: translate its updates one by one (`dateline new --translate <update> --lang {lang}`); the {lang} page shows only those"
        ));
    }
    Ok((target, notes))
}

/// Writes an update of the live dispatch at `dispatch` (its folder or its `index.md`) into
/// its `updates/` folder, stamped `now` and named after the time and title, so updates filed
/// at once by several reporters are separate files; returns its path and notes.
pub fn new_update(
    dispatch: &Path,
    opts: &NewDispatch,
    now: &Date,
) -> Result<(PathBuf, Vec<String>)> {
    check_text(opts)?;
    let dir = if dispatch.file_name().is_some_and(|n| n == "index.md") {
        dispatch.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        dispatch.to_path_buf()
    };
    let index = dir.join("index.md");
    let text = crate::fs::read_to_string(&index, &index)?;
    let text = crate::content::normalise(&text);
    let split = crate::content::front_matter::split(&text, &index)?;
    let (fm, _) = crate::content::front_matter::parse(&split, &index)
        .map_err(|mut all| all.swap_remove(0))?;
    if !fm.live {
        return Err(Error::Usage(format!(
            "{} is not live coverage; add `live = true` to its front matter first",
            index.display()
        )));
    }
    let (cities, notes) = canonical_cities(opts);
    let slug = crate::urls::slugify(&opts.title);
    let stamp = now.stamp();
    let path = dir.join("updates").join(format!("{stamp}-{slug}.md"));
    let mut fm = format!(
        "+++\ntime = {}\ntitle = {}\n",
        now.rfc3339(),
        toml_str(&opts.title)
    );
    fm.push_str(&format!("authors = {}\n", toml_list(&opts.authors)));
    fm.push_str(&format!("cities = {}\n", toml_list(&cities)));
    if opts.key {
        fm.push_str("key = true\n");
    }
    fm.push_str("+++\n\nWrite the update here.\n");
    crate::fs::write_new(&path, fm.as_bytes())?;
    Ok((path, notes))
}

/// What `dateline init` writes into `themes/default/`: no templates (a copy would shadow every
/// later fix to the built-in theme), only how to override one.
const THEME_README: &str = "# Your theme

This site uses Dateline's built-in theme. To change one template, put a file with its name in
`templates/` here (start from the built-in one: `themes/default/templates/<name>` in the
Dateline repository). Every template you do not override comes from the built-in theme, so
it keeps getting fixes when you update dateline. Files in `static/` here, or in the site's
own `static/`, replace the built-in `style.css`, `favicon.svg` and `favicon.ico`.

Templates: base.html (every page: head, menu, footer), index.html (front page),
article.html (a dispatch), page.html (About and other pages), city.html, cities.html,
tag.html, tags.html, author.html, item.html (one dispatch in a list), pagination.html,
404.html, lite_index.html and lite_article.html (text-only edition).
";

/// Creates a new site in `dir`: a config, a first dispatch, and an empty `themes/default/`
/// with a README on overriding one template.
pub fn init(dir: &Path, now: &Date) -> Result<Vec<PathBuf>> {
    if dir.join("config.toml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "{} already holds a site (config.toml or content/ exists); choose an empty folder",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    let mut put = |rel: &str, bytes: &[u8]| -> Result<()> {
        let p = dir.join(rel);
        crate::fs::write_new(&p, bytes)?;
        written.push(p);
        Ok(())
    };
    put(
        "config.toml",
        b"title = \"My Dispatches\"\ndescription = \"Reporting from Ukraine\"\nbase_url = \"https://example.org\"\nlanguage = \"en\"\ntheme = \"default\"\npaginate = 10\n",
    )?;
    put(".gitignore", b"/output\n/.dateline\n")?;
    put("themes/default/README.md", THEME_README.as_bytes())?;
    let first = format!(
        "+++\ntitle = \"First dispatch\"\ndate = {}\ncities = [\"Kyiv\"]\ntags = [\"notes\"]\n+++\n\nThis is the first dispatch. Edit it, or create another with `dateline new \"Title\" --city Kharkiv`.\n",
        now.rfc3339()
    );
    put(
        &format!("content/{:04}/first-dispatch.md", now.year()),
        first.as_bytes(),
    )?;
    Ok(written)
}
