// The offline edition (`dateline build --offline`) opened from file:// in Chromium: clicking
// through the site never lands on a folder listing, in the full and the lite edition.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { browserGate, dateline, launchBrowser, tempDir } from './helpers.js';

const skip = browserGate();

function buildOffline() {
  const out = path.join(tempDir('offline'), 'offline');
  dateline(['build', '--offline', '--output', out]);
  return out;
}

describe('offline edition from file:// in Chromium', { skip }, () => {
  let out;
  let browser;
  before(async () => {
    out = buildOffline();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  // Follows the navigation a reader would: home → Cities → a city → a dispatch → Text only →
  // back home from the lite edition; every stop is a rendered page with the site's stylesheet
  // (or, in the lite edition, none), never a directory listing.
  test('clicking through the site stays on pages', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
    const visit = async (selector, expectPath) => {
      await Promise.all([page.waitForEvent('load'), page.click(selector)]);
      const url = page.url();
      assert.ok(url.startsWith('file://') && url.endsWith('.html'), `${selector} led to ${url}`);
      if (expectPath) assert.ok(url.includes(expectPath), `${selector} led to ${url}`);
      const listing = await page.evaluate(() => document.title.startsWith('Index of') || !!document.querySelector('#parentDirLinkBox'));
      assert.ok(!listing, `${url} is a folder listing`);
    };
    await visit('nav a[href^="cities/"]', '/cities/index.html');
    const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.ok(css.length > 0);
    await visit('main a[href*="index.html"]');
    await visit('a[href$="index.html"]:not(.brand)');
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
    await visit('a.lite-link', '/lite/');
    await visit('a[href$="index.html"]');
    await page.close();
  });
});
