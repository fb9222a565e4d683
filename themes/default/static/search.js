// The search page's script, the only script of the site: a small interface over Pagefind's
// JavaScript API (pagefind/pagefind.js, built with the site). Nothing loads from another host.
const form = document.getElementById('search');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const more = document.getElementById('search-more');
const { q, city, year, sort } = form.elements;
const root = form.dataset.root;
// The page's language's texts (data-* attributes of the form, from the translation table):
// one form per CLDR plural category for counts, picked with the page language's rules.
const text = form.dataset;
const plural = new Intl.PluralRules(document.documentElement.lang || undefined);
const PER = 10;
let pagefind;
let seq = 0;
let found = [];
let shown = 0;

function counted(n) {
  const cat = plural.select(n);
  const form = text[`found${cat[0].toUpperCase()}${cat.slice(1)}`] ?? text.foundOther;
  return form.replaceAll('{count}', String(n));
}

function options(select, counts, newestFirst) {
  const names = Object.keys(counts || {}).sort((a, b) => a.localeCompare(b));
  if (newestFirst) names.reverse();
  for (const name of names) select.add(new Option(`${name} (${counts[name]})`, name));
}

function fromUrl() {
  const p = new URLSearchParams(location.search);
  for (const el of [q, city, year, sort]) el.value = p.get(el.name) ?? '';
  if (city.selectedIndex < 0) city.value = '';
  if (year.selectedIndex < 0) year.value = '';
}

function toUrl() {
  const p = new URLSearchParams();
  for (const el of [q, city, year, sort]) if (el.value) p.set(el.name, el.value);
  const s = p.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
}

function item(d) {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = root + d.url.replace(/^\//, '');
  a.textContent = d.meta.title || d.url;
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = [d.meta.place, d.meta.date].filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  // Pagefind's excerpt is escaped text with <mark> around the words found.
  excerpt.innerHTML = d.excerpt;
  li.append(h, meta, excerpt);
  return li;
}

async function showMore() {
  const mine = seq;
  const next = await Promise.all(found.slice(shown, shown + PER).map((r) => r.data()));
  if (mine !== seq) return;
  list.append(...next.map(item));
  shown += next.length;
  more.hidden = shown >= found.length;
}

async function run() {
  const mine = ++seq;
  const term = q.value.trim();
  toUrl();
  if (!term && !city.value && !year.value) {
    found = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = '';
    return;
  }
  const filters = {};
  if (city.value) filters.city = city.value;
  if (year.value) filters.year = year.value;
  const opts = { filters };
  if (sort.value) opts.sort = { date: sort.value };
  const res = await pagefind.search(term || null, opts);
  if (mine !== seq || !res) return;
  // The first results are fetched before anything changes on the page: the list and the
  // status (a live region) are then updated together, never a count over an empty list.
  const first = await Promise.all(res.results.slice(0, PER).map((r) => r.data()));
  if (mine !== seq) return;
  found = res.results;
  shown = first.length;
  list.replaceChildren(...first.map(item));
  more.hidden = shown >= found.length;
  const n = found.length;
  status.textContent = n === 0 ? text.none : counted(n);
}

async function start() {
  try {
    // data-bundle is relative to the page (/uk/search/ has /uk/pagefind/); import() alone
    // would resolve it against this script's address, the site root's.
    pagefind = await import(new URL(`${form.dataset.bundle}pagefind.js`, document.baseURI).href);
    // The index holds URLs relative to its edition's root, and `root` leads there from this
    // page: Pagefind's default base (the index's folder, /uk/ or a sub-path the site is
    // published under) would be put in front of them a second time.
    await pagefind.options({ excerptLength: 24, baseUrl: '/' });
    const filters = await pagefind.filters();
    options(city, filters.city, false);
    options(year, filters.year, true);
  } catch (e) {
    status.textContent = text.failed;
    return;
  }
  document.getElementById('search-nojs').hidden = true;
  form.hidden = false;
  fromUrl();
  let timer;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  for (const el of [city, year, sort]) el.addEventListener('change', run);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener('click', showMore);
  if (q.value || city.value || year.value) run();
}

start();
