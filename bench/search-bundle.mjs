// What a reader downloads for one search: opens /search/?q=QUERY of a built site in headless
// Chromium (served on 127.0.0.1), waits for the first results, and sums the bytes of every
// response after the page itself (script, Pagefind's JS and WASM, index chunks, filters,
// fragments of the first results shown). Usage: node bench/search-bundle.mjs OUTPUT QUERY...
import { launchBrowser, serveStatic } from '../tests/browser/helpers.js';

const [out, ...queries] = process.argv.slice(2);
const server = await serveStatic(out);
const browser = await launchBrowser();
for (const q of queries) {
  const page = await browser.newPage();
  const seen = [];
  page.on('response', async (r) => {
    try {
      seen.push({ path: new URL(r.url()).pathname, bytes: (await r.body()).length });
    } catch { /* no body */ }
  });
  await page.goto(`${server.url}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''), null, { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  const kind = (p) => (p.endsWith('.js') ? 'js' : p.includes('wasm') ? 'wasm' : p.includes('/fragment/') ? 'fragments'
    : p.includes('/index/') ? 'index' : p.includes('/filter/') ? 'filters' : p.startsWith('/pagefind/') ? 'meta' : 'page');
  const sum = {};
  for (const s of seen) sum[kind(s.path)] = (sum[kind(s.path)] ?? 0) + s.bytes;
  const search = Object.entries(sum).filter(([k]) => k !== 'page').reduce((a, [, v]) => a + v, 0);
  const found = await page.locator('#search-status').textContent();
  console.log(`bundle "${q}": ${(search / 1024).toFixed(1)} KiB for search (${Object.entries(sum).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ')} KiB); ${found}`);
  await page.close();
}
await browser.close();
await server.close();
