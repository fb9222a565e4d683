//! A site's `cities.toml`: new places, local aliases and descriptions on top of the gazetteer.
//!
//! An entry whose name (and oblast, if given) matches a known place extends it; any other entry
//! adds a place. A `[guards]` table adds words to the mention guards (organisations, first
//! names, area words; see `mentions::GuardWords`). Errors carry `cities.toml:line:col`.

use std::path::Path;

use serde::Deserialize;

use super::gazetteer::{Gazetteer, Place, Resolution, name_key};
use super::mentions::GuardWords;
use crate::error::{Error, Location};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCities {
    #[serde(default)]
    city: Vec<RawCity>,
    /// Words that keep names from counting as mentions (see `mentions::GuardWords`).
    guards: Option<GuardWords>,
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

/// What applying `cities.toml` changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    /// A place was added, or a place gained a name (alias, Ukrainian name): the name index
    /// and the mention matcher must be made again.
    pub names: bool,
    /// A population changed (which can decide slugs): the name index must be made again.
    pub population: bool,
    /// Guard words the site adds (`[guards]`): the matcher must take them.
    pub guards: Option<GuardWords>,
}

/// Applies `<root>/cities.toml` if it exists; says what it changed (the gazetteer is
/// reindexed as needed).
pub fn apply(g: &mut Gazetteer, root: &Path) -> Result<Changed, Error> {
    let path = root.join("cities.toml");
    let mut changed = Changed::default();
    if !path.exists() {
        return Ok(changed);
    }
    let shown = Path::new("cities.toml");
    let text = crate::fs::read_to_string(&path, shown)?;
    let raw: RawCities =
        crate::tomlerr::parse(&text, shown, 0).map_err(|(loc, msg)| Error::Config { loc, msg })?;
    let RawCities { city, guards } = raw;
    changed.guards = guards;
    for c in city {
        let line = text
            .lines()
            .position(|l| l.contains(&format!("\"{}\"", c.name)))
            .map_or(0, |i| i + 1);
        apply_one(g, c, &mut changed).map_err(|msg| Error::Config {
            loc: Location::at(shown, line, 0),
            msg,
        })?;
    }
    if changed.names || changed.population {
        g.reindex();
    }
    Ok(changed)
}

fn apply_one(g: &mut Gazetteer, c: RawCity, changed: &mut Changed) -> Result<(), String> {
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
        None => {
            changed.names = true;
            g.push(Place::local(&name, oblast.as_deref().unwrap_or_default()))
        }
    };
    let p = g.get_mut(id);
    for a in aliases {
        if !p.aliases.iter().any(|x| *x == a) {
            p.aliases.push(a.into());
            changed.names = true;
        }
    }
    if let Some(v) = name_uk
        && p.name_uk != v
    {
        p.name_uk = v.into();
        changed.names = true;
    }
    if lat.is_some() && lon.is_some() {
        p.lat = lat;
        p.lon = lon;
    }
    if let Some(v) = population
        && v != p.population
    {
        p.population = v;
        changed.population = true;
    }
    if description.is_some() {
        p.description = description;
    }
    Ok(())
}
