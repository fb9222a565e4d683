"""Hand-kept editorial lists for the gazetteer build. Every entry says why it is here.

Places are keyed by (canonical name, ISO 3166-2 oblast code); the build fails if a key does not resolve to exactly
one place, so a typo or a changed upstream name is caught instead of silently ignored.
"""

# ------------------------------------------------------------------------------------------------------------------
# Canonical names that deliberately differ from KMU-2010 of the KATOTTG name (the sample's exception list).
CANONICAL_OVERRIDES = {
    # KATOTTG (after the Verkhovna Rada's renaming of Sept 2024): Сіверськодонецьк -> KMU 'Siverskodonetsk'.
    # English-language reporting uses 'Sievierodonetsk' (KMU of the pre-2024 name Сєвєродонецьк); kept as the
    # canonical name, 'Siverskodonetsk' becomes an alias.
    ('Siverskodonetsk', 'UA-09'): 'Sievierodonetsk',
}

# ------------------------------------------------------------------------------------------------------------------
# Keys: (canonical name, oblast ISO) or (canonical name, oblast ISO, geonameid) where the oblast has namesakes.
# Former names that are now the name of another place in the SAME oblast are left out (Berdiansk's Osypenko,
# Pokrovsk's Hryshyne): the oblast could not disambiguate them.
# Former names and renames: added as aliases even when GeoNames lacks them or the automatic filters would drop them
# (a former name that is now another place's name, or a name spelled the same in Ukrainian and Russian, has no
# Ukrainian/Russian pair in GeoNames to vouch for it). Latin and Cyrillic spellings, one comment per entry.
# Former names of codifier-only villages, by KATOTTG code: renamings the codifier already has and no packaged source
# records (GeoNames' smaller records lack these villages). One comment per entry: when, and the source.
CODIFIER_FORMER_NAMES = {
    # Luhansk Oblast, Svatove Raion: Невське -> Балка Журавка, Verkhovna Rada renaming of 2024 (places "containing the
    # symbols of Russian imperial policy"); en.wikipedia "Balka Zhuravka" ("formerly known as Nevske")
    'UA44100050060052037': ['Nevske', "Nevs'ke", 'Невське'],
}

