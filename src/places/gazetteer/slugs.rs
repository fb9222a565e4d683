//! Slugs of the gazetteer's places: the bare name when a place is the only one of its name or
//! clearly dominant, else `name-oblast` (`/cities/oleksandrivka-donetsk/`), unique across the
//! gazetteer.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use super::{Place, may_dominate};
use crate::urls::slugify;

/// Unique slugs: the bare name when unique or clearly dominant, else `name-oblast`.
/// Gives every place its slug; returns every slug given and every group's base slug.
pub(super) fn assign_slugs(places: &mut [Place]) -> HashSet<String> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        groups
            .entry(slugify(&p.name).as_str().to_string())
            .or_default()
            .push(i);
    }
    let mut taken: HashSet<String> = HashSet::new();
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    let mut assigned = vec![String::new(); places.len()];
    for base in keys {
        let mut idx = groups[base].clone();
        idx.sort_by_key(|i| {
            (
                std::cmp::Reverse(places[*i].population),
                places[*i].oblast.clone(),
                *i,
            )
        });
        // Codifier-only villages come last and never take the bare slug from another place.
        idx.sort_by_key(|i| places[*i].minor);
        let majors = idx.iter().filter(|i| !places[**i].minor).count();
        let idx_major = &idx[..majors.max(1).min(idx.len())];
        let city_count = idx_major
            .iter()
            .filter(|i| places[**i].kind == "city")
            .count();
        let dominant = if majors == 0 {
            idx.len() == 1
        } else {
            idx_major.len() == 1
                || (city_count == 1 && places[idx[0]].kind == "city")
                || places[idx[0]].population >= 5 * places[idx_major[1]].population.max(1)
                    && places[idx[0]].population >= 10_000
                    && may_dominate(&places[idx[0]])
        };
        for (n, i) in idx.iter().enumerate() {
            let mut slug = if n == 0 && dominant {
                base.clone()
            } else {
                format!("{base}-{}", slugify(places[*i].oblast_short()))
            };
            let stem = slug.clone();
            let mut k = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{stem}-{k}");
                k += 1;
            }
            assigned[*i] = slug;
        }
    }
    for (p, s) in places.iter_mut().zip(assigned) {
        p.slug = slugify(&s);
    }
    taken.extend(groups.into_keys());
    taken
}
