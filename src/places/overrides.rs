//! A site's `cities.toml`: new places, local aliases and descriptions on top of the gazetteer.
//!
//! An entry whose name (and oblast, if given) matches a known place extends it; any other entry
//! adds a place. Errors carry `cities.toml:line:col`.

use std::path::Path;

use serde::Deserialize;

use super::gazetteer::{Gazetteer, Place, Resolution, name_key};
use crate::error::{Error, Location};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCities {
    #[serde(default)]
    city: Vec<RawCity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCity {
    name: String,
    oblast: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    name_uk: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    population: Option<u64>,
    description: Option<String>,
}

/// Applies `<root>/cities.toml` if it exists.
pub fn apply(g: &mut Gazetteer, root: &Path) -> Result<(), Error> {
    let path = root.join("cities.toml");
    if !path.exists() {
        return Ok(());
    }
    let shown = Path::new("cities.toml");
    let text = crate::fs::read_to_string(&path, shown)?;
    let raw: RawCities =
        crate::tomlerr::parse(&text, shown, 0).map_err(|(loc, msg)| Error::Config { loc, msg })?;
    for c in raw.city {
        let line = text
            .lines()
            .position(|l| l.contains(&format!("\"{}\"", c.name)))
            .map_or(0, |i| i + 1);
        apply_one(g, c).map_err(|msg| Error::Config {
            loc: Location::at(shown, line, 0),
            msg,
        })?;
    }
    g.reindex();
    Ok(())
}

fn apply_one(g: &mut Gazetteer, c: RawCity) -> Result<(), String> {
    let RawCity {
        name,
        oblast,
        aliases,
        name_uk,
        lat,
        lon,
        population,
        description,
    } = c;
    let written = match &oblast {
        Some(o) => format!("{name} ({o})"),
        None => name.clone(),
    };
    let existing = match g.resolve(&written) {
        Resolution::Found(id) if name_key(&g.get(id).name) == name_key(&name) => Some(id),
        Resolution::Ambiguous(ids) => {
            let list: Vec<String> = ids.iter().map(|id| g.get(*id).qualified_name()).collect();
            return Err(format!(
                "`{name}` matches several places ({}); add `oblast = \"…\"` to pick one",
                list.join(", ")
            ));
        }
        _ => None,
    };
    let id = match existing {
        Some(id) => id,
        None => g.push(Place::local(&name, oblast.as_deref().unwrap_or_default())),
    };
    let p = g.get_mut(id);
    for a in aliases {
        if !p.aliases.contains(&a) {
            p.aliases.push(a);
        }
    }
    if let Some(v) = name_uk {
        p.name_uk = v;
    }
    if lat.is_some() && lon.is_some() {
        p.lat = lat;
        p.lon = lon;
    }
    if let Some(v) = population {
        p.population = v;
    }
    if description.is_some() {
        p.description = description;
    }
    Ok(())
}
