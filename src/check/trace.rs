//! Tracing a broken reference on a built page back to where it is written.
//!
//! A link of a dispatch is on its page, its text-only page and the lists that show its
//! summary, rebased for each; a built page cannot say where a link came from, so the check
//! asks the sources. Each built page knows the files it shows (a dispatch and its live
//! updates, a standalone page, the dispatches a list shows); a broken reference there is the
//! link of one of them that resolves to the same file and `#fragment` from that file's own
//! page (every edition rebases a link so that it does). Failing that, the link is searched
//! for as written in those files (front matter), the templates, `config.toml` (the menu), or
//! the static file the page was copied from. Each problem is reported once, at
//! `file:line:col`, with the pages it is on.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use super::{Base, Broken, Fault, site_path};
use crate::build::Rendered;
use crate::content::SourceLink;
use crate::error::{Location, Warning};
use crate::render::plan::{self, Job};
use crate::site::Site;

/// A broken link where it is written, with every built page it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is written.
    pub loc: Location,
    /// What is wrong and what to do.
    pub msg: String,
    /// The built pages it is on (site paths): the page of the file it is written in first.
    pub pages: Vec<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.loc, self.msg)?;
        match self.pages.as_slice() {
            [] => Ok(()),
            [one] => write!(f, " (on {one})"),
            [first, rest @ ..] => {
                let shown: Vec<&str> = rest.iter().take(3).map(String::as_str).collect();
                let more = if rest.len() > 3 { ", …" } else { "" };
                let s = if rest.len() == 1 { "" } else { "s" };
                let n = rest.len();
                write!(
                    f,
                    " (on {first} and {n} other page{s}: {}{more})",
                    shown.join(", ")
                )
            }
        }
    }
}

/// A file whose text built pages show: a dispatch, a live update, a standalone page.
struct Origin<'a> {
    rel: &'a Path,
    abs: PathBuf,
    /// The output file of its own page (in its edition's folder).
    home: PathBuf,
    /// Its edition's folder (`uk/`; empty for the default language).
    prefix: &'a str,
    /// The content folder, relative to the site root (for its `@/` form).
    content: PathBuf,
    /// Its headings (what a `#fragment` to its page is meant to name).
    toc: &'a [crate::markdown::Heading],
}

/// A file as an origin is made of: its path shown, its absolute path, its headings.
type File<'a> = (&'a Path, PathBuf, &'a [crate::markdown::Heading]);

/// What every built page shows.
#[derive(Default)]
struct Shown<'a> {
    origins: Vec<Origin<'a>>,
    /// Output file → the origins it shows.
    on: HashMap<PathBuf, Vec<usize>>,
    /// Output file → the template it is rendered with.
    template: HashMap<PathBuf, &'static str>,
    /// Output file of a page → the origin whose own page it is.
    home: HashMap<PathBuf, usize>,
}

impl<'a> Shown<'a> {
    fn new(r: &'a Rendered) -> Self {
        let mut s = Shown::default();
        for site in r.sites() {
            s.add_edition(site);
        }
        s
    }

    fn push(&mut self, site: &'a Site, file: File<'a>, home: PathBuf) -> usize {
        let (c, (rel, abs, toc)) = (&site.config, file);
        self.home.entry(home.clone()).or_insert(self.origins.len());
        self.origins.push(Origin {
            rel,
            abs,
            home,
            prefix: c.lang().prefix.as_str(),
            content: crate::paths::rel(&c.content_dir, &c.root),
            toc,
        });
        self.origins.len() - 1
    }

    fn add_edition(&mut self, site: &'a Site) {
        let dir = Path::new(&site.config.lang().prefix);
        let mut of_page = Vec::with_capacity(site.pages.len());
        for p in &site.pages {
            let home = dir.join(p.url.file());
            let file = (p.source.as_path(), p.abs.clone(), p.body.toc.as_slice());
            let mut ids = vec![self.push(site, file, home.clone())];
            for u in &p.updates {
                let file = (u.doc.source.as_path(), u.doc.abs.clone(), &[][..]);
                ids.push(self.push(site, file, home.clone()));
            }
            of_page.push(ids);
        }
        let standalone: Vec<usize> = (site.standalone.iter())
            .map(|s| {
                let abs = site.config.root.join(&s.source);
                let file = (s.source.as_path(), abs, s.toc.as_slice());
                self.push(site, file, dir.join(s.url.file()))
            })
            .collect();
        for job in plan::plan(site) {
            let ids: Vec<usize> = match job {
                Job::Standalone(i) => vec![standalone[i]],
                _ => (plan::shown(site, job).iter())
                    .flat_map(|id| of_page[id.0 as usize].iter().copied())
                    .collect(),
            };
            let path = dir.join(plan::job_path(site, job));
            self.template.insert(path.clone(), plan::template(job));
            self.on.insert(path, ids);
        }
    }
}

