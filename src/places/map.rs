//! Inline SVG maps of Ukraine: no JavaScript, no tiles, no requests.
//!
//! The outline (Natural Earth, Crimea within Ukraine's internationally recognised border) is
//! embedded, projected once (equirectangular, longitude scaled by cos 48.5°) and simplified
//! (Ramer–Douglas–Peucker) to two detail levels: the full map on `/cities/` and a small
//! locator on each city page. Dots are links with a `<title>` for hover and screen readers.

use std::fmt::Write;

const OUTLINE: &str = include_str!("../../data/ukraine-outline.json");
const LON0: f64 = 22.0;
const LAT1: f64 = 52.5;
const SCALE: f64 = 40.0;
const K: f64 = 0.6626; // cos(48.5°)

/// Projected, simplified outlines.
#[derive(Debug, Clone)]
pub struct Outline {
    full: String,
    small: String,
    width: f64,
    height: f64,
}

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

fn project(lon: f64, lat: f64) -> (f64, f64) {
    ((lon - LON0) * SCALE * K, (LAT1 - lat) * SCALE)
}

impl Outline {
    /// Loads and projects the embedded outline.
    pub fn load() -> Outline {
        let v: serde_json::Value = serde_json::from_str(OUTLINE).unwrap_or_default();
        let polys = v["geometry"]["coordinates"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
        for poly in &polys {
            // Outer ring only: Ukraine's outline has no holes worth drawing at this scale.
            if let Some(ring) = poly.get(0).and_then(|r| r.as_array()) {
                let pts = ring
                    .iter()
                    .filter_map(|p| Some(project(p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                    .collect();
                rings.push(pts);
            }
        }
        let (w, h) = project(40.5, 44.2);
        Outline {
            full: path(&rings, 0.6, 4.0),
            small: path(&rings, 3.0, 60.0),
            width: w.ceil(),
            height: h.ceil(),
        }
    }

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
            crate::markdown::escape_attr(label),
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
                crate::markdown::escape_attr(&dot.href),
                if dot.current { "dot current" } else { "dot" },
                t = crate::markdown::escape_attr(dot.title),
            );
        }
        s.push_str("</svg>");
        s
    }
}

/// SVG path data for rings simplified at `tolerance`, dropping rings smaller than `min_area`.
fn path(rings: &[Vec<(f64, f64)>], tolerance: f64, min_area: f64) -> String {
    let mut s = String::new();
    for ring in rings {
        if area(ring).abs() < min_area {
            continue;
        }
        let pts = simplify(ring, tolerance);
        for (i, (x, y)) in pts.iter().enumerate() {
            let _ = write!(s, "{}{:.0} {:.0}", if i == 0 { "M" } else { "L" }, x, y);
        }
        s.push('Z');
    }
    s
}

fn area(r: &[(f64, f64)]) -> f64 {
    r.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum::<f64>()
        / 2.0
}

/// Ramer–Douglas–Peucker, iterative.
fn simplify(pts: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
    if pts.len() < 3 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0usize, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (mut best, mut idx) = (0.0, 0);
        for i in a + 1..b {
            let d = seg_dist(pts[i], pts[a], pts[b]);
            if d > best {
                best = d;
                idx = i;
            }
        }
        if best > tol {
            keep[idx] = true;
            stack.push((a, idx));
            stack.push((idx, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn seg_dist(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt();
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_one_link_per_dot_and_crimea() {
        let o = Outline::load();
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
