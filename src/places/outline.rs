//! The map outline of Ukraine (Natural Earth, Crimea within Ukraine's internationally
//! recognised border), projected (equirectangular, longitude scaled by cos 48.5°) and simplified
//! (Ramer–Douglas–Peucker) to two detail levels: the full map on `/cities/` and a small locator
//! on each city page.
//!
//! `build.rs` makes it at compile time (this module, by path) and a build decodes it (see
//! `places::embedded`): parsing the GeoJSON took some 4.5 million instructions per build.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

/// The outline data (see `data/NOTICE.md`).
pub const GEOJSON: &str = include_str!("../../data/ukraine-outline.json");
const LON0: f64 = 22.0;
const LAT1: f64 = 52.5;
const SCALE: f64 = 40.0;
const K: f64 = 0.6626; // cos(48.5°)

/// Projected, simplified outlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// SVG path data, full detail.
    pub full: String,
    /// SVG path data, locator detail.
    pub small: String,
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
}

/// Map coordinates of a point.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    ((lon - LON0) * SCALE * K, (LAT1 - lat) * SCALE)
}

impl Outline {
    /// Projects and simplifies an outline given as GeoJSON (a `MultiPolygon` feature).
    pub fn from_geojson(geojson: &str) -> Outline {
        let v: serde_json::Value = serde_json::from_str(geojson).unwrap_or_default();
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