FORMER_NAMES = {
    ('Bakhmut', 'UA-14'): ['Artemivsk', 'Artemovsk', 'Artyomovsk', 'Артемівськ', 'Артемовск', 'Артёмовск'],  # 1924-2016
    ('Dnipro', 'UA-12'): ['Dnipropetrovsk', 'Dnepropetrovsk', 'Дніпропетровськ', 'Днепропетровск',       # 1926-2016
                          'Katerynoslav', 'Yekaterinoslav', 'Ekaterinoslav', 'Катеринослав', 'Екатеринослав'],  # to 1926
    ('Mariupol', 'UA-14'): ['Zhdanov', 'Жданов'],                                                          # 1948-1989
    # (not its pre-1934 name Hryshyne/Grishino: a village near Pokrovsk has that name today)
    ('Pokrovsk', 'UA-14'): ['Krasnoarmiisk', 'Krasnoarmeysk', 'Krasnoarmeisk', 'Красноармійськ', 'Красноармейск'],  # 1964-2016
    ('Toretsk', 'UA-14'): ['Dzerzhynsk', 'Dzerzhinsk', 'Дзержинськ', 'Дзержинск'],                         # 1938-2016
    ('Sievierodonetsk', 'UA-09'): ['Siverskodonetsk', 'Severodonetsk', 'Сєвєродонецьк', 'Северодонецк'],  # 2024 rename / Russian
    ('Lyman', 'UA-14'): ['Krasnyi Lyman', 'Krasny Liman', 'Krasnyy Liman', 'Красний Лиман', 'Красный Лиман'],  # 1925-2016
    ('Kropyvnytskyi', 'UA-35'): ['Kirovohrad', 'Kirovograd', 'Кіровоград', 'Кировоград',                  # 1939-2016
                                 'Yelysavethrad', 'Elisavetgrad', 'Єлисаветград', 'Елисаветград'],         # to 1924
    ('Kamianske', 'UA-12', 709932): ['Dniprodzerzhynsk', 'Dneprodzerzhinsk', 'Дніпродзержинськ', 'Днепродзержинск'],  # 1936-2016
    ('Khmelnytskyi', 'UA-68'): ['Proskuriv', 'Proskurov', 'Проскурів', 'Проскуров'],                       # to 1954
    ('Horishni Plavni', 'UA-53'): ['Komsomolsk', 'Комсомольськ', 'Комсомольск'],                           # 1961-2016
    ('Myrnohrad', 'UA-14'): ['Dymytrov', 'Dimitrov', 'Димитров'],                                          # 1972-2016
    ('Kadiivka', 'UA-09'): ['Stakhanov', 'Стаханов'],                                                      # 1978-2016
    ('Alchevsk', 'UA-09'): ['Kommunarsk', 'Komunarsk', 'Комунарськ', 'Коммунарск'],                        # 1961-1991
    ('Dovzhansk', 'UA-09'): ['Sverdlovsk', 'Свердловськ', 'Свердловск'],                                   # 1938-2016
    ('Khrustalnyi', 'UA-09'): ['Krasnyi Luch', 'Krasny Luch', 'Красний Луч', 'Красный Луч'],               # 1920-2016
    ('Sorokyne', 'UA-09'): ['Krasnodon', 'Краснодон'],                                                     # 1938-2016
    ('Chornomorsk', 'UA-51'): ['Illichivsk', 'Ilyichevsk', 'Іллічівськ', 'Ильичёвск', 'Ильичевск'],        # 1952-2016
    ('Ivano-Frankivsk', 'UA-26'): ['Stanyslaviv', 'Stanislav', 'Станіслав', 'Станислав'],                  # to 1962
    ('Zviahel', 'UA-18'): ['Novohrad-Volynskyi', 'Novograd-Volynsky', 'Новоград-Волинський', 'Новоград-Волынский'],  # 1795-2022
    ('Pereiaslav', 'UA-32'): ['Pereiaslav-Khmelnytskyi', 'Pereyaslav-Khmelnitsky', 'Переяслав-Хмельницький',
                              'Переяслав-Хмельницкий'],                                                    # 1943-2019
    ('Podilsk', 'UA-51'): ['Kotovsk', 'Котовськ', 'Котовск'],                                              # 1935-2016
    ('Bilhorod-Dnistrovskyi', 'UA-51'): ['Akkerman', 'Аккерман'],                                          # to 1944
    ('Samar', 'UA-12'): ['Novomoskovsk', 'Новомосковськ', 'Новомосковск'],                                 # 1794-2024
    ('Pivdennoukrainsk', 'UA-48'): ['Yuzhnoukrainsk', 'Южноукраїнськ', 'Южноукраинск'],                    # 1987-2024
    ('Luhansk', 'UA-09'): ['Voroshylovhrad', 'Voroshilovgrad', 'Ворошиловград'],                           # 1935-58, 1970-90
    ('Chystiakove', 'UA-14'): ['Torez', 'Торез'],                                                          # 1964-2016
    ('Khrestivka', 'UA-14'): ['Kirovske', 'Kirovskoye', 'Кіровське', 'Кировское'],                         # 1958-2016
    ('Niu-York', 'UA-14'): ['New York', 'Novhorodske', 'Novgorodskoye', 'Новгородське', 'Новгородское'],   # renamed 2021
    ('Soledar', 'UA-14'): ['Karlo-Libknekhtivsk', 'Карло-Лібкнехтівськ'],                                  # 1926-1991
    ('Pokrov', 'UA-12'): ['Ordzhonikidze', 'Орджонікідзе'],                                                # 1956-2016
    ('Oleshky', 'UA-65'): ['Tsiurupynsk', 'Tsyurupynsk', 'Цюрупинськ', 'Цюрупинск'],                       # 1928-2016
    ('Holubivka', 'UA-09', 705809): ['Kirovsk', 'Кіровськ', 'Кировск'],                                            # 1944-2016
    ('Zaporizhzhia', 'UA-23', 687700): ['Oleksandrivsk', 'Aleksandrovsk', 'Олександрівськ', 'Александровск'],      # to 1921
    ('Kalmiuske', 'UA-14'): ['Komsomolske', 'Komsomolskoye', 'Комсомольське', 'Комсомольское'],            # to 2016
    ('Avdiivske', 'UA-14'): ['Pervomaiske', 'Pervomayske', 'Первомайське', 'Первомайское'],                # to 2024
}

