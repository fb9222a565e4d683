//! The loaded, frozen site: config, places, pages and index.
//!
//! `Site::load` is the only place that mutates; after it returns, rendering borrows `&Site`
//! from many threads with no locks.

use crate::config::Config;
use crate::content::{self, Asset, Page};
use crate::dates::Date;
use crate::error::{Diagnostics, Warning};
use crate::index::Index;
use crate::places::Gazetteer;
use crate::places::map::Outline;

/// Everything a build renders from.
#[derive(Debug)]
pub struct Site {
    /// Resolved configuration.
    pub config: Config,
    /// Places (built-in plus `cities.toml` plus unknown names met in content).
    pub gazetteer: Gazetteer,
    /// Published dispatches, newest first.
    pub pages: Vec<Page>,
    /// Cities, tags, authors.
    pub index: Index,
    /// Files copied from `content/`.
    pub assets: Vec<Asset>,
    /// Warnings met while loading.
    pub warnings: Vec<Warning>,
    /// Dispatches held back by an embargo, with the time each goes live.
    pub embargoed: Vec<(std::path::PathBuf, Date)>,
    /// Drafts left out.
    pub drafts_skipped: usize,
    /// The map outline.
    pub outline: Outline,
    /// The build's notion of "now" (fixed by `--now` for reproducible builds).
    pub now: Date,
}

impl Site {
    /// Loads content and builds the index.
    pub fn load(config: Config, now: Date) -> Result<Site, Diagnostics> {
        let mut gazetteer = Gazetteer::embedded();
        crate::places::overrides::apply(&mut gazetteer, &config.root)?;
        let loaded = content::load(&config, &mut gazetteer, now).map_err(Diagnostics::from)?;
        let index = Index::build(&loaded.pages, &gazetteer);
        let mut warnings = loaded.warnings;
        warnings.sort();
        Ok(Site {
            config,
            gazetteer,
            pages: loaded.pages,
            index,
            assets: loaded.assets,
            warnings,
            embargoed: loaded.embargoed,
            drafts_skipped: loaded.drafts_skipped,
            outline: Outline::load(),
            now,
        })
    }
}
