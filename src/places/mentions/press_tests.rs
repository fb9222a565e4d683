//! Tests of the matcher on the phrasing of news reports (wire copy, Ukrainian outlets): the
//! adjective "український" at the start of a sentence, oblasts' own names that villages bear,
//! a mayor named with the city, salients and offensives.

use super::tests::{names, shared};

/// Places found in `text`, with a dispatch city, as "Name (Oblast)".
fn qualified_with(text: &str, own: &str) -> Vec<String> {
    let (g, m) = shared();
    let own = match g.resolve(own) {
        super::super::Resolution::Found(id) => id,
        other => panic!("{other:?}"),
    };
    let mut v: Vec<String> = m
        .find(text, &[own], g)
        .into_iter()
        .map(|id| g.get(id).qualified_name())
        .collect();
    v.sort();
    v
}

#[test]
fn ukrainian_adjectives_at_a_sentence_start_are_not_ukrainsk() {
    for text in [
        "Українська армія відступила з позицій.",
        "Бої тривають. Українські військові відбили штурм.",
        "Українське радіо повідомило.",
        "Українську делегацію очолив міністр.",
        "Слов’янська ТЕС знеструмлена.",
    ] {
        assert!(
            names(text, &[]).is_empty(),
            "{text}: {:?}",
            names(text, &[])
        );
    }
    // The town itself is still found in its case forms.
    assert_eq!(names("Бої біля Українська тривають.", &[]), ["Ukrainsk"]);
    assert_eq!(names("Вибухи у Покровську.", &[]), ["Pokrovsk"]);
    assert_eq!(names("Тиша в Українську.", &[]), ["Ukrainsk"]);
}

#[test]
fn an_oblasts_own_name_is_never_the_village_of_that_name() {
    // Харківщина is also a village in Sumy Oblast, 10 km from Sumy.
    assert!(qualified_with("Ворог атакував Харківщину вночі.", "Sumy").is_empty());
    assert_eq!(
        names(
            "Ворог атакував Сумщину і Харківщину: Білопілля під ударом.",
            &[]
        ),
        ["Bilopillia"]
    );
    assert!(names("На Буковині тихо.", &[]).is_empty());
    // "на Запоріжжі" is the oblast; "у Запоріжжі" the city.
    assert!(names("На Запоріжжі ворог завдав 500 ударів.", &[]).is_empty());
    assert_eq!(
        names("У Запоріжжі пролунали вибухи.", &[]),
        ["Zaporizhzhia"]
    );
}

#[test]
fn a_title_before_a_citys_case_form_is_the_citys_title() {
    assert_eq!(names("Мер Харкова Ігор Терехов заявив.", &[]), ["Kharkiv"]);
    assert_eq!(
        names("Міський голова Мелітополя Іван Федоров.", &[]),
        ["Melitopol"]
    );
}

#[test]
fn salients_and_offensives_are_areas() {
    assert!(names("Russian forces tried to cut off the Siversk salient.", &[]).is_empty());
    assert!(names("the Kharkiv offensive of May 2024", &[]).is_empty());
    assert_eq!(names("Russian forces entered Siversk.", &[]), ["Siversk"]);
}
