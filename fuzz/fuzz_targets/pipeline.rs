//! Fuzzes the whole single-dispatch pipeline: the input is the one file of a temp site, which
//! is loaded (split, parse, Markdown, places, index) and rendered through the default theme.
#![no_main]

use std::sync::{Mutex, OnceLock};

static PIPELINE: OnceLock<Mutex<dateline_fuzz::Pipeline>> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let p = PIPELINE.get_or_init(|| Mutex::new(dateline_fuzz::Pipeline::new()));
    p.lock().unwrap_or_else(|e| e.into_inner()).run(data);
});
