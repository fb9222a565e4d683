//! One synthetic dispatch of the benchmark corpus: its title, date, cities, tags and Markdown
//! body, drawn from a small PRNG of our own seeded with the corpus seed and the article's
//! index, so that article `i` is the same whatever the corpus size and whichever engine the
//! corpus is for.
//!
//! The PRNG is SplitMix64 (Steele, Lea and Flood 2014; 64 bits of state, a handful of lines)
//! rather than a crate: its stream is fixed here for good, where a crate's sampling methods
//! may change between versions and change the corpus with them, and it compiles nothing.

/// Words of the bodies and titles: no copyrighted text, pure ASCII.
const NOUNS: &str = "road village bridge river convoy shelter school hospital station market field \
trench line position unit brigade battalion soldier medic volunteer driver \
family mother father child neighbour teacher doctor nurse farmer miner engineer \
mayor official officer commander reporter photographer witness resident crowd \
town city district suburb square street building apartment basement roof window \
wall door yard garden forest hill ridge ravine reservoir dam plant factory mine \
warehouse depot railway train bus truck tractor ambulance car fuel water bread \
power grid generator battery cable pipe heating winter summer spring autumn \
morning evening night dawn dusk week month year day hour minute silence noise \
siren alarm drone shell rocket missile mortar tank howitzer radar antenna \
bunker checkpoint corridor front sector flank supply route map plan report \
account story record photograph video letter message call phone signal radio \
ceasefire offensive assault retreat advance counterattack siege blockade \
evacuation aid delivery donation kitchen bakery pharmacy clinic ward bed \
blanket stove candle torch helmet vest uniform boot coat glove ration";

const ADJECTIVES: &str = "quiet loud cold warm wet dry muddy frozen dark bright narrow wide long \
short heavy light old new small large empty crowded damaged burned broken intact \
distant nearby eastern western northern southern central local regional \
exhausted tired patient anxious calm steady careful brief sudden constant \
daily nightly weekly early late final first second third last few several \
many rare frequent hidden open closed safe unsafe fragile stubborn familiar";

const VERBS: &str = "waited walked drove carried repaired counted listened watched reported said \
described explained recalled remembered returned arrived left crossed reached \
held moved shifted collapsed burned rebuilt cleared checked loaded unloaded \
delivered shared cooked slept woke called wrote recorded photographed mapped \
measured warned urged asked answered refused agreed insisted noted added";

/// Function words, repeated to weight them as English does.
const FUNCTION: &str = "the the the a a an and and but or of of of in in on at to to from with \
without near under over behind before after during through across along \
since until while because although as when where that which who this these \
those its their his her our some every each no one two three four";

/// Who is quoted in each dispatch's blockquote.
const ROLES: [&str; 12] = [
    "a volunteer driver",
    "a school teacher",
    "a field medic",
    "a local official",
    "a railway worker",
    "a grandmother",
    "a battalion commander",
    "a nurse",
    "an engineer",
    "a farmer",
    "a shop owner",
    "a priest",
];

/// Title words left in lower case.
const SMALL_WORDS: [&str; 9] = ["a", "an", "the", "of", "in", "on", "at", "to", "and"];

/// First and last second (exclusive) of the dates: 2022-01-01 .. 2026-01-01 UTC.
const DATE_FROM: i64 = 1_640_995_200;
const DATE_UNTIL: i64 = 1_767_225_600;

/// SplitMix64: a 64-bit state advanced by a constant, and a mixing function.
pub(crate) struct Rng(u64);

impl Rng {
    /// The stream of article `index` of the corpus seeded `seed`.
    pub(crate) fn for_article(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ 0x6a09_e667_f3bc_c908);
        let mixed = r.next_u64() ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03);
        Rng(mixed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is below 2^-50 for these sizes).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `k` distinct indices below `n`, in draw order (a partial Fisher–Yates shuffle).
    pub(crate) fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for j in 0..k {
            let r = j + self.below(n - j);
            all.swap(j, r);
        }
        all.truncate(k);
        all
    }

    /// An index drawn with the given cumulative integer weights.
    pub(crate) fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let total = *cumulative.last().expect("weights");
        let x = self.next_u64() % total;
        cumulative.partition_point(|&c| c <= x)
    }
}

