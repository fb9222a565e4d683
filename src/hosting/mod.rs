//! What static hosts need besides the pages: pre-compressed copies (`compress`) and the cache
//! policy (`headers`, also written as `_headers`). Leaf module: used by the build and by
//! `deploy`, it imports neither.

pub mod compress;
pub mod headers;
pub mod targets;

pub use compress::Encoding;
pub use headers::CachePolicy;