/// One problem being gathered: a broken reference that shows it, and its pages.
struct Group<'b> {
    sample: &'b Broken,
    /// The origin it is written in, if it is in one.
    origin: Option<usize>,
    pages: BTreeSet<&'b str>,
}

/// Where a broken reference is written: the place, the link as written there, the origin.
type Hit = (Location, String, Option<usize>);

/// Traces every broken reference to where it is written. Returns the problems, and the
/// build's warnings (of every edition) but for those a problem says again.
pub(super) fn trace(r: &Rendered, broken: &[Broken], base: &Base) -> (Vec<Problem>, Vec<Warning>) {
    // Every edition's, once each (a note about `config.toml` is the default edition's only).
    let mut warnings: Vec<Warning> = (r.sites())
        .flat_map(|s| s.warnings.iter().cloned())
        .collect();
    warnings.sort();
    warnings.dedup();
    if broken.is_empty() {
        return (Vec::new(), warnings);
    }
    let mut tracer = Tracer {
        r,
        base,
        shown: Shown::new(r),
        written: HashMap::new(),
        config: None,
        templated: HashMap::new(),
        html: (r.files.iter())
            .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
            .map(|f| (site_path(&f.path), f.path.clone()))
            .collect(),
    };
    let mut groups: BTreeMap<(Location, String), Group<'_>> = BTreeMap::new();
    for b in broken {
        for (loc, link, origin) in tracer.hits(b) {
            let g = groups.entry((loc, link)).or_insert(Group {
                sample: b,
                origin,
                pages: BTreeSet::new(),
            });
            // The message speaks of the link as its own page shows it.
            if origin.is_some_and(|o| tracer.shown.origins[o].home == b.page_file) {
                g.sample = b;
            }
            g.pages.insert(&b.page);
        }
    }
    let problems = (groups.into_iter())
        .map(|((loc, link), g)| {
            let mut msg = tracer.message(&g, &link);
            // A relative link to a Markdown file: the build already said what to do.
            let said = |w: &Warning| {
                w.loc.path == loc.path
                    && w.loc.line == loc.line
                    && w.msg.contains(&format!("`{link}`"))
            };
            if let Some(i) = warnings.iter().position(said) {
                msg = warnings.remove(i).msg;
            }
            let home = g.origin.map(|o| site_path(&tracer.shown.origins[o].home));
            let mut pages: Vec<String> = g.pages.iter().map(|p| p.to_string()).collect();
            // Its own page first, then that page's text-only edition, then the lists.
            if let Some(h) = home {
                pages.sort_by_key(|p| (*p != h, p.replacen("/lite/", "/", 1) != h));
            }
            Problem { loc, msg, pages }
        })
        .collect();
    (problems, warnings)
}

/// What tracing needs, with the files it has read.
struct Tracer<'a> {
    r: &'a Rendered,
    base: &'a Base,
    shown: Shown<'a>,
    /// Origin → its text and links (`None` when it could not be read again).
    written: HashMap<usize, Option<(String, Vec<SourceLink>)>>,
    /// `config.toml`'s text, once read.
    config: Option<String>,
    /// Forms of a link and the page's template → where the templates have it.
    templated: HashMap<(Vec<String>, Option<&'static str>), Option<Hit>>,
    /// The site path of every published HTML page, once listed.
    html: Vec<(String, PathBuf)>,
}