/// The vocabulary, split once.
pub(crate) struct Words {
    nouns: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    verbs: Vec<&'static str>,
    function: Vec<&'static str>,
}

impl Words {
    pub(crate) fn new() -> Words {
        let split = |s: &'static str| s.split_whitespace().collect();
        Words {
            nouns: split(NOUNS),
            adjectives: split(ADJECTIVES),
            verbs: split(VERBS),
            function: split(FUNCTION),
        }
    }

    /// One word: 40 % function words, 32 % nouns, 14 % adjectives, 14 % verbs.
    fn word(&self, rng: &mut Rng) -> &'static str {
        let r = rng.unit();
        let list = if r < 0.40 {
            &self.function
        } else if r < 0.72 {
            &self.nouns
        } else if r < 0.86 {
            &self.adjectives
        } else {
            &self.verbs
        };
        rng.pick(list)
    }

    fn words(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        (0..n).map(|_| self.word(rng).to_string()).collect()
    }

    /// Title case, small words left lower.
    fn title_words(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        let mut ws = self.words(rng, n);
        for w in ws.iter_mut().filter(|w| !SMALL_WORDS.contains(&w.as_str())) {
            *w = capitalize(w);
        }
        ws
    }
}

/// One article, as every engine's corpus holds it.
pub(crate) struct Article {
    pub(crate) title: String,
    pub(crate) slug: String,
    /// Seconds since 1970, UTC.
    pub(crate) date: i64,
    pub(crate) cities: Vec<&'static str>,
    pub(crate) tags: Vec<&'static str>,
    pub(crate) body: String,
    /// Words as the body was made (headings, quote, list and paragraphs).
    pub(crate) words: usize,
}

/// The first letter upper-cased.
fn capitalize(w: &str) -> String {
    let mut cs = w.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// Lower case, runs of anything but `a-z0-9` turned into one `-`, trimmed of `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// What makes one article: the vocabulary, the cities with their weights, the tags.
pub(crate) struct Maker<'a> {
    pub(crate) words: &'a Words,
    pub(crate) cities: &'a [&'static str],
    pub(crate) city_weights: &'a [u64],
    pub(crate) tags: &'a [&'static str],
}

