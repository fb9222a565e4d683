//! What static hosts need besides the pages: pre-compressed copies (`compress`) and the cache
//! policy (`headers`, also written as `_headers`). Leaf module: used by the build and by
//! `deploy`, it imports neither.

pub(crate) mod compress;
pub(crate) mod headers;
pub(crate) mod targets;

pub(crate) use compress::Encoding;
pub(crate) use headers::CachePolicy;