impl Tracer<'_> {
    /// Where `b` is written: the links of the files its page shows that resolve to its
    /// target; else where its text is found as written.
    fn hits(&mut self, b: &Broken) -> Vec<Hit> {
        let ids = self.shown.on.get(&b.page_file).cloned().unwrap_or_default();
        let mut hits = Vec::new();
        for &o in &ids {
            let origin = &self.shown.origins[o];
            let read = self
                .written
                .entry(o)
                .or_insert_with(|| crate::content::links::written(&origin.abs, origin.rel).ok());
            let Some((_, links)) = read else { continue };
            for l in links
                .iter()
                .filter(|l| same_target(self.base, origin, &l.target, b))
            {
                hits.push((l.loc.clone(), l.target.clone(), Some(o)));
            }
        }
        if hits.is_empty() {
            hits.push(self.literal(b, &ids));
        }
        hits
    }

    /// Where the link of `b` is found as written: in the files its page shows (front
    /// matter), the templates, `config.toml`, or the file the page was copied from; else the
    /// page's template (or the page) without a line.
    fn literal(&mut self, b: &Broken, ids: &[usize]) -> Hit {
        let quoted = format!("\"{}\"", b.target);
        for &o in ids {
            if let Some(Some((text, _))) = self.written.get(&o)
                && let Some(i) = text.find(&quoted)
            {
                let origin = &self.shown.origins[o];
                let loc = Location::from_offset(origin.rel, text, i + 1, 0);
                return (loc, b.target.clone(), Some(o));
            }
        }
        let forms = forms(b, self.base, self.edition_of(&b.page_file));
        let own = self.shown.template.get(&b.page_file).copied();
        // A template's link is on every page made with it: searched for once per form.
        let key = (forms, own);
        if !self.templated.contains_key(&key) {
            let found = self.in_templates(&key.0, own);
            self.templated.insert(key.clone(), found);
        }
        if let Some(Some(hit)) = self.templated.get(&key) {
            return hit.clone();
        }
        let shown_as = format!("{}{}", site_path(&b.file), frag_of(b));
        match (own, self.copied_from(&b.page_file)) {
            (Some(name), _) => {
                let templates = self.r.renderer.templates();
                let path = (templates.into_iter())
                    .find(|(n, _, _)| *n == name)
                    .map_or_else(|| PathBuf::from(name), |(_, p, _)| p.to_path_buf());
                (Location::file(path), shown_as, None)
            }
            (None, Some((rel, abs))) => {
                let text = std::fs::read_to_string(&abs).unwrap_or_default();
                let hit = find(&rel, &text, &key.0);
                hit.unwrap_or((Location::file(rel), b.target.clone(), None))
            }
            (None, None) => (Location::file(&b.page_file), shown_as, None),
        }
    }

    /// The first of `forms` in the templates (`own` first, then those it may extend or
    /// include), else in `config.toml` (the menu).
    fn in_templates(&mut self, forms: &[String], own: Option<&str>) -> Option<Hit> {
        let mut templates = self.r.renderer.templates();
        templates.sort_by_key(|(n, _, _)| Some(*n) != own);
        for (_, path, text) in templates {
            if let Some(hit) = find(path, text, forms) {
                return Some(hit);
            }
        }
        let config = self.config.get_or_insert_with(|| {
            std::fs::read_to_string(self.r.site().config.root.join("config.toml"))
                .unwrap_or_default()
        });
        find(Path::new("config.toml"), config, forms)
    }

    /// The folder of the language edition an output file belongs to (`uk/`, or empty).
    fn edition_of(&self, out: &Path) -> &str {
        self.r
            .sites()
            .skip(1)
            .map(|s| s.config.lang().prefix.as_str())
            .find(|p| !p.is_empty() && out.starts_with(p))
            .unwrap_or("")
    }

    /// The file an output file was copied from (`content/`, `static/`, the theme's `static/`).
    fn copied_from(&self, out: &Path) -> Option<(PathBuf, PathBuf)> {
        let c = &self.r.site().config;
        if let Some(a) = self.r.site().assets.iter().find(|a| a.out == out) {
            return Some((a.rel.clone(), a.abs.clone()));
        }
        let dirs = std::iter::once(c.static_dir.clone())
            .chain(c.theme_dir.iter().map(|t| t.join("static")));
        dirs.map(|d| d.join(out))
            .find(|p| p.is_file())
            .map(|abs| (crate::paths::rel(&abs, &c.root), abs))
    }

    /// What is wrong with the link `link` of group `g`, and what to do.
    fn message(&self, g: &Group<'_>, link: &str) -> String {
        let b = g.sample;
        let target = site_path(&b.file);
        match &b.fault {
            Fault::NoId(frag) => {
                let files = &self.r.files;
                let at = files.binary_search_by(|f| f.path.as_os_str().cmp(b.file.as_os_str()));
                let html = at.ok().map(|i| &files[i]);
                let text = html.map(|f| String::from_utf8_lossy(&f.bytes).into_owned());
                let ids = super::ids_of(&text.unwrap_or_default());
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                let toc = (self.shown.home.get(&b.file)).map(|&o| self.shown.origins[o].toc);
                let headings: Vec<&str> =
                    toc.unwrap_or(&[]).iter().map(|h| h.id.as_str()).collect();
                let hint = match crate::suggest::closest(frag, ids.iter().copied()) {
                    Some(best) => format!("; did you mean `#{best}`?"),
                    None if toc.is_none() => String::new(),
                    None if headings.is_empty() => "; it has no headings".to_string(),
                    None => format!("; its headings are #{}", headings.join(", #")),
                };
                format!("link to `{link}`: `{target}` has no element with id `{frag}`{hint}")
            }
            Fault::NoFile => {
                let best = self.closest(&target, g.origin.is_some());
                let best = best.as_ref().map(|(p, s)| (p.as_str(), s.as_deref()));
                crate::content::links::nowhere(link, &target, best, g.origin.is_some())
            }
        }
    }

    /// The published page closest to `target` (its site path), with its source file's `@/`
    /// form when it is a dispatch or a standalone page and the link is in content.
    fn closest(&self, target: &str, in_content: bool) -> Option<(String, Option<String>)> {
        let best = crate::suggest::closest(target, self.html.iter().map(|(p, _)| p.as_str()))?;
        let file = (self.html.iter())
            .find(|(p, _)| p == best)
            .map(|(_, f)| f)?;
        let source = (self.shown.home.get(file).map(|&o| &self.shown.origins[o]))
            .filter(|_| in_content)
            .map(|o| {
                let inner = o.rel.strip_prefix(&o.content).unwrap_or(o.rel);
                format!("@/{}", inner.display())
            });
        Some((best.to_string(), source))
    }
}

