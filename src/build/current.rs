//! The up-to-date check of `build`: when the inputs are those of the last build into the
//! folder (and it is intact), nothing is loaded, rendered or written; the record of the last
//! build tells what it did.

use std::time::Instant;

use super::{BuildStats, Built, Edition, Held};
use crate::config::{BuildOptions, Config};
use crate::content::walk::Walked;
use crate::dates::Date;
use crate::inputs;
use crate::output::WriteStats;
use crate::timing::Timing;

/// The up-to-date check: the digest of the inputs (with the walk it made) and the record of
/// the last build if it still describes the site. Without a record, or without a built folder,
/// nothing can be up to date: the inputs are then hashed while the pages render, from what the
/// build read, instead of read twice.
pub(super) fn check(
    config: &Config,
    opts: &BuildOptions,
    now: &Date,
) -> (Option<(String, Walked)>, Option<inputs::Record>) {
    let out = &config.output_dir;
    let last = inputs::read_record(config).filter(|_| out.join(crate::output::MANIFEST).is_file());
    let digest = last.as_ref().and_then(|_| inputs::digest(config, opts));
    let current = match (&digest, last) {
        (Some((d, _)), Some(rec)) if inputs::is_current(&rec, d, now) => {
            Some(rec).filter(|_| crate::output::intact(out))
        }
        _ => None,
    };
    (digest, current)
}

pub(super) fn record(b: &Built, digest: String, editions: &[Edition]) -> inputs::Record {
    let site = &editions[0].site;
    inputs::Record {
        digest,
        built_at: site.now.unix(),
        expires: editions
            .iter()
            .filter_map(|e| inputs::expires(&e.site))
            .min(),
        dispatches: b.stats.dispatches,
        pages: b.stats.pages,
        files: b.stats.files,
        images_cleaned: b.stats.images_cleaned,
        warnings: b.warnings.clone(),
        embargoed: b.embargoed.clone(),
    }
}

/// The result of a build that found nothing changed.
pub(super) fn unchanged(rec: inputs::Record, check: Timing, t0: Instant) -> Built {
    Built {
        stats: BuildStats {
            dispatches: rec.dispatches,
            pages: rec.pages,
            files: rec.files,
            images_cleaned: rec.images_cleaned,
            images_processed: 0,
            images_cached: 0,
            write: WriteStats {
                unchanged: rec.files,
                ..WriteStats::default()
            },
            timings: vec![check],
            total: t0.elapsed(),
        },
        warnings: rec.warnings,
        embargoed: rec.embargoed,
        up_to_date: true,
        held: Held(None),
    }
}
