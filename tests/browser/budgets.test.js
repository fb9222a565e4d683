// Page-weight budgets of the bundled blog (uncompressed bytes, photos aside): every dispatch's
// HTML plus its CSS within 30 KB, the front page's within 40 KB, one small stylesheet and no
// JavaScript. Needs no browser, so it never skips. A live page (#25) is one page however many
// updates it has: the budget applies to its first screen (everything before its third update:
// the intro, the key events and the two newest updates), and its whole weight is printed.
// The other page types (lists: the month archive, a month, cities, topics; standalone pages;
// the search page, whose one script is its own; the Ukrainian edition's pages) are held to
// the front page's budget (lists) or a dispatch's (single pages).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from './helpers.js';

const KB = 1024;
const ARTICLE_BUDGET = 30 * KB;
const FRONT_BUDGET = 40 * KB;
const CSS_BUDGET = 12 * KB;

const out = buildSite();
after(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

/// The HTML a reader gets on the first screen: all of it, but for a live page the part before
/// its third update.
function firstScreen(html) {
  const starts = [...html.matchAll(/<article class="update\b/g)].map((m) => m.index);
  return starts.length > 2 ? html.slice(0, starts[2]) : html;
}

function weigh(rel, { script = null } = {}) {
  const file = path.join(out, rel);
  const whole = fs.readFileSync(file, 'utf8');
  const html = firstScreen(whole);
  const sheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)]
    .map((m) => /href="([^"]+)"/.exec(m[0])[1]);
  assert.equal(sheets.length, 1, `${rel}: one stylesheet, got ${sheets.join(', ')}`);
  assert.ok(!/^[a-z]+:|^\/\//i.test(sheets[0]), `${rel}: the stylesheet is local (${sheets[0]})`);
  const css = fs.statSync(path.join(path.dirname(file), sheets[0])).size;
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/type="application\/ld\+json"/.test(m[1]));
  if (script) {
    assert.equal(scripts.length, 1, `${rel}: one script`);
    assert.match(scripts[0][1], script, `${rel}: its own script`);
  } else {
    assert.equal(scripts.length, 0, `${rel}: no JavaScript`);
  }
  return { html: Buffer.byteLength(html), css, whole: Buffer.byteLength(whole) };
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const files = fs.readdirSync(out, { recursive: true }).map((f) => f.split(path.sep).join('/'));
const dispatches = files.filter((f) => /^\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(f));
const ukDispatches = files.filter((f) => /^uk\/\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(f));

test('the bundled blog has dispatches to weigh', () => {
  assert.ok(dispatches.length > 0, 'no dispatch pages in the build');
  assert.ok(dispatches.some((f) => /kramatorsk-station-live/.test(f)), 'the live page is weighed');
});

test(`every dispatch page, in both editions: HTML + CSS ≤ ${ARTICLE_BUDGET / KB} KB`, () => {
  assert.ok(ukDispatches.length > 0, 'no Ukrainian dispatch pages in the build');
  const rows = [...dispatches, ...ukDispatches].map((f) => ({ f, ...weigh(f) })).sort((a, b) => b.html - a.html);
  for (const r of rows) {
    const live = r.whole > r.html ? ` (live page, first screen; whole page ${kb(r.whole)})` : '';
    console.log(`budget: ${r.f}: HTML ${kb(r.html)} + CSS ${kb(r.css)} = ${kb(r.html + r.css)} of ${kb(ARTICLE_BUDGET)}${live}`);
  }
  const over = rows.filter((r) => r.html + r.css > ARTICLE_BUDGET);
  assert.deepEqual(over.map((r) => r.f), [], 'dispatches over budget');
});

test(`front page: HTML + CSS ≤ ${FRONT_BUDGET / KB} KB`, () => {
  const w = weigh('index.html');
  console.log(`budget: front page: HTML ${kb(w.html)} + CSS ${kb(w.css)} = ${kb(w.html + w.css)} of ${kb(FRONT_BUDGET)}`);
  assert.ok(w.html + w.css <= FRONT_BUDGET, `front page weighs ${kb(w.html + w.css)}`);
});

// The other page types, each with the budget of its kind.
const OTHERS = [
  ['month archive', 'archive/index.html', FRONT_BUDGET],
  ['month page', 'archive/2023/02/index.html', FRONT_BUDGET],
  ['cities index', 'cities/index.html', FRONT_BUDGET],
  ['city page', 'cities/bakhmut/index.html', FRONT_BUDGET],
  ['topics index', 'tags/index.html', FRONT_BUDGET],
  ['standalone page', 'about/index.html', ARTICLE_BUDGET],
  ['standalone page', 'corrections/index.html', ARTICLE_BUDGET],
  ['standalone page', 'tips/index.html', ARTICLE_BUDGET],
  ['search page', 'search/index.html', ARTICLE_BUDGET, /src="\.\.\/search\.[0-9a-f]{8}\.js"/],
  ['404 page', '404.html', ARTICLE_BUDGET],
  ['Ukrainian front page', 'uk/index.html', FRONT_BUDGET],
  ['Ukrainian month archive', 'uk/archive/index.html', FRONT_BUDGET],
  ['Ukrainian month page', 'uk/archive/2023/02/index.html', FRONT_BUDGET],
  ['Ukrainian city page', 'uk/cities/bakhmut/index.html', FRONT_BUDGET],
  ['Ukrainian search page', 'uk/search/index.html', ARTICLE_BUDGET, /src="\.\.\/\.\.\/search\.[0-9a-f]{8}\.js"/],
];

test('the other page types: lists ≤ the front page\'s budget, single pages ≤ a dispatch\'s', () => {
  const over = [];
  for (const [name, rel, budget, script] of OTHERS) {
    const w = weigh(rel, { script });
    console.log(`budget: ${name} (${rel}): HTML ${kb(w.html)} + CSS ${kb(w.css)} = ${kb(w.html + w.css)} of ${kb(budget)}`);
    if (w.html + w.css > budget) over.push(`${rel}: ${kb(w.html + w.css)}`);
  }
  assert.deepEqual(over, [], 'pages over budget');
  // The search page's own script; Pagefind's bundle (fetched when searching) is logged by
  // search.test.js.
  const js = files.filter((f) => /^search\.[0-9a-f]{8}\.js$/.test(f));
  assert.equal(js.length, 1, `the search script: ${js.join(', ')}`);
  console.log(`budget: ${js[0]}: ${kb(fs.statSync(path.join(out, js[0])).size)}`);
});

test(`one small stylesheet (≤ ${CSS_BUDGET / KB} KB)`, () => {
  const css = fs.readdirSync(out).filter((f) => f.endsWith('.css'));
  assert.equal(css.length, 1, `stylesheets: ${css.join(', ')}`);
  const size = fs.statSync(path.join(out, css[0])).size;
  console.log(`budget: ${css[0]}: ${kb(size)}`);
  assert.ok(size <= CSS_BUDGET);
  const text = fs.readFileSync(path.join(out, css[0]), 'utf8');
  assert.ok(!/@import|@font-face|url\(/.test(text), 'no imports, web fonts or external images in the CSS');
});

test('text-only edition: no stylesheet file, no images, small pages', () => {
  const lite = ['lite/index.html', 'lite/archive/index.html', 'uk/lite/index.html', ...dispatches.map((d) => `lite/${d}`),
    ...ukDispatches.map((d) => `uk/lite/${d.slice(3)}`)];
  for (const f of lite) {
    const html = fs.readFileSync(path.join(out, f), 'utf8');
    assert.ok(!/<link\b[^>]*stylesheet|<img\b|<script\b/.test(html), `${f}: text only`);
    assert.ok(html.length <= ARTICLE_BUDGET, f);
  }
  const biggest = Math.max(...dispatches.map((d) => fs.statSync(path.join(out, 'lite', d)).size));
  console.log(`budget: largest text-only dispatch: ${kb(biggest)}`);
});
