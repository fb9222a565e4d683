//! Where the memory of a loaded site goes: loads a site as a build does, then measures the
//! heap that copies of each part of its dispatches take (a counting allocator; a copy is sized
//! to its contents, so each figure is a lower bound of what the loaded site holds).
//!
//! Usage: `cargo run --release --example heap_parts -- SITE_ROOT`
//!
//! Live heap bytes are not resident memory: room a table reserved and never wrote is not
//! resident, and the allocator keeps pages it cannot give back. Measure what a change saves
//! with `VmHWM`/`VmRSS` of the process (BENCHMARKS.md, "`serve` at 10,000 dispatches"); use
//! this to find where to look.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use dateline::config::BuildOptions;
use dateline::dates::Date;
use dateline::{Config, Site};

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator, counting the bytes it hands out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        // SAFETY: as the caller's contract.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::Relaxed);
        // SAFETY: as the caller's contract.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn mib(b: isize) -> String {
    format!("{:7.1} MiB", b as f64 / 1048576.0)
}

/// What `make` returns, after printing the heap it holds and the time it took.
fn decoded<T>(name: &str, make: impl FnOnce() -> T) -> T {
    let (b, t) = (live(), std::time::Instant::now());
    let made = make();
    println!("{name:22}{} ({:?})", mib(live() - b), t.elapsed());
    made
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .expect("usage: heap_parts SITE_ROOT");
    let opts = BuildOptions {
        root: root.into(),
        ..Default::default()
    };
    let config = Config::load(&opts).expect("config");
    let now = Date::parse("2100-01-01T00:00:00Z", &config.timezone).expect("date");
    let before = live();
    let site = Site::load(config, now).expect("site");
    println!("site loaded           {}", mib(live() - before));
    let pages = &site.pages;
    macro_rules! part {
        ($name:expr, $f:expr) => {{
            let b = live();
            let v: Vec<_> = pages.iter().map($f).collect();
            println!(
                "{:22}{}",
                $name,
                mib(live() - b - (v.capacity() * std::mem::size_of_val(&v[0])) as isize)
            );
            drop(v);
        }};
    }
    let structs = pages.len() * (std::mem::size_of::<dateline::content::Doc>());
    println!("{:22}{}", "Doc structs", mib(structs as isize));
    part!("summary_html", |p| p.doc.body.summary_html.clone());
    part!("text", |p| p.doc.body.text.clone());
    part!("toc", |p| p.doc.body.toc.clone());
    part!("images", |p| p.doc.body.images.clone());
    part!("body source_links", |p| p.doc.body.source_links.clone());
    part!("body image_links", |p| p.doc.body.image_links.clone());
    part!("lead/share", |p| (
        p.doc.body.lead_html.clone(),
        p.doc.body.share_image.clone()
    ));
    part!("hits", |p| p.doc.hits.clone());
    part!("lines", |p| p.doc.lines.clone());
    part!("source+abs", |p| (p.doc.source.clone(), p.doc.abs.clone()));
    part!("title/slug/url", |p| (
        p.doc.title.clone(),
        p.doc.slug.clone(),
        p.doc.url.clone()
    ));
    part!("tags/authors/cities", |p| (
        p.doc.tags.clone(),
        p.doc.authors.clone(),
        p.doc.city_names.clone()
    ));
    part!("source/image links", |p| (
        p.doc.source_links.clone(),
        p.doc.image_links.clone()
    ));
    part!("page cities/mentions", |p| (
        p.cities.clone(),
        p.mentions.clone(),
        p.url.clone()
    ));
    let b = live();
    let g = (*site.gazetteer).clone();
    println!("gazetteer             {}", mib(live() - b));
    drop(g);
    let html: usize = pages.iter().map(|p| p.doc.html.undated_len()).sum();
    println!("html length           {}", mib(html as isize));
    let b = live();
    let r = dateline::render::Renderer::load(&site.config).expect("theme");
    let prep = dateline::render::jobs::Prepared::new(&site, &r, &Default::default()).expect("prep");
    println!("prepared              {}", mib(live() - b));
    drop(prep);
    let links = dateline::render::context::LinkValues::new(&site);
    let b = live();
    let v: Vec<tera::Value> = pages
        .iter()
        .map(|p| {
            tera::Value::from_serializable(&dateline::render::context::summary(&site, p, &links))
        })
        .collect();
    println!("summary values        {}", mib(live() - b));
    let strings: usize = pages
        .iter()
        .map(|p| {
            let s = dateline::render::context::summary(&site, p, &links);
            s.summary.len()
                + s.description.len()
                + s.path.len()
                + s.permalink.len()
                + s.month_path.len()
                + s.title.len()
        })
        .sum();
    println!("  their strings       {}", mib(strings as isize));
    drop(v);
    drop(decoded("matcher", dateline::places::Matcher::embedded));
    let g = decoded("gazetteer embedded", dateline::places::Gazetteer::embedded);
    let b = live();
    let g2 = g.clone();
    println!("  its clone           {}", mib(live() - b));
    drop(g2);
    drop(g);
    println!(
        "sizeof Value {} Key {}",
        std::mem::size_of::<tera::Value>(),
        std::mem::size_of::<tera::value::Key>()
    );
    println!(
        "sizeof Doc {} Hits {} Page {}",
        std::mem::size_of::<dateline::content::Doc>(),
        std::mem::size_of_val(&pages[0].doc.hits),
        std::mem::size_of_val(&pages[0])
    );
}
