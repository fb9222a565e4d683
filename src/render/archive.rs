//! The month archive: `/archive/` lists every month with its number of dispatches, newest
//! first; `/archive/2023/02/` lists that month's dispatches, paginated like every list. Both
//! have a text-only edition under `/lite/`. Plain links, no script: browsing by date works
//! where search (which needs JavaScript) does not.

use serde::Serialize;

use super::Renderer;
use super::context;
use super::jobs::{Shared, base_ctx, paginator};
use super::plan::{self, Job, month_base};
use crate::error::Error;
use crate::index::Month;
use crate::routes;
use crate::site::Site;
use crate::urls::UrlPath;

/// A month as `archive.html` and `month.html` see it.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// "February 2023".
    pub label: String,
    /// Year.
    pub year: i16,
    /// Month, 1 to 12.
    pub month: i8,
    /// Site path of its first page in this edition (`archive/2023/02/`).
    pub path: String,
    /// Site path of its first page in the full edition, for canonical links.
    pub full_path: String,
    /// Number of dispatches.
    pub count: usize,
}

/// A year of the archive: its months, newest first.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// Year.
    pub year: i16,
    /// Dispatches in the year.
    pub count: usize,
    /// Months with dispatches, newest first.
    pub months: Vec<MonthView>,
}

/// The view of month `m` in the full (`lite == false`) or text-only edition.
pub fn month_view(site: &Site, m: &Month, lite: bool) -> MonthView {
    let first = &site.pages[m.pages[0].0 as usize];
    MonthView {
        label: first.date.month_label_in(&site.config.strings().locale),
        year: m.year,
        month: m.month,
        path: context::rel(&edition(month_base(m), lite)),
        full_path: context::rel(&month_base(m)),
        count: m.pages.len(),
    }
}

/// The archive's years, newest first.
pub fn years(site: &Site, lite: bool) -> Vec<YearView> {
    let mut years: Vec<YearView> = Vec::new();
    for m in &site.index.months {
        let view = month_view(site, m, lite);
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += view.count;
                y.months.push(view);
            }
            _ => years.push(YearView {
                year: m.year,
                count: view.count,
                months: vec![view],
            }),
        }
    }
    years
}

fn edition(url: UrlPath, lite: bool) -> UrlPath {
    if lite { routes::lite(&url) } else { url }
}

/// `/archive/` (or `/lite/archive/`).
pub(super) fn archive_page(
    sh: Shared<'_>,
    r: &Renderer,
    lite: bool,
) -> Result<(UrlPath, Vec<u8>), Error> {
    let url = edition(routes::archive(), lite);
    let kind = if lite { "lite-archive" } else { "archive" };
    let mut ctx = base_ctx(sh, &url, sh.site.config.strings().get("archive"), kind);
    ctx.insert("years", &years(sh.site, lite));
    ctx.insert("total", &sh.site.pages.len());
    let template = plan::template(if lite { Job::LiteArchive } else { Job::Archive });
    Ok((url, r.render(template, &ctx, None)?))
}

/// Page `n` of month `i` (or its text-only edition).
pub(super) fn month_page(
    sh: Shared<'_>,
    r: &Renderer,
    i: usize,
    n: usize,
    lite: bool,
) -> Result<(UrlPath, Vec<u8>), Error> {
    let m = &sh.site.index.months[i];
    let base = edition(month_base(m), lite);
    let url = routes::page(&base, n);
    let view = month_view(sh.site, m, lite);
    let kind = if lite { "lite-month" } else { "month" };
    let mut ctx = base_ctx(sh, &url, &view.label, kind);
    ctx.insert("paginator", &paginator(sh, &base, &m.pages, n));
    ctx.insert("month", &view);
    // The neighbouring months, for "newer/older month" links.
    let months = &sh.site.index.months;
    let near = |j: Option<usize>| {
        j.and_then(|j| months.get(j))
            .map(|m| month_view(sh.site, m, lite))
    };
    ctx.insert("newer_month", &near(i.checked_sub(1)));
    ctx.insert("older_month", &near(Some(i + 1)));
    let template = plan::template(if lite {
        Job::LiteMonth(i, n)
    } else {
        Job::Month(i, n)
    });
    Ok((url, r.render(template, &ctx, None)?))
}