impl Maker<'_> {
    /// Article `index` of the corpus seeded `seed`.
    pub(crate) fn article(&self, seed: u64, index: usize) -> Article {
        let rng = &mut Rng::for_article(seed, index as u64);
        let k = rng.between(1, 4);
        let mut cities: Vec<&'static str> = Vec::with_capacity(k);
        while cities.len() < k {
            let c = self.cities[rng.weighted(self.city_weights)];
            if !cities.contains(&c) {
                cities.push(c);
            }
        }
        let n_tags = rng.between(1, 3);
        let tags = rng
            .sample(self.tags.len(), n_tags)
            .into_iter()
            .map(|t| self.tags[t])
            .collect();
        let date = DATE_FROM + rng.below((DATE_UNTIL - DATE_FROM) as usize) as i64;
        let n = rng.between(4, 8);
        let mut tw = self.words.title_words(rng, n);
        tw.insert(rng.between(1, tw.len()), format!("in {}", cities[0]));
        tw[0] = capitalize(&tw[0]);
        let title = tw.join(" ");
        let mut slug: String = slugify(&title).chars().take(70).collect();
        slug = format!("{}-{index}", slug.trim_matches('-'));
        let (body, words) = self.body(rng, &cities);
        Article {
            title,
            slug,
            date,
            cities,
            tags,
            body,
            words,
        }
    }

    /// 600–900 words: paragraphs of 3–6 sentences, a `##` heading before every third one, one
    /// `###` subheading, a blockquote after the third, a bullet list after the fifth, two
    /// links among the first five. Returns the Markdown and its word count.
    fn body(&self, rng: &mut Rng, cities: &[&str]) -> (String, usize) {
        let target = rng.between(600, 900);
        let link_paras = rng.sample(5, 2);
        let (mut blocks, mut words, mut p, mut sub_done) = (Vec::new(), 0, 0, false);
        while words < target {
            if p > 0 && p % 3 == 0 {
                let hw = self.heading(rng, 3, 6);
                words += hw.1;
                blocks.push(format!("## {}", hw.0));
            } else if p == 4 && !sub_done {
                let hw = self.heading(rng, 2, 5);
                words += hw.1;
                blocks.push(format!("### {}", hw.0));
                sub_done = true;
            }
            let (text, n) = self.paragraph(rng, cities, link_paras.contains(&p));
            blocks.push(text);
            words += n;
            if p == 2 {
                let (q, n) = self.sentence(rng, cities, false);
                let (q2, n2) = self.sentence(rng, cities, false);
                let role = rng.pick(&ROLES);
                let city = rng.pick(cities);
                blocks.push(format!("> \"{q} {q2}\"\n>\n> \u{2014} {role} in {city}"));
                words += n + n2 + role.split_whitespace().count() + 2;
            }
            if p == 4 {
                let items: Vec<String> = (0..rng.between(3, 6))
                    .map(|_| {
                        let n = rng.between(4, 10);
                        let mut iw = self.words.words(rng, n);
                        iw[0] = capitalize(&iw[0]);
                        words += iw.len();
                        format!("- {}", iw.join(" "))
                    })
                    .collect();
                blocks.push(items.join("\n"));
            }
            p += 1;
        }
        (blocks.join("\n\n") + "\n", words)
    }

    fn heading(&self, rng: &mut Rng, lo: usize, hi: usize) -> (String, usize) {
        let n = rng.between(lo, hi);
        let mut hw = self.words.title_words(rng, n);
        hw[0] = capitalize(&hw[0]);
        (hw.join(" "), hw.len())
    }

    fn paragraph(&self, rng: &mut Rng, cities: &[&str], with_link: bool) -> (String, usize) {
        let k = rng.between(3, 6);
        let link_at = if with_link { rng.below(k) } else { usize::MAX };
        let (mut parts, mut wc) = (Vec::with_capacity(k), 0);
        for j in 0..k {
            let (s, n) = self.sentence(rng, cities, j == link_at);
            parts.push(s);
            wc += n;
        }
        (parts.join(" "), wc)
    }

    /// One sentence of 8–22 words, sometimes with a place, a distance, emphasis, strong
    /// emphasis or a comma; with `link`, a link to example.org. Returns it and its words.
    fn sentence(&self, rng: &mut Rng, cities: &[&str], link: bool) -> (String, usize) {
        let n = rng.between(8, 22);
        let mut ws = self.words.words(rng, n);
        if rng.chance(0.25) {
            let at = rng.between(1, ws.len() - 1);
            ws.insert(at, format!("near {}", rng.pick(cities)));
        }
        if rng.chance(0.15) {
            let at = rng.between(1, ws.len() - 1);
            ws.insert(at, format!("{} kilometres", rng.between(2, 90)));
        }
        if rng.chance(0.12) {
            let i = rng.between(1, ws.len() - 1);
            ws[i] = format!("*{}*", ws[i]);
        }
        if rng.chance(0.06) && ws.len() > 4 {
            let i = rng.between(1, ws.len() - 2);
            ws[i].insert_str(0, "**");
            ws[i + 1].push_str("**");
        }
        if rng.chance(0.3) {
            let i = rng.between(2, ws.len() - 1);
            ws[i - 1].push(',');
        }
        if link {
            let n = rng.between(2, 4);
            let anchor = self.words.words(rng, n).join(" ");
            let path: Vec<String> = self
                .words
                .words(rng, 2)
                .iter()
                .map(|w| slugify(w))
                .collect();
            let url = format!(
                "https://example.org/reports/{}-{}",
                path.join("-"),
                rng.between(1, 9999)
            );
            let at = rng.between(1, ws.len() - 1);
            ws.insert(at, format!("[{anchor}]({url})"));
        }
        let text = capitalize(&ws.join(" ")) + ".";
        let n = text.split_whitespace().count();
        (text, n)
    }
}
