//! Inline SVG maps of Ukraine: no JavaScript, no tiles, no requests.
//!
//! The outline comes from [`super::outline`]; dots are links with a `<title>` for hover and
//! screen readers.

use std::fmt::Write;

pub use super::outline::Outline;
use super::outline::project;

/// One dot on a map.
#[derive(Debug, Clone)]
pub struct Dot<'a> {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Link target (already relative to the page).
    pub href: String,
    /// Hover text.
    pub title: &'a str,
    /// Dispatch count (sets the radius).
    pub count: usize,
    /// Drawn emphasised (the city of a locator map).
    pub current: bool,
}

impl Outline {
    /// The full map with dots sized by count.
    pub fn render(&self, dots: &[Dot<'_>], small: bool, label: &str) -> String {
        let d = if small { &self.small } else { &self.full };
        let mut s = String::with_capacity(d.len() + dots.len() * 160);
        let _ = write!(
            s,
            r##"<svg class="map{}" viewBox="0 0 {} {}" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg"><path class="land" aria-hidden="true" d="{}"/>"##,
            if small { " map-small" } else { "" },
            self.width,
            self.height,
            crate::escape::html(label),
            d
        );
        let max = dots.iter().map(|d| d.count).max().unwrap_or(1).max(1) as f64;
        for dot in dots {
            let (x, y) = project(dot.lon, dot.lat);
            let r = if small {
                if dot.current { 9.0 } else { 3.0 }
            } else {
                2.5 + 9.0 * (dot.count as f64 / max).sqrt()
            };
            let _ = write!(
                s,
                r##"<a href="{}" aria-label="{t}"><circle class="{}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}"><title>{t}</title></circle></a>"##,
                crate::escape::html(&dot.href),
                if dot.current { "dot current" } else { "dot" },
                t = crate::escape::html(dot.title),
            );
        }
        s.push_str("</svg>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_one_link_per_dot_and_crimea() {
        let o = Outline::embedded();
        let dots = [Dot {
            lat: 48.6,
            lon: 38.0,
            href: "bakhmut/".into(),
            title: "Bakhmut <3>",
            count: 3,
            current: false,
        }];
        let svg = o.render(&dots, false, "Map");
        assert_eq!(svg.matches("<a href=").count(), 1);
        assert!(svg.contains("Bakhmut &lt;3&gt;"));
        // Sevastopol (44.6N, 33.5E) projects inside the drawing's height: Crimea is drawn.
        let (_, y) = project(33.5, 44.6);
        assert!(y < o.height);
        assert!(o.full.matches('M').count() >= 1);
    }
}
