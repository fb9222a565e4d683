//! Fuzzes `content::front_matter::{split, parse}` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dateline_fuzz::front_matter(data);
});
