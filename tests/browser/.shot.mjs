// ad-hoc: node .shot.mjs <outdir-of-site> <out.png> <path> <width> [scheme] [y] [h] [media]
import { serveStatic, launchBrowser } from './helpers.js';
const [dir, out, rel, width, scheme = 'light', y = '0', h = '900', media = 'screen'] = process.argv.slice(2);
const s = await serveStatic(dir); const b = await launchBrowser();
const p = await b.newPage(); await p.setViewportSize({ width: +width, height: 900 });
await p.emulateMedia({ colorScheme: scheme, media });
await p.goto(s.url + rel);
if (process.env.FOCUS) { for (let i = 0; i < +process.env.FOCUS; i++) await p.keyboard.press('Tab'); }
await p.screenshot({ path: out, fullPage: true, clip: { x: 0, y: +y, width: +width, height: +h } });
await b.close(); await s.close();
