// Search on the bundled blog, in Debian's headless Chromium: the /search/ page finds the seed
// dispatch first for its city's name and for that city's other spelling (the gazetteer's
// aliases are in the index), a city filter narrows the results to that city's dispatches, the
// page works from the keyboard, passes axe with results shown, and without JavaScript says so
// and links to the ways of browsing that need none. Also logs what one search downloads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  SCREENSHOTS, axeViolations, browserGate, buildSite, describeViolations, launchBrowser,
  serveStatic, watch,
} from './helpers.js';

const skip = browserGate();
const out = skip ? null : buildSite();
const SEED = '2023/02/bakhmut-encirclement/';

/// Opens /search/ (with `query` string), waits for the form the script shows.
async function openSearch(browser, base, query = '', { edition = '', width = 1280 } = {}) {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  const w = watch(page);
  const bytes = { total: 0, files: [] };
  page.on('response', async (r) => {
    try {
      const b = await r.body();
      bytes.total += b.length;
      bytes.files.push(`${new URL(r.url()).pathname} ${b.length}`);
    } catch { /* redirects have no body */ }
  });
  await page.goto(`${base}${edition}search/${query}`, { waitUntil: 'load' });
  await page.waitForSelector('#search:not([hidden])');
  return { page, w, bytes };
}