/// `#fragment` of a broken reference, or nothing.
fn frag_of(b: &Broken) -> String {
    b.frag.as_ref().map(|f| format!("#{f}")).unwrap_or_default()
}

/// Whether `link`, written in `origin`, is the reference `b`: from the origin's own page it
/// goes to the same file and fragment. A `#fragment` alone stays on the page it is shown on,
/// and a root-relative link may have been made relative to the edition's root.
fn same_target(base: &Base, origin: &Origin<'_>, link: &str, b: &Broken) -> bool {
    if link.starts_with("@/") {
        return false;
    }
    let Some(internal) = base.internal(link) else {
        return false;
    };
    let is = |(file, frag): (PathBuf, Option<String>)| {
        file == b.file && frag.filter(|f| !f.is_empty()) == b.frag
    };
    is(base.resolve(&origin.home, &internal))
        || (internal.starts_with('#') && is(base.resolve(&b.page_file, &internal)))
        || (internal.strip_prefix('/')).is_some_and(|rest| {
            let edition_root = Path::new(origin.prefix).join("index.html");
            is(base.resolve(&edition_root, rest))
        })
}

/// The ways the link of `b` may be written in a template or `config.toml`: as the page has
/// it, and without the way to the site root (`{{ root }}contact/`, `url = "/contact/"`) and
/// the folder of its edition (`prefix`).
fn forms(b: &Broken, base: &Base, prefix: &str) -> Vec<String> {
    let mut forms = vec![format!("\"{}\"", b.target)];
    let internal = base.internal(&b.target).unwrap_or_default();
    let mut rest = internal.as_str();
    if let Some(r) = rest.strip_prefix(base.path.as_str()) {
        rest = r;
    }
    rest = rest.trim_start_matches('/');
    let prefix = prefix.trim_end_matches('/');
    if let Some(r) = rest.strip_prefix(prefix).and_then(|r| r.strip_prefix('/')) {
        rest = r;
    }
    while let Some(r) = rest.strip_prefix("../").or_else(|| rest.strip_prefix("./")) {
        rest = r;
    }
    if !rest.is_empty() && !rest.starts_with('#') {
        forms.extend([
            format!("}}}}{rest}"),
            format!("\"/{rest}"),
            format!("\"{rest}"),
        ]);
    }
    forms
}

