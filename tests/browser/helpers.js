// Shared pieces of the browser tests: build the bundled blog, serve it on 127.0.0.1, drive
// Debian's Chromium through playwright-core (never a downloaded browser). The binary is the
// debug one (`cargo build`, which `cargo test` has already done in CI), or $DATELINE_BIN.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

export const CRATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/// The dateline binary the tests run: $DATELINE_BIN if set (used as it is), else the debug
/// binary, brought up to date by `cargo build` once per test file.
export const BINARY = process.env.DATELINE_BIN
  ? path.resolve(process.env.DATELINE_BIN)
  : path.join(CRATE, 'target', 'debug', 'dateline');
export const SCREENSHOTS = path.join(CRATE, 'target', 'screenshots');
export const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const CI = !!process.env.CI && !/^(0|false|no)$/i.test(process.env.CI);

/// `undefined` when the browser tests can run; else the reason to skip them. Under CI a missing
/// browser is a failure, never a skip.
export function skipReason() {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (CI) return undefined; // launch() fails with a clear message
  return `${CHROMIUM} not found: install it with \`apt-get install chromium\` (or run .ci/browser.sh); with CI=true this fails instead of skipping`;
}

/// Declares the gate test of a browser test file: skipped (counted, with the reason) when
/// Chromium is missing outside CI, failed when it is missing under CI. Returns the skip reason.
export function browserGate() {
  const reason = skipReason();
  test(`Debian's Chromium is installed at ${CHROMIUM}`, { skip: reason }, () => {
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing and CI is set: run .ci/browser.sh (apt-get install chromium)`);
  });
  return reason;
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dateline-${prefix}-`));
}

let built = false;

/// The dateline binary: $DATELINE_BIN as it is, or the debug binary after `cargo build`.
export function binary() {
  if (!process.env.DATELINE_BIN && !built) {
    const r = spawnSync('cargo', ['build', '--quiet'], { cwd: CRATE, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cargo build failed:\n${r.stderr}`);
    built = true;
  }
  if (!fs.existsSync(BINARY)) throw new Error(`${BINARY} is missing: run \`cargo build\` or set DATELINE_BIN`);
  return BINARY;
}

/// Runs `dateline <args>` in the crate (the bundled blog's root); throws with its output when it
/// fails.
export function dateline(args) {
  const r = spawnSync(binary(), args, { cwd: CRATE, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dateline ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/// `dateline build --output <tmp> [args]` on the bundled blog (or `--root`, in `args`);
/// returns the output folder.
export function buildSite(args = []) {
  const out = path.join(tempDir('site'), 'out');
  dateline(['build', '--output', out, ...args]);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

/// A tiny static server for `dir` on 127.0.0.1 (a free port). `/a/` serves `a/index.html`;
/// anything missing is a 404 with the site's 404.html. Resolves to `{url, close}`.
export function serveStatic(dir) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        const notFound = path.join(root, '404.html');
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
      });
    });
  });
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/// Debian's Chromium with a fresh profile. Returns a playwright BrowserContext; `close()` also
/// removes the profile.
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing (CI is set, so this fails instead of skipping): run .ci/browser.sh or apt-get install chromium`);
  }
  const profile = tempDir('profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  // Nothing leaves this machine: a request to any host but 127.0.0.1 is recorded by the
  // page watcher and aborted here.
  await context.route((url) => !isLocal(url), (route) => route.abort('blockedbyclient'));
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

export function isLocal(url) {
  const u = typeof url === 'string' ? new URL(url) : url;
  // file:// is this machine's disk (the offline edition is opened from it).
  if (u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'file:') return true;
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '127.0.0.1';
}

/// Records what goes wrong on a page: console errors, page errors, failed requests, HTTP errors
/// and requests to other hosts. `reset()` forgets what was recorded so far.
export function watch(page) {
  const w = { console: [], pageErrors: [], failed: [], http: [], foreign: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.console.push(`${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  page.on('request', (r) => {
    if (!isLocal(r.url())) w.foreign.push(r.url());
  });
  page.on('requestfailed', (r) => w.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) w.http.push(`${r.url()}: HTTP ${r.status()}`);
  });
  w.reset = () => {
    for (const k of ['console', 'pageErrors', 'failed', 'http', 'foreign']) w[k].length = 0;
  };
  w.problems = () => [
    ...w.console.map((s) => `console error: ${s}`),
    ...w.pageErrors.map((s) => `page error: ${s}`),
    ...w.failed.map((s) => `failed request: ${s}`),
    ...w.http.map((s) => `bad response: ${s}`),
    ...w.foreign.map((s) => `request to another host: ${s}`),
  ];
  return w;
}

/// axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is; returns the violations.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations;
}

export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
      .join('\n')}`)
    .join('\n');
}

/// Starts `dateline serve` on a free port; resolves once it listens, to `{url, child, output}`.
export function startServe(binary, root) {
  const child = spawn(binary, ['serve', '--root', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // A guard against a hang, not a speed check: the debug binary's first build resizes the
    // photos, about a minute on two cores when the copied root has no photo cache.
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`dateline serve did not start within 300 s:\n${output}`));
    }, 300_000);
    const onData = (d) => {
      output += d;
      const m = /Serving at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1].endsWith('/') ? m[1] : `${m[1]}/`, child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { output += d; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dateline serve exited (${code}):\n${output}`));
    });
  });
}

/// Copies what a site root holds (not build products) into a fresh temp folder, with the
/// bundled blog's photo cache (`.dateline/images`, filled by an earlier build) when there is
/// one: resizing the photos again is slow in a debug binary and is not what those tests check.
export function copySiteRoot() {
  const dest = tempDir('root');
  for (const name of ['config.toml', 'cities.toml', 'content', 'static', 'themes', '.dateline/images']) {
    const src = path.join(CRATE, name);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dest, name), { recursive: true });
  }
  return dest;
}
