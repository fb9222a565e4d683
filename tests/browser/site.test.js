// The bundled blog, built by `dateline build` (helpers.js: the debug binary), served on 127.0.0.1 and opened in
// Debian's headless Chromium: every page type loads cleanly, passes axe-core's WCAG 2 A/AA
// rules in light and dark mode, fits a phone screen, and gets screenshotted for review.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  SCREENSHOTS, axeViolations, buildSite, copySiteRoot, dateline, describeViolations, launchBrowser,
  serveStatic, browserGate, tempDir, watch,
} from './helpers.js';

const skip = browserGate();

const out = skip ? null : buildSite();
const has = (p) => !!out && fs.existsSync(path.join(out, p, p.endsWith('.html') ? '' : 'index.html'));
const firstDir = (p) => (out ? fs.readdirSync(path.join(out, p), { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => d.name).sort()[0] : 'x');

// The richest dispatches of the bundled blog: a photo, a content warning, corrections, a table.
const DISPATCH = '2023/02/bakhmut-encirclement/';
const DISPATCHES = {
  dispatch: DISPATCH,
  'dispatch with content warning': '2022/04/bucha-after-withdrawal/',
  'dispatch with corrections': '2022/11/kyiv-blackouts/',
  'dispatch with a table': '2022/09/kharkiv-counteroffensive-izium/',
  'live coverage': '2022/04/kramatorsk-station-live/',
};
const PAGES = {
  'front page': '',
  ...(has('page/2/') ? { 'front page 2': 'page/2/' } : {}),
  ...DISPATCHES,
  'city page': 'cities/bakhmut/',
  'cities index': 'cities/',
  'topics index': 'tags/',
  'topic page': `tags/${firstDir('tags')}/`,
  'author page': `authors/${firstDir('authors')}/`,
  '404 page': '404.html',
  'text-only front page': 'lite/',
  'text-only dispatch': `lite/${DISPATCH}`,
  'month archive': 'archive/',
  'month page': 'archive/2023/02/',
  'text-only month archive': 'lite/archive/',
  'text-only month page': 'lite/archive/2023/02/',
  // The one page with a script (search.test.js searches with it); here it is checked as it
  // first shows, like every page.
  'search page': 'search/',
  'text-only live coverage': 'lite/2022/04/kramatorsk-station-live/',
  // Standalone pages (content/pages/), in the menu from `[[menu]]` in config.toml.
  'standalone page': 'about/',
  'standalone page (corrections)': 'corrections/',
};
/// The pages allowed a script, and the script each may load (its fingerprinted name).
const SCRIPTED = {
  'search/': /^<script type="module" src="\.\.\/search\.[0-9a-f]{8}\.js"><\/script>$/,
  'uk/search/': /^<script type="module" src="\.\.\/\.\.\/search\.[0-9a-f]{8}\.js"><\/script>$/,
};

// The Ukrainian edition: a translated dispatch (with the shared photos), one in Ukrainian only,
// and the lists.
const UK = {
  'Ukrainian front page': 'uk/',
  'Ukrainian dispatch': `uk/${DISPATCH}`,
  'Ukrainian-only dispatch': 'uk/2024/05/kharkiv-metro-school/',
  'Ukrainian city page': 'uk/cities/bakhmut/',
  'Ukrainian cities index': 'uk/cities/',
  'Ukrainian topics index': 'uk/tags/',
  'Ukrainian 404 page': 'uk/404.html',
  'Ukrainian text-only front page': 'uk/lite/',
  'Ukrainian month archive': 'uk/archive/',
  'Ukrainian month page': 'uk/archive/2023/02/',
  'Ukrainian text-only month archive': 'uk/lite/archive/',
  'Ukrainian search page': 'uk/search/',
};

/// Opens `rel` at `width` × 900 and checks the load; returns the page (caller closes it).
async function open(browser, base, rel, { width = 1280, scheme = 'light' } = {}) {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  const w = watch(page);
  const res = await page.goto(base + rel, { waitUntil: 'load' });
  assert.equal(res.status(), 200, `${rel}: HTTP ${res.status()}`);
  // Lazy images below the fold load only when scrolled to: scroll through the page.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  assert.deepEqual(w.problems(), [], `${rel}: problems while loading`);
  return page;
}

async function overflow(page) {
  return page.evaluate(() => {
    const { scrollWidth } = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.className?.baseVal ?? e.className}"> right=${Math.round(e.getBoundingClientRect().right)}`);
    return { scrollWidth, innerWidth: window.innerWidth, wide };
  });
}