/// The first of `forms` found in `text` (a file shown as `path`), located at the link itself.
fn find(path: &Path, text: &str, forms: &[String]) -> Option<Hit> {
    forms.iter().find_map(|form| {
        let i = text.find(form.as_str())?;
        let skip = if form.starts_with("}}") { 2 } else { 1 };
        let link = form[skip..].trim_end_matches('"').to_string();
        Some((Location::from_offset(path, text, i + skip, 0), link, None))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(page: &str, target: &str, file: &str, frag: Option<&str>) -> Broken {
        Broken {
            page: site_path(Path::new(page)),
            target: target.into(),
            why: String::new(),
            page_file: page.into(),
            file: file.into(),
            frag: frag.map(String::from),
            fault: Fault::NoFile,
        }
    }

    fn origin(home: &str, prefix: &'static str) -> Origin<'static> {
        Origin {
            rel: Path::new("content/x.md"),
            abs: PathBuf::new(),
            home: home.into(),
            prefix,
            content: "content".into(),
            toc: &[],
        }
    }

    #[test]
    fn a_link_is_the_same_on_every_edition_that_rebases_it() {
        let base = Base::new("https://example.org/blog");
        let o = origin("2024/03/x/index.html", "");
        let link = "../../../gone/";
        let on_lite = broken(
            "lite/2024/03/x/index.html",
            "../../../../2024/03/x/../../../gone/",
            "gone/index.html",
            None,
        );
        assert!(same_target(&base, &o, link, &on_lite));
        let on_list = broken(
            "cities/kyiv/index.html",
            "https://example.org/blog/2024/03/x/../../../gone/",
            "gone/index.html",
            None,
        );
        assert!(same_target(&base, &o, link, &on_list));
        // Another fragment, another link; external and `@/` links are never the one.
        let anchored = broken("2024/03/x/index.html", "x", "gone/index.html", Some("a"));
        assert!(!same_target(&base, &o, link, &anchored));
        assert!(!same_target(&base, &o, "https://else.org/gone/", &on_list));
        assert!(!same_target(&base, &o, "@/gone.md", &on_list));
        // A `#fragment` alone stays on the page that shows it.
        let frag = broken(
            "lite/2024/03/x/index.html",
            "#f",
            "lite/2024/03/x/index.html",
            Some("f"),
        );
        assert!(same_target(&base, &o, "#f", &frag));
        // Root-relative, made relative to the edition's root by the text-only edition.
        let uk = origin("uk/2024/03/x/index.html", "uk/");
        let rebased = broken(
            "uk/lite/2024/03/x/index.html",
            "../../../../nope/",
            "uk/nope/index.html",
            None,
        );
        assert!(same_target(&base, &uk, "/nope/", &rebased));
    }

    #[test]
    fn template_forms_drop_the_way_to_the_root_and_the_edition() {
        let base = Base::new("https://example.org");
        let b = broken(
            "uk/a/b/index.html",
            "../../contact/",
            "uk/contact/index.html",
            None,
        );
        let forms = forms(&b, &base, "uk/");
        assert_eq!(
            forms,
            [
                "\"../../contact/\"",
                "}}contact/",
                "\"/contact/",
                "\"contact/"
            ]
        );
        let abs = broken("uk/404.html", "/uk/contact/", "uk/contact/index.html", None);
        assert!(forms_eq(&abs, &base, "}}contact/"));
        let text = "<nav>\n  <a href=\"{{ root }}contact/\">";
        let (loc, link, _) = find(Path::new("base.html"), text, &forms).unwrap();
        assert_eq!((loc.line, loc.col, link.as_str()), (2, 22, "contact/"));
    }

    fn forms_eq(b: &Broken, base: &Base, want: &str) -> bool {
        forms(b, base, "uk/").iter().any(|f| f == want)
    }

    #[test]
    fn a_problem_names_its_pages_in_short() {
        let p = Problem {
            loc: Location::at("content/x.md", 7, 5),
            msg: "link to `y/` points nowhere".into(),
            pages: ["/x/", "/lite/x/", "/", "/cities/a/", "/tags/b/"]
                .map(String::from)
                .to_vec(),
        };
        assert_eq!(
            p.to_string(),
            "content/x.md:7:5: error: link to `y/` points nowhere (on /x/ and 4 other pages: /lite/x/, /, /cities/a/, …)"
        );
        let one = Problem {
            pages: vec!["/x/".into()],
            ..p
        };
        assert!(one.to_string().ends_with(" (on /x/)"));
    }
}
