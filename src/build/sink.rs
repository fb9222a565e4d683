//! Where rendered files go: the one render path (`render::render_into`) hands every file to a
//! sink. A build stages them in the output folder ([`Disk`]); `check` keeps them in memory
//! ([`Memory`]); `serve` keeps the other files compressed and only a digest of each templated
//! page, which it renders again when asked for (its own sink, in `serve::store`).

use std::path::Path;

use crate::error::Error;
use crate::output::{OutFile, Stage, Staged};
use crate::render::plan::Job;

/// Which templated page a file is: its job in the plan of an edition (by position, the
/// default first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOf {
    /// The edition's position in [`crate::build::Rendered::editions`].
    pub edition: usize,
    /// The job that renders it.
    pub job: Job,
}

/// Takes each rendered file as soon as it is made, from any thread.
pub trait Sink: Sync {
    /// What the sink gives back for a file (a record of the staged file, the file itself).
    type Out: Send;
    /// Takes one file.
    fn put(&self, file: OutFile) -> Result<Self::Out, Error>;
    /// Takes one templated page (the frozen site renders it again, byte for byte, from its
    /// job); like any other file unless the sink says otherwise.
    fn page(&self, _of: PageOf, file: OutFile) -> Result<Self::Out, Error> {
        self.put(file)
    }
    /// Where an output goes, relative to the output folder.
    fn path(out: &Self::Out) -> &Path;
}

/// Keeps every file, as rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory;

impl Sink for Memory {
    type Out = OutFile;
    fn put(&self, file: OutFile) -> Result<OutFile, Error> {
        Ok(file)
    }
    fn path(out: &OutFile) -> &Path {
        &out.path
    }
}

/// Stages each file beside the published folder (see [`Stage`]); with `offline`, the links of
/// HTML pages are rewritten to name their files (see `offline`).
pub(crate) struct Disk<'a> {
    pub stage: &'a Stage,
    pub offline: bool,
}

impl Sink for Disk<'_> {
    type Out = Staged;
    fn put(&self, file: OutFile) -> Result<Staged, Error> {
        let html = file.path.extension().is_some_and(|e| e == "html");
        match std::str::from_utf8(&file.bytes) {
            Ok(text) if self.offline && html => {
                (self.stage).put(file.path, crate::offline::link_files(text).as_bytes())
            }
            _ => self.stage.put(file.path, &file.bytes),
        }
    }
    fn path(out: &Staged) -> &Path {
        &out.path
    }
}
