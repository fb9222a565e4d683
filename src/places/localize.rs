//! Place names in the language of an edition: the Ukrainian edition shows every place by its
//! Ukrainian name from the gazetteer (Бахмут, Часів Яр) and its oblast by the oblast's
//! official Ukrainian name. Slugs, and so URLs, stay the same in every edition.

use super::Gazetteer;

/// The official Ukrainian names of the oblasts and cities with special status, by ISO 3166-2
/// code (Constitution of Ukraine, art. 133).
const OBLASTS_UK: [(&str, &str); 27] = [
    ("UA-05", "Вінницька область"),
    ("UA-07", "Волинська область"),
    ("UA-09", "Луганська область"),
    ("UA-12", "Дніпропетровська область"),
    ("UA-14", "Донецька область"),
    ("UA-18", "Житомирська область"),
    ("UA-21", "Закарпатська область"),
    ("UA-23", "Запорізька область"),
    ("UA-26", "Івано-Франківська область"),
    ("UA-30", "Київ"),
    ("UA-32", "Київська область"),
    ("UA-35", "Кіровоградська область"),
    ("UA-40", "Севастополь"),
    ("UA-43", "Автономна Республіка Крим"),
    ("UA-46", "Львівська область"),
    ("UA-48", "Миколаївська область"),
    ("UA-51", "Одеська область"),
    ("UA-53", "Полтавська область"),
    ("UA-56", "Рівненська область"),
    ("UA-59", "Сумська область"),
    ("UA-61", "Тернопільська область"),
    ("UA-63", "Харківська область"),
    ("UA-65", "Херсонська область"),
    ("UA-68", "Хмельницька область"),
    ("UA-71", "Черкаська область"),
    ("UA-74", "Чернівецька область"),
    ("UA-77", "Чернігівська область"),
];

/// The Ukrainian name of the oblast with this ISO 3166-2 code.
pub fn oblast_uk(iso: &str) -> Option<&'static str> {
    OBLASTS_UK.iter().find(|(c, _)| *c == iso).map(|(_, n)| *n)
}

impl Gazetteer {
    /// Whether [`Gazetteer::localize`] renames places for an edition in `lang`.
    pub fn localizes(lang: &str) -> bool {
        lang.split('-').next() == Some("uk")
    }

    /// Names every place as the edition in `lang` shows it: Ukrainian names for `uk`
    /// (places without one keep theirs); other languages keep the gazetteer's English names.
    pub fn localize(&mut self, lang: &str) {
        if !Gazetteer::localizes(lang) {
            return;
        }
        for i in 0..self.len() {
            let p = self.get_mut(super::PlaceId(i as u32));
            if !p.name_uk.is_empty() {
                p.name = p.name_uk.clone();
            }
            if let Some(o) = oblast_uk(&p.oblast_iso) {
                p.oblast = o.into();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ukrainian_edition_names_places_in_ukrainian() {
        let mut g = super::Gazetteer::embedded();
        let id = g.lookup("Bakhmut")[0];
        let slug = g.get(id).slug.clone();
        g.localize("uk");
        assert_eq!(&*g.get(id).name, "Бахмут");
        assert_eq!(&*g.get(id).oblast, "Донецька область");
        assert_eq!(g.get(id).slug, slug);
    }
}