/// Every check of one served site, for the pages given.
function checkPages(label, getBase, getBrowser, pages) {
  for (const [name, rel] of Object.entries(pages)) {
    test(`${label}${name} (/${rel}): loads with no failed or foreign request and no console error`, async () => {
      const page = await open(getBrowser(), getBase(), rel);
      const lang = await page.evaluate(() => document.documentElement.lang);
      assert.equal(lang, rel.startsWith('uk/') ? 'uk' : 'en', 'html lang is the edition\'s language');
      const scripts = await page.evaluate(() => [...document.scripts]
        .filter((s) => s.type !== 'application/ld+json').map((s) => s.outerHTML.slice(0, 80)));
      if (SCRIPTED[rel]) {
        assert.equal(scripts.length, 1, `${rel}: one script`);
        assert.match(scripts[0], SCRIPTED[rel], `${rel}: its own local script`);
      } else {
        assert.deepEqual(scripts, [], 'built pages carry no JavaScript');
      }
      await page.close();
    });

    for (const scheme of ['light', 'dark']) {
      test(`${label}${name} (/${rel}): axe-core finds no WCAG 2 A/AA violation (${scheme})`, async () => {
        const page = await open(getBrowser(), getBase(), rel, { scheme });
        const v = await axeViolations(page);
        await page.close();
        assert.equal(v.length, 0, `axe violations on /${rel} (${scheme}):\n${describeViolations(v)}`);
      });
    }

    for (const width of [390, 320]) {
      test(`${label}${name} (/${rel}): nothing overflows horizontally at ${width} px`, async () => {
        const page = await open(getBrowser(), getBase(), rel, { width });
        const o = await overflow(page);
        await page.close();
        assert.ok(o.scrollWidth <= o.innerWidth,
          `/${rel} at ${width} px: scrollWidth ${o.scrollWidth} > ${o.innerWidth}; widest: ${o.wide.join(', ')}`);
      });
    }
  }
}

