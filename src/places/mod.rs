//! Places: the gazetteer, site overrides (`cities.toml`), mention detection and SVG maps.
//!
//! Cities are records, not strings: everything downstream refers to a `PlaceId`.

mod embedded;
pub mod gazetteer;
pub mod localize;
pub mod map;
pub mod mentions;
pub mod outline;
pub mod overrides;
pub mod report;
pub mod text;

pub use embedded::NameSlugs;
pub use gazetteer::{Gazetteer, Place, PlaceId, Resolution};
pub use mentions::Matcher;
pub use text::Text;
