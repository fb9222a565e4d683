// Page-weight budgets of the bundled blog (uncompressed bytes, photos aside): every dispatch's
// HTML plus its CSS within 30 KB, the front page's within 40 KB, one small stylesheet and no
// JavaScript. Needs no browser, so it never skips. A live page (#25) is one page however many
// updates it has: the budget applies to its first screen (everything before its third update:
// the intro, the key events and the two newest updates), and its whole weight is printed.
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

function weigh(rel) {
  const file = path.join(out, rel);
  const whole = fs.readFileSync(file, 'utf8');
  const html = firstScreen(whole);
  const sheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)]
    .map((m) => /href="([^"]+)"/.exec(m[0])[1]);
  assert.equal(sheets.length, 1, `${rel}: one stylesheet, got ${sheets.join(', ')}`);
  assert.ok(!/^[a-z]+:|^\/\//i.test(sheets[0]), `${rel}: the stylesheet is local (${sheets[0]})`);
  const css = fs.statSync(path.join(path.dirname(file), sheets[0])).size;
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/type="application\/ld\+json"/.test(m[1]));
  assert.equal(scripts.length, 0, `${rel}: no JavaScript`);
  return { html: Buffer.byteLength(html), css, whole: Buffer.byteLength(whole) };
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const dispatches = fs.readdirSync(out, { recursive: true })
  .filter((f) => /^\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(f.split(path.sep).join('/')));

test('the bundled blog has dispatches to weigh', () => {
  assert.ok(dispatches.length > 0, 'no dispatch pages in the build');
  assert.ok(dispatches.some((f) => /kramatorsk-station-live/.test(f)), 'the live page is weighed');
});

test(`every dispatch page: HTML + CSS ≤ ${ARTICLE_BUDGET / KB} KB`, () => {
  const rows = dispatches.map((f) => ({ f, ...weigh(f) })).sort((a, b) => b.html - a.html);
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
  for (const f of ['lite/index.html', ...dispatches.map((d) => `lite/${d}`)]) {
    const html = fs.readFileSync(path.join(out, f), 'utf8');
    assert.ok(!/<link\b[^>]*stylesheet|<img\b|<script\b/.test(html), `${f}: text only`);
    assert.ok(html.length <= ARTICLE_BUDGET, f);
  }
  const biggest = Math.max(...dispatches.map((d) => fs.statSync(path.join(out, 'lite', d)).size));
  console.log(`budget: largest text-only dispatch: ${kb(biggest)}`);
});