describe('bundled blog in Chromium', { skip }, () => {
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

  checkPages('', () => server.url, () => browser, PAGES);
  checkPages('', () => server.url, () => browser, UK);

  /// Clicks the language switch's `lang` link (it must be on screen: no hidden menu) and
  /// waits for the page it leads to.
  async function switchTo(page, lang) {
    const link = page.locator(`nav.languages a[lang=${lang}]`);
    assert.ok(await link.isVisible(), `the ${lang} link of the language switch is on screen`);
    const box = await link.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= page.viewportSize().width, `the ${lang} link fits the screen`);
    await Promise.all([page.waitForEvent('load'), link.click()]);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
  }

  for (const width of [390, 1280]) {
    test(`the language switch leads to the same dispatch in the other language and back (${width} px)`, async () => {
      const page = await open(browser, server.url, DISPATCH, { width });
      await switchTo(page, 'uk');
      assert.ok(page.url().endsWith(`/uk/${DISPATCH}`), page.url());
      assert.match(await page.textContent('h1'), /Бахмут/);
      const photo = await page.evaluate(() => document.querySelector('.lead img').currentSrc);
      assert.ok(!photo.includes('/uk/'), `the photo is the English page's: ${photo}`);
      // The date links to the Ukrainian edition's month.
      const month = await page.evaluate(() => document.querySelector('.meta a.date').href);
      assert.ok(month.endsWith('/uk/archive/2023/02/'), month);
      await switchTo(page, 'en');
      assert.ok(page.url().endsWith(`/${DISPATCH}`) && !page.url().includes('/uk/'), page.url());
      await page.close();
    });

    test(`the language switch leads from the month archive and the search page to their other edition and back (${width} px)`, async () => {
      for (const rel of ['archive/', 'search/']) {
        const page = await open(browser, server.url, rel, { width });
        await switchTo(page, 'uk');
        assert.ok(page.url().endsWith(`/uk/${rel}`), `${rel} → ${page.url()}`);
        await switchTo(page, 'en');
        assert.ok(page.url().endsWith(`/${rel}`) && !page.url().includes('/uk/'), `${rel} → back to ${page.url()}`);
        await page.close();
      }
    });
  }

  test('a dispatch\'s date leads to its month in the archive, which lists it', async () => {
    const page = await open(browser, server.url, DISPATCH, { width: 390 });
    await Promise.all([page.waitForEvent('load'), page.click('.dispatch-header .meta a.date')]);
    assert.ok(page.url().endsWith('/archive/2023/02/'), page.url());
    const links = await page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => a.href));
    assert.ok(links.some((h) => h.endsWith(`/${DISPATCH}`)), `the month lists the dispatch: ${links.join(' ')}`);
    await page.close();
  });

  test('live coverage on a phone: a key event leads to its update, on screen', async () => {
    const page = await open(browser, server.url, DISPATCHES['live coverage'], { width: 390 });
    const keys = await page.evaluate(() => [...document.querySelectorAll('.key-events a')].map((a) => a.getAttribute('href')));
    assert.ok(keys.length > 0, 'key events are listed');
    // Updates come newest first.
    const times = await page.evaluate(() => [...document.querySelectorAll('.updates article.update > .meta time')].map((t) => t.getAttribute('datetime')));
    assert.ok(times.length > 2, 'updates');
    assert.deepEqual(times, [...times].sort().reverse(), 'updates newest first');
    const last = keys[keys.length - 1];
    await page.click(`.key-events a[href="${last}"]`);
    await page.waitForFunction((h) => location.hash === h, last);
    const where = await page.evaluate((h) => {
      const r = document.querySelector(h).getBoundingClientRect();
      return { top: r.top, matches: document.querySelector(h).matches(':target') };
    }, last);
    assert.ok(where.matches, `${last} is the target`);
    assert.ok(where.top >= -1 && where.top < 900, `${last} is on screen (top ${where.top})`);
    await page.close();
  });

  test('the menu comes from config.toml and marks the page shown, on a phone too', async () => {
    const expected = ['Latest', 'Cities', 'Topics', 'Archive', 'Search', 'About', 'Tips'];
    for (const [rel, current] of [['', 'Latest'], ['archive/2023/02/', 'Archive'], ['archive/', 'Archive'], ['search/', 'Search'], ['about/', 'About']]) {
      const page = await open(browser, server.url, rel, { width: 390 });
      const menu = await page.evaluate(() => [...document.querySelectorAll('.site-header nav[aria-label] > a:not(.lite-link)')]
        .filter((a) => !a.closest('nav.languages'))
        .map((a) => ({ name: a.textContent, current: a.getAttribute('aria-current'), right: a.getBoundingClientRect().right })));
      assert.deepEqual(menu.map((m) => m.name), expected, `/${rel}: the menu`);
      assert.deepEqual(menu.filter((m) => m.current === 'page').map((m) => m.name), current ? [current] : [], `/${rel}: the current entry`);
      for (const m of menu) assert.ok(m.right <= 390, `/${rel}: ${m.name} fits the phone's width`);
      await page.close();
    }
    // The standalone page is the one its menu entry leads to.
    const page = await open(browser, server.url, '', { width: 390 });
    await Promise.all([page.waitForEvent('load'), page.click('.site-header nav a:text-is("About")')]);
    assert.ok(page.url().endsWith('/about/'), page.url());
    assert.ok((await page.textContent('h1')).length > 0, 'the page has a heading');
    await page.close();
  });

  test('screenshots of the Ukrainian edition at 390 and 1280 px', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shots = {
      'uk-front': 'uk/',
      'uk-dispatch': `uk/${DISPATCH}`,
      'uk-city': 'uk/cities/bakhmut/',
      'uk-archive': 'uk/archive/',
      'uk-month': 'uk/archive/2023/02/',
      'uk-only-dispatch': 'uk/2024/05/kharkiv-metro-school/',
    };
    for (const [name, rel] of Object.entries(shots)) {
      for (const width of [390, 1280]) {
        const page = await open(browser, server.url, rel, { width });
        const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
        assert.ok(fs.statSync(file).size > 1000, file);
      }
    }
  });

  test('the skip link is the first focusable element and moves focus to <main>', async () => {
    const page = await open(browser, server.url, DISPATCH);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement.textContent,
      href: document.activeElement.getAttribute('href'),
      visible: document.activeElement.getBoundingClientRect().left >= 0,
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    assert.equal(first.text, 'Skip to content');
    assert.equal(first.href, '#main');
    assert.ok(first.visible, 'the focused skip link is on screen');
    assert.notEqual(first.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
    assert.ok(await page.evaluate(() => !!document.querySelector('header[role=banner], body > header') &&
      !!document.querySelector('main') && !!document.querySelector('body > footer')), 'landmarks');
    await page.close();
  });

  test('print stylesheet hides navigation and prints outside link targets', async () => {
    const page = await open(browser, server.url, DISPATCH);
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('.site-header nav')).display,
      footer: getComputedStyle(document.querySelector('.site-footer')).display,
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    assert.equal(r.nav, 'none');
    assert.equal(r.footer, 'none');
    assert.equal(r.bg, 'rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'dispatch-print.pdf'), pdf);
    await page.close();
  });

  test('screenshots of the front page, a dispatch and a city page at 390 and 1280 px', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shots = {
      front: '',
      dispatch: DISPATCH,
      city: 'cities/bakhmut/',
      'dispatch-cw': DISPATCHES['dispatch with content warning'],
      'dispatch-corrections': DISPATCHES['dispatch with corrections'],
      'dispatch-table': DISPATCHES['dispatch with a table'],
      cities: 'cities/',
      lite: `lite/${DISPATCH}`,
      archive: 'archive/',
      month: 'archive/2023/02/',
      'lite-archive': 'lite/archive/',
      live: DISPATCHES['live coverage'],
      about: 'about/',
      corrections: 'corrections/',
    };
    const written = [];
    for (const [name, rel] of Object.entries(shots)) {
      for (const width of [390, 1280]) {
        for (const scheme of name === 'front' || name === 'dispatch' || name === 'city' ? ['light', 'dark'] : ['light']) {
          const page = await open(browser, server.url, rel, { width, scheme });
          const file = path.join(SCREENSHOTS, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(path.relative(process.cwd(), file));
          await page.close();
        }
      }
    }
    console.log(`screenshots: ${written.join(', ')}`);
    for (const f of written) assert.ok(fs.statSync(f).size > 1000, f);
  });
});

// The bundled blog fits on one page; the same site with `paginate = 1` exercises later pages of
// the front page, a city timeline, a topic and the text-only edition.
describe('paginated build (paginate = 1) in Chromium', { skip }, () => {
  let server;
  let browser;
  let root;
  let paged;
  before(async () => {
    root = copySiteRoot();
    const config = path.join(root, 'config.toml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^paginate\s*=.*$/m, 'paginate = 1'));
    paged = tempDir('paged');
    const dest = path.join(paged, 'out');
    dateline(['build', '--root', root, '--output', dest]);
    server = await serveStatic(dest);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const d of [root, paged]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  checkPages('paginated: ', () => server.url, () => browser, {
    'front page 5': 'page/5/',
    'city page 2': 'cities/kyiv/page/2/',
    'topic page 2': 'tags/civilians/page/2/',
    'text-only page 2': 'lite/page/2/',
  });

  test('paginated: screenshots of pagination', async () => {
    for (const width of [390, 1280]) {
      const page = await open(browser, server.url, 'page/5/', { width });
      await page.screenshot({ path: path.join(SCREENSHOTS, `front-page5-${width}.png`), fullPage: true });
      await page.close();
    }
  });
});
