// `dateline serve` in a real browser: open a dispatch, edit its Markdown on disk, and the page
// shows the new text by itself (the injected live-reload script), with no console error left.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, copySiteRoot, launchBrowser, browserGate, startServe, watch } from './helpers.js';

const skip = browserGate();
const SOURCE = 'content/2022/kyiv-blackouts.md';
const URL_PATH = '2022/11/kyiv-blackouts/';
const EVENTS = '/__dateline/events';

describe('dateline serve: live reload in Chromium', { skip }, () => {
  let root;
  let server;
  let browser;
  before(async () => {
    root = copySiteRoot();
    server = await startServe(binary(), root);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.once('exit', r)));
    }
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('editing a dispatch on disk updates the open page within 10 s, without a navigation command', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    let loads = 0;
    page.on('load', () => { loads += 1; });
    // Problems count from the latest document on: what an earlier document logged before it
    // was replaced (an aborted event stream) is not "kept".
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) w.reset(); });
    const connected = page.waitForRequest((r) => r.url().includes(EVENTS), { timeout: 10_000 });
    const res = await page.goto(server.url + URL_PATH, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    await connected;
    // Let the event stream's `hello` arrive before the edit.
    await page.waitForTimeout(500);

    const file = path.join(root, SOURCE);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const last = lines.findLastIndex((l) => /^[A-Z]/.test(l) && !l.includes('='));
    assert.ok(last > 0, `no body paragraph found in ${SOURCE}`);
    const marker = `Edited on disk at ${Date.now()}: the preview shows this sentence by itself.`;
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(marker));
    lines[last] = marker;
    const started = Date.now();
    fs.writeFileSync(file, lines.join('\n'));

    await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 10_000, polling: 100 });
    console.log(`live reload: new text shown ${Date.now() - started} ms after the edit (page loads: ${loads})`);
    assert.ok(loads >= 2, 'the page reloaded itself');

    // The reloaded page settles with no error kept.
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500);
    const kept = w.problems().filter((p) => !(p.includes(EVENTS) && p.includes('ERR_ABORTED')));
    assert.deepEqual(kept, [], 'problems on the reloaded page');
    assert.equal(await page.evaluate(() => document.getElementById('__dateline_error')), null, 'no error overlay');
    await page.close();
  });
});