# ------------------------------------------------------------------------------------------------------------------
# Spellings the wire services use that no registry romanisation produces (the apostrophe and soft sign of Мар'їнка
# written as "ii"; doubled consonants dropped). Checked against Reuters/AP/BBC usage; added like FORMER_NAMES.
WIRE_SPELLINGS = {
    ('Marinka', 'UA-14'): ['Mariinka'],                                 # Reuters, AP, BBC
    ('Zaporizhzhia', 'UA-23', 687700): ['Zaporizhia'],                   # one "zh" dropped (Guardian, some wires)
    ('Huliaipole', 'UA-23'): ['Hulyaipole', 'Gulyaipole'],               # AP; Russian-based
    ('Polohy', 'UA-23'): ['Pology'],                                     # Russian-based, in wire copy from 2023
}

# ------------------------------------------------------------------------------------------------------------------
# Aliases that pass the automatic filters but are wrong or harmful (nicknames, proposals, unrelated places).
DROP_ALIASES = {
    ('Lutsk', 'UA-07'): ['Luck'],                    # scholarly/Polish (Łuck) form; an English word
    ('Poltava', 'UA-53'): ['Польтова', "Pol'tova"],  # not a Russian or Ukrainian spelling (Russian: Полтава)
    ('Uman', 'UA-71'): ['Куман', 'Kuman'],           # not a name of Uman in Ukrainian or Russian
    ('Yerky', 'UA-71'): ['Jerky'],                   # scholarly j-form of Єрки; an English word
    ('Voronizh', 'UA-59'): ['Voronezh', 'Воронеж'],  # Russian name of this village, but in reporting = the Russian city
    ('Mohyliv', 'UA-12'): ['Mogilev', 'Могилев'],    # idem: Mogilev is the Belarusian city
}

# Populations where GeoNames gives a wartime count: the matcher takes a city's size for how well known its name is,
# and an oblast centre counts as one (REGIONAL in src/places/mentions/context.rs). The State Statistics Service of
# Ukraine's estimate of 1 January 2022.
POPULATION = {
    ('Kherson', 'UA-65'): 279131,  # GeoNames (cities500, 2024): 66,000
}

# name_ru where the automatic choice (build_gazetteer.pick_name_ru) is wrong
NAME_RU = {
    ('Samar', 'UA-12'): 'Самар',        # renamed 2024 from Новомосковськ; GeoNames offers only the old Самарчик
    ('Niu-York', 'UA-14'): 'Нью-Йорк',  # GeoNames also has the rarer Нью-Ёрк
}

# ------------------------------------------------------------------------------------------------------------------
# GeoNames places below the 1,000-people cut that are included anyway (front-line villages; coordinates and ids
# from GeoNames, so they need no supplement entry). Keyed by geonameid, with the expected GeoNames name as a check.
EXTRA_GEONAMEIDS = {
    703861: 'Krynky',          # Kherson Oblast, left-bank bridgehead 2023-24
    9114393: 'Urozhaine',      # Donetsk Oblast, 2023 counteroffensive (Velyka Novosilka direction)
    692812: 'Staromaiorske',   # Donetsk Oblast, idem
    9112922: 'Novobakhmutivka',  # Donetsk Oblast, Avdiivka/Ocheretyne direction 2024
    9113127: 'Opytne',         # Donetsk Oblast, Avdiivka suburb (not the Opytne near Bakhmut)
    703633: 'Kurdyumivka',     # Donetsk Oblast, south of Bakhmut
    691608: 'Terny',           # Donetsk Oblast, Lyman direction
}