/// Types `text` into the search box from the keyboard, submits, and returns the result links.
async function search(page, text) {
  const box = page.locator('#search-q');
  await box.fill('');
  await box.focus();
  await page.keyboard.type(text);
  // The status still tells the previous search's count: clear it, so that the wait below is
  // for this search's.
  await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /found/.test(document.getElementById('search-status').textContent));
  return page.evaluate(() => [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')));
}

describe('search in Chromium', { skip }, () => {
  let server;
  let browser;
  before(async () => {
    server = await serveStatic(out);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  for (const q of ['Chasiv Yar', 'Chasov Yar', 'Часів Яр']) {
    test(`"${q}" finds the seed dispatch first`, async () => {
      const { page, w, bytes } = await openSearch(browser, server.url);
      const links = await search(page, q);
      assert.ok(links.length > 0, `no result for ${q}`);
      assert.equal(links[0], `../${SEED}`, `${q}: first result`);
      const status = await page.locator('#search-status').textContent();
      assert.match(status, /^\d+ dispatch(es)? found\.$/);
      assert.deepEqual(w.problems(), [], 'problems while searching');
      console.log(`search bundle for "${q}": ${bytes.total} bytes in ${bytes.files.length} responses`);
      await page.close();
    });
  }

  test('a city filter keeps only that city\'s dispatches', async () => {
    const { page, w } = await openSearch(browser, server.url);
    const options = await page.evaluate(() => [...document.querySelector('select[name=city]').options]
      .filter((o) => o.value).map((o) => ({ value: o.value, label: o.textContent })));
    assert.ok(options.length > 1, 'cities to filter by');
    const kyiv = options.find((o) => o.value === 'Kyiv');
    assert.ok(kyiv, `Kyiv among ${options.map((o) => o.value)}`);
    const count = Number(/\((\d+)\)/.exec(kyiv.label)[1]);
    await page.selectOption('select[name=city]', 'Kyiv');
    await page.waitForFunction(() => /found/.test(document.getElementById('search-status').textContent));
    while (await page.locator('#search-more').isVisible()) await page.click('#search-more');
    const links = await page.evaluate(() => [...document.querySelectorAll('#search-results h2 a')].map((a) => a.getAttribute('href')));
    assert.equal(links.length, count, 'as many results as the filter says');
    // Every result is on Kyiv's city page, which lists the dispatches filed from Kyiv.
    const city = fs.readFileSync(path.join(out, 'cities/kyiv/index.html'), 'utf8');
    for (const l of links) assert.ok(city.includes(`href="../../${l.replace(/^\.\.\//, '')}"`), `${l} is not a Kyiv dispatch`);
    // With words as well: fewer or as many, never another city's.
    await search(page, 'power');
    const narrowed = await page.evaluate(() => [...document.querySelectorAll('#search-results h2 a')].map((a) => a.getAttribute('href')));
    assert.ok(narrowed.length > 0, 'a Kyiv dispatch speaks of power');
    for (const l of narrowed) assert.ok(links.includes(l), `${l} is not a Kyiv dispatch`);
    assert.ok(page.url().includes('city=Kyiv'), 'the filter is in the address, to share');
    assert.deepEqual(w.problems(), []);
    await page.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no violation with results shown (${scheme})`, async () => {
      const { page } = await openSearch(browser, server.url, '?q=Bakhmut');
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector('#search-results li');
      const v = await axeViolations(page);
      if (scheme === 'light') {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: path.join(SCREENSHOTS, `search-${width}.png`), fullPage: true });
        }
      }
      await page.close();
      assert.equal(v.length, 0, `axe violations on /search/ (${scheme}):\n${describeViolations(v)}`);
    });
  }

  // The Ukrainian edition has an index of its own (its dispatches, in Ukrainian): on a phone,
  // typing a city's Ukrainian name finds the Ukrainian version of the seed dispatch, and the
  // results stay in /uk/. The status is read for a count only: its words are the interface's
  // (translated on another branch).
  test('Ukrainian edition on a phone: "Бахмут" finds the Ukrainian seed dispatch', async () => {
    const { page, w } = await openSearch(browser, server.url, '', { edition: 'uk/', width: 390 });
    const box = page.locator('#search-q');
    await box.focus();
    await page.keyboard.type('Бахмут');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /\d/.test(document.getElementById('search-status').textContent));
    const links = await page.evaluate(() => [...document.querySelectorAll('#search-results h2 a')].map((a) => a.href));
    assert.ok(links.length > 0, 'results');
    assert.ok(links[0].endsWith(`/uk/${SEED}`), `first result: ${links[0]}`);
    for (const l of links) assert.ok(new URL(l).pathname.startsWith('/uk/'), `${l} is in the Ukrainian edition`);
    assert.match(await page.textContent('#search-results h2 a'), /Бахмут/);
    // The place and date read as the Ukrainian page prints them (genitive month), not in English.
    assert.match(await page.textContent('#search-results .meta'), /^Бахмут · 5 лютого 2023\u202fр\.$/);
    const o = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert.ok(o.sw <= o.iw, `nothing overflows at 390 px (${o.sw} > ${o.iw})`);
    const v = await axeViolations(page);
    assert.equal(v.length, 0, `axe violations on /uk/search/ with results:\n${describeViolations(v)}`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uk-search-390.png'), fullPage: true });
    assert.deepEqual(w.problems(), [], 'problems while searching');
    // The first result opens the Ukrainian dispatch.
    await page.click('#search-results h2 a');
    await page.waitForURL(`**/uk/${SEED}`, { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'uk');
    assert.deepEqual(w.problems(), [], 'problems opening the result');
    await page.close();
  });

  test('the search box is reached from the keyboard and labelled', async () => {
    const { page } = await openSearch(browser, server.url);
    const label = await page.evaluate(() => document.getElementById('search-q').labels[0]?.textContent);
    assert.ok(label, 'the search box has a label');
    const role = await page.evaluate(() => document.getElementById('search').getAttribute('role'));
    assert.equal(role, 'search');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'search-q')) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'Tab reaches the search box');
    await page.close();
  });

  test('without JavaScript: a plain message and links to cities, topics and the month archive', async () => {
    // The browser profile is shared, so the script is kept from loading instead: the page is
    // then what a browser without JavaScript shows.
    const page = await browser.newPage();
    await page.route(/\/search\.[0-9a-f]{8}\.js$/, (route) => route.abort());
    await page.goto(`${server.url}search/`, { waitUntil: 'load' });
    assert.ok(await page.locator('#search').isHidden(), 'the form stays hidden');
    assert.ok(await page.locator('#search-nojs').isVisible(), 'the message shows');
    const text = await page.locator('#search-nojs').textContent();
    assert.match(text, /JavaScript/);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('#search-nojs a')].map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['../cities/', '../tags/', '../archive/']);
    await page.close();
  });
});