# ------------------------------------------------------------------------------------------------------------------
# `frontline` flag: places where ground fighting took place, or that lay on or within a few km of the line of
# contact, for a sustained time since 24 Feb 2022 (editorial judgement, not a live map). The 40-place sample's
# front-line places plus well-known others; every supplement place is front-line too (flag set in supplement.toml).
# Regional capitals other than Kherson, Donetsk and Mariupol are not flagged (brief fighting at their edges only).
FRONTLINE = [
    # from the 40-place sample
    ('Bakhmut', 'UA-14'), ('Soledar', 'UA-14'), ('Chasiv Yar', 'UA-14'), ('Avdiivka', 'UA-14'), ('Pokrovsk', 'UA-14'),
    ('Vuhledar', 'UA-14'), ('Lyman', 'UA-14'), ('Izium', 'UA-63'), ('Kupiansk', 'UA-63'), ('Sievierodonetsk', 'UA-09'),
    ('Lysychansk', 'UA-09'), ('Toretsk', 'UA-14'), ('Kostiantynivka', 'UA-14'), ('Orikhiv', 'UA-23'),
    ('Huliaipole', 'UA-23'), ('Marinka', 'UA-14'), ('Siversk', 'UA-14'), ('Kurakhove', 'UA-14'), ('Vovchansk', 'UA-63'),
    ('Nova Kakhovka', 'UA-65'), ('Kherson', 'UA-65'), ('Donetsk', 'UA-14'), ('Mariupol', 'UA-14'),
    ('Enerhodar', 'UA-23'), ('Nikopol', 'UA-12'), ('Bucha', 'UA-32'), ('Irpin', 'UA-32'), ('Hostomel', 'UA-32'),
    # others (present in GeoNames)
    ('Krynky', 'UA-65'), ('Kozachi Laheri', 'UA-65'), ('Oleshky', 'UA-65'), ('Hola Prystan', 'UA-65'),
    ('Urozhaine', 'UA-14'), ('Staromaiorske', 'UA-14'), ('Velyka Novosilka', 'UA-14'), ('Verbove', 'UA-23'),
    ('Mala Tokmachka', 'UA-23'), ('Stepnohirsk', 'UA-23'), ('Novobakhmutivka', 'UA-14'), ('Ocheretyne', 'UA-14'),
    ('Krasnohorivka', 'UA-14'), ('Selydove', 'UA-14'), ('Myrnohrad', 'UA-14'), ('Novohrodivka', 'UA-14'),
    ('Hirnyk', 'UA-14'), ('Ukrainsk', 'UA-14'), ('Niu-York', 'UA-14'), ('Zalizne', 'UA-14'), ('Kreminna', 'UA-09'),
    ('Popasna', 'UA-09'), ('Bilohorivka', 'UA-09'), ('Torske', 'UA-14'), ('Lyptsi', 'UA-63'), ('Dvorichna', 'UA-63'),
    ('Avdiivske', 'UA-14'), ('Kurdiumivka', 'UA-14'), ('Terny', 'UA-14'),
]

# ------------------------------------------------------------------------------------------------------------------
# `ordinary` flag, besides the automatic check against the word list (a name or Latin alias that is a lower-case
# entry of /usr/share/dict/words): common capitalised English words/phrases a reader would use in prose.
# Also names that English prose uses for something else: a given name, a foreign city.
ORDINARY_EXTRA = {
    'new york',     # Niu-York (Donetsk Oblast), officially so named since 2021; in prose: the US city
    'nikita',       # Nikita (Crimea): a given name
    'poznan',       # Poznan (Rivne Oblast, village Познань): the Polish city
    'hromada',      # Hromada (Zhytomyr Oblast, village Громада): in English about Ukraine, a territorial community
}
# word-list hits that are not words an English text would use in prose (checked by hand)
ORDINARY_EXCLUDE = set()

# ------------------------------------------------------------------------------------------------------------------
# Kind for GeoNames places with no KATOTTG match (KATOTTG has no settlements under Sevastopol; some Crimean
# places are known to GeoNames only by names KATOTTG does not use). Default when absent: see build_gazetteer.py.
KIND_UNMATCHED = {
    712576: 'city',        # Inkerman (Sevastopol): a city under Ukrainian law
    707281: 'settlement',  # Kacha (Sevastopol): urban-type settlement before 2014
    689905: 'village',     # Verkhnosadove (Sevastopol)
    698391: 'village',     # Orlyne (Sevastopol)
    691634: 'village',     # Ternivka (Sevastopol)
    693903: 'village',     # Shturmove (Sevastopol)
    713734: 'village',     # Andriivka (Sevastopol)
    709085: 'village',     # Frontove (Sevastopol)
}

# GeoNames records that are city districts but escape the automatic district rule (see build_gazetteer.is_district)
DISTRICTS = {
    13645636: 'Yaponka',      # Simferopol neighbourhood
    13645637: 'Abissinka',    # Simferopol neighbourhood
    691605: 'Terny',          # Kryvyi Rih city district (the city is 60 km long: outside the automatic radius)
    689697: 'Veseli Terny',   # Kryvyi Rih neighbourhood
    13631346: 'Zuhres-2',     # part of the city of Zuhres
    706925: 'Komyshova Bukhta',  # Sevastopol neighbourhood (Kamyshovaya Bukhta)
    712796: 'Barteniyivka',   # Sevastopol neighbourhood (North Side)
}
